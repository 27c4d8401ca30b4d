//! Embeds every file under `schema/` into the binary, so that an installed eventc runs with
//! the bundled codebooks in any folder. A file added to `schema/` is embedded on the next
//! build with no change to the code.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let schema = root.join("schema");
    // Cargo watches the whole folder, files added or removed included.
    println!("cargo:rerun-if-changed=schema");
    let mut files = Vec::new();
    walk(&schema, &mut files);
    // `eventc.json` holds this repository's own settings (its primary coder names the coder of
    // the bundled article): a dataset elsewhere starts from the defaults.
    files.retain(|p| p != &schema.join("eventc.json"));
    files.sort();
    let mut table = String::from("&[\n");
    for path in &files {
        let rel = path.strip_prefix(&schema).unwrap();
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        table.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            rel.join("/"),
            path.display().to_string()
        ));
    }
    table.push(']');
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("builtin_schema.rs");
    std::fs::write(out, table).unwrap();
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
