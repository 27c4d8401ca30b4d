//! Ranges (`du 3 au 16 février 2020`, `February 3-16, 2020`) and weeks of a day
//! (`semaine du 12 février 2020`).

use chrono::Datelike;

use super::written::{complete, infer_year, resolve_parts, side, Side};
use super::{invalid, make_range, out_of_range, Cx, DateSpan, Out, Precision};

/// Opening word, then the words that may separate the two ends.
const RANGE_WORDS: [(&str, &[&str]); 5] = [
    ("du", &[" au "]),
    ("de", &[" a "]),
    ("entre", &[" et "]),
    ("from", &[" to ", " until ", " till ", " through "]),
    ("between", &[" and "]),
];

fn range_splits(s: &str) -> Vec<(&str, &str)> {
    let mut out = vec![];
    if let Some((open, rest)) = s.split_once(' ') {
        for (_, closers) in RANGE_WORDS.iter().filter(|(o, _)| *o == open) {
            for c in *closers {
                if let Some(i) = rest.find(c) {
                    out.push((&rest[..i], &rest[i + c.len()..]));
                }
            }
        }
    }
    for (i, _) in s.match_indices('-') {
        let (l, r) = (&s[..i], &s[i + 1..]);
        if !(l.ends_with(char::is_alphabetic) && r.starts_with(char::is_alphabetic)) {
            out.push((l.trim(), r.trim()));
        }
    }
    out
}

pub(super) fn range(cx: &Cx, s: &str) -> Option<Out> {
    range_splits(s).into_iter().find_map(|(a, b)| {
        let (x, y) = (side(cx, a)?, side(cx, b)?);
        Some(x.and_then(|x| y.and_then(|y| combine(cx, x, y))))
    })
}

/// Joins two ends; a written end borrows the month and year it lacks from the other end.
fn combine(cx: &Cx, x: Side, y: Side) -> Out {
    let done = |side: Side| match side {
        Side::Done(span, w) => Ok((span, w)),
        Side::Parts(p) => resolve_parts(cx, p),
    };
    let ((a, mut w), (b, wb)) = match (x, y) {
        (Side::Parts(mut p), Side::Parts(mut q)) => {
            let later_month = p.month > q.month && q.month.is_some();
            (p.month, q.month) = (p.month.or(q.month), q.month.or(p.month));
            q.year = q.year.or(p.year);
            if let (None, Some(m)) = (q.year, q.month) {
                q.year = Some(infer_year(cx, m)?);
            }
            let borrowed = p.year.is_none();
            p.year = p.year.or(q.year);
            (p.lang, q.lang) = (p.lang.or(q.lang), q.lang.or(p.lang));
            let end = resolve_parts(cx, q)?;
            let mut start = resolve_parts(cx, p)?;
            // "du 28 décembre au 3 janvier 2020" starts in the year before.
            if borrowed && later_month && start.0.start > end.0.end {
                p.year = p.year.map(|y| y - 1);
                start = resolve_parts(cx, p)?;
            }
            (start, end)
        }
        (x, y) => (done(x)?, done(y)?),
    };
    w.extend(wb);
    make_range(a, b, w)
}

/// `semaine du 12 février 2020`, `week of 10 February 2020`: the ISO week of that day.
pub(super) fn week_of(cx: &Cx, s: &str) -> Option<Out> {
    let prefixes = ["la semaine du ", "semaine du ", "the week of ", "week of "];
    let rest = prefixes.iter().find_map(|p| s.strip_prefix(p))?;
    Some(
        complete(cx, rest)?.and_then(|(span, w)| match span.precision {
            Precision::Day => {
                let week = span.start.iso_week();
                let week = DateSpan::iso_week(week.year(), week.week()).ok_or_else(out_of_range)?;
                Ok((week, w))
            }
            _ => Err(invalid(format!(
                "\"{}\": a week of needs a single day",
                cx.text
            ))),
        }),
    )
}
