//! `--format github`: each diagnostic as a GitHub Actions workflow command on stdout
//! (`::error file=F,line=L,col=C,title=RULE::message`), which the runner shows as an
//! annotation on the file's line in the pull request. At most `per_rule` of each rule, as on
//! the terminal: the runner shows only the first few anyway, and the files keep them all.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::{stdout_error, Error};
use crate::read::raw_label;
use crate::rules::Severity;
use crate::write::{RunEnd, Sink};

pub struct Github {
    per_rule: usize,
    shown: BTreeMap<&'static str, usize>,
    roots: Vec<(String, String)>,
}

impl Github {
    /// `roots`: the raw and schema folders, each as its label (the start of a diagnostic's
    /// file) and as given on the command line. The runner wants paths from the working
    /// directory: `tests/raw/events/a.csv` rather than the label `raw/events/a.csv`.
    pub fn new(per_rule: usize, roots: &[&Path]) -> Self {
        let roots = roots
            .iter()
            .map(|dir| {
                let given = dir.to_string_lossy();
                let given = given.trim_start_matches("./").trim_end_matches('/');
                (format!("{}/", raw_label(dir)), format!("{given}/"))
            })
            .collect();
        Github {
            per_rule,
            shown: BTreeMap::new(),
            roots,
        }
    }

    fn path(&self, label: &str) -> String {
        for (prefix, given) in &self.roots {
            if let Some(rest) = label.strip_prefix(prefix.as_str()) {
                return format!("{given}{rest}");
            }
        }
        label.to_string()
    }
}

impl Sink for Github {
    fn diagnostic(&mut self, d: &Diagnostic) -> Result<(), Error> {
        let n = self.shown.entry(d.rule).or_default();
        *n += 1;
        if *n > self.per_rule {
            return Ok(());
        }
        let mut d = d.clone();
        d.file = self.path(&d.file);
        let line = annotation(&d);
        writeln!(std::io::stdout().lock(), "{line}").map_err(stdout_error)
    }

    fn finish(self: Box<Self>, _end: &RunEnd) -> Result<(), Error> {
        std::io::stdout().flush().map_err(stdout_error)
    }
}

/// The workflow command for one diagnostic.
pub fn annotation(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if !d.file.is_empty() {
        props.push(format!("file={}", property(&d.file)));
    }
    if let Some((line, col)) = position(d) {
        props.push(format!("line={line}"));
        if let Some(col) = col {
            props.push(format!("col={col}"));
        }
    }
    props.push(format!("title={}", property(d.rule)));
    let mut message = match &d.field {
        Some(field) => format!("{} (field `{field}`)", d.message),
        None => d.message.clone(),
    };
    for help in &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{command} {}::{}", props.join(","), data(&message))
}

/// The line of the marked value (a record may span lines) and its column, in characters from 1.
fn position(d: &Diagnostic) -> Option<(u64, Option<usize>)> {
    let line = d.line?;
    let Some(src) = &d.source else {
        return Some((line, None));
    };
    let Some(span) = src.span.as_ref().filter(|s| s.start <= src.text.len()) else {
        return Some((line, None));
    };
    let before = src.text.get(..span.start)?;
    let lines = before.matches('\n').count() as u64;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    Some((src.line_start + lines, Some(col)))
}

/// Escapes of a command's message, as the runner expects them.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes of a property value, which also cannot hold `:` or `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceText;

    #[test]
    fn annotation_has_the_location_and_escapes_what_the_runner_reads() {
        let text: std::sync::Arc<str> = "e1,doc1,2020\ne2,doc,x:1,42,\n".into();
        let mut d = Diagnostic::new("unknown-event-code", "`42` is not 100% a code")
            .at("raw/events/a,b.csv", 7)
            .field("event_code", "42")
            .help("did you mean \"042\"?");
        d.source = Some(SourceText {
            span: Some(24..26),
            text,
            line_start: 7,
        });
        assert_eq!(
            annotation(&d),
            "::error file=raw/events/a%2Cb.csv,line=8,col=12,title=unknown-event-code::\
             `42` is not 100%25 a code (field `event_code`)%0Ahelp: did you mean \"042\"?"
        );
        d.source = None;
        d.severity = Severity::Warning;
        assert!(annotation(&d).starts_with("::warning file=raw/events/a%2Cb.csv,line=7,title="));
    }
}
