//! The commands through IPC on Tauri's mock runtime, with the app's own context (capability and
//! app manifest included), a store in a temporary folder and the simulator as Freshworks.
//! The tests that save an integration use the real keychain (run them in a Secret Service
//! session, as scripts/test.sh does).

use crate::{with_commands, workspace::Workspace, AppState};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::paths::AppPaths;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

struct Shell {
    _dir: tempfile::TempDir,
    sim: idesk_sim::SimHandle,
    app: tauri::App<MockRuntime>,
}

fn shell() -> Shell {
    shell_in(tempfile::tempdir().unwrap(), |paths, client| {
        AppState::new(Workspace::open(paths, client))
    })
}

/// A shell on the data folder `dir`, its state made by `state` from the folder and the client.
fn shell_in(
    dir: tempfile::TempDir,
    state: impl FnOnce(AppPaths, Result<FreshworksClient, idesk_core::CoreError>) -> AppState,
) -> Shell {
    let sim = tauri::async_runtime::block_on(idesk_sim::start(idesk_sim::SimConfig {
        accounts: Some(vec![idesk_sim::AccountSpec {
            product: idesk_sim::Product::Freshdesk,
            subdomain: "acme".into(),
            plan: idesk_sim::Plan::Enterprise,
            suspended: false,
            size: 20,
            timezone: "Eastern Time (US & Canada)".into(),
            token_lacks_reports_scope: false,
            calls_per_minute: None,
            ticket_list_per_minute: None,
        }]),
        ..idesk_sim::SimConfig::demo()
    }))
    .unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let state = state(paths, FreshworksClient::new(Some(sim.url())));
    let app = with_commands(mock_builder())
        .manage(state)
        .build(tauri::generate_context!())
        .expect("the mock app builds");
    Shell {
        _dir: dir,
        sim,
        app,
    }
}

impl Shell {
    fn window(&self, label: &str) -> WebviewWindow<MockRuntime> {
        self.app.get_webview_window(label).unwrap_or_else(|| {
            tauri::WebviewWindowBuilder::new(&self.app, label, Default::default())
                .build()
                .unwrap()
        })
    }

    fn call_from(&self, label: &str, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window(label), request).map(|b| b.deserialize().unwrap())
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.call_from("main", cmd, args)
    }

    /// The `{code, message}` error's code.
    fn refused(&self, cmd: &str, args: Value) -> String {
        let error = self.call(cmd, args).expect_err(cmd);
        error["code"]
            .as_str()
            .unwrap_or_else(|| panic!("{cmd}: {error}"))
            .to_string()
    }

    fn domain(&self) -> String {
        self.sim.accounts()[0].domain.clone()
    }

    fn key(&self) -> String {
        let domain = self.domain();
        self.sim
            .key(&domain, idesk_sim::Persona::AccountAdmin)
            .unwrap()
            .to_string()
    }

    /// Adds the Freshdesk integration "Acme" with the Account Administrator's key over IPC and
    /// answers what `add_integration` returned.
    fn add_acme(&self) -> Value {
        let add = json!({ "product": "freshdesk", "name": "Acme", "domain": self.domain(), "apiKey": self.key() });
        self.call("add_integration", add).unwrap()
    }
}

#[test]
fn app_info_and_language() {
    let shell = shell();
    for language in ["it", "fr"] {
        let changed = shell
            .call("set_language", json!({ "language": language }))
            .unwrap();
        assert_eq!(changed["language"], language, "{changed}");
        assert_eq!(shell.call("app_info", json!({})).unwrap(), changed);
    }
    assert!(shell
        .call("rule_decisions", json!({}))
        .unwrap()
        .as_array()
        .is_some_and(|d| !d.is_empty()));
}

#[test]
fn only_the_main_window_may_call_the_commands() {
    let shell = shell();
    assert!(shell.call("list_integrations", json!({})).is_ok());
    let refused = shell.call_from("other", "list_integrations", json!({}));
    assert!(
        refused.is_err(),
        "a window the capability does not name was answered: {refused:?}"
    );
}

#[test]
fn bad_input_and_unknown_integrations_are_errors_with_codes() {
    let shell = shell();
    assert_eq!(
        shell.call("list_integrations", json!({})).unwrap(),
        json!([])
    );
    let unknown = json!({ "id": "nope" });
    for cmd in [
        "get_integration",
        "recheck_integration",
        "remove_integration",
        "generate_injixo_key",
        "sync_status",
        "pause_sync",
        "resume_sync",
        "sync_now",
        "naming_options",
        "queue_shares",
        "queue_shares_csv",
    ] {
        assert_eq!(
            shell.refused(cmd, unknown.clone()),
            "integration_not_found",
            "{cmd}"
        );
    }
    let every = json!({ "id": "nope", "minutes": 30 });
    assert_eq!(
        shell.refused("set_sync_every", every),
        "integration_not_found"
    );
    let edit = json!({ "id": "nope", "name": "A", "domain": "acme.freshdesk.com", "apiKey": null });
    assert_eq!(
        shell.refused("edit_integration", edit),
        "integration_not_found"
    );
    let add =
        json!({ "product": "freshdesk", "name": "A", "domain": shell.domain(), "apiKey": " \n" });
    assert_eq!(shell.refused("add_integration", add), "api_key_empty");
    let test = json!({ "product": "freshdesk", "domain": "  ", "apiKey": "k" });
    assert_eq!(shell.refused("test_connection", test), "domain_empty");
    let import = json!({ "id": "nope", "since": null, "onEvent": "__CHANNEL__:1" });
    assert_eq!(
        shell.refused("start_import", import),
        "integration_not_found"
    );
    assert_eq!(
        shell.call("import_running", unknown.clone()).unwrap(),
        json!(false)
    );
    assert_eq!(shell.call("cancel_import", unknown).unwrap(), json!(false));
    let report = json!({ "id": "nope", "from": "yesterday", "to": null, "intervalMinutes": 15, "timeZone": null, "queues": null });
    assert_eq!(shell.refused("queue_report", report), "invalid_date");
    let contacts = json!({ "id": "nope", "queue": "q", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z" });
    assert_eq!(
        shell.refused("queue_contacts", contacts),
        "integration_not_found"
    );
    assert_eq!(
        shell.refused("open_ticket", json!({ "id": "nope", "ticketId": 1 })),
        "integration_not_found"
    );
}

#[test]
fn a_key_the_checks_reject_is_not_saved() {
    let shell = shell();
    let add = json!({ "product": "freshdesk", "name": "Acme", "domain": shell.domain(), "apiKey": "wrong" });
    let result = shell.call("add_integration", add).unwrap();
    assert_eq!(result["test"]["canSave"], json!(false), "{result}");
    assert_eq!(result["integration"], Value::Null);
    let test = json!({ "product": "freshdesk", "domain": shell.domain(), "apiKey": shell.key() });
    assert_eq!(
        shell.call("test_connection", test).unwrap()["canSave"],
        json!(true)
    );
    assert_eq!(
        shell.call("list_integrations", json!({})).unwrap(),
        json!([])
    );
}

/// Uses the real keychain.
#[test]
fn an_integration_is_added_edited_checked_keyed_and_removed() {
    let shell = shell();
    let saved = shell.add_acme();
    let id = saved["integration"]["id"]
        .as_str()
        .expect("saved")
        .to_string();
    assert_eq!(
        shell.call("get_integration", json!({ "id": id })).unwrap()["name"],
        "Acme"
    );
    let edit =
        json!({ "id": id, "name": "Acme Support", "domain": shell.domain(), "apiKey": null });
    let edited = shell.call("edit_integration", edit).unwrap();
    assert_eq!(edited["integration"]["name"], "Acme Support", "{edited}");
    let checked = shell
        .call("recheck_integration", json!({ "id": id }))
        .unwrap();
    assert_eq!(checked["status"], saved["integration"]["status"]);
    let key = shell
        .call("generate_injixo_key", json!({ "id": id }))
        .unwrap();
    assert!(key["key"].as_str().unwrap().starts_with("ijx_"), "{key}");
    assert!(key["integration"]["injixoKey"].is_object(), "{key}");
    let status = shell.call("sync_status", json!({ "id": id })).unwrap();
    assert_eq!(status["state"], "off", "no initial import yet: {status}");
    assert_eq!(
        shell.refused("set_sync_every", json!({ "id": id, "minutes": 0 })),
        "invalid_sync_interval"
    );
    let every = shell
        .call("set_sync_every", json!({ "id": id, "minutes": 30 }))
        .unwrap();
    assert_eq!(every["everyMinutes"], 30);
    assert_eq!(
        shell.call("pause_sync", json!({ "id": id })).unwrap()["state"],
        "paused"
    );
    assert_ne!(
        shell.call("resume_sync", json!({ "id": id })).unwrap()["state"],
        "paused"
    );
    shell
        .call("remove_integration", json!({ "id": id }))
        .unwrap();
    assert_eq!(
        shell.call("list_integrations", json!({})).unwrap(),
        json!([])
    );
}

/// Uses the real keychain. The explorer's commands before any import: the default sources, no
/// shares, a name with its rule, and bad input refused with its code.
#[test]
fn the_explorer_names_queues_through_ipc() {
    let shell = shell();
    let saved = shell.add_acme();
    let id = saved["integration"]["id"]
        .as_str()
        .expect("saved")
        .to_string();
    let options = shell.call("naming_options", json!({ "id": id })).unwrap();
    assert_eq!(options["product"], "freshdesk", "{options}");
    assert_eq!(options["groups"], json!([]));
    assert_eq!(
        options["ticketSources"][0],
        json!({ "code": 1, "key": "email", "custom": false })
    );
    assert!(options["conversationSources"]
        .as_array()
        .is_some_and(|s| s.len() > 10));
    let query = json!({ "group": { "kind": "no_group" }, "source": 3, "kind": "new_ticket" });
    assert_eq!(
        shell
            .call("name_queue", json!({ "id": id, "query": query }))
            .unwrap(),
        json!({ "name": "No group phone Tickets", "channel": "cases", "rule": "new_ticket",
                "decisions": ["no_group"], "irrelevant": false })
    );
    let chat = json!({ "group": { "kind": "no_group" }, "source": null, "kind": "chat_resolved" });
    assert_eq!(
        shell.refused("name_queue", json!({ "id": id, "query": chat })),
        "naming_kind_wrong_product"
    );
    let unknown = json!({ "group": { "kind": "group", "id": "5" }, "source": 1, "kind": "reply" });
    assert_eq!(
        shell.refused("name_queue", json!({ "id": id, "query": unknown })),
        "naming_unknown_group"
    );
    let shares = shell.call("queue_shares", json!({ "id": id })).unwrap();
    assert_eq!(
        shares,
        json!({ "integration": "Acme", "from": null, "to": null, "total": 0, "queues": [] })
    );
    assert_eq!(
        shell.call("queue_shares_csv", json!({ "id": id })).unwrap(),
        "queue,channel,contacts,share_percent,irrelevant_for_scheduling\n"
    );
    shell
        .call("remove_integration", json!({ "id": id }))
        .unwrap();
}

#[test]
fn the_demo_starts_ready_and_reset_returns_to_its_starting_point() {
    let shell = shell();
    let demo = shell.call("start_demo", json!({})).unwrap();
    assert!(
        demo["accounts"].as_array().is_some_and(|a| !a.is_empty()),
        "{demo}"
    );
    let info = shell.call("app_info", json!({})).unwrap();
    assert!(!info["demo"].is_null(), "{info}");
    let products = |list: &Value| {
        let mut p: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["product"].as_str().unwrap().to_string())
            .collect();
        p.sort();
        p
    };
    let ids = |list: &Value| {
        list.as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let seeded = shell.call("list_integrations", json!({})).unwrap();
    assert_eq!(products(&seeded), ["freshchat", "freshdesk"], "{seeded}");
    for id in ids(&seeded) {
        let status = shell.call("sync_status", json!({ "id": id })).unwrap();
        assert_ne!(status["state"], "off", "imported, so syncing: {status}");
    }
    let reset = shell.call("reset_demo", json!({})).unwrap();
    assert_eq!(reset["accounts"], demo["accounts"]);
    let again = shell.call("list_integrations", json!({})).unwrap();
    assert_eq!(products(&again), ["freshchat", "freshdesk"], "{again}");
    assert!(ids(&again).iter().all(|id| !ids(&seeded).contains(id)));
    assert_eq!(shell.call("stop_demo", json!({})).unwrap(), Value::Null);
    assert!(shell.call("app_info", json!({})).unwrap()["demo"].is_null());
    assert_eq!(
        shell.call("list_integrations", json!({})).unwrap(),
        json!([])
    );
}

/// The capability allows exactly the commands the UI calls (ui/src/ipc/index.ts), one
/// `allow-<command>` each, and the app manifest (build.rs) refuses every other.
#[test]
fn the_capability_allows_each_command_the_ui_calls_and_no_other() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ipc = std::fs::read_to_string(root.join("../ui/src/ipc/index.ts")).unwrap();
    let mut called: Vec<String> = ipc
        .split("call<")
        .skip(1)
        // `call<Type>("command", …)`; not the definition of `call` itself.
        .filter_map(|rest| {
            let start = rest.find(">(\"").filter(|&i| !rest[..i].contains('('))?;
            rest[start + 3..].split('"').next()
        })
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    called.sort();
    called.dedup();
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("capabilities/main.json")).unwrap(),
    )
    .unwrap();
    let mut allowed: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.starts_with("allow-"))
        .map(str::to_string)
        .collect();
    allowed.sort();
    assert_eq!(allowed, called);
    let build = std::fs::read_to_string(root.join("build.rs")).unwrap();
    assert!(
        build.contains(".app_manifest("),
        "no app manifest: every command would be allowed"
    );
    for permission in &called {
        let command = permission.trim_start_matches("allow-").replace('-', "_");
        assert!(
            build.contains(&format!("\"{command}\"")),
            "{command} is not in the app manifest"
        );
    }
}

/// Uses the real keychain: a ticket never imported is fetched live and comes back as the
/// timeline the UI reads (camelCase); an unknown ticket and an unknown integration are refused.
#[test]
fn a_ticket_timeline_is_explained_live() {
    let shell = shell();
    let saved = shell.add_acme();
    let id = saved["integration"]["id"]
        .as_str()
        .expect("saved")
        .to_string();
    let timeline = shell
        .call("explain_ticket", json!({ "id": id, "ticket": 20 }))
        .unwrap();
    assert_eq!(timeline["origin"], "live", "{timeline}");
    assert_eq!(timeline["ticket"], 20);
    assert_eq!(timeline["timeZone"], "America/New_York");
    assert_eq!(timeline["intervalMinutes"], 15);
    let first = &timeline["entries"][0];
    assert_eq!(first["conversation"], Value::Null);
    assert_eq!(first["counted"]["kind"], "ticket", "{timeline}");
    assert!(first["counted"]["intervalStart"].is_string(), "{timeline}");
    assert_eq!(first["notCounted"], Value::Null);
    let unknown = json!({ "id": id, "ticket": 987654321u64 });
    assert_eq!(shell.refused("explain_ticket", unknown), "ticket_not_found");
    let nope = json!({ "id": "nope", "ticket": 1 });
    assert_eq!(
        shell.refused("explain_ticket", nope),
        "integration_not_found"
    );
    shell
        .call("remove_integration", json!({ "id": id }))
        .unwrap();
}

/// Polls `done` until it holds; fails the test after 10 s, naming `what` it waited for.
pub(crate) fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "timed out: {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

mod startup;
