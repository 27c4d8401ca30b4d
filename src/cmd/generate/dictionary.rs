//! The actor dictionary: the bundled entries documents can use, and 20,000 synthetic ones
//! (persons, a share of them changing code on dates; groups named after towns; people of
//! international bodies; former office holders), with names unique after folding.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};

use super::rng::Rng;
use super::tables::{self, Title};
use super::text::Mention;
use super::world::{csv_file, finish_csv, read_csv, word, Actor, Claims, Span, World, ARMED};
use crate::text::name_key;
use crate::Error;

pub const SYNTHETIC_ACTORS: usize = 20_000;
const GROUPS: usize = SYNTHETIC_ACTORS / 5;
const INTERNATIONAL: usize = 300;
const HISTORIC: usize = 500;

type Codes = Vec<(String, Option<NaiveDate>, Option<NaiveDate>)>;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn random_day(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    from + Days::new(rng.between(0, (to - from).num_days().max(0)) as u64)
}

impl World {
    /// Claims every bundled name; keeps for documents the entries with one undated code that
    /// read well without an article (any date then resolves them).
    pub fn load_bundled_actors(&mut self, path: &Path) -> Result<(), Error> {
        if !path.exists() {
            return Ok(());
        }
        let rows = read_csv(path)?;
        let mut by_name: HashMap<&str, Vec<&csv::StringRecord>> = HashMap::new();
        let mut order = Vec::new();
        for row in &rows {
            let name = row.get(0).unwrap_or("").trim();
            for n in std::iter::once(name).chain(row.get(1).unwrap_or("").split('|')) {
                let k = name_key(n);
                if !k.is_empty() {
                    self.actor_keys.insert(k);
                }
            }
            if !by_name.contains_key(name) {
                order.push(name);
            }
            by_name.entry(name).or_default().push(row);
        }
        for name in order {
            let [row] = by_name[name].as_slice() else {
                continue;
            };
            let get = |i: usize| row.get(i).unwrap_or("").trim();
            let (code, kind) = (get(2), get(5));
            let undated = get(3).is_empty() && get(4).is_empty();
            if !undated || !matches!(kind, "metonym" | "media" | "person") {
                continue;
            }
            let Ok(parsed) = self.blocks.parse(code) else {
                continue;
            };
            let aliases: Vec<String> = get(1)
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            let en = aliases.iter().find(|a| a.is_ascii()).map_or(name, |a| a);
            let actor = Actor {
                name: name.to_string(),
                en: Mention::parse(en, false),
                fr: Mention::parse(name, false),
                aliases,
                kind: kind.to_string(),
                codes: vec![Span {
                    code: code.to_string(),
                    from: None,
                    to: None,
                }],
                spellings: OnceLock::new(),
                armed: parsed.roles().any(|r| ARMED.contains(&r)),
                country: parsed.country().map(str::to_string),
                synthetic: false,
            };
            self.push_actor(actor, true);
        }
        Ok(())
    }

    /// Adds an actor; `listed` ones are offered to documents by country (or as international).
    fn push_actor(&mut self, a: Actor, listed: bool) -> u32 {
        let id = self.actors.len() as u32;
        if listed {
            match a.country.as_deref().map(|c| self.country_index(c)) {
                Some(Some(ci)) => self.countries[ci].actors.push(id),
                // A country no document is about would put its events in the wrong place.
                Some(None) => {}
                None => self.international.push(id),
            }
        }
        self.actors.push(a);
        id
    }

    pub fn add_actors(&mut self, rng: &mut Rng) -> Result<(), Error> {
        let mut claims = Claims(std::mem::take(&mut self.actor_keys));
        let mut made = self.add_groups(rng, &mut claims)?;
        let (mut international, mut historic) = (0, 0);
        while made < SYNTHETIC_ACTORS {
            let female = rng.chance(0.4);
            let first = *rng.pick(if female {
                tables::FIRST_F
            } else {
                tables::FIRST_M
            });
            let mut last = word(rng, tables::SURNAME_ENDS);
            if rng.chance(0.08) {
                last = format!("al-{last}");
            }
            let name = format!("{first} {last}");
            let country = self.countries[rng.below(self.countries.len())].words.code;
            if international < INTERNATIONAL {
                let (code, fr_m, fr_f, en) = *rng.pick(tables::INTERNATIONAL);
                let fr = Mention::parse(
                    &format!("{} {last}", if female { fr_f } else { fr_m }),
                    false,
                );
                let en = Mention::parse(&format!("{en} {last}"), false);
                if !claims.claim(&[&name, &last, &fr.bare, &en.bare]) {
                    continue;
                }
                let aliases = vec![last.clone(), fr.bare.clone(), en.bare.clone()];
                let codes = vec![(code.to_string(), None, None)];
                self.push_synthetic(name, aliases, "person", codes, (fr, en), true)?;
                international += 1;
            } else if historic < HISTORIC {
                if !claims.claim(&[&name, &last]) {
                    continue;
                }
                let from = random_day(rng, day(1975, 1, 1), day(1989, 12, 31));
                let to = random_day(rng, day(1990, 1, 1), day(1999, 12, 31));
                let codes = vec![(format!("{country}GOV"), Some(from), Some(to))];
                let m = Mention::parse(&name, false);
                let id =
                    self.push_synthetic(name, vec![last], "person", codes, (m.clone(), m), false)?;
                self.historic.push(id);
                historic += 1;
            } else if !self.add_person(rng, &mut claims, female, first, &last, country)? {
                continue;
            }
            made += 1;
        }
        self.actor_keys = claims.0;
        Ok(())
    }

    /// Two groups per synthetic town, until there are enough.
    fn add_groups(&mut self, rng: &mut Rng, claims: &mut Claims) -> Result<usize, Error> {
        let towns: Vec<u32> = (0..self.places.len() as u32)
            .filter(|&p| self.places[p as usize].synthetic)
            .filter(|&p| self.places[p as usize].kind != "province")
            .collect();
        let n = tables::GROUPS.len();
        let mut made = 0;
        for t in towns {
            let first = rng.below(n);
            for g in [first, (first + 1 + rng.below(n - 1)) % n] {
                if made == GROUPS {
                    return Ok(made);
                }
                let (fr, plural, en, role, kind) = tables::GROUPS[g];
                let place = &self.places[t as usize];
                let fr = Mention::parse(&fr.replace("{}", &place.name), plural);
                let en = Mention::parse(&en.replace("{}", &place.name), false);
                if !claims.claim(&[&fr.bare, &en.bare]) {
                    continue;
                }
                let codes = vec![(format!("{}{role}", place.country), None, None)];
                let (name, alias) = (fr.bare.clone(), en.bare.clone());
                self.push_synthetic(name, vec![alias], kind, codes, (fr, en), true)?;
                made += 1;
            }
        }
        Ok(made)
    }

    /// A person with a role; a quarter of them take office for a while, so that their code
    /// changes on the day they take office and again the day after they leave (the spans meet
    /// with no gap or overlap, and the last is not a government code left open).
    fn add_person(
        &mut self,
        rng: &mut Rng,
        claims: &mut Claims,
        female: bool,
        first: &str,
        last: &str,
        country: &str,
    ) -> Result<bool, Error> {
        let name = format!("{first} {last}");
        let title: &Title = &tables::TITLES[rng.weighted(&[20, 15, 10, 12, 10, 10, 5, 6, 6, 6])];
        let fr_t = Mention::parse(
            &format!("{} {last}", if female { title.fr_f } else { title.fr_m }),
            false,
        );
        let en_t = Mention::parse(&format!("{} {last}", title.en), false);
        if !claims.claim(&[&name, last, &fr_t.bare, &en_t.bare]) {
            return Ok(false);
        }
        let mut aliases = vec![last.to_string(), fr_t.bare.clone(), en_t.bare.clone()];
        let initial = format!("{}. {last}", first.chars().next().unwrap_or('X'));
        if rng.chance(0.3) && claims.claim(&[&initial]) {
            aliases.push(initial);
        }
        let codes = if rng.chance(0.25) {
            let before = *rng.pick(&["ELI", "OPP", "MIL", "LEG"]);
            let after = *rng.pick(&["ELI", "OPP"]);
            let start = random_day(rng, day(2008, 1, 1), day(2022, 12, 31));
            let end = start + Days::new(rng.between(300, 2500) as u64);
            vec![
                (format!("{country}{before}"), None, start.pred_opt()),
                (format!("{country}GOV"), Some(start), Some(end)),
                (format!("{country}{after}"), end.succ_opt(), None),
            ]
        } else {
            vec![(format!("{country}{}", title.role), None, None)]
        };
        let (fr, en) = if rng.chance(0.5) {
            (fr_t, en_t)
        } else {
            (Mention::parse(&name, false), Mention::parse(&name, false))
        };
        self.push_synthetic(name, aliases, "person", codes, (fr, en), true)?;
        Ok(true)
    }

    /// Adds an entry named `name` and `aliases`, that French and English documents name as
    /// `mentions`.
    fn push_synthetic(
        &mut self,
        name: String,
        aliases: Vec<String>,
        kind: &str,
        codes: Codes,
        (fr, en): (Mention, Mention),
        listed: bool,
    ) -> Result<u32, Error> {
        let (mut country, mut armed) = (None, false);
        for (code, _, _) in &codes {
            // A schema whose block table lacks a role used here cannot hold these actors.
            let parsed = self.blocks.parse(code).map_err(|e| {
                Error::schema(
                    "cameo/actor_blocks.csv",
                    None,
                    format!("{code}: {}", e.message),
                )
            })?;
            country = parsed.country().map(str::to_string);
            armed |= parsed.roles().any(|r| ARMED.contains(&r));
        }
        let actor = Actor {
            name,
            aliases,
            kind: kind.to_string(),
            codes: codes
                .into_iter()
                .map(|(code, from, to)| Span { code, from, to })
                .collect(),
            fr,
            en,
            spellings: OnceLock::new(),
            country,
            armed,
            synthetic: true,
        };
        Ok(self.push_actor(actor, listed))
    }

    pub fn write_dictionary(&self, path: &Path) -> Result<u64, Error> {
        let mut w = csv_file(path)?;
        let err = |e: csv::Error| Error::output(path.display(), e);
        w.write_record(["name", "aliases", "code", "from", "to", "kind", "note"])
            .map_err(err)?;
        let date = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.to_string());
        for a in self.actors.iter().filter(|a| a.synthetic) {
            for (i, s) in a.codes.iter().enumerate() {
                let (aliases, note) = match i {
                    0 => (a.aliases.join("|"), "synthetic"),
                    _ => (String::new(), ""),
                };
                let row = [
                    &a.name,
                    &aliases,
                    &s.code,
                    &date(s.from),
                    &date(s.to),
                    &a.kind,
                    note,
                ];
                w.write_record(row).map_err(err)?;
            }
        }
        finish_csv(w, path)
    }
}
