//! Raw records: the defects eventc must catch, one record at a time, and how a record is
//! written as a CSV row or a JSON Lines line.

use std::collections::HashSet;

use super::rng::Rng;
use crate::text::name_key;

/// The columns of `schema/events.schema.json`, in its order.
pub const FIELDS: [&str; 13] = [
    "event_id",
    "doc_id",
    "date",
    "source",
    "source_code",
    "event_code",
    "target",
    "target_code",
    "location",
    "quote",
    "quote_occurrence",
    "coder",
    "notes",
];

pub const EVENT_ID: usize = 0;
pub const DOC_ID: usize = 1;
pub const DATE: usize = 2;
pub const SOURCE: usize = 3;
pub const SOURCE_CODE: usize = 4;
pub const EVENT_CODE: usize = 5;
pub const TARGET: usize = 6;
pub const TARGET_CODE: usize = 7;
pub const LOCATION: usize = 8;
pub const QUOTE: usize = 9;
pub const OCCURRENCE: usize = 10;
pub const CODER: usize = 11;
pub const NOTES: usize = 12;

/// One in this many records has a defect (1.6%); about two thirds of the defects are errors,
/// so about 1% of the records are rejected.
pub const DEFECT_EVERY: u64 = 64;
const DEFECT_AT: u64 = 37;

/// A deliberate mistake, named by the rule it should trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Defect {
    MalformedCsv,
    MalformedJson,
    NonString,
    MissingRequired,
    ConstraintViolation,
    DuplicateEventId,
    UnknownDocument,
    UnknownEventCode,
    InvalidActorCode,
    UnknownActor,
    ActorDateUncovered,
    InvalidDate,
    DateRangeReversed,
    RelativeDateUnanchored,
    QuoteNotFound,
    InvalidQuoteOccurrence,
    UnknownPlace,
    PlaceCountryMismatch,
    ActorCodeMismatch,
    WeekdayMismatch,
    QuoteCaseMismatch,
    QuoteAmbiguous,
    DuplicateRecord,
    UnknownField,
}

impl Defect {
    pub const ALL: [Defect; 24] = [
        Defect::MalformedCsv,
        Defect::UnknownEventCode,
        Defect::UnknownPlace,
        Defect::NonString,
        Defect::InvalidActorCode,
        Defect::ActorCodeMismatch,
        Defect::MissingRequired,
        Defect::UnknownActor,
        Defect::WeekdayMismatch,
        Defect::ConstraintViolation,
        Defect::ActorDateUncovered,
        Defect::QuoteCaseMismatch,
        Defect::DuplicateEventId,
        Defect::InvalidDate,
        Defect::QuoteAmbiguous,
        Defect::UnknownDocument,
        Defect::DateRangeReversed,
        Defect::DuplicateRecord,
        Defect::MalformedJson,
        Defect::RelativeDateUnanchored,
        Defect::PlaceCountryMismatch,
        Defect::QuoteNotFound,
        Defect::UnknownField,
        Defect::InvalidQuoteOccurrence,
    ];

    /// The rule of `eventc explain` this defect triggers.
    pub fn rule(self) -> &'static str {
        match self {
            Defect::MalformedCsv | Defect::MalformedJson => "malformed-record",
            Defect::NonString => "non-string-value",
            Defect::MissingRequired => "missing-required",
            Defect::ConstraintViolation => "constraint-violation",
            Defect::DuplicateEventId => "duplicate-event-id",
            Defect::UnknownDocument => "unknown-document",
            Defect::UnknownEventCode => "unknown-event-code",
            Defect::InvalidActorCode => "invalid-actor-code",
            Defect::UnknownActor => "unknown-actor",
            Defect::ActorDateUncovered => "actor-date-uncovered",
            Defect::InvalidDate => "invalid-date",
            Defect::DateRangeReversed => "date-range-reversed",
            Defect::RelativeDateUnanchored => "relative-date-unanchored",
            Defect::QuoteNotFound => "quote-not-found",
            Defect::InvalidQuoteOccurrence => "invalid-quote-occurrence",
            Defect::UnknownPlace => "unknown-place",
            Defect::PlaceCountryMismatch => "place-country-mismatch",
            Defect::ActorCodeMismatch => "actor-code-mismatch",
            Defect::WeekdayMismatch => "weekday-mismatch",
            Defect::QuoteCaseMismatch => "quote-case-mismatch",
            Defect::QuoteAmbiguous => "quote-ambiguous",
            Defect::DuplicateRecord => "duplicate-record",
            Defect::UnknownField => "unknown-field",
        }
    }

    /// JSON Lines (`Some(true)`) or CSV (`Some(false)`) when only one format can hold it.
    pub fn jsonl(self) -> Option<bool> {
        match self {
            Defect::MalformedJson | Defect::NonString | Defect::UnknownField => Some(true),
            Defect::MalformedCsv => Some(false),
            _ => None,
        }
    }

    /// Made from the record before it in the same document.
    pub fn needs_previous(self) -> bool {
        matches!(self, Defect::DuplicateEventId | Defect::DuplicateRecord)
    }
}

/// The defect of the record with global index `r`, if any: evenly spread, every kind in turn,
/// so that a few thousand records already hold each kind.
pub fn defect_at(r: u64) -> Option<Defect> {
    (r % DEFECT_EVERY == DEFECT_AT)
        .then(|| Defect::ALL[(r / DEFECT_EVERY) as usize % Defect::ALL.len()])
}

/// How a record is broken on the way to its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Whole,
    /// A CSV row with one field fewer than the header.
    MissingField,
    /// A JSON line cut before its closing brace.
    Cut,
    /// A JSON value written as a number.
    Number(usize),
    /// A JSON key the schema does not define.
    ExtraKey,
}

#[derive(Clone, Debug)]
pub struct Rec {
    pub f: [String; 13],
    pub shape: Shape,
    pub jsonl: bool,
}

impl Rec {
    pub fn write_csv(&self, w: &mut csv::Writer<Vec<u8>>) -> csv::Result<()> {
        match self.shape {
            Shape::MissingField => w.write_record(
                self.f
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != OCCURRENCE)
                    .map(|(_, v)| v),
            ),
            _ => w.write_record(&self.f),
        }
    }

    /// One JSON object on one line; empty fields are left out, as exporters do.
    pub fn write_jsonl(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        let mut first = true;
        for (i, (k, v)) in FIELDS.iter().zip(&self.f).enumerate() {
            if v.is_empty() {
                continue;
            }
            if !first {
                out.extend_from_slice(b", ");
            }
            first = false;
            out.push(b'"');
            out.extend_from_slice(k.as_bytes());
            out.extend_from_slice(b"\": ");
            let number = self.shape == Shape::Number(i) && v.bytes().all(|b| b.is_ascii_digit());
            if number {
                out.extend_from_slice(v.as_bytes());
            } else {
                // Serializing a &str into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *out, v);
            }
        }
        if self.shape == Shape::ExtraKey {
            out.extend_from_slice(b", \"confidence\": \"high\"");
        }
        if self.shape != Shape::Cut {
            out.push(b'}');
        }
        out.push(b'\n');
    }
}

/// A typo: one letter dropped, doubled or swapped with the next, that folds to no known name.
pub fn misspell(rng: &mut Rng, name: &str, known: &HashSet<String>) -> String {
    let chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (1..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    for _ in 0..20 {
        let Some(&at) = letters.get(rng.below(letters.len().max(1))) else {
            break;
        };
        let mut c = chars.clone();
        match rng.below(3) {
            0 => {
                c.remove(at);
            }
            1 => c.insert(at, chars[at]),
            _ if at + 1 < c.len() => c.swap(at, at + 1),
            _ => c.push('h'),
        }
        let s: String = c.into_iter().collect();
        let k = name_key(&s);
        if !k.is_empty() && !known.contains(&k) {
            return s;
        }
    }
    format!("{name} Zqx")
}

/// A quote with one word changed, as a coder retyping it might.
pub fn reworded(quote: &str) -> String {
    let words: Vec<&str> = quote.split(' ').collect();
    let long = words.iter().rposition(|w| w.chars().count() > 4);
    match long {
        Some(i) => {
            let mut w = words.clone();
            w.insert(i, "soudain");
            w.join(" ")
        }
        None => format!("{quote} soudain"),
    }
}

/// The first letter that has a case, in the other case.
pub fn case_flipped(quote: &str) -> String {
    let mut done = false;
    quote
        .chars()
        .flat_map(|c| {
            let flip = !done && (c.is_lowercase() || c.is_uppercase());
            done |= flip;
            let v: Vec<char> = match (flip, c.is_lowercase()) {
                (false, _) => vec![c],
                (true, true) => c.to_uppercase().collect(),
                (true, false) => c.to_lowercase().collect(),
            };
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_defect_comes_round_within_a_few_thousand_records() {
        let seen: HashSet<Defect> = (0..DEFECT_EVERY * Defect::ALL.len() as u64)
            .filter_map(defect_at)
            .collect();
        assert_eq!(seen.len(), Defect::ALL.len());
        for d in Defect::ALL {
            assert!(crate::rules::find(d.rule()).is_some(), "{}", d.rule());
        }
    }

    #[test]
    fn broken_shapes_are_broken_and_whole_ones_parse() {
        let mut rec = Rec {
            f: std::array::from_fn(|i| format!("v\"{i}")),
            shape: Shape::Whole,
            jsonl: true,
        };
        let line = |rec: &Rec| {
            let mut out = Vec::new();
            rec.write_jsonl(&mut out);
            String::from_utf8(out).unwrap()
        };
        let v: serde_json::Value = serde_json::from_str(&line(&rec)).unwrap();
        assert_eq!(v["quote"], "v\"9");
        rec.shape = Shape::Cut;
        assert!(serde_json::from_str::<serde_json::Value>(&line(&rec)).is_err());
        rec.f[EVENT_CODE] = "190".into();
        rec.shape = Shape::Number(EVENT_CODE);
        let v: serde_json::Value = serde_json::from_str(&line(&rec)).unwrap();
        assert_eq!(v["event_code"], 190);
        rec.shape = Shape::MissingField;
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        rec.write_csv(&mut w).unwrap();
        let bytes = w.into_inner().unwrap();
        let row = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..])
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(row.len(), FIELDS.len() - 1);
    }

    #[test]
    fn typos_miss_every_known_name() {
        let known: HashSet<String> = ["kassoumi", "kasoumi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut rng = Rng::derive(3, 0, 0);
        for _ in 0..200 {
            let s = misspell(&mut rng, "Kassoumi", &known);
            assert!(!known.contains(&name_key(&s)), "{s}");
        }
        assert_ne!(
            reworded("les forces ont pris la ville"),
            "les forces ont pris la ville"
        );
        assert_eq!(case_flipped("« la ville"), "« La ville");
    }
}
