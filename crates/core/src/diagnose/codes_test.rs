//! Every code a link can give has its translated message (and, for failures and warnings, its
//! fix) in the UI's English strings, from which the locale test checks de, fr and it.

const SOURCES: [(&str, &str); 9] = [
    ("chat_activity.rs", include_str!("chat_activity.rs")),
    ("account.rs", include_str!("account.rs")),
    ("activity.rs", include_str!("activity.rs")),
    ("api.rs", include_str!("api.rs")),
    ("drift.rs", include_str!("drift.rs")),
    ("injixo.rs", include_str!("injixo.rs")),
    ("sync.rs", include_str!("sync.rs")),
    ("zone.rs", include_str!("zone.rs")),
    ("mod.rs", include_str!("mod.rs")),
];
const EN: &str = include_str!("../../../../ui/src/i18n/locales/en.json");

/// (constructor, code) of every `LinkResult::<outcome>(link, "code", ...)` in a source, and
/// codes chosen in a `match` as `("code", FIX)` (which always go to `failed`).
fn codes(source: &str) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    for ctor in ["failed", "warning", "passed", "skipped"] {
        let pattern = format!("LinkResult::{ctor}(");
        for (start, _) in source.match_indices(&pattern) {
            let rest = &source[start + pattern.len()..];
            let Some(after_link) = rest.split_once(',').map(|(_, r)| r.trim_start()) else {
                continue;
            };
            if let Some(literal) = after_link.strip_prefix('"') {
                let code = literal.split('"').next().unwrap_or_default();
                found.push((ctor, code.to_string()));
            }
        }
    }
    for (i, _) in source.match_indices('(') {
        let line_start = source[..i].rfind('\n').map_or(0, |p| p + 1);
        let prefix = source[line_start..i].trim();
        if !(prefix.is_empty() || prefix.ends_with("=>")) {
            continue;
        }
        let Some(literal) = source[i + 1..].trim_start().strip_prefix('"') else {
            continue;
        };
        let code = literal.split('"').next().unwrap_or_default();
        let after = &literal[code.len() + 1..];
        // `CHANGE_CODES` entries (code, needs_fix) are checked below with their own flag.
        if after.starts_with(", false)") || after.starts_with(", true)") {
            continue;
        }
        if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            found.push(("failed", code.to_string()));
        }
    }
    found
}

#[test]
fn every_link_code_is_translated() {
    let en: serde_json::Value = serde_json::from_str(EN).unwrap();
    let translated = &en["diagnose"]["codes"];
    let mut seen = 0;
    for (file, source) in SOURCES {
        for (ctor, code) in codes(source) {
            seen += 1;
            let entry = &translated[&code];
            assert!(
                entry["message"].is_string(),
                "{file}: diagnose.codes.{code}.message is missing"
            );
            if ctor == "failed" || ctor == "warning" {
                assert!(
                    entry["fix"].is_string(),
                    "{file}: diagnose.codes.{code}.fix is missing"
                );
            }
        }
    }
    assert!(seen > 40, "the scan found only {seen} codes");
    for chosen in [
        "key_missing",
        "keychain_unavailable",
        "ticket_scope_not_global",
        "not_account_admin",
    ] {
        assert!(
            SOURCES
                .iter()
                .any(|(_, s)| codes(s).iter().any(|(_, c)| c == chosen)),
            "{chosen} not found by the scan"
        );
    }
    for (code, needs_fix) in super::activity::CHANGE_CODES {
        assert!(
            translated[code]["message"].is_string(),
            "diagnose.codes.{code}.message is missing"
        );
        assert_eq!(
            translated[code]["fix"].is_string(),
            needs_fix,
            "diagnose.codes.{code}.fix"
        );
    }
    let links = &en["diagnose"]["links"];
    for link in super::LINK_ORDER {
        assert!(
            links[link.as_str()]["title"].is_string(),
            "{}",
            link.as_str()
        );
    }
}
