//! Shared by the CLI's end-to-end tests: `idesk sim` as a child process, read from its banner.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;

/// The Secret Service does not like many concurrent clients: one test at a time touches it.
pub static KEYCHAIN: Mutex<()> = Mutex::new(());

/// `idesk ARGS` with its Freshworks hosts routed to `sim` and its data in `data`, all output
/// piped (stdin too).
pub fn idesk_command(sim: &Sim, data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_idesk"));
    cmd.args(args)
        .env("IDESK_FRESHWORKS_URL", sim.url())
        .env("IDESK_DATA_DIR", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs `cmd` to the end with `stdin` (or nothing) on its standard input.
pub fn run_with_stdin(mut cmd: Command, stdin: Option<&str>) -> Output {
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

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

pub mod integrations;
