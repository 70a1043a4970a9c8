//! When a long-running command stops: Ctrl-C, or SIGTERM where there is one (`idesk sim`,
//! `idesk sync --watch`).

/// Completes at the first Ctrl-C or SIGTERM.
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

/// Completes at the first Ctrl-C.
#[cfg(not(unix))]
pub async fn wait_for_stop() {
    let _ = tokio::signal::ctrl_c().await;
}
