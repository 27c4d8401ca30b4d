//! Broken inputs, one case per folder of `tests/broken/`: the case's files are laid over a
//! fresh work folder (`raw/...`), compiled, and the run must match the case's `expected.txt`:
//!
//! ```text
//! # comment
//! remove PATH                     delete a file of the work folder first
//! exit N                          the exit status
//! counts READ WRITTEN REJECTED    the summary
//! issue RULE FILE:LINE [TEXT]     an issue of the report there, whose message or help holds TEXT
//! count RULE N                    how many issues of the rule
//! line EVENT_ID N                 the event's input_line
//! written EVENT_ID                the event is in the dataset
//! ```
//!
//! Cases that cannot be committed as files (links, FIFOs, a huge field, a broken schema) are
//! built by the tests below the corpus runner.

mod common;

use std::path::Path;

use common::*;

/// Run one case folder; the problems found, one per line.
fn run_case(case: &Path) -> Vec<String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let wd = Workdir::new(&format!("broken-{name}"));
    let spec = std::fs::read_to_string(case.join("expected.txt")).unwrap();
    let mut pending = vec![case.join("raw")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path
                    .strip_prefix(case)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                wd.write_bytes(&rel, &std::fs::read(&path).unwrap());
            }
        }
    }
    for line in spec.lines() {
        if let Some(rel) = line.strip_prefix("remove ") {
            std::fs::remove_file(wd.path(rel)).unwrap();
        }
    }
    let out = wd.compile();
    let report = wd.report();
    let issues = report["issues"].as_array().unwrap();
    let events = wd.csv_rows("out/events.csv");
    let mut problems = Vec::new();
    let mut fail = |what: String| problems.push(format!("{name}: {what}"));
    for line in spec.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            [w, ..] if w.starts_with('#') => {}
            ["remove", _] => {}
            ["exit", n] => {
                if out.status.code() != n.parse().ok() {
                    fail(format!(
                        "exit {:?}, not {n}\n{}",
                        out.status.code(),
                        stderr(&out)
                    ));
                }
            }
            ["counts", read, written, rejected] => {
                let s = &report["summary"];
                let got = [
                    &s["records_read"],
                    &s["events_written"],
                    &s["records_rejected"],
                ]
                .map(|v| v.to_string());
                if got != [*read, *written, *rejected] {
                    fail(format!("counts {got:?}, not {read} {written} {rejected}"));
                }
            }
            ["issue", rule, at, ..] => {
                let text = line
                    .splitn(4, ' ')
                    .nth(3)
                    .map(str::trim)
                    .unwrap_or_default();
                let (file, l) = at.rsplit_once(':').unwrap();
                let found = issues.iter().any(|i| {
                    i["rule"] == *rule
                        && i["file"] == file
                        && i["line"].as_u64() == l.parse().ok()
                        && [&i["message"], &i["help"]]
                            .iter()
                            .any(|t| t.as_str().unwrap_or("").contains(text))
                });
                if !found {
                    fail(format!("no {rule} at {at} with {text:?} in {issues:#?}"));
                }
            }
            ["count", rule, n] => {
                let got = issues.iter().filter(|i| i["rule"] == *rule).count();
                if got.to_string() != *n {
                    fail(format!("{got} issues {rule}, not {n}"));
                }
            }
            ["line", id, n] => match events.iter().find(|e| e["event_id"] == *id) {
                Some(e) if e["input_line"] == *n => {}
                other => fail(format!("event {id}: {other:?}, not at line {n}")),
            },
            ["written", id] => {
                if !events.iter().any(|e| e["event_id"] == *id) {
                    fail(format!("event {id} not written: {issues:#?}"));
                }
            }
            _ => fail(format!("cannot read `{line}` in expected.txt")),
        }
    }
    problems
}

#[test]
fn every_case_of_the_corpus_gives_its_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "{} cases", cases.len());
    let problems: Vec<String> = cases.iter().flat_map(|c| run_case(c)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";

fn good(id: &str, doc: &str) -> String {
    format!("{id},{doc},2020-02-16,,SYRMIL,190,,,,\"{SEIZE}\",coder1,")
}

fn messages(report: &serde_json::Value, rule: &str) -> Vec<String> {
    issues_with_rule(report, rule)
        .iter()
        .map(|i| format!("{}:{} {}", i["file"], i["line"], i["message"]))
        .collect()
}

#[cfg(unix)]
#[test]
fn links_out_of_the_raw_folder_are_refused_unless_followed() {
    use std::os::unix::fs::symlink;
    let wd = Workdir::new("broken-links");
    // Outside the raw folder: a document with the quote in it, and an events file.
    wd.write("elsewhere/secret.txt", DOC_TEXT);
    wd.write(
        "elsewhere/more.csv",
        &format!("{HEADER}\n{}\n", good("x1", "doc1")),
    );
    symlink(
        wd.path("elsewhere/secret.txt"),
        wd.path("raw/documents/leak.txt"),
    )
    .unwrap();
    symlink(
        wd.path("elsewhere/more.csv"),
        wd.path("raw/events/more.csv"),
    )
    .unwrap();
    // Inside: a link to a document of the folder is an ordinary name for it.
    symlink("doc1.txt", wd.path("raw/documents/alias.txt")).unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            good("e1", "leak"),
            good("e2", "alias")
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = wd.report();
    let refused = messages(&report, "link-refused");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].contains("raw/events/more.csv")
            && refused[0].contains("elsewhere/more.csv")
            && refused[0].contains("outside raw/"),
        "{refused:?}"
    );
    let docs = messages(&report, "unknown-document");
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(
        docs[0].contains("raw/documents/leak.txt: a symbolic link to")
            && docs[0].contains("elsewhere/secret.txt"),
        "{docs:?}"
    );
    assert_eq!(report["summary"]["records_read"], 2);
    assert_eq!(report["summary"]["events_written"], 1);
    // The secret's text is nowhere in the outputs.
    assert!(!wd.read("out/rejected.csv").contains("Dimanche"));

    let out = wd.run(&["compile", "--follow-links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = wd.report();
    assert_eq!(report["summary"]["events_written"], 3, "{report}");
}

#[cfg(unix)]
#[test]
fn a_documents_folder_linked_from_elsewhere_is_refused() {
    let wd = Workdir::new("broken-docdir");
    std::fs::rename(wd.path("raw/documents"), wd.path("docs-elsewhere")).unwrap();
    std::os::unix::fs::symlink(wd.path("docs-elsewhere"), wd.path("raw/documents")).unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\n{}\n", good("e1", "doc1")),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = wd.report();
    let docs = messages(&report, "unknown-document");
    assert!(
        docs.len() == 1 && docs[0].contains("docs-elsewhere/doc1.txt, outside raw/"),
        "{docs:?}"
    );
    assert_eq!(messages(&report, "link-refused").len(), 1, "documents.csv");
    let out = wd.run(&["validate", "--follow-links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn entries_that_are_not_files_are_named_and_a_fifo_is_never_opened() {
    let wd = Workdir::new("broken-fifo");
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\n{}\n", good("e1", "doc1")),
    );
    let fifo = wd.path("raw/events/pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    std::fs::create_dir_all(wd.path("raw/events/folder.jsonl")).unwrap();
    std::os::unix::fs::symlink("gone.csv", wd.path("raw/events/dangling.csv")).unwrap();
    // A FIFO opened for reading would block until a writer comes: the run would never end.
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let skipped = messages(&wd.report(), "skipped-input");
    let has = |file: &str, what: &str| skipped.iter().any(|m| m.contains(file) && m.contains(what));
    assert!(has("folder.jsonl", "a folder, not a file"), "{skipped:?}");
    assert!(
        has("dangling.csv", "gone.csv, which does not exist"),
        "{skipped:?}"
    );
    if made.is_ok_and(|s| s.success()) {
        assert!(has("pipe.csv", "a FIFO, not a file"), "{skipped:?}");
    } else {
        println!("skipped the FIFO case: mkfifo is not available");
    }
}

#[test]
fn a_huge_field_is_read_whole_and_the_rows_after_it_keep_their_lines() {
    let wd = Workdir::new("broken-huge");
    let huge = "x\n".repeat(1 << 20);
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\"{huge}\"\n{}\n",
            good("e1", "doc1"),
            good("e2", "doc1")
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = wd.csv_rows("out/events.csv");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["notes"], huge);
    // A million lines inside the field, then the next row.
    assert_eq!(events[1]["input_line"], (3 + (1 << 20)).to_string());
}

/// A schema folder with one file replaced; compile must stop with exit 2, naming the file
/// (and line, when there is one), and write nothing.
fn broken_schema(name: &str, rel: &str, contents: &[u8], want: &[&str]) {
    let wd = Workdir::new(&format!("broken-schema-{name}"));
    schema_copy(&wd);
    wd.write_bytes(&format!("schema/{rel}"), contents);
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\n{}\n", good("e1", "doc1")),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    for w in want {
        assert!(err.contains(w), "{name}: no `{w}` in {err}");
    }
    assert!(
        !wd.path("out/events.csv").exists(),
        "{name}: outputs written"
    );
}

#[test]
fn a_damaged_dictionary_gazetteer_or_codebook_stops_the_run() {
    broken_schema(
        "actors-columns",
        "actors.csv",
        b"nom,code\nX,FRA\n",
        &["schema/actors.csv:1", "`name` or `code` column"],
    );
    broken_schema(
        "actors-latin1",
        "actors.csv",
        b"name,aliases,code,from,to,kind,note\nFran\xe7ois,,FRAGOV,,,person,\n",
        &["schema/actors.csv:2", "not UTF-8", "offset 40"],
    );
    broken_schema(
        "actors-row",
        "actors.csv",
        b"name,aliases,code,from,to,kind,note\n,,FRAGOV,,,person,\n",
        &["schema/actors.csv:2", "no name"],
    );
    broken_schema(
        "places-row",
        "places.csv",
        b"name,aliases,kind,country,admin1,latitude,longitude,geonames_id\nAlep,,city,SYR,,north,37.1,\n",
        &["schema/places.csv:2", "latitude"],
    );
    // A column named twice: a reader would keep one of the two values without a word.
    broken_schema(
        "actors-repeated-column",
        "actors.csv",
        b"name,aliases,code,from,to,kind,note,code\nX,,FRA,,,state,,SYR\n",
        &["schema/actors.csv:1", "`code` twice", "columns 3 and 8"],
    );
    broken_schema(
        "places-repeated-column",
        "places.csv",
        b"name,aliases,kind,country,admin1,latitude,longitude,geonames_id,Latitude\nAlep,,city,SYR,,36.2,37.1,,0\n",
        &["schema/places.csv:1", "`latitude` twice", "columns 6 and 9"],
    );
    broken_schema(
        "plover-repeated-column",
        "plover/cameo_plover.csv",
        b"cameo_code,plover_event,plover_mode,note,plover_event\n01,,,,\n",
        &["schema/plover/cameo_plover.csv:1", "`plover_event` twice"],
    );
    broken_schema(
        "fips-one-column",
        "gdelt/fips_countries.csv",
        b"iso\nSYR\n",
        &["schema/gdelt/fips_countries.csv:2", "two columns"],
    );
    broken_schema(
        "blocks-repeated-column",
        "cameo/actor_blocks.csv",
        b"code,kind,label,kind\nABW,country,Aruba,group\n",
        &["schema/cameo/actor_blocks.csv:1", "`kind` twice"],
    );
    broken_schema(
        "event-codes",
        "cameo/event_codes.csv",
        b"code,label,goldstein\n01,Make public statement,zero\n",
        &["schema/cameo/event_codes.csv:2", "Goldstein"],
    );
}

#[cfg(unix)]
#[test]
fn a_schema_file_linked_from_elsewhere_stops_the_run_unless_followed() {
    let wd = Workdir::new("broken-schema-link");
    schema_copy(&wd);
    std::fs::rename(wd.path("schema/places.csv"), wd.path("places.csv")).unwrap();
    std::os::unix::fs::symlink(wd.path("places.csv"), wd.path("schema/places.csv")).unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\n{}\n", good("e1", "doc1")),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("schema/places.csv: a symbolic link to") && err.contains("outside schema/"),
        "{err}"
    );
    let out = wd.run(&["compile", "--schema", "schema", "--follow-links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn agree_reads_linked_events_only_when_told() {
    let wd = Workdir::new("broken-agree-link");
    let second = good("e2", "doc1").replace(",coder1,", ",t2,");
    wd.write(
        "elsewhere/b.csv",
        &format!("{HEADER}\n{}\n{second}\n", good("e1", "doc1")),
    );
    std::os::unix::fs::symlink(wd.path("elsewhere/b.csv"), wd.path("raw/events/b.csv")).unwrap();
    let schema = schema_dir();
    let schema = schema.to_str().unwrap();
    let out = wd.run(&["agree", "--schema", schema]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("fewer than two coders"), "{err}");
    assert!(
        err.contains("warning[link-refused]") && err.contains("raw/events/b.csv"),
        "{err}"
    );
    let out = wd.run(&["agree", "--schema", schema, "--follow-links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
