//! What an actor name means on a date, through the dictionary (`crate::codebook::dictionary`).
//!
//! Which code applies on a date: among the dated codes whose interval contains the event's start
//! (its end when it has no start), the one that started last wins, whatever the file order. This
//! makes the hand-over day shared by two PETRARCH intervals (`[USAELI 640101-010120]`,
//! `[USAGOV 010120-090120]`) go to the new office. With no dated code covering the date, the
//! default (undated) code applies; several defaults: the last one, as PETRARCH replaces them.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::codebook::dictionary::{Actor, CodeSpan, Dictionary, Interval};
use crate::text::name_key;

/// Similarity floor for suggestions (Jaro-Winkler on keys).
const SUGGEST_FLOOR: f64 = 0.88;

/// What a name means on a date.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution<'a> {
    Resolved {
        actor: &'a Actor,
        /// May be the null code (`crate::codebook::dictionary::NULL_CODE`): the dictionary says
        /// the name is not coded on that date.
        code: String,
        /// The name or alias that matched, as written in the dictionary.
        via: &'a str,
        interval: Interval,
        /// Dictionary line of the code.
        line: usize,
        /// The event's interval runs past the chosen code's interval (a partial date spanning
        /// two codes); the code covering the start was chosen.
        partial: bool,
        /// Other dictionary entries with the same name, ignored (the first loaded wins).
        others: usize,
    },
    /// The name is known but no code covers the date (or no date was given and the entry has no
    /// undated default).
    Uncovered {
        actor: &'a Actor,
        via: &'a str,
        intervals: &'a [CodeSpan],
    },
    /// Unknown name, with the closest known names and their similarity.
    Unknown { suggestions: Vec<(String, f64)> },
}

impl Dictionary {
    /// What `name` means for an event dated `start..=end` (either may be missing).
    pub fn resolve(
        &self,
        name: &str,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    ) -> Resolution<'_> {
        let Some(&[(ai, ni), ref rest @ ..]) = self.entries(&name_key(name)) else {
            return Resolution::Unknown {
                suggestions: self.suggest(name, 5),
            };
        };
        let actor = &self.actors()[ai as usize];
        let via = actor.name_at(ni as usize);
        let day = start.or(end);
        let dated = day.and_then(|d| {
            actor
                .codes
                .iter()
                .filter(|s| !s.interval.is_always() && s.interval.contains(d))
                .max_by(|a, b| {
                    a.interval
                        .from
                        .cmp(&b.interval.from)
                        .then(a.line.cmp(&b.line))
                })
        });
        let span = dated.or_else(|| actor.codes.iter().rev().find(|s| s.interval.is_always()));
        match span {
            Some(s) => Resolution::Resolved {
                actor,
                code: s.code.clone(),
                via,
                interval: s.interval,
                line: s.line,
                partial: match (day, end) {
                    (Some(_), Some(e)) => !s.interval.contains(e),
                    _ => false,
                },
                // The index holds an actor once per key.
                others: rest.len(),
            },
            None => Resolution::Uncovered {
                actor,
                via,
                intervals: &actor.codes,
            },
        }
    }

    /// Up to `n` known names closest to `name` (Jaro-Winkler on keys, also against runs of as
    /// many words as the query has, so "Erdogn" finds "Recep Tayyip Erdogan"), best first, one
    /// per entry, only above a similarity floor. Each is the entry's primary name. Only the
    /// names that share the most letter triples with the query are scored: a misspelt name
    /// keeps most of its triples, and scoring every name of a large dictionary for every
    /// unknown name would cost more than the rest of the run.
    pub fn suggest(&self, name: &str, n: usize) -> Vec<(String, f64)> {
        let q = name_key(name);
        if q.is_empty() || n == 0 {
            return Vec::new();
        }
        let qwords = q.split(' ').count();
        let mut best: HashMap<u32, f64> = HashMap::new();
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        let keys = self.keys();
        for i in self.grams().candidates(&q, keys.len()) {
            let (k, ai) = (&keys[i as usize].0, keys[i as usize].1);
            let mut s = strsim::jaro_winkler(&q, k);
            if s < 1.0 {
                bounds.clear();
                let mut start = 0;
                for (i, b) in k.bytes().enumerate() {
                    if b == b' ' {
                        bounds.push((start, i));
                        start = i + 1;
                    }
                }
                bounds.push((start, k.len()));
                if bounds.len() > qwords {
                    for w in bounds.windows(qwords) {
                        let sub = &k[w[0].0..w[qwords - 1].1];
                        // A partial match ranks below an equally close whole-name match.
                        s = s.max(0.95 * strsim::jaro_winkler(&q, sub));
                    }
                }
            }
            if s >= SUGGEST_FLOOR {
                let e = best.entry(ai).or_insert(0.0);
                *e = e.max(s);
            }
        }
        let mut scored: Vec<(f64, u32)> = best.into_iter().map(|(a, s)| (s, a)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<(String, f64)> = Vec::new();
        for (s, a) in scored {
            let nm = &self.actors()[a as usize].name;
            if out.iter().any(|(o, _)| o == nm) {
                continue;
            }
            out.push((nm.clone(), (s * 1000.0).round() / 1000.0));
            if out.len() == n {
                break;
            }
        }
        out
    }
}

/// Names scored for a suggestion at most.
const MAX_CANDIDATES: usize = 512;

/// For each triple of consecutive characters (the key padded with a space at each end), the
/// names whose key contains it.
#[derive(Debug, Clone, Default)]
pub struct Grams {
    postings: HashMap<u64, Vec<u32>>,
}

/// The distinct triples of a key, each packed in a `u64` (21 bits a character).
fn triples(key: &str) -> Vec<u64> {
    let padded: Vec<u64> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .map(u64::from)
        .collect();
    let mut out: Vec<u64> = padded
        .windows(3)
        .map(|w| (w[0] << 42) | (w[1] << 21) | w[2])
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Grams {
    pub fn new(names: &[(String, u32)]) -> Self {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, (key, _)) in names.iter().enumerate() {
            for t in triples(key) {
                postings.entry(t).or_default().push(i as u32);
            }
        }
        Grams { postings }
    }

    /// The names sharing the most triples with `query`, most first, at most
    /// [`MAX_CANDIDATES`] of them; every name when there are no more than that.
    fn candidates(&self, query: &str, names: usize) -> Vec<u32> {
        if names <= MAX_CANDIDATES {
            return (0..names as u32).collect();
        }
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for t in triples(query) {
            for &i in self.postings.get(&t).map_or(&[][..], Vec::as_slice) {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().map(|(i, n)| (n, i)).collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(MAX_CANDIDATES);
        ranked.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::dictionary::tests::{code_of, d, dict};
    use crate::text::name_key as key;

    #[test]
    fn key_folds_marks_and_special_letters() {
        assert_eq!(key("Erdoğan"), key("Erdogan"));
        assert_eq!(key("Erdoğan"), "erdogan");
        assert_eq!(key("Çavuşoğlu"), "cavusoglu");
        assert_eq!(key("MESÛD_BARZANÎ"), "mesud barzani");
        assert_eq!(key("Yıldırım"), "yildirim");
        assert_eq!(key("İstanbul"), "istanbul");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(key("ＵＮ"), "un");
    }

    #[test]
    fn key_punctuation_spaces_and_articles() {
        assert_eq!(key("Bashar al-Assad"), "bashar al assad");
        assert_eq!(key("  Bashar   al_Assad,  "), "bashar al assad");
        assert_eq!(
            key("les forces gouvernementales syriennes"),
            key("forces gouvernementales syriennes")
        );
        assert_eq!(key("l’Iran"), "iran");
        assert_eq!(key("l'Iran"), "iran");
        assert_eq!(key("L’ Iran"), "iran");
        assert_eq!(key("The United Nations"), "united nations");
        assert_eq!(key("THE_UNITED_NATIONS_"), "united nations");
        assert_eq!(key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(key("Côte d'Ivoire"), key("COTE_D'IVOIRE"));
        assert_eq!(key("U.N."), "un");
        assert_eq!(key("U.S.-VICE_PRESIDENT"), "us vice president");
        assert_eq!(key("Mr.Obama"), "mr obama");
        assert_eq!(key("MR._OBAMA_"), "mr obama");
        assert_eq!(key("\"Le Monde\""), "monde");
        // A lone article is the name itself.
        assert_eq!(key("The"), "the");
        assert_eq!(key("O’Neill"), "o'neill");
        assert_eq!(key("'quoted'"), "quoted");
        assert_eq!(key("?!"), "");
        assert_eq!(key("COTE_D\u{FFFD}IVOIRE_"), "cote d\u{FFFD}ivoire");
    }

    #[test]
    fn csv_aliases_union_and_normalized_lookup() {
        let dct = dict();
        assert_eq!(dct.len(), 7);
        let day = Some(d("2015-01-01"));
        for n in [
            "Erdogan",
            "ERDOĞAN",
            "tayyip   erdogan",
            "R. T. Erdogan",
            "Recep Tayyip Erdogan",
        ] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("TURGOV"),
                "{n}"
            );
        }
        let Resolution::Resolved { via, actor, .. } = dct.resolve("R.T. ERDOGAN", day, None) else {
            panic!()
        };
        assert_eq!(via, "R.T. Erdoğan");
        assert_eq!(actor.name, "Recep Tayyip Erdoğan");
        assert_eq!(actor.aliases.len(), 3);
        assert_eq!(actor.kind.as_deref(), Some("person"));
        assert_eq!(actor.line, 2);

        for n in ["Bachar al-Assad", "Bashar al Assad", "bashar-al-assad"] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("SYRGOV")
            );
        }
        for n in [
            "les forces gouvernementales syriennes",
            "Forces gouvernementales syriennes.",
            "Syrian government forces",
        ] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("SYRMIL")
            );
        }
        for n in ["l’Iran", "l'Iran", "Iran", "République Islamique d’Iran"] {
            assert_eq!(
                code_of(&dct.resolve(n, day, None)).as_deref(),
                Some("IRN"),
                "{n}"
            );
        }
        assert_eq!(
            code_of(&dct.resolve("Mevlut Cavusoglu", day, None)).as_deref(),
            Some("TURGOV")
        );
    }

    #[test]
    fn date_bounded_codes_switch_on_the_day() {
        let dct = dict();
        let r = |s: &str| code_of(&dct.resolve("Erdoğan", Some(d(s)), None));
        assert_eq!(r("2003-03-13").as_deref(), Some("TURELI"));
        assert_eq!(r("2003-03-14").as_deref(), Some("TURGOV"));
        assert_eq!(r("1990-01-01").as_deref(), Some("TURELI"));
        let r = |s: &str| code_of(&dct.resolve("Bashar al-Assad", Some(d(s)), None));
        assert_eq!(r("2000-07-16").as_deref(), Some("SYRELI"));
        assert_eq!(r("2000-07-17").as_deref(), Some("SYRGOV"));
        // "Assad" alone is not a name of the entry, but it is suggested.
        let Resolution::Unknown { suggestions } = dct.resolve("Assad", None, None) else {
            panic!()
        };
        assert!(suggestions.iter().any(|(n, _)| n == "Bashar al-Assad"));
    }

    #[test]
    fn partial_dates_take_the_start_and_say_so() {
        let dct = dict();
        let r = dct.resolve("Erdogan", Some(d("2003-03-01")), Some(d("2003-03-31")));
        let Resolution::Resolved {
            code,
            partial,
            interval,
            line,
            ..
        } = r
        else {
            panic!()
        };
        assert_eq!(code, "TURELI");
        assert!(partial);
        assert_eq!(interval.to, Some(d("2003-03-13")));
        assert_eq!(line, 2);
        let r = dct.resolve("Erdogan", Some(d("2004-03-01")), Some(d("2004-03-31")));
        assert!(matches!(r, Resolution::Resolved { partial: false, .. }));
        // Only an end date: it is used.
        let r = dct.resolve("Erdogan", None, Some(d("2003-03-14")));
        assert_eq!(code_of(&r).as_deref(), Some("TURGOV"));
    }

    #[test]
    fn metonym_and_undated() {
        let dct = dict();
        let r = dct.resolve("Ankara", Some(d("2020-05-05")), None);
        let Resolution::Resolved {
            code,
            actor,
            interval,
            ..
        } = r
        else {
            panic!()
        };
        assert_eq!(code, "TURGOV");
        assert_eq!(actor.kind.as_deref(), Some("metonym"));
        assert!(interval.is_always());
        assert_eq!(
            code_of(&dct.resolve("ankara", None, None)).as_deref(),
            Some("TURGOV")
        );
    }

    #[test]
    fn uncovered_lists_the_intervals() {
        let dct = dict();
        let r = dct.resolve("MEVLUT CAVUSOGLU", Some(d("2010-01-01")), None);
        let Resolution::Uncovered { intervals, via, .. } = r else {
            panic!("{r:?}")
        };
        assert_eq!(via, "Mevlüt Çavuşoğlu");
        assert_eq!(intervals.len(), 2);
        assert_eq!(
            intervals[0].interval.to_string(),
            "2014-08-29 to 2023-06-03"
        );
        assert_eq!(intervals[1].interval.to_string(), "from 2023-06-04");
        // No date and no undated code: nothing to choose.
        assert!(matches!(
            dct.resolve("Mevlüt Çavuşoğlu", None, None),
            Resolution::Uncovered { .. }
        ));
    }

    #[test]
    fn unknown_names_get_real_suggestions() {
        let dct = dict();
        let Resolution::Unknown { suggestions } = dct.resolve("Erdogn", None, None) else {
            panic!()
        };
        assert_eq!(suggestions[0].0, "Recep Tayyip Erdoğan");
        assert!(suggestions[0].1 >= SUGGEST_FLOOR && suggestions[0].1 < 1.0);
        let Resolution::Unknown { suggestions } = dct.resolve("Bashar Asad", None, None) else {
            panic!()
        };
        assert_eq!(suggestions[0].0, "Bashar al-Assad");
        let Resolution::Unknown { suggestions } = dct.resolve("Kim Jong-un", None, None) else {
            panic!()
        };
        assert!(suggestions.is_empty(), "{suggestions:?}");
        assert!(dct.suggest("", 5).is_empty());
    }
}
