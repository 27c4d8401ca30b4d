//! Dates written in digits: ISO 8601 days, months, years, weeks and intervals, and numeric
//! day/month/year dates.

use chrono::{Days, FixedOffset, NaiveDate, NaiveTime};

use super::words::long_date;
use super::{
    invalid, make_range, month_span, ymd, Cx, DateSpan, Lang, Order, Out, TimeOfDay, AMBIGUOUS_DATE,
};
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

/// An ISO 8601 date-time: `2020-02-16T10:00Z`, `2020-02-16 10:00:00+03:00`, `2020-02-16t10:00`.
/// The day is the one written, in the text's own offset; `None` when the text is not shaped as
/// a date followed by a time.
pub(super) fn date_time(cx: &Cx, s: &str) -> Option<Result<(DateSpan, TimeOfDay), Issue>> {
    let s = s.strip_suffix('.').unwrap_or(s);
    let (day, rest) = (s.get(..10)?, s.get(11..)?);
    let shaped = matches!(s.as_bytes()[10], b'T' | b't' | b' ')
        && fits(day, "9999-99-99")
        && rest
            .as_bytes()
            .get(..3)
            .is_some_and(|h| fits_bytes(h, b"99:"))
        && !rest.contains('/');
    if !shaped {
        return None;
    }
    let at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(at);
    Some(iso(day, cx.lang())?.and_then(|span| {
        let time = clock_time(clock).ok_or_else(|| {
            invalid(format!(
                "\"{clock}\" is not a time of day; write HH:MM or HH:MM:SS, from 00:00 to 23:59:59"
            ))
        })?;
        let offset = match zone {
            "" => None,
            z => Some(utc_offset(z).ok_or_else(|| {
                invalid(format!(
                    "\"{z}\" is not a UTC offset; write Z, +03:00 or -0500"
                ))
            })?),
        };
        Ok((span, TimeOfDay { time, offset }))
    }))
}

fn fits_bytes(s: &[u8], pattern: &[u8]) -> bool {
    s.len() == pattern.len()
        && s.iter().zip(pattern).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// `10:00`, `10:00:00`, `10:00:00.250`.
fn clock_time(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    if fits(s, "99:99") {
        return NaiveTime::parse_from_str(s, "%H:%M").ok();
    }
    let fraction = b.get(8..).unwrap_or_default();
    let fraction_ok = match fraction {
        [] => true,
        [b'.', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    (fits_bytes(b.get(..8)?, b"99:99:99") && fraction_ok)
        .then(|| NaiveTime::parse_from_str(s, "%H:%M:%S%.f").ok())?
}

/// `Z`, `+03:00`, `+0300`, `+03`, `-05:00`.
fn utc_offset(s: &str) -> Option<FixedOffset> {
    if s.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let n = |r: std::ops::Range<usize>| digits[r].parse::<i32>().ok();
    let (h, m) = if fits(digits, "99:99") || fits(digits, "9999") {
        (n(0..2)?, n(digits.len() - 2..digits.len())?)
    } else if fits(digits, "99") {
        (n(0..2)?, 0)
    } else {
        return None;
    };
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
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
