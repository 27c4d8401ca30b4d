//! The validation report: project severities, the HTML page (rendered in a real browser when
//! one is installed), the terminal summary and collapsing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";

#[test]
fn a_project_can_make_a_missing_quote_an_error() {
    let wd = Workdir::new("severity");
    let schema = schema_copy(&wd);
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\ne1,{DOC_ID},2020-02-16,,SYRMIL,192,,,,,coder1,\n"),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(
        schema.join("eventc.json"),
        r#"{"severities": {"missing-quote": "error"}}"#,
    )
    .unwrap();
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    let issue = issues_with_rule(&report, "missing-quote");
    assert_eq!(issue[0]["severity"], "error");
    assert_eq!(report["summary"]["records_rejected"], 1);
    assert!(stderr(&out).contains("error[missing-quote]"));

    std::fs::write(
        schema.join("eventc.json"),
        r#"{"severities": {"missing-qoute": "error"}}"#,
    )
    .unwrap();
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `missing-quote`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn many_problems_of_one_kind_collapse_on_the_terminal_but_not_in_the_files() {
    let wd = Workdir::new("collapse");
    let mut rows = String::from(HEADER);
    for i in 0..12 {
        rows.push('\n');
        rows.push_str(&row(
            &format!("e{i}"),
            "2020-02-16",
            "SYRMIL",
            "999",
            "",
            SEIZE,
        ));
    }
    rows.push('\n');
    wd.write("raw/events/a.csv", &rows);
    let out = wd.run(&["compile", "--max-diagnostics", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches("error[unknown-event-code]").count(), 3);
    assert!(
        err.contains("… and 9 more unknown-event-code errors"),
        "{err}"
    );
    assert!(err.contains("12 read = 0 written + 12 rejected"), "{err}");
    assert_eq!(
        issues_with_rule(&wd.report(), "unknown-event-code").len(),
        12
    );
    assert_eq!(wd.csv_rows("out/validation_issues.csv").len(), 12);
    // --quiet keeps only the summary.
    let out = wd.run(&["compile", "--quiet"]);
    let err = stderr(&out);
    assert!(!err.contains("error[unknown-event-code]"));
    assert!(err.contains("12 read = 0 written + 12 rejected"));
}

#[test]
fn html_report_is_self_contained_and_shows_the_summary() {
    let wd = Workdir::new("html");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
            row("e2", "2020-02-16", "SYRMIL", "42", "", SEIZE)
        ),
    );
    wd.compile();
    let html = wd.read("out/validation_report.html");
    for external in [
        "<script src",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(
            !html.contains(external),
            "page refers to something outside itself: {external}"
        );
    }
    assert!(html.contains("<b id=\"records_read\">2</b>"));
    assert!(html.contains("<b id=\"records_rejected\">1</b>"));
    assert!(html.contains("id=\"rule-unknown-event-code\""));
    assert!(html.contains("did you mean &quot;042&quot; (Make a visit)?"));
    assert!(html.contains("<svg id=\"timeline\""));
    assert!(
        html.contains(">events per day</text>"),
        "the chart's axis title"
    );
}

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Loads the page in headless Chromium, reads the rendered DOM, and saves a screenshot.
/// CI installs Chromium and sets EVENTC_REQUIRE_BROWSER so that this cannot pass by skipping.
#[test]
fn html_report_renders_in_a_real_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("EVENTC_REQUIRE_BROWSER").is_none(),
            "EVENTC_REQUIRE_BROWSER is set but no Chromium is installed"
        );
        println!("skipped: no Chromium installed (apt-get install chromium)");
        return;
    };
    let wd = Workdir::new("browser");
    let mut rows = String::from(HEADER);
    for (i, (date, code)) in [
        ("2020-02-15", "192"),
        ("2020-02-16", "042"),
        ("2020-02-16", "190"),
        ("2020-02-17", "036"),
        ("2020-02-16", "42"),
    ]
    .iter()
    .enumerate()
    {
        let quote = if *code == "042" || *code == "036" {
            "La Turquie a exhorté la Russie"
        } else {
            SEIZE
        };
        rows.push('\n');
        rows.push_str(&row(
            &format!("e{i}"),
            date,
            "SYRMIL",
            code,
            "TURMIL",
            quote,
        ));
    }
    rows.push('\n');
    wd.write("raw/events/a.csv", &rows);
    wd.compile();
    let report = wd.report();
    let page = wd.path("out/validation_report.html");
    let url = format!("file://{}", page.display());
    let profile = wd.path("chromium-profile");
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
    ];
    let user_data = format!("--user-data-dir={}", profile.display());
    let dom = Command::new(&browser)
        .args(flags)
        .arg(&user_data)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    let summary = &report["summary"];
    for key in [
        "records_read",
        "events_written",
        "records_rejected",
        "errors",
        "warnings",
    ] {
        let want = format!("<b id=\"{key}\">{}</b>", summary[key]);
        assert!(dom.contains(&want), "rendered DOM lacks {want}");
    }
    assert!(dom.contains("<rect"), "the timeline was rendered");

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../validation_report.png");
    let _ = std::fs::remove_file(&shot);
    let out = Command::new(&browser)
        .args(flags)
        .arg(&user_data)
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,1600")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "screenshot not written ({size} bytes): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("screenshot: {}", shot.display());
}

#[test]
fn json_report_matches_its_published_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/validation_report.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let wd = Workdir::new("report-schema");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER},extra\n{},x\n{},\nshort\n",
            row("e1", "2020-02-16", "SYRMIL", "192", "", SEIZE),
            row("e2", "lundi 16 février 2020", "SYRXXX", "42", "", "absent")
        ),
    );
    wd.write("raw/events/b.jsonl", "{\"doc_id\": 1}\n");
    wd.compile();
    let report = wd.report();
    assert!(
        report["issues"].as_array().unwrap().len() >= 5,
        "issues of several shapes"
    );
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And the schema is strict enough to catch a drifted report.
    let mut drifted = report.clone();
    drifted["summary"]["records_read"] = serde_json::json!("3");
    assert!(!validator.is_valid(&drifted));
}

#[test]
fn a_project_may_lower_an_error_only_where_the_record_still_makes_an_event() {
    let wd = Workdir::new("severity-lower");
    let schema = schema_copy(&wd);
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n",
            row(
                "e1",
                "2020-02-16",
                "SYRMIL",
                "192",
                "",
                "a quote that is not there"
            )
        ),
    );
    std::fs::write(
        schema.join("eventc.json"),
        r#"{"severities": {"quote-not-found": "warning"}}"#,
    )
    .unwrap();
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = wd.csv_rows("out/events.csv");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["quote"], "", "written without a verified quote");
    assert_eq!(
        issues_with_rule(&wd.report(), "quote-not-found")[0]["severity"],
        "warning"
    );

    std::fs::write(
        schema.join("eventc.json"),
        r#"{"severities": {"unknown-event-code": "warning"}}"#,
    )
    .unwrap();
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be a warning"),
        "{}",
        stderr(&out)
    );
}
