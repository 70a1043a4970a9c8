//! Errors with stable codes. They cross IPC as `{code, message}`; the UI translates by `code`,
//! the CLI prints `error[<code>]: <message>`. Never put a secret into a message.

use serde::{Serialize, Serializer};
use ts_rs::TS;

/// Stable, machine-readable error codes. Renaming one breaks the UI's translations and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename_all = "snake_case")]
pub enum ErrorCode {
    /// No usable data folder: neither `IDESK_DATA_DIR` nor the platform's app-data folder.
    DataDirUnavailable,
    /// The data folder (or the database in it) cannot be written.
    DataDirNotWritable,
    /// The database file is not an SQLite database or is damaged.
    StoreCorrupt,
    /// The database was written by a newer version of Integration Desk.
    StoreNewerVersion,
    /// Any other SQLite failure.
    StoreFailed,
    /// The requested language is not one of en, de, fr, it.
    UnsupportedLanguage,
    /// A command line that does not parse (unknown flag, missing argument).
    Usage,
    /// Input that parses but is not acceptable (bad domain, bad date, ...).
    InvalidInput,
    /// An unexpected internal failure.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DataDirUnavailable => "data_dir_unavailable",
            ErrorCode::DataDirNotWritable => "data_dir_not_writable",
            ErrorCode::StoreCorrupt => "store_corrupt",
            ErrorCode::StoreNewerVersion => "store_newer_version",
            ErrorCode::StoreFailed => "store_failed",
            ErrorCode::UnsupportedLanguage => "unsupported_language",
            ErrorCode::Usage => "usage",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Internal => "internal",
        }
    }
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
    fn as_str_matches_serde_name() {
        for code in [
            ErrorCode::DataDirUnavailable,
            ErrorCode::DataDirNotWritable,
            ErrorCode::StoreCorrupt,
            ErrorCode::StoreNewerVersion,
            ErrorCode::StoreFailed,
            ErrorCode::UnsupportedLanguage,
            ErrorCode::Usage,
            ErrorCode::InvalidInput,
            ErrorCode::Internal,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
