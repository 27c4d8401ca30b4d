//! Faults while the outputs are written: a full disk, a file system out of inodes or read-only,
//! an immutable file, a kill. After each, OUT shows the earlier outputs whole, or the new ones
//! whole where the run could finish, and a later run leaves nothing behind.
//!
//! Tests run as root, which writes through read-only permissions: faults are made with what
//! stops root, a small tmpfs mounted by the test and `chattr +i`. A test that cannot make its
//! fault here says so on stderr and passes without checking.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use common::*;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";
const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

const OUTPUTS: [&str; 7] = [
    "events.parquet",
    "events.csv",
    "rejected.csv",
    "validation_report.json",
    "validation_issues.csv",
    "validation_report.html",
    "datapackage.json",
];

type Snapshot = Vec<(&'static str, Vec<u8>)>;

/// Every output's bytes, as a reader of `out` gets them.
fn snapshot(out: &Path) -> Snapshot {
    OUTPUTS
        .iter()
        .map(|f| (*f, fs::read(out.join(f)).unwrap_or_default()))
        .collect()
}

fn skip(test: &str, why: &str) {
    eprintln!("skipped {test}: {why}");
}

/// A run on two records into `out`, then a third record: returns the outputs of the first run
/// and those a run on all three gives (compiled into `expected`).
fn two_runs(wd: &Workdir) -> (Snapshot, Snapshot) {
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
            row("e2", "2020-02-16", "TURGOV", "042", "RUSGOV", URGE),
        ),
    );
    let first = wd.compile();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    wd.write(
        "raw/events/b.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("e3", "2020-02-16", "TURGOV", "042", "RUSGOV", URGE)
        ),
    );
    let expected = wd.run(&["compile", "--out", "expected"]);
    assert_eq!(expected.status.code(), Some(0), "{}", stderr(&expected));
    (snapshot(&wd.path("out")), snapshot(&wd.path("expected")))
}

/// A tmpfs mounted on a test's folder, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, options: &str) -> Option<Tmpfs> {
        fs::create_dir_all(dir).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| Tmpfs(dir.to_path_buf()))
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Runs `compile` again and again, freeing one more unit of room before each run with `free`,
/// until a run succeeds. Each failed run must leave the earlier outputs whole and nothing
/// behind; the run that succeeds, the new outputs whole. Returns how many runs failed.
fn until_it_fits(wd: &Workdir, old: &Snapshot, new: &Snapshot, mut free: impl FnMut()) -> usize {
    let out = wd.path("out");
    let mut failed = 0;
    loop {
        let run = wd.compile();
        if run.status.code() != Some(2) {
            assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
            assert!(snapshot(&out) == *new, "the new outputs are not whole");
            assert_eq!(leftovers(&out), Vec::<String>::new());
            return failed;
        }
        assert!(stderr(&run).contains("No space left"), "{}", stderr(&run));
        assert!(
            snapshot(&out) == *old,
            "earlier outputs changed by a failed run ({failed} before): {}",
            stderr(&run)
        );
        assert_eq!(leftovers(&out), Vec::<String>::new());
        failed += 1;
        assert!(failed < 500, "the run never fits");
        free();
    }
}

#[test]
fn a_full_disk_at_any_point_leaves_the_earlier_outputs_whole() {
    let wd = Workdir::new("disk-full");
    let Some(_fs) = Tmpfs::mount(&wd.path("out"), "size=4m") else {
        return skip("disk-full", "cannot mount a tmpfs here");
    };
    let (old, new) = two_runs(&wd);
    // The rest of the disk taken by a file of the user's, which no run may touch.
    let filler = wd.path("out/filler");
    let mut f = fs::File::create(&filler).unwrap();
    while f.write_all(&[0u8; 1 << 16]).is_ok() {}
    let mut len = f.metadata().unwrap().len();
    let failed = until_it_fits(&wd, &old, &new, || {
        // A page (or two) more at a time: each run stops a little further on.
        len = len.saturating_sub(6000);
        f.set_len(len).unwrap();
    });
    // Several points: no room for a first byte, then one output after another.
    assert!(failed >= 5, "only {failed} failed runs");
    assert_eq!(fs::metadata(&filler).unwrap().len(), len);
}

#[test]
fn running_out_of_inodes_at_any_point_leaves_the_earlier_outputs_whole() {
    let wd = Workdir::new("inodes");
    let Some(_fs) = Tmpfs::mount(&wd.path("out"), "size=4m,nr_inodes=200") else {
        return skip("inodes", "cannot mount a tmpfs here");
    };
    let (old, new) = two_runs(&wd);
    let fillers = wd.path("out/fillers");
    fs::create_dir(&fillers).unwrap();
    let mut made: Vec<PathBuf> = (0..)
        .map(|i| fillers.join(i.to_string()))
        .take_while(|p| fs::File::create(p).is_ok())
        .collect();
    // One inode more each time: the run stops at its folder, then at each file it creates.
    let failed = until_it_fits(&wd, &old, &new, || {
        fs::remove_file(made.pop().expect("a filler left")).unwrap();
    });
    assert!(failed >= 8, "only {failed} failed runs");
}

#[test]
fn a_read_only_file_system_leaves_the_earlier_outputs_whole() {
    let wd = Workdir::new("read-only");
    let Some(fs) = Tmpfs::mount(&wd.path("out"), "size=4m") else {
        return skip("read-only", "cannot mount a tmpfs here");
    };
    let (old, new) = two_runs(&wd);
    let out = wd.path("out");
    fs.remount("ro");
    let run = wd.compile();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("Read-only"), "{}", stderr(&run));
    assert!(snapshot(&out) == old, "earlier outputs changed");
    fs.remount("rw");
    assert_eq!(wd.compile().status.code(), Some(0));
    assert!(snapshot(&out) == new, "the new outputs are not whole");
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

/// `chattr +i` on a file, undone when dropped.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Option<Immutable> {
        let status = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .stderr(Stdio::null())
            .status();
        status
            .is_ok_and(|s| s.success())
            .then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[test]
fn an_immutable_output_of_the_current_set_does_not_stop_the_swap() {
    let wd = Workdir::new("immutable");
    let (_, new) = two_runs(&wd);
    let out = wd.path("out");
    let old_set = fs::read_link(out.join(".eventc")).unwrap();
    let file = fs::canonicalize(out.join("events.csv")).unwrap();
    let Some(lock) = Immutable::set(&file) else {
        return skip("immutable", "chattr +i does not work here");
    };
    // The new set takes the place of the old one whole; the old one cannot be removed entirely.
    let run = wd.compile();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(snapshot(&out) == new, "the new outputs are not whole");
    assert!(
        stderr(&run).contains("cannot remove the previous outputs"),
        "{}",
        stderr(&run)
    );
    assert_eq!(leftovers(&out), [old_set.to_string_lossy()]);
    // Once it can be, the next run removes it.
    drop(lock);
    assert_eq!(wd.compile().status.code(), Some(0));
    assert_eq!(leftovers(&out), Vec::<String>::new());
    assert!(snapshot(&out) == new);
}

#[test]
fn an_immutable_output_of_an_earlier_version_keeps_all_of_them() {
    let wd = Workdir::new("immutable-plain");
    let (_, new) = two_runs(&wd);
    // Outputs as earlier versions left them: plain files in OUT.
    let out = wd.path("out");
    for name in OUTPUTS {
        let bytes = fs::read(out.join(name)).unwrap();
        fs::remove_file(out.join(name)).unwrap();
        fs::write(out.join(name), bytes).unwrap();
    }
    fs::remove_dir_all(out.join(fs::read_link(out.join(".eventc")).unwrap())).unwrap();
    fs::remove_file(out.join(".eventc")).unwrap();
    let old = snapshot(&out);
    // The last one a run would move.
    let Some(lock) = Immutable::set(&out.join("datapackage.json")) else {
        return skip("immutable-plain", "chattr +i does not work here");
    };
    let run = wd.compile();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(snapshot(&out) == old, "earlier outputs changed");
    for name in OUTPUTS {
        assert!(
            fs::symlink_metadata(out.join(name)).unwrap().is_file(),
            "{name}"
        );
    }
    assert!(!out.join(".eventc").exists());
    assert_eq!(leftovers(&out), Vec::<String>::new());
    drop(lock);
    assert_eq!(wd.compile().status.code(), Some(0));
    assert!(snapshot(&out) == new, "the new outputs are not whole");
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

/// A generated dataset large enough that a compile can be interrupted while it writes.
fn generated() -> &'static Workdir {
    static DATA: OnceLock<Workdir> = OnceLock::new();
    DATA.get_or_init(|| {
        let wd = Workdir::new("faults-generated");
        let run = Command::new(env!("CARGO_BIN_EXE_eventc"))
            .current_dir(&wd.dir)
            .args(["generate", "--records", "3000", "--out", "gen", "--schema"])
            .arg(schema_dir())
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", stderr(&run));
        wd
    })
}

/// A compile of the generated dataset into `out`, stopped once it has written some of its
/// outputs: the folder it writes in has a file with bytes in it.
fn start_and_wait_for_output(out: &Path) -> Child {
    let mut compile = compile_generated(out);
    compile.arg("--schema").arg(generated().path("gen/schema"));
    wait_for_output(compile, out)
}

/// A compile of the generated records into `out`, to which options can be added.
fn compile_generated(out: &Path) -> Command {
    let mut compile = Command::new(env!("CARGO_BIN_EXE_eventc"));
    compile
        .args(["compile", "--quiet", "--out"])
        .arg(out)
        .arg(generated().path("gen/raw"));
    compile
}

/// `compile` started, and returned once it has written some of its outputs into `out`.
fn wait_for_output(mut compile: Command, out: &Path) -> Child {
    let mut child = compile
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        let writing = leftovers(out).iter().any(|dir| {
            fs::read_dir(out.join(dir))
                .into_iter()
                .flatten()
                .flatten()
                .any(|f| f.metadata().is_ok_and(|m| m.len() > 0))
        });
        if writing {
            return child;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the compile ended before it could be interrupted"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_killed_run_leaves_the_outputs_whole_and_the_next_run_cleans_up() {
    let wd = Workdir::new("sigkill");
    let (old, _) = two_runs(&wd);
    let out = wd.path("out");
    let mut child = start_and_wait_for_output(&out);
    child.kill().unwrap();
    assert_eq!(child.wait().unwrap().signal(), Some(9));
    assert!(
        snapshot(&out) == old,
        "earlier outputs changed by a killed run"
    );
    assert_eq!(leftovers(&out).len(), 1, "the killed run's folder");
    // The next run removes it.
    assert_eq!(wd.compile().status.code(), Some(0));
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

#[test]
fn sigint_and_sigterm_remove_the_run_s_folder() {
    use rustix::process::{kill_process, Pid, Signal};
    let wd = Workdir::new("signals");
    let (old, _) = two_runs(&wd);
    let out = wd.path("out");
    for signal in [Signal::INT, Signal::TERM] {
        let mut child = start_and_wait_for_output(&out);
        kill_process(Pid::from_child(&child), signal).unwrap();
        // Ended by the signal, as without a handler, once its folder is gone.
        assert_eq!(child.wait().unwrap().signal(), Some(signal.as_raw()));
        assert_eq!(leftovers(&out), Vec::<String>::new(), "{signal:?}");
        assert!(snapshot(&out) == old, "earlier outputs changed");
    }
}

#[test]
fn sigint_removes_the_scratch_copy_of_the_built_in_schema() {
    use rustix::process::{kill_process, Pid, Signal};
    let wd = Workdir::new("signals-built-in");
    let tmp = wd.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    let copies = || {
        fs::read_dir(&tmp)
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("eventc-schema-")
            })
            .count()
    };
    // Run where there is no schema/ folder: the built-in schema is copied to TMPDIR.
    let out = wd.path("out");
    fs::create_dir_all(&out).unwrap();
    let mut compile = compile_generated(&out);
    compile.current_dir(&wd.dir).env("TMPDIR", &tmp);
    let mut child = wait_for_output(compile, &out);
    assert_eq!(copies(), 1, "the run's copy of the built-in schema");
    kill_process(Pid::from_child(&child), Signal::INT).unwrap();
    assert_eq!(child.wait().unwrap().signal(), Some(Signal::INT.as_raw()));
    assert_eq!(copies(), 0, "the copy is removed with the outputs' folder");
}
