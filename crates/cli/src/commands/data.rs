//! `idesk import` and `idesk queues` (docs/cli.md, "Data").

use super::{open_store as open, runtime};
use crate::output::{Failure, Format};
use chrono::SecondsFormat;
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::{
    self, continuous, dates, ImportSummary, ImportTarget, Phase, Progress, QueueQuery, SinceArg,
};
use idesk_core::integrations::{Integration, Product};
use idesk_core::keychain::{self, SecretKind};
use idesk_core::paths::AppPaths;
use idesk_core::{CoreError, ErrorCode, Store};
use idesk_rules::QueueReport;
use std::time::{Duration as StdDuration, Instant};

/// Progress lines on stderr at most this often (and at every phase change).
const PROGRESS_EVERY: StdDuration = StdDuration::from_secs(1);

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueuesFormat {
    Table,
    Json,
    Csv,
}

/// Everything a run needs, from the store and the keychain.
struct Prepared {
    store: Store,
    integration: Integration,
    target: ImportTarget,
    secret: idesk_core::Secret,
    client: FreshworksClient,
}

fn prepare(name: &str) -> Result<Prepared, CoreError> {
    let paths = AppPaths::from_env()?;
    let store = Store::open(&paths)?;
    idesk_core::logging::init(&paths.log_dir, false)?;
    let integration = store.find_integration_by_name(name)?;
    let secret = keychain::load(&integration.id, SecretKind::ApiKey)?;
    let client = FreshworksClient::from_env()?;
    let target = integration.import_target();
    Ok(Prepared {
        store,
        integration,
        target,
        secret,
        client,
    })
}

fn print_summary(name: &str, summary: &ImportSummary) {
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "{name}: imported {} to {}{}: {} records read, {} new contacts, {} API calls ({} credits, {} refused with 429)",
        summary.since.to_rfc3339(),
        summary.until.to_rfc3339(),
        if summary.resumed { " (resumed)" } else { "" },
        summary.records,
        summary.new_contacts,
        summary.api.calls,
        summary.api.credits,
        summary.api.refused
    );
}

/// `idesk import NAME [--since DATE]`.
pub fn import(name: &str, since: Option<&str>) -> Result<(), Failure> {
    let fail = |e: CoreError| Failure::new(e, Format::Text);
    let since = match since {
        Some(text) => dates::parse_date(text).map_err(fail)?,
        None => SinceArg::Default,
    };
    let mut p = prepare(name).map_err(fail)?;
    if p.integration.product == Product::Freshdesk {
        eprintln!(
            "warning: Freshdesk archives closed tickets after about {} days; they leave the ticket list, so older history is incomplete.",
            import::FRESHDESK_ARCHIVE_DAYS
        );
    }
    let mut printer = ProgressPrinter::default();
    let summary = runtime()
        .block_on(import::run_import(
            &mut p.store,
            &p.target,
            p.secret,
            p.client,
            since,
            &mut |progress| printer.show(progress),
        ))
        .map_err(fail)?;
    print_summary(&p.integration.name, &summary);
    Ok(())
}

/// `idesk sync NAME [--watch [--every MINUTES]]`: one sync, or one every `MINUTES` (default: the
/// integration's setting, 5 unless changed in the app; minutes of `IDESK_TIME_SCALE`) until
/// Ctrl-C or SIGTERM. A failed sync in watch mode is reported and tried again at the next period.
/// Stopping at any moment is safe: the next run continues.
pub fn sync(name: &str, watch: bool, every: Option<u32>) -> Result<(), Failure> {
    let fail = |e: CoreError| Failure::new(e, Format::Text);
    let every = every
        .map(continuous::every_minutes)
        .transpose()
        .map_err(fail)?;
    let mut p = prepare(name).map_err(fail)?;
    if !watch {
        let mut printer = ProgressPrinter::default();
        let summary = runtime()
            .block_on(import::run_sync(
                &mut p.store,
                &p.target,
                p.secret,
                p.client,
                &mut |progress| printer.show(progress),
            ))
            .map_err(fail)?;
        print_summary(&p.integration.name, &summary);
        return Ok(());
    }
    if !continuous::initial_import_done(&p.store, &p.target.integration_id).map_err(fail)? {
        return Err(fail(CoreError::new(
            ErrorCode::NotImported,
            "nothing was imported for this integration yet: run `idesk import` first",
        )));
    }
    let mut settings = continuous::settings(&p.store, &p.target.integration_id).map_err(fail)?;
    settings.every_minutes = every.unwrap_or(settings.every_minutes);
    let period = settings.period();
    let inputs = || {
        Ok(continuous::SyncInputs {
            target: p.target.clone(),
            secret: p.secret.clone(),
            client: p.client.clone(),
        })
    };
    let name = p.integration.name.clone();
    let mut printer = ProgressPrinter::default();
    let mut report = |event: continuous::WatchEvent<'_>| match event {
        continuous::WatchEvent::Progress(progress) => printer.show(progress),
        continuous::WatchEvent::Synced(summary) => print_summary(&name, &summary),
        continuous::WatchEvent::Failed(e) => {
            eprintln!(
                "error[{}]: {} (trying again in {} min)",
                e.code.as_str(),
                e.message,
                settings.every_minutes
            )
        }
        continuous::WatchEvent::Syncing | continuous::WatchEvent::Waiting(_) => {}
    };
    let signals = continuous::WatchSignals::default();
    runtime().block_on(async {
        tokio::select! {
            _ = continuous::watch(&mut p.store, inputs, || period, &signals, &mut report) => {}
            _ = crate::signals::wait_for_stop() => {}
        }
    });
    Ok(())
}

#[derive(Default)]
struct ProgressPrinter {
    last: Option<(Phase, Instant)>,
}

impl ProgressPrinter {
    fn show(&mut self, p: &Progress) {
        let due = match self.last {
            Some((phase, at)) => phase != p.phase || at.elapsed() >= PROGRESS_EVERY,
            None => true,
        };
        if due {
            eprintln!("import: {p}");
            self.last = Some((p.phase, Instant::now()));
        }
    }
}

/// The options of `idesk queues`.
pub struct QueuesArgs<'a> {
    pub name: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub interval: u32,
    pub tz: Option<&'a str>,
    pub format: QueuesFormat,
}

/// `idesk queues NAME [--from DATE] [--to DATE] [--interval 15|30|60] [--tz ZONE] [--format table|json|csv]`.
pub fn queues(args: QueuesArgs<'_>) -> Result<(), Failure> {
    let format = if args.format == QueuesFormat::Json {
        Format::Json
    } else {
        Format::Text
    };
    let fail = |e: CoreError| Failure::new(e, format);
    // What the range, zone and interval mean is the core's (`QueueQuery`), shared with the app.
    let query = QueueQuery {
        from: args.from.map(str::to_owned),
        to: args.to.map(str::to_owned),
        interval_minutes: args.interval,
        time_zone: args.tz.map(str::to_owned),
    }
    .check()
    .map_err(fail)?;
    let store = open(format)?;
    let integration = store.find_integration_by_name(args.name).map_err(fail)?;
    let report = query.report(&store, &integration, None).map_err(fail)?;
    let out = match args.format {
        QueuesFormat::Json => json(&integration, &report),
        QueuesFormat::Csv => csv(&report),
        QueuesFormat::Table => table(&integration, &report),
    };
    crate::output::write_stdout(format_args!("{out}"));
    Ok(())
}

fn json(integration: &Integration, report: &QueueReport) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("integration".into(), integration.name.clone().into());
    }
    format!("{value}\n")
}

fn csv(report: &QueueReport) -> String {
    let mut out = String::from("queue,interval_start,count\n");
    for queue in &report.queues {
        for i in &queue.intervals {
            if i.count > 0 {
                out.push_str(&format!(
                    "{},{},{}\n",
                    idesk_core::csv::cell(&queue.name),
                    // As the JSON spells it (chrono's serde form: `Z` for a zero offset).
                    i.start.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    i.count
                ));
            }
        }
    }
    out
}

fn table(integration: &Integration, report: &QueueReport) -> String {
    let mut out = format!(
        "{} · {} · {}-minute intervals · {} to {}\n",
        integration.name,
        report.time_zone,
        report.interval_minutes,
        report.from.to_rfc3339(),
        report.to.to_rfc3339()
    );
    if report.coverage.is_empty() {
        out.push_str("imported: nothing in this range (every interval is \"no data\")\n");
    }
    for range in &report.coverage {
        out.push_str(&format!(
            "imported: {} to {}\n",
            range.from.to_rfc3339(),
            range.to.to_rfc3339()
        ));
    }
    let width = report
        .queues
        .iter()
        .map(|q| q.name.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    out.push_str(&format!("\n{:<width$}  {:>7}\n", "QUEUE", "TOTAL"));
    for q in &report.queues {
        out.push_str(&format!("{:<width$}  {:>7}\n", q.name, q.total));
    }
    out
}
