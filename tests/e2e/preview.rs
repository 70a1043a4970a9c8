//! Issue 6 end to end in the real window, against the simulator started in this process: import
//! the demo Freshdesk account, watch the queues fill in, see the chart, switch interval and time
//! zone, drill down into a count, read the rule explainer; then the same screen in German.

use fantoccini::{Client, Locator};
use idesk_e2e::{
    add_freshdesk_integration, click, fill, find_a_count, launch_to_empty_page, open_data,
    pick_interval, screenshot, scroll_to, wait_for, wait_gone, wait_text, wait_text_for, Driver,
};
use idesk_sim::{Persona, SimConfig};
use std::time::Duration;

const IMPORT_LIMIT: Duration = Duration::from_secs(240);

/// Picks a time zone in the searchable Select.
async fn pick_zone(c: &Client, zone: &str, typed: &str) {
    click(c, "#preview-tz").await;
    fill(c, "#preview-tz", typed).await;
    let option = format!("//*[@role='option'][normalize-space(.)='{zone}']");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(el) = c.find(Locator::XPath(&option)).await {
            el.click().await.unwrap();
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no option {zone} in the zone list"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_then_preview_chart_interval_zone_drill_down() {
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
    let id = add_freshdesk_integration(&c, "Support Desk", "acme.freshdesk.com", &fd_admin).await;

    // Before the import: the archive warning and "nothing imported yet".
    open_data(&c, &id).await;
    wait_text(&c, "[data-testid=archive-warning]", "120 days").await;
    wait_text(&c, "[data-testid=preview-error]", "Run the import first").await;
    screenshot(&c, "50-data-before-import").await;

    // The import: progress with phase and counts, then the summary.
    // The demo import takes about two seconds at this time scale: the progress (phase, items
    // done, ETA, Cancel) is captured as it is right after the start.
    click(&c, "[data-testid=start-import]").await;
    if c.find(Locator::Css("[data-testid=import-progress]"))
        .await
        .is_ok()
    {
        screenshot(&c, "51-import-progress").await;
    }
    let summary = wait_text_for(
        &c,
        "[data-testid=import-finished]",
        "new contacts",
        IMPORT_LIMIT,
    )
    .await;
    assert!(summary.contains("records imported"), "{summary}");
    screenshot(&c, "52-import-finished").await;

    // The queues and the chart (uPlot draws on a canvas).
    wait_for(&c, "[data-testid=queue-row]").await;
    let queues = wait_text(&c, "[data-testid=queue-table]", "Tickets").await;
    assert!(queues.contains("email"), "{queues}");
    wait_for(&c, "[data-testid=interval-chart] canvas").await;
    c.execute(
        "document.querySelector('#queue-search').scrollIntoView({ block: 'start' }); window.scrollBy(0, -80);",
        vec![],
    )
    .await
    .unwrap();
    screenshot(&c, "53-queues").await;
    scroll_to(&c, "[data-testid=interval-chart]").await;
    screenshot(&c, "54-chart-60-minutes").await;

    // 15-minute intervals.
    pick_interval(&c, 15).await;
    wait_text(&c, "[data-testid=interval-table]", ":45").await;
    scroll_to(&c, "[data-testid=interval-chart]").await;
    screenshot(&c, "55-chart-15-minutes").await;

    // Another time zone.
    scroll_to(&c, "#preview-tz").await;
    pick_zone(&c, "Asia/Tokyo", "Tokyo").await;
    wait_text(&c, "[data-testid=preview-range-text]", "Asia/Tokyo").await;
    wait_text(&c, "[data-testid=interval-table]", "Asia/Tokyo").await;
    let cell = find_a_count(&c).await;
    screenshot(&c, "56-table-tokyo").await;

    // Drill down into one count.
    let count = cell.attr("data-count").await.unwrap().unwrap_or_default();
    cell.click().await.unwrap();
    wait_for(&c, "[data-testid=drill-row]").await;
    let rows = c
        .find_all(Locator::Css("[data-testid=drill-row]"))
        .await
        .unwrap();
    assert_eq!(
        rows.len().to_string(),
        count,
        "the modal lists the contacts behind the count"
    );
    let first = rows[0].prop("innerText").await.unwrap().unwrap_or_default();
    assert!(
        first.contains("ticket:") || first.contains("conversation:"),
        "{first}"
    );
    assert!(
        first.contains("new ticket") || first.contains("customer reply"),
        "{first}"
    );
    screenshot(&c, "57-drill-down").await;
    c.find(Locator::Css(".mantine-Modal-close"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    wait_gone(&c, "[role=dialog]").await;

    // The rule explainer.
    scroll_to(&c, "[data-testid=explain-moreContacts]").await;
    click(&c, "[data-testid=explain-moreContacts]").await;
    scroll_to(&c, "[data-testid=explain-decisions]").await;
    click(&c, "[data-testid=explain-decisions]").await;
    wait_text(&c, "[data-testid=rule-explainer]", "email Replies").await;
    wait_text(&c, "[data-testid=decision-list]", "No group").await;
    scroll_to(&c, "[data-testid=explain-moreContacts]").await;
    screenshot(&c, "58-rule-explainer").await;

    // German.
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=de]").await;
    wait_text(&c, "label[for=language]", "Sprache").await;
    open_data(&c, &id).await;
    wait_text(
        &c,
        "[data-testid=queue-preview]",
        "Live-Vorschau der Queues",
    )
    .await;
    wait_for(&c, "[data-testid=interval-chart] canvas").await;
    scroll_to(&c, "[data-testid=explain-noAht]").await;
    click(&c, "[data-testid=explain-noAht]").await;
    wait_text(&c, "[data-testid=rule-explainer]", "keinen AHT-Graphen").await;
    scroll_to(&c, "[data-testid=interval-chart]").await;
    screenshot(&c, "59-de-preview").await;
    c.close().await.unwrap();
}
