//! Talking to Freshworks: the HTTP client (routing, auth, error classification) and the
//! connection checks of the setup flow.

pub mod checks;
pub mod client;

pub use client::{Auth, FreshworksClient, FRESHWORKS_URL_ENV};
