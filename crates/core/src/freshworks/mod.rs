//! Talking to Freshworks: the HTTP client (routing, auth, error classification), the resilient
//! sender the importer uses ([`resilient`]: pacing, retries, `Retry-After`), and the connection
//! checks of the setup flow.

pub mod checks;
pub mod client;
pub mod pacer;
#[doc(hidden)]
pub mod resilient;
pub mod targets;

pub use client::{override_notice, Auth, FreshworksClient, FRESHWORKS_URL_ENV};
