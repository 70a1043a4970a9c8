//! Integrity of what the CLI acts on and prints: a NAME is only ever a name (never another
//! integration's id), names that could pass for ids or reorder text are refused, and a closed
//! stdout is an error line, not a panic. The real binary, `idesk sim`, SQLite and the keychain.

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::{idesk_command, run_with_stdin, Sim, KEYCHAIN};

fn idesk(sim: &Sim, data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    run_with_stdin(idesk_command(sim, data, args), stdin)
}

fn add(sim: &Sim, data: &Path, name: &str) -> Output {
    let key = sim.key("acme.freshdesk.com", "account_admin");
    idesk(
        sim,
        data,
        &[
            "integrations",
            "add",
            "freshdesk",
            "--name",
            name,
            "--domain",
            "acme",
        ],
        Some(&format!("{key}\n")),
    )
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn database(data: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data.join("integration-desk.sqlite3")).unwrap()
}

/// (id, name) of every integration, by name.
fn rows(data: &Path) -> Vec<(String, String)> {
    let conn = database(data);
    let mut stmt = conn
        .prepare("SELECT id, name FROM integrations ORDER BY name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

fn active_injixo_keys(data: &Path, id: &str) -> i64 {
    database(data)
        .query_row(
            "SELECT COUNT(*) FROM injixo_keys WHERE integration_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn names_that_pass_for_an_id_or_reorder_text_are_refused() {
    let sim = Sim::start(&["--seed", "7"]);
    let data = tempfile::tempdir().unwrap();
    for (name, code) in [
        ("01c33ff6a9b2c4d5e6f70812", "name_looks_like_id"),
        ("01C33FF6A9B2C4D5E6F70812", "name_looks_like_id"),
        ("Support\u{202E}UE", "name_bidi_controls"),
        ("\u{2067}Sales\u{2069}", "name_bidi_controls"),
    ] {
        let out = add(&sim, data.path(), name);
        assert_eq!(out.status.code(), Some(2), "{name:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with(&format!("error[{code}]: ")),
            "{name:?}: {}",
            stderr(&out)
        );
    }
    assert!(rows(data.path()).is_empty(), "nothing was saved");
}

#[test]
fn a_name_is_never_taken_for_another_integrations_id() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "7"]);
    let data = tempfile::tempdir().unwrap();
    let data = data.path();
    for name in ["Alpha", "Beta"] {
        let out = add(&sim, data, name);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    let ids = rows(data);
    let (alpha, beta) = (ids[0].0.clone(), ids[1].0.clone());
    // A file from before names of that form were refused: Beta is named like Alpha's id.
    database(data)
        .execute(
            "UPDATE integrations SET name = ?1, name_key = ?1 WHERE id = ?2",
            [&alpha, &beta],
        )
        .unwrap();

    let out = idesk(&sim, data, &["key", "generate", &alpha], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(active_injixo_keys(data, &beta), 1, "the one named so");
    assert_eq!(
        active_injixo_keys(data, &alpha),
        0,
        "not the one with that id"
    );

    // An id is not a name on the command line.
    let out = idesk(&sim, data, &["check", &beta], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[integration_not_found]: "),
        "{}",
        stderr(&out)
    );

    let out = idesk(&sim, data, &["integrations", "remove", &alpha], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(rows(data), [(alpha.clone(), "Alpha".to_string())]);

    let out = idesk(&sim, data, &["integrations", "remove", "Alpha"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(rows(data).is_empty());
}

#[test]
fn a_closed_stdout_is_an_error_line_and_exit_1_not_a_panic() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["info"][..],
        &["info", "--format", "json"],
        &["integrations", "list"],
        &["integrations", "list", "--format", "json"],
    ] {
        // `idesk ... | head -0`: the reading end is gone before idesk writes anything.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_idesk"))
            .args(args)
            .env("IDESK_DATA_DIR", data.path())
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("error[output_closed]: "), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}
