//! The demo's starting point: one Freshdesk and one Freshchat integration on the simulator's
//! main Enterprise accounts, set up through the same service as the setup form (checks stored,
//! keys in the keychain), and a few days of history imported with the ordinary importer.

use super::progress::{DemoStep, DemoTracker};
use super::DemoAccount;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::FreshworksClient;
use crate::import::continuous::{self, SyncSettings};
use crate::import::{run_import, SinceArg};
use crate::integrations::service::{self, StoreAccess};
use crate::integrations::{Integration, Product};
use crate::paths::AppPaths;
use crate::secret::Secret;
use crate::store::Store;

/// Days of history the demo starts with (whole days before today, and today so far).
pub const SEED_DAYS: u64 = 3;
/// The names the demo's integrations start with.
pub const FRESHDESK_NAME: &str = "Demo Support";
pub const FRESHCHAT_NAME: &str = "Demo Chat";
/// The demo syncs every minute, so the simulator's live activity shows up while presenting.
pub const DEMO_SYNC_EVERY_MINUTES: u32 = 1;
/// The persona whose key the demo's integrations use (the setup flow asks for an administrator).
const PERSONA: &str = "account_admin";

/// Sets up both integrations and imports [`SEED_DAYS`] for each (the two imports side by side,
/// each on its own connection to the store in `paths`). `store` is the demo's store as the app
/// holds it; it is locked only for short steps. Returns the two integrations, Freshdesk first.
pub async fn seed(
    store: &impl StoreAccess,
    paths: &AppPaths,
    client: &FreshworksClient,
    accounts: &[DemoAccount],
    progress: &DemoTracker<'_>,
) -> CoreResult<Vec<Integration>> {
    let (desk, desk_key) = set_up(store, client, accounts, Product::Freshdesk, progress).await?;
    let (chat, chat_key) = set_up(store, client, accounts, Product::Freshchat, progress).await?;
    let since = SinceArg::Date(chrono::Utc::now().date_naive() - chrono::Days::new(SEED_DAYS));
    // Side by side: both wait on the simulator, not on this machine's CPU.
    let (desk_done, chat_done) = tokio::join!(
        import_one(paths, client, &desk, desk_key, since, progress),
        import_one(paths, client, &chat, chat_key, since, progress),
    );
    desk_done?;
    chat_done?;
    progress.begin(DemoStep::Ready, None);
    Ok(vec![desk, chat])
}

/// Adds the integration of `product` on its main account as the setup form would, and makes
/// it sync every [`DEMO_SYNC_EVERY_MINUTES`]. Returns it with its key.
async fn set_up(
    store: &impl StoreAccess,
    client: &FreshworksClient,
    accounts: &[DemoAccount],
    product: Product,
    progress: &DemoTracker<'_>,
) -> CoreResult<(Integration, Secret)> {
    progress.begin(DemoStep::SetUp, Some(product));
    let name = match product {
        Product::Freshdesk => FRESHDESK_NAME,
        Product::Freshchat => FRESHCHAT_NAME,
    };
    let account = main_account(accounts, product)?;
    let key = account_key(account)?;
    let attempt = service::add(store, client, product, name, &account.domain, key.clone()).await?;
    let integration = attempt.into_result()?.integration.ok_or_else(|| {
        CoreError::new(
            ErrorCode::Internal,
            format!(
                "the demo's {} account did not pass the setup checks",
                product.as_str()
            ),
        )
    })?;
    let settings = SyncSettings {
        paused: false,
        every_minutes: DEMO_SYNC_EVERY_MINUTES,
    };
    store.with_store(|s| continuous::save_settings(s, &integration.id, settings))?;
    progress.finish(DemoStep::SetUp, Some(product));
    Ok((integration, key))
}

async fn import_one(
    paths: &AppPaths,
    client: &FreshworksClient,
    integration: &Integration,
    key: Secret,
    since: SinceArg,
    progress: &DemoTracker<'_>,
) -> CoreResult<()> {
    let product = integration.product;
    progress.begin(DemoStep::Import, Some(product));
    let mut store = Store::open(paths)?;
    let target = integration.import_target();
    let mut report = |_: &crate::import::Progress| {};
    run_import(&mut store, &target, key, client.clone(), since, &mut report).await?;
    progress.finish(DemoStep::Imported, Some(product));
    Ok(())
}

/// The product's main account: the simulator's first Enterprise account that is not suspended.
pub fn main_account(accounts: &[DemoAccount], product: Product) -> CoreResult<&DemoAccount> {
    accounts
        .iter()
        .find(|a| a.product == product && a.plan == "enterprise" && !a.suspended)
        .ok_or_else(|| {
            CoreError::new(
                ErrorCode::Internal,
                format!("the demo has no {} Enterprise account", product.as_str()),
            )
        })
}

fn account_key(account: &DemoAccount) -> CoreResult<Secret> {
    account
        .keys
        .get(PERSONA)
        .map(|k| Secret::new(k.clone()))
        .ok_or_else(|| {
            CoreError::new(
                ErrorCode::Internal,
                format!(
                    "the demo account {} has no administrator key",
                    account.domain
                ),
            )
        })
}
