//! Issue 14 in the real window, as a presenter shows it: the ready demo, a count of the queue
//! preview drilled down to a ticket, that ticket's timeline in the queue explorer (why it became
//! N contacts in M queues), the naming rules, "What will my help desk create?" with its CSV;
//! English and French.

use fantoccini::Client;
use idesk_e2e::ready_demo::start_ready_demo;
use idesk_e2e::{
    click, fill, open_data, screenshot, scroll_to, wait_for, wait_text, wait_text_for,
};
use idesk_e2e::{ready_demo::LIMIT, Driver};

/// The `data-counted` flags of the timeline's entries, in order.
async fn counted_flags(c: &Client) -> Vec<bool> {
    let flags = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=timeline-entry]')].map((e) => e.dataset.counted === 'true');",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(flags).unwrap()
}

/// The text of the selected option of the select matching `css`.
async fn selected_option(c: &Client, css: &str) -> String {
    let text = c
        .execute(
            "const s = document.querySelector(arguments[0]); return s.options[s.selectedIndex].text;",
            vec![css.into()],
        )
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_from_the_preview_explained_the_naming_rules_and_the_queue_list() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(&[("IDESK_DATA_DIR", data.path())]);
    let c = driver.launch_app().await;
    let desk = start_ready_demo(&c).await;

    // The contacts of a Tickets queue in the preview, drilled down to one ticket: its Timeline.
    open_data(&c, &desk).await;
    wait_for(&c, "[data-testid=queue-row]").await;
    click(
        &c,
        "[data-testid=queue-row][data-queue$=' Tickets'] [data-testid=queue-total]",
    )
    .await;
    let link = wait_for(&c, "[data-testid=drill-row] [data-testid=ticket-timeline]").await;
    let href = link.attr("href").await.unwrap().unwrap_or_default();
    let ticket = href
        .split("?ticket=")
        .nth(1)
        .expect("a ticket link")
        .to_string();
    link.click().await.unwrap();

    // The timeline: the ticket's creation counted first, the summary agrees with the entries.
    wait_for(&c, "[data-testid=explorer-page]").await;
    let summary = wait_text_for(
        &c,
        "[data-testid=timeline-summary]",
        "1 ticket became",
        LIMIT,
    )
    .await;
    let flags = counted_flags(&c).await;
    assert_eq!(
        flags.first(),
        Some(&true),
        "the ticket's creation is a contact"
    );
    let counted = flags.iter().filter(|f| **f).count();
    let contacts = if counted == 1 {
        "1 contact ".to_string()
    } else {
        format!("{counted} contacts ")
    };
    assert!(summary.contains(&contacts), "{summary:?} for {flags:?}");
    let input = wait_for(&c, "[data-testid=timeline-input]").await;
    assert_eq!(
        input.prop("value").await.unwrap().unwrap_or_default(),
        ticket
    );
    // Imported with the demo: read from the cache, no API call.
    wait_for(&c, "[data-testid=timeline][data-origin=cache]").await;
    scroll_to(&c, "[data-testid=timeline-section]").await;
    screenshot(&c, "100-explorer-ticket-timeline").await;

    // An id that is not a number is refused before anything is asked; an unknown ticket is named.
    fill(&c, "[data-testid=timeline-input]", "12a").await;
    click(&c, "[data-testid=timeline-button]").await;
    wait_text(&c, "[data-testid=timeline-invalid]", "digits").await;
    fill(&c, "[data-testid=timeline-input]", "987654321").await;
    click(&c, "[data-testid=timeline-button]").await;
    wait_text_for(
        &c,
        "[data-testid=timeline-error]",
        "neither in the cache",
        LIMIT,
    )
    .await;

    // The naming rules: a group and a source give `<group> <source> Tickets`; spam gives the
    // special queue the documents call irrelevant for scheduling.
    scroll_to(&c, "[data-testid=naming-kind]").await;
    click(&c, "[data-testid=naming-kind] option[value=new_ticket]").await;
    click(&c, "[data-testid=naming-source] option[value='1']").await;
    let group = selected_option(&c, "[data-testid=naming-group]").await;
    wait_text(
        &c,
        "[data-testid=named-queue]",
        &format!("{group} email Tickets"),
    )
    .await;
    wait_text(&c, "[data-testid=named-rule]", "Tickets").await;
    screenshot(&c, "101-explorer-naming").await;
    click(
        &c,
        "[data-testid=naming-kind] option[value=spam_or_deleted_ticket]",
    )
    .await;
    wait_text(
        &c,
        "[data-testid=named-queue]",
        "Unknown group/source Tickets",
    )
    .await;
    wait_text(
        &c,
        "[data-testid=irrelevant-note]",
        "irrelevant for scheduling",
    )
    .await;

    // What the help desk creates: the queue list, saved as CSV.
    scroll_to(&c, "[data-testid=shares-list]").await;
    wait_for(&c, "[data-testid=share-row]").await;
    wait_text(&c, "[data-testid=shares-total]", "contacts").await;
    screenshot(&c, "102-explorer-queue-list").await;
    click(&c, "[data-testid=export-shares-csv]").await;
    let notice = wait_text(&c, "[data-testid=shares-csv-notice]", ".csv").await;
    let path = notice[notice.find('/').expect("a path")..]
        .trim()
        .to_string();
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(
        csv.starts_with("queue,channel,contacts,share_percent,irrelevant_for_scheduling\n"),
        "{csv}"
    );
    assert!(path.starts_with(data.path().to_str().unwrap()), "{path}");

    // French: the same ticket's timeline; queue names stay as they are.
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=fr]").await;
    wait_text(&c, "label[for=language]", "Langue").await;
    click(&c, "[data-testid=nav-integrations]").await;
    click(&c, &format!("a[href='#/integrations/{desk}']")).await;
    click(&c, "[data-testid=open-explorer]").await;
    wait_for(&c, "[data-testid=explorer-page]").await;
    fill(&c, "[data-testid=timeline-input]", &ticket).await;
    click(&c, "[data-testid=timeline-button]").await;
    wait_text_for(
        &c,
        "[data-testid=timeline-summary]",
        "1 ticket est devenu",
        LIMIT,
    )
    .await;
    scroll_to(&c, "[data-testid=timeline-section]").await;
    screenshot(&c, "103-fr-explorer-ticket-timeline").await;
    scroll_to(&c, "[data-testid=naming-kind]").await;
    click(&c, "[data-testid=naming-kind] option[value=new_ticket]").await;
    click(&c, "[data-testid=naming-source] option[value='1']").await;
    wait_text(&c, "[data-testid=named-queue]", " email Tickets").await;
    screenshot(&c, "104-fr-explorer-naming").await;
    c.close().await.unwrap();
}
