//! eventc: compile hand-coded CAMEO event records into a validated dataset.
//!
//! One record's way through the tree: `read` (events files as batches of raw records, and the
//! documents they cite), `check` (a pure function of record, `codebook` and documents, using the
//! value parsers of `normalize`), `sequence` (ids and duplicates, in input order), then `write`
//! (every output behind one `Sink` trait). `pipeline` runs the stages on their threads; `cmd`
//! holds one module per subcommand, and `agree` the alignment and statistics of `eventc agree`.
//! At the bottom of the graph: `rules` (the catalogue), `diagnostic`, `error` and `text`.

pub mod agree;
pub mod check;
pub mod cleanup;
pub mod cmd;
pub mod codebook;
pub mod diagnostic;
pub mod error;
pub mod event;
pub mod import;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod rules;
pub mod sequence;
pub mod text;
pub mod write;

pub use error::Error;
