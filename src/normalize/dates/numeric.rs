//! Dates written in digits: ISO 8601 days, months, years, weeks and intervals, and numeric
//! day/month/year dates.

use chrono::{Days, NaiveDate};

use super::words::long_date;
use super::{invalid, make_range, month_span, ymd, Cx, DateSpan, Lang, Order, Out, AMBIGUOUS_DATE};
use crate::diagnostic::Issue;

/// Every form written in digits, in the order they are tried.
pub(super) fn digits(cx: &Cx, s: &str) -> Option<Out> {
    iso_single(cx, s)
        .or_else(|| iso_interval(cx, s))
        .or_else(|| numeric(cx, s))
}

/// Whether `s` has the shape `pattern`, where `9` stands for an ASCII digit; letters match in
/// either case.
fn fits(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            _ => c.eq_ignore_ascii_case(&p),
        })
}

/// ISO 8601 forms without an interval; `None` when the text does not have an ISO shape.
pub(super) fn iso(s: &str, lang: Lang) -> Option<Result<DateSpan, Issue>> {
    // Only called once the shape has matched, so the slices are ASCII digits.
    let n = |from: usize, to: usize| s[from..to].parse::<u32>().unwrap_or(0);
    let y = || n(0, 4) as i32;
    let week = |w: u32| {
        DateSpan::iso_week(y(), w).ok_or_else(|| {
            let weeks = if DateSpan::iso_week(y(), 53).is_some() {
                53
            } else {
                52
            };
            invalid(format!(
                "week {w} does not exist: {} has {weeks} ISO weeks",
                y()
            ))
        })
    };
    Some(if fits(s, "9999") {
        DateSpan::year(y()).ok_or_else(|| invalid("year out of range"))
    } else if fits(s, "9999-99") {
        month_span(y(), n(5, 7))
    } else if fits(s, "9999-99-99") {
        ymd(y(), n(5, 7), n(8, 10), lang).map(DateSpan::day)
    } else if fits(s, "99999999") {
        ymd(y(), n(4, 6), n(6, 8), lang).map(DateSpan::day)
    } else if fits(s, "9999-w99") {
        week(n(6, 8))
    } else if fits(s, "9999-w99-9") {
        week(n(6, 8)).and_then(|w| match n(9, 10) {
            d @ 1..=7 => Ok(DateSpan::day(w.start + Days::new(u64::from(d - 1)))),
            d => Err(invalid(format!(
                "weekday {d} does not exist (1 = Monday .. 7 = Sunday)"
            ))),
        })
    } else {
        return None;
    })
}

pub(super) fn iso_single(cx: &Cx, s: &str) -> Option<Out> {
    iso(s, cx.lang()).map(|r| r.map(|span| (span, vec![])))
}

fn iso_interval(cx: &Cx, s: &str) -> Option<Out> {
    let (a, b) = s.split_once('/')?;
    let (a, b) = (iso(a, cx.lang())?, iso(b, cx.lang())?);
    Some(a.and_then(|a| b.and_then(|b| make_range(a, b, vec![]))))
}

/// `16/02/2020`, `16.02.2020`, `16-02-2020`, one or two digits for day and month.
pub(super) fn numeric(cx: &Cx, s: &str) -> Option<Out> {
    let sep = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut split = s.split(sep);
    let parts = [split.next()?, split.next()?, split.next()?];
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if split.next().is_some()
        || !parts.iter().all(digits)
        || parts[0].len() > 2
        || parts[1].len() > 2
    {
        return None;
    }
    if parts[2].len() != 4 {
        let e = invalid(format!("\"{}\" has a two-digit year", cx.text));
        return (parts[2].len() == 2).then(|| Err(e.help("write the year with four digits")));
    }
    let [a, b, y] = [0, 1, 2].map(|i| parts[i].parse::<u32>().unwrap_or(0));
    let day_first = match (a > 12, b > 12) {
        (true, false) => true,
        (false, true) => false,
        _ => cx.ctx.order == Order::DayFirst,
    };
    let (d, m) = if day_first { (a, b) } else { (b, a) };
    let date = match ymd(y as i32, m, d, cx.lang()) {
        Ok(date) => date,
        Err(e) => return Some(Err(e)),
    };
    let mut warnings = vec![];
    let settled = cx.ctx.order == Order::MonthFirst || cx.ctx.lang == Some(Lang::Fr);
    if a <= 12 && b <= 12 && a != b && !settled {
        let other = NaiveDate::from_ymd_opt(y as i32, d, m).map(|o| long_date(o, Lang::En));
        let (this, other) = (long_date(date, Lang::En), other.unwrap_or_default());
        let msg = format!("\"{}\" could be {this} or {other}; read day-first", cx.text);
        let help = format!(
            "write {} (ISO) or set the document's language or date order",
            date
        );
        warnings.push(Issue::new(AMBIGUOUS_DATE, msg).help(help));
    }
    Some(Ok((DateSpan::day(date), warnings)))
}
