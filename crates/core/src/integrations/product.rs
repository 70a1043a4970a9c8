//! The two Freshworks products an integration can connect.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Product {
    Freshdesk,
    Freshchat,
}

impl Product {
    pub fn as_str(self) -> &'static str {
        match self {
            Product::Freshdesk => "freshdesk",
            Product::Freshchat => "freshchat",
        }
    }

    /// The registrable domain under which the product's API hosts live.
    pub fn base_domain(self) -> &'static str {
        match self {
            Product::Freshdesk => "freshdesk.com",
            Product::Freshchat => "freshchat.com",
        }
    }

    pub fn other(self) -> Product {
        match self {
            Product::Freshdesk => Product::Freshchat,
            Product::Freshchat => Product::Freshdesk,
        }
    }
}

impl std::str::FromStr for Product {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "freshdesk" => Ok(Product::Freshdesk),
            "freshchat" => Ok(Product::Freshchat),
            _ => Err(()),
        }
    }
}
