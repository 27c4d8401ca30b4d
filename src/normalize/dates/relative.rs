//! Relative expressions (`la veille`, `le week-end dernier`, `three days ago`…) and their
//! arithmetic on the anchor day.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::collections::HashMap;
use std::sync::LazyLock;

use super::period::Part;
use super::words::{count, weekday_word};
use super::written::complete;
use super::{out_of_range, span, Cx, DateSpan, Out, Precision, RELATIVE_DATE_UNANCHORED};
use crate::diagnostic::Issue;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Dir {
    OnOrBefore,
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Rel {
    Days(i64),
    Wd(Weekday, Dir),
    LastWeekend,
    ThisWeekend,
    Week(i64),
    Month(i32),
    Year(i32),
    /// The `n` units ending on the anchor day.
    Past(u32, Unit),
    /// A few days (7 at most) after, or before, the anchor day.
    Few(bool),
    /// A third of the month `k` months from the anchor's (`au début du mois`, `late last month`).
    PartMonth(i32, Part),
    /// From the start of the anchor's week or month to the day before the anchor.
    EarlierThis(Unit),
}

/// Fixed expressions (folded), spellings separated by `|`.
const PHRASES: &[(Rel, &str)] = &[
    (
        Rel::Days(0),
        "aujourd'hui|ce jour|ce jour-la|le jour meme|le meme jour|today",
    ),
    (
        Rel::Days(0),
        "the same day|that day|that same day|on the same day",
    ),
    (
        Rel::Days(-1),
        "hier|la veille|yesterday|the day before|the previous day",
    ),
    (Rel::Days(-2), "avant-hier|the day before yesterday"),
    (
        Rel::Days(1),
        "demain|le lendemain|tomorrow|the next day|the following day|the day after",
    ),
    (Rel::Days(2), "apres-demain|the day after tomorrow"),
    (
        Rel::LastWeekend,
        "le week-end dernier|le weekend dernier|le week-end precedent",
    ),
    (
        Rel::LastWeekend,
        "le week-end precedant|last weekend|last week-end|the previous weekend",
    ),
    (Rel::LastWeekend, "the weekend before"),
    (
        Rel::ThisWeekend,
        "ce week-end|ce weekend|this weekend|this week-end",
    ),
    (
        Rel::Week(-1),
        "la semaine derniere|la semaine precedente|last week|the previous week",
    ),
    (Rel::Week(-1), "the week before"),
    (Rel::Week(0), "cette semaine|this week"),
    (
        Rel::Week(1),
        "la semaine prochaine|la semaine suivante|next week|the following week",
    ),
    (Rel::Month(0), "ce mois-ci|ce mois|this month"),
    (
        Rel::Month(-1),
        "le mois dernier|le mois precedent|last month|the previous month",
    ),
    (Rel::Month(1), "le mois prochain|next month"),
    (
        Rel::EarlierThis(Unit::Week),
        "plus tot cette semaine|plus tot dans la semaine|earlier this week|earlier in the week",
    ),
    (
        Rel::EarlierThis(Unit::Month),
        "plus tot ce mois-ci|plus tot dans le mois|earlier this month|earlier in the month",
    ),
    (Rel::Year(0), "cette annee|this year"),
    (Rel::Year(-1), "l'an dernier|l'annee derniere|last year"),
    (Rel::Year(1), "l'an prochain|l'annee prochaine|next year"),
    (
        Rel::Few(false),
        "quelques jours avant|quelques jours plus tot|il y a quelques jours",
    ),
    (
        Rel::Few(false),
        "a few days before|a few days earlier|a few days ago",
    ),
    (
        Rel::Few(true),
        "quelques jours apres|quelques jours plus tard|a few days after",
    ),
    (Rel::Few(true), "a few days later"),
];

/// [`PHRASES`] by spelling; the first entry keeps a spelling listed twice.
static PHRASE: LazyLock<HashMap<&str, Rel>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (rel, spellings) in PHRASES {
        for p in spellings.split('|') {
            map.entry(p).or_insert(*rel);
        }
    }
    map
});

/// The words of `s` when it has at most `N`, without allocating: most texts tried here are
/// not relative.
fn words<const N: usize>(s: &str) -> Option<([&str; N], usize)> {
    let mut out = [""; N];
    let mut n = 0;
    for w in s.split(' ') {
        *out.get_mut(n)? = w;
        n += 1;
    }
    Some((out, n))
}

fn unit(w: &str) -> Option<Unit> {
    match w {
        "jour" | "jours" | "day" | "days" => Some(Unit::Day),
        "semaine" | "semaines" | "week" | "weeks" => Some(Unit::Week),
        "mois" | "month" | "months" => Some(Unit::Month),
        _ => None,
    }
}

/// `en deux semaines`, `au cours des 10 derniers jours`, `in the past two weeks`.
fn window_rel(s: &str) -> Option<Rel> {
    const PREFIXES: [&str; 18] = [
        "au cours des",
        "pendant les",
        "durant les",
        "sur les",
        "en",
        "les",
        "ces",
        "over the past",
        "over the last",
        "in the past",
        "in the last",
        "during the past",
        "during the last",
        "for the past",
        "the past",
        "the last",
        "past",
        "over",
    ];
    PREFIXES.iter().find_map(|p| {
        let rest = s.strip_prefix(p)?.strip_prefix(' ')?;
        let (words, n) = words::<3>(rest)?;
        match &words[..n] {
            [n, u] | [n, "derniers" | "dernieres", u] => Some(Rel::Past(count(n)?, unit(u)?)),
            _ => None,
        }
    })
}

/// `il y a 3 jours`, `3 days ago`, `deux semaines plus tard`.
fn shift_rel(s: &str) -> Option<Rel> {
    let (words, n) = words::<5>(s)?;
    let (n, u, sign) = match &words[..n] {
        ["il", "y", "a", n, u] => (n, u, -1),
        [n, u, "ago" | "earlier" | "before" | "avant"] | [n, u, "plus", "tot"] => (n, u, -1),
        [n, u, "later" | "after" | "apres"] | [n, u, "plus", "tard"] => (n, u, 1),
        _ => return None,
    };
    let days = match unit(u)? {
        Unit::Day => i64::from(count(n)?),
        Unit::Week => 7 * i64::from(count(n)?),
        Unit::Month => return None,
    };
    Some(Rel::Days(sign * days))
}

/// `dimanche`, `le même dimanche`, `dimanche dernier`, `last Sunday`, `next Monday`.
fn weekday_rel(s: &str) -> Option<Rel> {
    const PREFIXES: [(Dir, &[&str]); 3] = [
        (Dir::Before, &["last ", "the previous "]),
        (Dir::After, &["next ", "the following ", "the next "]),
        (
            Dir::OnOrBefore,
            &[
                "le meme ", "ce meme ", "ce ", "le ", "on ", "this ", "that ", "",
            ],
        ),
    ];
    let mut all = PREFIXES
        .iter()
        .flat_map(|(dir, ps)| ps.iter().map(move |p| (*dir, p)));
    all.find_map(|(dir, p)| {
        let mut words = s.strip_prefix(p)?.split(' ');
        let (wd, _) = weekday_word(words.next()?)?;
        let dir = match (words.next(), words.next()) {
            (None, _) => dir,
            (Some("dernier" | "precedent" | "precedant" | "passe" | "before"), None) => Dir::Before,
            (Some("prochain" | "suivant" | "after"), None) => Dir::After,
            _ => return None,
        };
        Some(Rel::Wd(wd, dir))
    })
}

fn rel_of(s: &str) -> Option<Rel> {
    PHRASE
        .get(s)
        .copied()
        .or_else(|| weekday_rel(s))
        .or_else(|| window_rel(s))
        .or_else(|| shift_rel(s))
}

fn shift(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn apply(rel: Rel, d: NaiveDate) -> Option<DateSpan> {
    let monday = d.week(Weekday::Mon).checked_first_day()?;
    let on = |w: Weekday, d: NaiveDate| d.week(w).checked_first_day().map(DateSpan::day);
    match rel {
        Rel::Days(n) => shift(d, n).map(DateSpan::day),
        Rel::Wd(w, Dir::OnOrBefore) => on(w, d),
        Rel::Wd(w, Dir::Before) => on(w, d.pred_opt()?),
        Rel::Wd(w, Dir::After) => d
            .succ_opt()?
            .week(w.succ())
            .checked_last_day()
            .map(DateSpan::day),
        Rel::LastWeekend => DateSpan::range(shift(monday, -2)?, shift(monday, -1)?),
        Rel::ThisWeekend => {
            let saturday = d.week(Weekday::Sat).checked_first_day()?;
            DateSpan::range(saturday, shift(saturday, 1)?)
        }
        Rel::Week(k) => {
            let start = shift(monday, k.checked_mul(7)?)?;
            Some(span(start, shift(start, 6)?, Precision::Week))
        }
        Rel::Month(k) => {
            let (first, m) = (d.with_day(1)?, Months::new(k.unsigned_abs()));
            let first = if k >= 0 {
                first.checked_add_months(m)
            } else {
                first.checked_sub_months(m)
            }?;
            DateSpan::month(first.year(), first.month())
        }
        Rel::Year(k) => DateSpan::year(d.year().checked_add(k)?),
        Rel::Past(n, unit) => {
            let start = match unit {
                Unit::Day => shift(d, 1 - i64::from(n))?,
                Unit::Week => shift(d, 1 - 7 * i64::from(n))?,
                Unit::Month => shift(d.checked_sub_months(Months::new(n))?, 1)?,
            };
            DateSpan::range(start, d)
        }
        Rel::Few(true) => DateSpan::range(shift(d, 1)?, shift(d, 7)?),
        Rel::Few(false) => DateSpan::range(shift(d, -7)?, shift(d, -1)?),
        Rel::PartMonth(k, part) => part.of(apply(Rel::Month(k), d)?),
        Rel::EarlierThis(unit) => {
            let start = if unit == Unit::Week {
                monday
            } else {
                d.with_day(1)?
            };
            // Said on the first day, "earlier this week" can only mean that day.
            DateSpan::range(start, shift(d, -1)?.max(start))
        }
    }
}

/// Applies `rel` to both ends of the anchor; the result spans both outcomes.
fn resolve(rel: Rel, anchor: DateSpan) -> Result<DateSpan, Issue> {
    let a = apply(rel, anchor.start).ok_or_else(out_of_range)?;
    let b = apply(rel, anchor.end).ok_or_else(out_of_range)?;
    if a == b {
        return Ok(a);
    }
    DateSpan::range(a.start, b.end).ok_or_else(out_of_range)
}

/// `rel` resolved against the document's date.
pub(super) fn resolve_rel(cx: &Cx, rel: Rel) -> Out {
    let reference = cx.ctx.reference.ok_or_else(|| {
        let msg = format!(
            "\"{}\" is relative, and the document has no date to resolve it against",
            cx.text
        );
        Issue::new(RELATIVE_DATE_UNANCHORED, msg)
            .help("give the document its date, or write the date in full")
    })?;
    resolve(rel, reference).map(|span| (span, vec![]))
}

/// A relative expression, alone against the document's date or anchored on a date it carries.
pub(super) fn relative(cx: &Cx, s: &str) -> Option<Out> {
    if let Some(rel) = rel_of(s) {
        return Some(resolve_rel(cx, rel));
    }
    // "<expression> du|de|of <date>", or "<expression ending in before/after> [le] <date>".
    s.match_indices(' ').find_map(|(i, _)| {
        let (head, tail) = (&s[..i], &s[i + 1..]);
        let last = head.rsplit(' ').next().unwrap_or(head);
        let directional =
            ["before", "after", "avant", "apres", "precedant", "suivant"].contains(&last);
        let connected = ["du ", "de ", "d'", "of "]
            .iter()
            .find_map(|c| tail.strip_prefix(c));
        let date =
            connected.or_else(|| directional.then(|| tail.strip_prefix("le ").unwrap_or(tail)))?;
        let rel = rel_of(head)?;
        let anchor = complete(cx, date)?;
        Some(anchor.and_then(|(a, w)| resolve(rel, a).map(|span| (span, w))))
    })
}
