//! The real app window, end to end: Xvfb + tauri-driver + WebKitWebDriver, temporary data folders.

use fantoccini::Locator;
use idesk_e2e::{screenshot, wait_for, wait_text, Driver};

#[tokio::test]
async fn empty_integrations_page_then_german_survives_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(&[("IDESK_DATA_DIR", data.path())]);

    let c = driver.launch_app().await;
    assert_eq!(c.title().await.unwrap(), "Integration Desk");
    wait_text(
        &c,
        "[data-testid=integrations-empty]",
        "No integrations yet",
    )
    .await;
    wait_text(&c, "[data-testid=add-integration]", "Add integration").await;
    screenshot(&c, "01-integrations-empty-en").await;

    c.find(Locator::Css("[data-testid=nav-settings]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let data_dir = data.path().display().to_string();
    wait_text(&c, "[data-testid=data-dir]", &data_dir).await;
    screenshot(&c, "02-settings-en").await;

    c.find(Locator::Css("#language option[value=de]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(&c, "label[for=language]", "Sprache").await;
    screenshot(&c, "03-settings-de").await;

    c.find(Locator::Css("[data-testid=nav-integrations]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(
        &c,
        "[data-testid=add-integration]",
        "Integration hinzufügen",
    )
    .await;
    screenshot(&c, "04-integrations-de").await;
    c.close().await.unwrap();

    // A new app process on the same data folder: German is still selected.
    let c = driver.launch_app().await;
    wait_text(
        &c,
        "[data-testid=add-integration]",
        "Integration hinzufügen",
    )
    .await;
    screenshot(&c, "05-restarted-de").await;
    c.find(Locator::Css("[data-testid=nav-settings]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let select = wait_for(&c, "#language").await;
    assert_eq!(select.prop("value").await.unwrap().as_deref(), Some("de"));
    c.close().await.unwrap();
    assert!(data.path().join("integration-desk.sqlite3").exists());
    assert!(data.path().join("logs/integration-desk.log").exists());
}

#[tokio::test]
async fn a_damaged_database_shows_the_error_screen_and_stays_untouched() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("integration-desk.sqlite3");
    let garbage = b"not a database, but someone's file\n".repeat(64);
    std::fs::write(&db, &garbage).unwrap();
    let driver = Driver::start(&[("IDESK_DATA_DIR", data.path())]);

    let c = driver.launch_app().await;
    let alert = wait_text(&c, "[data-testid=store-error]", "damaged").await;
    assert!(alert.contains(&db.display().to_string()), "{alert}");
    assert!(alert.contains("store_corrupt"), "{alert}");
    screenshot(&c, "06-store-corrupt-error").await;
    c.close().await.unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), garbage);
}
