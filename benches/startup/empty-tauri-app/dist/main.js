// As the app's Integrations page does: once the page has painted (a frame, then a task), report it.
requestAnimationFrame(() =>
  setTimeout(() => window.__TAURI_INTERNALS__.invoke("ui_ready"), 0),
);
