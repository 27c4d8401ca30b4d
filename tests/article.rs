//! The bundled article, compiled as a user would on a fresh clone: every record accepted,
//! with no error and one warning (a period coded beside an event within it), every actor and
//! place resolved, periods kept as periods.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;

fn compile_bundled() -> (Workdir, std::process::Output) {
    let wd = Workdir::new("article");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = wd.run(&[
        "compile",
        root.join("raw").to_str().unwrap(),
        "--schema",
        root.join("schema").to_str().unwrap(),
        "--out",
        "out",
    ]);
    (wd, out)
}

#[test]
fn the_article_compiles_with_no_error_and_one_near_duplicate() {
    let (wd, out) = compile_bundled();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = wd.report();
    let s = &report["summary"];
    assert_eq!(s["errors"], 0, "{}", stderr(&out));
    assert_eq!(s["warnings"], 1, "{}", stderr(&out));
    // Turkey's build-up over the month (a24c-012) includes the convoy of the 15-16th
    // (a24c-011), as its notes say: counted twice, rightly warned. The withdrawals from Anadan
    // and Haritan (a24c-007, a24c-008) share actors, code, dates and quote, but not the town.
    let near = issues_with_rule(&report, "near-duplicate-event");
    assert_eq!(near.len(), 1);
    assert_eq!(near[0]["event_id"], "a24c-012");
    let message = near[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("perhaps the same event as `a24c-011` (raw/events/article.csv:12)"),
        "{message}"
    );
    assert_eq!(s["records_rejected"], 0);
    assert!(
        s["events_written"].as_u64().unwrap() >= 30,
        "a few dozen events"
    );
    // The second coder's records are set aside for agreement, never counted twice.
    let coder2 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("raw/events/coder2.csv"),
    )
    .unwrap();
    let second = coder2
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count() as u64;
    assert!(second >= 30, "a second coding of a few dozen events");
    assert_eq!(s["records_set_aside"], second);
    assert_eq!(
        s["records_read"].as_u64().unwrap(),
        s["events_written"].as_u64().unwrap() + second
    );
}

#[test]
fn every_actor_and_place_resolves_through_the_dictionary_and_gazetteer() {
    let (wd, _) = compile_bundled();
    for e in wd.csv_rows("out/events.csv") {
        let id = &e["event_id"];
        // A name resolved through the dictionary carries the dictionary's canonical name, not
        // the labels of its code's blocks (which contain " / ").
        assert!(
            !e["source_text"].is_empty(),
            "{id}: source written as a name"
        );
        assert!(
            !e["source_name"].contains(" / "),
            "{id}: source `{}` not from the dictionary",
            e["source_text"]
        );
        if !e["target_text"].is_empty() {
            assert!(
                !e["target_name"].contains(" / "),
                "{id}: target `{}` not from the dictionary",
                e["target_text"]
            );
        }
        if !e["location_text"].is_empty() {
            assert!(
                !e["place_name"].is_empty(),
                "{id}: place `{}` unresolved",
                e["location_text"]
            );
            let lat: f64 = e["latitude"].parse().unwrap();
            let lon: f64 = e["longitude"].parse().unwrap();
            assert!(
                (30.0..60.0).contains(&lat) && (-80.0..45.0).contains(&lon),
                "{id}: {lat},{lon}"
            );
        }
        assert!(!e["quote"].is_empty(), "{id}: quote verified");
    }
}

#[test]
fn dates_keep_their_precision() {
    let (wd, _) = compile_bundled();
    let events: HashMap<String, HashMap<String, String>> = wd
        .csv_rows("out/events.csv")
        .into_iter()
        .map(|e| (e["event_id"].clone(), e))
        .collect();
    let span = |id: &str| {
        let e = &events[id];
        (
            e["event_date"].as_str(),
            e["event_date_end"].as_str(),
            e["date_precision"].as_str(),
        )
    };
    let expected = [
        (
            "a24c-001",
            "dimanche 16 février 2020",
            ("2020-02-16", "2020-02-16", "day"),
        ),
        (
            "a24c-002",
            "en deux semaines",
            ("2020-02-03", "2020-02-16", "range"),
        ),
        ("a24c-015", "la veille", ("2020-02-15", "2020-02-15", "day")),
        (
            "a24c-022",
            "quelques jours avant",
            ("2020-02-09", "2020-02-15", "range"),
        ),
        (
            "a24c-030",
            "ce week-end",
            ("2020-02-15", "2020-02-16", "range"),
        ),
    ];
    for (id, written, want) in expected {
        assert_eq!(span(id), want, "{id}: {written}");
    }
    for (id, e) in &events {
        assert!(e["event_date"] <= e["event_date_end"], "{id}");
        assert!(
            e["event_date"].as_str() >= "2020-02-01"
                && e["event_date_end"].as_str() <= "2020-02-16",
            "{id}: within the article's time"
        );
        if e["date_precision"] == "day" {
            assert_eq!(e["event_date"], e["event_date_end"], "{id}");
        }
    }
}

#[test]
fn the_readme_gives_the_agreement_of_the_two_bundled_codings_as_agree_reports_it() {
    let wd = Workdir::new("article-agree");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = wd.run(&[
        "agree",
        root.join("raw").to_str().unwrap(),
        "--schema",
        root.join("schema").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The report up to the kappa table: counts, agreement and alpha per field, kappa.
    let text = stdout(&out);
    let report = text.split("\n\ndisagreements").next().unwrap();
    assert!(report.contains("Cohen's kappa"), "{text}");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(report),
        "README's agreement block differs from `eventc agree raw`:\n{report}"
    );
}
