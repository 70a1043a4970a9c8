//! `idesk sim`: runs the simulator in the foreground until SIGTERM or Ctrl-C.

use std::io::Write;

use crate::{start, SimConfig, SimError};

/// Flags of `idesk sim` (see shared/docs/cli.md).
#[derive(clap::Args, Debug, Clone)]
pub struct SimArgs {
    /// Port on 127.0.0.1; 0 takes any free port.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Seed of the generated data and keys.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Tickets (and chats) of each product's main Enterprise account (100 to 1,000,000).
    #[arg(long, default_value_t = 5_000)]
    pub size: u64,
    /// A simulated minute lasts 60/N real seconds (rate limits and live activity).
    #[arg(long = "time-scale", default_value_t = 1.0)]
    pub time_scale: f64,
    /// Keep creating tickets, replies and resolutions while running.
    #[arg(long, default_value_t = false)]
    pub activity: bool,
}

impl SimArgs {
    pub fn config(&self) -> SimConfig {
        SimConfig {
            port: self.port,
            seed: self.seed,
            size: self.size,
            time_scale: self.time_scale,
            activity: self.activity,
            ..SimConfig::demo()
        }
    }
}

/// Runs the simulator until SIGTERM / Ctrl-C; prints the JSON banner as the first stdout line.
pub async fn run(args: SimArgs) -> Result<(), SimError> {
    serve(args, std::io::stdout(), wait_for_stop()).await
}

/// `run` with the output and the stop signal supplied: writes the banner line to `out`,
/// flushes it, serves until `stop` completes, then shuts down.
pub async fn serve<W: Write>(
    args: SimArgs,
    mut out: W,
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), SimError> {
    if !(100..=crate::MAX_SIZE).contains(&args.size) {
        return Err(SimError::InvalidConfig(
            "--size must be between 100 and 1000000".into(),
        ));
    }
    let handle = start(args.config()).await?;
    let line = serde_json::to_string(handle.banner()).map_err(|e| SimError::Io(e.into()))?;
    writeln!(out, "{line}")?;
    out.flush()?;
    stop.await;
    handle.shutdown().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM where there is one (also what `idesk sync --watch` stops on).
#[cfg(unix)]
pub async fn wait_for_stop() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
pub async fn wait_for_stop() {
    let _ = tokio::signal::ctrl_c().await;
}
