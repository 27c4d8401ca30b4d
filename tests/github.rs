//! `--format github`: diagnostics as GitHub Actions annotations; the pre-commit hook's command.

mod common;

use common::*;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";

#[test]
fn diagnostics_are_workflow_commands_at_the_values_place() {
    let wd = Workdir::new("github");
    let bad = row("e2", "2020-02-16", "SYRMIL", "42", "", SEIZE);
    wd.write(
        "data/raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{bad}\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE)
        ),
    );
    std::fs::rename(wd.path("raw/documents"), wd.path("data/raw/documents")).unwrap();
    let o = wd.run(&["validate", "./data/raw", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // The column of the value in the file, counted in characters from 1.
    let col = bad.find(",42,").unwrap() + 2;
    assert_eq!(
        lines,
        [format!(
            "::error file=data/raw/events/a.csv,line=3,col={col},title=unknown-event-code::\
             `42` is not a CAMEO event code (field `event_code`)%0A\
             help: did you mean \"042\" (Make a visit)? spreadsheets drop leading zeros"
        )]
    );
    // The counts stay on stderr; the diagnostics are not shown twice.
    let err = stderr(&o);
    assert!(err.contains("2 read = 1 written + 1 rejected"), "{err}");
    assert!(!err.contains("-->"), "{err}");
    // At most --max-diagnostics of each rule.
    let many: String = (0..4)
        .map(|i| row(&format!("x{i}"), "2020-02-16", "SYRMIL", "42", "", SEIZE) + "\n")
        .collect();
    wd.write("data/raw/events/b.csv", &format!("{HEADER}\n{many}"));
    let o = wd.run(&[
        "compile",
        "data/raw",
        "--format",
        "github",
        "--max-diagnostics",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    assert_eq!(wd.report()["summary"]["errors"], 5);
}

#[test]
fn the_pre_commit_hook_runs_validate() {
    let hooks = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("the hook has an entry");
    let args: Vec<&str> = entry.split_whitespace().collect();
    assert_eq!(args[..2], ["eventc", "validate"]);
    assert!(hooks.contains("pass_filenames: false"));
    let wd = Workdir::new("hook");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE)
        ),
    );
    assert_eq!(wd.run(&args[1..]).status.code(), Some(0));
    assert!(!wd.path("out").exists(), "validate writes nothing");
    wd.write(
        "raw/events/b.csv",
        &format!(
            "{HEADER}\n{}\n",
            row("e2", "2020-02-16", "SYRMIL", "42", "", SEIZE)
        ),
    );
    assert_eq!(wd.run(&args[1..]).status.code(), Some(1));
}
