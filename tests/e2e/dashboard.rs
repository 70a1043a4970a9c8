//! Issue 12 end to end in the real window: the dashboard shows each integration's status with
//! its reason, and a key revoked at the help desk turns its card to Failing while the page is
//! open, without a reload; the Integrations list shows the same badge; English and German.

use fantoccini::{Client, Locator};
use idesk_e2e::{
    add_freshdesk_integration, click, launch_to_empty_page, open_data, screenshot, sim_post,
    wait_for, wait_text, wait_text_for, Driver,
};
use idesk_sim::{Persona, SimConfig};
use std::time::Duration;

/// A minute lasts one second for the simulator and the app: the default 5-minute sync period
/// lasts 5 s.
const SCALE: &str = "60";
const LIMIT: Duration = Duration::from_secs(120);

fn card(id: &str) -> String {
    format!("[data-testid=status-card][data-integration='{id}']")
}

/// Waits until the card of `id` shows `state`.
async fn card_state(c: &Client, id: &str, state: &str) {
    let css = format!("{}[data-state={state}]", card(id));
    let deadline = std::time::Instant::now() + LIMIT;
    while c.find(Locator::Css(&css)).await.is_err() {
        if std::time::Instant::now() >= deadline {
            screenshot(c, "7x-dashboard-timeout").await;
            let shown = c.find(Locator::Css("main")).await.unwrap().text().await;
            panic!("the card of {id} never showed {state}; the page shows: {shown:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_each_state_and_a_revoked_key_turns_a_card_failing_live() {
    let sim = idesk_sim::start(SimConfig {
        time_scale: SCALE.parse().unwrap(),
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let domain = "acme.freshdesk.com";
    let key = sim.key(domain, Persona::AccountAdmin).unwrap().to_string();
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::on_sim(data.path(), sim.url(), Some(SCALE));
    let c = launch_to_empty_page(&driver).await;

    // One integration imported (then syncing), one only saved.
    let eu = add_freshdesk_integration(&c, "Support EU", domain, &key).await;
    open_data(&c, &eu).await;
    click(&c, "[data-testid=start-import]").await;
    wait_text_for(&c, "[data-testid=import-finished]", "new contacts", LIMIT).await;
    let us = add_freshdesk_integration(&c, "Support US", domain, &key).await;

    click(&c, "[data-testid=nav-dashboard]").await;
    // Working: operational, or needs attention when the simulator's history makes this hour of
    // the week a busy one with no new contact (the freshness rule of docs/status.md).
    wait_for(
        &c,
        &format!(
            "{0}[data-state=operational], {0}[data-state=needs_attention]",
            card(&eu)
        ),
    )
    .await;
    card_state(&c, &us, "new").await;
    wait_text(
        &c,
        &format!("{} [data-testid=card-reason]", card(&us)),
        "Nothing has been imported",
    )
    .await;
    let headroom = wait_text(
        &c,
        &format!("{} [data-testid=card-headroom]", card(&eu)),
        "/",
    )
    .await;
    assert!(
        headroom.contains("700"),
        "the Enterprise budget: {headroom}"
    );
    screenshot(&c, "70-dashboard").await;

    // The help desk no longer accepts the key: the next sync fails, and the open page follows.
    sim_post(
        sim.url(),
        &format!("/_sim/accounts/{domain}/keys/account_admin/revoke"),
    );
    card_state(&c, &eu, "failing").await;
    let reason = wait_text(
        &c,
        &format!("{} [data-testid=card-reason]", card(&eu)),
        "revoked",
    )
    .await;
    assert!(reason.contains("API key"), "{reason}");
    wait_text(
        &c,
        &format!("{} [data-testid=card-fix]", card(&eu)),
        "API key",
    )
    .await;
    screenshot(&c, "71-dashboard-failing").await;

    // The Integrations list shows the same status and reason.
    click(&c, "[data-testid=nav-integrations]").await;
    wait_text(&c, "main", "revoked").await;
    wait_for(&c, "[data-status=failing]").await;

    // German.
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=de]").await;
    wait_text(&c, "label[for=language]", "Sprache").await;
    click(&c, "[data-testid=nav-dashboard]").await;
    card_state(&c, &eu, "failing").await;
    wait_text(&c, &card(&eu), "akzeptiert den API-Schlüssel nicht mehr").await;
    wait_text(&c, &card(&us), "Kontakte heute").await;
    screenshot(&c, "72-dashboard-de").await;
    c.close().await.unwrap();
}
