//! Which files found under an input folder may be read: what a symbolic link points at must
//! lie inside the folder it was found in (`raw/` for records and documents, `schema/` for the
//! codebooks), unless `--follow-links` says otherwise. Without this, a document
//! `documents/x.txt` linked to `/etc/passwd` would be read and quoted in the outputs.

use std::fs::FileType;
use std::path::{Path, PathBuf};

/// Why a path found in an input folder is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It resolves outside the folder: the link (the path itself or a folder on the way) and
    /// what it points at.
    Outside { target: PathBuf },
    /// A link to nothing.
    Dangling { target: PathBuf },
    /// Not a regular file: a folder, a FIFO (opening it could block for ever), a socket, a
    /// device.
    NotAFile(&'static str),
}

impl Refusal {
    /// What to tell the user, after the file's name.
    pub fn describe(&self, root_label: &str) -> String {
        match self {
            Refusal::Outside { target } => format!(
                "a symbolic link to {}, outside {root_label}/: not read",
                target.display()
            ),
            Refusal::Dangling { target } => format!(
                "a symbolic link to {}, which does not exist: not read",
                target.display()
            ),
            Refusal::NotAFile(what) => format!("{what}, not a file: not read"),
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            Refusal::Outside { .. } => {
                "copy the file into the folder, or pass --follow-links if the link is meant"
            }
            Refusal::Dangling { .. } => "fix the link or remove it",
            Refusal::NotAFile(_) => "move it out of the folder, or give it another name",
        }
    }
}

/// Whether `path`, found under `root`, may be opened as an input file. Checked with `stat`
/// only, so a FIFO is never opened.
pub fn check(path: &Path, root: &Path, follow: bool) -> Result<(), Refusal> {
    let target = || std::fs::read_link(path).unwrap_or_else(|_| path.to_path_buf());
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(_) if std::fs::symlink_metadata(path).is_ok() => {
            return Err(Refusal::Dangling { target: target() })
        }
        // Gone or unreadable: opening it will say why.
        Err(_) => return Ok(()),
    };
    if !meta.is_file() {
        return Err(Refusal::NotAFile(kind(&meta.file_type())));
    }
    if follow {
        return Ok(());
    }
    let (Ok(real), Ok(root)) = (path.canonicalize(), root.canonicalize()) else {
        return Ok(());
    };
    if real.starts_with(&root) {
        return Ok(());
    }
    // Name what the user sees: the link itself when the file is one, else where it resolves
    // (a folder on the way was the link).
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => target(),
        _ => real,
    };
    Err(Refusal::Outside { target })
}

fn kind(t: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_pass_and_links_outside_are_refused_unless_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("raw");
        std::fs::create_dir_all(root.join("documents")).unwrap();
        std::fs::write(root.join("documents/a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("secret"), "s").unwrap();
        symlink("a.txt", root.join("documents/b.txt")).unwrap();
        symlink(dir.path().join("secret"), root.join("documents/c.txt")).unwrap();
        symlink("nowhere", root.join("documents/d.txt")).unwrap();
        let at = |n: &str| root.join("documents").join(n);
        assert_eq!(check(&at("a.txt"), &root, false), Ok(()));
        assert_eq!(check(&at("b.txt"), &root, false), Ok(()));
        assert!(matches!(
            check(&at("c.txt"), &root, false),
            Err(Refusal::Outside { target }) if target == dir.path().join("secret")
        ));
        assert_eq!(check(&at("c.txt"), &root, true), Ok(()));
        assert!(matches!(
            check(&at("d.txt"), &root, true),
            Err(Refusal::Dangling { .. })
        ));
        assert_eq!(
            check(&root.join("documents"), &root, true),
            Err(Refusal::NotAFile("a folder"))
        );
    }
}
