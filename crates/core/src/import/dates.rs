//! The CLI's `DATE` (docs/cli.md): `YYYY-MM-DD` (midnight in the zone in use) or RFC 3339 with an
//! offset; and the computer's zone (Freshchat's default).

use super::SinceArg;
use crate::error::{CoreError, CoreResult, ErrorCode};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses a `DATE`.
pub fn parse_date(text: &str) -> CoreResult<SinceArg> {
    let t = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(SinceArg::Date(day));
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(SinceArg::Instant(at.to_utc()));
    }
    Err(CoreError::new(
        ErrorCode::InvalidDate,
        format!("{text:?} is not a date: use YYYY-MM-DD or RFC 3339 with an offset, e.g. 2026-03-01 or 2026-03-01T08:00:00+01:00"),
    ))
}

/// Midnight of `day` in `zone` (on a day starting in a daylight-saving gap: the first instant
/// that exists).
pub fn midnight(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    for minutes in (0..=180).step_by(15) {
        let local = naive + chrono::Duration::minutes(minutes);
        if let Some(at) = zone.from_local_datetime(&local).earliest() {
            return at.to_utc();
        }
    }
    naive.and_utc()
}

/// A `DATE` as an instant in `zone`; `Default` gives `None`.
pub fn resolve(arg: SinceArg, zone: Tz) -> Option<DateTime<Utc>> {
    match arg {
        SinceArg::Default => None,
        SinceArg::Date(day) => Some(midnight(day, zone)),
        SinceArg::Instant(at) => Some(at),
    }
}

/// The computer's time zone (Freshchat has no account zone); UTC when it cannot be told, with
/// the reason for the caller to show.
pub fn local_zone() -> Result<Tz, String> {
    let name = iana_time_zone::get_timezone().map_err(|e| e.to_string())?;
    name.parse::<Tz>()
        .map_err(|_| format!("the computer's zone {name:?} is not an IANA zone"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_as_days_or_instants() {
        assert_eq!(
            parse_date("2026-03-01").unwrap(),
            SinceArg::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
        );
        assert_eq!(
            parse_date("2026-03-01T08:00:00+01:00").unwrap(),
            SinceArg::Instant("2026-03-01T07:00:00Z".parse().unwrap())
        );
        for bad in ["2026-13-01", "yesterday", "2026-03-01T08:00:00", ""] {
            assert_eq!(
                parse_date(bad).unwrap_err().code,
                ErrorCode::InvalidDate,
                "{bad}"
            );
        }
    }

    #[test]
    fn midnight_is_in_the_zone() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(
            midnight(day, chrono_tz::Europe::Berlin).to_rfc3339(),
            "2026-03-01T23:00:00+00:00"
        );
        // Santiago skips midnight when daylight saving starts (2026-09-06).
        let gap = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        assert_eq!(
            midnight(gap, chrono_tz::America::Santiago).to_rfc3339(),
            "2026-09-06T04:00:00+00:00"
        );
    }
}
