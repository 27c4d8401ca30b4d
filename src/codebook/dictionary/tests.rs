//! Fixtures shared by the dictionary tests, and tests of the dictionary as a whole.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::Dictionary;
use crate::codebook::actor_code::tests::blocks;
use crate::normalize::actors::Resolution;
use crate::text::name_key;

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) const CSV: &str = "\
name,aliases,code,from,to,kind,note
Recep Tayyip Erdoğan,Erdoğan|Tayyip Erdogan,TURELI,,2003-03-13,person,before PM
Recep Tayyip Erdoğan,R.T. Erdoğan,TURGOV,2003-03-14,,person,PM then president
Ankara,,TURGOV,,,metonym,capital for the government
Bashar al-Assad,Bachar al-Assad|Bashar al Assad,SYRELI,,2000-07-16,person,
Bashar al-Assad,,SYRGOV,2000-07-17,,person,
forces gouvernementales syriennes,Syrian government forces,SYRMIL,,,group,
Iran,l’Iran|République islamique d'Iran,IRN,,,state,
Mevlüt Çavuşoğlu,,TURGOV,2014-08-29,2023-06-03,person,foreign minister
Mevlüt Çavuşoğlu,,TURELI,2023-06-04,,person,
\"Le Monde\",,FRAMED,,,media,
";

pub(crate) fn dict() -> Dictionary {
    let mut dct = Dictionary::new();
    let issues = dct.load_csv("actors.csv", CSV.as_bytes());
    assert!(issues.is_empty(), "{issues:?}");
    dct
}

pub(crate) fn code_of(r: &Resolution) -> Option<String> {
    match r {
        Resolution::Resolved { code, .. } => Some(code.clone()),
        _ => None,
    }
}

#[test]
fn load_path_by_extension() {
    let dir = std::env::temp_dir().join(format!("actors-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("a.csv");
    std::fs::write(&csv, CSV).unwrap();
    let txt = dir.join("b.actors");
    std::fs::write(&txt, b"X_Y [SYR]\n+Z\xff\n").unwrap();
    let mut dct = Dictionary::new();
    assert!(dct.load_path(&csv).unwrap().is_empty());
    let issues = dct.load_path(&txt).unwrap();
    assert_eq!(issues[0].rule, "dict-syntax");
    assert_eq!(issues[0].line, Some(2));
    assert!(issues.iter().any(|i| i.rule == "dict-replacement-char"));
    let json = dir.join("c.json");
    assert_eq!(
        dct.load_path(&json).unwrap_err().to_string(),
        format!(
            "{}: unknown dictionary type (expected .csv, .txt or .actors)",
            json.display()
        )
    );
    let missing = dir.join("missing.csv");
    let err = dct.load_path(&missing).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("cannot read {}: ", missing.display())),
        "{err}"
    );
    assert_eq!(dct.len(), 8);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn arbitrary_input_never_panics() {
    // Deterministic pseudo-random lines built from the characters the parsers care about.
    let alphabet: Vec<char> = "AZaz09_+-<>[]#;.'’ \t\u{FFFD}ğİ<!---->|,\"\n"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let b = blocks();
    for _ in 0..300 {
        let len = (next() % 80) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let mut dct = Dictionary::new();
        dct.load_petrarch("f", &text);
        dct.load_csv("g", text.as_bytes());
        dct.lint(Some(&b));
        let _ = name_key(&text);
        let _ = b.parse(&text);
        let _ = dct.resolve(&text, Some(d("2001-01-01")), Some(d("2000-01-01")));
        let _ = dct.suggest(&text, 3);
    }
}

fn reference_dir() -> Option<std::path::PathBuf> {
    // EVENTC_REFERENCE, else a `shared/reference` next to the crate or one of its parents.
    let bases: Vec<std::path::PathBuf> = match std::env::var_os("EVENTC_REFERENCE") {
        Some(p) => vec![p.into()],
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .skip(1)
            .map(|a| a.join("shared/reference"))
            .collect(),
    };
    bases
        .into_iter()
        .map(|b| b.join("petrarch"))
        .find(|d| d.join("Phoenix.Countries.actors.txt").exists())
}

#[test]
fn phoenix_dictionaries() {
    let Some(dir) = reference_dir() else {
        println!("Phoenix dictionaries not found (set EVENTC_REFERENCE); skipped");
        return;
    };
    let mut dct = Dictionary::new();
    let mut issues = dct
        .load_path(&dir.join("Phoenix.Countries.actors.txt"))
        .unwrap();
    issues.extend(
        dct.load_path(&dir.join("Phoenix.International.actors.txt"))
            .unwrap(),
    );
    let lint = dct.lint(None);
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for i in issues.iter().chain(&lint) {
        *by_rule.entry(i.rule).or_default() += 1;
    }
    println!(
        "entries {}, names {}, issues {by_rule:?}",
        dct.len(),
        dct.name_count()
    );
    assert!(dct.len() > 15_000);
    assert!(dct.name_count() > 20_000);
    let has = |needle: &str| {
        issues
            .iter()
            .any(|i| i.rule == "dict-bad-date" && i.message.contains(needle))
    };
    assert!(has("\"2004017\""));
    assert!(has("\"1920030320\""));
    assert!(has("\"9008223\""));
    assert_eq!(by_rule.get("dict-replacement-char"), Some(&3));

    let r = |n: &str, s: &str| code_of(&dct.resolve(n, Some(d(s)), None));
    // BARACK_OBAMA: [USAELI 780101-000101] [USAGOV >090120].
    assert_eq!(r("Barack Obama", "2010-01-01").as_deref(), Some("USAGOV"));
    assert_eq!(
        r("President Barack Obama", "2009-01-20").as_deref(),
        Some("USAGOV")
    );
    assert_eq!(r("Barack Obama", "1990-01-01").as_deref(), Some("USAELI"));
    let Resolution::Uncovered { intervals, .. } =
        dct.resolve("Barack Obama", Some(d("2005-01-01")), None)
    else {
        panic!()
    };
    assert_eq!(intervals.len(), 2);
    assert!(lint.iter().any(|i| i.rule == "dict-gap"
        && i.message
            .starts_with("BARACK OBAMA has no code from 2000-01-02 to 2009-01-19")));
    assert_eq!(r("United Nations", "2010-01-01").as_deref(), Some("IGOUNO"));
    // IVO_JOSIPOVIC_ has no code of its own and takes those of the next entry.
    assert_eq!(r("Ivo Josipović", "2013-01-01").as_deref(), Some("HRVGOV"));
    assert_eq!(
        r("Ivo Josipovic", "2005-01-01").as_deref(),
        Some("HRVGOVLEG")
    );
    assert!(issues
        .iter()
        .any(|i| i.rule == "dict-no-code" && i.line == Some(11939)));
    assert_eq!(r("Erdoğan", "2010-01-01").as_deref(), Some("TURGOV"));
    let Resolution::Unknown { suggestions } = dct.resolve("Erdgan", None, None) else {
        panic!()
    };
    assert!(
        suggestions.iter().any(|(n, _)| n.contains("ERDOGAN")),
        "{suggestions:?}"
    );
}
