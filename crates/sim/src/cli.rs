//! `idesk sim`: its flags, and the simulator served until the caller says stop.

use std::io::Write;

use crate::{start, SimConfig, SimError};

/// Flags of `idesk sim` (see docs/cli.md).
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

/// Runs the simulator: writes the JSON banner line to `out`, flushes it, serves until `stop`
/// completes (the CLI passes its Ctrl-C/SIGTERM wait), then shuts down.
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
