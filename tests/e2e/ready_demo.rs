//! The demo as a presenter starts it: *Try the demo account*, then the dashboard with its two
//! integrations (issue 14).

use fantoccini::Client;
use std::time::{Duration, Instant};

/// How long the demo may take to be ready before a test gives up.
pub const LIMIT: Duration = Duration::from_secs(60);

/// The dashboard's cards' texts, in page order (read at once: the cards re-render as statuses
/// change).
pub async fn cards(c: &Client) -> Vec<String> {
    let texts = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=status-card]')].map((card) => card.innerText);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(texts).unwrap()
}

/// Waits until the dashboard shows one Freshdesk and one Freshchat card (with a Freshdesk
/// integration other than `not`: after a reset, the new one); returns the Freshdesk card's
/// integration id.
pub async fn wait_for_both_cards(c: &Client, not: Option<&str>) -> String {
    let deadline = Instant::now() + LIMIT;
    loop {
        let texts = cards(c).await;
        let desk = texts.iter().filter(|t| t.contains("Freshdesk")).count();
        let chat = texts.iter().filter(|t| t.contains("Freshchat")).count();
        if texts.len() == 2 && desk == 1 && chat == 1 {
            let id = c
                .execute(
                    "const card = [...document.querySelectorAll('[data-testid=status-card]')]
                       .find((card) => card.innerText.includes('Freshdesk'));
                     return card ? card.dataset.integration : null;",
                    vec![],
                )
                .await
                .unwrap();
            if let Some(id) = id.as_str().filter(|id| Some(*id) != not) {
                return id.to_string();
            }
        }
        if Instant::now() >= deadline {
            let png = c.screenshot().await.unwrap();
            std::fs::write(crate::artifacts_dir().join("failed-demo-cards.png"), png).unwrap();
            let url = c
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            panic!("dashboard cards at {url}: {texts:?} (screenshot failed-demo-cards.png)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks *Try the demo account* on the empty Integrations page and waits until the dashboard
/// shows both integrations; returns the Freshdesk integration's id.
pub async fn start_ready_demo(c: &Client) -> String {
    crate::wait_for(c, "[data-testid=integrations-empty]").await;
    crate::click(c, "[data-testid=try-demo]").await;
    wait_for_both_cards(c, None).await
}
