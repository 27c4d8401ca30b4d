//! Per-project settings, `schema/eventc.json` (optional):
//!
//! ```json
//! {"severities": {"missing-quote": "error"}, "date_order": "day-first"}
//! ```
//!
//! `severities` changes a rule's default severity; `date_order` (`day-first` or `month-first`)
//! says how to read numeric dates such as 02/03/2020.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::normalize::dates::Order;
use crate::rules::{self, Severity};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    severities: HashMap<String, String>,
    #[serde(default)]
    date_order: Option<String>,
}

pub struct Config {
    severities: HashMap<&'static str, Severity>,
    pub date_order: Order,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            severities: HashMap::new(),
            date_order: Order::DayFirst,
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
        Ok(config)
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
