//! `IDESK_FRESHWORKS_URL` on the command line: a value that could send a key elsewhere is an
//! input error, and an active override is said once on stderr.

use std::process::Command;

fn idesk(url: &str, args: &[&str]) -> std::process::Output {
    let data = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_idesk"))
        .args(args)
        .env("IDESK_FRESHWORKS_URL", url)
        .env("IDESK_DATA_DIR", data.path())
        .output()
        .unwrap()
}

#[test]
fn an_override_with_user_info_or_a_name_is_refused() {
    for bad in [
        "http://[::1]@127.0.0.1:9",
        "http://127.0.0.1:1@evil.example",
        "http://localhost:9",
    ] {
        let out = idesk(bad, &["check", "nobody"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(
            stderr.starts_with("error[invalid_input]: "),
            "{bad}: {stderr}"
        );
    }
}

#[test]
fn an_active_override_is_said_once_on_stderr() {
    let out = idesk("http://127.0.0.1:9", &["info"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("IDESK_FRESHWORKS_URL is set").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("http://127.0.0.1:9"), "{stderr}");
}
