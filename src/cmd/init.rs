//! `eventc init DIR`: a new dataset folder, ready for coders: `raw/events/` with a header-only
//! file, `raw/documents/` with the metadata file's header, an editable copy of the built-in
//! schema, the coding guide, and a README that says how to work in it.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::codebook::builtin;
use crate::codebook::table_schema::TableSchema;
use crate::Error;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Folder to create (it may exist, if empty)
    pub dir: PathBuf,
}

const DOCUMENTS_HEADER: &str = "doc_id,published,reference_date,language,title,source\n";
const CODING_GUIDE: &str = include_str!("../../docs/coding-guide.md");
const AGREEMENT: &str = include_str!("../../docs/agreement.md");

const README: &str = "# Event dataset

Hand-coded CAMEO events, compiled and checked by eventc.

- `raw/documents/`: the source documents, one UTF-8 text per document (`<doc_id>.txt`), and
  their metadata in `documents.csv` (`published`, the `reference_date` relative dates count
  from, `language` `fr` or `en`).
- `raw/events/`: the coded events, in CSV files with the header of `events.csv` (or JSON Lines),
  one record per source, action and target, with the passage of the document that proves it in
  `quote`.
- `schema/`: the codebooks, actor dictionary and gazetteer the records are checked against;
  add actors to `schema/actors.csv` and places to `schema/places.csv`.

Code by the guide, [docs/coding-guide.md](docs/coding-guide.md). Then:

```sh
eventc validate            # check every record; the problems, with file, line and field
eventc explain RULE        # what a problem means and how to fix it
eventc compile             # the dataset, rejects and report in out/
```
";

pub fn run(args: &InitArgs) -> Result<i32, Error> {
    let dir = &args.dir;
    let shown = dir.display().to_string();
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(Error::io("read", &shown))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{shown} is not empty: init makes a new dataset folder"
            )));
        }
    }
    let schema = dir.join("schema");
    builtin::write_to(&schema)?;
    // The events file's header follows the table schema, whatever fields it declares.
    let table = TableSchema::load(
        &schema.join("events.schema.json"),
        "schema/events.schema.json",
    )?;
    let header = table.field_names().join(",") + "\n";
    write(dir, "raw/events/events.csv", &header)?;
    write(dir, "raw/documents/documents.csv", DOCUMENTS_HEADER)?;
    write(dir, "docs/coding-guide.md", CODING_GUIDE)?;
    write(dir, "docs/agreement.md", AGREEMENT)?;
    write(dir, "README.md", README)?;
    write(dir, ".gitignore", "/out\n")?;
    eprintln!(
        "created {shown}: add documents to raw/documents/ and events to raw/events/events.csv, then `eventc compile` there"
    );
    Ok(0)
}

fn write(dir: &Path, rel: &str, text: &str) -> Result<(), Error> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io("create", parent.display()))?;
    }
    std::fs::write(&path, text).map_err(Error::io("write", path.display()))
}
