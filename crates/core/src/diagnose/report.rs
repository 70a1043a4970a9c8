//! The redacted report (Markdown): what a support engineer sends to a colleague. It holds the
//! diagnosis only: no API key, no injixo key or hash, no ticket subjects, bodies or requesters
//! (the links never collect them), and any live secret's text is scrubbed once more.

use super::{Diagnosis, LinkOutcome};
use serde_json::Value;
use std::fmt::Write;

pub fn report_markdown(d: &Diagnosis, app_version: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Integration Desk diagnosis: {}\n", d.integration);
    let _ = writeln!(out, "- App version: {app_version}");
    let _ = writeln!(out, "- Product: {}", d.product.as_str());
    let _ = writeln!(out, "- Domain: {}", d.domain);
    let _ = writeln!(out, "- Checked at: {}", d.at);
    let failed = d
        .links
        .iter()
        .filter(|l| l.outcome == LinkOutcome::Failed)
        .count();
    let warnings = d
        .links
        .iter()
        .filter(|l| l.outcome == LinkOutcome::Warning)
        .count();
    let _ = writeln!(
        out,
        "- Links: {} checked, {failed} failed, {warnings} warning(s)\n",
        d.links.len()
    );
    let _ = writeln!(out, "## Verdict\n");
    match &d.verdict {
        Some(v) => {
            let _ = writeln!(
                out,
                "**{}** failed (`{}`): {}\n",
                v.link.as_str(),
                v.code,
                v.message
            );
            if let Some(fix) = &v.fix {
                let _ = writeln!(out, "Fix: {fix}\n");
            }
        }
        None => {
            let _ = writeln!(out, "No link failed.\n");
        }
    }
    let _ = writeln!(out, "## Links\n");
    let _ = writeln!(out, "| link | outcome | code |\n|---|---|---|");
    for l in &d.links {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` |",
            l.link.as_str(),
            l.outcome.as_str(),
            l.code
        );
    }
    for l in &d.links {
        let _ = writeln!(out, "\n### {}: {}\n", l.link.as_str(), l.outcome.as_str());
        let _ = writeln!(out, "{}\n", l.message);
        if let Some(fix) = &l.fix {
            let _ = writeln!(out, "Fix: {fix}\n");
        }
        if !l.evidence.is_empty() {
            let _ = writeln!(out, "Evidence:\n");
            for (k, v) in &l.evidence {
                let shown = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let _ = writeln!(out, "- {k}: {shown}");
            }
        }
    }
    crate::secret::scrub(&out).into_owned()
}

/// Saves a report as `<dir>/diagnosis-<name>-<UTC time>.md`, readable by the user only, and
/// answers its path.
pub fn save_report(
    dir: &std::path::Path,
    integration_name: &str,
    report: &str,
) -> crate::error::CoreResult<std::path::PathBuf> {
    crate::saved_file::save_private_file(dir, "diagnosis", integration_name, "md", report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{LinkId, LinkResult};
    use crate::integrations::Product;

    #[test]
    fn the_report_names_the_verdict_and_every_link_with_its_evidence() {
        let links = vec![
            LinkResult::failed(
                LinkId::Sync,
                "sync_paused",
                "the sync is paused",
                "Resume it.",
            )
            .with("every_minutes", 5),
            LinkResult::passed(LinkId::TimeZone, "time_zone_unchanged", "same")
                .with("zone_now", "Berlin"),
        ];
        let d = Diagnosis {
            integration: "Desk".into(),
            at: "2026-01-01T00:00:00Z".into(),
            verdict: Diagnosis::verdict_of(&links),
            links,
            product: Product::Freshdesk,
            domain: "acme.freshdesk.com".into(),
        };
        let md = report_markdown(&d, "1.2.3");
        for part in [
            "1.2.3",
            "freshdesk",
            "acme.freshdesk.com",
            "**sync** failed (`sync_paused`)",
            "Fix: Resume it.",
            "- every_minutes: 5",
            "- zone_now: Berlin",
            "| time_zone | passed |",
        ] {
            assert!(md.contains(part), "{part} missing in\n{md}");
        }
    }
}
