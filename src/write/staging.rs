//! The output set, and how a run replaces the previous one as a whole.
//!
//! `OUT` holds the set in a folder of its own, reached through one symbolic link:
//!
//! ```text
//! OUT/.eventc              -> .eventc-<pid>-<n>     the current set
//! OUT/.eventc-<pid>-<n>/   events.parquet, events.csv, …
//! OUT/events.parquet       -> .eventc/events.parquet (one link per output)
//! ```
//!
//! A run writes its whole set into a new folder, syncs it, then points `.eventc` at it with one
//! rename(2) of a new link over the old one, which POSIX makes atomic: whoever opens
//! `OUT/events.csv` gets the old set or the new one, never a mix, and a run that fails or is
//! killed at any point leaves one of them whole. Files of `OUT` that are not eventc's are never
//! touched; names starting with `.eventc` are eventc's.
//!
//! A run that is killed leaves its folder behind: SIGINT, SIGTERM and SIGHUP remove it before
//! the process ends, and every run first removes the folders of runs whose process is gone.

use crate::cleanup::{active, watch_signals};
use crate::error::Error;
use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::symlink;
use std::path::{Component, Path, PathBuf};

/// The link to the current set, and the prefix of every other name of ours in OUT.
const LINK: &str = ".eventc";
const PREFIX: &str = ".eventc-";

pub struct Staging {
    out: PathBuf,
    /// The new set's folder name in OUT.
    name: String,
    files: Vec<String>,
    committed: bool,
}

impl Staging {
    /// A new set's folder in `out`, which must not lie inside any of `inputs` (a later run
    /// would read the outputs as input). Folders left by killed runs are removed first.
    pub fn create(out: &Path, inputs: &[&Path]) -> Result<Self, Error> {
        refuse_inside(out, inputs)?;
        fs::create_dir_all(out).map_err(Error::io("create the output folder", out.display()))?;
        let current = current(out)?;
        watch_signals();
        let mut active = active();
        sweep(out, current.as_deref(), &active);
        let name = new_folder(out)?;
        active.push(out.join(&name));
        Ok(Staging {
            out: out.to_path_buf(),
            name,
            files: Vec::new(),
            committed: false,
        })
    }

    fn dir(&self) -> PathBuf {
        self.out.join(&self.name)
    }

    /// A file of the set, to write now; `OUT/name` shows it once the set is committed.
    pub fn file(&mut self, name: &str) -> Result<File, Error> {
        let path = self.dir().join(name);
        self.files.push(name.to_string());
        File::create(&path).map_err(Error::io("create", path.display()))
    }

    /// A scratch file for a sink's own use, not part of the set; the sink removes it.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    /// Make the set the current one, in one step, then remove the previous one.
    pub fn commit(mut self) -> Result<(), Error> {
        let dir = self.dir();
        // On disk before the swap: after a power cut, the link never names a set half written.
        for path in self.files.iter().map(|f| dir.join(f)).chain([dir.clone()]) {
            sync(&path).map_err(Error::io("write", path.display()))?;
        }
        let mut active = active();
        let old = current(&self.out)?;
        let old = self.link_outputs(old)?;
        let link = self.out.join(LINK);
        place_link(&self.out, LINK, Path::new(&self.name))
            .map_err(Error::io("replace", link.display()))?;
        self.committed = true;
        active.retain(|p| *p != dir);
        drop(active);
        if let Some(old) = old {
            remove(&self.out.join(old), "the previous outputs");
        }
        self.unlink_dropped();
        // The new set is in place; a failure to flush the swap is no reason for exit 2.
        let _ = sync(&self.out);
        Ok(())
    }

    /// Links into `.eventc` to outputs the new set does not have (an export of an earlier run
    /// with `--profile`): they would name nothing.
    fn unlink_dropped(&self) {
        let Ok(entries) = fs::read_dir(&self.out) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = fs::read_link(entry.path()).is_ok_and(|t| t == Path::new(LINK).join(&name));
            if ours && !self.files.contains(&name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Every `OUT/name` made a link into `.eventc`, before the swap. Outputs of an earlier
    /// eventc, written as plain files, are first moved into the current set (made for them
    /// when there is none), so that the swap replaces them with the rest of it. Returns the
    /// current set's folder.
    fn link_outputs(&self, current: Option<String>) -> Result<Option<String>, Error> {
        let mut plain = Vec::new();
        let mut missing = Vec::new();
        for name in &self.files {
            let at = self.out.join(name);
            let target = Path::new(LINK).join(name);
            match fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    if fs::read_link(&at).ok().as_deref() != Some(target.as_path()) {
                        missing.push(name);
                    }
                }
                Ok(m) if m.is_file() => plain.push(name),
                Ok(_) => return Err(Error::output(at.display(), "it exists and is not a file")),
                Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(name),
                Err(e) => return Err(Error::io("read", at.display())(e)),
            }
        }
        let current = self.adopt(&plain, current)?;
        for name in missing {
            place_link(&self.out, name, &Path::new(LINK).join(name))
                .map_err(Error::io("create", self.out.join(name).display()))?;
        }
        Ok(current)
    }

    /// Plain output files moved into the current set, each replaced by its link; on any
    /// failure every one is moved back, so that they stay as they were.
    fn adopt(&self, plain: &[&String], current: Option<String>) -> Result<Option<String>, Error> {
        if plain.is_empty() {
            return Ok(current);
        }
        let out = &self.out;
        let (set, made) = match current {
            Some(set) => (set, false),
            None => {
                let set = new_folder(out)?;
                place_link(out, LINK, Path::new(&set))
                    .map_err(Error::io("create", out.join(LINK).display()))?;
                (set, true)
            }
        };
        let mut moved = Vec::new();
        for name in plain {
            let at = out.join(name);
            let result = fs::rename(&at, out.join(&set).join(name)).and_then(|()| {
                moved.push(name);
                place_link(out, name, &Path::new(LINK).join(name))
            });
            if let Err(e) = result {
                for name in moved.iter().rev() {
                    let _ = fs::rename(out.join(&set).join(name), out.join(name));
                }
                if made {
                    let _ = fs::remove_file(out.join(LINK));
                    let _ = fs::remove_dir_all(out.join(&set));
                }
                return Err(Error::io("move", at.display())(e));
            }
        }
        Ok(Some(set))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let dir = self.dir();
            let mut active = active();
            let _ = fs::remove_dir_all(&dir);
            active.retain(|p| *p != dir);
        }
    }
}

/// `OUT/at` made a link to `target` in one rename, whatever was there.
fn place_link(out: &Path, at: &str, target: &Path) -> io::Result<()> {
    let tmp = out.join(format!("{PREFIX}{}-link", std::process::id()));
    let _ = fs::remove_file(&tmp);
    symlink(target, &tmp)?;
    fs::rename(&tmp, out.join(at)).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// A new, empty folder of ours in `out`.
fn new_folder(out: &Path) -> Result<String, Error> {
    let pid = std::process::id();
    for n in 0u32.. {
        let name = format!("{PREFIX}{pid}-{n}");
        match fs::create_dir(out.join(&name)) {
            Ok(()) => return Ok(name),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("write in", out.display())(e)),
        }
    }
    Err(Error::output(out.display(), "no free name for the outputs"))
}

/// The current set's folder name, from `OUT/.eventc`; none before the first run.
fn current(out: &Path) -> Result<Option<String>, Error> {
    let link = out.join(LINK);
    match fs::read_link(&link) {
        // Only a plain name of ours: the previous set is removed after a swap, and a link
        // edited to point elsewhere must not make eventc remove anything outside OUT.
        Ok(target) => match target.to_str().filter(|t| owner(t).is_some()) {
            Some(t) => Ok(Some(t.to_string())),
            None => Err(not_ours(&link)),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Err(not_ours(&link)),
        Err(e) => Err(Error::io("read", link.display())(e)),
    }
}

fn not_ours(link: &Path) -> Error {
    Error::output(
        link.display(),
        "it is not eventc's link to its outputs; move it away",
    )
}

/// The process that made an entry of ours in OUT: `.eventc-<pid>-<n>`, its `-link`, or the
/// `.eventc-staging-<pid>` of earlier versions. None for any other name.
fn owner(name: &str) -> Option<i32> {
    let rest = name.strip_prefix(PREFIX)?;
    let rest = rest.strip_prefix("staging-").unwrap_or(rest);
    let pid = rest.split('-').next()?;
    if name.contains('/') || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Remove what killed runs left in `out`: entries of ours whose process is gone (or is this
/// one, which has made none yet), except the current set and the folders being written.
fn sweep(out: &Path, current: Option<&str>, active: &[PathBuf]) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    let me = std::process::id() as i32;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = owner(name) else { continue };
        let path = entry.path();
        if Some(name) == current || active.contains(&path) || (pid != me && alive(pid)) {
            continue;
        }
        remove(&path, "what an interrupted run left");
    }
}

fn alive(pid: i32) -> bool {
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return false;
    };
    // EPERM: the process exists but belongs to someone else.
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Remove a folder or link of ours; a failure is worth a warning, not the run.
fn remove(path: &Path, what: &str) {
    let result = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        let _ = writeln!(
            io::stderr(),
            "warning: cannot remove {what}, {}: {e}",
            path.display()
        );
    }
}

fn sync(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

/// Refuse an output folder inside an input folder, whatever the spelling (`raw/../raw/out`,
/// a link to `raw`).
fn refuse_inside(out: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let Some(resolved_out) = resolved(out) else {
        return Ok(());
    };
    for input in inputs {
        if resolved(input).is_some_and(|i| resolved_out.starts_with(i)) {
            return Err(Error::Usage(format!(
                "the output folder {} is inside the input folder {}: a later run would read \
                 the outputs as input",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// `path` made absolute, the links of the part that exists resolved; the rest, which cannot
/// hold links, as written.
fn resolved(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    let parts: Vec<Component> = abs.components().collect();
    (1..=parts.len()).rev().find_map(|n| {
        let mut real = parts[..n].iter().collect::<PathBuf>().canonicalize().ok()?;
        for part in &parts[n..] {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(p) => real.push(p),
                _ => {}
            }
        }
        Some(real)
    })
}

#[cfg(test)]
mod tests;
