use std::fs;
use std::io::Write;
use std::path::Path;

use super::*;

fn commit(out: &Path, files: &[(&str, &str)]) -> Result<(), Error> {
    let mut st = Staging::create(out, &[])?;
    for (name, text) in files {
        st.file(name)?.write_all(text.as_bytes()).unwrap();
    }
    st.commit()
}

/// The entries of ours in `out`, sorted.
fn ours(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(LINK))
        .collect();
    names.sort();
    names
}

fn read(out: &Path, name: &str) -> String {
    fs::read_to_string(out.join(name)).unwrap()
}

#[test]
fn a_set_replaces_the_previous_one_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    commit(&out, &[("a.csv", "1"), ("b.json", "1")]).unwrap();
    assert_eq!(
        (read(&out, "a.csv"), read(&out, "b.json")),
        ("1".into(), "1".into())
    );
    assert!(fs::symlink_metadata(out.join("a.csv"))
        .unwrap()
        .is_symlink());
    let first = fs::read_link(out.join(LINK)).unwrap();

    commit(&out, &[("a.csv", "2"), ("b.json", "2")]).unwrap();
    assert_eq!(
        (read(&out, "a.csv"), read(&out, "b.json")),
        ("2".into(), "2".into())
    );
    let second = fs::read_link(out.join(LINK)).unwrap();
    assert_ne!(first, second);
    // The previous set is gone; the user's file stays.
    assert_eq!(
        ours(&out),
        [LINK.to_string(), second.to_string_lossy().into()]
    );
    assert_eq!(read(&out, "notes.txt"), "mine");
}

#[test]
fn a_set_never_committed_leaves_the_previous_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    commit(out, &[("a.csv", "1")]).unwrap();
    let before = ours(out);
    let mut st = Staging::create(out, &[]).unwrap();
    st.file("a.csv").unwrap().write_all(b"2").unwrap();
    drop(st);
    assert_eq!(read(out, "a.csv"), "1");
    assert_eq!(ours(out), before);
}

#[test]
fn plain_outputs_of_earlier_versions_are_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    fs::write(out.join("a.csv"), "old").unwrap();
    fs::write(out.join("b.json"), "old").unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    commit(out, &[("a.csv", "new"), ("b.json", "new")]).unwrap();
    assert_eq!(
        (read(out, "a.csv"), read(out, "b.json")),
        ("new".into(), "new".into())
    );
    assert_eq!(ours(out).len(), 2, "{:?}", ours(out));
    assert_eq!(read(out, "notes.txt"), "mine");
}

#[test]
fn something_else_at_an_output_name_stops_the_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    commit(out, &[("a.csv", "1"), ("b.json", "1")]).unwrap();
    let before = ours(out);
    fs::remove_file(out.join("b.json")).unwrap();
    fs::create_dir(out.join("b.json")).unwrap();
    let err = commit(out, &[("a.csv", "2"), ("b.json", "2")]).unwrap_err();
    assert!(err.to_string().contains("not a file"), "{err}");
    assert_eq!(read(out, "a.csv"), "1");
    assert_eq!(ours(out), before);
}

#[test]
fn what_killed_runs_left_is_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    let dead = i32::MAX; // above any pid_max
    let me = std::process::id();
    for name in [
        format!(".eventc-{dead}-0"),
        format!(".eventc-staging-{dead}"),
        format!(".eventc-{me}-9"),
        ".eventc-1-0".to_string(), // pid 1 is alive
        ".eventc-notes".to_string(),
    ] {
        fs::create_dir(out.join(&name)).unwrap();
        fs::write(out.join(name).join("events.csv"), "x").unwrap();
    }
    symlink("elsewhere", out.join(format!(".eventc-{dead}-link"))).unwrap();
    let st = Staging::create(out, &[]).unwrap();
    let mut left = ours(out);
    left.retain(|n| *n != st.name);
    assert_eq!(left, [".eventc-1-0", ".eventc-notes"]);
}

#[test]
fn a_link_that_is_not_ours_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
    fs::create_dir(&out).unwrap();
    symlink("../elsewhere", out.join(LINK)).unwrap();
    let err = Staging::create(&out, &[]).err().unwrap();
    assert!(err.to_string().contains("not eventc's"), "{err}");
    assert!(tmp.path().join("elsewhere").is_dir());
}

#[test]
fn an_output_folder_inside_an_input_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let raw = tmp.path().join("raw");
    fs::create_dir_all(raw.join("events")).unwrap();
    symlink(&raw, tmp.path().join("link")).unwrap();
    for out in [
        "raw",
        "raw/events",
        "raw/new/out",
        "raw/../raw/x",
        "link/out",
    ] {
        let out = tmp.path().join(out);
        assert!(
            matches!(refuse_inside(&out, &[&raw]), Err(Error::Usage(_))),
            "{}",
            out.display()
        );
    }
    for out in ["out", "raw2", "raw/../out", "."] {
        let out = tmp.path().join(out);
        assert!(refuse_inside(&out, &[&raw]).is_ok(), "{}", out.display());
    }
    assert!(!raw.join("new").exists());
}
