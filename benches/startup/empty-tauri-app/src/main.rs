//! One window, one page; `ui_ready` prints `ui_ready_ms=<n>` the first time, measured as the app
//! measures it (from entering `main`).

use std::sync::OnceLock;
use std::time::Instant;

struct Began(Instant);

static REPORTED: OnceLock<u128> = OnceLock::new();

#[tauri::command]
fn ui_ready(began: tauri::State<'_, Began>) {
    let ms = began.0.elapsed().as_millis();
    if REPORTED.set(ms).is_ok() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "ui_ready_ms={ms}");
        let _ = out.flush();
    }
}

fn main() {
    let began = Began(Instant::now());
    tauri::Builder::default()
        .manage(began)
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
