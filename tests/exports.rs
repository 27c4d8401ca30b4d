//! `compile --profile gdelt|icews`: the events in GDELT 1.0 and ICEWS layouts, beside the
//! usual outputs and in the same output set.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::*;
use eventc::write::{gdelt, icews};

fn bundled_compile(wd: &Workdir, profiles: &[&str]) {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("raw");
    let mut args = vec!["compile", raw.to_str().unwrap(), "--quiet"];
    args.extend(profiles);
    let out = wd.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn reference(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        println!("skipped: {} not present", p.display());
        None
    }
}

/// Rows of a tab-separated file, keyed by the given column names.
fn tsv(text: &str, columns: &[&str]) -> Vec<HashMap<String, String>> {
    text.lines()
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), columns.len(), "{l}");
            columns
                .iter()
                .zip(cells)
                .map(|(c, v)| (c.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn gdelt_profile_writes_the_58_columns_split_from_our_codes() {
    let wd = Workdir::new("export-gdelt");
    bundled_compile(&wd, &["--profile", "gdelt"]);
    assert!(!wd.path("out/events.icews.tab").exists());
    let events = wd.csv_rows("out/events.csv");
    let rows = tsv(&wd.read("out/events.gdelt.tsv"), &gdelt::COLUMNS);
    assert_eq!(rows.len(), events.len());
    // a24c-001: SYRMIL occupies territory (192) against SYRREB in the province of Aleppo.
    let r = &rows[0];
    let want = [
        ("GLOBALEVENTID", "1"),
        ("SQLDATE", "20200216"),
        ("MonthYear", "202002"),
        ("Year", "2020"),
        ("FractionDate", "2020.1260"),
        ("Actor1Code", "SYRMIL"),
        ("Actor1CountryCode", "SYR"),
        ("Actor1Type1Code", "MIL"),
        ("Actor2Code", "SYRREB"),
        ("Actor2Type1Code", "REB"),
        ("EventCode", "192"),
        ("EventBaseCode", "192"),
        ("EventRootCode", "19"),
        ("QuadClass", "4"),
        ("GoldsteinScale", "-9.5"),
        ("Actor1Geo_Type", "0"),
        ("ActionGeo_Type", "5"),
        ("ActionGeo_FullName", "Aleppo Governorate, Syria"),
        ("ActionGeo_CountryCode", "SY"),
        ("ActionGeo_Lat", "36.2"),
        ("ActionGeo_Long", "37.5"),
        ("DATEADDED", ""), // the bundled article is dated to the month only
    ];
    for (col, v) in want {
        assert_eq!(r[col], v, "{col}");
    }
    // Every row's codes and Goldstein value are the dataset's.
    for (g, e) in rows.iter().zip(&events) {
        assert_eq!(g["EventCode"], e["event_code"]);
        assert_eq!(g["Actor1Code"], e["source_code"]);
        assert_eq!(g["Actor2Code"], e["target_code"]);
        let (a, b): (f64, f64) = (
            g["GoldsteinScale"].parse().unwrap(),
            e["goldstein"].parse().unwrap(),
        );
        assert_eq!(a, b);
        assert!(
            g["GoldsteinScale"].contains('.'),
            "GDELT writes a decimal point"
        );
    }
    // A city: name, first-level division, country, as GDELT writes it.
    let anadan = rows
        .iter()
        .find(|r| r["ActionGeo_FullName"].starts_with("Anadan"))
        .unwrap();
    assert_eq!(anadan["ActionGeo_FullName"], "Anadan, Aleppo, Syria");
    assert_eq!(anadan["ActionGeo_Type"], "4");
}

#[test]
fn the_gdelt_layout_has_the_columns_of_a_real_export() {
    let Some(sample) = reference("samples/20141124.export.CSV") else {
        return;
    };
    let rows = tsv(&std::fs::read_to_string(sample).unwrap(), &gdelt::COLUMNS);
    assert_eq!(rows.len(), 100);
    // Our column order puts GDELT's own values where we put ours.
    assert!(rows.iter().all(|r| r["SQLDATE"].len() == 8
        && r["EventRootCode"].len() == 2
        && r["SOURCEURL"].starts_with("http")));
}

#[test]
fn icews_profile_writes_the_20_columns_with_na() {
    let wd = Workdir::new("export-icews");
    bundled_compile(&wd, &["--profile", "icews,gdelt"]);
    assert!(wd.path("out/events.gdelt.tsv").exists());
    let text = wd.read("out/events.icews.tab");
    let (header, body) = text.split_once('\n').unwrap();
    assert_eq!(header, icews::COLUMNS.join("\t"));
    if let Some(sample) = reference("samples/events.2018.sample.tab") {
        let real = std::fs::read_to_string(sample).unwrap();
        assert_eq!(real.lines().next().unwrap(), header, "ICEWS's own header");
    }
    let rows = tsv(body, &icews::COLUMNS);
    let r = &rows[0];
    let want = [
        ("Event ID", "a24c-001"),
        ("Event Date", "2020-02-16"),
        ("Source Sectors", "Military"),
        ("Source Country", "Syria"),
        ("Event Text", "Occupy territory"),
        ("CAMEO Code", "192"),
        ("Intensity", "-9.5"),
        ("Target Sectors", "Rebels"),
        ("Story ID", "000_a24c5228d2048ced"),
        ("Sentence Number", "NA"),
        ("City", "NA"),
        ("Province", "Aleppo Governorate"),
        ("Country", "Syria"),
        ("Latitude", "36.2"),
    ];
    for (col, v) in want {
        assert_eq!(r[col], v, "{col}");
    }
    // No cell is ever empty: ICEWS writes NA.
    assert!(rows.iter().all(|r| r.values().all(|v| !v.is_empty())));
}

#[test]
fn a_tab_in_a_source_does_not_shift_the_columns() {
    let wd = Workdir::new("export-tab");
    wd.write(
        "raw/documents/documents.csv",
        &format!("doc_id,published,reference_date,language,title,source\n{DOC_ID},2020-02-16,2020-02-16,fr,Test,\"Agence\tX\"\n"),
    );
    wd.write(
        "raw/events/a.csv",
        &format!("{HEADER}\ne1,{DOC_ID},2020-02-16,,SYRMIL,192,,,Anadan,\"l’armée syrienne a pris la ville d’Anadan\",coder1,\n"),
    );
    let out = wd.run(&["compile", "--profile", "gdelt", "--profile", "icews"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = tsv(&wd.read("out/events.gdelt.tsv"), &gdelt::COLUMNS);
    assert_eq!(g[0]["SOURCEURL"], "Agence X");
    assert_eq!(g[0]["DATEADDED"], "20200216");
    let icews = wd.read("out/events.icews.tab");
    let i = tsv(icews.split_once('\n').unwrap().1, &icews::COLUMNS);
    assert_eq!(i[0]["Publisher"], "Agence X");
}

#[test]
fn a_run_without_the_profile_leaves_no_link_to_the_export() {
    let wd = Workdir::new("export-dropped");
    bundled_compile(&wd, &["--profile", "gdelt"]);
    assert!(wd.path("out/events.gdelt.tsv").is_file());
    bundled_compile(&wd, &[]);
    assert!(std::fs::symlink_metadata(wd.path("out/events.gdelt.tsv")).is_err());
    assert!(wd.path("out/events.csv").is_file());
}
