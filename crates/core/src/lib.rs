//! Integration Desk core: everything the desktop app and the `idesk` CLI share.
//!
//! This crate must never depend on Tauri (checked by `cargo tree -p idesk-core` in the test command):
//! the app's Tauri commands are thin adapters over the functions here.

pub mod csv;
pub mod demo;
pub mod diagnose;
pub mod error;
pub mod explain;
pub mod explorer;
pub mod freshworks;
pub mod import;
pub mod info;
pub mod integrations;
pub mod keychain;
pub mod language;
pub mod links;
pub mod logging;
pub mod paths;
pub mod preview;
pub mod saved_file;
pub mod secret;
pub mod settings;
pub mod status;
pub mod store;

pub use error::{CoreError, ErrorCode};
pub use secret::Secret;
pub use store::Store;

/// The product's version, shared by the app window, Settings and `idesk --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Reverse-DNS identifier; names the platform data folder (and must equal `identifier` in tauri.conf.json).
pub const APP_IDENTIFIER: &str = "com.integrationdesk.app";
