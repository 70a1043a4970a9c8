//! Integrations: what the setup flow validates, tests and saves.

pub mod domain;
pub mod injixo_key;
pub mod injixo_key_check;
pub mod name;
pub mod product;
pub mod records;
pub mod service;

pub use domain::{normalize_domain, NormalizedDomain};
pub use product::Product;
pub use records::{Integration, IntegrationStatus};
