//! The UI languages and how the default is chosen from the OS locale.

use crate::error::{CoreError, ErrorCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Language {
    En,
    De,
    Fr,
    It,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::En, Language::De, Language::Fr, Language::It];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Fr => "fr",
            Language::It => "it",
        }
    }

    /// Maps a locale tag such as `de-CH`, `fr_FR.UTF-8` or `it` to a language; anything else is English.
    pub fn from_locale(tag: &str) -> Language {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == primary)
            .unwrap_or(Language::En)
    }

    /// The default when the user has not chosen: the OS locale.
    pub fn from_os() -> Language {
        sys_locale::get_locale()
            .map(|tag| Language::from_locale(&tag))
            .unwrap_or(Language::En)
    }
}

impl std::str::FromStr for Language {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| {
                CoreError::new(
                    ErrorCode::UnsupportedLanguage,
                    format!("unsupported language {s:?}; use one of en, de, fr, it"),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_map_to_languages() {
        assert_eq!(Language::from_locale("de-CH"), Language::De);
        assert_eq!(Language::from_locale("fr_FR.UTF-8"), Language::Fr);
        assert_eq!(Language::from_locale("it"), Language::It);
        assert_eq!(Language::from_locale("en-US"), Language::En);
        assert_eq!(Language::from_locale("ja-JP"), Language::En);
        assert_eq!(Language::from_locale(""), Language::En);
    }

    #[test]
    fn parsing_rejects_unknown_codes() {
        assert_eq!("de".parse::<Language>().unwrap(), Language::De);
        let err = "xx".parse::<Language>().unwrap_err();
        assert_eq!(err.code, ErrorCode::UnsupportedLanguage);
    }
}
