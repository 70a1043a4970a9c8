//! Issue 15 (F17), the keyboard-only walk in the real window against the simulator: add a
//! Freshdesk integration, test it, save it, generate the injixo key, start the import (typing
//! its start date), switch the preview's interval and time zone, open a drill-down and close it,
//! with Tab / Shift-Tab / Enter / Space / Escape (arrows only inside a radio group and an open
//! option list). At every step the focus is where the user needs it, shows a visible ring, and
//! the screen passes axe (`screenshot`). Then the date field in German.

use fantoccini::key::Key;
use fantoccini::Client;
use idesk_e2e::keys::{
    assert_focus_ring, focus_is, focused, press, shift_tab, shift_tab_to, tab_to, type_text,
    wait_focus,
};
use idesk_e2e::{
    click, launch_to_empty_page, open_data, screenshot, shown_integration_id, wait_for, wait_gone,
    wait_text, Driver,
};
use idesk_sim::{Persona, SimConfig};
use std::time::Duration;

const IMPORT_LIMIT: Duration = Duration::from_secs(240);
const SOON: Duration = Duration::from_secs(20);
const HEADING: &str = "[data-testid=page-heading]";

/// A step of the walk: the focus is on `css`, its ring is visible, the screen passes axe.
async fn at(c: &Client, css: &str, name: &str) {
    wait_focus(c, css, SOON).await;
    assert_focus_ring(c, name).await;
    screenshot(c, name).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_only_setup_import_preview_and_drill_down() {
    let sim = idesk_sim::start(SimConfig {
        time_scale: 60.0,
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let fd_admin = sim
        .key("acme.freshdesk.com", Persona::AccountAdmin)
        .unwrap()
        .to_string();
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::on_sim(data.path(), sim.url(), Some("60"));
    let c = launch_to_empty_page(&driver).await;

    // Integrations (empty) > Add integration.
    tab_to(&c, "[data-testid=add-integration]", 20).await;
    at(
        &c,
        "[data-testid=add-integration]",
        "k01-add-integration-focused",
    )
    .await;
    press(&c, Key::Enter).await;

    // The model tiles: the new page starts at its heading; Space selects the model.
    wait_text(&c, HEADING, "Add integration").await;
    at(&c, HEADING, "k02-model-tiles-heading").await;
    tab_to(&c, "[data-testid=select-model-freshworks]", 20).await;
    press(&c, Key::Space).await;
    tab_to(&c, "[data-testid=add-freshdesk]", 20).await;
    at(&c, "[data-testid=add-freshdesk]", "k03-freshdesk-focused").await;
    press(&c, Key::Enter).await;

    // The setup form, typed into field by field.
    wait_text(&c, HEADING, "Freshdesk").await;
    at(&c, HEADING, "k04-setup-heading").await;
    tab_to(&c, "#integration-name", 20).await;
    type_text(&c, "Support Desk").await;
    press(&c, Key::Tab).await;
    assert!(
        focus_is(&c, "#integration-domain").await,
        "{}",
        focused(&c).await
    );
    type_text(&c, "acme.freshdesk.com").await;
    tab_to(&c, "#integration-api-key", 5).await;
    type_text(&c, &fd_admin).await;
    at(&c, "#integration-api-key", "k05-setup-filled").await;

    // Test connection: the focus goes to the result's summary.
    tab_to(&c, "[data-testid=test-connection]", 10).await;
    press(&c, Key::Enter).await;
    wait_for(&c, "[data-testid=check-ticket_scope][data-outcome=passed]").await;
    at(
        &c,
        "[data-testid=check-summary]",
        "k06-test-summary-focused",
    )
    .await;
    let summary = wait_text(&c, "[data-testid=check-summary]", "Passed").await;
    assert!(summary.contains("failed: 0"), "{summary}");

    // Save is just before the results: the integration's page starts at its heading.
    shift_tab_to(&c, "[data-testid=save-integration]", 5).await;
    at(&c, "[data-testid=save-integration]", "k07-save-focused").await;
    press(&c, Key::Enter).await;
    wait_for(&c, "[data-testid=integration-page]").await;
    wait_text(&c, HEADING, "Support Desk").await;
    at(&c, HEADING, "k08-integration-page-heading").await;
    let id = shown_integration_id(&c).await;

    // Generate the injixo key: the focus goes to the key, and Tab on to Copy.
    tab_to(&c, "[data-testid=generate-injixo-key]", 40).await;
    at(
        &c,
        "[data-testid=generate-injixo-key]",
        "k09-generate-focused",
    )
    .await;
    press(&c, Key::Enter).await;
    wait_text(&c, "[data-testid=injixo-key-value]", "ijx_").await;
    at(&c, "[data-testid=injixo-key-value]", "k10-key-focused").await;
    press(&c, Key::Tab).await;
    at(&c, "[data-testid=copy-injixo-key]", "k11-copy-focused").await;
    press(&c, Key::Enter).await;
    wait_text(&c, "[data-testid=injixo-key-copied]", "Copied").await;

    // Back up to "Open data" and in.
    shift_tab_to(&c, "[data-testid=open-data]", 20).await;
    at(&c, "[data-testid=open-data]", "k12-open-data-focused").await;
    press(&c, Key::Enter).await;
    wait_for(&c, "[data-testid=import-section]").await;
    at(&c, HEADING, "k13-data-page-heading").await;

    // The import's start, typed in the app's format (English: YYYY-MM-DD), then Start: the focus
    // follows the progress and lands on the outcome.
    let since = (chrono::Utc::now().date_naive() - chrono::Days::new(30)).to_string();
    tab_to(&c, "#import-since", 20).await;
    for _ in 0..10 {
        press(&c, Key::Backspace).await;
    }
    type_text(&c, &since).await;
    at(&c, "#import-since", "k14-import-since-typed").await;
    tab_to(&c, "[data-testid=start-import]", 3).await;
    press(&c, Key::Enter).await;
    let summary = idesk_e2e::wait_text_for(
        &c,
        "[data-testid=import-finished]",
        "new contacts",
        IMPORT_LIMIT,
    )
    .await;
    assert!(summary.contains("records imported"), "{summary}");
    at(
        &c,
        "[data-testid=import-finished]",
        "k15-import-finished-focused",
    )
    .await;

    // The interval: Tab into the radio group, arrows to 15 minutes.
    wait_for(&c, "[data-testid=interval-chart] canvas").await;
    tab_to(&c, "[data-testid=preview-interval] input", 30).await;
    press(&c, Key::Left).await;
    press(&c, Key::Left).await;
    wait_text(&c, "[data-testid=interval-table]", ":45").await;
    at(
        &c,
        "[data-testid=preview-interval] input[value='15']",
        "k16-interval-15-focused",
    )
    .await;

    // The time zone: type in the searchable list, pick with the arrow and Enter.
    tab_to(&c, "#preview-tz", 5).await;
    for _ in 0..40 {
        press(&c, Key::Backspace).await;
    }
    type_text(&c, "Tokyo").await;
    wait_for(&c, "[role=option]").await;
    press(&c, Key::Down).await;
    press(&c, Key::Enter).await;
    wait_text(&c, "[data-testid=preview-range-text]", "Asia/Tokyo").await;
    wait_text(&c, "[data-testid=interval-table]", "Asia/Tokyo").await;
    at(&c, "#preview-tz", "k17-zone-tokyo-focused").await;

    // A count that drills down, on this page of intervals or an older one.
    let count = "[data-testid=count-cell][data-complete=true]";
    let next_page = "[data-testid=interval-pages] [aria-label='Next page']";
    let count_or_next = format!("{count}, {next_page}");
    tab_to(&c, &count_or_next, 400).await;
    for _ in 0..20 {
        if focus_is(&c, count).await {
            break;
        }
        // Next page, then back up from the pagination through the page now shown.
        press(&c, Key::Enter).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        shift_tab_to(&c, &format!("{count}, #preview-tz"), 800).await;
        if !focus_is(&c, count).await {
            tab_to(&c, &count_or_next, 800).await;
        }
    }
    at(&c, count, "k18-count-focused").await;
    let opener = c.active_element().await.unwrap();
    let expected = opener.attr("data-count").await.unwrap().unwrap_or_default();
    let opener_label = opener.attr("aria-label").await.unwrap().unwrap_or_default();

    // Enter opens the drill-down with the focus inside; Escape closes it and the focus returns.
    press(&c, Key::Enter).await;
    wait_for(&c, "[data-testid=drill-row]").await;
    at(&c, "[role=dialog] *", "k19-drill-down-focused").await;
    let rows = c
        .find_all(fantoccini::Locator::Css("[data-testid=drill-row]"))
        .await
        .unwrap();
    assert_eq!(
        rows.len().to_string(),
        expected,
        "the modal lists the contacts behind the count"
    );
    press(&c, Key::Escape).await;
    wait_gone(&c, "[role=dialog]").await;
    let back = c.active_element().await.unwrap();
    assert_eq!(
        back.attr("aria-label").await.unwrap().unwrap_or_default(),
        opener_label,
        "the focus is back on the count that opened the drill-down"
    );
    at(&c, count, "k20-drill-down-closed-focus-back").await;

    // German: the date field writes and reads TT.MM.JJJJ; a day that does not exist is refused.
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=de]").await;
    wait_text(&c, "label[for=language]", "Sprache").await;
    open_data(&c, &id).await;
    let field = wait_for(&c, "#import-since").await;
    let shown = field.prop("value").await.unwrap().unwrap_or_default();
    let default_since = chrono::Utc::now().date_naive() - chrono::Days::new(90);
    assert_eq!(
        shown,
        default_since.format("%d.%m.%Y").to_string(),
        "the default start (90 days back) in German"
    );
    assert_eq!(
        field.attr("placeholder").await.unwrap().as_deref(),
        Some("TT.MM.JJJJ")
    );
    // Reached by mouse clicks: the heading has the focus but, rightly, no ring.
    wait_focus(&c, HEADING, SOON).await;
    screenshot(&c, "k21-de-data-page").await;
    tab_to(&c, "#import-since", 20).await;
    for _ in 0..10 {
        press(&c, Key::Backspace).await;
    }
    type_text(&c, "31.02.2026").await;
    press(&c, Key::Tab).await;
    wait_text(
        &c,
        "[data-testid=import-section]",
        "Den 31.02.2026 gibt es im Kalender nicht.",
    )
    .await;
    shift_tab(&c).await;
    at(&c, "#import-since", "k22-de-invalid-date").await;
    c.close().await.unwrap();
}
