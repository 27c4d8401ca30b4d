//! The two shapes of a problem: an [`Issue`] is what a parser or normalizer says about one
//! value; a [`Diagnostic`] is that issue placed (file, line, record, field) with its severity,
//! as every output shows it.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::rules::{self, Severity};

/// A problem with one value, before it is placed: what the date grammar, the actor code
/// grammar and the quote search return. The check stage turns it into a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// A rule of the catalogue (`crate::rules`).
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl Issue {
    pub fn new(rule: &'static str, message: impl Into<String>) -> Self {
        Issue {
            rule,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.rule, self.message)?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Issue {}

/// The record's own text, so a diagnostic can show and mark the offending value.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Shared with the record and its other diagnostics.
    pub text: std::sync::Arc<str>,
    pub line_start: u64,
    /// Byte range of the offending value within `text`, when it can be found there.
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub rule: &'static str,
    pub file: String,
    pub line: Option<u64>,
    pub event_id: Option<String>,
    pub field: Option<String>,
    pub value: Option<String>,
    pub message: String,
    pub help: Vec<String>,
    pub source: Option<SourceText>,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity.
    pub fn new(rule: &'static str, message: impl Into<String>) -> Self {
        let severity = rules::find(rule).map_or(Severity::Error, |r| r.severity);
        debug_assert!(
            rules::find(rule).is_some(),
            "rule {rule} is not in the catalogue"
        );
        Diagnostic {
            severity,
            rule,
            file: String::new(),
            line: None,
            event_id: None,
            field: None,
            value: None,
            message: message.into(),
            help: Vec::new(),
            source: None,
        }
    }

    pub fn at(mut self, file: &str, line: u64) -> Self {
        self.file = file.to_string();
        self.line = Some(line);
        self
    }

    pub fn field(mut self, field: &str, value: &str) -> Self {
        self.field = Some(field.to_string());
        self.value = Some(value.to_string());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line` as printed after `-->`.
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{}", self.file, line),
            None => self.file.clone(),
        }
    }

    /// Render in the manner of rustc: title with rule id, location, marked source, `help:` lines.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = match &self.field {
            Some(field) => format!("{} (field `{}`)", self.message, field),
            None => self.message.clone(),
        };
        let location = self.location();
        let mut groups: Vec<Group> = Vec::new();
        let title = level.primary_title(title.as_str()).id(self.rule);
        let main = match &self.source {
            Some(src) => {
                let snippet = Snippet::source(&*src.text)
                    .line_start(src.line_start as usize)
                    .path(self.file.as_str())
                    .fold(true);
                // Without a value to point at, the whole record is what is wrong.
                let annotation = match &src.span {
                    Some(span) => AnnotationKind::Primary
                        .span(span.clone())
                        .label(self.field.as_deref().unwrap_or("")),
                    None => AnnotationKind::Primary.span(0..src.text.len()),
                };
                title.element(snippet.annotation(annotation))
            }
            None if !self.file.is_empty() => {
                title.element(annotate_snippets::Origin::path(location.as_str()))
            }
            None => Group::with_title(title),
        };
        groups.push(main);
        for help in &self.help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&groups)
    }
}

/// Where the value sits in the record's text: the first occurrence that is not inside an
/// earlier field's text is good enough for pointing at it.
pub fn find_span(text: &str, value: &str) -> Option<Range<usize>> {
    if value.is_empty() {
        return None;
    }
    text.find(value).map(|start| start..start + value.len())
}
