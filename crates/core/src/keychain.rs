//! API keys in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows). Entries: service `integration-desk`, account `<integration id>/<secret kind>`.
//! There is no plain-text fallback: without a keychain, saving fails with a code that says why.

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::secret::Secret;

pub const KEYCHAIN_SERVICE: &str = "integration-desk";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// The Freshdesk API key or Freshchat API token of an integration.
    ApiKey,
}

impl SecretKind {
    fn as_str(self) -> &'static str {
        match self {
            SecretKind::ApiKey => "api_key",
        }
    }
}

/// The keychain account name of one secret.
pub fn account_name(integration_id: &str, kind: SecretKind) -> String {
    format!("{integration_id}/{}", kind.as_str())
}

fn entry(integration_id: &str, kind: SecretKind) -> CoreResult<keyring::Entry> {
    keyring::Entry::new(KEYCHAIN_SERVICE, &account_name(integration_id, kind)).map_err(map_keyring)
}

pub fn store(integration_id: &str, kind: SecretKind, secret: &Secret) -> CoreResult<()> {
    entry(integration_id, kind)?
        .set_password(secret.expose())
        .map_err(map_keyring)
}

pub fn load(integration_id: &str, kind: SecretKind) -> CoreResult<Secret> {
    entry(integration_id, kind)?
        .get_password()
        .map(Secret::new)
        .map_err(map_keyring)
}

/// Removes the entry; an entry that is already gone is not an error.
pub fn delete(integration_id: &str, kind: SecretKind) -> CoreResult<()> {
    match entry(integration_id, kind)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(map_keyring(e)),
    }
}

/// Maps keychain failures to stable codes with a message that says what to install or unlock.
/// keyring's errors never contain the secret itself.
fn map_keyring(e: keyring::Error) -> CoreError {
    let detail = e.to_string();
    match e {
        keyring::Error::NoEntry => CoreError::new(
            ErrorCode::KeychainEntryMissing,
            "the API key of this integration is missing from the keychain; edit the integration and enter the key again",
        ),
        keyring::Error::NoStorageAccess(_) => CoreError::new(
            ErrorCode::KeychainLocked,
            format!("the keychain is locked or has no default collection; unlock it (e.g. log in to the desktop session) and try again ({detail})"),
        ),
        keyring::Error::PlatformFailure(_)
            if detail.contains("org.freedesktop.secrets")
                || detail.contains("ServiceUnknown")
                || detail.contains("D-Bus")
                || detail.contains("DBus")
                || detail.contains("dbus") =>
        {
            CoreError::new(
                ErrorCode::KeychainUnavailable,
                format!("no keychain is available: install and start a Secret Service such as gnome-keyring (package gnome-keyring) in a D-Bus session ({detail})"),
            )
        }
        _ => CoreError::new(ErrorCode::KeychainFailed, format!("the keychain reported an error: {detail}")),
    }
}
