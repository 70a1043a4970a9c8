//! Reading the plan from what the APIs say. Plan names are unconfirmed (docs/freshworks-api.md), so
//! anything not known is "could not verify", never a guess.

/// Verdict on a plan name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PlanVerdict {
    /// Pro or Enterprise (legacy: Estate, Forest).
    Supported,
    /// Free, Growth (legacy: Sprout, Blossom, Garden): no API or below Pro.
    BelowPro,
    Trial,
    Unknown,
}

const SUPPORTED: [&str; 4] = ["pro", "enterprise", "estate", "forest"];
const BELOW_PRO: [&str; 5] = ["free", "growth", "sprout", "blossom", "garden"];

pub(super) fn classify_plan(name: &str) -> PlanVerdict {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.contains(&"trial") {
        PlanVerdict::Trial
    } else if words.iter().any(|w| SUPPORTED.contains(w)) {
        PlanVerdict::Supported
    } else if words.iter().any(|w| BELOW_PRO.contains(w)) {
        PlanVerdict::BelowPro
    } else {
        PlanVerdict::Unknown
    }
}

/// Freshdesk's default per-minute budgets (docs/freshworks-api.md): the fallback evidence of the plan.
pub(super) fn plan_from_rate_limit_total(total: u64) -> PlanVerdict {
    match total {
        400 | 700 => PlanVerdict::Supported,
        200 => PlanVerdict::BelowPro,
        50 => PlanVerdict::Trial,
        // A raised budget above Enterprise's default is only sold on Pro/Enterprise plans.
        t if t > 700 => PlanVerdict::Supported,
        _ => PlanVerdict::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_names() {
        assert_eq!(classify_plan("Enterprise"), PlanVerdict::Supported);
        assert_eq!(classify_plan("PRO"), PlanVerdict::Supported);
        assert_eq!(classify_plan("Forest"), PlanVerdict::Supported);
        assert_eq!(classify_plan("Growth"), PlanVerdict::BelowPro);
        assert_eq!(classify_plan("Blossom Jan 2017"), PlanVerdict::BelowPro);
        assert_eq!(classify_plan("FREE"), PlanVerdict::BelowPro);
        assert_eq!(classify_plan("Trial"), PlanVerdict::Trial);
        assert_eq!(classify_plan("Galaxy"), PlanVerdict::Unknown);
        assert_eq!(classify_plan("Professional"), PlanVerdict::Unknown);
    }

    #[test]
    fn budgets() {
        assert_eq!(plan_from_rate_limit_total(700), PlanVerdict::Supported);
        assert_eq!(plan_from_rate_limit_total(400), PlanVerdict::Supported);
        assert_eq!(plan_from_rate_limit_total(200), PlanVerdict::BelowPro);
        assert_eq!(plan_from_rate_limit_total(50), PlanVerdict::Trial);
        assert_eq!(plan_from_rate_limit_total(123), PlanVerdict::Unknown);
    }
}
