//! Freshdesk's Rails time-zone names → IANA zones.

use chrono::{Offset, TimeZone, Utc};
use idesk_rules::*;

#[test]
fn every_rails_name_maps_to_a_zone_chrono_tz_knows() {
    for (rails, iana) in RAILS_TIME_ZONES {
        let zone = freshdesk_time_zone(rails).unwrap_or_else(|e| panic!("{rails}: {e}"));
        assert_eq!(zone.name(), *iana, "{rails}");
    }
}

#[test]
fn table_is_complete_and_unique() {
    // Rails 7.0 has 151 keys; plus "Asuncion" (Rails 7.1) and the old spelling "Kyev".
    assert_eq!(RAILS_TIME_ZONES.len(), 153);
    let mut names: Vec<&str> = RAILS_TIME_ZONES.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), RAILS_TIME_ZONES.len());
}

#[test]
fn names_from_the_brief_and_the_api_reference() {
    for (rails, iana) in [
        ("Eastern Time (US & Canada)", "America/New_York"),
        ("Chennai", "Asia/Kolkata"),
        ("Berlin", "Europe/Berlin"),
        ("Mid-Atlantic", "Atlantic/South_Georgia"),
        ("Kathmandu", "Asia/Kathmandu"),
        ("International Date Line West", "Etc/GMT+12"),
        ("UTC", "Etc/UTC"),
        ("Bern", "Europe/Zurich"),
        ("Nuku'alofa", "Pacific/Tongatapu"),
    ] {
        assert_eq!(rails_to_iana(rails).unwrap(), iana);
    }
}

#[test]
fn mapped_zones_have_the_expected_offsets() {
    let winter = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
    for (rails, offset_minutes) in [
        ("Eastern Time (US & Canada)", -5 * 60),
        ("Chennai", 5 * 60 + 30),
        ("Kathmandu", 5 * 60 + 45),
        ("Mid-Atlantic", -2 * 60),
        ("International Date Line West", -12 * 60),
        ("Chatham Is.", 13 * 60 + 45),
    ] {
        let zone = freshdesk_time_zone(rails).unwrap();
        let offset = zone
            .offset_from_utc_datetime(&winter.naive_utc())
            .fix()
            .local_minus_utc();
        assert_eq!(offset, offset_minutes * 60, "{rails}");
    }
}

#[test]
fn unknown_name_is_an_error_never_utc() {
    for name in ["Mars/Olympus", "eastern time (us & canada)", "", "Berlin "] {
        let err = freshdesk_time_zone(name).unwrap_err();
        assert_eq!(err.name, name);
        assert_eq!(err.code(), "unknown_time_zone");
        assert!(err.to_string().contains("unknown time zone"));
    }
    assert!(parse_time_zone("Not/A_Zone").is_err());
}

#[test]
fn iana_names_are_not_rails_names_but_parse_time_zone_takes_both() {
    assert!(freshdesk_time_zone("Europe/Berlin").is_err());
    assert_eq!(
        parse_time_zone("Europe/Berlin").unwrap(),
        chrono_tz::Europe::Berlin
    );
    assert_eq!(
        parse_time_zone("Berlin").unwrap(),
        chrono_tz::Europe::Berlin
    );
    assert_eq!(
        parse_time_zone("Asia/Kathmandu").unwrap(),
        chrono_tz::Asia::Kathmandu
    );
}
