//! Dates as coders write them: every form of the grammar in `normalize::dates`, for a day of
//! the document's story; and the dates that grammar must refuse.

use chrono::{Datelike, Days, NaiveDate};

use super::rng::Rng;
use crate::normalize::dates::{month_name, weekday_name, Lang};

const ABBR_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const ABBR_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const NUMBERS_FR: [&str; 10] = [
    "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
];
const NUMBERS_EN: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

fn month(d: NaiveDate, lang: Lang) -> &'static str {
    month_name(d.month(), lang).unwrap_or_default()
}

fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    weekday_name(d.weekday(), lang)
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `16 février 2020`, `1er mars 2020`, `16 February 2020`.
pub fn long(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr if d.day() == 1 => format!("1er {} {}", month(d, lang), d.year()),
        _ => format!("{} {} {}", d.day(), month(d, lang), d.year()),
    }
}

fn back(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_sub_days(Days::new(days.max(0) as u64))
        .unwrap_or(d)
}

/// How a document's sentence says when: relative to the document's day where it is near.
pub fn in_text(rng: &mut Rng, d: NaiveDate, r: NaiveDate, lang: Lang) -> String {
    let k = (r - d).num_days();
    match (lang, k) {
        (Lang::Fr, 0) => format!("Ce {}", weekday(d, lang)),
        (Lang::Fr, 1) => (if rng.chance(0.5) { "Hier" } else { "La veille" }).to_string(),
        (Lang::Fr, 2..=6) => super::text::capitalize(weekday(d, lang)),
        (Lang::Fr, _) => format!(
            "Le {} {}",
            if d.day() == 1 {
                "1er".into()
            } else {
                d.day().to_string()
            },
            month(d, lang)
        ),
        (Lang::En, 1) => "Yesterday".to_string(),
        (Lang::En, 0 | 2..=6) => format!("On {}", weekday(d, lang)),
        (Lang::En, _) => format!("On {} {}", d.day(), month(d, lang)),
    }
}

/// The date of an event on day `d` as a coder may write it. `r` is the document's reference
/// day, `None` when the document has no date: then only forms that carry their year are used.
pub fn coded(rng: &mut Rng, d: NaiveDate, r: Option<NaiveDate>, lang: Lang) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let fr = lang == Lang::Fr;
    // Weights: absolute day forms most, then periods, then relative expressions.
    let relatives = if r.is_some() { 22 } else { 0 };
    let form = rng.weighted(&[14, 4, 12, 18, 6, 5, 2, 3, 3, 8, 2, relatives]);
    match form {
        0 => d.format("%Y-%m-%d").to_string(),
        1 => match rng.below(3) {
            0 => d.format("%Y%m%d").to_string(),
            1 => format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week()),
            _ => format!(
                "{}-W{:02}-{}",
                d.iso_week().year(),
                d.iso_week().week(),
                d.weekday().number_from_monday()
            ),
        },
        2 => match rng.below(4) {
            0 => d.format("%d/%m/%Y").to_string(),
            1 => d.format("%d.%m.%Y").to_string(),
            2 => d.format("%d-%m-%Y").to_string(),
            _ => format!("{day}/{m}/{y}"),
        },
        3 if fr => match rng.below(6) {
            0 => long(d, lang),
            1 => format!("{} {}", weekday(d, lang), long(d, lang)),
            2 => format!("{} {} {y}", day, ABBR_FR[m as usize - 1]),
            3 => format!("le {}", long(d, lang)),
            4 => super::world::strip_accents(&long(d, lang)),
            _ => match r {
                Some(_) => format!("{} {}", day, month(d, lang)),
                None => long(d, lang),
            },
        },
        3 => match rng.below(6) {
            0 => format!("{} {day}, {y}", month(d, lang)),
            1 => format!("{}, {} {day}, {y}", weekday(d, lang), month(d, lang)),
            2 => format!("{day} {} {y}", ABBR_EN[m as usize - 1]),
            3 => format!("{} {} {y}", ordinal(day), month(d, lang)),
            4 => format!("{} {}, {y}", month(d, lang), ordinal(day)),
            _ => format!("the {} of {} {y}", ordinal(day), month(d, lang)),
        },
        4 => match rng.below(4) {
            0 => format!("{} {y}", month(d, lang)),
            1 if fr => format!("{} {y}", ABBR_FR[m as usize - 1]),
            1 => format!("{}. {y}", ABBR_EN[m as usize - 1]),
            2 => d.format("%Y-%m").to_string(),
            _ => format!("{} {y}", month(d, if fr { Lang::En } else { Lang::Fr })),
        },
        5 => {
            let s = back(d, rng.between(1, 12));
            format!("{}/{}", s.format("%Y-%m-%d"), d.format("%Y-%m-%d"))
        }
        6 => y.to_string(),
        7 => {
            let wk = if fr { "semaine du" } else { "week of" };
            format!("{wk} {}", long(back(d, rng.between(0, 6)), lang))
        }
        8 => {
            let s = back(d, i64::from(day) - 1);
            let start = if s.month() == 1 {
                s
            } else {
                s.with_month(s.month() - 1).unwrap_or(s)
            };
            match fr {
                true => format!("de {} à {} {y}", month(start, lang), month(d, lang)),
                false => format!("from {} to {} {y}", month(start, lang), month(d, lang)),
            }
        }
        9 => {
            let s = back(d, rng.between(1, 20));
            range(rng, s, d, lang)
        }
        10 => {
            let anchor = d + Days::new(1);
            match fr {
                true => format!("la veille du {}", long(anchor, lang)),
                false => format!("the day before {}", long(anchor, lang)),
            }
        }
        _ => relative(rng, d, r.unwrap_or(d), lang),
    }
}

/// `du 3 au 16 février 2020`, `3-16 février 2020`, `between 3 and 16 February 2020`…
fn range(rng: &mut Rng, s: NaiveDate, e: NaiveDate, lang: Lang) -> String {
    let (sd, ed, y) = (s.day(), e.day(), e.year());
    if s.month() != e.month() || s.year() != e.year() {
        return match lang {
            Lang::Fr => format!("du {} au {}", long(s, lang), long(e, lang)),
            Lang::En => format!("from {} to {}", long(s, lang), long(e, lang)),
        };
    }
    let mn = month(e, lang);
    match (lang, rng.below(3)) {
        (Lang::Fr, 0) => format!("du {sd} au {ed} {mn} {y}"),
        (Lang::Fr, 1) => format!("{sd}-{ed} {mn} {y}"),
        (Lang::Fr, _) => format!("entre le {sd} et le {ed} {mn} {y}"),
        (Lang::En, 0) => format!("from {sd} to {ed} {mn} {y}"),
        (Lang::En, 1) => format!("between {sd} and {ed} {mn} {y}"),
        (Lang::En, _) => format!("{mn} {sd}-{ed}, {y}"),
    }
}

/// A relative expression for an event `r - d` days before the reference day (or a vaguer
/// one around it; a few point after it, as threats and plans do).
fn relative(rng: &mut Rng, d: NaiveDate, r: NaiveDate, lang: Lang) -> String {
    let k = (r - d).num_days();
    let fr = lang == Lang::Fr;
    let pick = |rng: &mut Rng, fr_forms: &[&str], en_forms: &[&str]| -> String {
        (if fr {
            *rng.pick(fr_forms)
        } else {
            *rng.pick(en_forms)
        })
        .to_string()
    };
    match (k, rng.below(4)) {
        (0, _) => pick(
            rng,
            &["aujourd'hui", "le même jour", "ce jour", "le jour même"],
            &["today", "the same day", "that day"],
        ),
        (1, 0 | 1) => pick(
            rng,
            &["hier", "la veille"],
            &["yesterday", "the day before", "the previous day"],
        ),
        (2, 0) => pick(rng, &["avant-hier"], &["the day before yesterday"]),
        (1..=6, 2) => match fr {
            true => format!(
                "{}{}",
                if rng.chance(0.5) { "ce " } else { "" },
                weekday(d, lang)
            ),
            false => format!(
                "{}{}",
                if rng.chance(0.5) { "on " } else { "" },
                weekday(d, lang)
            ),
        },
        (1..=7, 3) => match fr {
            true => format!("{} dernier", weekday(d, lang)),
            false => format!("last {}", weekday(d, lang)),
        },
        (2..=10, _) if rng.chance(0.5) => match (fr, rng.below(2)) {
            (true, 0) => format!("il y a {k} jours"),
            (true, _) => format!(
                "{} jours plus tôt",
                NUMBERS_FR.get(k as usize - 1).copied().unwrap_or("dix")
            ),
            (false, 0) => format!("{k} days ago"),
            (false, _) => format!(
                "{} days earlier",
                NUMBERS_EN.get(k as usize - 1).copied().unwrap_or("ten")
            ),
        },
        _ => match rng.below(12) {
            0 => pick(
                rng,
                &["le week-end dernier", "le week-end précédent"],
                &["last weekend", "the previous weekend"],
            ),
            1 => pick(rng, &["la semaine dernière"], &["last week"]),
            2 => pick(
                rng,
                &["cette semaine", "ce week-end"],
                &["this week", "this weekend"],
            ),
            3 => pick(
                rng,
                &["le mois dernier", "ce mois-ci"],
                &["last month", "this month"],
            ),
            4 => pick(
                rng,
                &["en deux semaines", "au cours des deux dernières semaines"],
                &["over two weeks", "in the past two weeks"],
            ),
            5 => pick(
                rng,
                &["au cours des 10 derniers jours", "en trois jours"],
                &["the last 10 days", "over the past three days"],
            ),
            6 => pick(
                rng,
                &["quelques jours avant", "il y a quelques jours"],
                &["a few days earlier", "a few days ago"],
            ),
            7 => pick(rng, &["cette année"], &["this year"]),
            8 => pick(
                rng,
                &["demain", "la semaine prochaine"],
                &["tomorrow", "next week"],
            ),
            9 => match fr {
                true => format!("trois jours avant le {}", long(r, lang)),
                false => format!("three days before {}", long(r, lang)),
            },
            _ => pick(
                rng,
                &["la veille", "le même jour"],
                &["the day before", "that day"],
            ),
        },
    }
}

/// A day that does not exist: `31/02/2020`, `30 février 2020`, `April 31, 2020`.
pub fn impossible(rng: &mut Rng, y: i32, lang: Lang) -> String {
    let leap = NaiveDate::from_ymd_opt(y, 2, 29).is_some();
    match (lang, rng.below(4)) {
        (_, 0) => format!("31/02/{y}"),
        (_, 1) => format!("{y}-{:02}-31", *rng.pick(&[4, 6, 9, 11])),
        (Lang::Fr, 2) => format!("30 février {y}"),
        (Lang::En, 2) => format!("April 31, {y}"),
        (_, _) if !leap => format!("29/02/{y}"),
        (Lang::Fr, _) => format!("31 juin {y}"),
        (Lang::En, _) => format!("31 November {y}"),
    }
}

/// A range typed backwards.
pub fn reversed(rng: &mut Rng, d: NaiveDate, lang: Lang) -> String {
    let s = back(d, rng.between(2, 9));
    if s.month() != d.month() || rng.chance(0.3) {
        return format!("{}/{}", d.format("%Y-%m-%d"), s.format("%Y-%m-%d"));
    }
    let (mn, y) = (month(d, lang), d.year());
    match lang {
        Lang::Fr => format!("du {} au {} {mn} {y}", d.day(), s.day()),
        Lang::En => format!("from {} to {} {mn} {y}", d.day(), s.day()),
    }
}

/// A date that needs the document's date, which the document does not have.
pub fn unanchored(rng: &mut Rng, d: NaiveDate, lang: Lang) -> String {
    match (lang, rng.below(3)) {
        (Lang::Fr, 0) => "la veille".into(),
        (Lang::Fr, 1) => format!("{} dernier", weekday(d, lang)),
        (Lang::Fr, _) => format!("{} {}", d.day(), month(d, lang)),
        (Lang::En, 0) => "yesterday".into(),
        (Lang::En, 1) => format!("last {}", weekday(d, lang)),
        (Lang::En, _) => format!("{} {}", month(d, lang), d.day()),
    }
}

/// A written date with the wrong weekday.
pub fn wrong_weekday(d: NaiveDate, lang: Lang) -> String {
    let other = d + Days::new(1);
    match lang {
        Lang::Fr => format!("{} {}", weekday(other, lang), long(d, lang)),
        Lang::En => format!(
            "{}, {} {}, {}",
            weekday(other, lang),
            month(d, lang),
            d.day(),
            d.year()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::dates::{normalize, DateContext, DateSpan};

    #[test]
    fn eventc_reads_every_form_written_and_refuses_the_broken_ones_for_their_reason() {
        let mut rng = Rng::derive(1, 0, 0);
        let first = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        for i in 0..4000 {
            let r = first + Days::new(rng.below(5000) as u64);
            let d = back(r, rng.between(0, 60));
            let lang = if i % 2 == 0 { Lang::Fr } else { Lang::En };
            let dated = i % 3 != 0;
            let ctx = DateContext {
                reference: dated.then(|| DateSpan::day(r)),
                lang: Some(lang),
                ..Default::default()
            };
            let rule = |t: &str, ctx: &DateContext| normalize(t, ctx).err().map(|e| e.rule);
            let text = coded(&mut rng, d, dated.then_some(r), lang);
            assert_eq!(rule(&text, &ctx), None, "{text}");
            let bad = impossible(&mut rng, d.year(), lang);
            assert_eq!(rule(&bad, &ctx), Some("invalid-date"), "{bad}");
            let bad = reversed(&mut rng, d, lang);
            assert_eq!(rule(&bad, &ctx), Some("date-range-reversed"), "{bad}");
            let undated = DateContext {
                reference: None,
                ..ctx
            };
            let bad = unanchored(&mut rng, d, lang);
            assert_eq!(
                rule(&bad, &undated),
                Some("relative-date-unanchored"),
                "{bad}"
            );
            let bad = wrong_weekday(d, lang);
            let warnings = normalize(&bad, &ctx).unwrap().warnings;
            assert!(
                warnings.iter().any(|w| w.rule == "weekday-mismatch"),
                "{bad}"
            );
        }
    }
}
