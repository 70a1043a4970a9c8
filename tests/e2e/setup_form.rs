//! Steps and checks of the setup flow's end-to-end tests (`setup_flow.rs`): the setup form, the
//! injixo key shown once, and where the keys may (not) be found: files, keychain, IPC answers.

use crate::{click, fill, screenshot, scroll_to, wait_for, wait_text};
use fantoccini::Client;
use std::path::{Path, PathBuf};

pub const SAVE: &str = "[data-testid=save-integration]";
pub const TEST: &str = "[data-testid=test-connection]";
pub const NAME: &str = "#integration-name";
pub const DOMAIN: &str = "#integration-domain";
pub const API_KEY: &str = "#integration-api-key";

/// Integrations > Add integration > Freshworks: Select model > <product>: Add integration.
pub async fn open_setup_form(c: &Client, product: &str, add_label: &str, select_model_label: &str) {
    click(c, "[data-testid=nav-integrations]").await;
    wait_text(c, "[data-testid=add-integration]", add_label).await;
    click(c, "[data-testid=add-integration]").await;
    wait_text(
        c,
        "[data-testid=select-model-freshworks]",
        select_model_label,
    )
    .await;
    click(c, "[data-testid=select-model-freshworks]").await;
    click(c, &format!("[data-testid=add-{product}]")).await;
    wait_for(c, NAME).await;
}

/// Fills the form, runs the connection test and waits until `check` shows `outcome`.
pub async fn test_connection(
    c: &Client,
    name: &str,
    domain: &str,
    key: &str,
    check: &str,
    outcome: &str,
) {
    fill(c, NAME, name).await;
    fill(c, DOMAIN, domain).await;
    fill(c, API_KEY, key).await;
    click(c, TEST).await;
    let row = format!("[data-testid=check-{check}][data-outcome={outcome}]");
    wait_for(c, &row).await;
    scroll_to(c, &row).await;
}

/// Saves and waits for the integration's page; returns the integration's id (from the address).
pub async fn save(c: &Client) -> String {
    click(c, SAVE).await;
    wait_for(c, "[data-testid=integration-page]").await;
    crate::shown_integration_id(c).await
}

/// Generates the injixo key, copies it, hides it; returns the key that was shown once.
pub async fn injixo_key_once(c: &Client, generate: &str, copied: &str, step: &str) -> String {
    wait_text(c, "[data-testid=generate-injixo-key]", generate).await;
    click(c, "[data-testid=generate-injixo-key]").await;
    let key = wait_text(c, "[data-testid=injixo-key-value]", "ijx_").await;
    let key = key.trim().to_string();
    assert!(key.len() >= 40, "{key:?}");
    click(c, "[data-testid=copy-injixo-key]").await;
    wait_text(c, "[data-testid=injixo-key-copied]", copied).await;
    scroll_to(c, "[data-testid=injixo-section]").await;
    screenshot(c, &format!("{step}-injixo-key-shown-once")).await;
    click(c, "[data-testid=hide-injixo-key]").await;
    wait_text(c, "[data-testid=injixo-key-mask]", "ijx_••••••••").await;
    scroll_to(c, "[data-testid=injixo-section]").await;
    let page = wait_for(c, "body")
        .await
        .prop("innerText")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        !page.contains(&key),
        "the key is still on screen after Done"
    );
    key
}

pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// No secret appears in any file of the data folder (SQLite with -wal/-shm, logs, settings).
pub fn assert_no_secret_in_files(data: &Path, secrets: &[&str]) {
    let files = all_files(data);
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("integration-desk.sqlite3")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("logs/integration-desk.log")),
        "{files:?}"
    );
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for secret in secrets {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "a key appears in {}",
                file.display()
            );
        }
    }
}

/// The API key stored for `id` in the Secret Service (keyring v3 attributes).
pub fn keychain_lookup(id: &str) -> String {
    let out = std::process::Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "integration-desk",
            "username",
            &format!("{id}/api_key"),
        ])
        .output()
        .expect("secret-tool");
    assert!(out.status.success(), "secret-tool lookup {id}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// API keys in no IPC answer at all; the injixo key only in `generate_injixo_key`'s answer.
pub fn assert_ipc_clean(
    answers: &[serde_json::Value],
    callbacks: &[String],
    api_keys: &[&str],
    injixo_key: &str,
) {
    assert!(
        answers.iter().any(|a| a["cmd"] == "list_integrations"),
        "the IPC recorder saw no answers: {answers:?}"
    );
    assert!(answers.iter().any(|a| a["cmd"] == "add_integration"));
    for answer in answers {
        let body = answer["body"].as_str().unwrap_or_default();
        for key in api_keys {
            assert!(
                !body.contains(key),
                "an API key in the answer to {}",
                answer["cmd"]
            );
        }
        if body.contains(injixo_key) {
            assert_eq!(
                answer["cmd"], "generate_injixo_key",
                "the injixo key in another answer"
            );
        }
    }
    let generated = answers
        .iter()
        .filter(|a| a["body"].as_str().unwrap_or_default().contains(injixo_key))
        .count();
    assert_eq!(generated, 1, "the injixo key crossed exactly once");
    for payload in callbacks {
        for key in api_keys {
            assert!(!payload.contains(key), "an API key in an IPC callback");
        }
    }
    assert_eq!(
        callbacks.iter().filter(|p| p.contains(injixo_key)).count(),
        1,
        "the injixo key reached the window exactly once"
    );
}
