//! The source and target actors: a code given by the coder is checked against the CAMEO actor
//! code grammar; a name is resolved through the dictionary on the event's date, and the two
//! are compared when both are given.

use super::Check;
use crate::codebook::actor_code::ParsedCode;
use crate::codebook::dictionary::NULL_CODE;
use crate::codebook::Codebook;
use crate::normalize::actors::Resolution;
use crate::normalize::dates::DateSpan;
use crate::rules::Severity;

/// Resolve one side's actor to a code, name and country.
pub(super) fn actor(c: &mut Check, side: &str, span: Option<&DateSpan>) -> Option<ResolvedActor> {
    let code_field = format!("{side}_code");
    let name = c.value(side).to_string();
    let given = c.value(&code_field).to_string();
    let cb = c.cb;
    let mut parsed = None;
    if !given.is_empty() {
        match cb.blocks.parse(&given) {
            Ok(p) => parsed = Some(p),
            Err(e) => {
                c.issue(&code_field, e);
                return None;
            }
        }
    }
    let mut resolved_name = None;
    let mut code = parsed.as_ref().map(|_| given.clone());
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
                    d.severity = Severity::Warning;
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
                    d.severity = Severity::Error;
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
                    d.help
                        .push("add it to schema/actors.csv (name, aliases, code, from, to)".into());
                } else {
                    let names: Vec<String> = suggestions
                        .iter()
                        .map(|(n, score)| format!("{n} ({:.0}% similar)", score * 100.0))
                        .collect();
                    d.help
                        .push(format!("closest dictionary names: {}", names.join(", ")));
                }
                if have_code {
                    d.severity = Severity::Warning;
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
            Err(mut e) => {
                e.message = format!("the dictionary gives `{code}`: {}", e.message);
                c.issue(side, e);
                return None;
            }
        },
    };
    let name = resolved_name.unwrap_or_else(|| code_label(cb, &parsed));
    let roles: Vec<&str> = parsed.roles().collect();
    Some(ResolvedActor {
        name,
        roles: (!roles.is_empty()).then(|| roles.join(" ")),
        country: parsed.country().map(str::to_string),
        code,
    })
}

pub(super) struct ResolvedActor {
    pub code: String,
    pub name: String,
    pub country: Option<String>,
    /// Role blocks of the code (GOV, MIL, MED…), space-separated.
    pub roles: Option<String>,
}

/// A readable name for an actor given only by code: its blocks' labels.
fn code_label(cb: &Codebook, parsed: &ParsedCode) -> String {
    let labels: Vec<&str> = parsed
        .blocks
        .iter()
        .map(|b| cb.blocks.label(b.code()).unwrap_or(b.code()))
        .collect();
    labels.join(" / ")
}

fn describe_span(span: Option<&DateSpan>) -> String {
    match span {
        Some(s) if s.start == s.end => s.start.to_string(),
        Some(s) => format!("{} to {}", s.start, s.end),
        None => "an unknown date".into(),
    }
}
