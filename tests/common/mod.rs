//! A scratch folder per test, the built binary run inside it, and readers for what it wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The small document most tests code against.
pub const DOC_ID: &str = "doc1";
pub const DOC_TEXT: &str = "Dimanche 16 février, l’armée syrienne a pris la ville d’Anadan.\nLa Turquie a exhorté la Russie à arrêter les attaques.\n";

pub const HEADER: &str =
    "event_id,doc_id,date,source,source_code,event_code,target,target_code,location,quote,coder,notes";

pub struct Workdir {
    pub dir: PathBuf,
}

impl Workdir {
    /// A fresh folder with `raw/events/` and `raw/documents/` holding the test document.
    pub fn new(name: &str) -> Workdir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("it-{name}-{n}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("raw/events")).unwrap();
        std::fs::create_dir_all(dir.join("raw/documents")).unwrap();
        let wd = Workdir { dir };
        wd.write(&format!("raw/documents/{DOC_ID}.txt"), DOC_TEXT);
        wd.write(
            "raw/documents/documents.csv",
            &format!("doc_id,published,reference_date,language,title,source\n{DOC_ID},2020-02,2020-02-16,fr,Test,\n"),
        );
        wd
    }

    pub fn write(&self, rel: &str, contents: &str) {
        self.write_bytes(rel, contents.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, contents: &[u8]) {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// The binary run in this folder, without colour, with this folder's `schema/` when the
    /// test made one and the project's otherwise.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_eventc"));
        cmd.current_dir(&self.dir).env("NO_COLOR", "1").args(args);
        if matches!(args.first(), Some(&"compile") | Some(&"validate"))
            && !args.contains(&"--schema")
        {
            let own = self.path("schema");
            cmd.arg("--schema")
                .arg(if own.is_dir() { own } else { schema_dir() });
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("binary runs")
    }

    pub fn compile(&self) -> Output {
        self.run(&["compile"])
    }

    pub fn report(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("out/validation_report.json")).expect("report is JSON")
    }

    /// `rejected.csv` or `events.csv` as rows of named fields.
    pub fn csv_rows(&self, rel: &str) -> Vec<std::collections::HashMap<String, String>> {
        let mut r = csv::Reader::from_path(self.dir.join(rel)).unwrap();
        let headers = r.headers().unwrap().clone();
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                headers
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect()
            })
            .collect()
    }
}

/// A copy of the project's schema folder at `WORKDIR/schema`, for tests that change it.
pub fn schema_copy(wd: &Workdir) -> PathBuf {
    let to = wd.path("schema");
    copy_dir(&schema_dir(), &to);
    to
}

/// A copy of the project's schema that names no primary coder, for tests of several coders'
/// records all reaching the dataset.
pub fn schema_without_primary_coder(wd: &Workdir) -> PathBuf {
    let schema = schema_copy(wd);
    std::fs::write(schema.join("eventc.json"), "{}\n").unwrap();
    schema
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A CSV line of the standard header's 12 fields for a record coded by code only.
pub fn row(
    id: &str,
    date: &str,
    source_code: &str,
    event_code: &str,
    target_code: &str,
    quote: &str,
) -> String {
    format!("{id},{DOC_ID},{date},,{source_code},{event_code},,{target_code},,\"{quote}\",coder1,")
}

/// The issues of the JSON report with the given rule.
pub fn issues_with_rule<'a>(
    report: &'a serde_json::Value,
    rule: &str,
) -> Vec<&'a serde_json::Value> {
    report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["rule"] == rule)
        .collect()
}

/// What runs left in an output folder: eventc's entries (`.eventc…`) other than the link to
/// the current set and the set it points to.
pub fn leftovers(out: &Path) -> Vec<String> {
    let current = std::fs::read_link(out.join(".eventc")).ok();
    let mut left: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".eventc"))
        .filter(|n| n != ".eventc" && current.as_deref() != Some(Path::new(n)))
        .collect();
    left.sort();
    left
}

/// Every output file of `out`, by name, with its bytes (`.eventc…` holds the set they show).
pub fn outputs(wd: &Workdir, out: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(wd.path(out))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_name().to_string_lossy().starts_with(".eventc"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
