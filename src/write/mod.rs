//! Writing the outputs: the dataset (Parquet, CSV), the rejects and the validation report.
//!
//! Everything is written into a staging folder inside OUT and renamed into place only once
//! every file is complete, so a failed or interrupted run leaves earlier outputs as they were.

pub mod csv;
pub mod datapackage;
pub mod html;
pub mod parquet;
pub mod report;

use std::path::{Path, PathBuf};

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create the output folder {}: {e}", out.display()))?;
        let dir = out.join(format!(".eventc-staging-{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot write in the output folder {}: {e}", out.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            files: Vec::new(),
            committed: false,
        })
    }

    /// A file to write now, renamed to `OUT/name` on commit.
    pub fn file(&mut self, name: &str) -> Result<std::fs::File, String> {
        let path = self.dir.join(name);
        self.files.push(name.to_string());
        std::fs::File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))
    }

    pub fn commit(mut self) -> Result<(), String> {
        // Check every target first, so that a rename cannot fail halfway through the set.
        for name in &self.files {
            let to = self.out.join(name);
            if to.exists() && !to.is_file() {
                return Err(format!("{} exists and is not a file", to.display()));
            }
        }
        for name in &self.files {
            let to = self.out.join(name);
            std::fs::rename(self.dir.join(name), &to)
                .map_err(|e| format!("cannot move {} into place: {e}", to.display()))?;
        }
        self.committed = true;
        let _ = std::fs::remove_dir(&self.dir);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
