//! What the benchmark does inside the app's page: the app's own IPC (`__TAURI_INTERNALS__.invoke`,
//! the same function `ui/src/ipc` calls) to start the imports and to read their state, and the
//! latency sampler, which runs in the page so each figure is what the UI waits for an answer.

use fantoccini::Client;
use serde_json::{json, Value};
use std::time::Duration;

/// How long the sampler rests between two rounds (one `list_integrations`, one
/// `integration_statuses`).
pub const PAUSE_MS: u32 = 50;

/// The benchmark's state in the page: `phase` (the label the sampler puts on each sample),
/// `samples`, and what each import's channel said.
pub async fn install(c: &Client) {
    c.execute(
        r#"const tw = (window.__twenty =
            { phase: "setup", samples: [], imports: {}, errors: [], stop: false, calls: {}, events: {} });
        // Every IPC call of the page (the UI's own and the sampler's) goes through `fetch` to
        // `ipc://localhost/<command>`: counted with its time, by phase and command.
        const originalFetch = window.fetch.bind(window);
        window.fetch = async (input, init) => {
            const url = typeof input === "string" ? input : input.url;
            if (!url.startsWith("ipc://")) return originalFetch(input, init);
            const cmd = decodeURIComponent(new URL(url).pathname.slice(1));
            const phase = tw.phase, t0 = performance.now();
            try {
                return await originalFetch(input, init);
            } finally {
                const entry = ((tw.calls[phase] ??= {})[cmd] ??= [0, 0]);
                entry[0] += 1;
                entry[1] += performance.now() - t0;
            }
        };"#,
        vec![],
    )
    .await
    .unwrap();
}

/// The page's IPC calls by phase and command (`{phase: {cmd: [count, total ms]}}`) and the
/// import channels' messages by phase (`{phase: count}`).
pub async fn traffic(c: &Client) -> (Value, Value) {
    let v = c
        .execute(
            "return [window.__twenty.calls, window.__twenty.events];",
            vec![],
        )
        .await
        .unwrap();
    (v[0].clone(), v[1].clone())
}

/// Labels the samples taken from now on (a sample whose round crosses a change is labelled
/// `mixed` and left out of every figure).
pub async fn set_phase(c: &Client, phase: &str) {
    c.execute("window.__twenty.phase = arguments[0];", vec![phase.into()])
        .await
        .unwrap();
}

/// Starts the sampler: rounds of `list_integrations` then `integration_statuses`, each timed
/// with `performance.now()` around its `await`, `PAUSE_MS` apart, until [`stop_sampler`].
pub async fn start_sampler(c: &Client) {
    c.execute(
        r#"const tw = window.__twenty, ipc = window.__TAURI_INTERNALS__, pause = arguments[0];
        const timed = async (cmd) => {
            const t0 = performance.now();
            try { await ipc.invoke(cmd); } catch (e) { tw.errors.push(cmd + ": " + JSON.stringify(e)); }
            return performance.now() - t0;
        };
        (async () => {
            while (!tw.stop) {
                const phase = tw.phase, at = performance.now();
                const list = await timed("list_integrations");
                const statuses = await timed("integration_statuses");
                tw.samples.push([phase === tw.phase ? phase : "mixed", at, list, statuses]);
                await new Promise((r) => setTimeout(r, pause));
            }
            tw.stopped = true;
        })();"#,
        vec![PAUSE_MS.into()],
    )
    .await
    .unwrap();
}

/// One timed round: its phase, `performance.now()` at its start, and the two latencies in ms.
pub struct Sample {
    pub phase: String,
    pub at_ms: f64,
    pub list_ms: f64,
    pub statuses_ms: f64,
}

/// Every sample taken.
pub async fn samples(c: &Client) -> Vec<Sample> {
    read_samples(c, "return window.__twenty.samples;", vec![]).await
}

/// The samples of the last `span` (for a progress line).
pub async fn samples_of_last(c: &Client, span: Duration) -> Vec<Sample> {
    let script = "const since = performance.now() - arguments[0];
        return window.__twenty.samples.filter((s) => s[1] >= since);";
    read_samples(c, script, vec![(span.as_millis() as u64).into()]).await
}

async fn read_samples(c: &Client, script: &str, args: Vec<Value>) -> Vec<Sample> {
    let v = c.execute(script, args).await.unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| Sample {
            phase: s[0].as_str().unwrap_or_default().to_string(),
            at_ms: s[1].as_f64().unwrap_or_default(),
            list_ms: s[2].as_f64().unwrap_or_default(),
            statuses_ms: s[3].as_f64().unwrap_or_default(),
        })
        .collect()
}

/// Stops the sampler and waits for its last round; answers the IPC errors it met.
pub async fn stop_sampler(c: &Client) -> Vec<String> {
    let v = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1], tw = window.__twenty;
            tw.stop = true;
            const wait = () => tw.stopped ? done(tw.errors) : setTimeout(wait, 20);
            wait();"#,
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap_or_default()
}

/// Calls one of the app's commands from the page and answers its result (panics on an error).
pub async fn invoke(c: &Client, cmd: &str, args: Value) -> Value {
    let v = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
                (ok) => done({ ok: ok ?? null }),
                (error) => done({ error }));"#,
            vec![cmd.into(), args],
        )
        .await
        .unwrap();
    match v.get("error") {
        Some(e) => panic!("{cmd}: {e}"),
        None => v["ok"].clone(),
    }
}

/// Starts the initial import of every integration at once with `start_import`, as the Data
/// screen does: each with a channel of its own whose events the page keeps
/// (`window.__twenty.imports[id]`: the latest progress, and how the import ended).
pub async fn start_imports(c: &Client, ids: &[String]) {
    let v = c
        .execute_async(
            r#"const [ids, done] = [arguments[0], arguments[arguments.length - 1]];
            const tw = window.__twenty, ipc = window.__TAURI_INTERNALS__;
            const starts = ids.map((id) => {
                const state = (tw.imports[id] = { progress: null, index: -1, end: null });
                // What `Channel` from @tauri-apps/api does: a callback, passed as `__CHANNEL__:<id>`,
                // called with `{index, message}` (or `{index, end}` when the channel closes).
                const channel = ipc.transformCallback((raw) => {
                    if (!raw || !("message" in raw)) return;
                    tw.events[tw.phase] = (tw.events[tw.phase] ?? 0) + 1;
                    const event = raw.message;
                    if (event.event !== "progress") state.end = event;
                    else if (raw.index > state.index) [state.progress, state.index] = [event, raw.index];
                });
                return ipc.invoke("start_import", { id, since: null, onEvent: `__CHANNEL__:${channel}` });
            });
            Promise.all(starts).then(() => done(null), (e) => done(JSON.stringify(e)));"#,
            vec![json!(ids)],
        )
        .await
        .unwrap();
    assert!(v.is_null(), "start_import: {v}");
}

/// What each import's channel said: `{id: {progress, end}}`.
pub async fn imports(c: &Client) -> Value {
    c.execute("return window.__twenty.imports;", vec![])
        .await
        .unwrap()
}
