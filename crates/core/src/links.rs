//! The external addresses the app opens (in the system browser, never inside the app).

/// Where the injixo client app is installed from (the source articles' link).
pub const INJIXO_APP_MARKETPLACE_URL: &str =
    "https://www.freshworks.com/apps/freshdesk/injixo_connect";
