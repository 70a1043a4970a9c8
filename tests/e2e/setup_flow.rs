//! Issue 5 end to end in the real window, against the simulator started in this process: the
//! model tiles, the connection test's failure paths, saving a Freshdesk and a Freshchat
//! integration, the injixo key shown once, a restart, and where the keys may (not) be found.

use fantoccini::Locator;
use idesk_e2e::setup_form::*;
use idesk_e2e::{
    click, fill, ipc_log, is_disabled, launch_to_empty_page, record_ipc, screenshot, scroll_to,
    wait_for, wait_gone, wait_text, Driver,
};
use idesk_sim::{Persona, SimConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_freshdesk_and_freshchat_then_restart() {
    let sim = idesk_sim::start(SimConfig::demo()).await.unwrap();
    let fd_admin = sim
        .key("acme.freshdesk.com", Persona::AccountAdmin)
        .unwrap()
        .to_string();
    let fd_agent = sim
        .key("acme.freshdesk.com", Persona::Agent)
        .unwrap()
        .to_string();
    let growth_admin = sim
        .key("acme-growth.freshdesk.com", Persona::AccountAdmin)
        .unwrap()
        .to_string();
    let fc_admin = sim
        .key("acme.freshchat.com", Persona::AccountAdmin)
        .unwrap()
        .to_string();
    let wrong_key = "wrong-key-0123456789abcdef";
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::on_sim(data.path(), sim.url(), None);

    let c = launch_to_empty_page(&driver).await;
    record_ipc(&c).await;
    screenshot(&c, "10-empty-with-demo-offer").await;

    // The model tiles.
    click(&c, "[data-testid=add-integration]").await;
    click(&c, "[data-testid=select-model-freshworks]").await;
    wait_text(&c, "[data-testid=section-freshdesk]", "View API key").await;
    wait_text(&c, "[data-testid=section-freshchat]", "API Tokens").await;
    screenshot(&c, "11-model-tiles").await;
    click(&c, "[data-testid=add-freshdesk]").await;
    wait_for(&c, NAME).await;
    assert!(is_disabled(&c, SAVE).await, "Save before any test");

    // A wrong key: the key check fails, nothing can be saved.
    test_connection(
        &c,
        "Support Desk",
        "acme.freshdesk.com",
        wrong_key,
        "key",
        "failed",
    )
    .await;
    wait_text(&c, "[data-testid=check-key]", "The API key was rejected").await;
    assert!(is_disabled(&c, SAVE).await);
    screenshot(&c, "12-wrong-key").await;

    // A non-admin key (Agent): the Account Administrator check fails.
    test_connection(
        &c,
        "Support Desk",
        "acme.freshdesk.com",
        &fd_agent,
        "account_admin",
        "failed",
    )
    .await;
    wait_text(
        &c,
        "[data-testid=check-account_admin]",
        "not an administrator",
    )
    .await;
    assert!(is_disabled(&c, SAVE).await);
    screenshot(&c, "13-agent-not-admin").await;

    // A Growth plan: the plan check fails.
    test_connection(
        &c,
        "Support Desk",
        "acme-growth.freshdesk.com",
        &growth_admin,
        "plan",
        "failed",
    )
    .await;
    wait_text(&c, "[data-testid=check-plan]", "below Pro").await;
    assert!(is_disabled(&c, SAVE).await);
    screenshot(&c, "14-growth-plan").await;

    // A bare subdomain is completed, and a valid Account Administrator key can be saved.
    test_connection(
        &c,
        "Support Desk",
        "acme",
        &fd_admin,
        "ticket_scope",
        "passed",
    )
    .await;
    wait_text(&c, "[data-testid=domain-expanded]", "acme.freshdesk.com").await;
    wait_for(&c, "[data-testid=check-account_admin][data-outcome=passed]").await;
    assert!(!is_disabled(&c, SAVE).await);
    screenshot(&c, "15-freshdesk-checks-passed").await;
    let freshdesk_id = save(&c).await;
    wait_text(
        &c,
        "[data-testid=integration-details]",
        "acme.freshdesk.com",
    )
    .await;
    screenshot(&c, "16-freshdesk-saved").await;

    // The injixo key: shown once, copied, then only masked.
    let injixo_key = injixo_key_once(&c, "Generate", "Copied", "17").await;
    screenshot(&c, "18-injixo-key-masked").await;

    // Freshchat.
    open_setup_form(&c, "freshchat", "Add integration", "Select model").await;
    test_connection(
        &c,
        "Chat",
        "acme.freshchat.com",
        &fc_admin,
        "reports_extract",
        "passed",
    )
    .await;
    assert!(!is_disabled(&c, SAVE).await);
    screenshot(&c, "19-freshchat-checks").await;
    let freshchat_id = save(&c).await;
    screenshot(&c, "20-freshchat-saved").await;

    click(&c, "[data-testid=nav-integrations]").await;
    wait_text(&c, "[data-testid=integrations-list]", "Chat").await;
    let rows = c
        .find_all(Locator::Css("[data-testid=integration-row]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "the failed attempts saved nothing");
    screenshot(&c, "21-list-two-integrations").await;

    let (answers, callbacks) = ipc_log(&c).await;
    c.close().await.unwrap();

    // A new app process: both integrations are still there.
    let c = driver.launch_app().await;
    let list = wait_text(&c, "[data-testid=integrations-list]", "Support Desk").await;
    assert!(
        list.contains("Chat") && list.contains("acme.freshchat.com"),
        "{list}"
    );
    screenshot(&c, "22-restarted-both-listed").await;
    click(&c, &format!("a[href='#/integrations/{freshdesk_id}']")).await;
    wait_text(&c, "[data-testid=injixo-key-mask]", "ijx_").await;
    scroll_to(&c, "[data-testid=injixo-section]").await;
    screenshot(&c, "23-restarted-injixo-key-masked").await;
    c.close().await.unwrap();
    drop(driver);

    // The API keys are in the Secret Service, and nowhere else.
    assert_eq!(keychain_lookup(&freshdesk_id).trim(), fd_admin);
    assert_eq!(keychain_lookup(&freshchat_id).trim(), fc_admin);
    let api_keys = [
        fd_admin.as_str(),
        fd_agent.as_str(),
        growth_admin.as_str(),
        fc_admin.as_str(),
        wrong_key,
    ];
    let mut secrets = api_keys.to_vec();
    secrets.push(&injixo_key);
    assert_no_secret_in_files(data.path(), &secrets);
    assert_ipc_clean(&answers, &callbacks, &api_keys, &injixo_key);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_walk_in_german() {
    let sim = idesk_sim::start(SimConfig::demo()).await.unwrap();
    let fd_admin = sim
        .key("acme.freshdesk.com", Persona::AccountAdmin)
        .unwrap()
        .to_string();
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::on_sim(data.path(), sim.url(), None);

    let c = launch_to_empty_page(&driver).await;
    click(&c, "[data-testid=nav-settings]").await;
    click(&c, "#language option[value=de]").await;
    wait_text(&c, "label[for=language]", "Sprache").await;

    open_setup_form(&c, "freshdesk", "Integration hinzufügen", "Modell wählen").await;
    wait_text(&c, "[data-testid=setup-form]", "Zugangsdaten").await;
    wait_text(&c, "label[for=integration-api-key]", "API-Schlüssel").await;
    wait_text(&c, SAVE, "Integration speichern").await;
    screenshot(&c, "30-de-setup-form").await;

    test_connection(
        &c,
        "Support",
        "acme.freshdesk.com",
        "falscher-schluessel-0000",
        "key",
        "failed",
    )
    .await;
    wait_text(&c, "[data-testid=check-key]", "abgelehnt").await;
    assert!(is_disabled(&c, SAVE).await);
    screenshot(&c, "31-de-wrong-key").await;

    test_connection(
        &c,
        "Support",
        "acme.freshdesk.com",
        &fd_admin,
        "key",
        "passed",
    )
    .await;
    wait_for(&c, "[data-testid=check-ticket_scope][data-outcome=passed]").await;
    screenshot(&c, "32-de-checks-passed").await;
    let id = save(&c).await;
    wait_text(&c, "[data-testid=injixo-section]", "Installiere injixo-App").await;
    screenshot(&c, "33-de-saved").await;
    injixo_key_once(&c, "Generieren", "Kopiert", "34-de").await;
    screenshot(&c, "35-de-injixo-key-masked").await;

    click(&c, "[data-testid=regenerate-injixo-key]").await;
    wait_text(&c, "[data-testid=regenerate-warning]", "sofort nicht mehr").await;
    screenshot(&c, "36-de-regenerate-confirmation").await;
    c.close().await.unwrap();
    drop(driver);
    assert_eq!(keychain_lookup(&id).trim(), fd_admin);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_account_with_its_banner_and_prefilled_keys() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(&[("IDESK_DATA_DIR", data.path())]);
    let c = launch_to_empty_page(&driver).await;
    assert!(c
        .find(Locator::Css("[data-testid=demo-banner]"))
        .await
        .is_err());
    click(&c, "[data-testid=try-demo]").await;
    wait_text(&c, "[data-testid=demo-banner]", "Demo").await;
    screenshot(&c, "40-demo-banner").await;

    open_setup_form(&c, "freshdesk", "Add integration", "Select model").await;
    click(&c, "#demo-account option[value='acme.freshdesk.com']").await;
    click(&c, "#demo-persona option[value=account_admin]").await;
    let domain = wait_for(&c, DOMAIN).await.prop("value").await.unwrap();
    assert_eq!(domain.as_deref(), Some("acme.freshdesk.com"));
    fill(&c, NAME, "Demo desk").await;
    click(&c, TEST).await;
    wait_for(&c, "[data-testid=check-ticket_scope][data-outcome=passed]").await;
    screenshot(&c, "41-demo-prefilled-and-tested").await;
    save(&c).await;
    wait_text(&c, "[data-testid=demo-banner]", "Demo").await;

    // Leaving the demo returns to the user's own (empty) integrations.
    // The banner goes once the demo has been left (its folder wiped, its syncs stopped).
    click(&c, "[data-testid=leave-demo]").await;
    wait_gone(&c, "[data-testid=demo-banner]").await;
    click(&c, "[data-testid=nav-integrations]").await;
    wait_for(&c, "[data-testid=integrations-empty]").await;
    screenshot(&c, "42-demo-left").await;
    c.close().await.unwrap();
}
