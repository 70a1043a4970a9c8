//! `idesk`: the headless command line on the same core as the app. Contract: shared/docs/cli.md.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use output::Format;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "idesk",
    version = idesk_core::VERSION,
    about = "Integration Desk on the command line: connect Freshdesk and Freshchat to workforce management.",
    after_help = "Environment:\n  IDESK_DATA_DIR        data folder (default: the platform's app-data folder)\n  IDESK_FRESHWORKS_URL  route every Freshworks host to this http://127.0.0.1:PORT (tests, demo)\n  IDESK_TIME_SCALE      a minute lasts 60/N seconds for rate-limit pacing (tests, benchmarks)\n\nExit codes: 0 done, 1 the command ran and something failed, 2 usage or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Show the version, the data and log folders and the database in use (opens the database).
    Info {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run the Freshworks simulator (Freshdesk + Freshchat APIs) until stopped.
    Sim(idesk_sim::cli::SimArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return output::usage_error(e),
    };
    let result = match cli.command {
        Command::Info { format } => commands::info::run(format),
        Command::Sim(args) => commands::sim::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => output::report(&failure),
    }
}
