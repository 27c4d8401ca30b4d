//! The CAMEO→PLOVER crosswalk: complete for our codebook, in agreement with the published 2021
//! table when it is at hand, and in the dataset.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;
use eventc::codebook::plover::{Crosswalk, CATEGORIES};

fn crosswalk() -> Crosswalk {
    Crosswalk::load(
        &schema_dir().join("plover/cameo_plover.csv"),
        "schema/plover/cameo_plover.csv",
    )
    .unwrap()
}

fn cameo_codes() -> Vec<String> {
    let mut r = csv::Reader::from_path(schema_dir().join("cameo/event_codes.csv")).unwrap();
    r.records().map(|rec| rec.unwrap()[0].to_string()).collect()
}

#[test]
fn every_cameo_code_has_a_row_and_only_statements_and_appeals_have_no_event() {
    let cw = crosswalk();
    let codes = cameo_codes();
    assert_eq!(codes.len(), 316);
    for code in &codes {
        assert!(cw.covers(code), "no crosswalk row for CAMEO {code}");
        let dropped = code.starts_with("01") || code.starts_with("02");
        assert_eq!(cw.get(code).is_none(), dropped, "CAMEO {code}");
    }
    // A few the published table settles, and the codes it lacks, mapped by us.
    let get = |c: &str| cw.get(c).map(|p| (p.event, p.mode));
    assert_eq!(get("042"), Some(("CONSULT", Some("visit"))));
    assert_eq!(get("0874"), Some(("RETREAT", Some("disarm"))));
    assert_eq!(get("192"), Some(("COERCE", Some("seize"))));
    assert_eq!(get("163"), Some(("COERCE", Some("restrict"))));
    assert_eq!(get("1952"), Some(("ASSAULT", Some("drone"))));
    assert_eq!(get("155"), Some(("MOBILIZE", None)));
}

/// `CODE: CATEGORY, mode, context # label` lines of the published table.
fn published(path: &Path) -> HashMap<String, Vec<(String, String)>> {
    let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let rest = rest.split('#').next().unwrap();
        let mut parts = rest.split(',').map(str::trim);
        let event = parts.next().unwrap_or("").to_string();
        let mode = parts.next().unwrap_or("").to_string();
        out.entry(code.to_string()).or_default().push((event, mode));
    }
    out
}

#[test]
fn the_crosswalk_agrees_with_the_published_2021_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/plover/CAMEO2PLOVER-2021.txt");
    if !path.exists() {
        println!("skipped: {} not present", path.display());
        return;
    }
    let table = published(&path);
    let cw = crosswalk();
    let mut compared = 0;
    for code in cameo_codes() {
        let Some(rows) = table.get(&code) else {
            // The table leaves out 01, 02 and the codes added late to CAMEO 1.1b3.
            continue;
        };
        let ours = cw.get(&code).expect("a published code maps");
        let matching: Vec<_> = rows.iter().filter(|(e, _)| e == ours.event).collect();
        assert!(
            !matching.is_empty(),
            "CAMEO {code}: ours {}, published {rows:?}",
            ours.event
        );
        // Our mode is the published one where PLOVER 2.0 has that mode for the category.
        let (_, mode) = matching[0];
        let modes = CATEGORIES.iter().find(|(c, _)| *c == ours.event).unwrap().1;
        let want = modes.contains(&mode.as_str()).then_some(mode.as_str());
        assert_eq!(ours.mode, want, "CAMEO {code}");
        compared += 1;
    }
    assert_eq!(compared, 316 - 44);
}

#[test]
fn events_carry_their_plover_event_and_mode() {
    let wd = Workdir::new("plover");
    wd.write(
        "raw/events/a.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            row(
                "e1",
                "2020-02-16",
                "SYRMIL",
                "192",
                "",
                "l’armée syrienne a pris la ville d’Anadan"
            ),
            row(
                "e2",
                "2020-02-16",
                "TURGOV",
                "010",
                "",
                "La Turquie a exhorté la Russie"
            ),
        ),
    );
    let out = wd.compile();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = wd.csv_rows("out/events.csv");
    assert_eq!(
        (
            rows[0]["plover_event"].as_str(),
            rows[0]["plover_mode"].as_str()
        ),
        ("COERCE", "seize")
    );
    assert_eq!(
        (
            rows[1]["plover_event"].as_str(),
            rows[1]["plover_mode"].as_str()
        ),
        ("", "")
    );
}

#[test]
fn a_category_outside_plover_is_a_schema_error_with_its_line() {
    let wd = Workdir::new("plover-bad");
    let schema = schema_copy(&wd);
    let path = schema.join("plover/cameo_plover.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("042,CONSULT,visit,", "042,CONSULTS,visit,");
    std::fs::write(&path, text).unwrap();
    wd.write("raw/events/a.csv", &format!("{HEADER}\n"));
    let out = wd.run(&["compile", "--schema", "schema"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cameo_plover.csv")
            && err.contains("`CONSULTS` is not a PLOVER event category"),
        "{err}"
    );
}
