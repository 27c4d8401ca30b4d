use super::words::long_date;
use super::*;
use chrono::Days;
use proptest::prelude::*;
use Precision as P;

mod vague;

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
        bounds: Bounds::DEFAULT,
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
    check_cases(CASES);
}

/// Runs a table of `text | language [document date] | start [end] | precision [warning rules]`.
fn check_cases(rows: &[&str]) {
    for row in rows {
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
        let precision = precision.unwrap_or_else(|| panic!("{row}: unknown precision"));
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
    check_errors(ERRORS);
    let typo = normalize("16 fevirer 2020", &ctx(FR, "")).unwrap_err();
    let want = "\"fevirer\" looks like a misspelt month: did you mean \"février\"?";
    assert_eq!(typo.help.as_deref(), Some(want));
    let typo = normalize("Febuary 16, 2020", &ctx(EN, "")).unwrap_err();
    assert!(typo.help.unwrap().contains("\"February\""));
    assert_eq!(normalize("gibberish", &ctx(NO, "")).unwrap_err().help, None);
}

/// Runs a table of `text | language [document date] | rule | part of the message`.
fn check_errors(rows: &[&str]) {
    for row in rows {
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
        bounds: Bounds::DEFAULT,
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
        [
            "day",
            "week",
            "part-month",
            "month",
            "quarter",
            "season",
            "year",
            "range"
        ]
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
