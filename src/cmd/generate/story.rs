//! One document and its records: the document's metadata and cast, an event sentence per
//! record, the record as a coder would write it (with its defect, if it has one), and the
//! text around them.

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate};

use super::dates;
use super::plan::Plan;
use super::records::*;
use super::rng::Rng;
use super::tables::{AGENCIES, CODER_NOTES_EN, CODER_NOTES_FR};
use super::text::{self, Fill, Mention, Style};
use super::world::{Actor, Place, World};
use crate::normalize::dates::{normalize, DateContext, Lang};

/// Shortest and longest quote, in characters.
const QUOTE_MIN: usize = 60;
const QUOTE_MAX: usize = 200;

pub struct Story {
    pub text: String,
    /// The row of documents.csv.
    pub meta: [String; 6],
    pub records: Vec<Rec>,
}

/// What one event gives: the sentence of the document and the record's quote.
struct Event {
    sentence: String,
    quote: String,
}

struct Doc<'w> {
    world: &'w World,
    rng: Rng,
    style: Style,
    index: u64,
    doc_id: String,
    reference: NaiveDate,
    dated: bool,
    home: usize,
    cast: Vec<u32>,
    towns: Vec<u32>,
    /// One coder codes the whole document, as in practice: two coders of one document are
    /// a second coding, which compile warns about.
    coder: String,
    /// A document of the set without a date, for a relative date that cannot be resolved.
    undated_near: Option<String>,
    /// Background sentences used so far, from a random first one.
    fillers: usize,
    /// Passages already used as quotes: a repeated one would make its quote ambiguous.
    quoted: HashSet<String>,
}

/// How often each CAMEO root (01..20) comes up, roughly as in news-based event data:
/// consultations and statements most, mass violence least.
const ROOT_WEIGHTS: [u32; 20] = [10, 5, 6, 18, 8, 3, 4, 3, 2, 3, 7, 3, 3, 3, 2, 2, 5, 4, 8, 1];

fn is_material(root: u8) -> bool {
    matches!(root, 6..=9 | 15..=20)
}

impl<'w> Doc<'w> {
    fn lang(&self) -> Lang {
        self.style.lang
    }

    fn actor(&self, id: u32) -> &'w Actor {
        &self.world.actors[id as usize]
    }

    fn place(&self, id: u32) -> &'w Place {
        &self.world.places[id as usize]
    }

    fn mention(&self, a: &'w Actor) -> &'w Mention {
        if self.lang() == Lang::Fr {
            &a.fr
        } else {
            &a.en
        }
    }

    fn place_text(&self, p: &'w Place) -> &'w str {
        if self.lang() == Lang::Fr {
            &p.fr
        } else {
            &p.en
        }
    }

    /// A name as a coder writes it: as the document has it, or another spelling or alias.
    fn spell_actor(&mut self, a: &Actor) -> String {
        if self.rng.chance(0.5) {
            self.mention(a).subject()
        } else {
            self.rng.pick(a.spellings()).clone()
        }
    }

    fn spell_place(&mut self, p: &Place) -> String {
        if self.rng.chance(0.5) {
            self.place_text(p).to_string()
        } else {
            self.rng.pick(p.spellings()).clone()
        }
    }

    /// Another actor of the cast (which has at least two).
    fn other_than(&mut self, source: u32) -> u32 {
        let n = self.cast.len();
        let at = self.cast.iter().position(|&a| a == source).unwrap_or(0);
        self.cast[(at + 1 + self.rng.below(n.max(2) - 1)) % n]
    }

    /// A town of the country of one of the actors, if either has one with towns.
    fn town_near(&mut self, actors: [Option<u32>; 2]) -> u32 {
        for a in actors.into_iter().flatten() {
            let country = self.actor(a).country.as_deref();
            if let Some(ci) = country.and_then(|c| self.world.country_index(c)) {
                if ci == self.home {
                    return *self.rng.pick(&self.towns);
                }
                return *self.rng.pick(&self.world.countries[ci].towns);
            }
        }
        *self.rng.pick(&self.towns)
    }

    fn fill(&mut self) -> (Fill<'w>, u32) {
        let world = self.world;
        let country = &world.countries[self.home];
        let (l, m) = (*self.rng.pick(&self.towns), *self.rng.pick(&self.towns));
        let s = *self.rng.pick(&self.cast);
        let fr = self.lang() == Lang::Fr;
        let fill = Fill {
            source: Some(self.mention(self.actor(s))),
            target: None,
            place: self.place_text(self.place(l)),
            other_place: self.place_text(self.place(m)),
            country: Some(if fr { &country.fr } else { &country.en }),
            adjective: if fr {
                country.words.adj_fr_fp
            } else {
                country.words.adj_en
            },
            adjective_m: country.words.adj_fr,
            agency: self.rng.pick::<&str>(AGENCIES),
            number: self.rng.between(3, 400) as u32,
        };
        (fill, l)
    }
}

/// Adds up to `n` distinct elements of `from` to `into`.
fn sample(rng: &mut Rng, from: &[u32], n: usize, into: &mut Vec<u32>) {
    let want = into.len() + n.min(from.len());
    for _ in 0..8 * n {
        if into.len() >= want {
            break;
        }
        let x = *rng.pick(from);
        if !into.contains(&x) {
            into.push(x);
        }
    }
}

pub fn story(world: &World, plan: &Plan, i: u64) -> Story {
    let mut rng = Rng::derive(plan.seed, 2, i);
    let lang = if rng.chance(0.55) { Lang::Fr } else { Lang::En };
    let style = Style {
        lang,
        curly: rng.chance(if lang == Lang::Fr { 0.7 } else { 0.5 }),
        wrap: rng.chance(0.3),
    };
    let n_countries = world.countries.len();
    let home = rng.below(n_countries);
    let partner = (home + 1 + rng.below(n_countries - 1)) % n_countries;
    let first = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    let reference = first + Days::new(rng.below(14 * 365) as u64);
    let (h, p) = (&world.countries[home], &world.countries[partner]);
    let mut cast = Vec::with_capacity(10);
    let (n_home, n_partner) = (rng.between(3, 6) as usize, rng.between(1, 2) as usize);
    sample(&mut rng, &h.actors, n_home, &mut cast);
    sample(&mut rng, &p.actors, n_partner, &mut cast);
    if rng.chance(0.3) && !world.international.is_empty() {
        cast.push(*rng.pick(&world.international));
    }
    // Countries are kept only with eight actors or more, so this is at most a formality.
    for &a in &p.actors {
        if cast.len() >= 2 {
            break;
        }
        if !cast.contains(&a) {
            cast.push(a);
        }
    }
    let mut towns = Vec::with_capacity(6);
    let n_towns = rng.between(2, 5) as usize;
    sample(&mut rng, &h.towns, n_towns, &mut towns);
    let coder = format!("coder{:02}", rng.between(1, 40));
    let mut doc = Doc {
        world,
        rng,
        style,
        index: i,
        doc_id: plan.doc_id(i),
        reference,
        dated: !plan.undated(i),
        home,
        cast,
        towns,
        coder,
        undated_near: plan.undated_near(i).map(|u| plan.doc_id(u)),
        quoted: HashSet::new(),
        fillers: 0,
    };
    doc.fillers = doc.rng.below(100);

    let (start, end) = (plan.start(i), plan.start(i + 1));
    let n = (end - start) as usize;
    let mut defects: Vec<Option<Defect>> = (start..end).map(defect_at).collect();
    // A copy of the record before needs one before it: swap with the next record, or give up.
    if defects[0].is_some_and(Defect::needs_previous) {
        if n > 1 && defects[1].is_none() {
            defects.swap(0, 1);
        } else {
            defects[0] = Some(Defect::InvalidDate);
        }
    }
    for d in defects.iter_mut() {
        if *d == Some(Defect::RelativeDateUnanchored) && doc.dated && doc.undated_near.is_none() {
            *d = Some(Defect::InvalidDate);
        }
    }

    let mut events = Vec::with_capacity(n);
    let mut recaps = Vec::new();
    let mut records: Vec<Rec> = Vec::with_capacity(n);
    for j in 0..n {
        let defect = defects[j];
        let next = defects.get(j + 1).copied().flatten();
        let (event, mut rec) = doc.record(j, defect, next, records.last());
        if defect == Some(Defect::QuoteAmbiguous) {
            let again = if lang == Lang::Fr {
                "Pour rappel"
            } else {
                "As a reminder"
            };
            recaps.push(format!("{again}, {}.", event.quote));
        }
        if let Some(d) = defect {
            rec.f[NOTES] = format!("defect: {}", d.rule());
        }
        events.push(event.sentence);
        records.push(rec);
    }
    let (text, title) = doc.text(events, recaps);
    let meta = doc.metadata(plan, title);
    Story {
        text,
        meta,
        records,
    }
}

impl Doc<'_> {
    fn record(
        &mut self,
        j: usize,
        defect: Option<Defect>,
        next: Option<Defect>,
        prev: Option<&Rec>,
    ) -> (Event, Rec) {
        use Defect as D;
        let world = self.world;
        let lang = self.lang();
        let back = match self.rng.below(10) {
            0..=3 => self.rng.between(0, 2),
            4..=7 => self.rng.between(3, 14),
            _ => self.rng.between(15, 60),
        };
        let day = self.reference - Days::new(back as u64);
        let material_only = defect == Some(D::PlaceCountryMismatch);
        let weights: Vec<u32> = world
            .roots
            .iter()
            .map(|(r, _)| match material_only && !is_material(*r) {
                true => 0,
                false => ROOT_WEIGHTS[usize::from(*r) - 1],
            })
            .collect();
        let (root, codes) = match weights.iter().any(|w| *w > 0) {
            true => &world.roots[self.rng.weighted(&weights)],
            false => self.rng.pick(&world.roots),
        };
        let (root, code) = (*root, self.rng.pick(codes).clone());
        let mut pattern = text::event_pattern(&mut self.rng, lang, root);
        // Force comes from armed actors where the cast has one; the source of a misplaced
        // event must have a country for the place to contradict.
        let force = matches!(root, 15 | 18..=20);
        let mut source = *self.rng.pick(&self.cast);
        for _ in 0..8 {
            let a = self.actor(source);
            if (!force || a.armed) && (!material_only || a.country.is_some()) {
                break;
            }
            source = *self.rng.pick(&self.cast);
        }
        let (mut target, mut place, mut core) = (None, 0, String::new());
        // A passage quoted twice would make the second quote ambiguous: draw again.
        for attempt in 0..4 {
            if attempt > 0 {
                pattern = text::event_pattern(&mut self.rng, lang, root);
            }
            target = text::has_target(pattern).then(|| self.other_than(source));
            place = if is_material(root) {
                self.town_near([Some(source), target])
            } else {
                *self.rng.pick(&self.towns)
            };
            let fill = Fill {
                source: Some(self.mention(self.actor(source))),
                target: target.map(|t| self.mention(self.actor(t))),
                place: self.place_text(self.place(place)),
                ..Fill::default()
            };
            core = text::render(&mut self.rng, pattern, &fill, self.style);
            if !self.quoted.contains(&core) {
                break;
            }
        }
        let said = dates::in_text(&mut self.rng, day, self.reference, lang);
        let agency = *self.rng.pick(AGENCIES);
        let tail = match (lang, self.rng.below(5)) {
            (Lang::Fr, 0) => format!(", selon {agency}"),
            (Lang::Fr, 1) => ", selon des sources locales".to_string(),
            (Lang::Fr, 2) => ", ont indiqué des témoins".to_string(),
            (Lang::En, 0) => format!(", {agency} reported"),
            (Lang::En, 1) => ", according to local sources".to_string(),
            (Lang::En, 2) => ", witnesses said".to_string(),
            _ => String::new(),
        };
        let sentence = format!("{said}, {core}{tail}.");
        let quote = [
            core.clone(),
            format!("{core}{tail}"),
            sentence[..sentence.len() - 1].to_string(),
        ]
        .into_iter()
        .find(|q| q.chars().count() >= QUOTE_MIN)
        .unwrap_or_else(|| sentence.clone());
        let quote = shorten(&quote);
        self.quoted.insert(core);

        let mut f: [String; 13] = Default::default();
        let blank_id = next == Some(D::DuplicateRecord)
            || (next != Some(D::DuplicateEventId) && self.rng.chance(0.03));
        if !blank_id {
            f[EVENT_ID] = format!("d{:07}-{j:03}", self.index);
        }
        f[DOC_ID] = self.doc_id.clone();
        f[DATE] = dates::coded(
            &mut self.rng,
            day,
            self.dated.then_some(self.reference),
            lang,
        );
        let span_start = |doc: &Self, date: &str| {
            let ctx = DateContext {
                reference: doc
                    .dated
                    .then(|| crate::normalize::dates::DateSpan::day(doc.reference)),
                lang: Some(lang),
                ..Default::default()
            };
            normalize(date, &ctx).map(|n| n.span.start).unwrap_or(day)
        };
        for (id, (name_at, code_at)) in [
            (Some(source), (SOURCE, SOURCE_CODE)),
            (target, (TARGET, TARGET_CODE)),
        ] {
            let Some(id) = id else { continue };
            let a = self.actor(id);
            let mode = self.rng.weighted(&[60, 25, 15]);
            if mode < 2 {
                f[name_at] = self.spell_actor(a);
            }
            if mode > 0 {
                // A coded date starts at most a year before the event and a week after the
                // document; only a code change in that window needs the date read as eventc does.
                let (from, to) = (day - Days::new(366), self.reference + Days::new(8));
                f[code_at] = match a.code_through(from, to) {
                    Some(code) => code.to_string(),
                    None => a.code_on(span_start(self, &f[DATE])).to_string(),
                };
            }
        }
        f[EVENT_CODE] = code;
        if self.rng.chance(0.8) {
            f[LOCATION] = self.spell_place(self.place(place));
        }
        if self.rng.chance(0.96) {
            f[QUOTE] = match self.rng.below(50) {
                0..=7 => text::as_pasted(&quote),
                8 => quote.replacen(' ', "\n", 1),
                _ => quote.clone(),
            };
        }
        if self.rng.chance(0.03) && !f[QUOTE].is_empty() {
            f[OCCURRENCE] = "1".into();
        }
        f[CODER] = self.coder.clone();
        if self.rng.chance(0.08) {
            let notes = if lang == Lang::Fr {
                CODER_NOTES_FR
            } else {
                CODER_NOTES_EN
            };
            f[NOTES] = self.rng.pick(notes).to_string();
        }
        let jsonl = defect
            .and_then(Defect::jsonl)
            .unwrap_or_else(|| self.rng.chance(0.25));
        let mut rec = Rec {
            f,
            shape: Shape::Whole,
            jsonl,
        };
        if let Some(d) = defect {
            self.spoil(&mut rec, d, prev, day, &quote, source);
        }
        (Event { sentence, quote }, rec)
    }

    /// Gives a record its defect.
    fn spoil(
        &mut self,
        rec: &mut Rec,
        defect: Defect,
        prev: Option<&Rec>,
        day: NaiveDate,
        quote: &str,
        source: u32,
    ) {
        use Defect as D;
        let world = self.world;
        let lang = self.lang();
        let f = &mut rec.f;
        match defect {
            D::MalformedCsv => rec.shape = Shape::MissingField,
            D::MalformedJson => rec.shape = Shape::Cut,
            D::NonString => {
                if !f[EVENT_CODE].starts_with('0') {
                    rec.shape = Shape::Number(EVENT_CODE);
                } else {
                    f[OCCURRENCE] = "1".into();
                    rec.shape = Shape::Number(OCCURRENCE);
                }
            }
            D::MissingRequired => match self.rng.below(4) {
                0 => f[DATE].clear(),
                1 => f[EVENT_CODE].clear(),
                2 => f[DOC_ID].clear(),
                _ => {
                    f[SOURCE].clear();
                    f[SOURCE_CODE].clear();
                }
            },
            D::ConstraintViolation => match self.rng.below(2) {
                0 => f[EVENT_ID] = format!("d{:07} bis", self.index),
                _ => f[OCCURRENCE] = "second".into(),
            },
            // In the same file as the first, so that the first is read first.
            D::DuplicateEventId => {
                if let Some(p) = prev {
                    f[EVENT_ID] = p.f[EVENT_ID].clone();
                    rec.jsonl = p.jsonl;
                }
            }
            D::DuplicateRecord => {
                if let Some(p) = prev {
                    let notes = std::mem::take(&mut f[NOTES]);
                    *f = p.f.clone();
                    f[NOTES] = notes;
                    rec.jsonl = p.jsonl;
                }
            }
            D::UnknownDocument => {
                let last = f[DOC_ID].pop().unwrap_or('0');
                f[DOC_ID].push(if last == 'f' { 'e' } else { 'f' });
            }
            D::UnknownEventCode => f[EVENT_CODE] = self.rng.pick(&world.unpadded).clone(),
            D::InvalidActorCode => {
                let country = self.world.countries[self.home].words.code;
                f[SOURCE_CODE] = match self.rng.below(3) {
                    0 => format!("{country}XXX"),
                    1 => format!("{country}GOVT"),
                    _ => format!("{country}gov"),
                };
                // Without the source's country the place could contradict the target's.
                f[LOCATION].clear();
            }
            D::UnknownActor => {
                let a = self.actor(source);
                let name = self.rng.pick(a.spellings()).clone();
                f[SOURCE] = super::records::misspell(&mut self.rng, &name, &world.actor_keys);
                f[SOURCE_CODE].clear();
                f[LOCATION].clear();
            }
            D::ActorDateUncovered => {
                if let Some(&h) = world
                    .historic
                    .get(self.rng.below(world.historic.len().max(1)))
                {
                    f[SOURCE] = self.rng.pick(self.actor(h).spellings()).clone();
                    f[SOURCE_CODE].clear();
                    f[LOCATION].clear();
                }
            }
            D::InvalidDate => f[DATE] = dates::impossible(&mut self.rng, day.year(), lang),
            D::DateRangeReversed => f[DATE] = dates::reversed(&mut self.rng, day, lang),
            D::RelativeDateUnanchored => {
                if self.dated {
                    // Point at a document without a date; its text is not at hand, so no quote.
                    f[DOC_ID] = self.undated_near.clone().unwrap_or_default();
                    f[QUOTE].clear();
                    f[OCCURRENCE].clear();
                }
                f[DATE] = dates::unanchored(&mut self.rng, day, lang);
            }
            D::QuoteNotFound => {
                f[QUOTE] = super::records::reworded(quote);
                f[OCCURRENCE].clear();
            }
            D::InvalidQuoteOccurrence => {
                f[QUOTE] = quote.to_string();
                f[OCCURRENCE] = "0".into();
            }
            D::UnknownPlace => {
                let p = self.rng.pick(&self.towns);
                let name = self.place_text(self.place(*p)).to_string();
                f[LOCATION] = super::records::misspell(&mut self.rng, &name, &world.place_keys);
            }
            D::PlaceCountryMismatch => {
                // A material event (the code was drawn so) placed in a country that is not
                // the source's; without a target, nothing else could justify the place.
                let own = self
                    .actor(source)
                    .country
                    .as_deref()
                    .and_then(|c| world.country_index(c));
                let n = world.countries.len();
                let away = (own.unwrap_or(self.home) + 1 + self.rng.below(n - 1)) % n;
                let p = *self.rng.pick(&world.countries[away].towns);
                f[LOCATION] = self.place(p).name.clone();
                f[TARGET].clear();
                f[TARGET_CODE].clear();
            }
            D::ActorCodeMismatch => {
                // The bare country code: never a person's or group's code, and the same
                // country, so that the place still agrees.
                let a = self.actor(source);
                f[SOURCE] = self.spell_actor(a);
                f[SOURCE_CODE] = a.country.clone().unwrap_or_else(|| "IGO".into());
            }
            D::WeekdayMismatch => f[DATE] = dates::wrong_weekday(day, lang),
            D::QuoteCaseMismatch => {
                f[QUOTE] = super::records::case_flipped(quote);
                f[OCCURRENCE].clear();
            }
            D::QuoteAmbiguous => {
                f[QUOTE] = quote.to_string();
                f[OCCURRENCE].clear();
            }
            D::UnknownField => rec.shape = Shape::ExtraKey,
        }
    }
}

/// A quote of at most `QUOTE_MAX` characters, cut between words.
fn shorten(quote: &str) -> String {
    if quote.chars().count() <= QUOTE_MAX {
        return quote.to_string();
    }
    let cut = quote
        .char_indices()
        .nth(QUOTE_MAX)
        .map_or(quote.len(), |(b, _)| b);
    let head = &quote[..cut];
    head[..head.rfind(' ').unwrap_or(cut)].to_string()
}

impl Doc<'_> {
    /// The document: a title, a dateline, the event sentences in order with background
    /// sentences between them, more background up to 2-8 KB, then any recap.
    fn text(&mut self, events: Vec<String>, recaps: Vec<String>) -> (String, String) {
        let (fill, l) = self.fill();
        let title = text::title(&mut self.rng, &fill, self.style);
        let target = 2000 + self.rng.below(6000) * self.rng.below(6000) / 6000;
        let dateline = format!(
            "{}, {} ({}) - ",
            self.place_text(self.place(l)).to_uppercase(),
            dates::long(self.reference, self.lang()),
            self.rng.pick(AGENCIES)
        );
        let mut paragraphs = vec![title.clone()];
        let mut paragraph = dateline;
        let mut len = title.len();
        let mut events = events.into_iter().peekable();
        while events.peek().is_some() || len + paragraph.len() < target {
            let sentence = match events.next() {
                Some(e) if self.rng.chance(0.75) => e,
                Some(e) => {
                    paragraph.push_str(&self.filler());
                    paragraph.push(' ');
                    e
                }
                None => self.filler(),
            };
            paragraph.push_str(&sentence);
            if self.rng.chance(0.45) {
                len += paragraph.len() + 2;
                paragraphs.push(std::mem::take(&mut paragraph));
            } else {
                paragraph.push(' ');
            }
        }
        let last = paragraph.trim_end();
        if !last.is_empty() {
            paragraphs.push(last.to_string());
        }
        paragraphs.extend(recaps);
        (text::assemble(&paragraphs, self.style, 76), title)
    }

    fn filler(&mut self) -> String {
        let (fill, _) = self.fill();
        self.fillers += 1;
        text::filler(&mut self.rng, self.fillers, &fill, self.style)
    }

    /// The row of documents.csv. Undated documents have neither date; a few have an
    /// unreadable publication date (their reference date still anchors relative dates).
    fn metadata(&mut self, plan: &Plan, title: String) -> [String; 6] {
        let r = self.reference;
        let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let (published, reference) = if !self.dated {
            (String::new(), String::new())
        } else if plan.bad_metadata(self.index) {
            (dates::long(r, self.lang()), iso(r))
        } else {
            match self.rng.below(10) {
                0..=5 => (iso(r), iso(r)),
                6 | 7 => (iso(r + Days::new(1)), iso(r)),
                8 => (r.format("%Y-%m").to_string(), iso(r)),
                _ => (iso(r), String::new()),
            }
        };
        let lang = if self.lang() == Lang::Fr { "fr" } else { "en" };
        let source = self.rng.pick(AGENCIES).to_string();
        [
            self.doc_id.clone(),
            published,
            reference,
            lang.to_string(),
            title,
            source,
        ]
    }
}
