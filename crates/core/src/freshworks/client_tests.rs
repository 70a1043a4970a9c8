//! Unit tests of [`super`] (client.rs).

use super::*;

#[test]
fn an_override_that_would_send_the_key_elsewhere_is_refused() {
    for bad in [
        "http://[::1]@127.0.0.1:1",
        "http://127.0.0.1:1@evil.example",
        "http://localhost:1",
    ] {
        let err = FreshworksClient::new(Some(bad)).err().expect(bad);
        assert_eq!(err.code, ErrorCode::InvalidInput, "{bad}");
    }
    assert!(FreshworksClient::new(Some("http://[::1]:1/")).is_ok());
}

#[test]
fn the_bearer_header_is_sensitive_like_the_basic_one() {
    let key = Secret::new("tok");
    for auth in [&Auth::Bearer(key.clone()), &Auth::FreshdeskKey(key.clone())] {
        let req = authorize(reqwest::Client::new().get("http://127.0.0.1:1/"), auth)
            .unwrap()
            .build()
            .unwrap();
        assert!(req.headers()[AUTHORIZATION].is_sensitive());
    }
    let bad = Secret::new("to\u{7}k");
    let refused = authorize(
        reqwest::Client::new().get("http://127.0.0.1:1/"),
        &Auth::Bearer(bad.clone()),
    );
    assert!(matches!(refused, Err(TransportError::Other(_))));
}

#[test]
fn download_links_stay_on_this_machine_when_routed() {
    let routed = FreshworksClient::new(Some("http://127.0.0.1:9000")).unwrap();
    let t = |u: &str| routed.download_target(u);
    assert_eq!(
        t("http://127.0.0.1:9000/_sim/x.zip"),
        Some(("http://127.0.0.1:9000/_sim/x.zip".into(), None))
    );
    assert_eq!(
        t("http://127.0.0.1:9100/store/x.zip"),
        Some(("http://127.0.0.1:9100/store/x.zip".into(), None))
    );
    assert_eq!(t("http://localhost:1/x"), None);
    assert_eq!(
        t("https://reports.freshchat.com/x.zip?sig=1"),
        Some((
            "http://127.0.0.1:9000/x.zip?sig=1".into(),
            Some("reports.freshchat.com".into())
        ))
    );
    assert_eq!(t("https://storage.example.com/x.zip"), None);
    assert_eq!(t("http://10.0.0.1/x.zip"), None);
    assert_eq!(t("http://user@127.0.0.1/x"), None);
    let real = FreshworksClient::new(None).unwrap();
    assert_eq!(
        real.download_target("https://s3.example.com/x.zip"),
        Some(("https://s3.example.com/x.zip".into(), None))
    );
    assert_eq!(real.download_target("http://127.0.0.1/x.zip"), None);
    assert_eq!(real.download_target("https://127.0.0.1/x.zip"), None);
    assert_eq!(real.download_target("https://localhost/x.zip"), None);
    assert_eq!(real.download_target("https://storage/x.zip"), None);
}

#[tokio::test]
async fn reads_time_out_and_downloads_have_a_longer_total_limit() {
    use crate::import::test_server::{Answer, TestServer};
    use std::time::Instant;
    let paced = |ms: u64| {
        move |_: &str, _| Answer {
            status: 200,
            headers: vec![],
            body: vec![b'x'; 1000],
            length: true,
            pace: Some(Duration::from_millis(ms)),
        }
    };
    let timeouts = Timeouts {
        connect: Duration::from_secs(1),
        read: Duration::from_millis(300),
        api_call: Duration::from_millis(1500),
        download: Duration::from_secs(3),
    };
    let key = Secret::new("k");
    // Silent after its headers: the read timeout ends the call long before the total limit.
    let silent = TestServer::start(paced(3_600_000)).await;
    let client = FreshworksClient::with_timeouts(Some(&silent.url), timeouts).unwrap();
    let t0 = Instant::now();
    let err = client
        .get("acme.freshdesk.com", "/x", &Auth::FreshdeskKey(key.clone()))
        .await
        .unwrap_err();
    assert_eq!(err, TransportError::Timeout);
    assert!(
        t0.elapsed() < Duration::from_millis(1200),
        "{:?}",
        t0.elapsed()
    );
    // A byte every 100 ms never trips the read timeout: the total limits end it, the
    // download's later than the API call's.
    let trickle = TestServer::start(paced(100)).await;
    let client = FreshworksClient::with_timeouts(Some(&trickle.url), timeouts).unwrap();
    let t0 = Instant::now();
    let err = client
        .get("acme.freshdesk.com", "/x", &Auth::FreshdeskKey(key.clone()))
        .await
        .unwrap_err();
    assert_eq!(err, TransportError::Timeout);
    let api = t0.elapsed();
    assert!(
        api >= Duration::from_millis(1400) && api < Duration::from_millis(2900),
        "{api:?}"
    );
    let t0 = Instant::now();
    let err = client
        .download(&format!("{}/r.zip", trickle.url), 1 << 20)
        .await
        .unwrap_err();
    assert_eq!(err, DownloadError::Transport(TransportError::Timeout));
    assert!(
        t0.elapsed() >= Duration::from_millis(2900),
        "{:?}",
        t0.elapsed()
    );
}

#[tokio::test]
async fn an_unresolvable_host_is_a_dns_error() {
    let client = FreshworksClient::new(None).unwrap();
    let key = Secret::new("k");
    let err = client
        .get(
            "idesk-test.invalid",
            "/api/v2/agents/me",
            &Auth::FreshdeskKey(key.clone()),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, TransportError::Dns(_)), "{err:?}");
}
