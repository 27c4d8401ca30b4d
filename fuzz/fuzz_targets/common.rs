//! What both reader targets check: reading any bytes ends, never panics, and every record it
//! yields has a line within the file and a value for each of its field names.

use std::sync::Arc;

use eventc::read::{file_items, InputKind, Item};

pub fn read_all(data: &[u8], kind: InputKind) {
    let known: Arc<[String]> = ["event_id", "doc_id", "date", "event_code", "quote"]
        .map(String::from)
        .into();
    let lines = 1 + data.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
    for item in file_items(std::io::Cursor::new(data.to_vec()), kind, "f", known) {
        match item {
            Ok(Item::Record(r)) => {
                assert!(r.line >= 1 && r.line <= lines, "line {} of {lines}", r.line);
                assert!(r.values.len() >= r.names.len() || !r.problems.is_empty());
            }
            Ok(Item::Note(_)) => {}
            // Reading from memory cannot fail on I/O; anything else is a bug.
            Err(e) => panic!("{e}"),
        }
    }
}
