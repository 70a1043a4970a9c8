pub mod data;
pub mod info;
pub mod integrations;
pub mod sim;
