//! What a queue report covers, decided once for both faces: `idesk queues` and the app's live
//! preview call [`queue_report`] with the user's text, so the same range gives the same numbers.
//! What a query means: [`QueueQuery`].

use super::{dates, queues, SinceArg};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::integrations::Integration;
use crate::store::Store;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use idesk_rules::{IntervalLength, QueueReport};

/// How many days, today included, a report covers when no range is given.
pub const DEFAULT_DAYS: i64 = 7;

/// A queue report as the user asked for it: the CLI's flags or the app's arguments, as text.
///
/// What it means (docs/cli.md, `idesk queues`):
/// - The zone in use is `time_zone` when given (an IANA or a Freshdesk/Rails name), else the
///   account's zone for Freshdesk (read from the account by the import and kept in
///   `import_accounts.time_zone`) or the computer's for Freshchat, which has no account zone. An
///   unknown name, or a default zone that cannot be told, is `unknown_time_zone`.
/// - `from` and `to` are `DATE`s: `YYYY-MM-DD` is midnight of that day in the zone in use, RFC 3339
///   with an offset is that instant. `from` is inclusive, `to` exclusive.
/// - Without `from`: midnight [`DEFAULT_DAYS`]` - 1` days before today; without `to`: midnight
///   after today ("today" in the zone in use). Together: the last 7 whole days, today included,
///   the same range at any time of the day.
/// - The first interval is the one holding `from`; `interval_minutes` is 15, 30 or 60.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueQuery {
    /// A `DATE`: the first instant counted.
    pub from: Option<String>,
    /// A `DATE`: the end, not counted.
    pub to: Option<String>,
    /// 15, 30 or 60.
    pub interval_minutes: u32,
    /// An IANA or a Freshdesk (Rails) zone name; default: the integration's.
    pub time_zone: Option<String>,
}

/// A [`QueueQuery`] whose text is valid: everything checked that needs no store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedQuery {
    from: Option<SinceArg>,
    to: Option<SinceArg>,
    length: IntervalLength,
    zone: Option<Tz>,
}

/// The instants, zone and interval length one report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportWindow {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub zone: Tz,
    pub length: IntervalLength,
}

/// The queue report `query` asks for, from the cache of `integration`, with the intervals only of
/// the `selected` queues (all when `None`).
pub fn queue_report(
    store: &Store,
    integration: &Integration,
    query: &QueueQuery,
    selected: Option<&[String]>,
) -> CoreResult<QueueReport> {
    query.check()?.report(store, integration, selected)
}

impl QueueQuery {
    /// Checks the interval, the zone name and the dates, in this order (bad input is reported
    /// before the store is opened).
    pub fn check(&self) -> CoreResult<CheckedQuery> {
        let length = queues::interval(self.interval_minutes)?;
        let zone = self.time_zone.as_deref().map(parse_zone).transpose()?;
        let date = |text: &Option<String>| text.as_deref().map(dates::parse_date).transpose();
        Ok(CheckedQuery {
            from: date(&self.from)?,
            to: date(&self.to)?,
            length,
            zone,
        })
    }
}

impl CheckedQuery {
    /// The report of this query from the cache of `integration`, as of now, with the intervals
    /// only of the `selected` queues (all when `None`).
    pub fn report(
        &self,
        store: &Store,
        integration: &Integration,
        selected: Option<&[String]>,
    ) -> CoreResult<QueueReport> {
        let window = self.window(store, integration, Utc::now())?;
        queues::report(
            store,
            &integration.id,
            window.from,
            window.to,
            window.zone,
            window.length,
            selected,
        )
    }

    /// The zone in use and the range as of `now`, defaults filled in.
    pub fn window(
        &self,
        store: &Store,
        integration: &Integration,
        now: DateTime<Utc>,
    ) -> CoreResult<ReportWindow> {
        let zone = match self.zone {
            Some(zone) => zone,
            None => queues::default_zone(store, &integration.id, integration.product)?,
        };
        let (from, to) = range(self.from, self.to, zone, now);
        Ok(ReportWindow {
            from,
            to,
            zone,
            length: self.length,
        })
    }
}

fn parse_zone(name: &str) -> CoreResult<Tz> {
    idesk_rules::parse_time_zone(name)
        .map_err(|e| CoreError::new(ErrorCode::UnknownTimeZone, e.to_string()))
}

/// `[from, to)` in `zone` as of `now`: a day is its midnight, a missing end is a default (see
/// [`QueueQuery`]).
fn range(
    from: Option<SinceArg>,
    to: Option<SinceArg>,
    zone: Tz,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.with_timezone(&zone).date_naive();
    let at = |arg: Option<SinceArg>, default: NaiveDate| {
        arg.and_then(|arg| dates::resolve(arg, zone))
            .unwrap_or_else(|| dates::midnight(default, zone))
    };
    (
        at(from, today - Duration::days(DEFAULT_DAYS - 1)),
        at(to, today + Duration::days(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn text(t: DateTime<Utc>) -> String {
        t.with_timezone(&Berlin).to_rfc3339()
    }

    #[test]
    fn the_default_range_is_the_last_seven_whole_days_in_the_zone() {
        // 00:30 in Berlin on 10 March is still 9 March in UTC: the days are Berlin's.
        for now in ["2026-03-09T23:30:00Z", "2026-03-10T22:59:59Z"] {
            let (from, to) = range(None, None, Berlin, now.parse().unwrap());
            assert_eq!(text(from), "2026-03-04T00:00:00+01:00", "{now}");
            assert_eq!(text(to), "2026-03-11T00:00:00+01:00", "{now}");
        }
    }

    #[test]
    fn days_are_midnights_and_instants_stand_as_given() {
        let now = "2026-03-10T12:00:00Z".parse().unwrap();
        let (from, to) = range(
            Some(dates::parse_date("2026-03-01").unwrap()),
            Some(dates::parse_date("2026-03-02T08:00:00+01:00").unwrap()),
            Berlin,
            now,
        );
        assert_eq!(text(from), "2026-03-01T00:00:00+01:00");
        assert_eq!(text(to), "2026-03-02T08:00:00+01:00");
        // Only the end given: the start is still the default one.
        let (from, to) = range(
            None,
            Some(dates::parse_date("2026-03-08").unwrap()),
            Berlin,
            now,
        );
        assert_eq!(text(from), "2026-03-04T00:00:00+01:00");
        assert_eq!(text(to), "2026-03-08T00:00:00+01:00");
    }

    #[test]
    fn bad_text_is_refused_with_its_code() {
        let query = |from: &str, minutes: u32, zone: &str| QueueQuery {
            from: Some(from.into()),
            to: None,
            interval_minutes: minutes,
            time_zone: Some(zone.into()),
        };
        let code = |q: QueueQuery| q.check().unwrap_err().code;
        assert_eq!(
            code(query("2026-03-01", 20, "UTC")),
            ErrorCode::InvalidInterval
        );
        assert_eq!(
            code(query("2026-03-01", 15, "Mars/Base")),
            ErrorCode::UnknownTimeZone
        );
        assert_eq!(code(query("yesterday", 15, "UTC")), ErrorCode::InvalidDate);
        assert!(query("2026-03-01", 15, "Eastern Time (US & Canada)")
            .check()
            .is_ok());
    }
}
