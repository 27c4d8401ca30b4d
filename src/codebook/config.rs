//! Per-project settings, `schema/eventc.json` (optional):
//!
//! ```json
//! {"severities": {"missing-quote": "error"}, "date_order": "day-first",
//!  "date_range": ["1800-01-01", "2100-12-31"], "primary_coder": "coder1",
//!  "machine_coders": ["gdelt", "icews"]}
//! ```
//!
//! `severities` changes a rule's default severity; `date_order` (`day-first` or `month-first`)
//! says how to read numeric dates such as 02/03/2020; `date_range` gives the first and last day
//! an event may have (1800-01-01 to 2100-12-31 by default); `primary_coder` names the coder
//! whose records make the dataset when several coded the same documents; `machine_coders`
//! names the `coder` values of imported machine-coded records, which need no evidence quote.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::normalize::dates::{Bounds, Order};
use crate::rules::{self, Severity};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    severities: HashMap<String, String>,
    #[serde(default)]
    date_order: Option<String>,
    #[serde(default)]
    date_range: Option<Vec<String>>,
    #[serde(default)]
    primary_coder: Option<String>,
    #[serde(default)]
    machine_coders: Vec<String>,
}

pub struct Config {
    severities: HashMap<&'static str, Severity>,
    pub date_order: Order,
    pub date_range: Bounds,
    /// The coder whose records make the dataset; other coders' records are set aside.
    pub primary_coder: Option<String>,
    /// Coders whose records come from a machine coder (`eventc import`): no quote is expected.
    pub machine_coders: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            severities: HashMap::new(),
            date_order: Order::DayFirst,
            date_range: Bounds::DEFAULT,
            primary_coder: None,
            machine_coders: Vec::new(),
        }
    }
}

impl Config {
    pub fn load(path: &Path, label: &str) -> Result<Self, Error> {
        if !path.exists() {
            return Ok(Config::default());
        }
        let bad = |m: String| Error::schema(label, None, m);
        let text = std::fs::read_to_string(path).map_err(Error::io("read", label))?;
        let raw: RawConfig = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let mut config = Config::default();
        for (id, sev) in raw.severities {
            let Some(rule) = rules::find(&id) else {
                let near = crate::text::closest(&id, rules::RULES.iter().map(|r| r.id), 1);
                let hint = near
                    .first()
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(bad(format!("no rule `{id}`{hint}")));
            };
            let severity = match sev.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                other => {
                    return Err(bad(format!(
                        "severity of `{id}` must be \"error\" or \"warning\", not \"{other}\""
                    )))
                }
            };
            if severity == Severity::Warning && rules::is_blocking(rule.id) {
                return Err(bad(format!(
                    "`{id}` cannot be a warning: a record with it cannot become an event"
                )));
            }
            config.severities.insert(rule.id, severity);
        }
        config.date_order = match raw.date_order.as_deref() {
            None | Some("day-first") => Order::DayFirst,
            Some("month-first") => Order::MonthFirst,
            Some(other) => {
                return Err(bad(format!(
                    "date_order must be \"day-first\" or \"month-first\", not \"{other}\""
                )))
            }
        };
        if let Some(range) = raw.date_range {
            config.date_range = date_range(&range).map_err(bad)?;
        }
        if let Some(coder) = raw.primary_coder {
            let coder = coder.trim();
            if coder.is_empty() {
                return Err(bad("primary_coder must name a coder".into()));
            }
            config.primary_coder = Some(coder.to_string());
        }
        config.machine_coders = raw.machine_coders;
        Ok(config)
    }

    /// Whether a record of `coder` stays out of the dataset: a primary coder is named and this
    /// is another one. A record without a coder is the primary coder's; a machine coder's
    /// records are another source, not a second coding, and stay in.
    pub fn sets_aside(&self, coder: &str) -> bool {
        matches!(&self.primary_coder, Some(p) if !coder.is_empty() && coder != p)
            && !self.machine_coders.iter().any(|m| m == coder)
    }

    /// Apply the project's severity for the diagnostic's rule. A severity the pipeline set on
    /// purpose for one case (an unknown name that still has a code) is left alone.
    pub fn apply(&self, d: &mut Diagnostic) {
        let default = rules::find(d.rule).map(|r| r.severity);
        if let Some(s) = self.severities.get(d.rule) {
            if Some(d.severity) == default {
                d.severity = *s;
            }
        }
    }
}

/// `["1800-01-01", "2100-12-31"]`: two ISO days, in order, within what readers load.
fn date_range(range: &[String]) -> Result<Bounds, String> {
    let [first, last] = range else {
        return Err(
            "date_range must be the first and last day, such as [\"1800-01-01\", \"2100-12-31\"]"
                .into(),
        );
    };
    let day = |s: &str| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| format!("date_range: `{s}` is not a day written YYYY-MM-DD"))
    };
    let (first, last) = (day(first)?, day(last)?);
    let w = Bounds::WIDEST;
    if first > last {
        return Err(format!("date_range: {first} is after {last}"));
    }
    if first < w.first || last > w.last {
        return Err(format!(
            "date_range must lie within {} to {}: readers cannot load other years",
            w.first, w.last
        ));
    }
    Ok(Bounds { first, last })
}
