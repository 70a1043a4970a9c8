//! Single instance: starting the app while it runs brings the running window forward instead of
//! opening a second one (tauri-plugin-single-instance, over the session bus).

use idesk_e2e::{app_binary, click, launch_to_empty_page, wait_exit, wait_text, Driver};
use std::time::{Duration, Instant};

/// The page's `document.visibilityState`: "hidden" while the window is minimized or unmapped.
async fn visibility(c: &fantoccini::Client) -> String {
    c.execute("return document.visibilityState;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Waits up to `limit` until the page's visibility is `want`; returns whether it became so.
async fn wait_visibility(c: &fantoccini::Client, want: &str, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if visibility(c).await == want {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn a_second_start_brings_the_running_window_forward_and_exits() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(&[("IDESK_DATA_DIR", data.path())]);
    let c = launch_to_empty_page(&driver).await;

    c.minimize_window().await.unwrap();
    assert!(
        wait_visibility(&c, "hidden", Duration::from_secs(10)).await,
        "the window did not go out of sight when minimized (visibility {:?})",
        visibility(&c).await
    );

    // The same binary, data folder, display and session bus as the running app: what a user's
    // second click on the menu entry starts.
    let started = Instant::now();
    let mut second = std::process::Command::new(app_binary())
        .env("IDESK_DATA_DIR", data.path())
        .spawn()
        .unwrap();
    // Exiting by itself is what shows no second window opened: a second app would keep running.
    let status = wait_exit(&mut second, Duration::from_secs(15));
    let took = started.elapsed();
    assert!(
        status.is_some_and(|s| s.success()),
        "the second instance did not hand over and exit by itself within 15 s: {status:?}"
    );
    println!("second instance exited after {} ms", took.as_millis());

    assert!(
        wait_visibility(&c, "visible", Duration::from_secs(10)).await,
        "the running window was not brought back after the second start (visibility {:?})",
        visibility(&c).await
    );

    // The first window still answers.
    click(&c, "[data-testid=nav-settings]").await;
    wait_text(
        &c,
        "[data-testid=data-dir]",
        &data.path().display().to_string(),
    )
    .await;
    c.close().await.unwrap();
}
