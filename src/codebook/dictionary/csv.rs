//! Our dictionary format: `name,aliases,code,from,to,kind,note`, one row per (actor, code
//! interval). Rows with the same `name` in one file are one actor; `aliases` is `|`-separated
//! and unioned over the actor's rows; `from`/`to` are inclusive ISO dates, empty for open; a row
//! with neither code nor dates only adds aliases.

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;

use super::{
    bad_shape_message, code_shape_ok, diag, replacement_char_issue, Actor, CodeSpan, Dictionary,
    Interval,
};
use crate::diagnostic::Diagnostic;

impl Dictionary {
    /// Load our CSV format. Rows with errors are skipped and reported.
    pub fn load_csv(&mut self, path_label: &str, reader: impl Read) -> Vec<Diagnostic> {
        let file = path_label;
        let mut issues = Vec::new();
        let mut rd = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(reader);
        let headers = match rd.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                issues.push(diag(
                    "dict-syntax",
                    file,
                    1,
                    format!("cannot read the header: {e}"),
                ));
                return issues;
            }
        };
        if let Some(m) = crate::codebook::repeated_column(&headers) {
            issues.push(diag("dict-syntax", file, 1, m));
            return issues;
        }
        let col = |n: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(n))
        };
        let (Some(ni), Some(ci)) = (col("name"), col("code")) else {
            issues.push(
                diag(
                    "dict-syntax",
                    file,
                    1,
                    "the header lacks a `name` or `code` column",
                )
                .help("expected columns: name,aliases,code,from,to,kind,note"),
            );
            return issues;
        };
        let (ai, fi, ti, ki) = (col("aliases"), col("from"), col("to"), col("kind"));

        // name -> actor under construction, in first-appearance order.
        let mut order: Vec<Actor> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for row in rd.records() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                    issues.push(diag(
                        "dict-syntax",
                        file,
                        line,
                        format!("unreadable row: {e}"),
                    ));
                    if fatal {
                        break;
                    }
                    continue;
                }
            };
            let line = row.position().map_or(0, |p| p.line() as usize);
            let get = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
            if row.iter().all(str::is_empty) {
                continue;
            }
            let name = get(Some(ni));
            if name.is_empty() {
                issues.push(diag("dict-syntax", file, line, "row has no name; skipped"));
                continue;
            }
            let code = get(Some(ci));
            let (from_s, to_s) = (get(fi), get(ti));
            let mut bad = false;
            let mut date = |s: &str, col: &str| -> Option<NaiveDate> {
                if s.is_empty() {
                    return None;
                }
                match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        issues.push(
                            diag(
                                "dict-bad-date",
                                file,
                                line,
                                format!("`{col}` \"{s}\" for {name} is not a date; row skipped"),
                            )
                            .help("write dates as YYYY-MM-DD, or leave the cell empty for an open end"),
                        );
                        bad = true;
                        None
                    }
                }
            };
            let from = date(from_s, "from");
            let to = date(to_s, "to");
            if bad {
                continue;
            }
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    issues.push(diag(
                        "dict-bad-date",
                        file,
                        line,
                        format!("interval of {code} for {name} ends ({t}) before it starts ({f}); row skipped"),
                    ));
                    continue;
                }
            }
            let alias_only = code.is_empty() && from.is_none() && to.is_none();
            if !alias_only && !code_shape_ok(code) {
                issues.push(diag(
                    "dict-bad-code",
                    file,
                    line,
                    format!("{} for {name}; row skipped", bad_shape_message(code)),
                ));
                continue;
            }

            let aliases: Vec<String> = get(ai)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            for n in std::iter::once(name).chain(aliases.iter().map(|s| s.as_str())) {
                issues.extend(replacement_char_issue(file, line, n));
            }
            let idx = *by_name.entry(name.to_string()).or_insert_with(|| {
                order.push(Actor {
                    name: name.to_string(),
                    kind: None,
                    aliases: Vec::new(),
                    codes: Vec::new(),
                    file: file.to_string(),
                    line,
                });
                order.len() - 1
            });
            let actor = &mut order[idx];
            for a in aliases {
                if !actor.aliases.contains(&a) {
                    actor.aliases.push(a);
                }
            }
            let kind = get(ki);
            if !kind.is_empty() {
                match &actor.kind {
                    None => actor.kind = Some(kind.to_string()),
                    Some(k) if k != kind => issues.push(diag(
                        "dict-kind-conflict",
                        file,
                        line,
                        format!("{name} is kind \"{k}\" on line {} but \"{kind}\" here; the first is kept", actor.line),
                    )),
                    Some(_) => {}
                }
            }
            if !alias_only {
                actor.codes.push(CodeSpan {
                    code: code.to_string(),
                    interval: Interval { from, to },
                    line,
                });
            }
        }
        for a in order {
            if a.codes.is_empty() {
                issues.push(
                    diag(
                        "dict-no-code",
                        file,
                        a.line,
                        format!("{} has no code on any row", a.name),
                    )
                    .help("a name without a code resolves to nothing; add a row with its code"),
                );
            }
            issues.extend(self.push(a));
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use crate::codebook::dictionary::Dictionary;
    use crate::normalize::actors::Resolution;

    #[test]
    fn csv_errors_skip_rows_and_say_why() {
        let text = "\
name,aliases,code,from,to,kind,note
A,,SYRGOV,2001-02-30,,person,
B,,SYRGOV,2005-01-01,2004-01-01,person,
C,,syrgov,,,person,
D,,SYRGO,,,person,
,,SYRGOV,,,,
E,,SYRGOV,,,person,
E,Eee,,,,,
E,,SYRMIL,,,group,
F\u{FFFD},,SYRGOV,,,,
G,,,,,,
";
        let mut dct = Dictionary::new();
        let issues = dct.load_csv("a.csv", text.as_bytes());
        let rules: Vec<(&str, Option<u64>)> = issues.iter().map(|i| (i.rule, i.line)).collect();
        assert!(rules.contains(&("dict-bad-date", Some(2))), "{rules:?}");
        assert!(rules.contains(&("dict-bad-date", Some(3))));
        assert!(rules.contains(&("dict-bad-code", Some(4))));
        assert!(rules.contains(&("dict-bad-code", Some(5))));
        assert!(rules.contains(&("dict-syntax", Some(6))));
        assert!(rules.contains(&("dict-kind-conflict", Some(9))));
        assert!(rules.contains(&("dict-replacement-char", Some(10))));
        assert!(rules.contains(&("dict-no-code", Some(11))));
        assert!(issues[0].message.contains("2001-02-30"));
        // A, B, C, D skipped; E, F and G kept.
        assert_eq!(dct.len(), 3);
        let Resolution::Resolved { actor, .. } = dct.resolve("Eee", None, None) else {
            panic!()
        };
        assert_eq!(actor.codes.len(), 2);
        let issues = Dictionary::new().load_csv("b.csv", "nom,code\nx,SYR\n".as_bytes());
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("`name`"));
        let issues = Dictionary::new().load_csv("c.csv", &b"name,code\nx\xff,SYR\n"[..]);
        assert_eq!(issues[0].rule, "dict-syntax");
    }
}
