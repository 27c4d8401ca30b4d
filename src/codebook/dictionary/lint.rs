//! Whole-dictionary checks, run by `eventc actors check`: what no single line shows.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::{diag, Actor, CodeSpan, Dictionary, Interval};
use crate::codebook::actor_code::ActorBlocks;
use crate::diagnostic::Diagnostic;

/// An open-ended government term that started this long before the newest date in the
/// dictionary is probably over.
const OPEN_TERM_YEARS: i32 = 10;

impl Dictionary {
    /// Whole-dictionary checks: codes against the grammar (when `blocks` is given), overlapping
    /// codes of one entry, gaps between an entry's dated codes, a name used by entries with
    /// different codes, and open-ended government terms that probably ended.
    ///
    /// Two intervals sharing only their boundary day (one ends the day the next starts) are the
    /// usual way PETRARCH files write a hand-over and are not an overlap.
    pub fn lint(&self, blocks: Option<&ActorBlocks>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let newest = self
            .actors
            .iter()
            .flat_map(|a| a.codes.iter())
            .flat_map(|s| [s.interval.from, s.interval.to])
            .flatten()
            .max();
        for a in &self.actors {
            if let Some(b) = blocks {
                for s in a.codes.iter().filter(|s| !s.is_null()) {
                    if let Err(e) = b.parse(&s.code) {
                        let mut d = diag(
                            "dict-bad-code",
                            &a.file,
                            s.line,
                            format!("{} for {}: {}", s.code, a.name, e.message),
                        );
                        d.help.extend(e.help);
                        out.push(d);
                    }
                }
            }
            lint_defaults(a, &mut out);
            lint_overlaps(a, &mut out);
            lint_gaps(a, &mut out);
            if let Some(n) = newest {
                lint_open_term(a, n, blocks, &mut out);
            }
        }
        self.lint_duplicates(&mut out);
        out.sort_by(|x, y| x.file.cmp(&y.file).then(x.line.cmp(&y.line)));
        out
    }

    fn lint_duplicates(&self, out: &mut Vec<Diagnostic>) {
        // Sorted for a stable report.
        let groups: BTreeMap<&String, &Vec<(u32, u32)>> =
            self.index.iter().filter(|(_, v)| v.len() > 1).collect();
        let codes_of = |a: &Actor| {
            let mut v: Vec<(String, Interval)> = a
                .codes
                .iter()
                .map(|s| (s.code.clone(), s.interval))
                .collect();
            v.sort_by(|x, y| {
                x.0.cmp(&y.0)
                    .then(x.1.from.cmp(&y.1.from))
                    .then(x.1.to.cmp(&y.1.to))
            });
            v.dedup();
            v
        };
        for (_, hits) in groups {
            let (first_a, first_n) = hits[0];
            let first = &self.actors[first_a as usize];
            let first_codes = codes_of(first);
            for &(ai, ni) in &hits[1..] {
                let other = &self.actors[ai as usize];
                if codes_of(other) == first_codes {
                    continue;
                }
                let line = other.line;
                out.push(
                    diag(
                        "dict-duplicate-name",
                        &other.file,
                        line,
                        format!(
                            "{} is also {}, with different codes; lookups use that one",
                            describe_name(other, ni),
                            describe_entry(first, first_n, &other.file),
                        ),
                    )
                    .help("merge the entries, or make the names distinct"),
                );
            }
        }
    }
}

/// `"NAME"`, or `"ALIAS" (a name of ENTRY)`.
fn describe_name(a: &Actor, i: u32) -> String {
    match i {
        0 => format!("\"{}\"", a.name),
        _ => format!("\"{}\" (a name of {})", a.name_at(i as usize), a.name),
    }
}

/// As [`describe_name`], with where the entry is: the line, or file and line in another file.
fn describe_entry(a: &Actor, i: u32, here: &str) -> String {
    let at = if a.file == here {
        format!("line {}", a.line)
    } else {
        format!("{}:{}", a.file, a.line)
    };
    match i {
        0 => format!("the entry at {at}"),
        _ => format!("a name of {} at {at}", a.name),
    }
}

fn lint_defaults(a: &Actor, out: &mut Vec<Diagnostic>) {
    let defaults: Vec<&CodeSpan> = a.codes.iter().filter(|s| s.interval.is_always()).collect();
    let Some(last) = defaults.last() else { return };
    if defaults.iter().any(|s| s.code != last.code) {
        let list: Vec<String> = defaults
            .iter()
            .map(|s| format!("{} (line {})", s.code, s.line))
            .collect();
        out.push(
            diag(
                "dict-overlap",
                &a.file,
                last.line,
                format!(
                    "{} has several undated codes: {}; the last one is used",
                    a.name,
                    list.join(", ")
                ),
            )
            .help("keep one undated code, or give the others dates"),
        );
    }
}

fn lint_overlaps(a: &Actor, out: &mut Vec<Diagnostic>) {
    let dated: Vec<&CodeSpan> = a.codes.iter().filter(|s| !s.interval.is_always()).collect();
    for (i, x) in dated.iter().enumerate() {
        for y in &dated[i + 1..] {
            if x.code == y.code {
                continue;
            }
            let Some(both) = x.interval.intersection(&y.interval) else {
                continue;
            };
            let handover = both.from.is_some()
                && both.from == both.to
                && (x.interval.to == y.interval.from || y.interval.to == x.interval.from);
            if handover {
                continue;
            }
            out.push(
                diag(
                    "dict-overlap",
                    &a.file,
                    y.line,
                    format!(
                        "{}: {} ({}, line {}) and {} ({}, line {}) both apply {}",
                        a.name,
                        x.code,
                        x.interval,
                        x.line,
                        y.code,
                        y.interval,
                        y.line,
                        match (both.from, both.to) {
                            (Some(f), Some(t)) => format!("from {f} to {t}"),
                            _ => both.to_string(),
                        }
                    ),
                )
                .help("the one that started last is used; end the earlier one the day before"),
            );
        }
    }
}

fn lint_gaps(a: &Actor, out: &mut Vec<Diagnostic>) {
    if a.codes.iter().any(|s| s.interval.is_always()) {
        return;
    }
    let mut dated: Vec<&CodeSpan> = a.codes.iter().collect();
    if dated.len() < 2 {
        return;
    }
    dated.sort_by_key(|s| s.interval.from);
    // `covered` is the last day covered so far (None = open to the future).
    let mut covered: Option<NaiveDate> = dated[0].interval.to;
    let mut covered_by = dated[0];
    for s in &dated[1..] {
        let Some(c) = covered else { return };
        if let Some(f) = s.interval.from {
            if let Some(next) = c.checked_add_days(Days::new(1)) {
                if f > next {
                    let last_gap = f.pred_opt().unwrap_or(f);
                    out.push(diag("dict-gap", &a.file, s.line, format!(
                            "{} has no code from {next} to {last_gap}, between {} (line {}) and {} (line {})",
                            a.name, covered_by.code, covered_by.line, s.code, s.line
                        )).help("events in the gap will be reported as not covered; close the gap or add an undated default code"));
                }
            }
        }
        match s.interval.to {
            None => covered = None,
            Some(t) if t > c => {
                covered = Some(t);
                covered_by = s;
            }
            Some(_) => {}
        }
    }
}

fn has_gov_role(code: &str, blocks: Option<&ActorBlocks>) -> bool {
    match blocks.map(|b| b.parse(code)) {
        Some(Ok(p)) => p.roles().any(|r| r == "GOV"),
        _ => code.len() >= 6 && code.as_bytes().chunks(3).skip(1).any(|c| c == b"GOV"),
    }
}

fn lint_open_term(
    a: &Actor,
    newest: NaiveDate,
    blocks: Option<&ActorBlocks>,
    out: &mut Vec<Diagnostic>,
) {
    if a.kind
        .as_deref()
        .is_some_and(|k| !k.eq_ignore_ascii_case("person"))
    {
        return;
    }
    let Some(limit) = NaiveDate::from_ymd_opt(newest.year() - OPEN_TERM_YEARS, newest.month(), 1)
    else {
        return;
    };
    for s in &a.codes {
        if let (Some(f), None) = (s.interval.from, s.interval.to) {
            if f < limit && has_gov_role(&s.code, blocks) {
                out.push(diag("dict-open-term", &a.file, s.line, format!(
                        "{} is {} from {f} with no end date, more than {OPEN_TERM_YEARS} years before the newest date in the dictionary ({newest})",
                        a.name, s.code
                    )).help("check whether the term has ended and give it an end date"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::codebook::actor_code::tests::blocks;
    use crate::codebook::dictionary::tests::d;
    use crate::codebook::dictionary::Dictionary;
    use crate::normalize::actors::Resolution;

    #[test]
    fn lint_finds_structural_problems() {
        let text = "\
name,aliases,code,from,to,kind,note
P,,SYRELI,,2010-12-31,person,
P,,SYRGOV,2010-06-01,2012-01-01,person,
P,,SYRGOV,2013-01-01,,person,
Q,,SYRXXX,,,person,
Q,,SYRMIL,,,person,
R,Rr,SYRREB,1990-01-01,1990-12-31,person,
S,Rr,SYROPP,,,group,
T,Rr,SYRREB,1990-01-01,1990-12-31,person,
H,,SYRELI,1990-01-01,1995-01-01,person,
H,,SYRGOV,1995-01-01,,person,
";
        let mut dct = Dictionary::new();
        assert!(dct.load_csv("l.csv", text.as_bytes()).is_empty());
        let b = blocks();
        let issues = dct.lint(Some(&b));
        let rules: Vec<(&str, u64)> = issues
            .iter()
            .map(|i| (i.rule, i.line.unwrap_or(0)))
            .collect();
        assert!(rules.contains(&("dict-overlap", 3)), "{rules:?}");
        assert!(rules.contains(&("dict-gap", 4)));
        assert!(rules.contains(&("dict-bad-code", 5)));
        assert!(rules.contains(&("dict-overlap", 6)));
        assert!(rules.contains(&("dict-duplicate-name", 8)));
        // T duplicates R's name with the same codes: harmless, not reported.
        assert!(!rules.contains(&("dict-duplicate-name", 9)));
        // H's hand-over day is not an overlap; its open GOV term started over 10 years before
        // the newest date (2013).
        assert!(!rules.contains(&("dict-overlap", 11)));
        assert!(rules.contains(&("dict-open-term", 11)));
        assert!(!rules.contains(&("dict-open-term", 4)));
        let gap = issues.iter().find(|i| i.rule == "dict-gap").unwrap();
        assert!(
            gap.message.contains("from 2012-01-02 to 2012-12-31"),
            "{}",
            gap.message
        );
        let ov = issues.iter().find(|i| i.line == Some(3)).unwrap();
        assert!(
            ov.message.contains("from 2010-06-01 to 2010-12-31"),
            "{}",
            ov.message
        );
        let bad = issues.iter().find(|i| i.rule == "dict-bad-code").unwrap();
        assert!(bad.message.contains("\"XXX\""));
        // Without blocks, no grammar check.
        assert!(!dct.lint(None).iter().any(|i| i.rule == "dict-bad-code"));
        // Duplicate resolution: the first entry wins and the others are counted.
        let Resolution::Resolved { code, others, .. } =
            dct.resolve("Rr", Some(d("1990-06-01")), None)
        else {
            panic!()
        };
        assert_eq!((code.as_str(), others), ("SYRREB", 2));
    }
}
