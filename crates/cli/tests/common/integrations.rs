//! Helpers of `integrations*.rs`: one test's simulator and data folder, the checks' outcomes, the
//! keychain and the simulator's control API.

use super::{idesk_command, run_with_stdin, Sim};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

/// One test's world: a simulator and an empty data folder.
pub struct Env {
    pub sim: Sim,
    pub data: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            sim: Sim::start(&["--seed", "7"]),
            data: tempfile::tempdir().unwrap(),
        }
    }

    pub fn idesk(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run_with_stdin(idesk_command(&self.sim, self.data.path(), args), stdin)
    }

    pub fn add(&self, product: &str, name: &str, domain: &str, key: &str) -> (i32, Value, String) {
        let out = self.idesk(
            &[
                "integrations",
                "add",
                product,
                "--name",
                name,
                "--domain",
                domain,
                "--format",
                "json",
            ],
            Some(&format!("{key}\n")),
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        let json = stdout
            .lines()
            .next()
            .map(|l| serde_json::from_str(l).unwrap())
            .unwrap_or(Value::Null);
        (
            out.status.code().unwrap(),
            json,
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    pub fn list(&self) -> Vec<Value> {
        let out = self.idesk(&["integrations", "list", "--format", "json"], None);
        assert!(out.status.success());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["integrations"].as_array().unwrap().clone()
    }

    /// Every byte the app keeps on disk: database (with WAL) and logs.
    pub fn everything_on_disk(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for dir in [
            self.data.path().to_path_buf(),
            self.data.path().join("logs"),
        ] {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                if entry.path().is_file() {
                    all.extend(std::fs::read(entry.path()).unwrap());
                }
            }
        }
        all
    }
}

pub fn outcome<'a>(checks: &'a Value, id: &str) -> (&'a str, &'a str) {
    let c = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == id)
        .unwrap_or_else(|| panic!("no {id} in {checks}"));
    (c["outcome"].as_str().unwrap(), c["code"].as_str().unwrap())
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

pub fn secret_tool_lookup(integration_id: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "integration-desk",
            "username",
            &format!("{integration_id}/api_key"),
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The id names the keychain entry; `idesk integrations list` does not print it, so ask the store.
pub fn integration_id(data: &Path, name: &str) -> String {
    let store =
        idesk_core::Store::open(&idesk_core::paths::AppPaths::in_dir(data.to_path_buf())).unwrap();
    store.find_integration_by_name(name).unwrap().id
}

/// Sends one request to the simulator's control API (plain HTTP/1.1 on loopback).
pub fn sim_control(sim: &Sim, method: &str, path: &str, body: &str) {
    use std::io::Read;
    let addr = sim.url().trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 2"),
        "{method} {path}: {answer}"
    );
}
