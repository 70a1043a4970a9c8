//! Issue 13 end to end in the real window: *Diagnose* from the integration page and from the
//! dashboard; a key revoked at the help desk is the verdict, with its fix; the key check answers
//! "replaced on <date>" for the injixo key a regeneration replaced; English and German.

use fantoccini::Client;
use idesk_e2e::setup_form::injixo_key_once;
use idesk_e2e::{
    add_freshdesk_integration, click, fill, launch_to_empty_page, screenshot, sim_post, wait_for,
    wait_text, wait_text_for, Driver,
};
use idesk_sim::{Persona, SimConfig};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

/// Waits for a finished diagnosis whose verdict names `link_title` and says `message`.
async fn verdict(c: &Client, link_title: &str, message: &str) {
    wait_for(c, "[data-testid=diagnose-page]").await;
    wait_text_for(c, "[data-testid=diagnose-verdict]", link_title, LIMIT).await;
    wait_text(c, "[data-testid=verdict-message]", message).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_is_the_verdict_and_an_old_injixo_key_is_replaced() {
    let sim = idesk_sim::start(SimConfig::demo()).await.unwrap();
    let domain = "acme.freshdesk.com";
    let key = sim.key(domain, Persona::AccountAdmin).unwrap().to_string();
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::on_sim(data.path(), sim.url(), None);
    let c = launch_to_empty_page(&driver).await;
    add_freshdesk_integration(&c, "Support EU", domain, &key).await;

    // An injixo key, then a new one: the first is what an old client app still holds.
    let old = injixo_key_once(&c, "Generate", "Copied", "80").await;
    click(&c, "[data-testid=regenerate-injixo-key]").await;
    click(&c, "[data-testid=confirm-regenerate]").await;
    let new = wait_text(&c, "[data-testid=injixo-key-value]", "ijx_").await;
    assert_ne!(new.trim(), old);
    click(&c, "[data-testid=hide-injixo-key]").await;

    // The help desk no longer accepts the API key: the first broken link, and how to fix it.
    sim_post(
        sim.url(),
        &format!("/_sim/accounts/{domain}/keys/account_admin/revoke"),
    );
    click(&c, "[data-testid=open-diagnose]").await;
    verdict(&c, "Credentials", "rejects the stored API key").await;
    wait_text(&c, "[data-testid=verdict-fix]", "Paste a new key").await;
    screenshot(&c, "81-diagnose-revoked-key").await;

    // The key check: the old injixo key was replaced today.
    fill(&c, "[data-testid=key-check-input]", &old).await;
    click(&c, "[data-testid=key-check-button]").await;
    wait_text(&c, "[data-testid=key-check-headline]", "Replaced on").await;
    wait_for(&c, "[data-testid=key-check-answer][data-result=replaced]").await;
    screenshot(&c, "82-key-check-replaced").await;
    fill(&c, "[data-testid=key-check-input]", new.trim()).await;
    click(&c, "[data-testid=key-check-button]").await;
    wait_for(&c, "[data-testid=key-check-answer][data-result=active]").await;

    // From the dashboard, in German.
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=de]").await;
    wait_text(&c, "label[for=language]", "Sprache").await;
    click(&c, "[data-testid=nav-dashboard]").await;
    wait_for(&c, "[data-testid=status-card]").await;
    click(&c, "[data-testid=status-card] a[href$='/diagnose']").await;
    verdict(
        &c,
        "Zugangsdaten",
        "lehnt den gespeicherten API-Schlüssel ab",
    )
    .await;
    screenshot(&c, "83-de-diagnose-revoked-key").await;
    c.close().await.unwrap();
}
