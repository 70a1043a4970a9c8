//! `idesk sim`: the banner is the first output line, and the server runs until stopped.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use idesk_sim::cli::{serve, SimArgs};

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

fn args(size: u64) -> SimArgs {
    SimArgs {
        port: 0,
        seed: 42,
        size,
        time_scale: 60.0,
        activity: false,
    }
}

#[tokio::test]
async fn banner_first_line_then_serves_until_stopped() {
    let out = Shared::default();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(args(100), out.clone(), async {
        let _ = rx.await;
    }));
    let line = loop {
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        if let Some((first, _)) = text.split_once('\n') {
            break first.to_string();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let banner: serde_json::Value = serde_json::from_str(&line).unwrap();
    let url = banner["url"].as_str().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"));
    for a in banner["accounts"].as_array().unwrap() {
        for k in ["product", "domain", "plan", "suspended", "keys"] {
            assert!(a.get(k).is_some(), "{k} in {a}");
        }
        assert!(
            a["domain"].as_str().unwrap().ends_with(".freshdesk.com")
                || a["domain"].as_str().unwrap().ends_with(".freshchat.com")
        );
    }
    let health = client()
        .get(format!("{url}/_sim/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
    tx.send(()).unwrap();
    task.await.unwrap().unwrap();
    assert!(client()
        .get(format!("{url}/_sim/health"))
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn bad_size_has_a_stable_code() {
    let err = serve(args(10), Shared::default(), async {})
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_sim_config");
}
