//! The vague and machine-written forms: parts of months, bare days, quarters, seasons,
//! timestamps, the relative forms news uses most, and the bounds on every date.

use super::*;

/// As `CASES`: `text | language [document date] | start [end] | precision [warning rules]`.
const VAGUE: &[&str] = &[
    // Parts of a month, with a year; month ends in leap and common years.
    "mi-février 2020 | fr | 2020-02-11 2020-02-20 | part-month",
    "à la mi-février 2020 | fr | 2020-02-11 2020-02-20 | part-month",
    "mi février 2020 | fr | 2020-02-11 2020-02-20 | part-month",
    "début mars 2020 | fr | 2020-03-01 2020-03-10 | part-month",
    "au début de mars 2020 | fr | 2020-03-01 2020-03-10 | part-month",
    "début d'avril 2020 | fr | 2020-04-01 2020-04-10 | part-month",
    "fin février 2020 | fr | 2020-02-21 2020-02-29 | part-month",
    "fin février 2019 | fr | 2019-02-21 2019-02-28 | part-month",
    "Fin avril 2020 | fr | 2020-04-21 2020-04-30 | part-month",
    "fin déc. 2019 | fr | 2019-12-21 2019-12-31 | part-month",
    "à la fin du mois de janvier 2020 | fr | 2020-01-21 2020-01-31 | part-month",
    "early February 2020 | en | 2020-02-01 2020-02-10 | part-month",
    "in early March 2020 | en | 2020-03-01 2020-03-10 | part-month",
    "mid-February 2020 | en | 2020-02-11 2020-02-20 | part-month",
    "mid-Feb. 2020 | en | 2020-02-11 2020-02-20 | part-month",
    "late February 2020 | en | 2020-02-21 2020-02-29 | part-month",
    "the end of February 2019 | en | 2019-02-21 2019-02-28 | part-month",
    "at the end of January 2020 | en | 2020-01-21 2020-01-31 | part-month",
    "the beginning of March 2020 | en | 2020-03-01 2020-03-10 | part-month",
    // Without a year: the document's year, or the one before when the month is after its date.
    "mi-février | fr 2020-02-16 | 2020-02-11 2020-02-20 | part-month",
    "fin février | fr 2020-02-16 | 2020-02-21 2020-02-29 | part-month date-after-publication",
    "fin mars | fr 2020-02-16 | 2019-03-21 2019-03-31 | part-month",
    "fin décembre | fr 2020-01-05 | 2019-12-21 2019-12-31 | part-month",
    "début janvier | fr 2020-01-05 | 2020-01-01 2020-01-10 | part-month",
    "late December | en 2020-01-05 | 2019-12-21 2019-12-31 | part-month",
    "early January | en 2020-01-05 | 2020-01-01 2020-01-10 | part-month",
    "mid-February | en 2020-02 | 2020-02-11 2020-02-20 | part-month",
    // Parts of the document's own month, or of the month before or after it.
    "au début du mois | fr 2020-02-16 | 2020-02-01 2020-02-10 | part-month",
    "en début de mois | fr 2020-02-16 | 2020-02-01 2020-02-10 | part-month",
    "à la mi-mois | fr 2020-02-16 | 2020-02-11 2020-02-20 | part-month",
    "à la fin du mois | fr 2020-02-16 | 2020-02-21 2020-02-29 | part-month date-after-publication",
    "fin du mois dernier | fr 2020-01-05 | 2019-12-21 2019-12-31 | part-month",
    "début du mois prochain | fr 2020-12-20 | 2021-01-01 2021-01-10 | part-month date-after-publication",
    "at the beginning of the month | en 2020-02-16 | 2020-02-01 2020-02-10 | part-month",
    "mid-month | en 2020-02-16 | 2020-02-11 2020-02-20 | part-month",
    "late last month | en 2020-03-16 | 2020-02-21 2020-02-29 | part-month",
    "end of last month | en 2020-01-05 | 2019-12-21 2019-12-31 | part-month",
    "early this month | en 2020-02-16 | 2020-02-01 2020-02-10 | part-month",
    "au début du mois | fr 2020-02 | 2020-02-01 2020-02-10 | part-month",
    // A bare day: of the document's month, or of the month before when it is after its date.
    "le 14 | fr 2020-02-16 | 2020-02-14 | day",
    "le 16 | fr 2020-02-16 | 2020-02-16 | day",
    "le 1er | fr 2020-02-16 | 2020-02-01 | day",
    "le 20 | fr 2020-02-16 | 2020-01-20 | day",
    "le 31 | fr 2020-02-16 | 2020-01-31 | day",
    "le 29 | fr 2020-03-16 | 2020-02-29 | day",
    "le 20 | fr 2020-01-05 | 2019-12-20 | day",
    "on the 14th | en 2020-02-16 | 2020-02-14 | day",
    "the 20th | en 2020-01-05 | 2019-12-20 | day",
    "dimanche 16 | fr 2020-02-16 | 2020-02-16 | day",
    "le samedi 15 | fr 2020-02-16 | 2020-02-15 | day",
    "lundi 16 | fr 2020-02-16 | 2020-02-16 | day weekday-mismatch",
    "on Saturday the 15th | en 2020-02-16 | 2020-02-15 | day",
    "entre le 3 et le 16 | fr 2020-02-16 | 2020-02-03 2020-02-16 | range",
    "entre le 28 et le 3 | fr 2020-02-16 | 2020-01-28 2020-02-03 | range",
    "le 14 | fr 2020-02 | 2020-01-14 2020-02-14 | range",
    // Quarters.
    "premier trimestre 2020 | fr | 2020-01-01 2020-03-31 | quarter",
    "au 1er trimestre 2020 | fr | 2020-01-01 2020-03-31 | quarter",
    "T2 2019 | fr | 2019-04-01 2019-06-30 | quarter",
    "deuxième trimestre 2019 | fr | 2019-04-01 2019-06-30 | quarter",
    "le quatrième trimestre 2019 | fr | 2019-10-01 2019-12-31 | quarter",
    "Q1 2020 | en | 2020-01-01 2020-03-31 | quarter",
    "2020-Q4 | - | 2020-10-01 2020-12-31 | quarter",
    "2020 Q3 | - | 2020-07-01 2020-09-30 | quarter",
    "the first quarter of 2020 | en | 2020-01-01 2020-03-31 | quarter",
    "in the 3rd quarter of 2020 | en | 2020-07-01 2020-09-30 | quarter",
    "au premier trimestre | fr 2020-02-16 | 2020-01-01 2020-03-31 | quarter",
    "au quatrième trimestre | fr 2020-02-16 | 2019-10-01 2019-12-31 | quarter",
    "Q2 | en 2020-02-16 | 2019-04-01 2019-06-30 | quarter",
    // Meteorological seasons; a winter is named by the year of its January.
    "printemps 2020 | fr | 2020-03-01 2020-05-31 | season",
    "au printemps 2020 | fr | 2020-03-01 2020-05-31 | season",
    "l'été 2020 | fr | 2020-06-01 2020-08-31 | season",
    "pendant l’été 2020 | fr | 2020-06-01 2020-08-31 | season",
    "à l'automne 2019 | fr | 2019-09-01 2019-11-30 | season",
    "hiver 2019-2020 | fr | 2019-12-01 2020-02-29 | season",
    "l'hiver 2020 | fr | 2019-12-01 2020-02-29 | season ambiguous-date",
    "spring 2020 | en | 2020-03-01 2020-05-31 | season",
    "the summer of 2020 | en | 2020-06-01 2020-08-31 | season",
    "fall 2019 | en | 2019-09-01 2019-11-30 | season",
    "in autumn 2019 | en | 2019-09-01 2019-11-30 | season",
    "winter 2019/20 | en | 2019-12-01 2020-02-29 | season",
    "winter 2020-2021 | en | 2020-12-01 2021-02-28 | season",
    "en été | fr 2020-02-16 | 2019-06-01 2019-08-31 | season",
    "l'hiver | fr 2020-02-16 | 2019-12-01 2020-02-29 | season",
    "in winter | en 2020-12-20 | 2020-12-01 2021-02-28 | season",
    "spring | en 2020-03-01 | 2020-03-01 2020-05-31 | season",
    // Timestamps: the day as written in its own offset.
    "2020-02-16T10:00Z | - | 2020-02-16 | day",
    "2020-02-16 10:00:00+03:00 | - | 2020-02-16 | day",
    "2020-02-16T23:30-05:00 | - | 2020-02-16 | day",
    "2020-02-29t00:00:00z | - | 2020-02-29 | day",
    "2019-12-31T23:59:59.999+14:00. | - | 2019-12-31 | day",
    "2020-02-17T01:00+01:00 | fr 2020-02-16 | 2020-02-17 | day date-after-publication",
    // Relative forms, at month ends and across a year.
    "avant-hier | fr 2020-03-01 | 2020-02-28 | day",
    "the day before yesterday | en 2020-01-01 | 2019-12-30 | day",
    "il y a trois jours | fr 2020-02-16 | 2020-02-13 | day",
    "il y a trois jours | fr 2020-01-02 | 2019-12-30 | day",
    "la semaine dernière | fr 2020-01-02 | 2019-12-23 2019-12-29 | week",
    "le mois dernier | fr 2020-01-05 | 2019-12-01 2019-12-31 | month",
    "last month | en 2020-01-05 | 2019-12-01 2019-12-31 | month",
    "earlier this week | en 2020-02-16 | 2020-02-10 2020-02-15 | range",
    "earlier this week | en 2020-02-11 | 2020-02-10 | day",
    "earlier this week | en 2020-02-10 | 2020-02-10 | day",
    "earlier in the week | en 2020-01-02 | 2019-12-30 2020-01-01 | range",
    "plus tôt cette semaine | fr 2020-02-12 | 2020-02-10 2020-02-11 | range",
    "earlier this month | en 2020-02-16 | 2020-02-01 2020-02-15 | range",
    "plus tôt dans le mois | fr 2020-02 | 2020-02-01 2020-02-28 | range",
    // The bounds hold at their edges.
    "1800-01-01 | - | 1800-01-01 | day",
    "2100-12-31 | - | 2100-12-31 | day",
    "fin décembre 2100 | fr | 2100-12-21 2100-12-31 | part-month",
];

#[test]
fn every_vague_form() {
    check_cases(VAGUE);
}

/// As `ERRORS`: `text | language [document date] | rule | part of the message`.
const VAGUE_ERRORS: &[&str] = &[
    "2020-02-16/9999-12-31 | - | invalid-date | outside the accepted dates, 1800-01-01 to 2100-12-31",
    "0000-01-01 | - | invalid-date | 0000-01-01 is outside the accepted dates",
    "0000 | - | invalid-date | is outside the accepted dates",
    "1799-12-31 | - | invalid-date | is outside the accepted dates",
    "2101 | - | invalid-date | 2101 is outside the accepted dates",
    "1er janvier 2101 | fr | invalid-date | is outside the accepted dates",
    "la veille | fr 1800-01-01 | invalid-date | 1799-12-31 is outside the accepted dates",
    "hiver 1800 | fr | invalid-date | is outside the accepted dates",
    "2020-02-16T25:00Z | - | invalid-date | \"25:00\" is not a time of day",
    "2020-02-16T10:61 | - | invalid-date | \"10:61\" is not a time of day",
    "2020-02-16T10:00+24:00 | - | invalid-date | \"+24:00\" is not a UTC offset",
    "2020-02-16T10:00+3 | - | invalid-date | is not a UTC offset",
    "2020-02-30T10:00Z | - | invalid-date | February 2020 has 29 days",
    "2020-02-16T10:00/2020-02-16T12:00 | - | invalid-date | cannot read",
    "Q5 2020 | - | invalid-date | quarter 5 does not exist",
    "5e trimestre 2020 | fr | invalid-date | quarter 5 does not exist",
    "hiver 2019-2021 | fr | invalid-date | two years in a row, such as 2019-2020",
    "le 30 | fr 2020-03-16 | invalid-date | février 2020 has 29 days",
    "le 32 | fr 2020-02-16 | invalid-date | janvier 2020 has 31 days",
    "le 14 | fr | relative-date-unanchored | \"le 14\" has no month",
    "mi-février | fr | relative-date-unanchored | \"mi-février\" has no year",
    "au début du mois | fr | relative-date-unanchored | is relative",
    "printemps | fr | relative-date-unanchored | has no year",
    "Q3 | en | relative-date-unanchored | has no year",
    "earlier this week | en | relative-date-unanchored | is relative",
    "du 3 au 16 | fr 2020-02-16 | invalid-date | has no month",
    "16 | fr 2020-02-16 | invalid-date | cannot read",
    "fin 2019 | fr | invalid-date | cannot read",
];

#[test]
fn vague_errors_say_why() {
    check_errors(VAGUE_ERRORS);
}

#[test]
fn timestamps_keep_their_time_and_offset() {
    let cases = [
        ("2020-02-16T10:00Z", "10:00:00Z"),
        ("2020-02-16T10:00:00z", "10:00:00Z"),
        ("2020-02-16 10:00:00+03:00", "10:00:00+03:00"),
        ("2020-02-16T10:00:30-0530", "10:00:30-05:30"),
        ("2020-02-16T10:00+01", "10:00:00+01:00"),
        ("2020-02-16T10:00:00+00:00", "10:00:00Z"),
        ("2020-02-16T10:00:00.250", "10:00:00.250"),
        ("2020-02-16T10:00", "10:00:00"),
    ];
    for (text, want) in cases {
        let got = normalize(text, &DateContext::default()).unwrap();
        assert_eq!(got.span, DateSpan::day(d("2020-02-16")), "{text}");
        assert_eq!(
            got.time.map(|t| t.to_string()).as_deref(),
            Some(want),
            "{text}"
        );
    }
    for text in ["2020-02-16", "16 février 2020", "la veille", "mi-février"] {
        let got = normalize(text, &ctx(FR, "2020-02-16")).unwrap();
        assert_eq!(got.time, None, "{text}");
    }
}

#[test]
fn a_project_sets_its_own_bounds() {
    let bounds = Bounds {
        first: d("1990-01-01"),
        last: d("2020-02-16"),
    };
    let c = DateContext {
        bounds,
        reference: parse_partial_iso("2020-02-16"),
        ..DateContext::default()
    };
    let e = normalize("1989-12-31", &c).unwrap_err();
    assert_eq!(e.rule, INVALID_DATE);
    let want = "1989-12-31 is outside the accepted dates, 1990-01-01 to 2020-02-16";
    assert_eq!(e.message, want);
    assert!(e
        .help
        .unwrap()
        .contains("`date_range` in schema/eventc.json"));
    assert!(normalize("le lendemain", &c).is_err());
    assert!(normalize("1820", &c).is_err());
    assert_eq!(
        normalize("la veille", &c).unwrap().span.start,
        d("2020-02-15")
    );
    assert_eq!(
        normalize("1850", &DateContext::default())
            .unwrap()
            .span
            .start,
        d("1850-01-01")
    );
}

#[test]
fn the_winter_warning_offers_both_readings() {
    let got = normalize("hiver 2020", &ctx(FR, "")).unwrap();
    let [w] = &got.warnings[..] else {
        panic!("{:?}", got.warnings)
    };
    let msg = "\"hiver 2020\" could be the winter of 2019-2020 or of 2020-2021; \
               read as December 2019 to February 2020";
    assert_eq!((w.rule, w.message.as_str()), (AMBIGUOUS_DATE, msg));
    let help = "write both years: \"hiver 2019-2020\" or \"hiver 2020-2021\"";
    assert_eq!(w.help.as_deref(), Some(help));
}

#[test]
fn periods_display_as_iso_intervals() {
    let forms = [
        ("mi-février 2020", "2020-02-11/2020-02-20"),
        ("Q1 2020", "2020-01-01/2020-03-31"),
        ("summer 2020", "2020-06-01/2020-08-31"),
    ];
    for (text, want) in forms {
        let got = normalize(text, &DateContext::default()).unwrap();
        assert_eq!(got.span.to_string(), want);
    }
}

/// Pieces of the vague forms, to be put together in any order.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "fin", "mi-", "début", "early", "mid-", "late", "end", "of", "the", "du", "de", "d'", "mois",
    "month", "dernier", "last", "le", "à", "la", "Q1", "T5", "q0", "trimestre", "quarter",
    "premier", "5e", "hiver", "winter", "été", "2019-20", "2019/2021", "2020", "0000", "9999",
    "99", "0", "14", "31", "févr.", "February", "dimanche", "2020-02-16T", "2020-02-29 ",
    "10:00", "24:00:00.", "+25:00", "Z", "-", "/", ":", "T", "é", "+", "earlier this",
];

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..73_049).prop_map(|n| d("1900-01-01") + Days::new(n))
}

proptest! {
    #[test]
    fn pieces_of_vague_forms_give_an_ordered_span_in_bounds_or_an_issue(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..6),
        doc in prop_oneof![Just(""), Just("2020-02-16"), Just("2020-02"), Just("1800-01-01")],
    ) {
        for text in [pieces.join(" "), pieces.concat()] {
            if let Ok(n) = normalize(&text, &ctx(FR, doc)) {
                prop_assert!(n.span.start <= n.span.end, "{}", text);
                prop_assert!(Bounds::DEFAULT.contains(&n.span), "{}", text);
            }
        }
    }

    #[test]
    fn thirds_of_a_month_tile_it(y in 1900i32..2100, m in 1u32..=12) {
        let month = DateSpan::month(y, m).unwrap();
        let (fr, en) = (month_name(m, Lang::Fr).unwrap(), month_name(m, Lang::En).unwrap());
        let thirds = [
            [format!("début {fr} {y}"), format!("early {en} {y}")],
            [format!("mi-{fr} {y}"), format!("mid-{en} {y}")],
            [format!("fin {fr} {y}"), format!("late {en} {y}")],
        ];
        let mut next = month.start;
        for forms in thirds {
            let spans = forms.map(|f| normalize(&f, &DateContext::default()).unwrap().span);
            prop_assert_eq!(spans[0], spans[1]);
            prop_assert_eq!((spans[0].start, spans[0].precision), (next, P::PartMonth));
            next = spans[0].end.succ_opt().unwrap();
        }
        prop_assert_eq!(next, month.end.succ_opt().unwrap());
    }

    #[test]
    fn a_bare_day_is_the_latest_such_day(doc in any_day(), day in 1u32..=28) {
        let got = normalize(&format!("le {day}"), &ctx(FR, &doc.to_string())).unwrap().span;
        prop_assert_eq!((got.start, got.precision), (got.end, P::Day));
        prop_assert_eq!(got.start.day(), day);
        prop_assert!(got.start <= doc && (doc - got.start).num_days() < 31);
    }

    #[test]
    fn quarters_and_seasons_tile_the_years(y in 1901i32..2099) {
        let c = DateContext::default();
        let mut next = d(&format!("{y}-01-01"));
        for q in 1..=4 {
            let s = normalize(&format!("Q{q} {y}"), &c).unwrap().span;
            prop_assert_eq!(s.start, next);
            next = s.end.succ_opt().unwrap();
        }
        prop_assert_eq!(next, d(&format!("{}-01-01", y + 1)));
        let mut next = d(&format!("{}-12-01", y - 1));
        for season in ["winter", "spring", "summer", "autumn"] {
            let text = match season {
                "winter" => format!("winter {}-{y}", y - 1),
                _ => format!("{season} {y}"),
            };
            let s = normalize(&text, &c).unwrap().span;
            prop_assert_eq!((s.start, s.precision), (next, P::Season));
            next = s.end.succ_opt().unwrap();
        }
        prop_assert_eq!(next, d(&format!("{y}-12-01")));
    }

    #[test]
    fn a_timestamp_gives_its_own_day_and_time(day in any_day(), secs in 0u32..86_400, off in -14i32..=14) {
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
        let offset = if off == 0 { "Z".to_string() } else { format!("{off:+03}:00") };
        let text = format!("{day}T{}{offset}", time.format("%H:%M:%S"));
        let got = normalize(&text, &DateContext::default()).unwrap();
        prop_assert_eq!(got.span, DateSpan::day(day));
        let written = text.split_once('T').map(|(_, t)| t.to_string());
        prop_assert_eq!(got.time.map(|t| t.to_string()), written);
    }
}
