//! Support for end-to-end tests of the real app window: the app binary, tauri-driver in its own
//! process group, a WebDriver session, waits and screenshots.
//!
//! Run inside `dbus-run-session` under Xvfb (the test command does); one test at a time, because
//! the app is single-instance on its session bus. Each driver takes free ports of its own.

use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub mod a11y;
pub mod keys;
pub mod ready_demo;
pub mod setup_form;

const WAIT: Duration = Duration::from_secs(20);

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The debug app binary, found through cargo's target directory so a `CARGO_TARGET_DIR` elsewhere works.
pub fn app_binary() -> PathBuf {
    if let Ok(p) = std::env::var("IDESK_APP_BIN") {
        return PathBuf::from(p);
    }
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(repo_root())
        .output()
        .expect("cargo metadata");
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata JSON");
    let bin =
        PathBuf::from(meta["target_directory"].as_str().unwrap()).join("debug/integration-desk");
    assert!(
        bin.exists(),
        "{} is missing: build the app first (cargo build -p integration-desk)",
        bin.display()
    );
    bin
}

pub fn artifacts_dir() -> PathBuf {
    let dir = repo_root().join("target/e2e-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// tauri-driver (and the WebKitWebDriver it starts) in their own process group, stopped as a group:
/// stopping only the driver would leave WebKitWebDriver holding the test's pipes.
/// tauri-driver and the WebDriver session it serves, on a port of its own so that two test runs
/// (two worktrees, or a run beside a developer's) do not meet.
pub struct Driver {
    child: Child,
    port: u16,
}

/// A port nobody listens on now (the OS picks it).
fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

impl Driver {
    /// Starts the driver; the app it launches inherits `env` (e.g. `IDESK_DATA_DIR`).
    pub fn start(env: &[(&str, &Path)]) -> Driver {
        use std::os::unix::process::CommandExt;
        let bin = std::env::var("TAURI_DRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|_| repo_root().join("node_modules/.bin/tauri-driver"));
        let port = free_port();
        let mut cmd = Command::new(&bin);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &free_port().to_string(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .process_group(0);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }

    /// Starts the driver for an app on the data folder `data` whose Freshworks hosts go to the
    /// simulator at `sim_url`, with `IDESK_TIME_SCALE` when given.
    pub fn on_sim(data: &Path, sim_url: &str, time_scale: Option<&str>) -> Driver {
        let mut env = vec![
            ("IDESK_DATA_DIR", data),
            ("IDESK_FRESHWORKS_URL", Path::new(sim_url)),
        ];
        if let Some(scale) = time_scale {
            env.push(("IDESK_TIME_SCALE", Path::new(scale)));
        }
        Driver::start(&env)
    }

    /// Opens a WebDriver session, which launches the app.
    pub async fn launch_app(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary() }),
        );
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("WebDriver session (is a display and a session bus available?)")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = self.child.id();
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{pgid}")])
            .status();
        let _ = self.child.wait();
    }
}

/// Launches the app on a data folder without integrations and waits for its empty Integrations page.
pub async fn launch_to_empty_page(driver: &Driver) -> Client {
    let c = driver.launch_app().await;
    wait_text(
        &c,
        "[data-testid=integrations-empty]",
        "No integrations yet",
    )
    .await;
    c
}

/// Waits until the element matching `css` shows `needle` (rendered text); returns that text.
pub async fn wait_text(c: &Client, css: &str, needle: &str) -> String {
    wait_text_for(c, css, needle, WAIT).await
}

/// Waits until `css` matches an element and returns it.
pub async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            return el;
        }
        assert!(Instant::now() < deadline, "timeout waiting for {css}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until nothing matches `css` (an element that leaves once a command has finished).
pub async fn wait_gone(c: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    while c.find(Locator::Css(css)).await.is_ok() {
        assert!(Instant::now() < deadline, "timeout waiting for {css} to go");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a screenshot once the page has settled (no finite animation or transition running, such
/// as a modal fading in, over two quiet checks), so it shows what was just rendered and axe-core
/// measures final colours.
pub async fn screenshot(c: &Client, name: &str) {
    c.execute_async(
        r#"const done = arguments[arguments.length - 1];
        const running = () => document.getAnimations().filter((a) =>
            a.playState === "running" && a.effect?.getTiming().iterations !== Infinity);
        const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const pause = (ms) => new Promise((r) => setTimeout(r, ms));
        (async () => {
            const deadline = performance.now() + 3000;
            for (let quiet = 0; quiet < 2 && performance.now() < deadline; ) {
                const now = running();
                if (now.length > 0) {
                    quiet = 0;
                    await Promise.race([Promise.all(now.map((a) => a.finished.catch(() => {}))), pause(500)]);
                } else {
                    quiet += 1;
                    await pause(60);
                }
                await frames();
            }
            done();
        })();"#,
        vec![],
    )
    .await
    .unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(artifacts_dir().join(format!("{name}.png")), png).unwrap();
    // Every screen worth a screenshot is a screen a user sees: it must pass axe-core too.
    a11y::assert_accessible(c, name).await;
}

/// Waits for a process to exit; kills it and returns `None` when it outlives `limit`.
pub fn wait_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Clicks the element matching `css` once it is there, enabled and not covered (by a closing
/// modal's fading overlay, or by the fixed header when the element is scrolled to the top edge).
pub async fn click(c: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    let mut covered_by = String::new();
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if el.is_enabled().await.unwrap_or(false) {
                match el.click().await {
                    Ok(()) => return,
                    Err(CmdError::Standard(e))
                        if e.error == ErrorStatus::ElementClickIntercepted =>
                    {
                        // WebKit scrolls the element to the top edge, under the fixed header;
                        // a user would scroll it to where it can be seen.
                        covered_by = element_covering(c, css).await;
                        let _ = c
                            .execute(
                                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
                                vec![css.into()],
                            )
                            .await;
                    }
                    Err(e) => panic!("clicking {css}: {e}"),
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "timeout waiting to click {css} (covered by: {covered_by})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The start of the HTML of whatever lies over the centre of the element matching `css`: what a
/// failed click names, so a covered button can be told from a missing one.
async fn element_covering(c: &Client, css: &str) -> String {
    let html = c
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();
             const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
             return `${JSON.stringify(r)} ${top ? top.outerHTML.slice(0, 300) : 'nothing'}`;",
            vec![css.into()],
        )
        .await;
    html.map(|v| v.as_str().unwrap_or_default().to_string())
        .unwrap_or_else(|e| e.to_string())
}

/// Replaces the text of the input matching `css` the way a user would: empties it (through the
/// native value setter plus an `input` event, which React sees), then types `text` as keystrokes.
pub async fn fill(c: &Client, css: &str, text: &str) {
    let el = wait_for(c, css).await;
    c.execute(
        "const el = document.querySelector(arguments[0]);
         const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
         setter.call(el, '');
         el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![css.into()],
    )
    .await
    .unwrap();
    el.send_keys(text).await.unwrap();
}

/// Whether the element matching `css` is disabled (now, without waiting).
pub async fn is_disabled(c: &Client, css: &str) -> bool {
    let el = c.find(Locator::Css(css)).await.unwrap();
    !el.is_enabled().await.unwrap()
}

/// Records every IPC answer the window receives: `window.__ipcLog` (`{cmd, ok, body}`) and, as a
/// net, every IPC callback's payload in `window.__ipcCallbacks`.
///
/// Tauri defines `window.__TAURI_INTERNALS__.invoke` as a non-writable property, so it cannot be
/// wrapped; every command's answer arrives through the `ipc://localhost/<command>` custom protocol
/// via `fetch`, which can. The callback net also catches answers that arrive another way (the
/// postMessage fallback), without the command's name.
pub async fn record_ipc(c: &Client) {
    c.execute(
        r#"
        if (!window.__ipcLog) {
          window.__ipcLog = [];
          window.__ipcCallbacks = [];
          const log = window.__ipcLog;
          const originalFetch = window.fetch.bind(window);
          window.fetch = async (input, init) => {
            const url = typeof input === "string" ? input : input.url;
            const response = await originalFetch(input, init);
            if (url.startsWith("ipc://")) {
              const cmd = decodeURIComponent(new URL(url).pathname.slice(1));
              const body = await response.clone().text();
              log.push({ cmd, ok: response.headers.get("Tauri-Response") === "ok", body });
            }
            return response;
          };
          const callbacks = window.__TAURI_INTERNALS__.callbacks;
          const originalGet = callbacks.get.bind(callbacks);
          callbacks.get = (id) => {
            const callback = originalGet(id);
            if (!callback) return callback;
            return (data) => {
              window.__ipcCallbacks.push(JSON.stringify(data === undefined ? null : data));
              return callback(data);
            };
          };
        }
        "#,
        vec![],
    )
    .await
    .unwrap();
}

/// What [`record_ipc`] recorded since it was installed in this window: the answers by command
/// (`{cmd, ok, body}`) and every callback payload as JSON text.
pub async fn ipc_log(c: &Client) -> (Vec<serde_json::Value>, Vec<String>) {
    let v = c
        .execute(
            "return [window.__ipcLog || [], window.__ipcCallbacks || []];",
            vec![],
        )
        .await
        .unwrap();
    let answers = v[0].as_array().cloned().unwrap_or_default();
    let callbacks = v[1]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    (answers, callbacks)
}

/// Scrolls the element matching `css` to the middle of the window (for a screenshot of it).
pub async fn scroll_to(c: &Client, css: &str) {
    wait_for(c, css).await;
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
        vec![css.into()],
    )
    .await
    .unwrap();
}

/// Integrations > Add integration > Freshworks: Select model > Freshdesk: fills name, domain and
/// key, runs the connection test, saves; returns the new integration's id (from the address).
pub async fn add_freshdesk_integration(c: &Client, name: &str, domain: &str, key: &str) -> String {
    click(c, "[data-testid=nav-integrations]").await;
    click(c, "[data-testid=add-integration]").await;
    click(c, "[data-testid=select-model-freshworks]").await;
    click(c, "[data-testid=add-freshdesk]").await;
    fill(c, "#integration-name", name).await;
    fill(c, "#integration-domain", domain).await;
    fill(c, "#integration-api-key", key).await;
    click(c, "[data-testid=test-connection]").await;
    wait_for(c, "[data-testid=check-ticket_scope][data-outcome=passed]").await;
    click(c, "[data-testid=save-integration]").await;
    wait_for(c, "[data-testid=integration-page]").await;
    shown_integration_id(c).await
}

/// The id of the integration whose page is open (from the address `#/integrations/<id>`).
pub async fn shown_integration_id(c: &Client) -> String {
    let url = c.current_url().await.unwrap();
    let id = url
        .fragment()
        .and_then(|f| f.strip_prefix("/integrations/"))
        .expect("the integration's address")
        .to_string();
    assert!(!id.is_empty() && id != "new", "{url}");
    id
}

/// Waits up to `limit` until the element matching `css` shows `needle` (long work such as an import).
pub async fn wait_text_for(c: &Client, css: &str, needle: &str, limit: Duration) -> String {
    let deadline = Instant::now() + limit;
    let mut last = String::new();
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            // The rendered text (innerText): WebKitWebDriver's own text() returns "" for some
            // styled inline elements such as Mantine's button labels.
            last = el
                .prop("innerText")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        assert!(
            Instant::now() < deadline,
            "timeout waiting for {needle:?} in {css}; last text: {last:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the Data screen of integration `id` through its page's link.
pub async fn open_data(c: &Client, id: &str) {
    click(c, "[data-testid=nav-integrations]").await;
    click(c, &format!("a[href='#/integrations/{id}']")).await;
    click(c, "[data-testid=open-data]").await;
    wait_for(c, "[data-testid=import-section]").await;
}

/// Clicks the interval segment of `minutes`.
pub async fn pick_interval(c: &Client, minutes: u32) {
    scroll_to(c, "[data-testid=preview-interval]").await;
    let label = c
        .find(Locator::XPath(&format!(
            "//*[@data-testid='preview-interval']//input[@value='{minutes}']/following-sibling::label"
        )))
        .await
        .expect("the interval segment");
    label.click().await.unwrap();
}

/// One `POST` to the simulator's control API (plain HTTP on loopback), e.g. revoking a key.
pub fn sim_post(url: &str, path: &str) {
    sim_request(url, "POST", path);
}

/// One `GET` of the simulator's control API, e.g. `/_sim/stats`: its JSON answer.
pub fn sim_get(url: &str, path: &str) -> serde_json::Value {
    let answer = sim_request(url, "GET", path);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

/// One request to the simulator's control API; the whole answer, which must be a 200.
fn sim_request(url: &str, method: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{path}: {answer}");
    answer
}

/// Pages back through the interval table (newest first) to the first non-zero count, shows it.
pub async fn find_a_count(c: &Client) -> fantoccini::elements::Element {
    for _ in 0..40 {
        // A count of a fully imported interval ("≥ n" ones are lower bounds).
        if let Some(cell) = c
            .find_all(Locator::Css("[data-testid=count-cell][data-complete=true]"))
            .await
            .unwrap()
            .into_iter()
            .next()
        {
            c.execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(&cell).unwrap()],
            )
            .await
            .unwrap();
            return cell;
        }
        let next = c
            .find(Locator::Css(
                "[data-testid=interval-pages] [aria-label='Next page']",
            ))
            .await
            .expect("a next page of intervals");
        c.execute(
            "arguments[0].scrollIntoView({ block: 'center' }); arguments[0].click();",
            vec![serde_json::to_value(&next).unwrap()],
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no interval with contacts");
}
