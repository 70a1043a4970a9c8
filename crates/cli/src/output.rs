//! Output conventions shared by every command: formats, error lines and exit codes (docs/cli.md).

use idesk_core::{CoreError, ErrorCode};
use std::io::Write;
use std::process::ExitCode;

/// Every `println!` of this crate (this module is declared first, so the macro shadows std's):
/// one line of output data on stdout through [`write_stdout`], so that a closed stdout ends the
/// command with an error line instead of std's panic.
macro_rules! println {
    () => {
        $crate::output::write_stdout(::std::format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_stdout(::std::format_args!("{}\n", ::std::format_args!($($arg)*)))
    };
}

/// Writes output data to stdout. When stdout is closed (`idesk ... | head -0`) or cannot be
/// written, the command stops here: `error[output_closed]` on stderr and exit 1. Stopping at once
/// keeps a command from going on (and, say, committing) after its answer was lost; SQLite rolls
/// back an open transaction.
pub fn write_stdout(text: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(text).and_then(|()| out.flush()) {
        stdout_failed(e)
    }
}

/// Flushes stdout at the end of a command (see [`write_stdout`]).
pub fn flush_stdout() {
    if let Err(e) = std::io::stdout().lock().flush() {
        stdout_failed(e)
    }
}

fn stdout_failed(e: std::io::Error) -> ! {
    let failure = Failure::new(
        CoreError::new(
            ErrorCode::OutputClosed,
            format!("standard output was closed before everything was written ({e})"),
        ),
        Format::Text,
    );
    eprintln!("error[{}]: {}", failure.code, failure.message);
    std::process::exit(i32::from(failure.exit))
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// A command's error: its stable code and message, the exit code, and the format asked for.
pub struct Failure {
    pub code: &'static str,
    pub message: String,
    pub exit: u8,
    pub format: Format,
}

impl Failure {
    pub fn new(error: CoreError, format: Format) -> Self {
        Self {
            code: error.code.as_str(),
            exit: exit_code(error.code),
            message: error.message,
            format,
        }
    }

    /// An error from a crate with codes of its own (the simulator); the command ran, so exit 1.
    pub fn foreign(code: &'static str, message: String, format: Format) -> Self {
        Self {
            code,
            message,
            exit: 1,
            format,
        }
    }
}

/// Exit code for an error: 2 for usage and input errors, 1 when the command ran and something failed.
pub fn exit_code(code: ErrorCode) -> u8 {
    if code.is_input_error() {
        2
    } else {
        1
    }
}

/// `error[<code>]: <message>` on stderr; with `--format json` also `{"error": {...}}` on stdout.
pub fn report(failure: &Failure) -> ExitCode {
    eprintln!("error[{}]: {}", failure.code, failure.message);
    if failure.format == Format::Json {
        // The error is already on stderr: a closed stdout must not replace its exit code.
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            serde_json::json!({ "error": { "code": failure.code, "message": failure.message } })
        );
    }
    ExitCode::from(failure.exit)
}

/// Help and version go to stdout with exit 0; anything else clap rejects is a usage error (exit 2).
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = e.print();
        return ExitCode::from(2);
    }
    let rendered = e.render().to_string();
    // clap's message up to its usage block, on one line ("... not provided: --watch").
    let message = rendered
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
        .collect::<Vec<_>>()
        .join(" ");
    let first = match message.trim_start_matches("error: ") {
        "" => "invalid command line",
        text => text,
    };
    // Keep clap's own hint ("For more information, try '--help'") as a second line for people.
    eprintln!("error[usage]: {first}");
    eprintln!("For more information, try 'idesk --help'.");
    let json_requested = std::env::args()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || std::env::args().any(|a| a == "--format=json");
    if json_requested {
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            serde_json::json!({ "error": CoreError::new(ErrorCode::Usage, first.to_string()) })
        );
    }
    ExitCode::from(2)
}
