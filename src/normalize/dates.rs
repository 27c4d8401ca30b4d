//! Date normalization: a date as a coder wrote it becomes an interval of days with a precision.
//!
//! Input is matched case-insensitively, surrounding whitespace and one trailing period are ignored,
//! accents are optional (`fevrier` = `février`), commas and abbreviation periods are ignored, and
//! en/em dashes count as `-`. All calendar arithmetic goes through `chrono`.
//!
//! | form | examples | result |
//! |---|---|---|
//! | ISO day / month / year | `2020-02-16`, `20200216`, `2020-02`, `2020` | day, month, year |
//! | ISO week, week day | `2020-W07` (Monday..Sunday), `2020-W07-7` | week, day |
//! | ISO interval | `2020-02-03/2020-02-16`, `2020-02/2020-03` (each side any ISO form; the end side ends on the last day of its period) | range |
//! | numeric | `16/02/2020`, `16.02.2020`, `16-02-2020`, `1/3/2020` | day |
//! | long, French | `16 février 2020`, `dimanche 16 février 2020`, `16 févr. 2020`, `1er mars 2020`, `le 16 février 2020` | day |
//! | long, English | `February 16, 2020`, `16 Feb 2020`, `Sunday, February 16, 2020`, `1st March 2020`, `March 1st, 2020`, `the 16th of February 2020` | day |
//! | month and year | `février 2020`, `February 2020`, `Feb. 2020` | month |
//! | no year | `dimanche 16 février`, `février`: year taken from the document date (the nearest such date) | day, month |
//! | range | `du 3 au 16 février 2020`, `du 28 janvier au 3 février 2020`, `du 28 décembre au 3 janvier 2020`, `3-16 février 2020`, `entre le 3 et le 16 février 2020`, `de janvier à mars 2020`, `from 3 to 16 February 2020`, `between 3 and 16 February 2020`, `February 3-16, 2020` | range |
//! | week of | `semaine du 12 février 2020`, `week of 10 February 2020`: the Monday..Sunday week containing that day | week |
//!
//! Month names, full or abbreviated: French `janv. févr. fév. mars avr. mai juin juil. août sept.
//! oct. nov. déc.`; English `Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec`.
//!
//! Numeric dates are day-first unless [`Order::MonthFirst`] is set; a number above 12 settles the
//! order. `ambiguous-date` is raised when both numbers are at most 12 and differ, the order is the
//! default day-first and the document is not known to be French (English covers both US and UK use).
//!
//! Relative expressions are resolved against an anchor day `d`: the document's date, or a date the
//! expression carries itself (`la veille du 16 février 2020`, `the day before 16 February 2020`,
//! `le week-end précédant le 16 février 2020`, `trois jours avant le 16 février 2020`). When the
//! anchor is a whole period (a publication date of `2020-02`), the expression is applied to its
//! first and last day and the result spans both: `la veille` of February 2020 is 2020-01-31..2020-02-28.
//!
//! | French | English | result for anchor day `d` |
//! |---|---|---|
//! | `aujourd'hui`, `ce jour`, `le même jour`, `le jour même` | `today`, `the same day`, `that day` | `d` |
//! | `hier`, `la veille` | `yesterday`, `the day before`, `the previous day` | `d-1` |
//! | `avant-hier` | `the day before yesterday` | `d-2` |
//! | `demain`, `le lendemain` | `tomorrow`, `the next day`, `the following day`, `the day after` | `d+1` |
//! | `après-demain` | `the day after tomorrow` | `d+2` |
//! | `il y a N jours`, `N jours plus tôt`, `N jours avant` | `N days ago`, `N days earlier` | `d-N` (weeks: `7N`) |
//! | `N jours plus tard`, `N jours après` | `N days later`, `N days after` | `d+N` |
//! | `dimanche`, `ce dimanche`, `le même dimanche`, `le dimanche` | `Sunday`, `on Sunday`, `this Sunday` | latest Sunday on or before `d` |
//! | `dimanche dernier`, `le dimanche précédent` | `last Sunday`, `the previous Sunday` | latest Sunday strictly before `d` |
//! | `dimanche prochain`, `le dimanche suivant` | `next Sunday`, `the following Sunday` | first Sunday strictly after `d` |
//! | `ce week-end` | `this weekend` | the Saturday..Sunday containing `d`, or the latest one before it (range) |
//! | `le week-end dernier`, `le week-end précédent` | `last weekend`, `the weekend before` | the Saturday..Sunday just before `d`'s ISO week (range) |
//! | `cette semaine`, `la semaine dernière`, `la semaine prochaine` | `this week`, `last week`, `next week` | ISO week of `d`, before, after (week) |
//! | `ce mois-ci`, `le mois dernier`, `le mois prochain` | `this month`, `last month`, `next month` | month (month) |
//! | `cette année`, `l'an dernier`, `l'année dernière` | `this year`, `last year`, `next year` | year (year) |
//! | `en deux semaines`, `au cours des deux dernières semaines`, `les 10 derniers jours`, `en N jours` | `over two weeks`, `in the past two weeks`, `the last 10 days` | the N days (7N for weeks) ending on `d` (range) |
//! | `quelques jours avant`, `quelques jours plus tôt`, `il y a quelques jours` | `a few days before`, `a few days earlier`, `a few days ago` | `d-7..d-1` by convention (range) |
//! | `quelques jours après`, `quelques jours plus tard` | `a few days after`, `a few days later` | `d+1..d+7` by convention (range) |
//!
//! Every weekday works where Sunday is shown. A range whose two ends are the same day is a day.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;

use crate::diagnostic::Issue;
use crate::text::date_words as fold;

/// Unparseable text or an impossible date.
pub const INVALID_DATE: &str = "invalid-date";
/// A range whose end comes before its start.
pub const DATE_RANGE_REVERSED: &str = "date-range-reversed";
/// A relative expression (or a date without a year) and no document date.
pub const RELATIVE_DATE_UNANCHORED: &str = "relative-date-unanchored";
/// A weekday that does not match the date it is written with.
pub const WEEKDAY_MISMATCH: &str = "weekday-mismatch";
/// A numeric date whose day and month could be swapped.
pub const AMBIGUOUS_DATE: &str = "ambiguous-date";
/// A date that starts after the document's date.
pub const DATE_AFTER_PUBLICATION: &str = "date-after-publication";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Range,
}

impl Precision {
    pub const ALL: [Precision; 5] = [Self::Day, Self::Week, Self::Month, Self::Year, Self::Range];

    pub fn as_str(self) -> &'static str {
        ["day", "week", "month", "year", "range"][self as usize]
    }
}

/// An inclusive interval of days; `start <= end` always holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: Precision,
}

/// Callers guarantee `start <= end`.
const fn span(start: NaiveDate, end: NaiveDate, precision: Precision) -> DateSpan {
    DateSpan {
        start,
        end,
        precision,
    }
}

impl DateSpan {
    pub fn day(d: NaiveDate) -> Self {
        span(d, d, Precision::Day)
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(span(start, end, Precision::Month))
    }

    pub fn year(year: i32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
        Some(span(
            start,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
            Precision::Year,
        ))
    }

    /// The Monday..Sunday ISO week.
    pub fn iso_week(year: i32, week: u32) -> Option<Self> {
        let start = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        let end = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?;
        Some(span(start, end, Precision::Week))
    }

    /// A range; `None` when `end < start`, a day when both ends are the same day.
    pub fn range(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        match start.cmp(&end) {
            std::cmp::Ordering::Greater => None,
            std::cmp::Ordering::Equal => Some(DateSpan::day(start)),
            std::cmp::Ordering::Less => Some(span(start, end, Precision::Range)),
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// ISO 8601 text of the span: `2020-02-16`, `2020-W07`, `2020-02`, `2020`, `2020-02-03/2020-02-16`.
impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, week) = (self.start, self.start.iso_week());
        match self.precision {
            Precision::Day => write!(f, "{}", s.format("%Y-%m-%d")),
            Precision::Week => write!(f, "{:04}-W{:02}", week.year(), week.week()),
            Precision::Month => write!(f, "{}", s.format("%Y-%m")),
            Precision::Year => write!(f, "{:04}", s.year()),
            Precision::Range => write!(f, "{}/{}", s.format("%F"), self.end.format("%F")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    #[default]
    DayFirst,
    MonthFirst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateContext {
    /// The document's date: its publication date (possibly partial) or the day its text speaks from.
    pub reference: Option<DateSpan>,
    /// The document's language, if known.
    pub lang: Option<Lang>,
    /// How to read ambiguous numeric dates.
    pub order: Order,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub span: DateSpan,
    pub warnings: Vec<Issue>,
}

// Tables: items separated by `|` in calendar order, spellings of one item separated by spaces.
const MONTHS_FR: &str =
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
const MONTHS_EN: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
/// Abbreviations, several shared by both languages, so they do not tell the text's language.
const MONTHS_ABBR: &str =
    "jan janv|feb fev fevr|mar|apr avr|may|jun|jul juil|aug|sep sept|oct|nov|dec";
const WEEKDAYS_FR: &str = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
const WEEKDAYS_EN: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const WEEKDAYS_ABBR: &str = "mon|tue tues|wed|thu thurs|fri|sat|sun";
const NUMBERS: &str =
    "un une a an one|deux two|trois three|quatre four|cinq five|six|sept seven|huit eight|neuf nine|dix ten";

/// The 0-based position of the folded word `w` in a table.
fn position(table: &str, w: &str) -> Option<u32> {
    (0..)
        .zip(table.split('|'))
        .find(|(_, alts)| alts.split(' ').any(|a| fold(a) == w))
        .map(|x| x.0)
}

/// The weekday's name: French in lower case, English capitalized.
pub fn weekday_name(w: Weekday, lang: Lang) -> &'static str {
    let table = if lang == Lang::Fr {
        WEEKDAYS_FR
    } else {
        WEEKDAYS_EN
    };
    table
        .split('|')
        .nth(w.num_days_from_monday() as usize)
        .unwrap_or_default()
}

/// The month's name (1..=12): French in lower case, English capitalized.
pub fn month_name(month: u32, lang: Lang) -> Option<&'static str> {
    let table = if lang == Lang::Fr {
        MONTHS_FR
    } else {
        MONTHS_EN
    };
    table
        .split('|')
        .nth(usize::try_from(month).ok()?.checked_sub(1)?)
}

fn month_word(w: &str) -> Option<(u32, Option<Lang>)> {
    let full = |table, lang| position(table, w).map(|i| (i + 1, Some(lang)));
    full(MONTHS_FR, Lang::Fr)
        .or_else(|| full(MONTHS_EN, Lang::En))
        .or_else(|| position(MONTHS_ABBR, w).map(|i| (i + 1, None)))
}

fn weekday_word(w: &str) -> Option<(Weekday, Lang)> {
    let (i, lang) = position(WEEKDAYS_FR, w)
        .map(|i| (i, Lang::Fr))
        .or_else(|| {
            position(WEEKDAYS_EN, w)
                .or_else(|| position(WEEKDAYS_ABBR, w))
                .map(|i| (i, Lang::En))
        })?;
    Some((Weekday::try_from(u8::try_from(i).ok()?).ok()?, lang))
}

/// `16 février 2020`, `1er mars 2020`, `16 February 2020`.
fn long_date(d: NaiveDate, lang: Lang) -> String {
    let day = if d.day() == 1 && lang == Lang::Fr {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!(
        "{day} {} {}",
        month_name(d.month(), lang).unwrap_or_default(),
        d.year()
    )
}

type Out = Result<(DateSpan, Vec<Issue>), Issue>;

struct Cx<'a> {
    text: &'a str,
    ctx: &'a DateContext,
}

impl Cx<'_> {
    fn lang(&self) -> Lang {
        self.ctx.lang.unwrap_or(Lang::En)
    }
}

fn invalid(message: impl Into<String>) -> Issue {
    Issue::new(INVALID_DATE, message)
}

fn ymd(y: i32, m: u32, d: u32, lang: Lang) -> Result<NaiveDate, Issue> {
    let month = month_span(y, m)?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| match d {
        0 => invalid("day 0 does not exist"),
        _ => {
            let len = month.end.day();
            invalid(format!(
                "{} {y} has {len} days",
                month_name(m, lang).unwrap_or_default()
            ))
        }
    })
}

fn month_span(y: i32, m: u32) -> Result<DateSpan, Issue> {
    if !(1..=12).contains(&m) {
        return Err(invalid(format!("month {m} does not exist")));
    }
    DateSpan::month(y, m).ok_or_else(|| invalid(format!("year {y} is out of range")))
}

/// ISO 8601 forms without an interval; `None` when the text does not have an ISO shape.
fn iso(s: &str, lang: Lang) -> Option<Result<DateSpan, Issue>> {
    let shape: String = s
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
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
    Some(match shape.as_str() {
        "9999" => DateSpan::year(y()).ok_or_else(|| invalid("year out of range")),
        "9999-99" => month_span(y(), n(5, 7)),
        "9999-99-99" => ymd(y(), n(5, 7), n(8, 10), lang).map(DateSpan::day),
        "99999999" => ymd(y(), n(4, 6), n(6, 8), lang).map(DateSpan::day),
        "9999-w99" => week(n(6, 8)),
        "9999-w99-9" => week(n(6, 8)).and_then(|w| match n(9, 10) {
            d @ 1..=7 => Ok(DateSpan::day(w.start + Days::new(u64::from(d - 1)))),
            d => Err(invalid(format!(
                "weekday {d} does not exist (1 = Monday .. 7 = Sunday)"
            ))),
        }),
        _ => return None,
    })
}

fn iso_single(cx: &Cx, s: &str) -> Option<Out> {
    iso(s, cx.lang()).map(|r| r.map(|span| (span, vec![])))
}

fn iso_interval(cx: &Cx, s: &str) -> Option<Out> {
    let (a, b) = s.split_once('/')?;
    let (a, b) = (iso(a, cx.lang())?, iso(b, cx.lang())?);
    Some(a.and_then(|a| b.and_then(|b| make_range(a, b, vec![]))))
}

fn make_range(a: DateSpan, b: DateSpan, warnings: Vec<Issue>) -> Out {
    let span = DateSpan::range(a.start, b.end).ok_or_else(|| {
        let msg = format!(
            "the range ends on {} before it starts on {}",
            b.end, a.start
        );
        Issue::new(DATE_RANGE_REVERSED, msg).help("swap the two ends")
    })?;
    Ok((span, warnings))
}

/// `16/02/2020`, `16.02.2020`, `16-02-2020`, one or two digits for day and month.
fn numeric(cx: &Cx, s: &str) -> Option<Out> {
    let sep = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !parts.iter().all(digits) || parts[0].len() > 2 || parts[1].len() > 2 {
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

/// The pieces of a written date; missing ones may come from the other end of a range or the document.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
    weekday: Option<(Weekday, Lang)>,
    lang: Option<Lang>,
}

#[derive(Clone, Copy)]
enum Tok {
    Day(u32),
    Year(i32),
    Month(u32),
    Of,
}

/// `16`, `1er`, `1st`, `16th`, `2020` as (value, digit count, has an ordinal suffix).
fn number(w: &str) -> Option<(u32, usize, bool)> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &w[digits..];
    let ok = ["", "er", "re", "e", "eme", "st", "nd", "rd", "th"].contains(&suffix);
    if digits == 0 || digits > 4 || !ok {
        return None;
    }
    Some((w[..digits].parse().ok()?, digits, !suffix.is_empty()))
}

fn parts(s: &str) -> Option<Parts> {
    let words: Vec<&str> = s.split(' ').collect();
    let mut i = words
        .iter()
        .take_while(|w| ["le", "ce", "on", "the"].contains(w))
        .count();
    let mut p = Parts::default();
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

/// The year nearest the document's date for a date written without one.
fn infer_year(cx: &Cx, month: u32) -> Result<i32, Issue> {
    let r = cx.ctx.reference.ok_or_else(|| {
        let msg = format!(
            "\"{}\" has no year, and the document has no date to take it from",
            cx.text
        );
        Issue::new(RELATIVE_DATE_UNANCHORED, msg)
            .help("write the year, or give the document its date")
    })?;
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

fn resolve_parts(cx: &Cx, p: Parts) -> Out {
    let lang = p.lang.or(cx.ctx.lang).unwrap_or(Lang::En);
    let Some(month) = p.month else {
        return Err(invalid(format!("\"{}\" has no month", cx.text)));
    };
    let year = match p.year {
        Some(y) => y,
        None => infer_year(cx, month)?,
    };
    let span = match p.day {
        Some(d) => DateSpan::day(ymd(year, month, d, lang)?),
        None => month_span(year, month)?,
    };
    let mut warnings = vec![];
    if let (Some((given, wl)), Some(_)) = (p.weekday, p.day) {
        if span.start.weekday() != given {
            let right = weekday_name(span.start.weekday(), wl);
            let (date, given_name) = (long_date(span.start, wl), weekday_name(given, wl));
            let msg = format!("{date} is a {right}, not {given_name}");
            let help = format!("write \"{}\"", fix_weekday(cx.text, given, right));
            warnings.push(Issue::new(WEEKDAY_MISMATCH, msg).help(help));
        }
    }
    Ok((span, warnings))
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

enum Side {
    Done(DateSpan, Vec<Issue>),
    Parts(Parts),
}

fn side(cx: &Cx, s: &str) -> Option<Result<Side, Issue>> {
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
fn complete(cx: &Cx, s: &str) -> Option<Out> {
    match side(cx, s)? {
        Ok(Side::Done(span, w)) => Some(Ok((span, w))),
        Ok(Side::Parts(p)) => p.month.map(|_| resolve_parts(cx, p)),
        Err(e) => Some(Err(e)),
    }
}

/// Opening word, then the words that may separate the two ends.
const RANGE_WORDS: [(&str, &str); 5] = [
    ("du", "au"),
    ("de", "a"),
    ("entre", "et"),
    ("from", "to until till through"),
    ("between", "and"),
];

fn range_splits(s: &str) -> Vec<(&str, &str)> {
    let mut out = vec![];
    if let Some((open, rest)) = s.split_once(' ') {
        for (_, closers) in RANGE_WORDS.iter().filter(|(o, _)| *o == open) {
            for c in closers.split(' ') {
                let pat = format!(" {c} ");
                if let Some(i) = rest.find(&pat) {
                    out.push((&rest[..i], &rest[i + pat.len()..]));
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

fn range(cx: &Cx, s: &str) -> Option<Out> {
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

fn week_of(cx: &Cx, s: &str) -> Option<Out> {
    let prefixes = ["la semaine du ", "semaine du ", "the week of ", "week of "];
    let rest = prefixes.iter().find_map(|p| s.strip_prefix(p))?;
    Some(
        complete(cx, rest)?.and_then(|(span, w)| match span.precision {
            Precision::Day => Ok((apply(Rel::Week(0), span.start).ok_or_else(out_of_range)?, w)),
            _ => Err(invalid(format!(
                "\"{}\": a week of needs a single day",
                cx.text
            ))),
        }),
    )
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dir {
    OnOrBefore,
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rel {
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

fn count(w: &str) -> Option<u32> {
    let n = match number(w) {
        Some((n, _, false)) => n,
        _ => position(NUMBERS, w)? + 1,
    };
    (n > 0).then_some(n)
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
    const PREFIXES: &str = "au cours des|pendant les|durant les|sur les|en|les|ces|over the past|\
        over the last|in the past|in the last|during the past|during the last|for the past|\
        the past|the last|past|over";
    PREFIXES.split('|').find_map(|p| {
        let rest = s.strip_prefix(p)?.strip_prefix(' ')?;
        match rest.split(' ').collect::<Vec<_>>().as_slice() {
            [n, u] | [n, "derniers" | "dernieres", u] => Some(Rel::Past(count(n)?, unit(u)?)),
            _ => None,
        }
    })
}

/// `il y a 3 jours`, `3 days ago`, `deux semaines plus tard`.
fn shift_rel(s: &str) -> Option<Rel> {
    let words: Vec<&str> = s.split(' ').collect();
    let (n, u, sign) = match words.as_slice() {
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
    let prefixes = [
        (Dir::Before, "last |the previous "),
        (Dir::After, "next |the following |the next "),
        (
            Dir::OnOrBefore,
            "le meme |ce meme |ce |le |on |this |that |",
        ),
    ];
    let mut all = prefixes
        .iter()
        .flat_map(|(dir, ps)| ps.split('|').map(move |p| (*dir, p)));
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
    PHRASES
        .iter()
        .find(|(_, ps)| ps.split('|').any(|p| p == s))
        .map(|x| x.0)
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
    }
}

fn out_of_range() -> Issue {
    invalid("the date falls outside the supported calendar")
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

fn relative(cx: &Cx, s: &str) -> Option<Out> {
    if let Some(rel) = rel_of(s) {
        let reference = cx.ctx.reference.ok_or_else(|| {
            let msg = format!(
                "\"{}\" is relative, and the document has no date to resolve it against",
                cx.text
            );
            Issue::new(RELATIVE_DATE_UNANCHORED, msg)
                .help("give the document its date, or write the date in full")
        });
        return Some(
            reference
                .and_then(|r| resolve(rel, r))
                .map(|span| (span, vec![])),
        );
    }
    // "<expression> du|de|of <date>", or "<expression ending in before/after> [le] <date>".
    s.match_indices(' ').find_map(|(i, _)| {
        let (head, tail) = (&s[..i], &s[i + 1..]);
        let rel = rel_of(head)?;
        let last = head.rsplit(' ').next().unwrap_or(head);
        let directional =
            ["before", "after", "avant", "apres", "precedant", "suivant"].contains(&last);
        let connected = ["du ", "de ", "d'", "of "]
            .iter()
            .find_map(|c| tail.strip_prefix(c));
        let date =
            connected.or_else(|| directional.then(|| tail.strip_prefix("le ").unwrap_or(tail)))?;
        let anchor = complete(cx, date)?;
        Some(anchor.and_then(|(a, w)| resolve(rel, a).map(|span| (span, w))))
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A word that is a near miss of a month name, with the month it probably means.
fn typo_month(s: &str) -> Option<(&str, &'static str)> {
    let names = MONTHS_FR.split('|').chain(MONTHS_EN.split('|'));
    s.split(' ')
        .filter(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic) && month_word(w).is_none())
        .find_map(|w| {
            let (dist, name) = names
                .clone()
                .map(|n| (edit_distance(w, &fold(n)), n))
                .min()?;
            (dist <= 2 && dist * 3 <= w.chars().count()).then_some((w, name))
        })
}

/// Reads a date as a coder wrote it; see the module documentation for the accepted forms.
pub fn normalize(text: &str, ctx: &DateContext) -> Result<Normalized, Issue> {
    let cx = Cx {
        text: text.trim(),
        ctx,
    };
    let s = fold(text);
    if s.is_empty() {
        return Err(invalid("the date is empty"));
    }
    let parsers: [fn(&Cx, &str) -> Option<Out>; 7] = [
        iso_single,
        iso_interval,
        numeric,
        relative,
        week_of,
        range,
        complete,
    ];
    let (span, mut warnings) = parsers.iter().find_map(|p| p(&cx, &s)).unwrap_or_else(|| {
        let mut e = invalid(format!(
            "cannot read \"{}\" as a date; expected e.g. 2020-02-16, 16/02/2020, 16 février 2020, \
             February 16, 2020, février 2020, 2020-W07, du 3 au 16 février 2020, or la veille",
            cx.text
        ));
        if let Some((word, month)) = typo_month(&s) {
            e = e.help(format!(
                "\"{word}\" looks like a misspelt month: did you mean \"{month}\"?"
            ));
        }
        Err(e)
    })?;
    if let Some(r) = ctx.reference.filter(|r| span.start > r.end) {
        let msg = format!("{span} is after the document's date {r}");
        warnings.push(Issue::new(DATE_AFTER_PUBLICATION, msg).help(
            "events are dated when they happen: threats and ultimatums are dated when they are said, \
             not when they would take effect",
        ));
    }
    Ok(Normalized { span, warnings })
}

/// `2020`, `2020-02`, `2020-02-16` (and ISO weeks), as found in metadata.
pub fn parse_partial_iso(text: &str) -> Option<DateSpan> {
    iso(&fold(text), Lang::En)?.ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Precision as P;

    const FR: Option<Lang> = Some(Lang::Fr);
    const EN: Option<Lang> = Some(Lang::En);
    const NO: Option<Lang> = None;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// `reference` is ISO (`2020-02-16`, `2020-02`) or empty for none.
    fn ctx(lang: Option<Lang>, reference: &str) -> DateContext {
        DateContext {
            reference: parse_partial_iso(reference),
            lang,
            order: Order::DayFirst,
        }
    }

    /// `text | language [document date] | start [end] | precision [warning rules]`;
    /// language is `fr`, `en` or `-`.
    const CASES: &[&str] = &[
        "2020-02-16 | - | 2020-02-16 | day",
        "20200216 | - | 2020-02-16 | day",
        "2020-02 | - | 2020-02-01 2020-02-29 | month",
        "2020 | - | 2020-01-01 2020-12-31 | year",
        "2020-W07 | - | 2020-02-10 2020-02-16 | week",
        "2020-w07-7 | - | 2020-02-16 | day",
        "2020-W01-1 | - | 2019-12-30 | day",
        "2020-02-03/2020-02-16 | - | 2020-02-03 2020-02-16 | range",
        "2020-02/2020-03 | - | 2020-02-01 2020-03-31 | range",
        "2019/2020-W07 | - | 2019-01-01 2020-02-16 | range",
        "16/02/2020 | - | 2020-02-16 | day",
        "16.02.2020 | en | 2020-02-16 | day",
        "16-02-2020 | fr | 2020-02-16 | day",
        "1/3/2020 | fr | 2020-03-01 | day",
        "1/3/2020 | - | 2020-03-01 | day ambiguous-date",
        "01/03/2020 | en | 2020-03-01 | day ambiguous-date",
        "02/13/2020 | en | 2020-02-13 | day",
        "3/3/2020 | - | 2020-03-03 | day",
        "29/02/2020. | fr | 2020-02-29 | day",
        "le 16/02/2020 | fr | 2020-02-16 | day",
        "16 février 2020 | fr | 2020-02-16 | day",
        "dimanche 16 février 2020 | - | 2020-02-16 | day",
        "Dimanche 16 Février 2020 | - | 2020-02-16 | day",
        "16 févr. 2020 | fr | 2020-02-16 | day",
        "16 fev 2020 | fr | 2020-02-16 | day",
        "1er mars 2020 | fr | 2020-03-01 | day",
        "le 16 février 2020 | fr | 2020-02-16 | day",
        "le dimanche 16 février 2020. | fr | 2020-02-16 | day",
        "  16   FÉVRIER 2020  | fr | 2020-02-16 | day",
        "1er août 2020 | fr | 2020-08-01 | day",
        "3 déc. 2019 | fr | 2019-12-03 | day",
        "February 16, 2020 | en | 2020-02-16 | day",
        "16 February 2020 | en | 2020-02-16 | day",
        "16 Feb 2020 | - | 2020-02-16 | day",
        "Sunday, February 16, 2020 | en | 2020-02-16 | day",
        "1st March 2020 | en | 2020-03-01 | day",
        "March 1st, 2020 | en | 2020-03-01 | day",
        "Sept. 3, 2020 | en | 2020-09-03 | day",
        "Sunday the 16th of February 2020 | en | 2020-02-16 | day",
        "Sun, 16 Feb 2020 | en | 2020-02-16 | day",
        "février 2020 | fr | 2020-02-01 2020-02-29 | month",
        "February 2020 | en | 2020-02-01 2020-02-29 | month",
        "Feb. 2020 | en | 2020-02-01 2020-02-29 | month",
        "sept 2021 | - | 2021-09-01 2021-09-30 | month",
        "Dimanche 16 février | - 2020-02 | 2020-02-16 | day",
        "ce dimanche 16 février | fr 2020-02 | 2020-02-16 | day",
        "28 décembre | fr 2020-01-03 | 2019-12-28 | day",
        "février | fr 2020-02-16 | 2020-02-01 2020-02-29 | month",
        "du 3 au 16 février 2020 | fr | 2020-02-03 2020-02-16 | range",
        "du 28 janvier au 3 février 2020 | fr | 2020-01-28 2020-02-03 | range",
        "du 28 décembre 2019 au 3 janvier 2020 | fr | 2019-12-28 2020-01-03 | range",
        "du 28 décembre au 3 janvier 2020 | fr | 2019-12-28 2020-01-03 | range",
        "3-16 février 2020 | fr | 2020-02-03 2020-02-16 | range",
        "from 3 to 16 February 2020 | en | 2020-02-03 2020-02-16 | range",
        "3–16 February 2020 | en | 2020-02-03 2020-02-16 | range",
        "between 3 and 16 February 2020 | en | 2020-02-03 2020-02-16 | range",
        "entre le 3 et le 16 février 2020 | fr | 2020-02-03 2020-02-16 | range",
        "February 3-16, 2020 | en | 2020-02-03 2020-02-16 | range",
        "du 03/02/2020 au 16/02/2020 | fr | 2020-02-03 2020-02-16 | range",
        "de janvier à mars 2020 | fr | 2020-01-01 2020-03-31 | range",
        "du lundi 3 au dimanche 16 février 2020 | fr | 2020-02-03 2020-02-16 | range",
        "du 3 au 16 février | fr 2020-02-16 | 2020-02-03 2020-02-16 | range",
        "semaine du 12 février 2020 | fr | 2020-02-10 2020-02-16 | week",
        "la semaine du 16 février 2020 | fr | 2020-02-10 2020-02-16 | week",
        "week of 10 February 2020 | en | 2020-02-10 2020-02-16 | week",
        "aujourd'hui | fr 2020-02-16 | 2020-02-16 | day",
        "aujourd’hui | fr 2020-02-16 | 2020-02-16 | day",
        "ce jour | fr 2020-02-16 | 2020-02-16 | day",
        "today | en 2020-02-16 | 2020-02-16 | day",
        "hier | fr 2020-02-16 | 2020-02-15 | day",
        "yesterday | en 2020-02-16 | 2020-02-15 | day",
        "la veille | fr 2020-02-16 | 2020-02-15 | day",
        "the day before | en 2020-02-16 | 2020-02-15 | day",
        "the previous day | en 2020-02-16 | 2020-02-15 | day",
        "avant-hier | fr 2020-02-16 | 2020-02-14 | day",
        "demain | fr 2020-02-16 | 2020-02-17 | day date-after-publication",
        "tomorrow | en 2020-02-16 | 2020-02-17 | day date-after-publication",
        "le lendemain | fr 2020-02-16 | 2020-02-17 | day date-after-publication",
        "le même jour | fr 2020-02-16 | 2020-02-16 | day",
        "the same day | en 2020-02-16 | 2020-02-16 | day",
        "ce dimanche | fr 2020-02-16 | 2020-02-16 | day",
        "le même dimanche | fr 2020-02-16 | 2020-02-16 | day",
        "dimanche | fr 2020-02-16 | 2020-02-16 | day",
        "dimanche dernier | fr 2020-02-16 | 2020-02-09 | day",
        "le dimanche précédent | fr 2020-02-16 | 2020-02-09 | day",
        "last Sunday | en 2020-02-16 | 2020-02-09 | day",
        "on Sunday | en 2020-02-16 | 2020-02-16 | day",
        "this Sunday | en 2020-02-16 | 2020-02-16 | day",
        "samedi | fr 2020-02-16 | 2020-02-15 | day",
        "samedi dernier | fr 2020-02-16 | 2020-02-15 | day",
        "mercredi | fr 2020-02-16 | 2020-02-12 | day",
        "lundi prochain | fr 2020-02-16 | 2020-02-17 | day date-after-publication",
        "next Monday | en 2020-02-16 | 2020-02-17 | day date-after-publication",
        "dimanche | fr 2020-02-12 | 2020-02-09 | day",
        "le week-end dernier | fr 2020-02-16 | 2020-02-08 2020-02-09 | range",
        "last weekend | en 2020-02-16 | 2020-02-08 2020-02-09 | range",
        "le week-end dernier | fr 2020-02-12 | 2020-02-08 2020-02-09 | range",
        "ce week-end | fr 2020-02-16 | 2020-02-15 2020-02-16 | range",
        "this weekend | en 2020-02-15 | 2020-02-15 2020-02-16 | range",
        "ce week-end | fr 2020-02-12 | 2020-02-08 2020-02-09 | range",
        "la semaine dernière | fr 2020-02-16 | 2020-02-03 2020-02-09 | week",
        "last week | en 2020-02-16 | 2020-02-03 2020-02-09 | week",
        "cette semaine | fr 2020-02-16 | 2020-02-10 2020-02-16 | week",
        "this week | en 2020-02-16 | 2020-02-10 2020-02-16 | week",
        "en deux semaines | fr 2020-02-16 | 2020-02-03 2020-02-16 | range",
        "over two weeks | en 2020-02-16 | 2020-02-03 2020-02-16 | range",
        "in the past two weeks | en 2020-02-16 | 2020-02-03 2020-02-16 | range",
        "au cours des deux dernières semaines | fr 2020-02-16 | 2020-02-03 2020-02-16 | range",
        "en 10 jours | fr 2020-02-16 | 2020-02-07 2020-02-16 | range",
        "in the past 10 days | en 2020-02-16 | 2020-02-07 2020-02-16 | range",
        "les 10 derniers jours | fr 2020-02-16 | 2020-02-07 2020-02-16 | range",
        "ce mois-ci | fr 2020-02-16 | 2020-02-01 2020-02-29 | month",
        "this month | en 2020-02-16 | 2020-02-01 2020-02-29 | month",
        "le mois dernier | fr 2020-02-16 | 2020-01-01 2020-01-31 | month",
        "last month | en 2020-03-31 | 2020-02-01 2020-02-29 | month",
        "cette année | fr 2020-02-16 | 2020-01-01 2020-12-31 | year",
        "l'an dernier | fr 2020-02-16 | 2019-01-01 2019-12-31 | year",
        "quelques jours avant | fr 2020-02-16 | 2020-02-09 2020-02-15 | range",
        "a few days before | en 2020-02-16 | 2020-02-09 2020-02-15 | range",
        "quelques jours plus tôt | fr 2020-02-16 | 2020-02-09 2020-02-15 | range",
        "a few days earlier | en 2020-02-16 | 2020-02-09 2020-02-15 | range",
        "quelques jours plus tard | fr 2020-02-16 | 2020-02-17 2020-02-23 | range date-after-publication",
        "il y a 3 jours | fr 2020-02-16 | 2020-02-13 | day",
        "3 days ago | en 2020-02-16 | 2020-02-13 | day",
        "deux semaines plus tôt | fr 2020-02-16 | 2020-02-02 | day",
        "la veille du 16 février 2020 | fr | 2020-02-15 | day",
        "the day before 16 February 2020 | en | 2020-02-15 | day",
        "le week-end précédant le 16 février 2020 | fr | 2020-02-08 2020-02-09 | range",
        "le lendemain du 16/02/2020 | fr | 2020-02-17 | day",
        "trois jours avant le 16 février 2020 | fr | 2020-02-13 | day",
        "la veille du 16 février | fr 2020-02 | 2020-02-15 | day",
        "le mois dernier | fr 2020-02 | 2020-01-01 2020-01-31 | month",
        "ce mois-ci | fr 2020-02 | 2020-02-01 2020-02-29 | month",
        "la semaine dernière | fr 2020-02 | 2020-01-20 2020-02-23 | range",
        "demain | fr 2020-02 | 2020-02-02 2020-03-01 | range",
        "2020-03-01 | fr 2020-02-16 | 2020-03-01 | day date-after-publication",
        "2020-02-16 | fr 2020-02 | 2020-02-16 | day",
    ];

    #[test]
    fn every_form_in_the_grammar() {
        for row in CASES {
            let [text, context, dates, out] = row.split(" | ").collect::<Vec<_>>()[..] else {
                panic!("malformed row {row}")
            };
            let mut context = context.split(' ');
            let lang = match context.next() {
                Some("fr") => FR,
                Some("en") => EN,
                _ => NO,
            };
            let c = ctx(lang, context.next().unwrap_or(""));
            let mut dates = dates.split(' ').map(d);
            let start = dates.next().unwrap();
            let mut out = out.split(' ');
            let precision = out
                .next()
                .and_then(|o| P::ALL.into_iter().find(|p| p.as_str() == o));
            let precision = precision.unwrap();
            let want = span(start, dates.next().unwrap_or(start), precision);
            let got = normalize(text, &c).unwrap_or_else(|e| panic!("{row}: {e}"));
            assert_eq!(got.span, want, "{row}");
            let rules: Vec<&str> = got.warnings.iter().map(|w| w.rule).collect();
            assert_eq!(rules, out.collect::<Vec<_>>(), "{row}: {:?}", got.warnings);
        }
    }

    #[test]
    fn the_article() {
        let day = ctx(FR, "2020-02-16");
        let cases = [
            (
                "dimanche 16 février 2020",
                "2020-02-16",
                "2020-02-16",
                P::Day,
            ),
            ("la veille", "2020-02-15", "2020-02-15", P::Day),
            ("le même dimanche", "2020-02-16", "2020-02-16", P::Day),
            ("le week-end dernier", "2020-02-08", "2020-02-09", P::Range),
            ("en deux semaines", "2020-02-03", "2020-02-16", P::Range),
            ("quelques jours avant", "2020-02-09", "2020-02-15", P::Range),
            ("février 2020", "2020-02-01", "2020-02-29", P::Month),
        ];
        for (text, start, end, precision) in cases {
            let got = normalize(text, &day).unwrap();
            assert_eq!(got.span, span(d(start), d(end), precision), "{text}");
            assert!(got.warnings.is_empty(), "{text}: {:?}", got.warnings);
        }
        let got = normalize("la veille", &ctx(FR, "2020-02")).unwrap();
        assert_eq!(got.span, span(d("2020-01-31"), d("2020-02-28"), P::Range));
    }

    /// `text | language [document date] | rule | part of the message`
    const ERRORS: &[&str] = &[
        "31/02/2020 | - | invalid-date | February 2020 has 29 days",
        "31/02/2020 | fr | invalid-date | février 2020 has 29 days",
        "2020-13-01 | - | invalid-date | month 13 does not exist",
        "2020-02-30 | - | invalid-date | February 2020 has 29 days",
        "2019-02-29 | - | invalid-date | February 2019 has 28 days",
        "31 avril 2020 | fr | invalid-date | avril 2020 has 30 days",
        "13/13/2020 | - | invalid-date | month 13 does not exist",
        "0/02/2020 | - | invalid-date | day 0 does not exist",
        "2021-W53 | - | invalid-date | 2021 has 52 ISO weeks",
        "2020-W54 | - | invalid-date | 2020 has 53 ISO weeks",
        "2020-W07-8 | - | invalid-date | weekday 8 does not exist",
        "16/02/20 | - | invalid-date | two-digit year",
        "2020-02-16/2020-02-03 | - | date-range-reversed | ends on 2020-02-03 before it starts",
        "du 16 au 3 février 2020 | fr | date-range-reversed | before it starts",
        "du 16 février au 3 février 2020 | fr | date-range-reversed | before it starts",
        "la veille | fr | relative-date-unanchored | \"la veille\" is relative",
        "last week | en | relative-date-unanchored | is relative",
        "16 février | fr | relative-date-unanchored | has no year",
        "gibberish | - | invalid-date | cannot read \"gibberish\"",
        "    | - | invalid-date | empty",
        "16 | - | invalid-date | cannot read",
        "semaine du février 2020 | fr | invalid-date | needs a single day",
        "le lendemain de la visite | fr 2020-02-16 | invalid-date | cannot read",
    ];

    #[test]
    fn errors_say_why() {
        for row in ERRORS {
            let [text, context, rule, message] = row.split(" | ").collect::<Vec<_>>()[..] else {
                panic!("malformed row {row}")
            };
            let mut context = context.split(' ');
            let lang = context.next().filter(|l| *l != "-");
            let lang = lang.map(|l| if l == "fr" { Lang::Fr } else { Lang::En });
            let e = normalize(text, &ctx(lang, context.next().unwrap_or(""))).expect_err(row);
            assert_eq!(e.rule, rule, "{row}: {e}");
            assert!(e.message.contains(message), "{row}: {}", e.message);
        }
        let typo = normalize("16 fevirer 2020", &ctx(FR, "")).unwrap_err();
        let want = "\"fevirer\" looks like a misspelt month: did you mean \"février\"?";
        assert_eq!(typo.help.as_deref(), Some(want));
        let typo = normalize("Febuary 16, 2020", &ctx(EN, "")).unwrap_err();
        assert!(typo.help.unwrap().contains("\"February\""));
        assert_eq!(normalize("gibberish", &ctx(NO, "")).unwrap_err().help, None);
    }

    #[test]
    fn weekday_mismatch_names_the_right_day_and_fixes_the_text() {
        let cases = [
            (
                "lundi 16 février 2020",
                "16 février 2020 is a dimanche, not lundi",
                "dimanche 16 février 2020",
            ),
            (
                "Lundi 16 février 2020",
                "16 février 2020 is a dimanche, not lundi",
                "Dimanche 16 février 2020",
            ),
            (
                "Monday, February 16, 2020",
                "16 February 2020 is a Sunday, not Monday",
                "Sunday, February 16, 2020",
            ),
        ];
        for (text, message, fixed) in cases {
            let got = normalize(text, &DateContext::default()).unwrap();
            assert_eq!(got.span, DateSpan::day(d("2020-02-16")));
            let [w] = &got.warnings[..] else {
                panic!("{:?}", got.warnings)
            };
            let help = format!("write \"{fixed}\"");
            assert_eq!((w.rule, w.message.as_str()), (WEEKDAY_MISMATCH, message));
            assert_eq!(w.help.as_deref(), Some(help.as_str()));
        }
    }

    #[test]
    fn month_first_order_and_the_ambiguity_message() {
        let us = DateContext {
            order: Order::MonthFirst,
            lang: EN,
            reference: None,
        };
        let got = normalize("03/02/2020", &us).unwrap();
        assert_eq!((got.span.start, got.warnings.len()), (d("2020-03-02"), 0));
        assert_eq!(
            normalize("13/02/2020", &us).unwrap().span.start,
            d("2020-02-13")
        );
        let w = normalize("02/03/2020", &ctx(NO, "")).unwrap().warnings;
        let want = "\"02/03/2020\" could be 2 March 2020 or 3 February 2020; read day-first";
        assert_eq!(w[0].message, want);
        assert!(w[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("write 2020-03-02"));
    }

    #[test]
    fn after_publication_help_and_display() {
        let w = normalize("2020-03-01", &ctx(FR, "2020-02-16"))
            .unwrap()
            .warnings;
        assert!(w[0]
            .help
            .as_deref()
            .unwrap()
            .contains("ultimatums are dated when they are said"));
        let forms = [
            "2020-02-16",
            "2020-W07",
            "2020-02",
            "2020",
            "2020-02-03/2020-02-16",
        ];
        for text in forms {
            let got = normalize(text, &DateContext::default()).unwrap();
            assert_eq!(got.span.to_string(), text);
        }
        assert_eq!(
            P::ALL.map(P::as_str),
            ["day", "week", "month", "year", "range"]
        );
    }

    #[test]
    fn partial_iso_metadata() {
        assert_eq!(parse_partial_iso(" 2020-02 "), DateSpan::month(2020, 2));
        assert_eq!(parse_partial_iso("2020"), DateSpan::year(2020));
        assert_eq!(
            parse_partial_iso("2020-02-16"),
            Some(DateSpan::day(d("2020-02-16")))
        );
        assert_eq!(parse_partial_iso("2020-02-30"), None);
        assert_eq!(parse_partial_iso("février 2020"), None);
    }

    const FR_ABBR: &str = "janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc.";
    const EN_ABBR: &str = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";

    fn abbr(table: &'static str, m: u32) -> &'static str {
        table.split('|').nth(m as usize - 1).unwrap()
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0u64..73_049).prop_map(|n| d("1900-01-01") + Days::new(n))
    }

    fn ordinal(day: u32) -> &'static str {
        match (day % 10, day) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        }
    }

    proptest! {
        #[test]
        fn every_day_form_gives_that_day(date in any_date()) {
            let (y, m, day) = (date.year(), date.month(), date.day());
            let (fr_m, en_m) = (month_name(m, Lang::Fr).unwrap(), month_name(m, Lang::En).unwrap());
            let (fr_w, en_w) = (weekday_name(date.weekday(), Lang::Fr), weekday_name(date.weekday(), Lang::En));
            let fr_day = if day == 1 { "1er".to_string() } else { day.to_string() };
            let forms = [
                date.format("%Y-%m-%d").to_string(),
                date.format("%d/%m/%Y").to_string(),
                format!("{day}/{m}/{y}"),
                format!("{day}.{m}.{y}"),
                format!("{day}-{m}-{y}"),
                format!("{fr_day} {fr_m} {y}"),
                format!("{fr_w} {fr_day} {fr_m} {y}"),
                format!("{fr_w} {fr_day} {} {y}", abbr(FR_ABBR, m)),
                format!("le {day} {fr_m} {y}"),
                format!("{en_m} {day}, {y}"),
                format!("{en_w}, {en_m} {day}, {y}"),
                format!("{day} {} {y}", abbr(EN_ABBR, m)),
                format!("{day}{} {en_m} {y}", ordinal(day)),
                date.format("%G-W%V-%u").to_string(),
            ];
            for text in forms {
                let got = normalize(&text, &ctx(FR, ""));
                let got = got.map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
                prop_assert_eq!(got.span, DateSpan::day(date), "{}", text);
                prop_assert!(got.warnings.is_empty(), "{}: {:?}", text, got.warnings);
            }
        }

        #[test]
        fn intervals_are_ordered_or_rejected(a in any_date(), b in any_date()) {
            let fr = format!("du {} au {}", long_date(a, Lang::Fr), long_date(b, Lang::Fr));
            for text in [format!("{a}/{b}"), fr] {
                match normalize(&text, &DateContext::default()) {
                    Ok(n) => {
                        prop_assert!(a <= b);
                        prop_assert_eq!((n.span.start, n.span.end), (a, b));
                        let want = if a == b { P::Day } else { P::Range };
                        prop_assert_eq!(n.span.precision, want);
                    }
                    Err(e) => {
                        prop_assert!(a > b, "{}: {}", text, e);
                        prop_assert_eq!(e.rule, DATE_RANGE_REVERSED);
                    }
                }
            }
        }

        #[test]
        fn months_and_years_cover_first_to_last_day(y in 1900i32..2100, m in 1u32..=12) {
            let forms = [
                format!("{y}-{m:02}"),
                format!("{} {y}", month_name(m, Lang::Fr).unwrap()),
                format!("{} {y}", month_name(m, Lang::En).unwrap()),
                format!("{}. {y}", abbr(EN_ABBR, m)),
            ];
            for text in forms {
                let s = normalize(&text, &DateContext::default()).unwrap().span;
                prop_assert_eq!(s.precision, P::Month);
                prop_assert_eq!((s.start.year(), s.start.month(), s.start.day()), (y, m, 1));
                prop_assert_eq!((s.end.month(), s.end.succ_opt().unwrap().day()), (m, 1));
            }
            let s = normalize(&y.to_string(), &DateContext::default()).unwrap().span;
            let (first, last) = (d(&format!("{y}-01-01")), d(&format!("{y}-12-31")));
            prop_assert_eq!(s, span(first, last, P::Year));
        }

        #[test]
        fn weekdays_resolve_within_a_week(date in any_date(), w in 0u8..7) {
            let w = Weekday::try_from(w).unwrap();
            let reference = ctx(FR, &date.to_string());
            let on = normalize(weekday_name(w, Lang::Fr), &reference).unwrap().span.start;
            let last = format!("last {}", weekday_name(w, Lang::En));
            let last = normalize(&last, &reference).unwrap().span.start;
            prop_assert_eq!((on.weekday(), last.weekday()), (w, w));
            prop_assert!((0..7).contains(&(date - on).num_days()));
            prop_assert!((1..=7).contains(&(date - last).num_days()));
            let weekend = normalize("le week-end dernier", &reference).unwrap().span;
            let days = (weekend.start.weekday(), weekend.end.weekday());
            prop_assert_eq!(days, (Weekday::Sat, Weekday::Sun));
            prop_assert!(weekend.end < date && (date - weekend.end).num_days() <= 7);
        }

        #[test]
        fn partial_reference_widens_relative_days(y in 1900i32..2100, m in 1u32..=12) {
            let month = DateSpan::month(y, m).unwrap();
            let reference = DateContext { reference: Some(month), ..Default::default() };
            let s = normalize("la veille", &reference).unwrap().span;
            let want = (month.start.pred_opt().unwrap(), month.end.pred_opt().unwrap());
            prop_assert_eq!((s.start, s.end), want);
        }

        #[test]
        fn any_text_gives_a_value_not_a_panic(text in "\\PC{0,40}", t2 in "[0-9a-zé/.\\- ]{0,24}") {
            let c = ctx(FR, "2020-02");
            let _ = normalize(&text, &c);
            let _ = normalize(&t2, &c);
            let _ = parse_partial_iso(&text);
        }
    }
}
