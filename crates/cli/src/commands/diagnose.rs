//! `idesk diagnose NAME [--format text|json] [--report FILE]` (docs/cli.md, Health): every link
//! checked live; exit 1 when one failed.

use super::{open_store, runtime};
use crate::output::{Failure, Format};
use idesk_core::diagnose::{self, Diagnosis};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::{CoreError, ErrorCode};
use std::path::Path;

pub fn run(name: &str, format: Format, report: Option<&Path>) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, format);
    let store = open_store(format)?;
    let client = FreshworksClient::from_env().map_err(fail)?;
    let id = store.find_integration_by_name(name).map_err(fail)?.id;
    let diagnosis = runtime()
        .block_on(diagnose::diagnose(&store, &client, &id))
        .map_err(fail)?;
    if let Some(path) = report {
        let text = diagnose::report_markdown(&diagnosis, idesk_core::VERSION);
        std::fs::write(path, text).map_err(|e| {
            fail(CoreError::new(
                ErrorCode::InvalidInput,
                format!("cannot write the report to {}: {e}", path.display()),
            ))
        })?;
        eprintln!("report written to {}", path.display());
    }
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string(&diagnosis).expect("a diagnosis serializes")
        ),
        Format::Text => print_text(&diagnosis),
    }
    match &diagnosis.verdict {
        None => Ok(()),
        // The diagnosis on stdout already holds the verdict: the error line goes to stderr only.
        Some(v) => Err(Failure::new(
            CoreError::new(
                ErrorCode::DiagnoseLinkFailed,
                format!(
                    "the first broken link is {}: {}",
                    v.link.as_str(),
                    v.message
                ),
            ),
            Format::Text,
        )),
    }
}

fn print_text(d: &Diagnosis) {
    println!("{} at {}", d.integration, d.at);
    for l in &d.links {
        println!(
            "{:<16} {:<8} {}: {}",
            l.link.as_str(),
            l.outcome.as_str(),
            l.code,
            l.message
        );
        if let Some(fix) = &l.fix {
            println!("{:<25} fix: {fix}", "");
        }
    }
    match &d.verdict {
        Some(v) => {
            println!("verdict: {} ({})", v.link.as_str(), v.code);
            if let Some(fix) = &v.fix {
                println!("fix: {fix}");
            }
        }
        None => println!("verdict: no link failed"),
    }
}
