//! `injixo_key`: the key the client app (injixo in Freshworks) uses to send events. No key
//! issued: nothing can arrive. A key regenerated lately: a client app still holding the old
//! key sends events that are rejected.

use super::{LinkId, LinkResult};
use crate::integrations::Integration;
use chrono::{DateTime, Utc};

/// A key regenerated within this many days is worth a warning.
const RECENT_DAYS: i64 = 7;

const PASTE_FIX: &str = "Paste the new key into the injixo app's settings in Freshworks (the client app); to see which key it holds, use the key check (`idesk key check NAME`).";

pub(super) fn link(integration: &Integration) -> LinkResult {
    link_at(integration, Utc::now())
}

fn link_at(integration: &Integration, now: DateTime<Utc>) -> LinkResult {
    let c = LinkId::InjixoKey;
    let Some(key) = &integration.injixo_key else {
        return LinkResult::failed(
            c,
            "injixo_key_missing",
            "no injixo API key was issued for this integration: the client app cannot send anything",
            "Generate the injixo API key (the integration's page, or `idesk key generate NAME`) and paste it into the client app.",
        )
        .with("replaced_count", 0);
    };
    let issued = DateTime::parse_from_rfc3339(&key.created_at)
        .ok()
        .map(|t| t.with_timezone(&Utc));
    let recent = issued.is_some_and(|t| now - t <= chrono::Duration::days(RECENT_DAYS));
    let link = if key.replaced_count > 0 && recent {
        LinkResult::warning(
            c,
            "injixo_key_regenerated",
            format!("the injixo API key was regenerated on {}: a client app that still holds the old key sends events that are rejected", &key.created_at[..10.min(key.created_at.len())]),
            PASTE_FIX,
        )
    } else {
        LinkResult::passed(c, "injixo_key_active", "an injixo API key is issued")
    };
    link.with("issued_at", key.created_at.clone())
        .with("replaced_count", key.replaced_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::LinkOutcome;
    use crate::integrations::records::InjixoKeyInfo;

    fn integration(key: Option<InjixoKeyInfo>) -> Integration {
        Integration {
            id: "i".into(),
            name: "n".into(),
            product: crate::integrations::Product::Freshdesk,
            domain: "d".into(),
            status: crate::integrations::IntegrationStatus::Operational,
            key_mask: String::new(),
            checks: vec![],
            checked_at: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            injixo_key: key,
        }
    }

    #[test]
    fn missing_fails_and_a_recent_regeneration_warns_with_its_date() {
        let now = Utc::now();
        assert_eq!(
            link_at(&integration(None), now).outcome,
            LinkOutcome::Failed
        );
        let at = |days: i64| (now - chrono::Duration::days(days)).to_rfc3339();
        let fresh = link_at(
            &integration(Some(InjixoKeyInfo {
                created_at: at(1),
                replaced_count: 1,
            })),
            now,
        );
        assert_eq!(
            (fresh.outcome, fresh.code.as_str()),
            (LinkOutcome::Warning, "injixo_key_regenerated")
        );
        assert!(fresh.message.contains(&at(1)[..10]));
        let first = link_at(
            &integration(Some(InjixoKeyInfo {
                created_at: at(1),
                replaced_count: 0,
            })),
            now,
        );
        assert_eq!(first.outcome, LinkOutcome::Passed);
        let old = link_at(
            &integration(Some(InjixoKeyInfo {
                created_at: at(30),
                replaced_count: 2,
            })),
            now,
        );
        assert_eq!(old.outcome, LinkOutcome::Passed);
    }
}
