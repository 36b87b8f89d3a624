//! zhenggai (整改): a ledger of the rectification of problems raised by an inspection team,
//! kept in one SQLite file, with a command line and a terminal UI.

pub mod cli;
pub mod date;
pub mod error;
pub mod exchange;
pub mod filter;
pub mod i18n;
pub mod model;
pub mod report;
pub mod search;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
