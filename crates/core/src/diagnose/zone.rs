//! `time_zone`: the help desk's zone now against the one the import stored (which the queue
//! report and the preview use). Freshchat has no account zone: its reports use the computer's.

use super::{LinkId, LinkResult};
use crate::error::CoreResult;
use crate::freshworks::{Auth, FreshworksClient};
use crate::integrations::{Integration, Product};
use crate::secret::Secret;
use crate::store::Store;
use idesk_rules::freshdesk_time_zone;

pub(super) async fn link(
    store: &Store,
    client: &FreshworksClient,
    integration: &Integration,
    key: Option<&Secret>,
) -> CoreResult<LinkResult> {
    let c = LinkId::TimeZone;
    if integration.product == Product::Freshchat {
        let zone = crate::import::dates::local_zone()
            .map(|z| z.name().to_string())
            .ok();
        return Ok(LinkResult::passed(
            c,
            "time_zone_computer",
            "Freshchat's data is shown in the computer's time zone",
        )
        .with("zone", zone));
    }
    let Some(key) = key else {
        return Ok(LinkResult::not_checked(c));
    };
    let stored = crate::import::cache::time_zone(store.conn(), &integration.id)
        .map_err(|e| store.map_err(e))?;
    let now = match client
        .get(
            &integration.domain,
            "/api/v2/account",
            &Auth::FreshdeskKey(key.clone()),
        )
        .await
    {
        Ok(r) if r.status == 200 => r
            .json()
            .and_then(|b| b["timezone"].as_str().map(str::to_string)),
        Ok(r) => {
            return Ok(LinkResult::skipped(
                c,
                "not_checked_api",
                format!(
                    "the account's time zone could not be read now (HTTP {})",
                    r.status
                ),
            )
            .with("stored_zone", stored))
        }
        Err(e) => {
            return Ok(LinkResult::skipped(
                c,
                "not_checked_api",
                format!("the account's time zone could not be read now ({e:?})"),
            )
            .with("stored_zone", stored))
        }
    };
    Ok(judge(stored.as_deref(), now.as_deref()))
}

fn judge(stored: Option<&str>, now: Option<&str>) -> LinkResult {
    let c = LinkId::TimeZone;
    let link = match (stored, now) {
        (_, None) => LinkResult::warning(c, "time_zone_unreadable", "the help desk did not report its time zone", "Pass the zone to the queue report (--tz) or check the account settings in Freshdesk."),
        (None, Some(_)) => LinkResult::warning(
            c,
            "time_zone_not_stored",
            "the import stored no time zone for this help desk, so days and intervals are in UTC",
            "Run the import again so that the account's zone is read.",
        ),
        (Some(old), Some(new)) if old != new => LinkResult::failed(
            c,
            "time_zone_changed",
            format!("the help desk's time zone changed from {old:?} to {new:?} since the import: intervals are shifted against what the WFM system expects"),
            "Check which zone is right in Freshdesk (Admin > Account > Helpdesk settings); then run the import again so that the queue report and the preview use it.",
        ),
        (Some(_), Some(new)) if freshdesk_time_zone(new).is_err() => LinkResult::warning(
            c,
            "time_zone_unknown",
            format!("the help desk's time zone {new:?} is not a known zone name"),
            "Pass the zone to the queue report (--tz).",
        ),
        (Some(_), Some(_)) => LinkResult::passed(c, "time_zone_unchanged", "the help desk's time zone is the one the import stored"),
    };
    link.with("stored_zone", stored).with("zone_now", now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::LinkOutcome;

    #[test]
    fn a_changed_zone_fails() {
        assert_eq!(
            judge(Some("Berlin"), Some("Berlin")).outcome,
            LinkOutcome::Passed
        );
        let changed = judge(Some("Berlin"), Some("Tokyo"));
        assert_eq!(
            (changed.outcome, changed.code.as_str()),
            (LinkOutcome::Failed, "time_zone_changed")
        );
        assert_eq!(changed.evidence["zone_now"], "Tokyo");
        assert_eq!(judge(None, Some("Tokyo")).outcome, LinkOutcome::Warning);
    }
}
