//! `eventc agree` on small codings of one document by two and three coders.

mod common;

use common::*;
use serde_json::Value;

const DOC: &str = "Dimanche 16 février, l’armée syrienne a pris la ville d’Anadan. La Turquie a exhorté la Russie à arrêter les attaques. Des avions russes ont bombardé des villes de la province d’Alep. Les rebelles ont abattu un hélicoptère syrien.\n";
const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";
const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";
const BOMB: &str = "Des avions russes ont bombardé des villes de la province d’Alep";
const DOWN: &str = "Les rebelles ont abattu un hélicoptère syrien";

/// A folder with the document `d2` and no records yet.
fn folder(name: &str) -> Workdir {
    let wd = Workdir::new(name);
    wd.write("raw/documents/d2.txt", DOC);
    wd.write(
        "raw/documents/documents.csv",
        "doc_id,published,reference_date,language,title,source\nd2,2020-02-16,2020-02-16,fr,Test,\n",
    );
    wd
}

/// A record of `d2`: id, coder, date, source (name or code), event code, target code, quote.
fn rec(
    id: &str,
    coder: &str,
    date: &str,
    source: &str,
    code: &str,
    target: &str,
    q: &str,
) -> String {
    let (name, src) = if source.chars().any(|c| c.is_lowercase()) {
        (source, "")
    } else {
        ("", source)
    };
    format!("{id},d2,{date},{name},{src},{code},,{target},,\"{q}\",{coder},\n")
}

fn file(rows: &[String]) -> String {
    format!("{HEADER}\n{}", rows.concat())
}

/// Ana and Ben code the same four sentences. They agree on the seizure (Ana names the army
/// and writes the date in words, Ben uses codes and ISO: the same once normalized), differ on
/// the appeal's code and the air strike's date; Ben's fourth record has a bad code, and he
/// did not code the helicopter. One record names no coder, and one is short of fields.
fn two_coders() -> Workdir {
    let wd = folder("agree-two");
    wd.write(
        "raw/events/ana.csv",
        &file(&[
            rec(
                "a1",
                "ana",
                "dimanche 16 février 2020",
                "l’armée syrienne",
                "192",
                "SYRREB",
                SEIZE,
            ),
            rec("a2", "ana", "2020-02-16", "TUR", "0256", "RUS", URGE),
            rec("a3", "ana", "2020-02-16", "RUSMIL", "195", "SYRREB", BOMB),
            rec("a4", "ana", "2020-02-16", "SYRREB", "190", "SYRMIL", DOWN),
        ]),
    );
    wd.write(
        "raw/events/ben.csv",
        &file(&[
            rec("b1", "ben", "2020-02-16", "SYRMIL", "192", "SYRREB", SEIZE),
            rec(
                "b2",
                "ben",
                "2020-02-16",
                "TUR",
                "1056",
                "RUS",
                "La Turquie a exhorté la Russie",
            ),
            rec(
                "b3",
                "ben",
                "2020-02-15/2020-02-16",
                "RUSMIL",
                "195",
                "SYRREB",
                "avions russes ont bombardé des villes",
            ),
            rec("b4", "ben", "2020-02-16", "SYRMIL", "42", "", SEIZE),
        ]),
    );
    wd.write(
        "raw/events/nobody.csv",
        &file(&[
            rec("n1", "", "2020-02-16", "SYRMIL", "192", "", SEIZE),
            "n2,d2,2020-02-16,,SYRMIL,192,,,,x,ben\n".into(),
        ]),
    );
    wd
}

/// `eventc agree --format json` against the schema folder `schema`.
fn json(wd: &Workdir, schema: &std::path::Path) -> Value {
    let schema = schema.to_str().unwrap();
    let out = wd.run(&["agree", "raw", "--schema", schema, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON on stdout")
}

fn field<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

#[test]
fn two_coders_agreement_by_field_computed_by_hand() {
    let wd = two_coders();
    let r = json(&wd, &schema_dir());
    assert_eq!(r["units"], 4);
    assert_eq!(r["shared_units"], 3);
    let coders: Vec<&Value> = r["coders"].as_array().unwrap().iter().collect();
    assert_eq!(coders[0]["coder"], "ana");
    assert_eq!(
        (&coders[0]["matched"], &coders[0]["unmatched"]),
        (&3.into(), &1.into())
    );
    assert_eq!(
        (&coders[1]["matched"], &coders[1]["not_aligned"]),
        (&3.into(), &1.into())
    );

    // Roots over the three shared units: (19, 19), (02, 10), (19, 19). Agreement 2/3; each
    // coder says 19 twice, so pe = 4/9 and kappa = (6/9 - 4/9) / (5/9) = 0.4; alpha: six
    // values (19 ×4, 02, 10), 2 disagreeing ordered pairs, 36 - 18 = 18: 1 - 5·2/18 = 4/9.
    let root = field(&r, "event_root_code");
    close(&root["agreement"], 2.0 / 3.0);
    close(&root["alpha"], 4.0 / 9.0);
    assert_eq!(
        root["pairs"][0]["coders"],
        serde_json::json!(["ana", "ben"])
    );
    assert_eq!(root["pairs"][0]["units"], 3);
    close(&root["pairs"][0]["kappa"], 0.4);
    // Quad classes follow the roots (4, 1 against 3, 4).
    close(&field(&r, "quad_class")["pairs"][0]["kappa"], 0.4);
    // Codes: (192, 192), (0256, 1056), (195, 195): pe = 2/9, kappa = (4/9) / (7/9) = 4/7;
    // alpha = 1 - 5·2/(36 - 10) = 8/13.
    let code = field(&r, "event_code");
    close(&code["pairs"][0]["kappa"], 4.0 / 7.0);
    close(&code["alpha"], 8.0 / 13.0);
    // The army by name and SYRMIL, the date in words and in ISO: the same values.
    close(&field(&r, "source_code")["alpha"], 1.0);
    close(&field(&r, "target_code")["pairs"][0]["kappa"], 1.0);
    // Dates: Ben's range differs once; ana always says the 16th, so pe = po: kappa 0.
    let date = field(&r, "date");
    close(&date["agreement"], 2.0 / 3.0);
    close(&date["pairs"][0]["kappa"], 0.0);
    close(&date["alpha"], 0.0);

    let matches = r["matches"].as_array().unwrap();
    let differ: Vec<&Value> = matches.iter().map(|m| &m["differ"]).collect();
    assert_eq!(
        differ,
        [
            &serde_json::json!([]),
            &serde_json::json!(["event_root_code", "event_code", "quad_class"]),
            &serde_json::json!(["date"]),
        ]
    );
    assert_eq!(matches[1]["records"][1]["event_id"], "b2");
    assert_eq!(r["unmatched"][0]["event_id"], "a4");
    assert_eq!(r["unmatched"][0]["file"], "raw/events/ana.csv");
    assert_eq!(r["unmatched"][0]["line"], 5);
    let not_aligned = r["not_aligned"].as_array().unwrap();
    assert_eq!(not_aligned.len(), 3);
    assert_eq!(not_aligned[0]["event_id"], "b4");
    assert_eq!(
        not_aligned[0]["rules"],
        serde_json::json!(["unknown-event-code"])
    );
    assert_eq!(not_aligned[1]["coder"], Value::Null);
    assert_eq!(not_aligned[1]["rules"], serde_json::json!([]));
    // A row short of fields: its `coder` column cannot be told, so it has none.
    assert_eq!(not_aligned[2]["coder"], Value::Null);
    assert_eq!(
        not_aligned[2]["rules"],
        serde_json::json!(["malformed-record"])
    );
}

#[test]
fn the_human_report_shows_tables_disagreements_and_unmatched_records() {
    let wd = two_coders();
    let out = wd.run(&["agree", "--schema", schema_dir().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "2 coders, 1 document: 7 records aligned in 4 units, 3 of them coded by two coders or more",
        "  ana  4 records: 3 matched, 1 unmatched",
        "  ben  4 records: 3 matched, 0 unmatched, 1 not aligned",
        "event_root_code      0.667     0.444",
        "date                 0.667     0.000",
        "ana–ben            3     0.400     0.571     0.400     1.000     1.000     0.000",
        "disagreements, in 2 of 3 shared units:",
        "    event_code       0256 | 1056",
        "    date             2020-02-16 | 2020-02-15/2020-02-16",
        "unmatched records:\n  ana a4 (raw/events/ana.csv:5)  d2 2020-02-16 SYRREB 190 SYRMIL",
        "  ben b4 (raw/events/ben.csv:5)  failed checking: unknown-event-code",
        "  (no coder) n1 (raw/events/nobody.csv:2)  no coder",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(
        !text.contains("NaN") && !text.contains("undefined"),
        "{text}"
    );
}

#[test]
fn three_coders_with_a_primary_one_and_undefined_statistics() {
    let wd = folder("agree-three");
    copy_dir(&schema_dir(), &wd.path("schema"));
    wd.write("schema/eventc.json", "{\"primary_coder\": \"cy\"}");
    let rows = [
        rec("a1", "ana", "2020-02-16", "SYRMIL", "192", "SYRREB", SEIZE),
        rec("a3", "ana", "2020-02-16", "RUSMIL", "195", "SYRREB", BOMB),
        rec("b1", "ben", "2020-02-16", "SYRMIL", "192", "SYRREB", SEIZE),
        rec(
            "b3",
            "ben",
            "2020-02-15/2020-02-16",
            "RUSMIL",
            "195",
            "SYRREB",
            BOMB,
        ),
        rec("c1", "cy", "2020-02-16", "SYRMIL", "190", "SYRREB", SEIZE),
        rec("c3", "cy", "2020-02-16", "RUSMIL", "195", "SYRREB", BOMB),
    ];
    wd.write("raw/events/all.csv", &file(&rows));
    let r = json(&wd, &wd.path("schema"));
    let names: Vec<&str> = r["coders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["coder"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cy", "ana", "ben"], "the primary coder first");
    assert_eq!(r["shared_units"], 2);
    assert_eq!(r["matches"][0]["records"].as_array().unwrap().len(), 3);
    // Every code is in root 19 and quad class 4: no variation, no statistic.
    let root = field(&r, "event_root_code");
    assert_eq!(root["alpha"], Value::Null);
    assert_eq!(root["pairs"][0]["kappa"], Value::Null);
    close(&root["agreement"], 1.0);
    // Codes: units (190, 192, 192) and (195 ×3): alpha = 1 - 5·(4/2)/(36 - 14) = 6/11.
    let code = field(&r, "event_code");
    close(&code["alpha"], 6.0 / 11.0);
    // Units (190, 192, 192): 1 agreeing pair of 3; (195 ×3): 3 of 3. Pairs of values agree
    // 4 times in 6.
    close(&code["agreement"], 4.0 / 6.0);
    let pairs: Vec<(&Value, &Value)> = code["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (&p["coders"], &p["kappa"]))
        .collect();
    assert_eq!(pairs.len(), 3);
    assert_eq!(pairs[0].0, &serde_json::json!(["cy", "ana"]));
    // cy–ana: (190, 192), (195, 195): po 1/2, pe 1/4, kappa 1/3; ana–ben: identical codes.
    close(pairs[0].1, 1.0 / 3.0);
    close(pairs[2].1, 1.0);

    let out = wd.run(&["agree", "--schema", "schema"]);
    let text = stdout(&out);
    assert!(
        text.contains("undefined: every value is the same category"),
        "{text}"
    );
    assert!(text.contains("cy–ana"), "{text}");
}

#[test]
fn nothing_to_compare_is_exit_1() {
    let wd = folder("agree-one");
    let schema = schema_dir();
    let schema = schema.to_str().unwrap();
    wd.write(
        "raw/events/ana.csv",
        &file(&[rec(
            "a1",
            "ana",
            "2020-02-16",
            "SYRMIL",
            "192",
            "SYRREB",
            SEIZE,
        )]),
    );
    let out = wd.run(&["agree", "--schema", schema]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing to compare: fewer than two coders"));
    assert!(stdout(&out).contains("undefined: no event coded by two coders"));
    // Ben coded another document: two coders, no event in common, no pair to show.
    let other = format!("b1,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"{SEIZE}\",ben,\n");
    wd.write("raw/events/ben.csv", &file(&[other]));
    let out = wd.run(&["agree", "--schema", schema, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no event was coded by two coders"));
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["documents"], 2);
    assert_eq!(r["unmatched"].as_array().unwrap().len(), 2);
    assert_eq!(field(&r, "event_code")["pairs"], serde_json::json!([]));
    assert_eq!(field(&r, "event_code")["alpha"], Value::Null);
    let missing = wd.run(&["agree", "nowhere", "--schema", schema]);
    assert_eq!(missing.status.code(), Some(2));
}
