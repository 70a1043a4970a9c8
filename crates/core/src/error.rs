//! Errors with stable codes. They cross IPC as `{code, message}`; the UI translates by `code`,
//! the CLI prints `error[<code>]: <message>`. Never put a secret into a message.

use serde::{Serialize, Serializer};
use ts_rs::TS;

/// Declares the codes once: the enum, its snake_case text, whether it is an input error, and `ALL`.
macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $text:literal, input: $input:literal; )*) => {
        /// Stable, machine-readable error codes. Renaming one breaks the UI's translations and scripts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
        #[ts(export)]
        pub enum ErrorCode {
            $( $(#[doc = $doc])* #[serde(rename = $text)] #[ts(rename = $text)] $variant, )*
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $text,)* }
            }

            /// Bad input (the CLI's exit code 2) rather than a failure while running (exit 1).
            pub fn is_input_error(self) -> bool {
                match self { $(ErrorCode::$variant => $input,)* }
            }
        }
    };
}

error_codes! {
    /// No usable data folder: neither `IDESK_DATA_DIR` nor the platform's app-data folder.
    DataDirUnavailable = "data_dir_unavailable", input: false;
    /// The data folder (or the database in it) cannot be written.
    DataDirNotWritable = "data_dir_not_writable", input: false;
    /// The database file is not an SQLite database or is damaged.
    StoreCorrupt = "store_corrupt", input: false;
    /// The database was written by a newer version of Integration Desk.
    StoreNewerVersion = "store_newer_version", input: false;
    /// The database's schema version is negative or beyond anything ever written: a damaged file.
    StoreVersionInvalid = "store_version_invalid", input: false;
    /// Any other SQLite failure.
    StoreFailed = "store_failed", input: false;
    /// The requested language is not one of en, de, fr, it.
    UnsupportedLanguage = "unsupported_language", input: true;
    /// A command line that does not parse (unknown flag, missing argument).
    Usage = "usage", input: true;
    /// Input that parses but is not acceptable.
    InvalidInput = "invalid_input", input: true;
    DomainEmpty = "domain_empty", input: true;
    DomainNonAscii = "domain_non_ascii", input: true;
    DomainInvalid = "domain_invalid", input: true;
    DomainHasUserinfo = "domain_has_userinfo", input: true;
    DomainHasPort = "domain_has_port", input: true;
    DomainIsIp = "domain_is_ip", input: true;
    DomainIsLocalhost = "domain_is_localhost", input: true;
    DomainMissingSubdomain = "domain_missing_subdomain", input: true;
    DomainOtherProduct = "domain_other_product", input: true;
    DomainLookalike = "domain_lookalike", input: true;
    /// A custom help-desk domain (CNAME): it does not serve the API.
    DomainCustom = "domain_custom", input: true;
    NameEmpty = "name_empty", input: true;
    NameTooLong = "name_too_long", input: true;
    NameControlChars = "name_control_chars", input: true;
    /// Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069) could make a name read differently.
    NameBidiControls = "name_bidi_controls", input: true;
    /// A name in the form of an integration id: it could be taken for another integration's id.
    NameLooksLikeId = "name_looks_like_id", input: true;
    /// Another integration has this name (compared without regard to case).
    NameTaken = "name_taken", input: true;
    ApiKeyEmpty = "api_key_empty", input: true;
    /// The API key holds control characters (a key is printable text).
    ApiKeyInvalidCharacters = "api_key_invalid_characters", input: true;
    /// No integration has this name or id.
    IntegrationNotFound = "integration_not_found", input: true;
    /// More than one integration matches; nothing was done.
    IntegrationAmbiguous = "integration_ambiguous", input: true;
    /// A required connection check failed; nothing was saved.
    CheckFailed = "check_failed", input: false;
    /// No Secret Service / keychain is running or reachable.
    KeychainUnavailable = "keychain_unavailable", input: false;
    /// The keychain is locked (or has no default collection).
    KeychainLocked = "keychain_locked", input: false;
    /// The keychain has no entry where one is expected.
    KeychainEntryMissing = "keychain_entry_missing", input: false;
    /// Any other keychain failure.
    KeychainFailed = "keychain_failed", input: false;
    /// An unexpected internal failure.
    Internal = "internal", input: false;
    /// A date on the command line is neither `YYYY-MM-DD` nor RFC 3339 with an offset.
    InvalidDate = "invalid_date", input: true;
    /// A time-zone name that is neither IANA nor one of Freshdesk's (Rails) names, or none known.
    UnknownTimeZone = "unknown_time_zone", input: true;
    /// An interval length other than 15, 30 or 60 minutes.
    InvalidInterval = "invalid_interval", input: true;
    /// A sync period outside 1 to 1,440 minutes.
    InvalidSyncInterval = "invalid_sync_interval", input: true;
    /// The help desk rejected the API key during an import (revoked or reset): 401.
    ImportKeyRejected = "import_key_rejected", input: false;
    /// The help desk refused an import call: 403 (role lost, plan changed, account suspended).
    ImportAccessDenied = "import_access_denied", input: false;
    /// The help desk kept failing (network, 5xx) after every retry.
    ImportUnavailable = "import_unavailable", input: false;
    /// The help desk answered something the importer does not understand.
    ImportUnexpectedResponse = "import_unexpected_response", input: false;
    /// 30,000 or more tickets share one `updated_at` second: Freshdesk's paging cannot reach past them.
    ImportTieTooLarge = "import_tie_too_large", input: false;
    /// A Freshchat raw report failed or its file could not be read.
    ImportReportFailed = "import_report_failed", input: false;
    /// A Freshchat raw report lacks a column the importer needs.
    ImportReportColumnMissing = "import_report_column_missing", input: false;
    /// A Freshchat report file is beyond the size, row or field limits (a zip bomb or a damaged file).
    ReportTooLarge = "report_too_large", input: false;
    /// A paged read did not end (an endless `Link: next` or an absurd `total_pages`).
    PagingRunaway = "paging_runaway", input: false;
    /// The demo's tickets live in the simulator: there is no Freshdesk page to open.
    DemoTicket = "demo_ticket", input: false;
    /// A sync was asked for an integration that was never imported.
    NotImported = "not_imported", input: false;
    /// The queue-naming explorer: the group id is not among the integration's imported groups.
    NamingUnknownGroup = "naming_unknown_group", input: true;
    /// The queue-naming explorer: a group id that cannot be one (Freshdesk's are numbers).
    NamingGroupIdInvalid = "naming_group_id_invalid", input: true;
    /// The queue-naming explorer: a new ticket or a reply was given no source code.
    NamingSourceMissing = "naming_source_missing", input: true;
    /// The queue-naming explorer: a source code was given for a chat, whose queue has none.
    NamingSourceNotApplicable = "naming_source_not_applicable", input: true;
    /// The queue-naming explorer: a kind of contact of the other product (a chat on Freshdesk, a ticket on Freshchat).
    NamingKindWrongProduct = "naming_kind_wrong_product", input: true;
    /// The CLI's standard output was closed before everything was written (`idesk ... | head -0`).
    OutputClosed = "output_closed", input: false;
    /// `idesk diagnose`: a link of the chain failed (the verdict names it).
    DiagnoseLinkFailed = "diagnose_link_failed", input: false;
    /// `idesk key check`: the pasted injixo API key is not the active one (replaced or unknown).
    InjixoKeyNotActive = "injixo_key_not_active", input: false;
    /// `idesk explain` / the ticket timeline: the ticket is neither cached nor found at the help desk.
    TicketNotFound = "ticket_not_found", input: false;
    /// A ticket timeline was asked of a Freshchat integration: timelines are for Freshdesk tickets.
    ExplainFreshdeskOnly = "explain_freshdesk_only", input: true;
}

/// An error for users: a stable code plus an English message (the UI shows its own translation).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, TS)]
#[error("{message}")]
#[ts(export, rename = "IpcError")]
pub struct CoreError {
    pub code: ErrorCode,
    pub message: String,
}

impl CoreError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Serialized as exactly `{code, message}` — the IPC error contract.
impl Serialize for CoreError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("CoreError", 2)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message_only() {
        let e = CoreError::new(ErrorCode::StoreCorrupt, "damaged");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "store_corrupt", "message": "damaged"})
        );
    }

    #[test]
    fn as_str_matches_serde_name_and_codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
        }
    }
}
