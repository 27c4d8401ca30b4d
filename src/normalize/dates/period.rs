//! Periods named in words: parts of a month (`mi-février 2020`, `late last month`, `au début du
//! mois`), quarters (`premier trimestre 2020`, `Q1 2020`) and seasons (`printemps 2020`,
//! `winter 2019-20`). Written without a year, a period is the latest one that starts on or
//! before the document's date.

use chrono::Datelike;

use super::relative::{resolve_rel, Rel};
use super::words::{month_word, number};
use super::written::no_year;
use super::{
    invalid, month_span, out_of_range, span, Cx, DateSpan, Out, Precision, AMBIGUOUS_DATE,
};
use crate::diagnostic::Issue;

/// A third of a month, as news writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// `début`, `early`: days 1–10.
    Early,
    /// `mi-`, `mid-`: days 11–20.
    Mid,
    /// `fin`, `late`, `end of`: day 21 to the month's last day.
    Late,
}

impl Part {
    pub(super) fn of(self, month: DateSpan) -> Option<DateSpan> {
        let (first, last) = match self {
            Part::Early => (1, 10),
            Part::Mid => (11, 20),
            Part::Late => (21, month.end.day()),
        };
        let (start, end) = (month.start.with_day(first)?, month.start.with_day(last)?);
        Some(span(start, end, Precision::PartMonth))
    }
}

/// Every period form, in the order tried.
pub(super) fn period(cx: &Cx, s: &str) -> Option<Out> {
    let s = skip_lead(s);
    part_of_month(cx, s)
        .or_else(|| quarter(cx, s))
        .or_else(|| season(cx, s))
}

/// Words that may open a period and change nothing: `à la mi-février`, `in early February`,
/// `au premier trimestre`, `pendant l'été 2020`.
fn skip_lead(mut s: &str) -> &str {
    const LEAD: [&str; 14] = [
        "a", "au", "en", "la", "le", "vers", "pendant", "durant", "in", "at", "the", "around",
        "during", "over",
    ];
    while let Some((w, rest)) = s.split_once(' ') {
        if !LEAD.contains(&w) {
            break;
        }
        s = rest;
    }
    s.strip_prefix("l'").unwrap_or(s)
}

/// `début février 2020`, `mi-février`, `à la fin du mois de février 2020`, `fin du mois`,
/// `early February 2020`, `mid-month`, `the end of last month`.
fn part_of_month(cx: &Cx, s: &str) -> Option<Out> {
    let cut = s.find([' ', '-']).unwrap_or(s.len());
    let part = match &s[..cut] {
        "debut" | "early" | "beginning" | "start" => Part::Early,
        "mi" | "mid" | "milieu" | "middle" => Part::Mid,
        "fin" | "late" | "end" => Part::Late,
        _ => return None,
    };
    let mut rest = s[cut..].trim_start_matches([' ', '-']);
    while let Some(r) = ["de ", "du ", "d'", "of ", "in ", "the "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
    {
        rest = r;
    }
    if let Some(k) = month_from_document(rest) {
        return Some(resolve_rel(cx, Rel::PartMonth(k, part)));
    }
    let rest = ["mois de ", "month of "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let (month, year) = month_year(rest)?;
    let month = match year {
        Some(y) => month_span(y, month),
        None => latest(cx, |y| DateSpan::month(y, month)),
    };
    Some(month.and_then(|m| Ok((part.of(m).ok_or_else(out_of_range)?, vec![]))))
}

/// The month a phrase names from the document's own: `mois`, `this month` (0), `mois dernier`,
/// `last month` (-1), `mois prochain`, `next month` (1).
fn month_from_document(s: &str) -> Option<i32> {
    Some(match s {
        "mois" | "month" | "ce mois" | "ce mois-ci" | "mois en cours" | "this month"
        | "current month" => 0,
        "mois dernier" | "mois precedent" | "last month" | "previous month" => -1,
        "mois prochain" | "mois suivant" | "next month" | "following month" => 1,
        _ => return None,
    })
}

/// `février`, `février 2020`.
fn month_year(s: &str) -> Option<(u32, Option<i32>)> {
    let mut words = s.split(' ');
    let (month, _) = month_word(words.next()?)?;
    let year = maybe_year(words.next())?;
    words.next().is_none().then_some((month, year))
}

/// A year in four digits.
fn year(w: &str) -> Option<i32> {
    match number(w)? {
        (y, 4, false) => Some(y as i32),
        _ => None,
    }
}

/// No word: `Some(None)`; a year: `Some(Some(year))`; any other word: `None`.
fn maybe_year(w: Option<&str>) -> Option<Option<i32>> {
    w.map_or(Some(None), |w| year(w).map(Some))
}

/// The latest period built by `of_year` that starts on or before the document's date: a period
/// written without its year has happened (as "the document's year, or the year before when
/// the period starts after the document's date").
fn latest(cx: &Cx, of_year: impl Fn(i32) -> Option<DateSpan>) -> Result<DateSpan, Issue> {
    let r = cx.ctx.reference.ok_or_else(|| no_year(cx))?;
    let y = r.end.year();
    // A winter is named by the year of its January, so it may start in the year before its name.
    [y + 1, y, y - 1]
        .into_iter()
        .filter_map(of_year)
        .find(|s| s.start <= r.end)
        .ok_or_else(out_of_range)
}

/// `premier trimestre 2020`, `1er trimestre`, `T1 2020`, `Q1 2020`, `2020-Q1`,
/// `the first quarter of 2020`.
fn quarter(cx: &Cx, s: &str) -> Option<Out> {
    let mut words = s.split(' ');
    let first = words.next()?;
    let (q, year) = if let Some(q) = quarter_code(first) {
        (q, maybe_year(words.next())?)
    } else if let Some((y, q)) = first.split_once('-') {
        (quarter_code(q)?, Some(year(y)?))
    } else if let Some(q) = quarter_code(words.clone().next()?) {
        words.next();
        (q, Some(year(first)?))
    } else {
        let q = ordinal(first)?;
        if !matches!(words.next()?, "trimestre" | "quarter") {
            return None;
        }
        let mut next = words.next();
        if matches!(next, Some("de" | "of" | "du")) {
            next = Some(words.next()?);
        }
        (q, maybe_year(next)?)
    };
    if words.next().is_some() {
        return None;
    }
    if !(1..=4).contains(&q) {
        let msg = format!("quarter {q} does not exist: a year has four");
        return Some(Err(invalid(msg)));
    }
    let of_year = |y: i32| {
        let (a, b) = (DateSpan::month(y, 3 * q - 2)?, DateSpan::month(y, 3 * q)?);
        Some(span(a.start, b.end, Precision::Quarter))
    };
    Some(
        match year {
            Some(y) => of_year(y).ok_or_else(out_of_range),
            None => latest(cx, of_year),
        }
        .map(|s| (s, vec![])),
    )
}

/// `q1`, `t1` (French `trimestre`).
fn quarter_code(w: &str) -> Option<u32> {
    let d = w.strip_prefix('q').or_else(|| w.strip_prefix('t'))?;
    (d.len() == 1).then(|| d.parse().ok())?
}

/// `premier`, `1er`, `second`, `2e`, `third`, `4th`.
fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "premier" | "first" => 1,
        "deuxieme" | "second" => 2,
        "troisieme" | "third" => 3,
        "quatrieme" | "fourth" => 4,
        _ => match number(w)? {
            (n, 1, true) => n,
            _ => return None,
        },
    })
}

/// Meteorological seasons of the northern hemisphere, by their first month.
const SEASONS: [(&str, u32); 9] = [
    ("printemps", 3),
    ("spring", 3),
    ("ete", 6),
    ("summer", 6),
    ("automne", 9),
    ("autumn", 9),
    ("fall", 9),
    ("hiver", 12),
    ("winter", 12),
];

/// The season named by `year`: spring, summer and autumn lie in it; a winter runs from the
/// December before to the end of February, named by the year of its January.
fn season_span(year: i32, first_month: u32) -> Option<DateSpan> {
    let (start, end) = match first_month {
        12 => (DateSpan::month(year - 1, 12)?, DateSpan::month(year, 2)?),
        m => (DateSpan::month(year, m)?, DateSpan::month(year, m + 2)?),
    };
    Some(span(start.start, end.end, Precision::Season))
}

/// `printemps 2020`, `à l'automne 2020`, `l'été`, `spring 2020`, `the summer of 2020`,
/// `hiver 2019-2020`, `winter 2019/20`.
fn season(cx: &Cx, s: &str) -> Option<Out> {
    let mut words = s.split(' ');
    let word = words.next()?;
    let &(_, first_month) = SEASONS.iter().find(|(w, _)| *w == word)?;
    let mut next = words.next();
    if matches!(next, Some("de" | "of")) {
        next = Some(words.next()?);
    }
    if words.next().is_some() {
        return None;
    }
    let Some(y) = next else {
        let s = latest(cx, |y| season_span(y, first_month));
        return Some(s.map(|s| (s, vec![])));
    };
    if let Some(y) = year(y) {
        let s = season_span(y, first_month).ok_or_else(out_of_range);
        let warn = (first_month == 12).then(|| winter_warning(cx, word, y));
        return Some(s.map(|s| (s, warn.into_iter().collect())));
    }
    // Two years, for a winter only: `2019-2020`, `2019/20`.
    let (a, b) = y.split_once(['-', '/'])?;
    let a = year(a)?;
    if first_month != 12 || !matches!(b.len(), 2 | 4) || !b.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let next = if b.len() == 2 { (a + 1) % 100 } else { a + 1 };
    if b.parse() != Ok(next) {
        let msg = format!(
            "\"{}\": a winter runs over two years in a row, such as {a}-{}",
            cx.text,
            a + 1
        );
        return Some(Err(invalid(msg)));
    }
    Some(
        season_span(a + 1, 12)
            .ok_or_else(out_of_range)
            .map(|s| (s, vec![])),
    )
}

/// `hiver 2020` may be the winter that ends in 2020 or the one that starts in it.
fn winter_warning(cx: &Cx, word: &str, y: i32) -> Issue {
    let msg = format!(
        "\"{}\" could be the winter of {}-{y} or of {y}-{}; read as December {} to February {y}",
        cx.text,
        y - 1,
        y + 1,
        y - 1
    );
    let help = format!(
        "write both years: \"{word} {}-{y}\" or \"{word} {y}-{}\"",
        y - 1,
        y + 1
    );
    Issue::new(AMBIGUOUS_DATE, msg).help(help)
}
