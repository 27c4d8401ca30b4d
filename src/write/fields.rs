//! What each column of the outputs means and may hold, as Frictionless Table Schema fields for
//! `datapackage.json`.
//!
//! Names, types and `required` come from the dataset's column list (`event::arrow_schema`), so
//! a column added there is described with no change here; this table adds, by column name, the
//! description and the constraints of closed sets and ranges. A column missing from it still
//! gets its type and `required`, and a test names it.

use serde_json::{json, Map, Value};

use crate::event::{arrow_schema, table_schema_types};
use crate::normalize::dates::Precision;
use crate::rules::RULES;

/// Description and extra constraints of one column.
struct About {
    name: &'static str,
    description: &'static str,
    constraints: fn() -> Value,
}

const NONE: fn() -> Value = || json!({});
const COUNTRY: fn() -> Value = || json!({"pattern": "[A-Z]{3}"});

#[rustfmt::skip]
const EVENT_COLUMNS: &[About] = &[
    About { name: "event_id", description: "The record's id: as the coder wrote it, or derived from its content when blank.", constraints: || json!({"unique": true}) },
    About { name: "doc_id", description: "Source document: documents/<doc_id>.txt in the raw folder.", constraints: NONE },
    About { name: "event_date", description: "First day the event may have happened.", constraints: NONE },
    About { name: "event_date_end", description: "Last day the event may have happened; equal to event_date for a day-precise date.", constraints: NONE },
    About { name: "date_precision", description: "How precise the date is: day, week, part-month (a third of a month), month, quarter, season (meteorological), year or range.", constraints: || json!({"enum": Precision::ALL.map(Precision::as_str)}) },
    About { name: "event_time", description: "Time of day when the date gave one, ISO 8601 in the date's own offset.", constraints: || json!({"pattern": r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"}) },
    About { name: "source_text", description: "Source actor as the coder wrote it, byte for byte.", constraints: NONE },
    About { name: "source_code", description: "Source actor's CAMEO code.", constraints: NONE },
    About { name: "source_name", description: "Source actor's name in the dictionary, or the code's block labels.", constraints: NONE },
    About { name: "source_country", description: "Country of the source actor's code (ISO 3166-1 alpha-3 or CAMEO region).", constraints: COUNTRY },
    About { name: "source_roles", description: "Role blocks of the source actor's code, space-separated (GOV, MIL, GOV MED).", constraints: NONE },
    About { name: "target_text", description: "Target actor as the coder wrote it, byte for byte.", constraints: NONE },
    About { name: "target_code", description: "Target actor's CAMEO code.", constraints: NONE },
    About { name: "target_name", description: "Target actor's name in the dictionary, or the code's block labels.", constraints: NONE },
    About { name: "target_country", description: "Country of the target actor's code (ISO 3166-1 alpha-3 or CAMEO region).", constraints: COUNTRY },
    About { name: "target_roles", description: "Role blocks of the target actor's code, space-separated.", constraints: NONE },
    About { name: "event_code", description: "CAMEO event code with its leading zeros, such as 042.", constraints: || json!({"pattern": "[0-9]{2,4}"}) },
    About { name: "event_base_code", description: "The event code's first three characters (the root for a two-digit code).", constraints: || json!({"pattern": "[0-9]{2,3}"}) },
    About { name: "event_root_code", description: "The event code's first two characters: its CAMEO root, 01 to 20.", constraints: || json!({"enum": (1..=20).map(|r| format!("{r:02}")).collect::<Vec<_>>()}) },
    About { name: "event_label", description: "The CAMEO codebook's label of the event code.", constraints: NONE },
    About { name: "quad_class", description: "1 verbal cooperation (roots 01-05), 2 material cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).", constraints: || json!({"enum": [1, 2, 3, 4]}) },
    About { name: "goldstein", description: "Goldstein scale value of the event code, from -10 (most conflictual) to 10.", constraints: || json!({"minimum": -10, "maximum": 10}) },
    About { name: "plover_event", description: "PLOVER event category of the CAMEO code.", constraints: NONE },
    About { name: "plover_mode", description: "PLOVER mode of the CAMEO code, where it has one.", constraints: NONE },
    About { name: "location_text", description: "Location as the coder wrote it.", constraints: NONE },
    About { name: "place_name", description: "The gazetteer's name of the place.", constraints: NONE },
    About { name: "place_country", description: "The place's country, ISO 3166-1 alpha-3.", constraints: COUNTRY },
    About { name: "admin1", description: "The place's first-level administrative division, from the gazetteer.", constraints: NONE },
    About { name: "geonames_id", description: "GeoNames id of the place, as text.", constraints: NONE },
    About { name: "latitude", description: "Latitude of the place, WGS84 degrees.", constraints: || json!({"minimum": -90, "maximum": 90}) },
    About { name: "longitude", description: "Longitude of the place, WGS84 degrees.", constraints: || json!({"minimum": -180, "maximum": 180}) },
    About { name: "quote", description: "The document's own text of the passage that proves the coding.", constraints: NONE },
    About { name: "quote_start", description: "Code-point offset where the quote starts in the document: text[quote_start:quote_end] == quote.", constraints: || json!({"minimum": 0}) },
    About { name: "quote_end", description: "Code-point offset where the quote ends in the document.", constraints: || json!({"minimum": 0}) },
    About { name: "coder", description: "Who coded the record, as written.", constraints: NONE },
    About { name: "notes", description: "The coder's notes, as written.", constraints: NONE },
    About { name: "input_file", description: "The record's file, relative to the raw folder's parent.", constraints: NONE },
    About { name: "input_line", description: "Line where the record starts in its file (the CSV header is line 1).", constraints: || json!({"minimum": 1}) },
];

/// The Table Schema fields of `events.csv` (and `secondary_codings.csv`, `events.parquet`).
pub fn event_fields() -> Vec<Value> {
    let schema = arrow_schema();
    table_schema_types()
        .into_iter()
        .zip(schema.fields())
        .map(|((name, ty), arrow)| {
            let about = EVENT_COLUMNS.iter().find(|a| a.name == name);
            let mut constraints = about.map_or_else(NONE, |a| (a.constraints)());
            if !arrow.is_nullable() {
                constraints["required"] = json!(true);
            }
            field(name, ty, about.map(|a| a.description), constraints)
        })
        .collect()
}

/// The Table Schema fields of `validation_issues.csv`: its severities and rule ids are closed
/// sets, taken from the rule catalogue.
pub fn issue_fields() -> Vec<Value> {
    let rules: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let required = || json!({"required": true});
    vec![
        field("severity", "string", Some("error or warning."), json!({"required": true, "enum": ["error", "warning"]})),
        field("rule", "string", Some("The rule broken; `eventc explain RULE` says what it checks."), json!({"required": true, "enum": rules})),
        field("file", "string", Some("The file where the issue is."), required()),
        field("line", "integer", Some("Line where the record starts (the CSV header is line 1); empty for a file's issue."), json!({"minimum": 1})),
        field("event_id", "string", Some("The record's id, when it has one."), json!({})),
        field("field", "string", Some("The field at fault."), json!({})),
        field("value", "string", Some("The value at fault, as written."), json!({})),
        field("message", "string", Some("What is wrong."), required()),
        field("help", "string", Some("How to fix it; several hints are joined by ` | `."), json!({})),
    ]
}

fn field(name: &str, ty: &str, description: Option<&str>, constraints: Value) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), json!(name));
    f.insert("type".into(), json!(ty));
    if let Some(d) = description {
        f.insert("description".into(), json!(d));
    }
    if constraints.as_object().is_some_and(|c| !c.is_empty()) {
        f.insert("constraints".into(), constraints);
    }
    Value::Object(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_described() {
        let missing: Vec<String> = event_fields()
            .iter()
            .filter(|f| f.get("description").is_none())
            .map(|f| f["name"].to_string())
            .collect();
        assert!(missing.is_empty(), "add to EVENT_COLUMNS: {missing:?}");
    }

    #[test]
    fn required_follows_the_columns_nullability() {
        let fields = event_fields();
        let get = |n: &str| fields.iter().find(|f| f["name"] == n).unwrap().clone();
        assert_eq!(get("event_code")["constraints"]["required"], true);
        assert_eq!(get("quad_class")["constraints"]["required"], true);
        assert!(get("target_code")["constraints"].get("required").is_none());
        assert_eq!(
            get("date_precision")["constraints"]["enum"][2],
            "part-month"
        );
    }
}
