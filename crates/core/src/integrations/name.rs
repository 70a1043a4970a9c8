//! The integration's name: unique (without regard to case), 1–64 characters, no control characters,
//! no bidirectional controls, and never in the form of an integration id.

use crate::error::{CoreError, ErrorCode};

pub const MAX_NAME_CHARS: usize = 64;

/// Hex digits in an integration id (12 random bytes, `service::new_id`).
pub const ID_HEX_DIGITS: usize = 24;

/// Embedding, override and isolate controls: they reorder how the rest of a name is displayed.
const BIDI_CONTROLS: [std::ops::RangeInclusive<char>; 2] =
    ['\u{202A}'..='\u{202E}', '\u{2066}'..='\u{2069}'];

/// True for text in the form of an integration id (24 hex digits, any case).
pub fn looks_like_id(text: &str) -> bool {
    text.len() == ID_HEX_DIGITS && text.bytes().all(|b| b.is_ascii_hexdigit())
}

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
    if name
        .chars()
        .any(|c| BIDI_CONTROLS.iter().any(|r| r.contains(&c)))
    {
        return Err(CoreError::new(
            ErrorCode::NameBidiControls,
            "the name must not contain Unicode direction controls (U+202A to U+202E, U+2066 to U+2069)",
        ));
    }
    // The app addresses integrations by id: a name of that form could be taken for another's id.
    if looks_like_id(name) {
        return Err(CoreError::new(
            ErrorCode::NameLooksLikeId,
            format!("a name of {ID_HEX_DIGITS} hexadecimal digits looks like an integration id; choose another name"),
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
    fn rejects_direction_controls_of_every_kind() {
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            let err = validate_name(&format!("Support{c}UE")).unwrap_err();
            assert_eq!(err.code, ErrorCode::NameBidiControls, "U+{:04X}", c as u32);
        }
        // Right-to-left text itself is a fine name.
        assert!(validate_name("תמיכה EU").is_ok());
    }

    #[test]
    fn rejects_names_in_the_form_of_an_id() {
        for name in [
            "01c33ff6a9b2c4d5e6f70812",
            "01C33FF6A9B2C4D5E6F70812",
            " 0123456789abcdef01234567 ",
        ] {
            assert_eq!(
                validate_name(name).unwrap_err().code,
                ErrorCode::NameLooksLikeId,
                "{name}"
            );
        }
        // Shorter or longer hex, or not hex at all, is an ordinary name.
        for name in [
            "01c33ff6",
            "01c33ff6a9b2c4d5e6f708123",
            "01c33ff6a9b2c4d5e6f7081g",
        ] {
            assert!(validate_name(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn case_is_ignored_for_uniqueness() {
        assert_eq!(name_key("Support EU"), name_key("  support eu"));
        assert_eq!(name_key("ÄRGER"), name_key("ärger"));
    }
}
