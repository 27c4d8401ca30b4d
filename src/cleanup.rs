//! What a run removes if it is interrupted: the folder of the output set being written
//! (`write/staging.rs`) and the scratch copy of the built-in schema. On SIGINT, SIGTERM or
//! SIGHUP they are removed, then the process ends as the signal would have (130 and 143 in a
//! shell). A SIGKILL cannot be caught: a later run sweeps what its output folder holds.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// Folders being written by this process: a signal removes them, the sweep leaves them alone,
/// and a commit holds the lock while it swaps, so that a signal never removes a set that has
/// just become the current one.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

pub fn active() -> MutexGuard<'static, Vec<PathBuf>> {
    ACTIVE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Remove `dir` if a signal ends the run. Removing it in the ordinary way stays the owner's
/// job; a path already gone is no harm to the handler.
pub fn remove_on_signal(dir: &Path) {
    watch_signals();
    active().push(dir.to_path_buf());
}

/// On SIGINT, SIGTERM or SIGHUP, remove the folders being written, then end as the signal
/// would have.
pub fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static WATCH: Once = Once::new();
    WATCH.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held to the end: a commit in progress finishes first, and none starts after.
                let active = active();
                for dir in active.iter() {
                    let _ = fs::remove_dir_all(dir);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        });
    });
}
