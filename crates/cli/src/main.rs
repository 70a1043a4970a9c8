//! `idesk`: the headless command line on the same core as the app. Contract: docs/cli.md.

// First: its `println!` replaces std's in every module below.
#[macro_use]
mod output;
mod commands;
mod signals;

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
    /// Add, list and remove integrations.
    #[command(subcommand)]
    Integrations(commands::integrations::IntegrationsCommand),
    /// Run the connection checks of an integration again with its stored key.
    Check {
        name: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// What each integration is doing, since when, and why (exit 0 whatever the states).
    Status {
        /// One integration (default: every one).
        name: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The injixo API key of an integration.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Import an integration's history into the local cache (continues after a crash or kill).
    Import {
        name: String,
        /// Start of the backfill window: YYYY-MM-DD or RFC 3339 (default: 90 days ago).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// One continuous-stage sync (what changed since the last run), or keep syncing with --watch.
    Sync {
        name: String,
        /// Keep syncing until stopped (Ctrl-C or SIGTERM).
        #[arg(long)]
        watch: bool,
        /// With --watch: minutes between syncs, 1 to 1440 (default: the integration's setting, 5
        /// unless changed in the app).
        #[arg(long, value_name = "MINUTES", requires = "watch")]
        every: Option<u32>,
    },
    /// Offered contacts per source queue and interval, from the local cache.
    Queues {
        name: String,
        /// Inclusive start: YYYY-MM-DD (midnight in the zone) or RFC 3339 (default: 6 days before today).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Exclusive end (default: the end of today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Interval length in minutes: 15, 30 or 60.
        #[arg(long, default_value_t = 15)]
        interval: u32,
        /// Time zone, IANA or Freshdesk's name (default: the account's; Freshchat: the computer's).
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        #[arg(long, value_enum, default_value_t = commands::data::QueuesFormat::Table)]
        format: commands::data::QueuesFormat,
    },
    /// Check every link from the help desk to the WFM system live and name the first broken one.
    Diagnose {
        name: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also write the redacted report (Markdown) to this file.
        #[arg(long, value_name = "FILE")]
        report: Option<std::path::PathBuf>,
    },
    /// Why one Freshdesk ticket became N contacts in M queues: each entry counted or not, and why.
    Explain {
        name: String,
        /// The ticket's id (its number in Freshdesk).
        #[arg(long, value_name = "ID")]
        ticket: u64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run the Freshworks simulator (Freshdesk + Freshchat APIs) until stopped.
    Sim(idesk_sim::cli::SimArgs),
}

#[derive(Subcommand, Debug)]
enum KeyCommand {
    /// Create a new injixo API key (the old one stops working at once) and print it once.
    Generate { name: String },
    /// Check a pasted injixo API key: active, replaced (when) or unknown.
    Check {
        name: String,
        /// Read the key from this environment variable (default: one line on stdin).
        #[arg(long, value_name = "VAR")]
        key_env: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return output::usage_error(e),
    };
    // Said once per run, after the command's own output (its first stderr line stays the
    // `error[...]` of docs/cli.md): the key went to a loopback address, not to Freshworks.
    let routed = !matches!(cli.command, Command::Sim(_));
    let result = match cli.command {
        Command::Info { format } => commands::info::run(format),
        Command::Integrations(cmd) => commands::integrations::run(cmd),
        Command::Check { name, format } => commands::integrations::check(&name, format),
        Command::Status { name, format } => commands::status::run(name.as_deref(), format),
        Command::Key(KeyCommand::Generate { name }) => commands::integrations::generate_key(&name),
        Command::Import { name, since } => commands::data::import(&name, since.as_deref()),
        Command::Sync { name, watch, every } => commands::data::sync(&name, watch, every),
        Command::Queues {
            name,
            from,
            to,
            interval,
            tz,
            format,
        } => commands::data::queues(commands::data::QueuesArgs {
            name: &name,
            from: from.as_deref(),
            to: to.as_deref(),
            interval,
            tz: tz.as_deref(),
            format,
        }),
        Command::Key(KeyCommand::Check { name, key_env }) => {
            commands::key::check(&name, key_env.as_deref())
        }
        Command::Diagnose {
            name,
            format,
            report,
        } => commands::diagnose::run(&name, format, report.as_deref()),
        Command::Explain {
            name,
            ticket,
            format,
        } => commands::explain::run(&name, ticket, format),
        Command::Sim(args) => commands::sim::run(args),
    };
    let exit = match result {
        Ok(()) => {
            output::flush_stdout();
            ExitCode::SUCCESS
        }
        Err(failure) => output::report(&failure),
    };
    if let Some(notice) = routed
        .then(idesk_core::freshworks::override_notice)
        .flatten()
    {
        eprintln!("{notice}");
    }
    exit
}
