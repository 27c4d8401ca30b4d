//! The staging folder: outputs are written inside OUT under a hidden name and moved into place
//! only when every one of them is complete.

use std::path::{Path, PathBuf};

use crate::error::Error;

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(out)
            .map_err(Error::io("create the output folder", out.display()))?;
        let dir = out.join(format!(".eventc-staging-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(Error::io("write in", out.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            files: Vec::new(),
            committed: false,
        })
    }

    /// A file to write now, moved to `OUT/name` on commit.
    pub fn file(&mut self, name: &str) -> Result<std::fs::File, Error> {
        let path = self.dir.join(name);
        self.files.push(name.to_string());
        std::fs::File::create(&path).map_err(Error::io("create", path.display()))
    }

    /// A scratch file for a sink's own use, not moved into place; the sink removes it.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn commit(mut self) -> Result<(), Error> {
        // Check every target first, so that a rename cannot fail halfway through the set.
        for name in &self.files {
            let to = self.out.join(name);
            if to.exists() && !to.is_file() {
                return Err(Error::output(to.display(), "it exists and is not a file"));
            }
        }
        for name in &self.files {
            let to = self.out.join(name);
            std::fs::rename(self.dir.join(name), &to)
                .map_err(Error::io("move into place", to.display()))?;
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.dir);
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
