//! A row of a GDELT 1.0 event file (58 tab-separated columns, no header) as a record.

use super::{cell, doc_id, iso_day, From, Imported};
use crate::write::gdelt::COLUMNS;

pub(super) fn row(cells: &[&str]) -> Result<Imported, String> {
    if cells.len() != COLUMNS.len() {
        // 57 columns is the back-file before April 2013, 61 GDELT 2.0: other layouts.
        return Err(format!(
            "{} columns where GDELT 1.0 has {} (57 is the pre-2013 back-file, 61 GDELT 2.0)",
            cells.len(),
            COLUMNS.len()
        ));
    }
    let get = |name: &str| cell(&COLUMNS, cells, name);
    let url = get("SOURCEURL");
    let doc = doc_id(From::Gdelt, url);
    // The first part of the full name is the place itself (`Aleppo, Aleppo, Syria`); a
    // country's full name is the country.
    let location = get("ActionGeo_FullName")
        .split(',')
        .next()
        .unwrap_or("")
        .trim();
    let record = [
        format!("gdelt-{}", get("GLOBALEVENTID")),
        doc.clone(),
        iso_day(get("SQLDATE")),
        get("Actor1Name").to_string(),
        get("Actor1Code").to_string(),
        get("EventCode").to_string(),
        get("Actor2Name").to_string(),
        get("Actor2Code").to_string(),
        location.to_string(),
        String::new(),
        "gdelt".to_string(),
        String::new(),
    ];
    Ok(Imported {
        record,
        doc_id: doc,
        doc_text: format!("Events coded by GDELT from {url}"),
        published: iso_day(get("DATEADDED")),
        source: url.to_string(),
    })
}
