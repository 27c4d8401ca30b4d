//! The raw record fields as a Frictionless Table Schema (`schema/events.schema.json`), read at
//! run time so that a constraint added there is enforced with no code change.

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use crate::error::Error;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSchema {
    fields: Vec<RawField>,
    #[serde(default = "default_missing")]
    missing_values: Vec<String>,
}

fn default_missing() -> Vec<String> {
    vec![String::new()]
}

#[derive(Debug, Deserialize)]
struct RawField {
    name: String,
    #[serde(rename = "type", default = "default_type")]
    kind: String,
    #[serde(default)]
    constraints: serde_json::Map<String, serde_json::Value>,
}

fn default_type() -> String {
    "string".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
}

#[derive(Debug)]
pub struct Field {
    pub name: String,
    pub kind: FieldType,
    pub required: bool,
    pub enumeration: Option<Vec<String>>,
    pub pattern: Option<(String, Regex)>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
}

#[derive(Debug)]
pub struct TableSchema {
    pub fields: Vec<Field>,
    missing_values: Vec<String>,
}

/// One broken constraint: which, and the note to show (`constraint "pattern" is "…"`).
pub struct Violation {
    pub field: String,
    pub required: bool,
    pub note: String,
}

impl TableSchema {
    pub fn load(path: &Path, label: &str) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(Error::io("read", label))?;
        let raw: RawSchema = serde_json::from_str(&text)
            .map_err(|e| Error::schema(label, None, format!("not a Table Schema: {e}")))?;
        let mut fields = Vec::new();
        for f in raw.fields {
            fields.push(Field::from_raw(f, label)?);
        }
        Ok(TableSchema {
            fields,
            missing_values: raw.missing_values,
        })
    }

    pub fn field_names(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.name.clone()).collect()
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn is_missing(&self, value: &str) -> bool {
        self.missing_values.iter().any(|m| m == value.trim())
    }

    /// Every constraint the value of each field breaks, in schema order.
    pub fn check<'a>(&self, get: impl Fn(&str) -> &'a str) -> Vec<Violation> {
        let mut out = Vec::new();
        for f in &self.fields {
            let value = get(&f.name);
            let violation = |note: String| Violation {
                field: f.name.clone(),
                required: false,
                note,
            };
            if self.is_missing(value) {
                if f.required {
                    out.push(Violation {
                        field: f.name.clone(),
                        required: true,
                        note: "constraint \"required\" is \"true\"".into(),
                    });
                }
                continue;
            }
            let value = value.trim();
            if f.kind == FieldType::Integer {
                match value.parse::<i64>() {
                    Ok(n) => {
                        if f.minimum.is_some_and(|m| n < m) {
                            out.push(violation(format!(
                                "constraint \"minimum\" is \"{}\"",
                                f.minimum.unwrap_or_default()
                            )));
                        }
                        if f.maximum.is_some_and(|m| n > m) {
                            out.push(violation(format!(
                                "constraint \"maximum\" is \"{}\"",
                                f.maximum.unwrap_or_default()
                            )));
                        }
                    }
                    Err(_) => out.push(violation("type is \"integer\"".into())),
                }
            }
            let len = value.chars().count();
            if let Some(min) = f.min_length.filter(|m| len < *m) {
                out.push(violation(format!("constraint \"minLength\" is \"{min}\"")));
            }
            if let Some(max) = f.max_length.filter(|m| len > *m) {
                out.push(violation(format!("constraint \"maxLength\" is \"{max}\"")));
            }
            if let Some((text, re)) = &f.pattern {
                if !re.is_match(value) {
                    out.push(violation(format!("constraint \"pattern\" is \"{text}\"")));
                }
            }
            if let Some(allowed) = &f.enumeration {
                if !allowed.iter().any(|a| a == value) {
                    out.push(violation(format!(
                        "constraint \"enum\" is [{}]",
                        allowed.join(", ")
                    )));
                }
            }
        }
        out
    }
}

impl Field {
    /// `label` names the schema file in errors.
    fn from_raw(f: RawField, label: &str) -> Result<Self, Error> {
        let fail = |m: String| Error::schema(label, None, m);
        let kind = match f.kind.as_str() {
            "string" | "any" => FieldType::String,
            "integer" => FieldType::Integer,
            other => {
                return Err(fail(format!(
                    "field `{}`: type `{other}` is not supported for raw records (use string or integer)",
                    f.name
                )))
            }
        };
        let mut field = Field {
            name: f.name.clone(),
            kind,
            required: false,
            enumeration: None,
            pattern: None,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
        };
        let bad = |key: &str, want: &str| {
            fail(format!(
                "field `{}`: constraint `{key}` must be {want}",
                f.name
            ))
        };
        for (key, value) in &f.constraints {
            match key.as_str() {
                "required" => {
                    field.required = value.as_bool().ok_or_else(|| bad(key, "true or false"))?
                }
                "unique" => {
                    // Uniqueness of event_id is checked by the pipeline itself; other fields
                    // are not unique by nature.
                    if value.as_bool() == Some(true) && f.name != "event_id" {
                        return Err(fail(format!(
                            "field `{}`: `unique` is only supported on event_id",
                            f.name
                        )));
                    }
                }
                "enum" => {
                    let items = value.as_array().ok_or_else(|| bad(key, "a list"))?;
                    field.enumeration = Some(
                        items
                            .iter()
                            .map(|v| {
                                v.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| v.to_string())
                            })
                            .collect(),
                    );
                }
                "pattern" => {
                    let text = value.as_str().ok_or_else(|| bad(key, "a string"))?;
                    // Table Schema patterns are implicitly anchored, as in XML Schema.
                    let re = Regex::new(&format!("^(?:{text})$"))
                        .map_err(|e| fail(format!("field `{}`: bad pattern: {e}", f.name)))?;
                    field.pattern = Some((text.to_string(), re));
                }
                "minLength" => {
                    field.min_length =
                        Some(value.as_u64().ok_or_else(|| bad(key, "a whole number"))? as usize)
                }
                "maxLength" => {
                    field.max_length =
                        Some(value.as_u64().ok_or_else(|| bad(key, "a whole number"))? as usize)
                }
                "minimum" => {
                    field.minimum = Some(value.as_i64().ok_or_else(|| bad(key, "an integer"))?)
                }
                "maximum" => {
                    field.maximum = Some(value.as_i64().ok_or_else(|| bad(key, "an integer"))?)
                }
                other => {
                    return Err(fail(format!(
                        "field `{}`: constraint `{other}` is not supported",
                        f.name
                    )))
                }
            }
        }
        if (field.minimum.is_some() || field.maximum.is_some()) && kind != FieldType::Integer {
            return Err(fail(format!(
                "field `{}`: minimum/maximum need type integer",
                f.name
            )));
        }
        Ok(field)
    }
}
