//! The gazetteer: the bundled places, and synthetic provinces and towns in every country the
//! documents are about, with names unique after folding.

use std::path::Path;
use std::sync::OnceLock;

use super::rng::Rng;
use super::tables;
use super::world::{csv_file, de, finish_csv, read_csv, word, Claims, Place, World};
use crate::text::name_key;
use crate::Error;

pub const SYNTHETIC_PLACES: usize = 2_000;
const PROVINCES_PER_COUNTRY: usize = 3;

/// Another transliteration of a town's name, as French and English sources differ.
fn transliterate(name: &str) -> String {
    name.replace("ou", "u")
        .replace("sh", "ch")
        .replace('q', "k")
        .replace('Q', "K")
        .replace("dj", "j")
        .replace("Dj", "J")
        .replace("kh", "k")
        .replace("Kh", "K")
}

impl World {
    pub fn load_bundled_places(&mut self, path: &Path) -> Result<(), Error> {
        if !path.exists() {
            return Ok(());
        }
        for row in read_csv(path)? {
            let get = |i: usize| row.get(i).unwrap_or("").trim().to_string();
            let name = get(0);
            let aliases: Vec<String> = get(1)
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            for n in std::iter::once(&name).chain(&aliases) {
                self.place_keys.insert(name_key(n));
            }
            let (kind, country) = (get(2), get(3));
            let ci = self.country_index(&country);
            if let (Some(ci), "city" | "town") = (ci, kind.as_str()) {
                self.countries[ci].towns.push(self.places.len() as u32);
                self.places.push(Place {
                    fr: aliases.first().cloned().unwrap_or_else(|| name.clone()),
                    en: name.clone(),
                    name,
                    aliases,
                    kind,
                    country,
                    admin1: String::new(),
                    latitude: 0.0,
                    longitude: 0.0,
                    spellings: OnceLock::new(),
                    synthetic: false,
                });
            }
            self.bundled_places.push(row);
        }
        Ok(())
    }

    /// About the same number of places in each country: a few provinces, then towns and
    /// cities in them, around a made-up centre.
    pub fn add_places(&mut self, rng: &mut Rng) -> Result<(), Error> {
        let mut claims = Claims(std::mem::take(&mut self.place_keys));
        let n = self.countries.len();
        for ci in 0..n {
            let count = SYNTHETIC_PLACES / n + usize::from(ci < SYNTHETIC_PLACES % n);
            let country = self.countries[ci].words.code.to_string();
            let words = self.countries[ci].words;
            let (lat0, lon0) = (words.latitude, words.longitude);
            let mut provinces: Vec<String> = Vec::new();
            let mut made = 0;
            while made < count {
                let base = word(rng, tables::TOWN_ENDS);
                let province = provinces.len() < PROVINCES_PER_COUNTRY.min(count / 2);
                let (name, aliases) = if province {
                    (
                        format!("{base} Province"),
                        vec![format!("province {}", de(&base))],
                    )
                } else {
                    let other = transliterate(&base);
                    let keep = other != base && rng.chance(0.4);
                    (base.clone(), if keep { vec![other] } else { Vec::new() })
                };
                let all: Vec<&str> = std::iter::once(name.as_str())
                    .chain(aliases.iter().map(String::as_str))
                    .collect();
                if !claims.claim(&all) {
                    continue; // folds like a name already given: make up another
                }
                let kind = if province {
                    "province"
                } else if rng.chance(0.2) {
                    "city"
                } else {
                    "town"
                };
                let admin1 = if province {
                    provinces.push(base.clone());
                    base
                } else {
                    provinces[rng.below(provinces.len())].clone()
                };
                if !province {
                    self.countries[ci].towns.push(self.places.len() as u32);
                }
                // Within a degree and a half of the middle: small countries spill over, which
                // the gazetteer does not check.
                let jitter = |rng: &mut Rng| rng.between(-15_000, 15_000) as f64 / 10_000.0;
                self.places.push(Place {
                    fr: if province {
                        name.clone()
                    } else {
                        aliases.first().unwrap_or(&name).clone()
                    },
                    en: name.clone(),
                    name,
                    aliases,
                    kind: kind.to_string(),
                    country: country.clone(),
                    admin1,
                    latitude: (lat0 + jitter(rng)).clamp(-89.0, 89.0),
                    longitude: (lon0 + jitter(rng)).clamp(-179.0, 179.0),
                    spellings: OnceLock::new(),
                    synthetic: true,
                });
                made += 1;
            }
        }
        self.place_keys = claims.0;
        Ok(())
    }

    pub fn write_places(&self, path: &Path) -> Result<u64, Error> {
        let mut w = csv_file(path)?;
        let err = |e: csv::Error| Error::output(path.display(), e);
        w.write_record([
            "name",
            "aliases",
            "kind",
            "country",
            "admin1",
            "latitude",
            "longitude",
            "geonames_id",
        ])
        .map_err(err)?;
        for row in &self.bundled_places {
            w.write_record(row).map_err(err)?;
        }
        for p in self.places.iter().filter(|p| p.synthetic) {
            w.write_record([
                p.name.as_str(),
                &p.aliases.join("|"),
                &p.kind,
                &p.country,
                &p.admin1,
                &format!("{:.4}", p.latitude),
                &format!("{:.4}", p.longitude),
                "",
            ])
            .map_err(err)?;
        }
        finish_csv(w, path)
    }
}
