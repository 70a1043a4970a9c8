//! Property tests: whatever a server, a link, an environment variable or a user sends, these
//! parsers answer with a value or an error, never a panic, and what they accept keeps its rules.
//!
//! The number of cases per property comes from `PROPTEST_CASES` (default 256), e.g.
//! `PROPTEST_CASES=100000 cargo test -p idesk-core --release --test properties`.

use chrono::NaiveDate;
use idesk_core::freshworks::pacer::{minute_for_scale, Pacer, MAX_MINUTE, MIN_MINUTE};
use idesk_core::freshworks::resilient::{learn_from_headers, link_next, retry_after};
use idesk_core::freshworks::targets::{parse_override, public_https_link};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::dates::{midnight, parse_date, resolve};
use idesk_core::import::freshdesk::{parse_conversations, parse_ticket_page};
use idesk_core::import::report_file::{parse_resolved, read_report, ReportLimits};
use idesk_core::integrations::service::clean_api_key;
use idesk_core::integrations::{normalize_domain, Product};
use idesk_core::ErrorCode;
use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;
use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use url::{Host, Url};

/// Text shaped like a URL (scheme, user info, brackets, ports, paths), mixed with any text.
fn url_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("http://".to_string()),
        Just("https://".to_string()),
        Just("127.0.0.1".to_string()),
        Just("[::1]".to_string()),
        Just("localhost".to_string()),
        Just("evil.example".to_string()),
        Just("s3.amazonaws.com".to_string()),
        Just("reports.freshchat.com".to_string()),
        Just("@".to_string()),
        Just(":".to_string()),
        Just("/".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just("\\".to_string()),
        Just("%40".to_string()),
        "[0-9]{1,6}",
        "[a-zA-Z0-9.\\-\\[\\]:@/?#%\\\\ \t]{0,12}",
    ];
    prop_oneof![
        prop::collection::vec(part, 0..8).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

fn response(headers: &[(&str, Vec<u8>)]) -> idesk_core::freshworks::client::ApiResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let Ok(v) = HeaderValue::from_bytes(value) {
            map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), v);
        }
    }
    idesk_core::freshworks::client::ApiResponse {
        status: 200,
        headers: map,
        body: Vec::new(),
    }
}

/// A header value as a server might send it: numbers of every size and sign, or any bytes.
fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string().into_bytes()),
        any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        any::<f64>().prop_map(|n| n.to_string().into_bytes()),
        Just(b"0".to_vec()),
        Just(b"4294967295".to_vec()),
        Just(b"18446744073709551616".to_vec()),
        prop::collection::vec(any::<u8>(), 0..24),
    ]
}

fn routed() -> &'static FreshworksClient {
    static CLIENT: OnceLock<FreshworksClient> = OnceLock::new();
    CLIENT.get_or_init(|| FreshworksClient::new(Some("http://127.0.0.1:9000")).unwrap())
}

fn direct() -> &'static FreshworksClient {
    static CLIENT: OnceLock<FreshworksClient> = OnceLock::new();
    CLIENT.get_or_init(|| FreshworksClient::new(None).unwrap())
}

/// Any JSON value, a few levels deep, with the field names tickets and conversations use.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::from("2026-03-01T10:00:00Z")),
        Just(Value::from("+262143-01-01T00:00:00Z")),
        any::<String>().prop_map(Value::from),
    ];
    let key = prop_oneof![
        Just("id".to_string()),
        Just("ticket_id".to_string()),
        Just("group_id".to_string()),
        Just("source".to_string()),
        Just("spam".to_string()),
        Just("deleted".to_string()),
        Just("status".to_string()),
        Just("incoming".to_string()),
        Just("private".to_string()),
        Just("created_at".to_string()),
        Just("updated_at".to_string()),
        "[a-z_]{1,8}",
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..10)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn the_url_override_accepts_only_http_a_loopback_ip_and_a_port(raw in url_like()) {
        if let Ok(base) = parse_override(&raw) {
            let url = Url::parse(&base).unwrap();
            prop_assert_eq!(url.scheme(), "http");
            prop_assert!(url.username().is_empty() && url.password().is_none());
            let ip: Option<IpAddr> = match url.host() {
                Some(Host::Ipv4(ip)) => Some(ip.into()),
                Some(Host::Ipv6(ip)) => Some(ip.into()),
                _ => None,
            };
            prop_assert!(ip.is_some_and(|ip| ip.is_loopback()), "{base}");
            prop_assert!(url.port_or_known_default().is_some());
            prop_assert_eq!(url.path(), "/");
            prop_assert!(url.query().is_none() && url.fragment().is_none());
            prop_assert_eq!(parse_override(&base).unwrap(), base);
        } else {
            prop_assert_eq!(parse_override(&raw).unwrap_err().code, ErrorCode::InvalidInput);
        }
    }

    #[test]
    fn report_links_are_followed_to_public_https_hosts_or_stay_on_this_machine(raw in url_like()) {
        if let Some((target, host)) = direct().download_target(&raw) {
            prop_assert!(host.is_none());
            let url = Url::parse(&target).unwrap();
            prop_assert_eq!(url.scheme(), "https");
            prop_assert!(url.username().is_empty() && url.password().is_none());
            match url.host() {
                Some(Host::Domain(name)) => {
                    let name = name.trim_end_matches('.');
                    prop_assert!(name.contains('.') && name != "localhost" && !name.ends_with(".localhost"), "{target}");
                }
                other => prop_assert!(false, "{target}: {other:?}"),
            }
            prop_assert_eq!(public_https_link(&target), Ok(target.clone()));
        }
        if let Some((target, host)) = routed().download_target(&raw) {
            let url = Url::parse(&target).unwrap();
            prop_assert_eq!(url.scheme(), "http");
            prop_assert!(url.username().is_empty() && url.password().is_none());
            let loopback = match url.host() {
                Some(Host::Ipv4(ip)) => ip.is_loopback(),
                Some(Host::Ipv6(ip)) => ip.is_loopback(),
                _ => false,
            };
            prop_assert!(loopback, "{target}");
            if host.is_some() {
                prop_assert!(target.starts_with("http://127.0.0.1:9000/"), "{target}");
            }
        }
    }

    #[test]
    fn normalize_domain_never_panics_and_keeps_keys_at_freshworks(raw in url_like(), chat in any::<bool>()) {
        let product = if chat { Product::Freshchat } else { Product::Freshdesk };
        if let Ok(d) = normalize_domain(&raw, product) {
            let suffix = if chat { ".freshchat.com" } else { ".freshdesk.com" };
            prop_assert!(d.host.ends_with(suffix), "{}", d.host);
            prop_assert!(d.host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'), "{}", d.host);
        }
    }

    #[test]
    fn the_pacer_takes_any_headers_without_panicking(
        steps in prop::collection::vec(
            (header_value(), header_value(), header_value(), header_value(), 0u64..200_000, any::<bool>()),
            1..12,
        ),
        assumed in proptest::option::of(any::<u32>()),
        scale in any::<String>(),
    ) {
        let minute = minute_for_scale(Some(&scale));
        prop_assert!((MIN_MINUTE..=MAX_MINUTE).contains(&minute) || minute == Duration::from_secs(60));
        let mut pacer = Pacer::new(minute, assumed);
        let mut now = Instant::now();
        for (total, remaining, used, retry, advance_ms, refused) in steps {
            now += Duration::from_millis(advance_ms);
            let Ok(id) = pacer.try_acquire(now, 1, refused) else { continue };
            let resp = response(&[
                ("x-ratelimit-total", total),
                ("x-ratelimit-remaining", remaining),
                ("x-ratelimit-used-currentrequest", used),
                ("retry-after", retry),
            ]);
            if refused {
                let wait = retry_after(&resp).unwrap_or(pacer.minute() / 4);
                prop_assert!(wait <= Duration::from_secs(120));
                pacer.refused(id, now, wait);
            } else {
                learn_from_headers(&mut pacer, id, now, &resp);
            }
            let _ = pacer.time_for(u64::MAX);
            let _ = pacer.time_for(1);
        }
    }

    #[test]
    fn link_next_is_a_path_or_nothing(link in prop_oneof![
        url_like().prop_map(|u| format!("<{u}>; rel=\"next\"")),
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..64).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]) {
        if let Some(path) = link_next(&response(&[("link", link.into_bytes())])) {
            prop_assert!(path.starts_with('/'), "{path}");
        }
    }

    #[test]
    fn dates_parse_or_are_invalid_date(text in prop_oneof![
        any::<String>(),
        "[+-]?[0-9]{1,7}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]{1,12})?([+-][0-9]{2}:[0-9]{2}|Z)?)?",
    ], zone in 0usize..chrono_tz::TZ_VARIANTS.len()) {
        let zone = chrono_tz::TZ_VARIANTS[zone];
        match parse_date(&text) {
            Ok(arg) => { let _ = resolve(arg, zone); }
            Err(e) => prop_assert_eq!(e.code, ErrorCode::InvalidDate),
        }
    }

    #[test]
    fn midnight_exists_for_every_day_and_zone(days in any::<i32>(), zone in 0usize..chrono_tz::TZ_VARIANTS.len()) {
        let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MAX);
        let _ = midnight(day, chrono_tz::TZ_VARIANTS[zone]);
    }

    #[test]
    fn the_freshchat_csv_reader_never_panics(csv in prop_oneof![
        any::<String>(),
        prop::collection::vec(prop_oneof![
            Just("conversation_id,resolved_time,group_id,group_name\n".to_string()),
            Just("\"".to_string()), Just(",".to_string()), Just("\r\n".to_string()),
            Just("c1,2026-03-01T10:00:00Z,g,G\n".to_string()),
            Just("c2,+262143-01-01 00:00:00,g,G\n".to_string()),
            any::<String>(),
        ], 0..12).prop_map(|p| p.concat()),
    ]) {
        if let Ok(rows) = parse_resolved(&csv) {
            prop_assert!(rows.iter().all(|r| !r.conversation_id.is_empty()));
        }
        let limits = ReportLimits { compressed: 4096, uncompressed: 4096, rows: 8, field_len: 64 };
        let _ = read_report(csv.as_bytes(), &limits);
        let _ = read_report(&zip_of(csv.as_bytes()), &limits);
    }

    #[test]
    fn ticket_and_conversation_json_never_panics(value in json_value(), text in any::<String>()) {
        let _ = parse_ticket_page(&value);
        let _ = parse_conversations(&value);
        let wrapped = Value::Array(vec![value]);
        let _ = parse_ticket_page(&wrapped);
        let _ = parse_conversations(&wrapped);
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            let _ = parse_ticket_page(&v);
            let _ = parse_conversations(&v);
        }
    }

    #[test]
    fn a_cleaned_api_key_can_always_be_sent(raw in any::<String>()) {
        if let Ok(key) = clean_api_key(&raw) {
            let header = format!("Bearer {}", key.expose());
            prop_assert!(HeaderValue::from_str(&header).is_ok());
        }
    }
}

fn zip_of(csv: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("r.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(csv).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_api_key_with_control_characters_has_its_own_code() {
    for raw in ["abc\tdef", "abc\u{0}", "ab\u{7f}c", "a\u{1b}[0m"] {
        assert_eq!(
            clean_api_key(raw).unwrap_err().code,
            ErrorCode::ApiKeyInvalidCharacters,
            "{raw:?}"
        );
    }
    assert_eq!(clean_api_key(" abc\r\n").unwrap().expose(), "abc");
}
