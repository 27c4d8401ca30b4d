//! Agreement on nominal values: raw agreement, Cohen's kappa for a pair of coders, and
//! Krippendorff's alpha for any number of coders with missing values.
//!
//! A statistic that cannot be computed is an [`Stat::Undefined`] with its reason, never a NaN:
//! when every value falls in one category, expected agreement is perfect and neither kappa nor
//! alpha can tell agreement from chance.

use std::collections::BTreeMap;

/// A chance-corrected statistic, or why it has no value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stat {
    Value(f64),
    Undefined(Undefined),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undefined {
    /// No unit holds two values to compare.
    NoPairs,
    /// Every value compared is the same category.
    OneCategory,
}

impl Undefined {
    pub fn why(self) -> &'static str {
        match self {
            Undefined::NoPairs => "no event coded by two coders",
            Undefined::OneCategory => {
                "every value is the same category, so agreement cannot be told from chance"
            }
        }
    }
}

impl Stat {
    pub fn value(self) -> Option<f64> {
        match self {
            Stat::Value(v) => Some(v),
            Stat::Undefined(_) => None,
        }
    }
}

/// Cohen's kappa of two coders over the units both coded, one `(first, second)` pair each:
/// `(po - pe) / (1 - pe)`, with `pe` from each coder's own distribution of categories.
pub fn kappa<T: Ord>(pairs: &[(T, T)]) -> Stat {
    if pairs.is_empty() {
        return Stat::Undefined(Undefined::NoPairs);
    }
    let mut first: BTreeMap<&T, u64> = BTreeMap::new();
    let mut second: BTreeMap<&T, u64> = BTreeMap::new();
    let mut same = 0u64;
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1;
        *second.entry(b).or_default() += 1;
        same += u64::from(a == b);
    }
    let n = pairs.len() as u64;
    let chance: u64 = first
        .iter()
        .map(|(c, a)| a * second.get(c).copied().unwrap_or(0))
        .sum();
    // Counted exactly: pe = 1 only when both coders used one and the same category.
    if chance == n * n {
        return Stat::Undefined(Undefined::OneCategory);
    }
    let po = same as f64 / n as f64;
    let pe = chance as f64 / (n * n) as f64;
    Stat::Value((po - pe) / (1.0 - pe))
}

/// The values each coder gave one unit; a coder who did not code it is simply absent.
pub type Unit<T> = Vec<T>;

/// Krippendorff's alpha for nominal values: `1 - (n - 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k`,
/// where `o` is the coincidence matrix (each unit of `m ≥ 2` values adds `1/(m-1)` for each
/// ordered pair of its values) and `n_c` the number of pairable values of category `c`. Units
/// with fewer than two values are not pairable and count for nothing.
pub fn alpha<T: Ord>(units: &[Unit<T>]) -> Stat {
    let mut totals: BTreeMap<&T, u64> = BTreeMap::new();
    let mut disagreement = 0.0;
    for unit in units.iter().filter(|u| u.len() >= 2) {
        let mut counts: BTreeMap<&T, u64> = BTreeMap::new();
        for v in unit {
            *counts.entry(v).or_default() += 1;
            *totals.entry(v).or_default() += 1;
        }
        let m = unit.len() as u64;
        // Ordered pairs of different values in the unit: m² - Σ n_uc².
        let differ = m * m - counts.values().map(|c| c * c).sum::<u64>();
        disagreement += differ as f64 / (m - 1) as f64;
    }
    let n: u64 = totals.values().sum();
    if n == 0 {
        return Stat::Undefined(Undefined::NoPairs);
    }
    let expected = n * n - totals.values().map(|c| c * c).sum::<u64>();
    if expected == 0 {
        return Stat::Undefined(Undefined::OneCategory);
    }
    Stat::Value(1.0 - (n - 1) as f64 * disagreement / expected as f64)
}

/// Raw agreement: the share of pairs of values within a unit that are equal, over every unit
/// with two values or more. For two coders, the share of units they coded alike.
pub fn agreement<T: Ord>(units: &[Unit<T>]) -> Option<f64> {
    let (mut same, mut all) = (0u64, 0u64);
    for unit in units.iter().filter(|u| u.len() >= 2) {
        let mut counts: BTreeMap<&T, u64> = BTreeMap::new();
        for v in unit {
            *counts.entry(v).or_default() += 1;
        }
        let m = unit.len() as u64;
        all += m * (m - 1);
        same += counts.values().map(|c| c * (c - 1)).sum::<u64>();
    }
    (all > 0).then(|| same as f64 / all as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(stat: Stat, want: f64) {
        let got = stat
            .value()
            .unwrap_or_else(|| panic!("undefined: {stat:?}"));
        assert!((got - want).abs() < 1e-9, "{got} != {want}");
    }

    /// 50 items, yes/no: both yes 20, A yes B no 5, A no B yes 10, both no 15. By hand:
    /// po = 35/50 = 0.7; A says yes 25/50, B 30/50; pe = 0.5·0.6 + 0.5·0.4 = 0.5;
    /// kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    fn two_by_two() -> Vec<(&'static str, &'static str)> {
        let mut pairs = Vec::new();
        for (n, a, b) in [
            (20, "y", "y"),
            (5, "y", "n"),
            (10, "n", "y"),
            (15, "n", "n"),
        ] {
            pairs.extend(std::iter::repeat_n((a, b), n));
        }
        pairs
    }

    fn units_of<T: Clone>(pairs: &[(T, T)]) -> Vec<Unit<T>> {
        pairs
            .iter()
            .map(|(a, b)| vec![a.clone(), b.clone()])
            .collect()
    }

    #[test]
    fn kappa_of_a_two_by_two_table() {
        close(kappa(&two_by_two()), 0.4);
    }

    #[test]
    fn alpha_of_the_same_table() {
        // 100 pairable values: yes 55, no 45. Disagreeing ordered pairs: 2·15 = 30, so
        // Do = 30/100; De = 2·55·45 / (100·99) = 0.5; alpha = 1 - 0.3/0.5 = 0.4.
        let units = units_of(&two_by_two());
        close(alpha(&units), 0.4);
        assert_eq!(agreement(&units), Some(0.7));
    }

    #[test]
    fn kappa_of_a_three_category_table() {
        // Rows A, columns B, categories a b c:
        //   a: 10 2 0 | b: 1 8 3 | c: 0 1 5  (n = 30)
        // po = 23/30; A's margins 12 12 6, B's 11 11 8;
        // pe = (12·11 + 12·11 + 6·8) / 900 = 312/900;
        // kappa = (23/30 - 312/900) / (1 - 312/900) = (690 - 312) / (900 - 312) = 378/588.
        let table = [("a", [10, 2, 0]), ("b", [1, 8, 3]), ("c", [0, 1, 5])];
        let mut pairs = Vec::new();
        for (a, row) in table {
            for (b, n) in ["a", "b", "c"].into_iter().zip(row) {
                pairs.extend(std::iter::repeat_n((a, b), n));
            }
        }
        close(kappa(&pairs), 378.0 / 588.0);
    }

    #[test]
    fn krippendorffs_example_with_missing_values() {
        // Krippendorff, "Computing Krippendorff's Alpha-Reliability": four observers, twelve
        // units, nominal values, `.` missing. Nominal alpha = 0.743.
        let rows = [
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ];
        let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.split(' ').collect()).collect();
        let units: Vec<Unit<&str>> = (0..12)
            .map(|u| rows.iter().map(|r| r[u]).filter(|v| *v != ".").collect())
            .collect();
        let a = alpha(&units).value().unwrap();
        assert!((a - 0.743).abs() < 0.0005, "{a}");
        // By hand: 40 pairable values (categories 1–5: 9, 13, 10, 5, 3; unit 12 has one
        // value); units 2, 6 and 8 disagree, adding 6/3, 12/3 and 6/3 = 8 to Σ o_ck (c ≠ k);
        // Σ n_c·n_k (c ≠ k) = 40² - (81 + 169 + 100 + 25 + 9) = 1216.
        close(alpha(&units), 1.0 - 39.0 * 8.0 / 1216.0);
    }

    #[test]
    fn perfect_agreement_is_one() {
        let pairs = [("a", "a"), ("b", "b"), ("c", "c"), ("a", "a")];
        close(kappa(&pairs), 1.0);
        close(alpha(&units_of(&pairs)), 1.0);
        let three = vec![vec!["x", "x", "x"], vec!["y", "y"], vec!["x", "x"]];
        close(alpha(&three), 1.0);
        assert_eq!(agreement(&three), Some(1.0));
    }

    #[test]
    fn one_category_only_is_undefined_not_a_number() {
        let pairs = [("a", "a"), ("a", "a"), ("a", "a")];
        let one = Stat::Undefined(Undefined::OneCategory);
        assert_eq!(kappa(&pairs), one);
        assert_eq!(alpha(&units_of(&pairs)), one);
        // Perfect raw agreement all the same.
        assert_eq!(agreement(&units_of(&pairs)), Some(1.0));
        // One coder always says "a", the other varies: defined, and no better than chance.
        close(kappa(&[("a", "a"), ("a", "b")]), 0.0);
    }

    #[test]
    fn nothing_to_compare_is_undefined() {
        let none = Stat::Undefined(Undefined::NoPairs);
        assert_eq!(kappa::<&str>(&[]), none);
        assert_eq!(alpha::<&str>(&[]), none);
        // Units coded by one coder each are not pairable.
        assert_eq!(alpha(&[vec!["a"], vec!["b"]]), none);
        assert_eq!(agreement(&[vec!["a"], vec!["b"]]), None);
    }

    #[test]
    fn chance_level_agreement() {
        // Each coder says a twice and b twice, and they agree on half: po = pe = 0.5.
        let pairs = [("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")];
        close(kappa(&pairs), 0.0);
        // Alpha corrects for the small sample: n = 8, 4 disagreeing ordered pairs,
        // De = 2·4·4 = 32; alpha = 1 - 7·4/32 = 0.125.
        close(alpha(&units_of(&pairs)), 0.125);
        // Systematic disagreement is below chance.
        close(kappa(&[("a", "b"), ("b", "a")]), -1.0);
    }
}
