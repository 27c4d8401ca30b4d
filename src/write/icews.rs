//! `events.icews.tab` (`compile --profile icews`): the events in the 20 columns of the ICEWS
//! event files, tab-separated, with ICEWS's header and `NA` for what is missing. What each
//! column holds is in `docs/exports.md`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::sync::Arc;

use super::gdelt::{cell, country_name, DocSources};
use super::{RunEnd, Sink};
use crate::codebook::Codebook;
use crate::error::Error;
use crate::event::Event;

pub const COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

const NA: &str = "NA";

pub struct IcewsOut {
    w: BufWriter<File>,
    cb: Arc<Codebook>,
    docs: Arc<DocSources>,
}

impl IcewsOut {
    pub fn new(file: File, cb: Arc<Codebook>, docs: Arc<DocSources>) -> Result<Self, Error> {
        let mut w = BufWriter::with_capacity(1 << 20, file);
        writeln!(w, "{}", COLUMNS.join("\t")).map_err(Error::io("write", "events.icews.tab"))?;
        Ok(IcewsOut { w, cb, docs })
    }

    /// ICEWS sectors are words; ours are the labels of the code's role blocks (`Military`).
    fn sectors(&self, roles: Option<&str>) -> String {
        let labels: Vec<&str> = roles
            .unwrap_or("")
            .split_whitespace()
            .map(|r| self.cb.blocks.label(r).unwrap_or(r))
            .collect();
        if labels.is_empty() {
            NA.into()
        } else {
            labels.join(",")
        }
    }

    fn country(&self, code: Option<&str>) -> String {
        code.map_or(NA.into(), |c| country_name(&self.cb, c).to_string())
    }
}

fn or_na(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(s) if !s.is_empty() => cell(s).into_owned(),
        _ => NA.into(),
    }
}

impl Sink for IcewsOut {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        let kind = e
            .place_name
            .as_deref()
            .and_then(|n| self.cb.places.resolve(n))
            .map_or("", |p| p.kind.as_str());
        let (city, province) = match kind {
            "country" | "" => (None, None),
            "province" => (None, e.place_name.as_deref()),
            _ => (e.place_name.as_deref(), e.admin1.as_deref()),
        };
        let num = |v: Option<f64>| v.map_or(NA.into(), |v| v.to_string());
        let row = [
            or_na(Some(&e.event_id)),
            e.event_date.to_string(),
            or_na(Some(&e.source_name)),
            self.sectors(e.source_roles.as_deref()),
            self.country(e.source_country.as_deref()),
            or_na(Some(&e.event_label)),
            e.event_code.clone(),
            e.goldstein.to_string(),
            or_na(e.target_name.as_deref()),
            if e.target_code.is_some() {
                self.sectors(e.target_roles.as_deref())
            } else {
                NA.into()
            },
            self.country(e.target_country.as_deref()),
            or_na(Some(&e.doc_id)),
            NA.into(), // Sentence Number: the quote's sentence is not numbered
            or_na(Some(self.docs.source(&e.doc_id))),
            or_na(city),
            NA.into(), // District: the gazetteer has no second-level divisions
            or_na(province),
            self.country(e.place_country.as_deref()),
            num(e.latitude),
            num(e.longitude),
        ];
        writeln!(self.w, "{}", row.join("\t")).map_err(Error::io("write", "events.icews.tab"))
    }

    fn finish(mut self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        self.w
            .flush()
            .map_err(Error::io("write", "events.icews.tab"))
    }
}
