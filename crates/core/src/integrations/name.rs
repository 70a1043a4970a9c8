//! The integration's name: unique (without regard to case), 1–64 characters, no control characters.

use crate::error::{CoreError, ErrorCode};

pub const MAX_NAME_CHARS: usize = 64;

/// Returns the trimmed name, or why it cannot be used. Uniqueness is checked by the store.
pub fn validate_name(input: &str) -> Result<String, CoreError> {
    let name = input.trim();
    if name.is_empty() {
        return Err(CoreError::new(
            ErrorCode::NameEmpty,
            "enter a name that identifies the data source",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(CoreError::new(
            ErrorCode::NameControlChars,
            "the name must not contain control characters (tabs, line breaks, ...)",
        ));
    }
    let count = name.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(CoreError::new(
            ErrorCode::NameTooLong,
            format!("the name has {count} characters; use at most {MAX_NAME_CHARS}"),
        ));
    }
    Ok(name.to_string())
}

/// The key under which names are compared: names differing only in case are the same name.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts_up_to_64_characters() {
        assert_eq!(validate_name("  Support EU ").unwrap(), "Support EU");
        assert!(validate_name(&"é".repeat(64)).is_ok());
        assert_eq!(
            validate_name(&"x".repeat(65)).unwrap_err().code,
            ErrorCode::NameTooLong
        );
    }

    #[test]
    fn rejects_empty_and_control_characters() {
        assert_eq!(validate_name("   ").unwrap_err().code, ErrorCode::NameEmpty);
        assert_eq!(
            validate_name("a\tb").unwrap_err().code,
            ErrorCode::NameControlChars
        );
        assert_eq!(
            validate_name("a\u{7}b").unwrap_err().code,
            ErrorCode::NameControlChars
        );
    }

    #[test]
    fn case_is_ignored_for_uniqueness() {
        assert_eq!(name_key("Support EU"), name_key("  support eu"));
        assert_eq!(name_key("ÄRGER"), name_key("ärger"));
    }
}
