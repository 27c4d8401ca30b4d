//! The CAMEO event codebook (`schema/cameo/event_codes.csv`): code, label, Goldstein value.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Error;

#[derive(Debug, Clone)]
pub struct EventCode {
    pub code: String,
    pub label: String,
    pub goldstein: f64,
}

impl EventCode {
    /// First three characters; a two- or three-digit code is its own base.
    pub fn base(&self) -> &str {
        &self.code[..self.code.len().min(3)]
    }

    pub fn root(&self) -> &str {
        &self.code[..2]
    }

    /// GDELT's QuadClass from the root: 1 verbal cooperation (01–05), 2 material cooperation
    /// (06–09), 3 verbal conflict (10–14), 4 material conflict (15–20).
    pub fn quad_class(&self) -> i8 {
        match self.root().parse::<u8>().unwrap_or(0) {
            1..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            _ => 4,
        }
    }
}

pub struct EventCodes {
    codes: BTreeMap<String, EventCode>,
}

impl EventCodes {
    pub fn load(path: &Path, label: &str) -> Result<Self, Error> {
        let bad = |line: Option<u64>, m: String| Error::schema(label, line, m);
        let bytes = std::fs::read(path).map_err(Error::io("read", label))?;
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let mut codes = BTreeMap::new();
        for (i, row) in reader.records().enumerate() {
            let line = Some(i as u64 + 2);
            let row = row.map_err(|e| bad(line, e.to_string()))?;
            let (Some(code), Some(label_text), Some(g)) = (row.get(0), row.get(1), row.get(2))
            else {
                return Err(bad(line, "expected code,label,goldstein".into()));
            };
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(line, format!("`{code}` is not a CAMEO event code")));
            }
            let goldstein: f64 = g
                .trim()
                .parse()
                .map_err(|_| bad(line, format!("Goldstein value `{g}` is not a number")))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(bad(line, format!("Goldstein value {g} is outside -10..10")));
            }
            let entry = EventCode {
                code: code.to_string(),
                label: label_text.trim().to_string(),
                goldstein,
            };
            if codes.insert(code.to_string(), entry).is_some() {
                return Err(bad(line, format!("code {code} appears twice")));
            }
        }
        if codes.is_empty() {
            return Err(bad(None, "no event codes".into()));
        }
        Ok(EventCodes { codes })
    }

    pub fn get(&self, code: &str) -> Option<&EventCode> {
        self.codes.get(code)
    }

    /// Likely intended codes for an unknown one, each as `"042" (Make a visit)`, best first.
    pub fn suggest(&self, code: &str) -> Vec<String> {
        let code = code.trim();
        let show = |c: &EventCode| format!("\"{}\" ({})", c.code, c.label);
        let mut out = Vec::new();
        // Spreadsheets turn "042" into 42 and "0874" into 874.
        if !code.is_empty() && code.len() < 4 && code.bytes().all(|b| b.is_ascii_digit()) {
            for width in [code.len() + 1, code.len() + 2] {
                let padded = format!("{code:0>width$}");
                if let Some(c) = self.codes.get(&padded) {
                    out.push(format!(
                        "did you mean {}? spreadsheets drop leading zeros",
                        show(c)
                    ));
                }
            }
            if !out.is_empty() {
                return out;
            }
        }
        // Otherwise the deepest known parent and its children.
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        for len in (2..digits.len().min(4)).rev().chain(std::iter::once(2)) {
            let Some(parent) = digits.get(..len).and_then(|p| self.codes.get(p)) else {
                continue;
            };
            let children: Vec<String> = self
                .codes
                .range(parent.code.clone()..)
                .take_while(|(k, _)| k.starts_with(&parent.code))
                .filter(|(k, _)| k.len() == parent.code.len() + 1)
                .take(6)
                .map(|(_, c)| show(c))
                .collect();
            out.push(format!("the closest known code is {}", show(parent)));
            if !children.is_empty() {
                out.push(format!("codes under it: {}", children.join(", ")));
            }
            return out;
        }
        out.push("event codes are 2 to 4 digits, such as \"19\", \"190\" or \"1951\"; see schema/cameo/event_codes.csv".into());
        out
    }
}
