//! eventc as installed: run from a folder of its own with no `schema/`, it uses the schema
//! built into it; `eventc init` makes a dataset that compiles; completions and the man page.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use sha2::{Digest, Sha256};

const QUOTE: &str = "l’armée syrienne a pris la ville d’Anadan";

/// An empty scratch folder.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("install-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary in `dir`, with nothing added to its arguments.
fn eventc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventc"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// One document and one valid record coded against it.
fn add_record(ds: &Path) {
    std::fs::write(ds.join("raw/documents/doc1.txt"), DOC_TEXT).unwrap();
    let mut meta = std::fs::read_to_string(ds.join("raw/documents/documents.csv")).unwrap();
    meta.push_str("doc1,2020-02-16,2020-02-16,fr,Test,\n");
    std::fs::write(ds.join("raw/documents/documents.csv"), meta).unwrap();
    let events = ds.join("raw/events/events.csv");
    let header = std::fs::read_to_string(&events).unwrap();
    let fields: Vec<&str> = header.trim_end().split(',').collect();
    let value = |f: &str| match f {
        "event_id" => "e1".to_string(),
        "doc_id" => "doc1".into(),
        "date" => "2020-02-16".into(),
        "source_code" => "SYRMIL".into(),
        "event_code" => "192".into(),
        "quote" => format!("\"{QUOTE}\""),
        // Any coder: a new dataset names no primary coder, so nothing is set aside.
        "coder" => "alice".into(),
        _ => String::new(),
    };
    let row: Vec<String> = fields.iter().map(|f| value(f)).collect();
    std::fs::write(&events, format!("{header}{}\n", row.join(","))).unwrap();
}

#[test]
fn init_makes_a_dataset_that_compiles_anywhere() {
    let dir = scratch("init");
    let o = eventc(&dir, &["init", "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ds = dir.join("ds");
    for f in [
        "raw/events/events.csv",
        "raw/documents/documents.csv",
        "schema/events.schema.json",
        "schema/cameo/event_codes.csv",
        "docs/coding-guide.md",
        "README.md",
    ] {
        assert!(ds.join(f).is_file(), "{f} missing");
    }
    assert!(std::fs::read_to_string(ds.join("README.md"))
        .unwrap()
        .contains("docs/coding-guide.md"));
    // Header only: a run reads nothing and passes.
    let o = eventc(&ds, &["compile"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("0 read = 0 written + 0 rejected"),
        "{}",
        stderr(&o)
    );

    add_record(&ds);
    let o = eventc(&ds, &["compile"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 read = 1 written + 0 rejected"),
        "{}",
        stderr(&o)
    );
    let csv = std::fs::read_to_string(ds.join("out/events.csv")).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("e1,doc1,2020-02-16,"),
        "{csv}"
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ds.join("out/validation_report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        report["schema"],
        serde_json::json!({"source": "folder", "path": "schema"})
    );

    // A folder that is not empty is left alone.
    let o = eventc(&dir, &["init", "ds"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
}

#[test]
fn without_a_schema_folder_the_built_in_one_is_used() {
    let dir = scratch("builtin");
    assert_eq!(eventc(&dir, &["init", "ds"]).status.code(), Some(0));
    let ds = dir.join("ds");
    add_record(&ds);
    std::fs::remove_dir_all(ds.join("schema")).unwrap();
    let o = eventc(&ds, &["compile"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ds.join("out/validation_report.json")).unwrap(),
    )
    .unwrap();
    // The built-in schema is the project's schema folder, file for file.
    let mut files = Vec::new();
    let mut stack = vec![schema_dir()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(schema_dir())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                // The repository's own settings are not built in.
                if rel != "eventc.json" {
                    files.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
    }
    files.sort();
    let mut all = Sha256::new();
    for (rel, bytes) in &files {
        let hex: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        all.update(format!("{hex}  schema/{rel}\n"));
    }
    let hex: String = all.finalize().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        report["schema"],
        serde_json::json!({"source": "built-in", "sha256": hex})
    );
    let inputs: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert!(
        inputs.contains(&"schema/cameo/event_codes.csv"),
        "{inputs:?}"
    );
    // --schema names a folder that replaces the built-in one whole.
    let o = eventc(&ds, &["validate", "--schema", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("schema folder nowhere not found"),
        "{}",
        stderr(&o)
    );
    // A schema/ folder here is used rather than the built-in one.
    copy_dir(&schema_dir(), &ds.join("schema"));
    std::fs::write(
        ds.join("schema/eventc.json"),
        r#"{"severities": {"missing-quote": "error"}}"#,
    )
    .unwrap();
    let events = ds.join("raw/events/events.csv");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replace(&format!("\"{QUOTE}\""), "")).unwrap();
    let o = eventc(&ds, &["validate"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error[missing-quote]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn completions_and_man_page() {
    let dir = scratch("shell");
    for shell in ["bash", "zsh", "fish"] {
        let o = eventc(&dir, &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        assert!(
            text.contains("compile") && text.contains("max-diagnostics"),
            "{shell}: {text}"
        );
    }
    assert_eq!(
        eventc(&dir, &["completions", "tcsh"]).status.code(),
        Some(2)
    );
    let o = eventc(&dir, &["man"]);
    assert_eq!(o.status.code(), Some(0));
    let man = stdout(&o);
    assert!(man.contains(".TH eventc 1"), "{man}");
    assert!(man.contains("compile"), "{man}");
}

/// `cargo install` into a scratch root, then the installed binary from an empty folder. A
/// release build takes minutes: `cargo test --test install -- --ignored`.
#[test]
#[ignore]
fn cargo_install_gives_a_working_eventc() {
    let dir = scratch("cargo-install");
    let root = dir.join("root");
    let o = Command::new(env!("CARGO"))
        .args([
            "install",
            "--locked",
            "--offline",
            "--path",
            env!("CARGO_MANIFEST_DIR"),
            "--root",
        ])
        .arg(&root)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let bin = root.join("bin/eventc");
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let run = |cwd: &Path, args: &[&str]| {
        Command::new(&bin)
            .current_dir(cwd)
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(run(&work, &["init", "ds"]).status.code(), Some(0));
    let ds = work.join("ds");
    add_record(&ds);
    std::fs::remove_dir_all(ds.join("schema")).unwrap();
    let o = run(&ds, &["compile"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(ds.join("out/events.parquet").is_file());
}
