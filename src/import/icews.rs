//! A row of an ICEWS event file (20 tab-separated columns under a header, `NA` for missing)
//! as a record. ICEWS names actors in words; their CAMEO code is made from the country and
//! sectors (`super::ActorNames`).

use super::{cell, doc_id, ActorNames, From, Imported};
use crate::write::icews::COLUMNS;

pub(super) fn row(cells: &[&str], actors: &ActorNames) -> Result<Imported, String> {
    if cells.len() != COLUMNS.len() {
        return Err(format!(
            "{} columns where ICEWS has {}",
            cells.len(),
            COLUMNS.len()
        ));
    }
    let get = |name: &str| {
        // Dataverse's .tab files of 2015–2019 quote their strings.
        let v = cell(&COLUMNS, cells, name).trim_matches('"');
        if v == "NA" {
            ""
        } else {
            v
        }
    };
    let code = |side: &str| {
        actors
            .code(
                get(&format!("{side} Country")),
                get(&format!("{side} Sectors")),
            )
            .unwrap_or_default()
    };
    let story = get("Story ID");
    // The id names the document's file: a story id that is not a plain token is hashed.
    let plain = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let doc = match story {
        "" => doc_id(From::Icews, get("Event ID")),
        s if plain(s) => format!("icews-{s}"),
        s => doc_id(From::Icews, s),
    };
    // The finest place given; the gazetteer resolves it or says it does not know it.
    let location = ["City", "Province", "Country"]
        .into_iter()
        .map(get)
        .find(|v| !v.is_empty())
        .unwrap_or("");
    let target = get("Target Name");
    let record = [
        format!("icews-{}", get("Event ID")),
        doc.clone(),
        get("Event Date").to_string(),
        get("Source Name").to_string(),
        code("Source"),
        get("CAMEO Code").to_string(),
        target.to_string(),
        if target.is_empty() {
            String::new()
        } else {
            code("Target")
        },
        location.to_string(),
        String::new(),
        "icews".to_string(),
        String::new(),
    ];
    let publisher = get("Publisher");
    Ok(Imported {
        record,
        doc_id: doc,
        doc_text: format!("Events coded by ICEWS from story {story} ({publisher})"),
        published: String::new(),
        source: publisher.to_string(),
    })
}
