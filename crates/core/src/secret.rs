//! `Secret`: a value (API key, injixo key) that must never be printed, logged or serialized.
//!
//! `Debug` and `Display` print `<redacted>`, there is deliberately no `Serialize`, and the memory is
//! zeroed on drop. As a second line of defence every live secret is registered so that the log writer
//! (see `logging`) can scrub its raw text even if some code logged `expose()` by mistake.

use std::fmt;
use std::sync::{Arc, Mutex, Weak};
use zeroize::Zeroizing;

/// What every redacted value prints as.
pub const REDACTED: &str = "<redacted>";

/// Secrets shorter than this are not scrubbed from logs: replacing 1–3 characters everywhere would
/// mangle logs without protecting anything a real key needs protected.
const MIN_SCRUB_LEN: usize = 4;

type SecretText = Zeroizing<String>;

static LIVE_SECRETS: Mutex<Vec<Weak<SecretText>>> = Mutex::new(Vec::new());

#[derive(Clone)]
pub struct Secret(Arc<SecretText>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        let inner = Arc::new(Zeroizing::new(value.into()));
        let mut live = LIVE_SECRETS.lock().unwrap_or_else(|e| e.into_inner());
        live.retain(|w| w.strong_count() > 0);
        live.push(Arc::downgrade(&inner));
        Secret(inner)
    }

    /// The raw value, for the one place that needs it (an HTTP header, the keychain).
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    /// A mask safe to show in the UI: the last four characters at most, for keys long enough.
    pub fn mask(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 12 {
            return "••••••••".to_string();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("••••••••{tail}")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Replaces the text of every live secret in `line` with `<redacted>`.
pub fn scrub(line: &str) -> std::borrow::Cow<'_, str> {
    let live = LIVE_SECRETS.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = std::borrow::Cow::Borrowed(line);
    for secret in live.iter().filter_map(Weak::upgrade) {
        if secret.len() >= MIN_SCRUB_LEN && out.contains(secret.as_str()) {
            out = std::borrow::Cow::Owned(out.replace(secret.as_str(), REDACTED));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    static_assertions::assert_not_impl_any!(Secret: serde::Serialize);

    #[test]
    fn debug_and_display_are_redacted() {
        let s = Secret::new("fd-key-1234567890");
        assert_eq!(format!("{s:?}"), REDACTED);
        assert_eq!(format!("{s}"), REDACTED);
        assert_eq!(format!("{:?}", Some(&s)), format!("Some({REDACTED})"));
    }

    #[test]
    fn mask_shows_at_most_the_last_four_characters() {
        assert_eq!(Secret::new("abcdefghijkl7890").mask(), "••••••••7890");
        assert_eq!(Secret::new("short").mask(), "••••••••");
    }

    #[test]
    fn scrub_removes_live_secrets_and_forgets_dropped_ones() {
        let s = Secret::new("scrub-me-0123456789");
        assert_eq!(
            scrub("key=scrub-me-0123456789;"),
            format!("key={REDACTED};")
        );
        drop(s);
        assert_eq!(
            scrub("key=scrub-me-0123456789;"),
            "key=scrub-me-0123456789;"
        );
    }
}
