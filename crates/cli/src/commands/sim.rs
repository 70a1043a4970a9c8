//! `idesk sim`: the Freshworks simulator in the foreground (docs/cli.md, "Simulator").

use crate::output::{Failure, Format};

pub fn run(args: idesk_sim::cli::SimArgs) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::foreign(
                "internal",
                format!("cannot start the async runtime: {e}"),
                Format::Text,
            )
        })?;
    runtime
        .block_on(idesk_sim::cli::serve(
            args,
            std::io::stdout(),
            crate::signals::wait_for_stop(),
        ))
        .map_err(|e| Failure::foreign(e.code(), e.to_string(), Format::Text))
}
