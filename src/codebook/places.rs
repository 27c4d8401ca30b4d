//! Places: the gazetteer (`schema/places.csv`) and the resolution of a record's `location`.
//!
//! Columns: `name,aliases,kind,country,admin1,latitude,longitude,geonames_id`; aliases are
//! `|`-separated. Names match as actor names do (case, diacritics, apostrophes, leading article).

use std::collections::HashMap;
use std::path::Path;

use crate::text::name_key;
use crate::Error;

#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub kind: String,
    pub country: String,
    pub admin1: String,
    pub latitude: f64,
    pub longitude: f64,
    pub geonames_id: Option<u64>,
}

#[derive(Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    index: HashMap<String, usize>,
    /// Every name and alias as written, for suggestions.
    names: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Row {
    name: String,
    #[serde(default)]
    aliases: String,
    kind: String,
    country: String,
    #[serde(default)]
    admin1: String,
    latitude: f64,
    longitude: f64,
    #[serde(default)]
    geonames_id: Option<u64>,
}

impl Gazetteer {
    pub fn load(path: &Path, label: &str) -> Result<Self, Error> {
        let label = label.to_string();
        let file = std::fs::File::open(path).map_err(Error::io("read", &label))?;
        let mut reader = csv::Reader::from_reader(file);
        let header = reader
            .headers()
            .map_err(|e| Error::schema(&label, Some(1), e))?
            .clone();
        if let Some(m) = super::repeated_column(&header) {
            return Err(Error::schema(&label, Some(1), m));
        }
        let mut g = Gazetteer::default();
        for (i, row) in reader.deserialize::<Row>().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| {
                // Name the column, not its index, and the line as counted from the top.
                let line = e.position().map_or(line as u64, |p| p.line());
                let message = match e.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => {
                        let field = err.field().and_then(|f| header.get(f as usize));
                        match field {
                            Some(f) => format!("field `{f}`: {}", err.kind()),
                            None => err.kind().to_string(),
                        }
                    }
                    _ => e.to_string(),
                };
                Error::schema(&label, Some(line), message)
            })?;
            if !(-90.0..=90.0).contains(&row.latitude) || !(-180.0..=180.0).contains(&row.longitude)
            {
                return Err(Error::schema(
                    &label,
                    Some(line as u64),
                    format!(
                        "coordinates {}, {} are outside WGS84 ranges",
                        row.latitude, row.longitude
                    ),
                ));
            }
            let idx = g.places.len();
            for name in std::iter::once(row.name.as_str())
                .chain(row.aliases.split('|'))
                .map(str::trim)
                .filter(|n| !n.is_empty())
            {
                // The first entry to claim a name keeps it; a later claim is a data error.
                if let Some(prev) = g.index.insert(name_key(name), idx) {
                    if prev != idx {
                        return Err(Error::schema(
                            &label,
                            Some(line as u64),
                            format!("`{name}` already names {}", g.places[prev].name),
                        ));
                    }
                }
                g.names.push(name.to_string());
            }
            g.places.push(Place {
                name: row.name.trim().to_string(),
                kind: row.kind.trim().to_string(),
                country: row.country.trim().to_string(),
                admin1: row.admin1.trim().to_string(),
                latitude: row.latitude,
                longitude: row.longitude,
                geonames_id: row.geonames_id,
            });
        }
        Ok(g)
    }

    pub fn resolve(&self, text: &str) -> Option<&Place> {
        self.index.get(&name_key(text)).map(|&i| &self.places[i])
    }

    /// Closest gazetteer names, one per place, each with what it names: help for an unknown
    /// location.
    pub fn suggest(&self, text: &str) -> Vec<String> {
        let mut seen = Vec::new();
        crate::text::closest(text, self.names.iter().map(String::as_str), 10)
            .into_iter()
            .filter_map(|n| {
                let i = *self.index.get(&name_key(&n))?;
                if seen.contains(&i) {
                    return None;
                }
                seen.push(i);
                let p = &self.places[i];
                Some(if p.name == n {
                    format!("{n} ({}, {})", p.kind, p.country)
                } else {
                    format!("{n} ({}, {})", p.name, p.country)
                })
            })
            .take(3)
            .collect()
    }
}
