//! The decision for each raw record: an event for the dataset, or a reject with its reasons.
//!
//! [`check`] is a pure function of the record, the codebook and the documents of its batch: no
//! I/O and no shared mutable state, so a batch is checked on every core. One file per group of
//! fields; every check reports through a [`Diagnostic`] whose rule is in the catalogue
//! (`crate::rules`), and a record is rejected exactly when one of its diagnostics is an error.
//! What depends on other records (ids, duplicates) is decided afterwards, in input order, by
//! `crate::sequence`.

mod actors;
mod codes;
mod dates;
mod evidence;
mod fields;
mod places;

use sha2::{Digest, Sha256};

use crate::codebook::Codebook;
use crate::diagnostic::{Diagnostic, Issue, SourceText};
use crate::event::Event;
use crate::read::documents::{DocSet, Document, Lookup};
use crate::read::RawRecord;

/// A record after checking: its event when no error was found, and every diagnostic.
pub struct Checked {
    pub record: RawRecord,
    pub event: Option<Event>,
    pub diagnostics: Vec<Diagnostic>,
    /// The coder gave the id (a repeat is an error), or it was derived from the content (a
    /// repeat is a pasted row, renumbered).
    pub id_given: bool,
    /// Coded by another coder than the project's primary one: kept for agreement, out of the
    /// dataset.
    pub set_aside: bool,
    /// Merged into an earlier event of the same day, actors and code (`--dedup one-a-day`).
    pub merged: bool,
}

/// Per-record state while checking: the record, its id and what was found so far.
pub(crate) struct Check<'r> {
    rec: &'r RawRecord,
    cb: &'r Codebook,
    event_id: String,
    diags: Vec<Diagnostic>,
}

impl<'r> Check<'r> {
    /// Report a problem with `field` (empty: the whole record) of this record.
    fn diag(
        &mut self,
        rule: &'static str,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = record_diagnostic(self.rec, self.cb, &self.event_id, rule, field, message);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    /// Report what a parser or normalizer found wrong with `field`.
    fn issue(&mut self, field: &str, issue: Issue) -> &mut Diagnostic {
        let d = self.diag(issue.rule, field, issue.message);
        d.help.extend(issue.help);
        d
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// A field's value without the spaces around it, for checking and matching.
    fn value(&self, field: &str) -> &'r str {
        self.rec.get(field).trim()
    }

    /// A free-text field as the dataset keeps it: the coder's bytes, spaces included (trimming
    /// ` =1+1` would turn text into a formula); none when blank.
    fn text(&self, field: &str) -> Option<String> {
        let raw = self.rec.get(field);
        (!raw.trim().is_empty()).then(|| raw.to_string())
    }
}

/// A diagnostic about one record, placed at its file and line, showing its text with the
/// field marked, with the project's severity for the rule.
pub(crate) fn record_diagnostic(
    rec: &RawRecord,
    cb: &Codebook,
    event_id: &str,
    rule: &'static str,
    field: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let mut d = Diagnostic::new(rule, message).at(&rec.file, rec.line);
    cb.config.apply(&mut d);
    if !field.is_empty() {
        d = d.field(field, rec.get(field));
    }
    d.event_id = Some(event_id.to_string());
    d.source = Some(SourceText {
        text: rec.text.clone(),
        line_start: rec.line,
        span: rec.span_of(field),
    });
    d
}

/// Check one record against the codebook and its document.
pub fn check(rec: RawRecord, cb: &Codebook, docs: &DocSet) -> Checked {
    let given_id = rec.get("event_id").trim();
    let id_given = !given_id.is_empty();
    let event_id = if id_given {
        given_id.to_string()
    } else {
        derived_id(&rec)
    };
    let mut c = Check {
        rec: &rec,
        cb,
        event_id,
        diags: Vec::new(),
    };
    for p in &rec.problems {
        let mut p = p.clone();
        p.event_id = Some(c.event_id.clone());
        cb.config.apply(&mut p);
        c.diags.push(p);
    }
    let event = if rec.is_malformed() {
        None
    } else {
        check_fields(&mut c, docs)
    };
    let Check { diags, .. } = c;
    let event = event.filter(|_| !diags.iter().any(Diagnostic::is_error));
    let set_aside = cb.config.sets_aside(rec.get("coder").trim());
    Checked {
        record: rec,
        event,
        diagnostics: diags,
        id_given,
        set_aside,
        merged: false,
    }
}

fn check_fields(c: &mut Check, docs: &DocSet) -> Option<Event> {
    fields::check_schema(c);
    fields::check_invisible(c);
    let doc = document(c, docs);
    let code = codes::event_code(c);
    let date = doc.as_deref().and_then(|d| dates::date(c, d));
    let span = date.map(|(span, _)| span);
    let source = actors::actor(c, "source", span.as_ref());
    let target = actors::actor(c, "target", span.as_ref());
    let place = places::place(c, code, [&source, &target]);
    let quote = doc.as_deref().and_then(|d| evidence::quote(c, d));
    if c.has_errors() {
        return None;
    }
    let (doc, code, (span, time), source) = (doc?, code?, date?, source?);
    let plover = c.cb.plover.get(&code.code);
    let target = target.filter(|t| !t.code.is_empty());
    Some(Event {
        event_id: c.event_id.clone(),
        doc_id: doc.id.clone(),
        event_date: span.start,
        event_date_end: span.end,
        date_precision: span.precision.as_str(),
        event_time: time.map(|t| t.to_string()),
        source_text: c.text("source"),
        source_code: source.code,
        source_name: source.name,
        source_country: source.country,
        source_roles: source.roles,
        target_text: c.text("target"),
        target_code: target.as_ref().map(|t| t.code.clone()),
        target_name: target.as_ref().map(|t| t.name.clone()),
        target_roles: target.as_ref().and_then(|t| t.roles.clone()),
        target_country: target.and_then(|t| t.country),
        event_base_code: code.base().to_string(),
        event_root_code: code.root().to_string(),
        event_label: code.label.clone(),
        quad_class: code.quad_class(),
        goldstein: code.goldstein,
        plover_event: plover.map(|p| p.event),
        plover_mode: plover.and_then(|p| p.mode),
        event_code: code.code.clone(),
        location_text: c.text("location"),
        place_name: place.map(|p| p.name.clone()),
        place_country: place.map(|p| p.country.clone()),
        admin1: place.and_then(|p| (!p.admin1.is_empty()).then(|| p.admin1.clone())),
        geonames_id: place.and_then(|p| p.geonames_id.map(|id| id.to_string())),
        latitude: place.map(|p| p.latitude),
        longitude: place.map(|p| p.longitude),
        quote_start: quote.as_ref().map(|q| q.start as i64),
        quote_end: quote.as_ref().map(|q| q.end as i64),
        quote: quote.map(|q| q.text),
        coder: c.text("coder"),
        notes: c.text("notes"),
        input_file: c.rec.file.to_string(),
        input_line: c.rec.line as i64,
    })
}

/// The record's source document, looked up for its batch beforehand.
fn document(c: &mut Check, docs: &DocSet) -> Option<std::sync::Arc<Document>> {
    let id = c.value("doc_id").to_string();
    if id.is_empty() {
        return None; // reported as missing-required
    }
    match docs.get(&id) {
        Some(Lookup::Found(doc)) => match &doc.meta.conflict {
            Some(why) => {
                c.diag("duplicate-key", "doc_id", why.clone());
                None
            }
            None => Some(doc.clone()),
        },
        Some(Lookup::Unusable(why)) => {
            c.diag("unknown-document", "doc_id", why.clone());
            None
        }
        Some(Lookup::Invalid(why)) => {
            c.diag(
                "unknown-document",
                "doc_id",
                format!("`{id}` is not a valid document id: {why}"),
            );
            None
        }
        Some(Lookup::Missing(suggestions)) => {
            let label = &docs.label;
            let help = match suggestions.first() {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("add the document's text as `{label}/{id}.txt`"),
            };
            c.diag(
                "unknown-document",
                "doc_id",
                format!("no document `{label}/{id}.txt`"),
            )
            .help
            .push(help);
            None
        }
        None => {
            // Every doc_id of the batch is looked up before checking; not finding one here
            // means the batch was prepared without it.
            c.diag(
                "unknown-document",
                "doc_id",
                format!("`{id}` was not looked up"),
            );
            None
        }
    }
}

/// A stable id from the record's content, so re-running on the same input gives the same ids.
fn derived_id(rec: &RawRecord) -> String {
    let digest = content_digest(rec);
    let hex = crate::read::hex(&digest[..6]);
    let doc = rec.get("doc_id").trim();
    if doc.is_empty() {
        format!("ev-{hex}")
    } else {
        format!("{doc}-{hex}")
    }
}

/// The digest of what a record codes (every field but its id, coder and notes), without the
/// spaces around values: two records with the same one are the same coding.
pub(crate) fn content_digest(rec: &RawRecord) -> [u8; 32] {
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
    h.finalize().into()
}
