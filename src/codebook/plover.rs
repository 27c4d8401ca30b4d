//! The CAMEO→PLOVER crosswalk (`schema/plover/cameo_plover.csv`): for each CAMEO event code,
//! its PLOVER event category and, where one fits, its mode.
//!
//! Columns: `cameo_code,plover_event,plover_mode,note`. An empty `plover_event` is a code PLOVER
//! leaves out (public statements, appeals). Categories and modes are checked against PLOVER 2.0,
//! so a typo in the table is a schema error rather than a new category in the dataset.

use std::collections::HashMap;
use std::path::Path;

use crate::Error;

/// PLOVER 2.0's event categories, each with its modes.
pub const CATEGORIES: &[(&str, &[&str])] = &[
    ("AGREE", &[]),
    (
        "CONSULT",
        &["visit", "third-party", "multilateral", "phone"],
    ),
    ("SUPPORT", &[]),
    ("CONCEDE", &[]),
    ("COOPERATE", &[]),
    ("AID", &[]),
    (
        "RETREAT",
        &[
            "withdraw",
            "release",
            "disarm",
            "ceasefire",
            "access",
            "resign",
        ],
    ),
    ("REQUEST", &["assist", "change", "yield", "meet"]),
    ("ACCUSE", &["disapprove", "investigate", "allege"]),
    ("REJECT", &["assist", "change", "yield", "meet"]),
    (
        "THREATEN",
        &[
            "restrict",
            "arrest",
            "relations",
            "expel",
            "territory",
            "violence",
        ],
    ),
    (
        "PROTEST",
        &[
            "demo",
            "riot",
            "strike",
            "hunger",
            "boycott",
            "obstruct",
            "vandalize",
        ],
    ),
    ("SANCTION", &["convict", "expel", "withdraw", "discontinue"]),
    ("MOBILIZE", &["troops", "weapons", "police", "militia"]),
    (
        "COERCE",
        &[
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
    ),
    (
        "ASSAULT",
        &[
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverCode {
    pub event: &'static str,
    pub mode: Option<&'static str>,
}

/// CAMEO code → PLOVER; `None` for a code PLOVER leaves out.
#[derive(Default)]
pub struct Crosswalk {
    codes: HashMap<String, Option<PloverCode>>,
}

#[derive(serde::Deserialize)]
struct Row {
    cameo_code: String,
    plover_event: String,
    plover_mode: String,
}

impl Crosswalk {
    pub fn load(path: &Path, label: &str) -> Result<Self, Error> {
        let file = std::fs::File::open(path).map_err(Error::io("read", label))?;
        let mut codes = HashMap::new();
        let mut reader = csv::Reader::from_reader(file);
        let header = reader
            .headers()
            .map_err(|e| Error::schema(label, Some(1), e))?;
        if let Some(m) = super::repeated_column(header) {
            return Err(Error::schema(label, Some(1), m));
        }
        for (i, row) in reader.deserialize::<Row>().enumerate() {
            let line = Some(i as u64 + 2);
            let row = row.map_err(|e| Error::schema(label, line, e))?;
            let entry = parse(row.plover_event.trim(), row.plover_mode.trim())
                .map_err(|m| Error::schema(label, line, m))?;
            let code = row.cameo_code.trim().to_string();
            if codes.insert(code.clone(), entry).is_some() {
                return Err(Error::schema(
                    label,
                    line,
                    format!("code {code} appears twice"),
                ));
            }
        }
        Ok(Crosswalk { codes })
    }

    /// The PLOVER event of a CAMEO code; `None` when PLOVER leaves the code out or the
    /// crosswalk has no row for it.
    pub fn get(&self, cameo: &str) -> Option<&PloverCode> {
        self.codes.get(cameo).and_then(Option::as_ref)
    }

    /// Whether the crosswalk has a row for the code, mapped or deliberately left out.
    pub fn covers(&self, cameo: &str) -> bool {
        self.codes.contains_key(cameo)
    }
}

fn parse(event: &str, mode: &str) -> Result<Option<PloverCode>, String> {
    if event.is_empty() {
        return match mode {
            "" => Ok(None),
            _ => Err(format!("mode `{mode}` without a PLOVER event")),
        };
    }
    let Some((event, modes)) = CATEGORIES.iter().find(|(c, _)| *c == event) else {
        return Err(format!("`{event}` is not a PLOVER event category"));
    };
    let mode = match mode {
        "" => None,
        m => Some(
            *modes
                .iter()
                .find(|x| **x == m)
                .ok_or_else(|| format!("`{m}` is not a mode of PLOVER {event}"))?,
        ),
    };
    Ok(Some(PloverCode { event, mode }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_modes_are_checked() {
        assert_eq!(
            parse("CONSULT", "visit").unwrap(),
            Some(PloverCode {
                event: "CONSULT",
                mode: Some("visit")
            })
        );
        assert_eq!(parse("", "").unwrap(), None);
        assert!(parse("DEMAND", "").unwrap_err().contains("not a PLOVER"));
        assert!(parse("ASSAULT", "visit").unwrap_err().contains("mode"));
        assert!(parse("", "visit").is_err());
    }
}
