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
//! | part of a month | `début mars 2020`, `mi-février 2020`, `à la fin du mois de février 2020`, `early March 2020`, `mid-Feb. 2020`, `late February 2020`, `the end of February 2020`: days 1–10, 11–20, 21 to the month's last day | part-month |
//! | quarter | `premier trimestre 2020`, `1er trimestre 2020`, `T1 2020`, `Q1 2020`, `2020-Q1`, `the first quarter of 2020` | quarter |
//! | season | `printemps 2020`, `l'été 2020`, `à l'automne 2019`, `spring 2020`, `the summer of 2020`, `hiver 2019-2020`, `winter 2019/20`: meteorological, March–May, June–August, September–November, December–February; `hiver 2020` is December 2019 to February 2020, with `ambiguous-date` | season |
//! | period without a year | `mi-février`, `fin mars`, `au premier trimestre`, `en été`, `late December`: the latest such period that starts on or before the document's date | part-month, quarter, season |
//! | bare day | `le 14`, `le 1er`, `dimanche 16`, `on the 14th`, `Sunday the 16th`: that day of the document's month, or of the month before when the day is after the document's date | day |
//! | date and time | `2020-02-16T10:00Z`, `2020-02-16 10:00:00+03:00`, `2020-02-16T10:00:30.5-0500`, `2020-02-16T10:00`: the day as written, in its own offset; the time and offset are kept ([`Normalized::time`]) | day |
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
//! | `plus tôt cette semaine`, `plus tôt dans le mois` | `earlier this week`, `earlier in the month` | Monday (the 1st) to `d-1`, or `d` on that first day (range) |
//! | `au début du mois`, `à la mi-mois`, `en fin de mois`, `fin du mois dernier`, `début du mois prochain` | `at the beginning of the month`, `mid-month`, `at the end of the month`, `late last month`, `early next month` | that third of `d`'s month, or of the month before or after (part-month) |
//!
//! Every weekday works where Sunday is shown. A range whose two ends are the same day is a day.
//!
//! Every date must lie within the context's [`Bounds`], 1800-01-01 to 2100-12-31 unless the
//! project sets `date_range`: a date outside them, written so or resolved so (`la veille` of
//! 1800-01-01), is `invalid-date` with a message naming the bounds. A project's bounds lie
//! within years 1 to 9999 ([`Bounds::WIDEST`]), so year 0 never passes.
//!
//! [`normalize`] tries the readers in order, first match wins: a date with a time and dates in
//! digits (`numeric`), relative expressions (`relative`), named periods (`period`), weeks of and
//! ranges (`range`), then a date written in words (`written`). The vocabulary they share
//! (month, weekday and number words) is in `words`.

use chrono::{Datelike, FixedOffset, Months, NaiveDate, NaiveTime, Weekday};
use std::fmt;

use crate::diagnostic::Issue;
use crate::text::date_words as fold;

mod numeric;
mod period;
mod range;
mod relative;
#[cfg(test)]
mod tests;
mod words;
mod written;

pub use words::{month_name, weekday_name};

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
    /// A third of a month: days 1–10, 11–20, or 21 to the month's end (`mi-février 2020`).
    PartMonth,
    Month,
    Quarter,
    /// A meteorological season (`printemps 2020` is March to May).
    Season,
    Year,
    Range,
}

impl Precision {
    /// Finest first; a range has no fixed length, so it comes last.
    pub const ALL: [Precision; 8] = [
        Self::Day,
        Self::Week,
        Self::PartMonth,
        Self::Month,
        Self::Quarter,
        Self::Season,
        Self::Year,
        Self::Range,
    ];

    pub fn as_str(self) -> &'static str {
        [
            "day",
            "week",
            "part-month",
            "month",
            "quarter",
            "season",
            "year",
            "range",
        ][self as usize]
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

/// ISO 8601 text of the span: `2020-02-16`, `2020-W07`, `2020-02`, `2020`, and
/// `2020-02-03/2020-02-16` for ranges and the periods ISO has no short form for.
impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, week) = (self.start, self.start.iso_week());
        match self.precision {
            Precision::Day => write!(f, "{}", s.format("%Y-%m-%d")),
            Precision::Week => write!(f, "{:04}-W{:02}", week.year(), week.week()),
            Precision::Month => write!(f, "{}", s.format("%Y-%m")),
            Precision::Year => write!(f, "{:04}", s.year()),
            Precision::PartMonth | Precision::Quarter | Precision::Season | Precision::Range => {
                write!(f, "{}/{}", s.format("%F"), self.end.format("%F"))
            }
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

/// The first and last day a date may have, inclusive. A year typed wrong (`0202`, `2200`) or a
/// range left open (`2020-02-16/9999-12-31`) is a mistake, not an event, and readers differ on
/// what they can load (pandas' nanosecond timestamps end in 2262).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bounds {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

impl Bounds {
    /// What a project gets unless its settings say otherwise.
    pub const DEFAULT: Bounds = Bounds {
        first: day(1800, 1, 1),
        last: day(2100, 12, 31),
    };
    /// The widest a project may set: years 1 to 9999, what Python's `datetime.date`, Arrow and
    /// DuckDB all hold. There is no year 0.
    pub const WIDEST: Bounds = Bounds {
        first: day(1, 1, 1),
        last: day(9999, 12, 31),
    };

    pub fn contains(&self, s: &DateSpan) -> bool {
        self.first <= s.start && s.end <= self.last
    }
}

impl Default for Bounds {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateContext {
    /// The document's date: its publication date (possibly partial) or the day its text speaks from.
    pub reference: Option<DateSpan>,
    /// The document's language, if known.
    pub lang: Option<Lang>,
    /// How to read ambiguous numeric dates.
    pub order: Order,
    /// The dates a record may have.
    pub bounds: Bounds,
}

/// A time of day written with a date (`2020-02-16T10:00+03:00`), and its UTC offset when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    pub time: NaiveTime,
    pub offset: Option<FixedOffset>,
}

/// ISO 8601: `10:00:00`, `10:00:00Z`, `10:00:00.250+03:00`: seconds always, so readers meet
/// one shape; a fraction only when it is not zero.
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.time.format("%H:%M:%S%.f"))?;
        match self.offset.map(|o| o.local_minus_utc()) {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(secs) => {
                let sign = if secs < 0 { '-' } else { '+' };
                let mins = secs.unsigned_abs() / 60;
                write!(f, "{sign}{:02}:{:02}", mins / 60, mins % 60)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub span: DateSpan,
    /// The time of day, when the text gave one.
    pub time: Option<TimeOfDay>,
    pub warnings: Vec<Issue>,
}

/// What a reader found: the span and its warnings, or why the text is not a date.
type Out = Result<(DateSpan, Vec<Issue>), Issue>;

/// What every reader gets: the text as written (for messages) and the document's context.
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

/// A checked day; the error names the month's length.
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

/// From the start of `a` to the end of `b`.
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

fn out_of_range() -> Issue {
    invalid("the date falls outside the supported calendar")
}

/// Reads a date as a coder wrote it; see the module documentation for the accepted forms.
pub fn normalize(text: &str, ctx: &DateContext) -> Result<Normalized, Issue> {
    let cx = Cx {
        text: text.trim(),
        ctx,
    };
    // Dates in digits are what the fold leaves unchanged (ISO's `W` and `T` are read in either
    // case), so the commonest forms are read before folding, which allocates.
    let (found, time) = match numeric::date_time(&cx, cx.text) {
        Some(r) => {
            let (span, time) = r?;
            (Ok((span, vec![])), Some(time))
        }
        None => {
            let found = numeric::digits(&cx, cx.text);
            (found.unwrap_or_else(|| read_folded(&cx, &fold(text))), None)
        }
    };
    let (span, mut warnings) = found?;
    let b = ctx.bounds;
    if !b.contains(&span) {
        let msg = format!(
            "{span} is outside the accepted dates, {} to {}",
            b.first, b.last
        );
        return Err(invalid(msg).help(
            "check the year; a project sets its own bounds with `date_range` in schema/eventc.json",
        ));
    }
    if let Some(r) = ctx.reference.filter(|r| span.start > r.end) {
        let msg = format!("{span} is after the document's date {r}");
        warnings.push(Issue::new(DATE_AFTER_PUBLICATION, msg).help(
            "events are dated when they happen: threats and ultimatums are dated when they are said, \
             not when they would take effect",
        ));
    }
    Ok(Normalized {
        span,
        time,
        warnings,
    })
}

/// The readers in order on the folded text; the first that recognises the text's shape decides.
fn read_folded(cx: &Cx, s: &str) -> Out {
    if s.is_empty() {
        return Err(invalid("the date is empty"));
    }
    let readers: [fn(&Cx, &str) -> Option<Out>; 6] = [
        numeric::digits,
        relative::relative,
        period::period,
        range::week_of,
        range::range,
        written::complete,
    ];
    readers.iter().find_map(|r| r(cx, s)).unwrap_or_else(|| {
        let mut e = invalid(format!(
            "cannot read \"{}\" as a date; expected e.g. 2020-02-16, 16/02/2020, 16 février 2020, \
             February 16, 2020, février 2020, 2020-W07, du 3 au 16 février 2020, or la veille",
            cx.text
        ));
        if let Some((word, month)) = words::typo_month(s) {
            e = e.help(format!(
                "\"{word}\" looks like a misspelt month: did you mean \"{month}\"?"
            ));
        }
        Err(e)
    })
}

/// `2020`, `2020-02`, `2020-02-16` (and ISO weeks), as found in metadata.
pub fn parse_partial_iso(text: &str) -> Option<DateSpan> {
    numeric::iso(&fold(text), Lang::En)?.ok()
}
