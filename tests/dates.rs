//! `eventc dates` and dates inside records: every form reaches the dataset as an interval with
//! its precision. The grammar's full table lives in the module's own tests.

mod common;

use common::*;

fn dates(args: &[&str]) -> (Option<i32>, String, String) {
    let wd = Workdir::new("dates-cli");
    let mut all = vec!["dates"];
    all.extend_from_slice(args);
    let out = wd.run(&all);
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn every_documented_form_normalizes() {
    let cases: &[(&str, &str)] = &[
        ("2020-02-16", "2020-02-16\t2020-02-16\tday"),
        ("16/02/2020", "2020-02-16\t2020-02-16\tday"),
        ("16 février 2020", "2020-02-16\t2020-02-16\tday"),
        ("dimanche 16 février 2020", "2020-02-16\t2020-02-16\tday"),
        ("16 févr. 2020", "2020-02-16\t2020-02-16\tday"),
        ("1er mars 2020", "2020-03-01\t2020-03-01\tday"),
        ("February 16, 2020", "2020-02-16\t2020-02-16\tday"),
        ("16 Feb 2020", "2020-02-16\t2020-02-16\tday"),
        ("2020-02", "2020-02-01\t2020-02-29\tmonth"),
        ("février 2020", "2020-02-01\t2020-02-29\tmonth"),
        ("2020", "2020-01-01\t2020-12-31\tyear"),
        ("2020-W07", "2020-02-10\t2020-02-16\tweek"),
        ("2020-02-03/2020-02-16", "2020-02-03\t2020-02-16\trange"),
        ("du 3 au 16 février 2020", "2020-02-03\t2020-02-16\trange"),
    ];
    for (text, want) in cases {
        let (code, out, err) = dates(&[text]);
        assert_eq!(code, Some(0), "{text}: {err}");
        assert_eq!(out.trim_end(), *want, "{text}");
    }
}

#[test]
fn relative_dates_resolve_against_the_document_date() {
    let cases: &[(&str, &str, &str)] = &[
        ("la veille", "2020-02-16", "2020-02-15\t2020-02-15\tday"),
        (
            "le même dimanche",
            "2020-02-16",
            "2020-02-16\t2020-02-16\tday",
        ),
        (
            "le week-end dernier",
            "2020-02-16",
            "2020-02-08\t2020-02-09\trange",
        ),
        ("yesterday", "2020-02-16", "2020-02-15\t2020-02-15\tday"),
        ("la veille", "2020-02", "2020-01-31\t2020-02-28\trange"),
    ];
    for (text, doc, want) in cases {
        let (code, out, err) = dates(&[text, "--doc-date", doc]);
        assert_eq!(code, Some(0), "{text}: {err}");
        assert_eq!(out.trim_end(), *want, "{text} from {doc}");
    }
    let (code, _, err) = dates(&["la veille"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("error[relative-date-unanchored]"), "{err}");
}

#[test]
fn impossible_dates_fail_with_the_reason() {
    let (code, out, err) = dates(&["31/02/2020"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(
        err.contains("error[invalid-date]: February 2020 has 29 days"),
        "{err}"
    );
    let (code, _, err) = dates(&["2020-13-01"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("month 13 does not exist"), "{err}");
    let (code, _, err) = dates(&["2020-02-16/2020-02-03"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("error[date-range-reversed]"), "{err}");
}

#[test]
fn doubtful_dates_are_kept_with_a_warning() {
    let (code, out, err) = dates(&["lundi 16 février 2020"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim_end(), "2020-02-16\t2020-02-16\tday");
    assert!(
        err.contains("warning[weekday-mismatch]: 16 février 2020 is a dimanche, not lundi"),
        "{err}"
    );
    let (_, out, err) = dates(&["02/03/2020", "--lang", "en"]);
    assert_eq!(out.trim_end(), "2020-03-02\t2020-03-02\tday");
    assert!(err.contains("warning[ambiguous-date]"), "{err}");
    let (_, _, err) = dates(&["02/03/2020", "--lang", "fr"]);
    assert!(
        !err.contains("ambiguous-date"),
        "French settles day-first: {err}"
    );
    let (_, out, _) = dates(&["02/03/2020", "--month-first"]);
    assert_eq!(out.trim_end(), "2020-02-03\t2020-02-03\tday");
    let (_, _, err) = dates(&["2020-03-02", "--doc-date", "2020-02-16"]);
    assert!(err.contains("warning[date-after-publication]"), "{err}");
}

#[test]
fn record_dates_reach_the_dataset_with_their_precision() {
    let wd = Workdir::new("dates-records");
    let quote = "l’armée syrienne a pris la ville d’Anadan";
    let mut rows = String::from(HEADER);
    for (i, date) in [
        "dimanche 16 février 2020",
        "la veille",
        "février 2020",
        "le week-end dernier",
        "2020-W07",
    ]
    .iter()
    .enumerate()
    {
        rows.push('\n');
        rows.push_str(&row(&format!("d{i}"), date, "SYRMIL", "192", "", quote));
    }
    rows.push('\n');
    wd.write("raw/events/a.csv", &rows);
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: Vec<(String, String, String)> = wd
        .csv_rows("out/events.csv")
        .into_iter()
        .map(|r| {
            (
                r["event_date"].clone(),
                r["event_date_end"].clone(),
                r["date_precision"].clone(),
            )
        })
        .collect();
    let want = [
        ("2020-02-16", "2020-02-16", "day"),
        ("2020-02-15", "2020-02-15", "day"),
        ("2020-02-01", "2020-02-29", "month"),
        ("2020-02-08", "2020-02-09", "range"),
        ("2020-02-10", "2020-02-16", "week"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn the_vague_forms_of_the_news_resolve_against_the_document_date() {
    let cases: &[(&str, &str)] = &[
        ("mi-février 2020", "2020-02-11\t2020-02-20\tpart-month"),
        ("début mars 2020", "2020-03-01\t2020-03-10\tpart-month"),
        ("fin février 2020", "2020-02-21\t2020-02-29\tpart-month"),
        ("fin décembre", "2019-12-21\t2019-12-31\tpart-month"),
        ("au début du mois", "2020-02-01\t2020-02-10\tpart-month"),
        ("late last month", "2020-01-21\t2020-01-31\tpart-month"),
        ("le 14", "2020-02-14\t2020-02-14\tday"),
        ("le 20", "2020-01-20\t2020-01-20\tday"),
        ("on the 14th", "2020-02-14\t2020-02-14\tday"),
        ("premier trimestre 2020", "2020-01-01\t2020-03-31\tquarter"),
        ("Q1 2020", "2020-01-01\t2020-03-31\tquarter"),
        ("printemps 2019", "2019-03-01\t2019-05-31\tseason"),
        ("spring 2019", "2019-03-01\t2019-05-31\tseason"),
        ("hiver 2019-2020", "2019-12-01\t2020-02-29\tseason"),
        ("avant-hier", "2020-02-14\t2020-02-14\tday"),
        ("il y a trois jours", "2020-02-13\t2020-02-13\tday"),
        ("la semaine dernière", "2020-02-03\t2020-02-09\tweek"),
        ("le mois dernier", "2020-01-01\t2020-01-31\tmonth"),
        ("the day before yesterday", "2020-02-14\t2020-02-14\tday"),
        ("last month", "2020-01-01\t2020-01-31\tmonth"),
        ("earlier this week", "2020-02-10\t2020-02-15\trange"),
        (
            "2020-02-16T10:00Z",
            "2020-02-16\t2020-02-16\tday\t10:00:00Z",
        ),
        (
            "2020-02-16 10:00:00+03:00",
            "2020-02-16\t2020-02-16\tday\t10:00:00+03:00",
        ),
        (
            "2020-02-16T23:30-05:00",
            "2020-02-16\t2020-02-16\tday\t23:30:00-05:00",
        ),
    ];
    for (text, want) in cases {
        let (code, out, err) = dates(&[text, "--doc-date", "2020-02-16"]);
        assert_eq!(code, Some(0), "{text}: {err}");
        assert_eq!(out.trim_end(), *want, "{text}");
    }
    let (_, _, err) = dates(&["fin février 2020", "--doc-date", "2020-02-16"]);
    assert!(err.contains("warning[date-after-publication]"), "{err}");
    let (_, _, err) = dates(&["hiver 2020"]);
    assert!(err.contains("warning[ambiguous-date]"), "{err}");
    let (code, _, err) = dates(&["le 14"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("error[relative-date-unanchored]"), "{err}");
}

#[test]
fn dates_outside_the_bounds_are_refused() {
    for (text, shown) in [
        ("2020-02-16/9999-12-31", "2020-02-16/9999-12-31"),
        ("0000-01-01", "0000-01-01"),
        ("2200", "2200"),
    ] {
        let (code, out, err) = dates(&[text]);
        assert_eq!(code, Some(1), "{text}");
        assert!(out.is_empty(), "{text}: {out}");
        let want = format!(
            "error[invalid-date]: {shown} is outside the accepted dates, 1800-01-01 to 2100-12-31"
        );
        assert!(err.contains(&want), "{err}");
    }
    let (code, _, err) = dates(&["la veille", "--doc-date", "1800-01-01"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("1799-12-31 is outside the accepted dates"),
        "{err}"
    );
}

#[test]
fn the_help_says_what_the_options_do() {
    let (code, out, _) = dates(&["--help"]);
    assert_eq!(code, Some(0));
    let help = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "French settles numeric dates as day-first; English does not",
        "START, END and PRECISION",
        "TIME",
    ] {
        assert!(help.contains(said), "{said}: {help}");
    }
}

#[test]
fn vague_dates_and_times_reach_the_dataset() {
    let wd = Workdir::new("dates-vague-records");
    let quote = "l’armée syrienne a pris la ville d’Anadan";
    let dates = [
        "mi-février 2020",
        "au début du mois",
        "le 14",
        "Q1 2020",
        "hiver 2019-2020",
        "2020-02-16T10:00+03:00",
        "earlier this week",
    ];
    let mut rows = String::from(HEADER);
    for (i, date) in dates.iter().enumerate() {
        rows.push('\n');
        rows.push_str(&row(&format!("v{i}"), date, "SYRMIL", "192", "", quote));
    }
    rows.push('\n');
    wd.write("raw/events/a.csv", &rows);
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: Vec<[String; 4]> = wd
        .csv_rows("out/events.csv")
        .into_iter()
        .map(|r| {
            [
                "event_date",
                "event_date_end",
                "date_precision",
                "event_time",
            ]
            .map(|c| r[c].clone())
        })
        .collect();
    let want = [
        ["2020-02-11", "2020-02-20", "part-month", ""],
        ["2020-02-01", "2020-02-10", "part-month", ""],
        ["2020-02-14", "2020-02-14", "day", ""],
        ["2020-01-01", "2020-03-31", "quarter", ""],
        ["2019-12-01", "2020-02-29", "season", ""],
        ["2020-02-16", "2020-02-16", "day", "10:00:00+03:00"],
        ["2020-02-10", "2020-02-15", "range", ""],
    ]
    .map(|r| r.map(String::from));
    assert_eq!(got, want);
}

#[test]
fn a_project_bounds_its_dates_in_its_settings() {
    let wd = Workdir::new("dates-range");
    let schema = schema_copy(&wd);
    let quote = "l’armée syrienne a pris la ville d’Anadan";
    let mut rows = String::from(HEADER);
    for (i, date) in [
        "2020-02-16",
        "2019-12-31",
        "la veille",
        "2020-02-16/2021-01-01",
    ]
    .iter()
    .enumerate()
    {
        rows.push('\n');
        rows.push_str(&row(&format!("r{i}"), date, "SYRMIL", "192", "", quote));
    }
    rows.push('\n');
    wd.write("raw/events/a.csv", &rows);
    let settings = schema.join("eventc.json");
    let set = |json: &str| std::fs::write(&settings, json).unwrap();
    set(r#"{"date_range": ["2020-01-01", "2020-12-31"]}"#);
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let ids: Vec<String> = wd
        .csv_rows("out/events.csv")
        .into_iter()
        .map(|r| r["event_id"].clone())
        .collect();
    assert_eq!(ids, ["r0", "r2"]);
    let report = wd.report();
    let refused = issues_with_rule(&report, "invalid-date");
    let lines: Vec<_> = refused.iter().map(|i| i["line"].as_u64()).collect();
    assert_eq!(lines, [Some(3), Some(5)]);
    for issue in refused {
        let message = issue["message"].as_str().unwrap();
        assert!(
            message.ends_with("is outside the accepted dates, 2020-01-01 to 2020-12-31"),
            "{message}"
        );
    }
    for (json, said) in [
        (
            r#"{"date_range": ["2020-12-31", "2020-01-01"]}"#,
            "date_range: 2020-12-31 is after 2020-01-01",
        ),
        (
            r#"{"date_range": ["0000-01-01", "2020-12-31"]}"#,
            "date_range must lie within 0001-01-01 to 9999-12-31",
        ),
        (
            r#"{"date_range": ["2020", "2020-12-31"]}"#,
            "date_range: `2020` is not a day written YYYY-MM-DD",
        ),
        (
            r#"{"date_range": ["2020-01-01"]}"#,
            "date_range must be the first and last day",
        ),
    ] {
        set(json);
        let out = wd.run(&["compile", "--schema", "schema"]);
        assert_eq!(out.status.code(), Some(2), "{json}");
        assert!(stderr(&out).contains(said), "{json}: {}", stderr(&out));
    }
}

/// The diagnostics of the vague forms that fail or warn, as a coder sees them, must equal
/// `tests/snapshots/dates-vague.txt`; EVENTC_UPDATE_SNAPSHOTS=1 rewrites it after a deliberate
/// change (review the diff).
#[test]
fn vague_date_diagnostics_render_as_their_snapshot() {
    let wd = Workdir::new("dates-vague-snapshot");
    let quote = "l’armée syrienne a pris la ville d’Anadan";
    let mut rows = String::from(HEADER);
    for (i, date) in [
        "2020-02-16/9999-12-31",
        "0000-01-01",
        "la veille du 1er janvier 1800",
        "2020-02-16T25:00Z",
        "2020-02-16T10:00+24:00",
        "Q5 2020",
        "hiver 2019-2021",
        "l'hiver 2020",
    ]
    .iter()
    .enumerate()
    {
        rows.push('\n');
        rows.push_str(&row(&format!("v{i}"), date, "SYRMIL", "192", "", quote));
    }
    rows.push('\n');
    wd.write("raw/events/a.csv", &rows);
    let out = wd.run(&["compile", "--max-diagnostics", "50"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let shown = err.split("\nby rule:").next().unwrap_or_default();
    let got = format!("{}\n", shown.trim_end());
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/dates-vague.txt");
    if std::env::var_os("EVENTC_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "EVENTC_UPDATE_SNAPSHOTS=1 rewrites the snapshot");
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    // As `eventc dates X | head -0`: the reader is gone before anything is written.
    let wd = Workdir::new("dates-pipe");
    for _ in 0..3 {
        let mut child = wd
            .command(&["dates", "2020-02-16"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(!err.contains("panicked") && !err.contains("error"), "{err}");
    }
}
