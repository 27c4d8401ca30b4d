//! Actor names to CAMEO codes, through the dictionary, on the event's date.

mod common;

use std::path::Path;

use common::*;

fn lookup(args: &[&str]) -> (Option<i32>, String) {
    let wd = Workdir::new("actors-lookup");
    let schema = schema_dir();
    let mut all = vec!["actors", "lookup"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--schema", schema.to_str().unwrap()]);
    let out = wd.run(&all);
    (out.status.code(), stdout(&out))
}

fn code_of(name: &str, date: &str) -> String {
    let (status, out) = lookup(&[name, "--date", date]);
    assert_eq!(status, Some(0), "{name} on {date}: {out}");
    out.split_whitespace().next().unwrap().to_string()
}

#[test]
fn spellings_diacritics_and_articles_meet() {
    for name in [
        "Bashar al-Assad",
        "Bachar al-Assad",
        "bachar al assad",
        "BASHAR AL-ASSAD",
    ] {
        assert_eq!(code_of(name, "2020-02-16"), "SYRGOV", "{name}");
    }
    for name in [
        "Recep Tayyip Erdoğan",
        "Recep Tayyip Erdogan",
        "Erdogan",
        "Erdoğan",
    ] {
        assert_eq!(code_of(name, "2020-02-16"), "TURGOV", "{name}");
    }
    for name in ["Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "M. Çavuşoğlu"] {
        assert_eq!(code_of(name, "2020-02-16"), "TURGOV", "{name}");
    }
    for name in [
        "les forces gouvernementales syriennes",
        "forces gouvernementales syriennes",
        "Les  forces gouvernementales, syriennes",
    ] {
        assert_eq!(code_of(name, "2020-02-16"), "SYRMIL", "{name}");
    }
    for name in [
        "des milices soutenues par l’Iran",
        "des milices soutenues par l'Iran",
    ] {
        assert_eq!(code_of(name, "2020-02-16"), "SYRUAF", "{name}");
    }
}

#[test]
fn metonyms_stand_for_governments() {
    assert_eq!(code_of("Ankara", "2020-02-16"), "TURGOV");
    assert_eq!(code_of("Moscou", "2020-02-16"), "RUSGOV");
    assert_eq!(code_of("Moscow", "2020-02-16"), "RUSGOV");
    assert_eq!(code_of("la Maison Blanche", "2020-02-16"), "USAGOV");
    assert_eq!(code_of("the White House", "2020-02-16"), "USAGOV");
}

#[test]
fn date_bounded_codes_change_on_the_boundary_day() {
    assert_eq!(code_of("Donald Trump", "2017-01-19"), "USAELI");
    assert_eq!(code_of("Donald Trump", "2017-01-20"), "USAGOV");
    assert_eq!(code_of("Bashar al-Assad", "2000-07-16"), "SYRELI");
    assert_eq!(code_of("Bashar al-Assad", "2000-07-17"), "SYRGOV");
    // Any date form works, and the output says which entry and interval decided it.
    let (_, out) = lookup(&["Bashar al-Assad", "--date", "16 février 2020"]);
    assert!(out.contains("2000-07-17 to 2024-12-07"), "{out}");
    assert!(
        out.contains("schema/actors.csv:") || out.contains("actors.csv:"),
        "{out}"
    );
}

#[test]
fn unknown_names_get_close_suggestions() {
    let (status, out) = lookup(&["Erdogn"]);
    assert_eq!(status, Some(1));
    assert!(out.contains("error[unknown-actor]"), "{out}");
    assert!(out.contains("Recep Tayyip Erdoğan"), "{out}");
    let (status, out) = lookup(&["Zzyzx Qwerty"]);
    assert_eq!(status, Some(1));
    assert!(
        !out.contains("closest names"),
        "no unrelated suggestions: {out}"
    );
}

const QUOTE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

fn compile_rows(name: &str, rows: &[String]) -> (Workdir, serde_json::Value, std::process::Output) {
    let wd = Workdir::new(name);
    let mut text = String::from(HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text.push('\n');
    wd.write("raw/events/a.csv", &text);
    let out = wd.compile();
    let report = wd.report();
    (wd, report, out)
}

fn named(id: &str, source: &str, source_code: &str, target: &str, target_code: &str) -> String {
    format!("{id},{DOC_ID},2020-02-16,{source},{source_code},0256,{target},{target_code},,\"{QUOTE}\",coder1,")
}

#[test]
fn records_resolve_names_and_check_codes() {
    let (wd, report, out) = compile_rows(
        "actors-records",
        &[
            named("a1", "la Turquie", "", "la Russie", ""),
            named("a2", "Ankara", "TURMIL", "Moscou", "RUSGOV"),
            named("a3", "Erdogn", "", "", ""),
            named("a4", "", "SYRXXX", "", ""),
            named("a5", "Inconnu Total", "TURGOV", "", ""),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let events = wd.csv_rows("out/events.csv");
    let by_id = |id: &str| {
        events
            .iter()
            .find(|e| e["event_id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    assert_eq!(
        (
            by_id("a1")["source_code"].as_str(),
            by_id("a1")["target_code"].as_str()
        ),
        ("TUR", "RUS")
    );
    assert_eq!(by_id("a1")["source_country"], "TUR");
    // The coder's code is kept when it disagrees, with a warning naming both.
    assert_eq!(by_id("a2")["source_code"], "TURMIL");
    let mismatch = issues_with_rule(&report, "actor-code-mismatch");
    assert_eq!(mismatch.len(), 1);
    let m = mismatch[0]["message"].as_str().unwrap();
    assert!(m.contains("TURGOV") && m.contains("TURMIL"), "{m}");
    // Unknown name without a code: rejected, with suggestions.
    let unknown = issues_with_rule(&report, "unknown-actor");
    let a3 = unknown.iter().find(|i| i["event_id"] == "a3").unwrap();
    assert_eq!(a3["severity"], "error");
    assert!(a3["help"]
        .as_str()
        .unwrap()
        .contains("Recep Tayyip Erdoğan"));
    // Unknown name with a valid code: kept, with a warning.
    let a5 = unknown.iter().find(|i| i["event_id"] == "a5").unwrap();
    assert_eq!(a5["severity"], "warning");
    assert_eq!(by_id("a5")["source_code"], "TURGOV");
    // An invalid code names the bad block.
    let bad = issues_with_rule(&report, "invalid-actor-code");
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0]["message"].as_str().unwrap().contains("XXX"),
        "{}",
        bad[0]["message"]
    );
    assert!(
        bad[0]["help"].as_str().unwrap().contains("MIL"),
        "{}",
        bad[0]["help"]
    );
    let rejected: Vec<String> = wd
        .csv_rows("out/rejected.csv")
        .into_iter()
        .map(|r| r["event_id"].clone())
        .collect();
    assert_eq!(rejected, ["a3", "a4"]);
}

#[test]
fn a_date_outside_every_interval_is_reported() {
    let wd = Workdir::new("actors-uncovered");
    let schema = wd.path("schema");
    copy_dir(&schema_dir(), &schema);
    std::fs::write(
        schema.join("actors.csv"),
        "name,aliases,code,from,to,kind,note\nJean Exemple,Exemple,FRAGOV,2019-01-01,2019-12-31,person,\n",
    )
    .unwrap();
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            named("u1", "Jean Exemple", "", "", ""),
            named("u2", "Exemple", "FRAELI", "", "")
        ),
    );
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(1));
    let report = wd.report();
    let issues = issues_with_rule(&report, "actor-date-uncovered");
    assert_eq!(issues.len(), 2);
    assert!(
        issues[0]["help"]
            .as_str()
            .unwrap()
            .contains("FRAGOV 2019-01-01 to 2019-12-31"),
        "{}",
        issues[0]["help"]
    );
    assert_eq!(issues[0]["severity"], "error", "no code to fall back on");
    assert_eq!(issues[1]["severity"], "warning", "the coder's code is used");
}

#[test]
fn dictionaries_are_linted_with_file_and_line() {
    let wd = Workdir::new("actors-check");
    wd.write(
        "dirty.actors",
        "# a dirty dictionary\nBARACK_OBAMA\n+PRESIDENT_OBAMA\n\t[USAELI 780101-000101]\n\t[USAGOV >090120]\nBAN_KI-MOON\n\t[KORGOVBUS 2004017-20061201]\n\t[IGOUNO >20070101]\nCOTE_D\u{FFFD}IVOIRE_ [CIV]\nSOMEONE\n\t[SYRXXX]\n",
    );
    let schema = schema_dir();
    let out = wd.run(&[
        "actors",
        "check",
        "dirty.actors",
        "--schema",
        schema.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "bad dates and codes are errors");
    let text = stdout(&out);
    assert!(text.contains("error[dict-bad-date]"), "{text}");
    assert!(
        text.contains("dirty.actors:7"),
        "the 7-digit date's line: {text}"
    );
    assert!(text.contains("warning[dict-replacement-char]"), "{text}");
    assert!(text.contains("error[dict-bad-code]"), "{text}");
    assert!(text.contains("warning[dict-gap]"), "{text}");
    assert!(text.contains("4 actors"), "{text}");
}

#[test]
fn the_public_phoenix_dictionaries_load_and_resolve() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/petrarch");
    if !dir.is_dir() {
        println!("skipped: no reference dictionaries at ../shared/reference/petrarch");
        return;
    }
    let wd = Workdir::new("actors-phoenix");
    let schema = wd.path("schema");
    copy_dir(&schema_dir(), &schema);
    std::fs::create_dir_all(schema.join("actors")).unwrap();
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
    ] {
        std::fs::copy(dir.join(f), schema.join("actors").join(f)).unwrap();
    }
    let code = |name: &str, date: &str| {
        let out = wd.run(&[
            "actors", "lookup", name, "--date", date, "--schema", "schema",
        ]);
        stdout(&out)
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(code("Barack Obama", "2010-06-01"), "USAGOV");
    assert_eq!(code("Barack Obama", "1990-06-01"), "USAELI");
    assert_eq!(code("United Nations", "2010-06-01"), "IGOUNO");
    assert_eq!(code("Ivo Josipovic", "2013-06-01"), "HRVGOV");
    // The project's own entries still win for the article's names.
    assert_eq!(code("Bachar al-Assad", "2020-02-16"), "SYRGOV");
    let out = wd.run(&[
        "actors",
        "check",
        "schema/actors/Phoenix.Countries.actors.txt",
        "--schema",
        "schema",
    ]);
    let text = stdout(&out);
    let count = |rule: &str| -> usize {
        text.lines()
            .find(|l| l.trim_end().ends_with(&format!(" {rule}")))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    assert!(count("dict-bad-date") >= 5, "{text}");
    assert!(count("dict-gap") > 1000, "{text}");
    assert!(count("dict-open-term") > 100, "{text}");
    assert!(text.contains("18353 actors"), "{text}");
}
