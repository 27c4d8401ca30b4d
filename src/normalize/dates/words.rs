//! The words of dates: month, weekday and number names in French and English, and the help
//! offered for a misspelt month.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::HashMap;
use std::sync::LazyLock;

use super::Lang;
use crate::text::date_words as fold;

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

/// Every folded spelling in `tables` with its 1-based position and its table's tag; a spelling
/// shared by two tables keeps the first. Folded once, since every date looks words up here.
fn index<T: Copy>(tables: &[(&str, T)]) -> HashMap<String, (u32, T)> {
    let mut map = HashMap::new();
    for (table, tag) in tables {
        for (i, alts) in (1..).zip(table.split('|')) {
            for a in alts.split(' ') {
                map.entry(fold(a)).or_insert((i, *tag));
            }
        }
    }
    map
}

type Index<T> = LazyLock<HashMap<String, (u32, T)>>;

static MONTH_WORDS: Index<Option<Lang>> = LazyLock::new(|| {
    index(&[
        (MONTHS_FR, Some(Lang::Fr)),
        (MONTHS_EN, Some(Lang::En)),
        (MONTHS_ABBR, None),
    ])
});
static WEEKDAY_WORDS: Index<Lang> = LazyLock::new(|| {
    index(&[
        (WEEKDAYS_FR, Lang::Fr),
        (WEEKDAYS_EN, Lang::En),
        (WEEKDAYS_ABBR, Lang::En),
    ])
});
static NUMBER_WORDS: Index<()> = LazyLock::new(|| index(&[(NUMBERS, ())]));

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

/// A folded month word: the month (1..=12), and the language when the word tells it.
pub(super) fn month_word(w: &str) -> Option<(u32, Option<Lang>)> {
    MONTH_WORDS.get(w).copied()
}

/// A folded weekday word, and its language (an abbreviation is English).
pub(super) fn weekday_word(w: &str) -> Option<(Weekday, Lang)> {
    let &(i, lang) = WEEKDAY_WORDS.get(w)?;
    Some((Weekday::try_from(u8::try_from(i - 1).ok()?).ok()?, lang))
}

/// `16 février 2020`, `1er mars 2020`, `16 February 2020`.
pub(super) fn long_date(d: NaiveDate, lang: Lang) -> String {
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

/// `16`, `1er`, `1st`, `16th`, `2020` as (value, digit count, has an ordinal suffix).
pub(super) fn number(w: &str) -> Option<(u32, usize, bool)> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &w[digits..];
    let ok = ["", "er", "re", "e", "eme", "st", "nd", "rd", "th"].contains(&suffix);
    if digits == 0 || digits > 4 || !ok {
        return None;
    }
    Some((w[..digits].parse().ok()?, digits, !suffix.is_empty()))
}

/// A count: `3`, `trois`, `three`.
pub(super) fn count(w: &str) -> Option<u32> {
    let n = match number(w) {
        Some((n, _, false)) => n,
        _ => NUMBER_WORDS.get(w)?.0,
    };
    (n > 0).then_some(n)
}

/// A word that is a near miss of a month name, with the month it probably means.
pub(super) fn typo_month(s: &str) -> Option<(&str, &'static str)> {
    let names = MONTHS_FR.split('|').chain(MONTHS_EN.split('|'));
    s.split(' ')
        .filter(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic) && month_word(w).is_none())
        .find_map(|w| {
            let (dist, name) = names
                .clone()
                .map(|n| (strsim::levenshtein(w, &fold(n)), n))
                .min()?;
            (dist <= 2 && dist * 3 <= w.chars().count()).then_some((w, name))
        })
}
