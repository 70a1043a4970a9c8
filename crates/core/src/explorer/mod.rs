//! The queue-naming explorer and "What will my help desk create?" (issue 14): the naming form's
//! options and answers ([`naming_options`], [`name_queue`]), and the queues of the cached
//! contacts with their shares ([`queue_shares`], [`queue_shares_csv`]). The app's commands of
//! the same names are one-line adapters over these.

mod naming;
mod shares;
mod types;

pub use naming::{name_queue, naming_options};
pub use shares::{
    queue_shares, queue_shares_csv, save_queue_shares_csv, shares_csv, QUEUE_SHARES_CSV_HEADER,
};
pub use types::{
    ContactRule, GroupChoice, NamedQueue, NamingGroup, NamingKind, NamingOptions, NamingQuery,
    NamingSource, QueueShare, QueueShares,
};
