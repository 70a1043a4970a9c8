pub mod info;
pub mod sim;
