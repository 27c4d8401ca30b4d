//! Properties of the readers and matchers on arbitrary input: nothing panics, and every record
//! written is read back whole, at the line where it starts, whatever the line endings.

use std::io::Cursor;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use eventc::check::check;
use eventc::codebook::Codebook;
use eventc::read::documents::DocSet;
use eventc::read::{file_items, InputKind, Item, RawRecord};
use proptest::prelude::*;

fn codebook() -> &'static Codebook {
    static CB: OnceLock<Codebook> = OnceLock::new();
    CB.get_or_init(|| {
        Codebook::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")).unwrap()
    })
}

fn known() -> Arc<[String]> {
    codebook().table.field_names().into()
}

/// Every record of `bytes` read as `kind`; the reader never fails on bytes in memory.
fn read(bytes: Vec<u8>, kind: InputKind) -> Vec<RawRecord> {
    file_items(Cursor::new(bytes), kind, "f", known())
        .filter_map(|item| match item.expect("no I/O error in memory") {
            Item::Record(r) => Some(r),
            Item::Note(_) => None,
        })
        .collect()
}

/// Line breaks as an editor counts them, computed apart from the reader's counter.
fn breaks(s: &str) -> u64 {
    let s = s.replace("\r\n", "\n");
    s.matches(['\n', '\r']).count() as u64
}

/// Field text with the characters that break readers: separators, quotes, line ends, NUL,
/// invisible and non-ASCII characters.
fn field() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[a-zA-Z0-9 ]",
            1 => prop::sample::select(vec![",", "\"", "\n", "\r", "\r\n", "\0", "\u{200b}", "\u{feff}", "é", "’", "{", "}", "\\"]).prop_map(String::from),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

fn terminator() -> impl Strategy<Value = (&'static str, csv::Terminator)> {
    prop::sample::select(vec![
        ("\n", csv::Terminator::Any(b'\n')),
        ("\r\n", csv::Terminator::CRLF),
        ("\r", csv::Terminator::Any(b'\r')),
    ])
}

/// Every record ends in the dataset or the rejects, and a record with a reading error never
/// reaches the dataset.
fn every_record_has_an_outcome(records: Vec<RawRecord>) {
    let docs = DocSet::default();
    for r in records {
        let read_error = r.problems.iter().any(|p| p.is_error());
        let c = check(r, codebook(), &docs);
        assert!(c.event.is_none() || !read_error);
        assert!(c.event.is_some() || c.diagnostics.iter().any(|d| d.is_error()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn csv_rows_are_read_back_whole_at_their_lines(
        rows in prop::collection::vec(("[a-z][a-z0-9]{0,5}", field(), field()), 0..8),
        (_, term) in terminator(),
    ) {
        let mut w = csv::WriterBuilder::new().terminator(term).from_writer(Vec::new());
        w.write_record(["event_id", "quote", "notes"]).unwrap();
        for (id, a, b) in &rows {
            w.write_record([id, a, b]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let got = read(bytes, InputKind::Csv);
        prop_assert_eq!(got.len(), rows.len());
        let mut line = 2;
        for (rec, (id, a, b)) in got.iter().zip(&rows) {
            let values: Vec<&str> = rec.values.iter().collect();
            prop_assert_eq!(values, vec![id.as_str(), a.as_str(), b.as_str()]);
            prop_assert_eq!(rec.line, line);
            line += 1 + breaks(a) + breaks(b);
        }
        every_record_has_an_outcome(got);
    }

    #[test]
    fn jsonl_objects_are_read_back_whole_at_their_lines(
        objects in prop::collection::vec(prop::collection::vec(("[a-z_]{1,8}", field()), 0..5), 0..8),
        blank in prop::collection::vec(any::<bool>(), 8),
        (end, _) in terminator(),
    ) {
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut line = 1;
        for (i, obj) in objects.iter().enumerate() {
            if blank[i] {
                text.push_str(end);
                line += 1;
            }
            let map: serde_json::Map<String, serde_json::Value> = obj
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            text.push_str(&serde_json::to_string(&map).unwrap());
            text.push_str(end);
            lines.push((line, map));
            line += 1;
        }
        let got = read(text.into_bytes(), InputKind::Jsonl);
        prop_assert_eq!(got.len(), lines.len());
        for (rec, (line, map)) in got.iter().zip(&lines) {
            prop_assert_eq!(rec.line, *line);
            for (k, v) in map {
                prop_assert_eq!(rec.get(k), v.as_str().unwrap());
            }
            // Keys repeated by the generator were merged by the map: none left to conflict.
            prop_assert!(rec.problems.iter().all(|p| p.rule != "duplicate-key"));
        }
        every_record_has_an_outcome(got);
    }

    #[test]
    fn any_bytes_are_read_without_panic_and_checked(bytes in prop::collection::vec(any::<u8>(), 0..400), jsonl in any::<bool>()) {
        let kind = if jsonl { InputKind::Jsonl } else { InputKind::Csv };
        let lines = 1 + breaks(&String::from_utf8_lossy(&bytes));
        let got = read(bytes, kind);
        for r in &got {
            prop_assert!(r.line >= 1 && r.line <= lines, "line {} of {}", r.line, lines);
        }
        every_record_has_an_outcome(got);
    }

    #[test]
    fn any_name_resolves_or_not_without_panic(name in any::<String>(), with_date in any::<bool>()) {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 2, 16);
        let day = day.filter(|_| with_date);
        let _ = codebook().actors.resolve(&name, day, day);
        let _ = eventc::text::name_key(&name);
    }

    #[test]
    fn any_text_is_a_date_or_an_issue(text in any::<String>()) {
        let ctx = eventc::normalize::dates::DateContext::default();
        if let Ok(got) = eventc::normalize::dates::normalize(&text, &ctx) {
            prop_assert!(got.span.start <= got.span.end);
        }
    }

    #[test]
    fn any_quote_is_found_or_not_without_panic(doc in any::<String>(), quote in any::<String>()) {
        let d = eventc::normalize::evidence::Document::new(&doc);
        if let Ok(m) = eventc::normalize::evidence::find_quote(&d, &quote, None) {
            let span: String = doc.chars().skip(m.start).take(m.end - m.start).collect();
            prop_assert_eq!(span, m.text);
        }
    }
}
