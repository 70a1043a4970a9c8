//! The demo account (F10 in docs/product.md): which simulated accounts exist and their keys (as
//! the UI sees them), its starting point ([`seed`]) and the way back to nothing ([`wipe`]).
//! The simulator itself lives in `idesk-sim`; the app runs it in-process and keeps the demo's
//! integrations in `<data folder>/demo`, apart from real ones.

mod progress;
mod seed;
mod wipe;

pub use progress::{DemoProgress, DemoStep, DemoTracker, DEMO_STEPS};
pub use seed::{
    main_account, seed, DEMO_SYNC_EVERY_MINUTES, FRESHCHAT_NAME, FRESHDESK_NAME, SEED_DAYS,
};
pub use wipe::wipe;

use crate::integrations::Product;
use crate::paths::AppPaths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Folder of the demo's own store, inside the data folder.
pub const DEMO_DIR: &str = "demo";

pub fn demo_paths(real: &AppPaths) -> AppPaths {
    let mut p = AppPaths::in_dir(real.data_dir.join(DEMO_DIR));
    // One log for the app, whichever mode it is in.
    p.log_dir = real.log_dir.clone();
    p
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DemoAccount {
    pub product: Product,
    pub domain: String,
    /// trial, growth, pro, enterprise or free.
    pub plan: String,
    pub suspended: bool,
    /// Persona (account_admin, admin, agent, occasional_agent, group_scoped_agent) → demo key.
    /// Demo keys only open the in-process simulator, so the UI may show and pre-fill them.
    pub keys: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DemoInfo {
    pub accounts: Vec<DemoAccount>,
    pub data_dir: String,
}
