//! Load time of the Phoenix actor dictionaries and lookup throughput.
//!
//! cargo bench --bench actors [-- DIR]
//! DIR holds Phoenix.Countries.actors.txt and Phoenix.International.actors.txt
//! (default: $EVENTC_REFERENCE/petrarch, else the shared reference folder beside the project).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use eventc::codebook::dictionary::Dictionary;
use eventc::normalize::actors::Resolution;
use eventc::text::name_key;

fn main() {
    // `cargo bench` passes `--bench`; the first other argument is the folder.
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("EVENTC_REFERENCE").map(|p| PathBuf::from(p).join("petrarch")))
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/reference/petrarch"
            ))
        });
    let big = dir.join("Phoenix.Countries.actors.txt");
    let text = match std::fs::read_to_string(&big) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {}: {e}", big.display());
            std::process::exit(2);
        }
    };

    let mut best = f64::MAX;
    let mut dct = Dictionary::new();
    let mut n_issues = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut d = Dictionary::new();
        let issues = d.load_petrarch("Phoenix.Countries.actors.txt", &text);
        best = best.min(t.elapsed().as_secs_f64());
        n_issues = issues.len();
        dct = d;
    }
    println!(
        "load Phoenix.Countries.actors.txt ({} lines, {:.1} MB): {:.1} ms (best of 5), {} entries, {} names, {} load issues",
        text.lines().count(),
        text.len() as f64 / 1e6,
        best * 1e3,
        dct.len(),
        dct.name_count(),
        n_issues
    );
    let intl = dir.join("Phoenix.International.actors.txt");
    if let Ok(t2) = std::fs::read_to_string(&intl) {
        dct.load_petrarch("Phoenix.International.actors.txt", &t2);
    }
    let t = Instant::now();
    let lint = dct.lint(None);
    println!(
        "lint (no block table): {:.1} ms, {} issues",
        t.elapsed().as_secs_f64() * 1e3,
        lint.len()
    );

    // Lookup names as a coder would write them: mixed case, spaces, some accents.
    let mut names: Vec<String> = Vec::new();
    for a in dct.actors() {
        for n in std::iter::once(&a.name).chain(a.aliases.iter()) {
            names.push(title_case(n));
        }
    }
    let non_ascii = names.iter().filter(|n| !n.is_ascii()).count();
    let dates = [
        NaiveDate::from_ymd_opt(1995, 6, 1).unwrap(),
        NaiveDate::from_ymd_opt(2005, 6, 1).unwrap(),
        NaiveDate::from_ymd_opt(2012, 6, 1).unwrap(),
    ];
    let total = 300_000usize;
    let t = Instant::now();
    let (mut resolved, mut uncovered, mut unknown) = (0usize, 0usize, 0usize);
    for i in 0..total {
        let n = &names[i % names.len()];
        match dct.resolve(n, Some(dates[i % 3]), None) {
            Resolution::Resolved { .. } => resolved += 1,
            Resolution::Uncovered { .. } => uncovered += 1,
            Resolution::Unknown { .. } => unknown += 1,
        }
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "resolve known names: {total} lookups in {:.1} ms = {:.2} M lookups/s ({resolved} resolved, {uncovered} uncovered, {unknown} unknown; {non_ascii} of {} names non-ASCII)",
        el * 1e3,
        total as f64 / el / 1e6,
        names.len()
    );

    let t = Instant::now();
    let mut len = 0usize;
    for i in 0..total {
        len += black_box(name_key(&names[i % names.len()])).len();
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "name_key() alone: {:.2} M names/s (checksum {len})",
        total as f64 / el / 1e6
    );

    let typos = [
        "Barak Obama",
        "Erdgan",
        "Vladimir Putn",
        "Angela Merkle",
        "Xi Jinpin",
    ];
    let t = Instant::now();
    for q in typos {
        let s = dct.suggest(q, 3);
        println!("  suggest {q:?}: {s:?}");
    }
    println!(
        "suggest: {:.1} ms per unknown name",
        t.elapsed().as_secs_f64() * 1e3 / typos.len() as f64
    );
}

/// "BARACK OBAMA" -> "Barack Obama".
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}
