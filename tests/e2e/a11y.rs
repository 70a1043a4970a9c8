//! Accessibility of every screen the end-to-end walk shows (F17): axe-core, injected into the real
//! window through WebDriver, checks the WCAG 2.1 A and AA rules. A violation fails the test with
//! its rule id and the elements it found.

use fantoccini::Client;
use serde_json::Value;
use std::sync::OnceLock;

/// The WCAG 2.1 A/AA rule sets of axe-core.
const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// axe-core's script, from the npm dev dependency (`npm ci` installs it).
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = crate::repo_root().join("node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run npm ci)", path.display()))
    })
}

/// One violated rule: its id, what it checks and the CSS selectors of the elements that break it.
#[derive(Debug)]
pub struct Violation {
    pub rule: String,
    pub help: String,
    pub targets: Vec<String>,
}

/// Runs axe-core on the page as it is now and returns the WCAG 2.1 A/AA violations.
pub async fn violations(c: &Client) -> Vec<Violation> {
    let injected = c
        .execute("return typeof window.axe !== 'undefined'", vec![])
        .await
        .unwrap();
    if injected != Value::Bool(true) {
        c.execute(axe_source(), vec![]).await.unwrap();
    }
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => ({ id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))))
               .catch(e => done({ error: String(e) }));",
            vec![serde_json::json!(WCAG_TAGS)],
        )
        .await
        .unwrap();
    if let Some(error) = result.get("error") {
        panic!("axe-core failed: {error}");
    }
    result
        .as_array()
        .expect("axe result list")
        .iter()
        .map(|v| Violation {
            rule: v["id"].as_str().unwrap_or_default().to_string(),
            help: v["help"].as_str().unwrap_or_default().to_string(),
            targets: v["targets"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// Fails with every violation of `screen` (rule id, help and targets).
pub async fn assert_accessible(c: &Client, screen: &str) {
    let mut found = violations(c).await;
    if !found.is_empty() {
        // Once more a moment later: a colour measured in the middle of a transition the settling
        // in `screenshot` could not see is not a violation; a real one is still there.
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        found = violations(c).await;
    }
    if !found.is_empty() {
        let list: Vec<String> = found
            .iter()
            .map(|v| format!("  {} ({}): {}", v.rule, v.help, v.targets.join(", ")))
            .collect();
        panic!(
            "{screen}: axe-core found WCAG 2.1 A/AA violations:\n{}",
            list.join("\n")
        );
    }
}
