//! The setup flow's operations, shared by the app and the CLI: test a connection, add, edit,
//! check, remove, and generate the injixo API key. Nothing is persisted unless every step
//! succeeds. Each is async and takes the store only for its short store steps (see `access`).

use super::domain::{normalize_domain, NormalizedDomain};
use super::product::Product;
use super::records::Integration;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::checks::{allows_saving, check_freshchat, check_freshdesk, CheckResult};
use crate::freshworks::FreshworksClient;
use crate::secret::Secret;
use serde::Serialize;
use ts_rs::TS;

mod access;
mod lifecycle;
mod setup;
#[cfg(test)]
mod test_support;

pub use access::{OsKeychain, StoreAccess, Vault};
pub use lifecycle::{generate_injixo_key, remove};
pub use setup::{add, edit, recheck, Attempt};

/// Cleans a pasted key: surrounding blanks and any line breaks inside are removed.
pub fn clean_api_key(raw: &str) -> CoreResult<Secret> {
    let cleaned: String = raw
        .chars()
        .filter(|c| *c != '\n' && *c != '\r')
        .collect::<String>()
        .trim()
        .to_string();
    if cleaned.is_empty() {
        return Err(CoreError::new(ErrorCode::ApiKeyEmpty, "paste the API key"));
    }
    // A control character cannot be sent in a header: say so, not "builder error" later.
    if cleaned.chars().any(char::is_control) {
        return Err(CoreError::new(
            ErrorCode::ApiKeyInvalidCharacters,
            "the API key contains control characters (such as a tab); copy it again and paste only the key",
        ));
    }
    Ok(Secret::new(cleaned))
}

/// What a connection test found.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionTest {
    pub domain: NormalizedDomain,
    pub checks: Vec<CheckResult>,
    /// True when the required checks passed and the plan did not fail.
    pub can_save: bool,
}

/// Validates the domain and runs the product's checks. Stores nothing.
pub async fn test_connection(
    client: &FreshworksClient,
    product: Product,
    domain: &str,
    key: &Secret,
) -> CoreResult<ConnectionTest> {
    let domain = normalize_domain(domain, product)?;
    let checks = run_checks(client, product, &domain.host, key).await;
    let can_save = allows_saving(product, &checks);
    tracing::info!(product = product.as_str(), host = %domain.host, can_save, "connection test");
    Ok(ConnectionTest {
        domain,
        checks,
        can_save,
    })
}

pub async fn run_checks(
    client: &FreshworksClient,
    product: Product,
    host: &str,
    key: &Secret,
) -> Vec<CheckResult> {
    match product {
        Product::Freshdesk => check_freshdesk(client, host, key).await,
        Product::Freshchat => check_freshchat(client, host, key).await,
    }
}

/// What saving (or editing) an integration did: the checks, and the integration when it was saved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveResult {
    pub test: ConnectionTest,
    pub integration: Option<Integration>,
}

/// A new injixo API key: the one time its text crosses to the UI, to be shown once and copied.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GeneratedInjixoKey {
    pub integration: Integration,
    pub key: String,
}

fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// RFC 3339 UTC with seconds: how every timestamp is stored.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_keys_lose_blanks_and_line_breaks() {
        assert_eq!(clean_api_key("  abc\r\ndef\n ").unwrap().expose(), "abcdef");
        assert_eq!(
            clean_api_key(" \n ").unwrap_err().code,
            ErrorCode::ApiKeyEmpty
        );
    }
}
