//! Quote search: what is forgiven, where the span is, what is said when it is not found.

use super::*;

fn found(doc_text: &str, quote: &str) -> QuoteMatch {
    let doc = Document::new(doc_text);
    let m = find_quote(&doc, quote, None)
        .unwrap_or_else(|e| panic!("expected {quote:?} to match: {e:?}"));
    assert_slices(&doc, &m);
    m
}

fn not_found_issue(doc_text: &str, quote: &str) -> Issue {
    let doc = Document::new(doc_text);
    match find_quote(&doc, quote, None) {
        Ok(m) => panic!("expected {quote:?} not to match, got {m:?}"),
        Err(e) => e,
    }
}

/// The reported offsets are code points of the original text.
fn assert_slices(doc: &Document, m: &QuoteMatch) {
    let by_chars: String = doc
        .text()
        .chars()
        .skip(m.start)
        .take(m.end - m.start)
        .collect();
    assert_eq!(by_chars, m.text);
}

#[test]
fn exact_match_offsets() {
    let m = found("one two three", "two");
    assert_eq!((m.start, m.end, m.text.as_str()), (4, 7, "two"));
    assert!(m.warnings.is_empty());
}

#[test]
fn offsets_count_code_points_with_multibyte_text() {
    let text = "Çavuşoğlu a déclaré « 😀 » que l’agression doit s’arrêter.";
    let m = found(text, "que l'agression doit");
    assert_eq!(m.text, "que l’agression doit");
    let expected_start = text.chars().position(|c| c == 'q').unwrap();
    assert_eq!(m.start, expected_start);
    assert_eq!(m.end - m.start, "que l’agression doit".chars().count());
}

#[test]
fn nfd_document_matches_nfc_quote() {
    let doc = "le re\u{301}gime syrien a de\u{301}clare\u{301}";
    let m = found(doc, "régime syrien a déclaré");
    assert_eq!(m.text, "re\u{301}gime syrien a de\u{301}clare\u{301}");
    assert_eq!(m.end, doc.chars().count());
}

#[test]
fn nfc_document_matches_nfd_quote() {
    let m = found(
        "le régime syrien a déclaré",
        "re\u{301}gime syrien a de\u{301}clare\u{301}",
    );
    assert_eq!(m.text, "régime syrien a déclaré");
    assert_eq!(m.start, 3);
}

#[test]
fn base_letter_does_not_match_letter_with_accent() {
    let e = not_found_issue("un cafe\u{301} noir", "un cafe noir");
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
}

#[test]
fn nbsp_and_unicode_spaces_match_plain_space() {
    let m = found(
        "au\u{a0}Royaume-Uni, le\u{202f}16\u{2009}février",
        "au Royaume-Uni, le 16 février",
    );
    assert_eq!(m.text, "au\u{a0}Royaume-Uni, le\u{202f}16\u{2009}février");
    let m = found("au Royaume-Uni", "au\u{a0}Royaume-Uni");
    assert_eq!(m.text, "au Royaume-Uni");
}

#[test]
fn line_break_and_tabs_inside_quote() {
    let text = "first line ends here\nand the\r\n\tsecond   continues";
    let m = found(text, "ends here and the second continues");
    assert_eq!(m.text, "ends here\nand the\r\n\tsecond   continues");
    let m = found("ends here and the second", "ends\nhere  and\tthe second");
    assert_eq!(m.text, "ends here and the second");
}

#[test]
fn surrounding_whitespace_in_quote_is_ignored() {
    let m = found("alpha beta gamma", "  \n beta\u{a0} ");
    assert_eq!((m.start, m.end, m.text.as_str()), (6, 10, "beta"));
}

#[test]
fn whitespace_is_neither_invented_nor_dropped() {
    assert_eq!(
        not_found_issue("a lot of", "alot of").rule,
        RULE_QUOTE_NOT_FOUND
    );
    assert_eq!(
        not_found_issue("alot of", "a lot of").rule,
        RULE_QUOTE_NOT_FOUND
    );
}

#[test]
fn typographic_and_straight_apostrophes_are_equal() {
    assert_eq!(
        found("la province d’Alep", "province d'Alep").text,
        "province d’Alep"
    );
    assert_eq!(
        found("la province d'Alep", "province d’Alep").text,
        "province d'Alep"
    );
    assert_eq!(
        found("la province dʼAlep", "province d‘Alep").text,
        "province dʼAlep"
    );
    assert_eq!(
        found("la province d′Alep", "province d'Alep").text,
        "province d′Alep"
    );
}

#[test]
fn apostrophe_is_not_a_double_quote() {
    assert_eq!(
        not_found_issue("he said 'no'", "he said \"no\"").rule,
        RULE_QUOTE_NOT_FOUND
    );
}

#[test]
fn closing_mark_used_as_opening_quote() {
    let text = "plus tard. ”Le régime progresse”, a-t-il dit.";
    let m = found(text, "\"Le régime progresse\", a-t-il dit");
    assert_eq!(m.text, "”Le régime progresse”, a-t-il dit");
    let m = found(text, "“Le régime progresse”");
    assert_eq!(m.text, "”Le régime progresse”");
}

#[test]
fn guillemets_with_and_without_inner_spaces() {
    let m = found(
        "la Turquie «s’en occuperait» avant",
        "la Turquie « s'en occuperait » avant",
    );
    assert_eq!(m.text, "la Turquie «s’en occuperait» avant");
    let m = found(
        "la Turquie « s’en occuperait » avant",
        "Turquie «s'en occuperait»",
    );
    assert_eq!(m.text, "Turquie « s’en occuperait »");
    let m = found(
        "la Turquie «\u{202f}s’en occuperait\u{a0}» avant",
        "\"s'en occuperait\"",
    );
    assert_eq!(m.text, "«\u{202f}s’en occuperait\u{a0}»");
}

#[test]
fn non_breaking_hyphen_matches_hyphen_but_dashes_stay_distinct() {
    let m = found("le Royaume\u{2011}Uni", "Royaume-Uni");
    assert_eq!(m.text, "Royaume\u{2011}Uni");
    assert_eq!(
        found("le Royaume-Uni", "Royaume\u{2011}Uni").text,
        "Royaume-Uni"
    );
    assert_eq!(
        not_found_issue("pages 3\u{2013}5", "pages 3-5").rule,
        RULE_QUOTE_NOT_FOUND
    );
    assert_eq!(
        not_found_issue("oui \u{2014} non", "oui - non").rule,
        RULE_QUOTE_NOT_FOUND
    );
}

#[test]
fn changed_letter_is_not_forgiven() {
    let e = not_found_issue(
        "les forces syriennes ont progressé",
        "les forces syriennes ont progresse",
    );
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
}

#[test]
fn missing_word_is_not_forgiven() {
    let e = not_found_issue(
        "les forces syriennes ont progressé",
        "les forces ont progressé",
    );
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
}

#[test]
fn different_punctuation_is_not_forgiven() {
    let e = not_found_issue("ils ont avancé, puis reculé", "ils ont avancé; puis reculé");
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
}

#[test]
fn case_mismatch_matches_with_warning_and_document_casing() {
    let m = found(
        "Hier, La Maison Blanche a déclaré",
        "la maison blanche a DÉCLARÉ",
    );
    assert_eq!(m.text, "La Maison Blanche a déclaré");
    assert_eq!(m.warnings.len(), 1);
    assert_eq!(m.warnings[0].rule, RULE_QUOTE_CASE_MISMATCH);
    assert!(m.warnings[0].message.contains("document's own casing"));
    assert!(m.warnings[0]
        .message
        .contains("La Maison Blanche a déclaré"));
}

#[test]
fn exact_case_preferred_over_case_insensitive_hit() {
    let m = found("la Maison. La maison.", "La maison");
    assert_eq!(m.start, 11);
    assert!(m.warnings.is_empty());
}

#[test]
fn ambiguous_quote_warns_and_uses_first() {
    let text = "Idlib tombe.\nrien\nIdlib tombe.\nIdlib tombe.";
    let m = found(text, "Idlib tombe");
    assert_eq!(m.start, 0);
    assert_eq!(m.warnings.len(), 1);
    let w = &m.warnings[0];
    assert_eq!(w.rule, RULE_QUOTE_AMBIGUOUS);
    assert!(
        w.message.contains("found 3 times, at lines 1, 3, 4"),
        "{}",
        w.message
    );
    assert!(w.help.as_deref().unwrap().contains("quote_occurrence: 2"));
}

#[test]
fn case_mismatch_and_ambiguity_both_reported() {
    let m = found("ALEP tombe. ALEP tombe.", "alep tombe");
    let rules: Vec<_> = m.warnings.iter().map(|w| w.rule).collect();
    assert_eq!(rules, vec![RULE_QUOTE_CASE_MISMATCH, RULE_QUOTE_AMBIGUOUS]);
}

#[test]
fn occurrence_selects_kth_without_warning() {
    let text = "Idlib tombe.\nrien\nIdlib tombe.\nIdlib tombe.";
    let doc = Document::new(text);
    let m = find_quote(&doc, "Idlib tombe", Some(2)).unwrap();
    assert_eq!(doc.line_of(m.start), 3);
    assert_eq!(m.start, 18);
    assert_slices(&doc, &m);
    assert!(m.warnings.is_empty());
    let m = find_quote(&doc, "Idlib tombe", Some(3)).unwrap();
    assert_eq!(doc.line_of(m.start), 4);
}

#[test]
fn occurrence_beyond_count_is_an_error() {
    let doc = Document::new("Idlib tombe. Idlib tombe.");
    let e = find_quote(&doc, "Idlib tombe", Some(3)).unwrap_err();
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    assert_eq!(e.message, "occurrence 3 requested, found 2");
}

#[test]
fn occurrence_zero_is_invalid() {
    let doc = Document::new("Idlib tombe.");
    let e = find_quote(&doc, "Idlib tombe", Some(0)).unwrap_err();
    assert_eq!(e.rule, RULE_INVALID_OCCURRENCE);
}

#[test]
fn occurrences_do_not_overlap() {
    let doc = Document::new("aaaa");
    assert!(find_quote(&doc, "aa", Some(2)).is_ok());
    let e = find_quote(&doc, "aa", Some(3)).unwrap_err();
    assert_eq!(e.message, "occurrence 3 requested, found 2");
}

#[test]
fn not_found_help_points_at_closest_passage() {
    let text = "Titre\n\nPremier paragraphe sans rapport avec la citation.\n\n\
                Le pays a exhorté la Russie à arrêter les attaques, avertissant qu’elle \
                utiliserait la puissance militaire.\n\nDernier paragraphe.";
    let quote = "Le pays a exhorte la Russie à arrêter les attaques";
    let e = not_found_issue(text, quote);
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    let help = e.help.unwrap();
    assert!(
        help.starts_with("closest passage (line 5, 98% similar): «"),
        "{help}"
    );
    assert!(
        help.contains("Le pays a exhorté la Russie à arrêter les attaques»"),
        "{help}"
    );
}

#[test]
fn not_found_with_missing_word_still_suggests() {
    let text = "a\nb\nc\nDes sources militaires rebelles ont déclaré que des combattants";
    let e = not_found_issue(text, "Des sources rebelles ont déclaré que des combattants");
    let help = e.help.unwrap();
    // Edit distance aligns the quote's first words with the inserted one,
    // so the passage starts there; the line is what matters.
    assert!(help.starts_with("closest passage (line 4,"), "{help}");
    assert!(
        help.contains("rebelles ont déclaré que des combattants»"),
        "{help}"
    );
}

#[test]
fn dissimilar_quote_gets_no_suggestion() {
    let e = not_found_issue(
        "Les rebelles soutenus par la Turquie ont lancé une opération.",
        "Quarterly earnings exceeded analyst expectations",
    );
    let help = e.help.unwrap();
    assert!(help.starts_with("no similar passage found"), "{help}");
}

#[test]
fn empty_document_is_reported() {
    let e = not_found_issue("", "quelque chose");
    assert_eq!(e.rule, RULE_QUOTE_NOT_FOUND);
    assert_eq!(e.help.as_deref(), Some("the document is empty"));
}

#[test]
fn empty_or_blank_quote_is_missing() {
    let doc = Document::new("texte");
    for q in ["", "   ", "\n\t\u{a0}"] {
        assert_eq!(
            find_quote(&doc, q, None).unwrap_err().rule,
            RULE_MISSING_QUOTE
        );
    }
}

#[test]
fn line_of_counts_from_one() {
    let doc = Document::new("ab\ncd\r\n\nef");
    assert_eq!(doc.line_of(0), 1);
    assert_eq!(doc.line_of(2), 1);
    assert_eq!(doc.line_of(3), 2);
    assert_eq!(doc.line_of(7), 3);
    assert_eq!(doc.line_of(8), 4);
    assert_eq!(doc.line_of(1000), 4);
    assert_eq!(Document::new("").line_of(0), 1);
}

#[test]
fn closest_window_finds_substituted_window() {
    let hay: Vec<char> = "xxxxhellqxxxx".chars().collect();
    let pat: Vec<char> = "hello".chars().collect();
    assert_eq!(closest_window(&hay, &pat), (1, 4, 9));
}

#[test]
fn closest_passage_in_a_large_document() {
    // Deterministic pseudo-text of about 40 KB with a distinctive sentence
    // on a known line.
    let words = [
        "les", "forces", "du", "régime", "ont", "avancé", "vers", "Idlib", "et", "Alep",
    ];
    let mut seed: u32 = 7;
    let mut text = String::new();
    for line in 0..400 {
        if line == 250 {
            text.push_str("Le convoi de 100 véhicules de renforts a été déployé à Idlib.\n");
            continue;
        }
        for _ in 0..14 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push_str(words[(seed >> 16) as usize % words.len()]);
            text.push(' ');
        }
        text.push('\n');
    }
    let e = not_found_issue(
        &text,
        "Le convoi de 100 vehicules de renforts a ete deploye a Idlib.",
    );
    let help = e.help.unwrap();
    assert!(help.starts_with("closest passage (line 251,"), "{help}");
    assert!(
        help.contains("«Le convoi de 100 véhicules de renforts a été déployé à Idlib.»"),
        "{help}"
    );
}

/// Two passages of the bundled article, as they appear there.
const ARTICLE: &str = "Le week-end dernier, il a semblé vouloir écourter son ultimatum, \
affirmant que la Turquie «s’en occuperait» avant la fin du mois s’il n’y avait pas de recul.\n\n\
”Le régime (syrien) progresse très rapidement dans cette région”, a-t-il déclaré. \
“Les factions se sont retirées de la majeure partie de la région”, a-t-il ajouté.\n";

#[test]
fn article_quotes_typed_with_straight_marks() {
    let doc = Document::new(ARTICLE);
    let m = find_quote(
        &doc,
        "affirmant que la Turquie \"s'en occuperait\" avant la fin du mois s'il n'y avait pas de recul.",
        None,
    )
    .unwrap();
    assert_slices(&doc, &m);
    assert!(m.text.starts_with("affirmant que la Turquie «s’en"));
    assert!(m.text.ends_with("s’il n’y avait pas de recul."));
    assert_eq!(doc.line_of(m.start), 1);
    assert!(m.warnings.is_empty());

    let m = find_quote(
        &doc,
        "\"Le régime (syrien) progresse très rapidement dans cette région\", a-t-il déclaré.",
        None,
    )
    .unwrap();
    assert_slices(&doc, &m);
    assert!(m.text.starts_with("”Le régime (syrien)"));
    assert!(m.text.ends_with("région”, a-t-il déclaré."));
    assert_eq!(doc.line_of(m.start), 3);

    let m = find_quote(&doc, "la Turquie « s'en occuperait »", None).unwrap();
    assert_eq!(m.text, "la Turquie «s’en occuperait»");
}

#[test]
fn article_typo_is_reported_with_line() {
    let doc = Document::new(ARTICLE);
    let e = find_quote(
        &doc,
        "Les factions se sont retirés de la majeure partie",
        None,
    )
    .unwrap_err();
    let help = e.help.unwrap();
    assert!(help.starts_with("closest passage (line 3,"), "{help}");
    assert!(
        help.contains("Les factions se sont retirées de la majeure partie"),
        "{help}"
    );
}

#[test]
fn case_mismatch_where_lower_case_changes_byte_lengths() {
    // ẞ gets shorter in lower case (ß), Ⱥ and İ longer (ⱥ, i + combining dot): the lower-case
    // text then needs its own map back to the document.
    let text = "ẞTRASSE Ⱥ İzmir et ANKARA ont dit";
    let m = found(text, "ankara ont dit");
    assert_eq!((m.start, m.text.as_str()), (19, "ANKARA ont dit"));
    assert_eq!(m.warnings[0].rule, RULE_QUOTE_CASE_MISMATCH);
    assert_eq!(found(text, "i\u{307}zmir").text, "İzmir");
    assert_eq!(found(text, "ⱥ İZMIR").text, "Ⱥ İzmir");
    assert_eq!(found(text, "ßtrasse").text, "ẞTRASSE");
}

#[test]
fn offsets_stay_exact_far_into_a_long_multibyte_document() {
    let filler = "Le régime d’Assad «\u{a0}progresse\u{a0}» à Idlib 😀 — dit-on.\n";
    let sentence = "Le convoi de 100 véhicules a été déployé à l’est d’Alep.";
    let text = format!("{}{sentence}\n{}", filler.repeat(700), filler.repeat(300));
    let doc = Document::new(&text);
    let m = find_quote(
        &doc,
        "le convoi de 100 véhicules a été déployé à l'est d'Alep.",
        None,
    )
    .unwrap();
    assert_slices(&doc, &m);
    assert_eq!(m.text, sentence);
    assert_eq!(m.start, filler.chars().count() * 700);
    assert_eq!(doc.line_of(m.start), 701);
    assert!(
        m.warnings[0].message.contains("(line 701)"),
        "{:?}",
        m.warnings
    );

    let m = find_quote(&doc, "Assad \"progresse\"", Some(1000)).unwrap();
    assert_slices(&doc, &m);
    assert_eq!(doc.line_of(m.start), 1001);
}

#[test]
fn index_holds_less_than_eight_bytes_per_byte_of_text() {
    let text = ARTICLE.repeat(40);
    let doc = Document::new(&text);
    let held = doc.heap_bytes();
    // The text itself, its two folded copies and one 32-bit offset per folded byte.
    assert!(
        (6 * text.len()..8 * text.len()).contains(&held),
        "{held} bytes for {} bytes of text",
        text.len()
    );
}

mod any_input {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that exercise the fold: spaces, quote marks, combining marks, characters whose
    /// case or normal form changes their length.
    const PIECES: &[&str] = &[
        "a",
        "e",
        "I",
        "A",
        " ",
        "\n",
        "\u{a0}",
        "'",
        "’",
        "\"",
        "«",
        "»",
        " « ",
        "-",
        "\u{2011}",
        "–",
        "é",
        "É",
        "e\u{301}",
        "\u{301}",
        "a\u{323}\u{301}",
        "İ",
        "i\u{307}",
        "ẞ",
        "ß",
        "Ⱥ",
        "\u{212a}",
        "Σ",
        "ς",
        "😀",
        "\u{344}",
        "la",
        "LA",
        "Idlib",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    fn folded_lower(s: &str) -> String {
        let mut folded = String::new();
        crate::text::quote_fold(s, &mut |c, _| folded.push(c));
        folded.chars().flat_map(char::to_lowercase).collect()
    }

    proptest! {
        #[test]
        fn a_match_is_the_documents_own_text_of_the_quote(
            doc_text in text(),
            quote in text(),
            from in 0usize..100,
            len in 0usize..40,
            occurrence in prop::option::of(0usize..3),
        ) {
            // Half the quotes are passages of the document, so that matches are common.
            let chars: Vec<char> = doc_text.chars().collect();
            let from = from.min(chars.len());
            let passage: String = chars[from..(from + len).min(chars.len())].iter().collect();
            let doc = Document::new(&doc_text);
            for q in [&quote, &passage] {
                if let Ok(m) = find_quote(&doc, q, occurrence) {
                    prop_assert!(m.start <= m.end && m.end <= chars.len());
                    assert_slices(&doc, &m);
                    let wanted = folded_lower(q);
                    prop_assert!(folded_lower(&m.text).contains(wanted.trim_matches(' ')));
                }
            }
        }
    }
}
