//! Tauri commands: each is a few lines that call the core and return its types or `{code, message}`.

pub mod app;
pub mod data;
pub mod demo;
pub mod explorer;
pub mod health;
pub mod integrations;
pub mod sync;
