//! Dates written in words: `dimanche 16 février 2020`, `February 16, 2020`, `1er mars`,
//! `février 2020`, with the year taken from the document when it is missing.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use super::numeric::{iso_single, numeric};
use super::words::{long_date, month_word, number, weekday_name, weekday_word};
use super::{
    invalid, month_span, out_of_range, ymd, Cx, DateSpan, Lang, Out, RELATIVE_DATE_UNANCHORED,
    WEEKDAY_MISMATCH,
};
use crate::diagnostic::Issue;
use crate::text::date_words as fold;

/// The pieces of a written date; missing ones may come from the other end of a range or the document.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Parts {
    pub(super) day: Option<u32>,
    pub(super) month: Option<u32>,
    pub(super) year: Option<i32>,
    pub(super) weekday: Option<(Weekday, Lang)>,
    pub(super) lang: Option<Lang>,
    /// Opened by `le`, `ce`, `on` or `the`: with a weekday, what makes `le 14` a day of the
    /// document's month rather than a number.
    pub(super) article: bool,
}

impl Parts {
    /// `le 14`, `on the 14th`, `dimanche 16`: a day of the document's month.
    fn bare_day(&self) -> bool {
        self.day.is_some()
            && self.month.is_none()
            && self.year.is_none()
            && (self.article || self.weekday.is_some())
    }
}

#[derive(Clone, Copy)]
enum Tok {
    Day(u32),
    Year(i32),
    Month(u32),
    Of,
}

fn parts(s: &str) -> Option<Parts> {
    let words: Vec<&str> = s.split(' ').collect();
    let mut i = words
        .iter()
        .take_while(|w| ["le", "ce", "on", "the"].contains(w))
        .count();
    let mut p = Parts {
        article: i > 0,
        ..Parts::default()
    };
    if let Some(wd) = words.get(i).and_then(|w| weekday_word(w)) {
        (p.weekday, p.lang) = (Some(wd), Some(wd.1));
        i += 1 + words[i + 1..]
            .iter()
            .take_while(|w| ["le", "the"].contains(w))
            .count();
    }
    let mut toks = Vec::new();
    for w in &words[i..] {
        toks.push(if *w == "of" {
            Tok::Of
        } else if let Some((m, lang)) = month_word(w) {
            p.lang = lang.or(p.lang);
            Tok::Month(m)
        } else {
            match number(w)? {
                (n, 4, false) => Tok::Year(n as i32),
                (n, 1..=2, _) => Tok::Day(n),
                _ => return None,
            }
        });
    }
    use Tok::*;
    let rest = match toks.as_slice() {
        [Day(d), Month(m), rest @ ..]
        | [Day(d), Of, Month(m), rest @ ..]
        | [Month(m), Day(d), rest @ ..] => {
            (p.day, p.month) = (Some(*d), Some(*m));
            rest
        }
        [Month(m), rest @ ..] => {
            p.month = Some(*m);
            rest
        }
        [Day(d), rest @ ..] => {
            p.day = Some(*d);
            rest
        }
        _ => return None,
    };
    match rest {
        [] => {}
        [Year(y)] => p.year = Some(*y),
        _ => return None,
    }
    (p.weekday.is_none() || p.day.is_some()).then_some(p)
}

/// Why a date without its year cannot be read: the document has no date.
pub(super) fn no_year(cx: &Cx) -> Issue {
    let msg = format!(
        "\"{}\" has no year, and the document has no date to take it from",
        cx.text
    );
    Issue::new(RELATIVE_DATE_UNANCHORED, msg).help("write the year, or give the document its date")
}

/// The year nearest the document's date for a date written without one.
pub(super) fn infer_year(cx: &Cx, month: u32) -> Result<i32, Issue> {
    let r = cx.ctx.reference.ok_or_else(|| no_year(cx))?;
    let gap = |s: DateSpan| {
        (r.start - s.end)
            .num_days()
            .max((s.start - r.end).num_days())
            .max(0)
    };
    (r.start.year() - 1..=r.end.year() + 1)
        .filter_map(|y| DateSpan::month(y, month).map(|s| (gap(s), y)))
        .min()
        .map(|(_, y)| y)
        .ok_or_else(|| invalid(format!("month {month} does not exist")))
}

pub(super) fn resolve_parts(cx: &Cx, p: Parts) -> Out {
    let lang = p.lang.or(cx.ctx.lang).unwrap_or(Lang::En);
    let span = match (p.month, p.day) {
        (None, Some(day)) if p.bare_day() => day_of_document_month(cx, day, lang)?,
        (None, _) => return Err(invalid(format!("\"{}\" has no month", cx.text))),
        (Some(month), day) => {
            let year = match p.year {
                Some(y) => y,
                None => infer_year(cx, month)?,
            };
            match day {
                Some(d) => DateSpan::day(ymd(year, month, d, lang)?),
                None => month_span(year, month)?,
            }
        }
    };
    let mut warnings = vec![];
    if let (Some((given, wl)), Some(_)) = (p.weekday, p.day) {
        if span.start == span.end && span.start.weekday() != given {
            let right = weekday_name(span.start.weekday(), wl);
            let (date, given_name) = (long_date(span.start, wl), weekday_name(given, wl));
            let msg = format!("{date} is a {right}, not {given_name}");
            let help = format!("write \"{}\"", fix_weekday(cx.text, given, right));
            warnings.push(Issue::new(WEEKDAY_MISMATCH, msg).help(help));
        }
    }
    Ok((span, warnings))
}

/// Day `day` of the document's month, or of the month before when that day is after the
/// document's date; against a partial document date, the span of both outcomes.
fn day_of_document_month(cx: &Cx, day: u32, lang: Lang) -> Result<DateSpan, Issue> {
    let r = cx.ctx.reference.ok_or_else(|| {
        let msg = format!(
            "\"{}\" has no month, and the document has no date to take it from",
            cx.text
        );
        Issue::new(RELATIVE_DATE_UNANCHORED, msg)
            .help("write the month and year, or give the document its date")
    })?;
    let on = |d: NaiveDate| {
        let month = d.with_day(1).ok_or_else(out_of_range)?;
        let month = if day > d.day() {
            month
                .checked_sub_months(Months::new(1))
                .ok_or_else(out_of_range)?
        } else {
            month
        };
        ymd(month.year(), month.month(), day, lang)
    };
    DateSpan::range(on(r.start)?, on(r.end)?).ok_or_else(out_of_range)
}

/// The text with its first weekday word replaced, keeping an initial capital.
fn fix_weekday(text: &str, given: Weekday, right: &str) -> String {
    let mut done = false;
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if done || weekday_word(&fold(core)).map(|x| x.0) != Some(given) {
                return w.to_string();
            }
            done = true;
            let mut name = right.to_string();
            if core.starts_with(char::is_uppercase) {
                let first = name.chars().take(1).flat_map(char::to_uppercase);
                name = first.chain(right.chars().skip(1)).collect();
            }
            name + &w[core.len()..]
        })
        .collect();
    words.join(" ")
}

/// One end of a range, or a date standing alone: read already, or written pieces to complete.
pub(super) enum Side {
    Done(DateSpan, Vec<Issue>),
    Parts(Parts),
}

pub(super) fn side(cx: &Cx, s: &str) -> Option<Result<Side, Issue>> {
    let bare = ["le ", "on ", "the "]
        .iter()
        .find_map(|p| s.strip_prefix(p));
    let bare = bare.unwrap_or(s);
    if let Some(r) = iso_single(cx, bare).or_else(|| numeric(cx, bare)) {
        return Some(r.map(|(span, w)| Side::Done(span, w)));
    }
    parts(s).map(|p| Ok(Side::Parts(p)))
}

/// A date standing alone: ISO, numeric or written out, with a month at least.
pub(super) fn complete(cx: &Cx, s: &str) -> Option<Out> {
    match side(cx, s)? {
        Ok(Side::Done(span, w)) => Some(Ok((span, w))),
        Ok(Side::Parts(p)) => (p.month.is_some() || p.bare_day()).then(|| resolve_parts(cx, p)),
        Err(e) => Some(Err(e)),
    }
}
