//! Shared by the CLI's end-to-end tests: `idesk sim` as a child process, read from its banner.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

/// The Secret Service does not like many concurrent clients: one test at a time touches it.
pub static KEYCHAIN: Mutex<()> = Mutex::new(());

pub struct Sim {
    child: Child,
    pub banner: Value,
}

impl Sim {
    /// `idesk sim --port 0` with `extra` flags; waits for the banner (its first stdout line).
    pub fn start(extra: &[&str]) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_idesk"))
            .args(["sim", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let banner = serde_json::from_str(&line).unwrap_or_else(|e| panic!("banner {line:?}: {e}"));
        Sim { child, banner }
    }

    pub fn url(&self) -> &str {
        self.banner["url"].as_str().unwrap()
    }

    /// The key of `persona` on the account with this full domain.
    pub fn key(&self, domain: &str, persona: &str) -> String {
        let account = self.banner["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["domain"] == domain)
            .unwrap();
        account["keys"][persona].as_str().unwrap().to_string()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
