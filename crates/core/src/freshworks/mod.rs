//! Talking to Freshworks: the HTTP client (routing, auth, error classification) and the
//! connection checks of the setup flow.

pub mod checks;
pub mod client;
pub mod targets;

pub use client::{override_notice, Auth, FreshworksClient, FRESHWORKS_URL_ENV};
