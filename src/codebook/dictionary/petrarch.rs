//! PETRARCH `.actors` dictionaries, read with their own grammar and their own date rules.

use chrono::NaiveDate;

use super::{
    bad_shape_message, code_shape_ok, diag, replacement_char_issue, Actor, CodeSpan, Dictionary,
    Interval,
};
use crate::diagnostic::{Diagnostic, Issue};

impl Dictionary {
    /// Load a PETRARCH actor dictionary.
    ///
    /// Grammar: an entry is a primary line (`PHRASE [CODE ...] ...`), `+PHRASE` synonym lines,
    /// then tab-indented `[CODE]`, `[CODE >DATE]`, `[CODE <DATE]`, `[CODE DATE-DATE]` lines.
    /// Code blocks on the primary line are read like restriction lines. `_` is a space (a trailing
    /// one is dropped); `#` starts a comment anywhere; `<!-- -->` comments may span lines; a line
    /// starting `<!` is a comment; `;` ends a phrase; `---STOP---` ends the file; `[---]` is the
    /// null code. Dates are YYYYMMDD or YYMMDD (YY up to 30 is 20YY, else 19YY), spaces inside a
    /// restriction are ignored, bounds are inclusive.
    ///
    /// Dirty input is reported, never guessed at: a date that is neither 6 nor 8 digits, or that
    /// does not exist, drops that one restriction (`dict-bad-date`, with how PETRARCH would read
    /// it); a malformed code drops its block (`dict-bad-code`). An entry with no code block at
    /// all takes the codes of the next entry that has some, as in PETRARCH2, with a warning
    /// (`dict-no-code`); at the end of the file it stays a known name without a code.
    pub fn load_petrarch(&mut self, path_label: &str, text: &str) -> Vec<Diagnostic> {
        let file = path_label;
        let mut issues = Vec::new();
        let mut cur: Option<PetrEntry> = None;
        let mut pending: Vec<PetrEntry> = Vec::new();
        let mut in_comment = false;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            if !in_comment && raw.starts_with("<!") && !raw.starts_with("<!--") {
                continue;
            }
            let content = strip_comments(raw, &mut in_comment);
            if content.trim().is_empty() {
                continue;
            }
            if content.contains("---STOP---") {
                break;
            }
            let trimmed = content.trim();
            if content.starts_with('\t') || trimmed.starts_with('[') {
                let Some(entry) = cur.as_mut() else {
                    issues.push(diag(
                        "dict-syntax",
                        file,
                        line,
                        "code line before any actor name; skipped",
                    ));
                    continue;
                };
                entry.any_block |= trimmed.contains('[');
                parse_blocks(
                    trimmed,
                    file,
                    line,
                    &entry.name,
                    &mut entry.codes,
                    &mut issues,
                );
            } else if let Some(syn) = trimmed.strip_prefix('+') {
                let Some(entry) = cur.as_mut() else {
                    issues.push(diag(
                        "dict-syntax",
                        file,
                        line,
                        "synonym line before any actor name; skipped",
                    ));
                    continue;
                };
                let phrase_part = syn.split(';').next().unwrap_or("");
                let phrase_part = match phrase_part.find('[') {
                    Some(p) => {
                        // The line is still read, so this is milder than the rule's default.
                        let mut d = diag(
                            "dict-syntax",
                            file,
                            line,
                            "codes on a synonym line are ignored; synonyms share the codes of their entry",
                        )
                        .help("put the codes on the entry's own lines, or make this a separate entry");
                        d.severity = crate::rules::Severity::Warning;
                        issues.push(d);
                        &phrase_part[..p]
                    }
                    None => phrase_part,
                };
                let name = phrase(phrase_part);
                if name.is_empty() {
                    continue;
                }
                issues.extend(replacement_char_issue(file, line, &name));
                entry.aliases.push(name);
            } else {
                if let Some(done) = cur.take() {
                    self.finish_petr(done, &mut pending, file, &mut issues);
                }
                let (head, codes_part) = match content.find('[') {
                    Some(p) => (&content[..p], &content[p..]),
                    None => (content.as_str(), ""),
                };
                let name = phrase(head.split(';').next().unwrap_or(""));
                if name.is_empty() {
                    issues.push(diag(
                        "dict-syntax",
                        file,
                        line,
                        "line has codes but no actor name; skipped",
                    ));
                    continue;
                }
                issues.extend(replacement_char_issue(file, line, &name));
                let mut entry = PetrEntry {
                    name,
                    aliases: Vec::new(),
                    codes: Vec::new(),
                    line,
                    any_block: !codes_part.is_empty(),
                };
                parse_blocks(
                    codes_part,
                    file,
                    line,
                    &entry.name,
                    &mut entry.codes,
                    &mut issues,
                );
                cur = Some(entry);
            }
        }
        if let Some(done) = cur.take() {
            self.finish_petr(done, &mut pending, file, &mut issues);
        }
        self.flush_pending(&mut pending, file, &mut issues);
        issues
    }

    /// Close an entry. An entry without any code block waits in `pending` and joins the next
    /// entry that has codes, as in PETRARCH2 (real files use this for lists of names whose `+`
    /// was forgotten); the first waiting name becomes the display name.
    fn finish_petr(
        &mut self,
        e: PetrEntry,
        pending: &mut Vec<PetrEntry>,
        file: &str,
        issues: &mut Vec<Diagnostic>,
    ) {
        if e.codes.is_empty() && !e.any_block {
            pending.push(e);
            return;
        }
        let mut waiting = std::mem::take(pending);
        for p in &waiting {
            issues.push(diag(
                "dict-no-code",
                file,
                p.line,
                format!(
                    "{} has no code; as in PETRARCH2, its names take the codes of the next entry, {} (line {})",
                    p.name, e.name, e.line
                ),
            )
            .help("if they are the same actor, make these names `+` synonyms; otherwise give this entry its own code, or [---]"));
        }
        let merged = if waiting.is_empty() {
            e
        } else {
            let mut first = waiting.remove(0);
            for p in waiting {
                first.aliases.push(p.name);
                first.aliases.extend(p.aliases);
            }
            first.aliases.push(e.name);
            first.aliases.extend(e.aliases);
            first.codes = e.codes;
            first
        };
        self.add_petr(merged, file, issues);
    }

    /// Entries still without code at the end of the file stay known names without a code.
    fn flush_pending(
        &mut self,
        pending: &mut Vec<PetrEntry>,
        file: &str,
        issues: &mut Vec<Diagnostic>,
    ) {
        for p in std::mem::take(pending) {
            issues.push(diag(
                "dict-no-code",
                file,
                p.line,
                format!("{} has no code", p.name),
            )
            .help("a name without a code resolves to nothing; add a code, or [---] if the name should not be coded"));
            self.add_petr(p, file, issues);
        }
    }

    fn add_petr(&mut self, e: PetrEntry, file: &str, issues: &mut Vec<Diagnostic>) {
        issues.extend(self.push(Actor {
            name: e.name,
            kind: None,
            aliases: e.aliases,
            codes: e.codes,
            file: file.to_string(),
            line: e.line,
        }));
    }
}

struct PetrEntry {
    name: String,
    aliases: Vec<String>,
    codes: Vec<CodeSpan>,
    line: usize,
    /// A `[` was written for this entry, so an empty code list comes from reported errors.
    any_block: bool,
}

/// Remove `#` comments and `<!-- -->` comments (which may span lines) from one line.
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(p) => {
                    *in_comment = false;
                    rest = &rest[p + 3..];
                }
                None => return out,
            }
        }
        let hash = rest.find('#');
        let open = rest.find("<!--");
        match (hash, open) {
            (Some(h), o) if o.is_none_or(|o| h < o) => {
                out.push_str(&rest[..h]);
                return out;
            }
            (_, Some(o)) => {
                out.push_str(&rest[..o]);
                *in_comment = true;
                rest = &rest[o + 4..];
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// A PETRARCH phrase as a display name: `_` is a space, blanks collapsed.
fn phrase(s: &str) -> String {
    s.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Read every `[...]` block in `s` into `codes`, reporting what cannot be read.
fn parse_blocks(
    s: &str,
    file: &str,
    line: usize,
    name: &str,
    codes: &mut Vec<CodeSpan>,
    issues: &mut Vec<Diagnostic>,
) {
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            issues.push(diag(
                "dict-syntax",
                file,
                line,
                format!("unclosed `[` in the codes of {name}; skipped"),
            ));
            return;
        };
        let inner = after[..close].trim();
        rest = &after[close + 1..];
        let (code, range) = match inner.find(char::is_whitespace) {
            Some(p) => (&inner[..p], &inner[p..]),
            None => (inner, ""),
        };
        // A range written without a space after the code ("USAGOV>090120") is not valid either.
        if !code_shape_ok(code) {
            issues.push(diag(
                "dict-bad-code",
                file,
                line,
                format!(
                    "[{inner}] for {name}: {}; code skipped",
                    bad_shape_message(code)
                ),
            ));
            continue;
        }
        let range: String = range.chars().filter(|c| !c.is_whitespace()).collect();
        match parse_range(&range) {
            Ok(interval) => codes.push(CodeSpan {
                code: code.to_string(),
                interval,
                line,
            }),
            Err(e) => {
                let mut d = diag(
                    e.rule,
                    file,
                    line,
                    format!(
                        "[{inner}] for {name}: {}; this restriction is skipped",
                        e.message
                    ),
                );
                d.help.extend(e.help);
                issues.push(d);
            }
        }
    }
}

fn bad_date(message: String) -> Issue {
    Issue::new("dict-bad-date", message)
}

fn parse_range(r: &str) -> Result<Interval, Issue> {
    if r.is_empty() {
        return Ok(Interval::ALWAYS);
    }
    if let Some(d) = r.strip_prefix('<') {
        return Ok(Interval {
            from: None,
            to: Some(petr_date(d)?),
        });
    }
    if let Some(d) = r.strip_prefix('>') {
        return Ok(Interval {
            from: Some(petr_date(d)?),
            to: None,
        });
    }
    if let Some((a, b)) = r.split_once('-') {
        let (from, to) = (petr_date(a)?, petr_date(b)?);
        if to < from {
            return Err(bad_date(format!(
                "the interval ends ({to}) before it starts ({from})"
            )));
        }
        return Ok(Interval {
            from: Some(from),
            to: Some(to),
        });
    }
    if r.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_date(format!(
            "date \"{r}\" has no <, > or range; PETRARCH2 reads the line as an undated code"
        ))
        .help(format!("write >{r} (from), <{r} (until) or DATE-DATE")));
    }
    Err(
        bad_date(format!("cannot read the date restriction \"{r}\""))
            .help("write <DATE, >DATE or DATE-DATE with DATE as YYYYMMDD or YYMMDD"),
    )
}

fn ymd(y: i32, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

fn two_digit_year(yy: &str) -> Option<i32> {
    let y: i32 = yy.parse().ok()?;
    Some(if y <= 30 { 2000 + y } else { 1900 + y })
}

/// A PETRARCH date: YYYYMMDD, or YYMMDD with YY up to 30 read as 20YY. Other lengths are
/// errors whose message says how PETRARCH itself reads them (it takes more than 7 characters as
/// YYYYMMDD using the first 8, and otherwise reads YYMMDD from the first 6).
fn petr_date(s: &str) -> Result<NaiveDate, Issue> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_date(format!("\"{s}\" is not a date")));
    }
    let got = match s.len() {
        6 => two_digit_year(&s[..2]).and_then(|y| ymd(y, &s[2..4], &s[4..6])),
        8 => s[..4].parse().ok().and_then(|y| ymd(y, &s[4..6], &s[6..8])),
        n => {
            let petr = if n > 7 {
                s[..4].parse().ok().and_then(|y| ymd(y, &s[4..6], &s[6..8]))
            } else if n >= 6 {
                two_digit_year(&s[..2]).and_then(|y| ymd(y, &s[2..4], &s[4..6]))
            } else {
                None
            };
            let reading = match petr {
                Some(d) => format!("PETRARCH reads it as {d}"),
                None => "PETRARCH rejects it".to_string(),
            };
            let mut help = None;
            if n > 8 {
                let tail = &s[n - 8..];
                if let Some(d) = tail[..4]
                    .parse()
                    .ok()
                    .and_then(|y| ymd(y, &tail[4..6], &tail[6..8]))
                {
                    if Some(d) != petr {
                        help = Some(format!("its last eight digits read {d}"));
                    }
                }
            }
            let help = help.unwrap_or_else(|| "write the date as YYYYMMDD".into());
            return Err(bad_date(format!(
                "date \"{s}\" has {n} digits, not 6 (YYMMDD) or 8 (YYYYMMDD); {reading}"
            ))
            .help(help));
        }
    };
    got.ok_or_else(|| {
        bad_date(format!(
            "\"{s}\" is not a valid date (no such month or day)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::petr_date;
    use crate::codebook::dictionary::tests::{code_of, d};
    use crate::codebook::dictionary::{Dictionary, NULL_CODE};
    use crate::diagnostic::Diagnostic;
    use crate::normalize::actors::Resolution;
    use crate::rules::Severity;

    const PETR: &str = "\
# a comment line
<!-- a comment
   spanning [NOT_READ] lines -->
BARACK_OBAMA
+PRESIDENT_BARACK_OBAMA_
+MR._OBAMA_
\t[USAELI 780101-000101]
\t[USAGOV >090120]
GEORGE_W._BUSH_  # CountryInfo.txt
\t[USAELI 640101-010120]
\t[USAGOV 010120-090120]
\t[USAELI]
THE_UNITED_NATIONS_ [IGOUNO]
JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# inline codes
ADEL_EL_SISI
\t[EGYGOV > 140608]
OLD_MAN_ <!-- inline comment --> [SYRELI <19500101]
BAN_KI-MOON
\t[IGOUNO >20070101]
\t[KORGOVBUS 2004017-20061201]
OCCUPIER
\t[IRQOCC 1920030320-20060520]
\t[IRQGOV 20060521-20061231]
COTE_D\u{FFFD}IVOIRE_ [CIV]
BAD_DAY
\t[SYRGOV 010230-020101]
\t[SYRMIL 020101-010101]
\t[SYRGOV 20021312-20030101]
\t[SYRGO >020101]
\t[SYRGOV ~020101]
GUEHENNO_ [IGOUNO 000101-080801] [---]
U.N._
+UN_ ; old note
UN_SECRETARY_GENERAL
\t[IGOUNO]
LONELY_
---STOP---
IGNORED [SYR]
";

    fn petr() -> (Dictionary, Vec<Diagnostic>) {
        let mut dct = Dictionary::new();
        let issues = dct.load_petrarch("p.actors", PETR);
        (dct, issues)
    }

    #[test]
    fn petrarch_dates_and_forms() {
        let (dct, _) = petr();
        let r = |n: &str, s: &str| code_of(&dct.resolve(n, Some(d(s)), None));
        // YYMMDD-YYMMDD with the two-digit-year rule, inclusive bounds, >YYMMDD.
        assert_eq!(r("Barack Obama", "1978-01-01").as_deref(), Some("USAELI"));
        assert_eq!(r("Barack Obama", "2000-01-01").as_deref(), Some("USAELI"));
        assert_eq!(
            r("President Barack Obama", "2009-01-20").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(r("Mr. Obama", "2016-01-20").as_deref(), Some("USAGOV"));
        assert!(matches!(
            dct.resolve("Barack Obama", Some(d("2005-01-01")), None),
            Resolution::Uncovered { .. }
        ));
        // Hand-over day shared by two intervals: the newer one.
        assert_eq!(r("George W. Bush", "2001-01-19").as_deref(), Some("USAELI"));
        assert_eq!(r("George W. Bush", "2001-01-20").as_deref(), Some("USAGOV"));
        assert_eq!(r("George W Bush", "2009-01-20").as_deref(), Some("USAGOV"));
        // Default after the dated codes.
        assert_eq!(r("George W. Bush", "2009-01-21").as_deref(), Some("USAELI"));
        assert_eq!(r("United Nations", "2020-01-01").as_deref(), Some("IGOUNO"));
        // Inline dated block, inline default.
        assert_eq!(
            r("Javier de Cuellar", "1985-01-01").as_deref(),
            Some("IGOUNO")
        );
        assert_eq!(r("Javier de Cuellar", "1995-01-01").as_deref(), Some("ELI"));
        // "> 140608" with a space.
        assert_eq!(r("Adel el Sisi", "2014-06-08").as_deref(), Some("EGYGOV"));
        assert_eq!(r("Adel el Sisi", "2014-06-07"), None);
        // <YYYYMMDD, inclusive, after an inline comment.
        assert_eq!(r("Old Man", "1950-01-01").as_deref(), Some("SYRELI"));
        assert_eq!(r("Old Man", "1950-01-02"), None);
        // 8-digit dates on both sides.
        assert_eq!(r("Occupier", "2006-05-21").as_deref(), Some("IRQGOV"));
        // Null code as default.
        assert_eq!(r("Guehenno", "2010-01-01").as_deref(), Some(NULL_CODE));
        assert_eq!(r("Guehenno", "2005-01-01").as_deref(), Some("IGOUNO"));
        // Comments and STOP.
        assert!(matches!(
            dct.resolve("Ignored", None, None),
            Resolution::Unknown { .. }
        ));
        assert!(matches!(
            dct.resolve("NOT_READ", None, None),
            Resolution::Unknown { .. }
        ));
        // A codeless entry takes the next entry's codes.
        let Resolution::Resolved { actor, code, .. } = dct.resolve("UN", None, None) else {
            panic!()
        };
        assert_eq!(code, "IGOUNO");
        assert_eq!(actor.name, "U.N.");
        assert_eq!(actor.aliases, vec!["UN SECRETARY GENERAL"]);
        // At the end of the file it is known, with nothing to resolve to.
        let Resolution::Uncovered { intervals, .. } = dct.resolve("Lonely", None, None) else {
            panic!()
        };
        assert!(intervals.is_empty());
        assert_eq!(dct.len(), 13);
    }

    #[test]
    fn petrarch_dirty_input_is_reported_with_lines() {
        let (dct, issues) = petr();
        let find = |rule: &str, line: u64| {
            issues
                .iter()
                .find(|i| i.rule == rule && i.line == Some(line))
                .unwrap_or_else(|| panic!("no {rule} at {line}: {issues:#?}"))
        };
        let seven = find("dict-bad-date", 20);
        assert!(
            seven.message.contains("\"2004017\" has 7 digits"),
            "{}",
            seven.message
        );
        assert!(seven.message.contains("PETRARCH reads it as 2020-04-01"));
        assert_eq!(seven.severity, Severity::Error);
        let ten = find("dict-bad-date", 22);
        assert!(ten.message.contains("10 digits") && ten.message.contains("1920-03-03"));
        assert_eq!(ten.help, vec!["its last eight digits read 2003-03-20"]);
        assert!(find("dict-replacement-char", 24)
            .message
            .contains("COTE D\u{FFFD}IVOIRE"));
        assert!(find("dict-bad-date", 26)
            .message
            .contains("no such month or day"));
        assert!(find("dict-bad-date", 27)
            .message
            .contains("ends (2001-01-01) before"));
        assert!(find("dict-bad-date", 28).message.contains("20021312"));
        assert!(find("dict-bad-code", 29).message.contains("SYRGO"));
        assert!(find("dict-bad-date", 30).message.contains("~020101"));
        assert!(find("dict-no-code", 32)
            .message
            .ends_with("take the codes of the next entry, UN SECRETARY GENERAL (line 34)"));
        assert_eq!(find("dict-no-code", 36).message, "LONELY has no code");
        // Ban Ki-moon keeps his valid restriction only.
        let Resolution::Resolved { actor, .. } =
            dct.resolve("Ban Ki-moon", Some(d("2008-01-01")), None)
        else {
            panic!()
        };
        assert_eq!(actor.codes.len(), 1);
        // Every issue is on a real line.
        assert!(issues.iter().all(|i| i
            .line
            .is_some_and(|l| l > 0 && l <= PETR.lines().count() as u64)));
        // BAD_DAY has blocks but all were rejected: no extra dict-no-code.
        assert!(!issues
            .iter()
            .any(|i| i.rule == "dict-no-code" && i.line == Some(25)));
    }

    #[test]
    fn petrarch_syntax_errors() {
        let mut dct = Dictionary::new();
        let issues = dct.load_petrarch(
            "x",
            "\t[SYR]\n+ORPHAN\nA_ [SYR\nB +SYN [SYRGOV]\n+C [SYRMIL]\n [SYRGOV]\n",
        );
        let rules: Vec<(&str, Option<u64>)> = issues.iter().map(|i| (i.rule, i.line)).collect();
        assert_eq!(
            rules,
            vec![
                ("dict-syntax", Some(1)),
                ("dict-syntax", Some(2)),
                ("dict-syntax", Some(3)),
                ("dict-syntax", Some(5))
            ]
        );
        // Codes on a synonym line are ignored, not the line: a warning.
        assert_eq!(issues[3].severity, Severity::Warning);
        assert_eq!(issues[2].severity, Severity::Error);
        let Resolution::Resolved { code, .. } = dct.resolve("C", None, None) else {
            panic!()
        };
        assert_eq!(code, "SYRGOV");
    }

    #[test]
    fn dates_follow_the_two_digit_year_rule() {
        assert_eq!(petr_date("300101").unwrap(), d("2030-01-01"));
        assert_eq!(petr_date("310101").unwrap(), d("1931-01-01"));
        assert_eq!(petr_date("000229").unwrap(), d("2000-02-29"));
        assert!(petr_date("010229").is_err());
        assert_eq!(petr_date("19000228").unwrap(), d("1900-02-28"));
        assert!(petr_date("19000229").is_err());
        let m = petr_date("201005011").unwrap_err().message;
        assert!(m.contains("9 digits") && m.contains("2010-05-01"), "{m}");
        let m = petr_date("12345").unwrap_err().message;
        assert!(m.contains("rejects"), "{m}");
        assert!(petr_date("").is_err());
    }
}
