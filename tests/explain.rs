//! `eventc explain`: the rule catalogue, and docs/rules.md kept in step with it.

mod common;

use common::*;

#[test]
fn docs_rules_md_is_generated_from_the_catalogue() {
    let wd = Workdir::new("explain-all");
    let out = wd.run(&["explain", "--all"]);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    assert!(
        stdout(&out) == committed,
        "docs/rules.md is stale: regenerate it with `cargo run -- explain --all > docs/rules.md`"
    );
}

#[test]
fn explain_prints_a_rule_and_suggests_close_ids() {
    let wd = Workdir::new("explain");
    let out = wd.run(&["explain", "unknown-event-code"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("## unknown-event-code"));
    assert!(text.contains("Default severity: error"));
    assert!(text.contains("Example: `42`"));
    let out = wd.run(&["explain", "unknown-event-cod"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean unknown-event-code"),
        "{}",
        stderr(&out)
    );
}
