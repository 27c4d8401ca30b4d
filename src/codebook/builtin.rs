//! The schema folder built into the binary (every file under `schema/` but this repository's
//! own settings, `eventc.json`, embedded by `build.rs`), and which schema folder a run uses: `--schema DIR` when given, else `schema/`
//! in the working directory when there is one, else the built-in one. A folder replaces the
//! built-in schema whole, never file by file: what a run checked against is then one folder,
//! with no hidden mix of the project's files and the binary's.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::read::hex;
use crate::Error;

/// `(path under schema/, contents)`, sorted by path.
pub static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_schema.rs"));

/// One digest over the built-in files: the SHA-256 of the lines `sha256sum` prints for them
/// (`<sha256>  schema/<path>\n`), in path order.
pub fn sha256() -> String {
    let mut all = Sha256::new();
    for (path, bytes) in FILES {
        all.update(format!("{}  schema/{path}\n", hex(&Sha256::digest(bytes))));
    }
    hex(&all.finalize())
}

/// Write the built-in files under `dir`, which must not hold any of them yet.
pub fn write_to(dir: &Path) -> Result<(), Error> {
    for (rel, bytes) in FILES {
        let path = dir.join(rel);
        let shown = path.display().to_string();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("create", parent.display()))?;
        }
        let mut f = std::fs::File::create_new(&path).map_err(Error::io("create", &shown))?;
        std::io::Write::write_all(&mut f, bytes).map_err(Error::io("write", &shown))?;
    }
    Ok(())
}

/// The schema folder of a run.
pub struct SchemaDir {
    pub path: PathBuf,
    /// Set when the built-in schema was written out for this run; removed with it.
    builtin: Option<tempfile::TempDir>,
}

impl SchemaDir {
    /// `--schema DIR` if given, else `./schema` if it is a folder, else the built-in schema.
    pub fn resolve(given: Option<&Path>) -> Result<Self, Error> {
        let local = Path::new("schema");
        let path = match given {
            Some(dir) => dir,
            None if local.is_dir() => local,
            None => return Self::builtin(),
        };
        Ok(SchemaDir {
            path: path.to_path_buf(),
            builtin: None,
        })
    }

    /// The built-in files in a scratch folder named `schema`, so that diagnostics and the
    /// report name them `schema/…` as they would a project's own folder.
    fn builtin() -> Result<Self, Error> {
        let tmp = tempfile::Builder::new()
            .prefix("eventc-schema-")
            .tempdir()
            .map_err(Error::io("create", "a temporary folder"))?;
        // Tempdir removes it when the run ends, but not when a signal ends it.
        crate::cleanup::remove_on_signal(tmp.path());
        let path = tmp.path().join("schema");
        write_to(&path)?;
        Ok(SchemaDir {
            path,
            builtin: Some(tmp),
        })
    }

    /// The folder, unless it is the built-in schema's scratch copy.
    pub fn folder(&self) -> Option<&Path> {
        self.builtin.is_none().then_some(self.path.as_path())
    }

    /// Which schema the run used, for the report and the Parquet metadata.
    pub fn describe(&self) -> Value {
        match self.builtin {
            Some(_) => json!({"source": "built-in", "sha256": sha256()}),
            None => json!({"source": "folder", "path": self.path.display().to_string()}),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_schema_folder_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        let mut on_disk = Vec::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p
                        .strip_prefix(&dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    // The repository's settings name its own primary coder: not built in.
                    if rel != "eventc.json" {
                        on_disk.push((rel, std::fs::read(&p).unwrap()));
                    }
                }
            }
        }
        on_disk.sort();
        let built_in: Vec<(String, Vec<u8>)> = FILES
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        assert_eq!(built_in, on_disk);
        assert!(FILES.iter().any(|(p, _)| *p == "cameo/event_codes.csv"));
        assert!(FILES.iter().all(|(p, _)| *p != "eventc.json"));
    }
}
