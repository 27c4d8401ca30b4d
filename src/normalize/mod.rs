//! Normalization, one module per concern: each turns what a coder wrote into a typed value,
//! or says precisely why it cannot.

pub mod actors;
pub mod dates;
pub mod evidence;
pub mod places;

/// The `n` candidates most similar to `word` (normalized Damerau-Levenshtein, case-folded),
/// best first, above a similarity floor so that unrelated names are never offered.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>, n: usize) -> Vec<String> {
    let w = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&w, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_string())
        .collect()
}
