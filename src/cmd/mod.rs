//! One module per subcommand.

pub mod actors;
pub mod agree;
pub mod compile;
pub mod dates;
pub mod explain;
pub mod generate;
pub mod import;
pub mod init;
pub mod shell;
