//! The decision for each raw record: an event for the dataset, or a reject with its reasons.
//!
//! Every check reports through a `Diagnostic` whose rule is in the catalogue (`rules.rs`); a
//! record is rejected exactly when one of its diagnostics is an error.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use crate::codebook::config::Config;
use crate::codebook::dictionary::NULL_CODE;
use crate::codebook::event_codes::EventCode;
use crate::codebook::Codebook;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::event::Event;
use crate::normalize::actors::Resolution;
use crate::normalize::dates::{self, DateContext, DateSpan, Order};
use crate::normalize::evidence;
use crate::read::documents::{Document, Documents, Lookup};
use crate::read::RawRecord;

pub enum Outcome {
    Accepted(Box<Event>),
    Rejected(RawRecord),
}

pub struct Validator<'a> {
    codebook: &'a Codebook,
    docs: &'a mut Documents,
    /// Ids already written, as 128-bit digests: uniqueness needs one entry per record, and a
    /// digest keeps that to 16 bytes whatever the id's length.
    seen_ids: HashSet<u128>,
    order: Order,
}

/// Per-record state while checking: the record, its id and what was found so far.
struct Check<'r> {
    rec: &'r RawRecord,
    config: &'r Config,
    event_id: String,
    diags: Vec<Diagnostic>,
}

impl Check<'_> {
    fn diag(
        &mut self,
        rule: &'static str,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let value = self.rec.get(field);
        let mut d = Diagnostic::new(rule, message).at(&self.rec.file, self.rec.line);
        self.config.apply(&mut d);
        if !field.is_empty() {
            d = d.field(field, value);
        }
        d.event_id = Some(self.event_id.clone());
        d.source = Some(SourceText {
            text: self.rec.text.clone(),
            line_start: self.rec.line,
            span: self.rec.span_of(field),
        });
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    fn value(&self, field: &str) -> &str {
        self.rec.get(field).trim()
    }
}

impl<'a> Validator<'a> {
    pub fn new(codebook: &'a Codebook, docs: &'a mut Documents) -> Self {
        Validator {
            codebook,
            docs,
            seen_ids: HashSet::new(),
            order: codebook.config.date_order,
        }
    }

    /// Check one record. Its diagnostics go to `out`; the outcome says where the record goes.
    pub fn check(&mut self, rec: RawRecord, out: &mut Vec<Diagnostic>) -> Outcome {
        let given_id = rec.get("event_id").trim().to_string();
        let event_id = if given_id.is_empty() {
            derived_id(&rec)
        } else {
            given_id.clone()
        };
        let mut c = Check {
            rec: &rec,
            config: &self.codebook.config,
            event_id,
            diags: Vec::new(),
        };
        for p in &rec.problems {
            let mut p = p.clone();
            p.event_id = Some(c.event_id.clone());
            self.codebook.config.apply(&mut p);
            c.diags.push(p);
        }
        let malformed = rec.problems.iter().any(|p| p.rule == "malformed-record");
        let event = if malformed {
            None
        } else {
            self.check_fields(&mut c, !given_id.is_empty())
        };
        let Check { diags, .. } = c;
        let rejected = diags.iter().any(Diagnostic::is_error);
        out.extend(diags);
        match event {
            Some(e) if !rejected => Outcome::Accepted(Box::new(e)),
            _ => Outcome::Rejected(rec),
        }
    }

    fn check_fields(&mut self, c: &mut Check, id_given: bool) -> Option<Event> {
        let cb = self.codebook;
        for v in cb.table.check(|name| c.rec.get(name)) {
            let rule = if v.required {
                "missing-required"
            } else {
                "constraint-violation"
            };
            let message = if v.required {
                format!("`{}` is required", v.field)
            } else {
                format!("`{}` does not meet the schema: {}", v.field, v.note)
            };
            c.diag(rule, &v.field, message);
        }
        if c.value("source").is_empty() && c.value("source_code").is_empty() {
            c.diag(
                "missing-required",
                "source",
                "one of `source` or `source_code` is required",
            )
            .help
            .push("write the actor's name as the document gives it, or its CAMEO code".into());
        }

        let doc = self.document(c);
        let code = self.event_code(c);
        let span = doc.as_ref().and_then(|d| self.date(c, d));
        let source = self.actor(c, "source", span.as_ref());
        let target = self.actor(c, "target", span.as_ref());
        let place = self.place(c, code, [&source, &target]);
        let quote = doc.as_ref().and_then(|d| quote(c, d, cb));

        // Uniqueness last, so a record rejected for other reasons does not claim its id.
        if !c.has_errors() {
            if self.seen_ids.contains(&id_digest(&c.event_id)) {
                if id_given {
                    c.diag(
                        "duplicate-event-id",
                        "event_id",
                        format!(
                            "event_id `{}` is already used by an earlier record",
                            c.event_id
                        ),
                    )
                    .help
                    .push(
                        "give each record its own id, or leave event_id blank to derive one".into(),
                    );
                } else {
                    let base = c.event_id.clone();
                    let mut n = 2;
                    while self.seen_ids.contains(&id_digest(&format!("{base}-{n}"))) {
                        n += 1;
                    }
                    c.event_id = format!("{base}-{n}");
                    let help = format!(
                        "this record gets the id `{}`; delete it if it was pasted twice",
                        c.event_id
                    );
                    c.diag(
                        "duplicate-record",
                        "",
                        "an earlier record without event_id has the same content",
                    )
                    .help
                    .push(help);
                }
            }
            self.seen_ids.insert(id_digest(&c.event_id));
        }
        if c.has_errors() {
            return None;
        }
        let (doc, code, span, source) = (doc?, code?, span?, source?);
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let target = target.filter(|t| !t.code.is_empty());
        let (quote_text, quote_start, quote_end) = match quote {
            Some((t, s, e)) => (Some(t), Some(s as i64), Some(e as i64)),
            None => (None, None, None),
        };
        Some(Event {
            event_id: c.event_id.clone(),
            doc_id: doc.id.clone(),
            event_date: span.start,
            event_date_end: span.end,
            date_precision: span.precision.as_str(),
            source_text: opt(c.value("source")),
            source_code: source.code,
            source_name: source.name,
            source_country: source.country,
            source_roles: source.roles,
            target_text: opt(c.value("target")),
            target_code: target.as_ref().map(|t| t.code.clone()),
            target_name: target.as_ref().map(|t| t.name.clone()),
            target_roles: target.as_ref().and_then(|t| t.roles.clone()),
            target_country: target.and_then(|t| t.country),
            event_base_code: code.base().to_string(),
            event_root_code: code.root().to_string(),
            event_label: code.label.clone(),
            quad_class: code.quad_class(),
            goldstein: code.goldstein,
            event_code: code.code.clone(),
            location_text: opt(c.value("location")),
            place_name: place.map(|p| p.name.clone()),
            place_country: place.map(|p| p.country.clone()),
            latitude: place.map(|p| p.latitude),
            longitude: place.map(|p| p.longitude),
            quote: quote_text,
            quote_start,
            quote_end,
            coder: opt(c.value("coder")),
            notes: opt(c.value("notes")),
            input_file: c.rec.file.clone(),
            input_line: c.rec.line as i64,
        })
    }

    fn document(&mut self, c: &mut Check) -> Option<std::rc::Rc<Document>> {
        let id = c.value("doc_id").to_string();
        if id.is_empty() {
            return None; // reported as missing-required
        }
        match self.docs.get(&id) {
            Lookup::Found(doc) => Some(doc),
            Lookup::Invalid(why) => {
                c.diag(
                    "unknown-document",
                    "doc_id",
                    format!("`{id}` is not a valid document id: {why}"),
                );
                None
            }
            Lookup::Missing => {
                let label = self.docs.label().to_string();
                let suggestions = self.docs.suggest(&id);
                let d = c.diag(
                    "unknown-document",
                    "doc_id",
                    format!("no document `{label}/{id}.txt`"),
                );
                match suggestions.first() {
                    Some(s) => d.help.push(format!("did you mean `{s}`?")),
                    None => d
                        .help
                        .push(format!("add the document's text as `{label}/{id}.txt`")),
                }
                None
            }
        }
    }

    fn event_code(&self, c: &mut Check) -> Option<&'a EventCode> {
        let code = c.value("event_code").to_string();
        if code.is_empty() {
            return None;
        }
        if let Some(found) = self.codebook.events.get(&code) {
            return Some(found);
        }
        let helps = self.codebook.events.suggest(&code);
        c.diag(
            "unknown-event-code",
            "event_code",
            format!("`{code}` is not a CAMEO event code"),
        )
        .help
        .extend(helps);
        None
    }

    fn date(&self, c: &mut Check, doc: &Document) -> Option<DateSpan> {
        let text = c.value("date").to_string();
        if text.is_empty() {
            return None;
        }
        let ctx = DateContext {
            reference: doc.anchor(),
            lang: doc.meta.language,
            order: self.order,
        };
        match dates::normalize(&text, &ctx) {
            Ok(n) => {
                for w in n.warnings {
                    let d = c.diag(w.rule, "date", w.message);
                    d.help.extend(w.help);
                }
                Some(n.span)
            }
            Err(e) => {
                let d = c.diag(e.rule, "date", e.message);
                d.help.extend(e.help);
                None
            }
        }
    }

    /// Resolve one side's actor to a code, name and country.
    fn actor(&self, c: &mut Check, side: &str, span: Option<&DateSpan>) -> Option<ResolvedActor> {
        let code_field = format!("{side}_code");
        let name = c.value(side).to_string();
        let given = c.value(&code_field).to_string();
        let cb = self.codebook;
        let mut parsed = None;
        if !given.is_empty() {
            match cb.blocks.parse(&given) {
                Ok(p) => parsed = Some(p),
                Err(e) => {
                    let d = c.diag(e.rule, &code_field, e.message);
                    d.help.extend(e.help);
                    return None;
                }
            }
        }
        let mut resolved_name = None;
        let mut code = parsed.as_ref().map(|p| p.code.clone());
        if !name.is_empty() {
            let (start, end) = (span.map(|s| s.start), span.map(|s| s.end));
            match cb.actors.resolve(&name, start, end) {
                Resolution::Resolved {
                    code: dict_code, ..
                } if dict_code == NULL_CODE => {
                    let have_code = code.is_some();
                    let d = c.diag(
                        "unknown-actor",
                        side,
                        format!("`{name}` is in the actor dictionary with the null code `---`: it names no actor"),
                    );
                    d.help.push(format!(
                        "give the actor's code in `{code_field}`, or name the actor itself"
                    ));
                    if have_code {
                        d.severity = crate::rules::Severity::Warning;
                    }
                }
                Resolution::Resolved {
                    actor,
                    code: dict_code,
                    interval,
                    partial,
                    ..
                } => {
                    resolved_name = Some(actor.name.clone());
                    if partial {
                        c.diag(
                            "actor-date-partial",
                            side,
                            format!("`{name}` is {dict_code} only {interval}, and the event's period runs past that"),
                        )
                        .help
                        .push("the code valid at the period's start is used; a more precise date settles it".into());
                    }
                    match &code {
                        Some(g) if *g != dict_code => {
                            c.diag(
                                "actor-code-mismatch",
                                &code_field,
                                format!("`{name}` is {dict_code} in the dictionary on this date, the record says {g}"),
                            )
                            .help
                            .push(format!("the record's code {g} is kept; if the dictionary is right, write {dict_code}"));
                        }
                        Some(_) => {}
                        None => code = Some(dict_code),
                    }
                }
                Resolution::Uncovered {
                    actor, intervals, ..
                } => {
                    resolved_name = Some(actor.name.clone());
                    let have_code = code.is_some();
                    let d = c.diag(
                        "actor-date-uncovered",
                        side,
                        format!(
                            "`{name}` has no dictionary code for {}",
                            describe_span(span)
                        ),
                    );
                    let known: Vec<String> = intervals
                        .iter()
                        .map(|s| format!("{} {}", s.code, s.interval))
                        .collect();
                    d.help
                        .push(format!("the dictionary knows: {}", known.join("; ")));
                    if !have_code {
                        d.severity = crate::rules::Severity::Error;
                        d.help.push(format!(
                            "give the code in `{code_field}`, or extend the dictionary entry"
                        ));
                    }
                }
                Resolution::Unknown { suggestions } => {
                    let have_code = code.is_some();
                    let d = c.diag(
                        "unknown-actor",
                        side,
                        format!("`{name}` is not in the actor dictionary"),
                    );
                    if suggestions.is_empty() {
                        d.help.push(
                            "add it to schema/actors.csv (name, aliases, code, from, to)".into(),
                        );
                    } else {
                        let names: Vec<String> = suggestions
                            .iter()
                            .map(|(n, score)| format!("{n} ({:.0}% similar)", score * 100.0))
                            .collect();
                        d.help
                            .push(format!("closest dictionary names: {}", names.join(", ")));
                    }
                    if have_code {
                        d.severity = crate::rules::Severity::Warning;
                    }
                }
            }
        }
        let code = code?;
        // A dictionary code is checked too: a bad entry must not reach the dataset.
        let parsed = match parsed {
            Some(p) => p,
            None => match cb.blocks.parse(&code) {
                Ok(p) => p,
                Err(e) => {
                    let d = c.diag(
                        e.rule,
                        side,
                        format!("the dictionary gives `{code}`: {}", e.message),
                    );
                    d.help.extend(e.help);
                    return None;
                }
            },
        };
        let name = resolved_name.unwrap_or_else(|| code_label(cb, &parsed));
        Some(ResolvedActor {
            code,
            name,
            roles: (!parsed.roles.is_empty()).then(|| parsed.roles.join(" ")),
            country: parsed.country,
        })
    }

    fn place(
        &self,
        c: &mut Check,
        code: Option<&EventCode>,
        actors: [&Option<ResolvedActor>; 2],
    ) -> Option<&'a crate::codebook::places::Place> {
        let text = c.value("location").to_string();
        if text.is_empty() {
            return None;
        }
        let cb = self.codebook;
        let Some(place) = cb.places.resolve(&text) else {
            let suggestions = cb.places.suggest(&text);
            let d = c.diag(
                "unknown-place",
                "location",
                format!("`{text}` is not in the gazetteer"),
            );
            if suggestions.is_empty() {
                d.help
                    .push("add it to schema/places.csv with its coordinates".into());
            } else {
                d.help.push(format!(
                    "closest gazetteer names: {}",
                    suggestions.join(", ")
                ));
            }
            return None;
        };
        // Verbal acts happen wherever the speaker is (a statement at a conference abroad);
        // only a material event in neither actor's country suggests a mis-resolved place.
        let material = code.is_some_and(|c| c.quad_class() % 2 == 0);
        let countries: Vec<&str> = actors
            .iter()
            .filter_map(|a| a.as_ref().and_then(|a| a.country.as_deref()))
            .collect();
        if material && !countries.is_empty() && !countries.contains(&place.country.as_str()) {
            c.diag(
                "place-country-mismatch",
                "location",
                format!(
                    "`{text}` resolves to {} in {}, but the actors are from {}",
                    place.name,
                    place.country,
                    countries.join(" and ")
                ),
            );
        }
        Some(place)
    }
}

struct ResolvedActor {
    code: String,
    name: String,
    country: Option<String>,
    /// Role blocks of the code (GOV, MIL, MED…), space-separated.
    roles: Option<String>,
}

/// A readable name for an actor given only by code: its blocks' labels.
fn code_label(cb: &Codebook, parsed: &crate::codebook::actor_code::ParsedCode) -> String {
    let code = &parsed.code;
    (0..code.len() / 3)
        .map(|i| {
            let block = &code[i * 3..i * 3 + 3];
            cb.blocks.label(block).unwrap_or(block).to_string()
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Find the quote in its document; returns the document's own span and its offsets.
fn quote(c: &mut Check, doc: &Document, cb: &Codebook) -> Option<(String, usize, usize)> {
    let text = c.value("quote").to_string();
    if text.is_empty() {
        if !cb.table.field("quote").is_some_and(|f| f.required) {
            c.diag("missing-quote", "quote", "no evidence quote");
        }
        return None;
    }
    let occurrence = c.value("quote_occurrence").parse::<usize>().ok();
    match evidence::find_quote(&doc.text, &text, occurrence) {
        Ok(m) => {
            for w in m.warnings {
                let d = c.diag(w.rule, "quote", w.message);
                d.help.extend(w.help);
            }
            Some((m.text, m.start, m.end))
        }
        Err(e) => {
            let d = c.diag(e.rule, "quote", e.message);
            d.help.extend(e.help);
            None
        }
    }
}

fn describe_span(span: Option<&DateSpan>) -> String {
    match span {
        Some(s) if s.start == s.end => s.start.to_string(),
        Some(s) => format!("{} to {}", s.start, s.end),
        None => "an unknown date".into(),
    }
}

fn id_digest(id: &str) -> u128 {
    let digest = Sha256::digest(id.as_bytes());
    u128::from_le_bytes(digest[..16].try_into().expect("16 bytes"))
}

/// A stable id from the record's content, so re-running on the same input gives the same ids.
fn derived_id(rec: &RawRecord) -> String {
    let mut h = Sha256::new();
    for f in [
        "doc_id",
        "date",
        "source",
        "source_code",
        "event_code",
        "target",
        "target_code",
        "location",
        "quote",
    ] {
        h.update(rec.get(f).trim().as_bytes());
        h.update([0x1f]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let doc = rec.get("doc_id").trim();
    if doc.is_empty() {
        format!("ev-{hex}")
    } else {
        format!("{doc}-{hex}")
    }
}
