//! Issue 14, "A demo that is ready in seconds", in the real window: *Try the demo account* →
//! the dashboard shows a Freshdesk and a Freshchat card → the Freshdesk integration's data page
//! shows a filled queue preview (the seconds from the click are printed); the setup flow still
//! works in the demo; *Reset demo* returns to the same starting point. English and French.

use fantoccini::{Client, Locator};
use idesk_e2e::ready_demo::{wait_for_both_cards, LIMIT};
use idesk_e2e::{
    click, fill, launch_to_empty_page, screenshot, wait_for, wait_text, wait_text_for, Driver,
};
use std::time::{Duration, Instant};

// The 10 s budget from the click to a filled preview is a speed target: measured by
// `cargo run --release -p idesk-core --example demo_ready` and printed here, not asserted in a
// test that a busy machine would make flaky.

/// From the dashboard's Freshdesk card to its data page, until the queue preview has a queue
/// with contacts.
async fn open_filled_preview(c: &Client, id: &str) -> String {
    click(
        c,
        &format!("[data-integration='{id}'] a[href='#/integrations/{id}']"),
    )
    .await;
    click(c, "[data-testid=open-data]").await;
    wait_for(c, "[data-testid=queue-row]").await;
    wait_text_for(c, "[data-testid=queue-table]", "Tickets", LIMIT).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_the_demo_is_ready_in_seconds_and_reset_returns_to_the_start() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(&[("IDESK_DATA_DIR", data.path())]);
    let c = launch_to_empty_page(&driver).await;

    // The click, the preparing state, the dashboard with both cards, the filled preview.
    let clicked = Instant::now();
    click(&c, "[data-testid=try-demo]").await;
    if c.find(Locator::Css("[data-testid=demo-preparing]"))
        .await
        .is_ok()
    {
        screenshot(&c, "90-demo-preparing").await;
    }
    let desk = wait_for_both_cards(&c, None).await;
    let on_dashboard = clicked.elapsed();
    let start_names = names(&c).await;
    assert_eq!(start_names, ["Demo Chat", "Demo Support"]);
    screenshot(&c, "91-demo-dashboard").await;
    let queues = open_filled_preview(&c, &desk).await;
    let ready = clicked.elapsed();
    println!(
        "demo ready: dashboard with both cards after {:.1} s, filled queue preview after {:.1} s",
        on_dashboard.as_secs_f64(),
        ready.as_secs_f64()
    );
    assert!(queues.contains("Tickets"), "{queues}");
    show_queue_table(&c).await;
    screenshot(&c, "92-demo-queue-preview").await;

    // The setup flow still works in the demo: the presenter adds a third integration.
    click(&c, "[data-testid=nav-integrations]").await;
    click(&c, "[data-testid=add-integration]").await;
    click(&c, "[data-testid=select-model-freshworks]").await;
    click(&c, "[data-testid=add-freshdesk]").await;
    click(&c, "#demo-account option[value='acme-pro.freshdesk.com']").await;
    click(&c, "#demo-persona option[value=account_admin]").await;
    fill(&c, "#integration-name", "Presenter's desk").await;
    click(&c, "[data-testid=test-connection]").await;
    wait_for(&c, "[data-testid=check-ticket_scope][data-outcome=passed]").await;
    click(&c, "[data-testid=save-integration]").await;
    wait_for(&c, "[data-testid=integration-page]").await;
    click(&c, "[data-testid=nav-integrations]").await;
    wait_text(&c, "[data-testid=integrations-list]", "Presenter's desk").await;

    // Reset demo (asks first): back to the same two integrations, the presenter's one gone.
    click(&c, "[data-testid=reset-demo]").await;
    wait_text(
        &c,
        "[data-testid=reset-demo-dialog]",
        "Your own integrations",
    )
    .await;
    // The dialog fades in: shown once the transition is over.
    tokio::time::sleep(Duration::from_millis(400)).await;
    screenshot(&c, "93-demo-reset-confirm").await;
    let reset_clicked = Instant::now();
    click(&c, "[data-testid=confirm-reset-demo]").await;
    let desk = wait_for_both_cards(&c, Some(&desk)).await;
    println!(
        "demo reset: dashboard with both cards after {:.1} s",
        reset_clicked.elapsed().as_secs_f64()
    );
    assert_eq!(names(&c).await, start_names);
    click(&c, "[data-testid=nav-integrations]").await;
    wait_text(&c, "[data-testid=integrations-list]", "Demo Support").await;
    let list = wait_for(&c, "[data-testid=integrations-list]").await;
    let list = list.text().await.unwrap();
    assert!(!list.contains("Presenter"), "{list}");
    click(&c, "[data-testid=nav-dashboard]").await;
    wait_for_both_cards(&c, None).await;
    open_filled_preview(&c, &desk).await;

    // French: the banner, the dashboard, the confirmation and the preparing state.
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=fr]").await;
    wait_text(&c, "label[for=language]", "Langue").await;
    wait_text(&c, "[data-testid=demo-banner]", "Réinitialiser la démo").await;
    click(&c, "[data-testid=nav-dashboard]").await;
    wait_for_both_cards(&c, None).await;
    screenshot(&c, "94-fr-demo-dashboard").await;
    click(&c, "[data-testid=reset-demo]").await;
    wait_text(
        &c,
        "[data-testid=reset-demo-dialog]",
        "Réinitialiser la démo ?",
    )
    .await;
    // The dialog fades in: shown once the transition is over.
    tokio::time::sleep(Duration::from_millis(400)).await;
    screenshot(&c, "95-fr-demo-reset-confirm").await;
    click(&c, "[data-testid=confirm-reset-demo]").await;
    if c.find(Locator::Css("[data-testid=demo-preparing]"))
        .await
        .is_ok()
    {
        screenshot(&c, "96-fr-demo-preparing").await;
    }
    let desk = wait_for_both_cards(&c, Some(&desk)).await;
    assert_eq!(names(&c).await, start_names);
    open_filled_preview(&c, &desk).await;
    show_queue_table(&c).await;
    screenshot(&c, "97-fr-demo-queue-preview").await;

    c.close().await.unwrap();
}

/// Scrolls the queue table's top (its search field) under the fixed header.
async fn show_queue_table(c: &Client) {
    c.execute(
        "document.querySelector('#queue-search').scrollIntoView({ block: 'start' }); window.scrollBy(0, -80);",
        vec![],
    )
    .await
    .unwrap();
}

/// The cards' integration names (their headings), sorted.
async fn names(c: &Client) -> Vec<String> {
    let names = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=status-card] h2')].map((h) => h.innerText);",
            vec![],
        )
        .await
        .unwrap();
    let mut names: Vec<String> = serde_json::from_value(names).unwrap();
    names.sort();
    names
}
