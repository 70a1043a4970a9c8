//! Unit tests of [`super`] (resilient.rs).

use super::*;
use reqwest::header::{HeaderMap, HeaderValue};

#[test]
fn link_next_keeps_path_and_query() {
    let mut headers = HeaderMap::new();
    headers.insert(
        "link",
        HeaderValue::from_static(
            "<https://acme.freshdesk.com/api/v2/tickets?per_page=100&page=2>; rel=\"next\"",
        ),
    );
    let resp = ApiResponse {
        status: 200,
        headers,
        body: vec![],
    };
    assert_eq!(
        link_next(&resp).as_deref(),
        Some("/api/v2/tickets?per_page=100&page=2")
    );
}

#[test]
fn backoff_grows_and_is_capped() {
    assert!(backoff(1) < Duration::from_millis(200));
    assert!(backoff(30) <= BACKOFF_CAP + Duration::from_secs(1));
}

fn answer(headers: &[(&str, &str)]) -> ApiResponse {
    let mut map = HeaderMap::new();
    for (k, v) in headers {
        map.append(
            reqwest::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    ApiResponse {
        status: 200,
        headers: map,
        body: vec![],
    }
}

/// Feeds one answer's headers to a fresh pacer, then asks it what the importer asks.
fn pace(headers: &[(&str, &str)]) -> Pacer {
    let mut p = Pacer::new(Duration::from_secs(60), Some(50));
    let t0 = Instant::now();
    let id = p.try_acquire(t0, 1, false).unwrap();
    learn_from_headers(&mut p, id, t0, &answer(headers));
    let _ = p.try_acquire(t0, 1, false);
    let _ = p.time_for(1_000);
    p
}

#[test]
fn a_rate_limit_total_of_zero_is_ignored() {
    let p = pace(&[("x-ratelimit-total", "0"), ("x-ratelimit-remaining", "0")]);
    assert_eq!(p.budget(), Some(50));
}

#[test]
fn a_call_charged_u32_max_is_clamped() {
    let p = pace(&[
        ("x-ratelimit-total", "700"),
        ("x-ratelimit-used-currentrequest", "4294967295"),
    ]);
    assert_eq!(p.stats.credits, 700);
}

#[test]
fn negative_or_non_numeric_headers_are_ignored() {
    for bad in ["-1", "abc", "1e3", "", "18446744073709551616"] {
        let p = pace(&[
            ("x-ratelimit-total", bad),
            ("x-ratelimit-remaining", bad),
            ("x-ratelimit-used-currentrequest", bad),
        ]);
        assert_eq!(p.budget(), Some(50), "{bad:?}");
        assert_eq!(p.stats.credits, 1, "{bad:?}");
        assert_eq!(retry_after(&answer(&[("retry-after", bad)])), None);
    }
}

#[test]
fn a_retry_after_of_years_is_capped() {
    let years = answer(&[("retry-after", "99999999999")]);
    assert_eq!(retry_after(&years), Some(RETRY_AFTER_CAP));
    let max = answer(&[("retry-after", "18446744073709551615")]);
    let wait = jittered(retry_after(&max).unwrap());
    let mut p = Pacer::new(Duration::from_secs(60), None);
    let t0 = Instant::now();
    let id = p.try_acquire(t0, 1, false).unwrap();
    p.refused(id, t0, wait);
    assert!(p.try_acquire(t0 + RETRY_AFTER_CAP * 2, 1, false).is_ok());
}

#[tokio::test]
async fn a_report_beyond_the_size_limit_is_report_too_large() {
    use crate::import::test_server::{fetcher, Answer, TestServer};
    for length in [true, false] {
        let server = TestServer::start(move |_, _| Answer {
            status: 200,
            headers: vec![],
            body: vec![b'x'; 64 * 1024],
            length,
            pace: None,
        })
        .await;
        let f = fetcher(&server, "acme.freshchat.com", Auth::Bearer);
        let link = format!("{}/report.zip", server.url);
        let err = f.download(&link, 1024).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::ReportTooLarge, "{}", err.message);
        assert_eq!(
            f.download(&link, 64 * 1024).await.unwrap().unwrap().len(),
            64 * 1024
        );
    }
}
