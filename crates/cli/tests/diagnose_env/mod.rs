//! The world of the diagnose tests: `idesk sim`, a data folder with "Desk" imported, the
//! simulator's control API over plain HTTP, and the store the app writes.

use crate::common::{idesk_command, run_with_stdin, Sim};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Output;
use std::time::Duration;

/// A minute lasts 60/SCALE seconds for the simulator and the CLI alike: a sync period (5
/// minutes) is 10 s, the rate-limit window 2 s.
pub const SCALE: &str = "30";
pub const DOMAIN: &str = "acme.freshdesk.com";
pub const ZONE: &str = "Eastern Time (US & Canada)";

pub struct Env {
    pub sim: Sim,
    pub data: tempfile::TempDir,
    /// The account "Desk" is on.
    pub domain: &'static str,
}

impl Env {
    /// A simulator, and "Desk" on its Enterprise Freshdesk account, imported.
    pub fn imported() -> Env {
        Env::imported_on("freshdesk", DOMAIN, &[])
    }

    /// A simulator, and "Desk" on the `product` account `domain`, imported with `import_args`.
    pub fn imported_on(product: &str, domain: &'static str, import_args: &[&str]) -> Env {
        let env = Env {
            sim: Sim::start(&["--seed", "13", "--time-scale", SCALE, "--size", "200"]),
            data: tempfile::tempdir().unwrap(),
            domain,
        };
        let key = format!("{}\n", env.sim.key(domain, "account_admin"));
        let add = env.idesk(
            &[
                "integrations",
                "add",
                product,
                "--name",
                "Desk",
                "--domain",
                domain,
            ],
            Some(&key),
        );
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
        let import = env.idesk(&[&["import", "Desk"], import_args].concat(), None);
        assert!(
            import.status.success(),
            "{}",
            String::from_utf8_lossy(&import.stderr)
        );
        env
    }

    pub fn idesk(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = idesk_command(&self.sim, self.data.path(), args);
        cmd.env("IDESK_TIME_SCALE", SCALE);
        run_with_stdin(cmd, stdin)
    }

    /// `idesk diagnose Desk --format json`: the exit code and the diagnosis.
    pub fn diagnose(&self, extra: &[&str]) -> (i32, Value) {
        let out = self.idesk(
            &[&["diagnose", "Desk", "--format", "json"], extra].concat(),
            None,
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let value = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("{e}: {stdout} / {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code().unwrap(), value)
    }

    /// Asserts the verdict is `link` with `code` (exit 1), or none (exit 0); returns the diagnosis.
    pub fn expect_verdict(&self, expected: Option<(&str, &str)>) -> Value {
        let (code, d) = self.diagnose(&[]);
        let links: Vec<&str> = d["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["link"].as_str().unwrap())
            .collect();
        assert_eq!(
            links,
            [
                "credentials",
                "role",
                "plan",
                "api",
                "sync",
                "source_activity",
                "queue_drift",
                "time_zone",
                "injixo_key"
            ]
        );
        match expected {
            Some((link, want)) => {
                assert_eq!(code, 1, "{d:#}");
                assert_eq!(
                    (d["verdict"]["link"].as_str(), d["verdict"]["code"].as_str()),
                    (Some(link), Some(want)),
                    "{d:#}"
                );
                assert!(
                    d["verdict"]["fix"].as_str().is_some_and(|f| !f.is_empty()),
                    "{d:#}"
                );
                let first_failed = d["links"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| l["outcome"] == "failed")
                    .unwrap();
                assert_eq!(first_failed["link"], link);
            }
            None => {
                assert_eq!(code, 0, "{d:#}");
                assert!(d["verdict"].is_null(), "{d:#}");
                for l in d["links"].as_array().unwrap() {
                    assert_ne!(l["outcome"], "failed", "{l:#}");
                    assert_eq!(
                        l["fix"].is_null(),
                        l["outcome"] == "passed" || l["outcome"] == "skipped",
                        "{l:#}"
                    );
                }
            }
        }
        d
    }

    pub fn link<'a>(d: &'a Value, name: &str) -> &'a Value {
        d["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["link"] == name)
            .unwrap()
    }

    /// A control call to the simulator.
    pub fn control(&self, path: &str, body: Value) -> Value {
        let text = http(
            self.sim.url(),
            "POST",
            &format!("/_sim/accounts/{}/{path}", self.domain),
            self.domain,
            None,
            Some(&body.to_string()),
        );
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
    }

    pub fn truth(&self) -> Value {
        serde_json::from_str(&http(
            self.sim.url(),
            "GET",
            &format!("/_sim/accounts/{}/truth", self.domain),
            self.domain,
            None,
            None,
        ))
        .unwrap()
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.data.path().join("integration-desk.sqlite3")).unwrap()
    }

    /// What the app's Pause/Resume writes.
    pub fn set_paused(&self, paused: bool) {
        self.db()
            .execute(
                "INSERT INTO import_sync_settings (integration_id, paused, every_minutes)
                 SELECT id, ?1, 5 FROM integrations WHERE name = 'Desk'
                 ON CONFLICT (integration_id) DO UPDATE SET paused = excluded.paused",
                [paused],
            )
            .unwrap();
    }

    pub fn generate_key(&self) -> String {
        let out = self.idesk(&["key", "generate", "Desk"], None);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// A listed group that the import stored: (id as in URLs, name).
    pub fn some_group(&self) -> (String, String) {
        let truth = self.truth();
        let g = truth["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["deleted"] == false)
            .unwrap();
        (
            match &g["id"] {
                Value::String(id) => id.clone(),
                other => other.to_string(),
            },
            g["name"].as_str().unwrap().to_string(),
        )
    }
}

/// One HTTP/1.0 request (no chunked answers) on loopback; the body of the answer.
pub fn http(
    base: &str,
    method: &str,
    path: &str,
    host: &str,
    basic_user: Option<&str>,
    body: Option<&str>,
) -> String {
    let addr = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).unwrap();
    let auth = basic_user
        .map(|u| format!("Authorization: Basic {}\r\n", base64(&format!("{u}:X"))))
        .unwrap_or_default();
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {host}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

pub fn base64(text: &str) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                T[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// Longer than a scaled sync period plus a minute: changes older than that should be cached.
pub fn wait_past_sync_period() {
    std::thread::sleep(Duration::from_secs(14));
}

/// Longer than a scaled rate-limit minute: the budget window is clear again.
pub fn wait_past_budget_window() {
    std::thread::sleep(Duration::from_secs(3));
}
