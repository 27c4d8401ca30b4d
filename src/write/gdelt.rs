//! `events.gdelt.tsv` (`compile --profile gdelt`): the events in the 58 columns of the GDELT 1.0
//! event table, tab-separated and without a header, as GDELT ships its daily files, so that a
//! reader of GDELT reads them unchanged. What each column holds is in `docs/exports.md`.
//!
//! Also here: what the GDELT and ICEWS layouts need beyond the event, shared with `icews.rs`
//! (the document's publication day and source, country names, a place's kind).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::{RunEnd, Sink};
use crate::codebook::actor_code::BlockKind;
use crate::codebook::Codebook;
use crate::error::Error;
use crate::event::Event;
use crate::normalize::dates::parse_partial_iso;

/// The GDELT 1.0 event table's columns, in order.
pub const COLUMNS: [&str; 58] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Per document, its publication day (when `documents.csv` gives a whole day) and its
/// `source`. Read once when an export is asked for: about 60 bytes and the source's length a
/// document, the only per-document state the exports keep.
#[derive(Default)]
pub struct DocSources(HashMap<String, (Option<NaiveDate>, String)>);

impl DocSources {
    pub fn load(raw_dir: &Path) -> Result<Self, Error> {
        let path = raw_dir.join("documents/documents.csv");
        let mut out = DocSources::default();
        if !path.exists() {
            return Ok(out);
        }
        let label = path.display().to_string();
        let mut r = csv::Reader::from_path(&path).map_err(|e| Error::input(&label, None, e))?;
        let headers = r.headers().map_err(|e| Error::input(&label, None, e))?;
        let col = |n: &str| headers.iter().position(|h| crate::read::strip_bom(h) == n);
        let (id, published, source) = (col("doc_id"), col("published"), col("source"));
        // Malformed rows are reported by the documents reader; here they only lack a source.
        for row in r.records().flatten() {
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("").trim();
            let day = parse_partial_iso(get(published))
                .filter(|s| s.start == s.end)
                .map(|s| s.start);
            out.0
                .insert(get(id).to_string(), (day, get(source).to_string()));
        }
        Ok(out)
    }

    pub fn published(&self, doc_id: &str) -> Option<NaiveDate> {
        self.0.get(doc_id).and_then(|d| d.0)
    }

    pub fn source(&self, doc_id: &str) -> &str {
        self.0.get(doc_id).map_or("", |d| d.1.as_str())
    }
}

/// A country's name from the actor code blocks (`SYR` → `Syria`), or the code itself.
pub fn country_name<'a>(cb: &'a Codebook, code: &'a str) -> &'a str {
    match cb.blocks.kinds(code).contains(&BlockKind::Country) {
        true => cb.blocks.label(code).unwrap_or(code),
        false => code,
    }
}

/// A TSV cell: the layouts have no quoting, so tabs and line breaks become spaces.
pub fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

/// A number as GDELT writes it: always with a decimal point (`-2.0`, `3.4`).
pub fn decimal(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

pub struct GdeltOut {
    w: BufWriter<File>,
    cb: Arc<Codebook>,
    docs: Arc<DocSources>,
    rows: u64,
}

impl GdeltOut {
    pub fn new(file: File, cb: Arc<Codebook>, docs: Arc<DocSources>) -> Result<Self, Error> {
        Ok(GdeltOut {
            w: BufWriter::with_capacity(1 << 20, file),
            cb,
            docs,
            rows: 0,
        })
    }

    /// Actor columns: code, name, country, known group, ethnic, two religions, three types.
    fn actor(&self, code: Option<&str>, name: Option<&str>, country: Option<&str>) -> [String; 10] {
        let mut out: [String; 10] = Default::default();
        let Some(code) = code else {
            return out;
        };
        out[0] = code.to_string();
        out[1] = cell(name.unwrap_or("")).into_owned();
        out[2] = country.unwrap_or("").to_string();
        if let Ok(parsed) = self.cb.blocks.parse(code) {
            let (mut religions, mut types) = (5, 7);
            for b in &parsed.blocks {
                match b.kind {
                    BlockKind::Organisation if out[3].is_empty() => out[3] = b.code().into(),
                    BlockKind::Religion if religions < 7 => {
                        out[religions] = b.code().into();
                        religions += 1;
                    }
                    BlockKind::International
                    | BlockKind::PrimaryRole
                    | BlockKind::SecondaryRole
                    | BlockKind::TertiaryRole
                    | BlockKind::Party
                        if types < 10 =>
                    {
                        out[types] = b.code().into();
                        types += 1;
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// ActionGeo columns: type, full name, FIPS country, ADM1, latitude, longitude, feature.
    fn place(&self, e: &Event) -> [String; 7] {
        let mut out: [String; 7] = Default::default();
        out[0] = "0".into();
        let (Some(name), Some(country)) = (e.place_name.as_deref(), e.place_country.as_deref())
        else {
            return out;
        };
        let kind = self.cb.places.resolve(name).map_or("", |p| p.kind.as_str());
        let us = country == "USA";
        out[0] = match kind {
            "country" => "1",
            "province" if us => "2",
            "province" => "5",
            _ if us => "3",
            _ => "4",
        }
        .into();
        let country_name = country_name(&self.cb, country);
        let mut parts = vec![];
        if kind != "country" {
            parts.push(name);
        }
        // As GDELT writes a city: `Aleppo, Aleppo, Syria`; a province is its own division.
        if !matches!(kind, "country" | "province") {
            parts.extend(e.admin1.as_deref());
        }
        parts.push(country_name);
        out[1] = cell(&parts.join(", ")).into_owned();
        let fips = self.cb.fips.get(country).map_or("", String::as_str);
        out[2] = fips.into();
        // GDELT's ADM1 codes are FIPS division codes, which the gazetteer does not hold; a
        // country's ADM1 is the country itself.
        if kind == "country" {
            out[3] = fips.into();
        }
        out[4] = e.latitude.map(|v| v.to_string()).unwrap_or_default();
        out[5] = e.longitude.map(|v| v.to_string()).unwrap_or_default();
        out
    }
}

impl Sink for GdeltOut {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        self.rows += 1;
        let d = e.event_date;
        let mut row: Vec<String> = Vec::with_capacity(58);
        row.push(self.rows.to_string());
        row.push(d.format("%Y%m%d").to_string());
        row.push(d.format("%Y%m").to_string());
        row.push(d.year().to_string());
        // GDELT's own approximation: a year of twelve 30-day months over 365.
        let fraction = d.year() as f64 + (d.month0() as f64 * 30.0 + d.day() as f64) / 365.0;
        row.push(format!("{fraction:.4}"));
        row.extend(self.actor(
            Some(&e.source_code),
            Some(&e.source_name),
            e.source_country.as_deref(),
        ));
        row.extend(self.actor(
            e.target_code.as_deref(),
            e.target_name.as_deref(),
            e.target_country.as_deref(),
        ));
        row.push("0".into()); // IsRootEvent: where the sentence stands is not recorded
        row.push(e.event_code.clone());
        row.push(e.event_base_code.clone());
        row.push(e.event_root_code.clone());
        row.push(e.quad_class.to_string());
        row.push(decimal(e.goldstein));
        // One coded mention in one document; no tone is computed.
        row.extend(["1", "1", "1", ""].map(String::from));
        for _ in 0..2 {
            row.push("0".into());
            row.extend(std::iter::repeat_n(String::new(), 6));
        }
        row.extend(self.place(e));
        row.push(
            self.docs
                .published(&e.doc_id)
                .map(|p| p.format("%Y%m%d").to_string())
                .unwrap_or_default(),
        );
        row.push(cell(self.docs.source(&e.doc_id)).into_owned());
        debug_assert_eq!(row.len(), COLUMNS.len());
        let line = row.join("\t");
        writeln!(self.w, "{line}").map_err(Error::io("write", "events.gdelt.tsv"))
    }

    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.w
            .flush()
            .map_err(Error::io("write", "events.gdelt.tsv"))
    }
}
