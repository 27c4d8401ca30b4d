//! `validation_report.html`: one self-contained page to share a run's results. No scripts from
//! elsewhere, no fonts, no network: inline CSS and SVG only.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::fs::File;

use crate::codebook::event_codes::EventCodes;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::event::Event;
use crate::write::report::chart::Timeline;
use crate::write::report::Summary;
use crate::write::{RunEnd, Sink};

/// What the page shows of the dataset, gathered while events stream past: bounded by the
/// number of distinct dates and roots, and by [`MAX_DYADS`], never by the number of events.
#[derive(Default)]
struct Glance {
    timeline: Timeline,
    /// source code → target code → events.
    dyads: BTreeMap<String, BTreeMap<String, u64>>,
    distinct_dyads: usize,
    /// Set once dyads had to be dropped: the counts shown are then lower bounds.
    dyads_trimmed: bool,
    roots: BTreeMap<String, u64>,
}

/// Distinct dyads counted exactly; past this, the rarest are dropped (their counts cannot
/// reach the top ten they would be compared with), as a heavy-hitters count does.
const MAX_DYADS: usize = 50_000;

impl Glance {
    fn add(&mut self, e: &Event) {
        self.timeline
            .add(e.event_date, e.event_date_end, e.quad_class);
        // Counted under keys already there where possible: no copy of the codes per event.
        let target = e.target_code.as_deref().unwrap_or("—");
        let targets = match self.dyads.get_mut(&e.source_code) {
            Some(t) => t,
            None => self.dyads.entry(e.source_code.clone()).or_default(),
        };
        match targets.get_mut(target) {
            Some(n) => *n += 1,
            None => {
                targets.insert(target.to_string(), 1);
                self.distinct_dyads += 1;
                if self.distinct_dyads > MAX_DYADS {
                    self.trim_dyads();
                }
            }
        }
        match self.roots.get_mut(&e.event_root_code) {
            Some(n) => *n += 1,
            None => {
                self.roots.insert(e.event_root_code.clone(), 1);
            }
        }
    }

    /// Keep the most frequent half of the dyads.
    fn trim_dyads(&mut self) {
        let mut counts: Vec<u64> = self
            .dyads
            .values()
            .flat_map(|t| t.values().copied())
            .collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let floor = counts[MAX_DYADS / 2];
        for targets in self.dyads.values_mut() {
            targets.retain(|_, n| *n > floor);
        }
        self.dyads.retain(|_, t| !t.is_empty());
        self.distinct_dyads = self.dyads.values().map(BTreeMap::len).sum();
        self.dyads_trimmed = true;
    }

    /// Every dyad with its count, for the table of the most frequent.
    fn dyad_counts(&self) -> BTreeMap<(String, String), u64> {
        self.dyads
            .iter()
            .flat_map(|(s, t)| t.iter().map(move |(t, n)| ((s.clone(), t.clone()), *n)))
            .collect()
    }
}

/// Diagnostics rendered per rule and per file; the rest are counted, and all are in the CSV.
pub const SHOWN_PER_RULE: usize = 100;

/// Rendered diagnostics of one group (a rule, a file), the first [`SHOWN_PER_RULE`] of them,
/// and how many there were.
#[derive(Default)]
struct Sample {
    severity: &'static str,
    shown: Vec<String>,
    count: u64,
}

impl Sample {
    fn add(&mut self, d: &Diagnostic) {
        self.severity = d.severity.as_str();
        self.count += 1;
        if self.shown.len() < SHOWN_PER_RULE {
            self.shown.push(d.render(false));
        }
    }
}

/// `validation_report.html`, built from what streams past and written at the end.
pub struct HtmlReport {
    file: File,
    glance: Glance,
    by_rule: BTreeMap<&'static str, Sample>,
    by_file: BTreeMap<String, Sample>,
    /// Root code → label, for the table of roots.
    root_labels: BTreeMap<String, String>,
}

impl HtmlReport {
    pub fn new(file: File, codes: &EventCodes) -> Self {
        let root_labels = (1..=20)
            .map(|r| format!("{r:02}"))
            .filter_map(|r| codes.get(&r).map(|c| (r, c.label.clone())))
            .collect();
        HtmlReport {
            file,
            glance: Glance::default(),
            by_rule: BTreeMap::new(),
            by_file: BTreeMap::new(),
            root_labels,
        }
    }
}

impl Sink for HtmlReport {
    fn event(&mut self, e: &Event) -> Result<(), Error> {
        self.glance.add(e);
        Ok(())
    }

    fn diagnostic(&mut self, d: &Diagnostic) -> Result<(), Error> {
        self.by_rule.entry(d.rule).or_default().add(d);
        if let Some(s) = self.by_file.get_mut(&d.file) {
            s.add(d);
        } else {
            self.by_file.entry(d.file.clone()).or_default().add(d);
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, end: &RunEnd) -> Result<(), Error> {
        use std::io::Write;
        let page = self.render(end.summary);
        self.file
            .write_all(page.as_bytes())
            .map_err(Error::io("write", "validation_report.html"))
    }
}

pub(super) const QUADS: [(&str, &str); 4] = [
    ("Verbal cooperation", "#4e9a06"),
    ("Material cooperation", "#2a7ab0"),
    ("Verbal conflict", "#c4a000"),
    ("Material conflict", "#cc0000"),
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl HtmlReport {
    fn render(&self, summary: &Summary) -> String {
        let glance = &self.glance;
        let mut h = String::with_capacity(64 * 1024);
        h.push_str(concat!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<title>eventc validation report</title>\n<style>\n",
            "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}\n",
            "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}\n",
            ".cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:8em}\n",
            ".card b{display:block;font-size:1.8em}.error{color:#b00}.warning{color:#a60}.ok{color:#4e9a06}\n",
            "table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #eee}\n",
            "td.n{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:.85em}\n",
            ".bar{display:inline-block;height:.8em;background:#2a7ab0;vertical-align:middle}\n",
            "details{margin:.4em 0}summary{cursor:pointer}\n</style>\n</head>\n<body>\n",
            "<h1>eventc validation report</h1>\n",
        ));
        let status = if summary.valid {
            "<p class=\"ok\" id=\"status\">Valid: no record was rejected.</p>"
        } else {
            "<p class=\"error\" id=\"status\">Not valid: see the issues below.</p>"
        };
        h.push_str(status);
        let _ = write!(
            h,
            "\n<div class=\"cards\">\
             <div class=\"card\"><b id=\"records_read\">{}</b>records read</div>\
             <div class=\"card\"><b id=\"events_written\">{}</b>events written</div>\
             <div class=\"card\"><b id=\"records_rejected\">{}</b>records rejected</div>\
             <div class=\"card error\"><b id=\"errors\">{}</b>errors</div>\
             <div class=\"card warning\"><b id=\"warnings\">{}</b>warnings</div></div>\n\
             <p id=\"equation\">{}</p>\n",
            summary.records_read,
            summary.events_written,
            summary.records_rejected,
            summary.errors,
            summary.warnings,
            summary.equation(),
        );

        h.push_str("<h2>The dataset at a glance</h2>\n");
        glance.timeline.render(&mut h);
        top_table(
            &mut h,
            "Most frequent dyads",
            "dyads",
            &["source", "target"],
            &glance.dyad_counts(),
        );
        if glance.dyads_trimmed {
            h.push_str("<p><small>Too many distinct dyads to count them all: the rarest were dropped along the way, so the counts shown may be a little low.</small></p>\n");
        }
        let roots: BTreeMap<(String, String), u64> = glance
            .roots
            .iter()
            .map(|(root, n)| {
                let label = self.root_labels.get(root).map_or("", String::as_str);
                ((root.clone(), label.to_string()), *n)
            })
            .collect();
        top_table(&mut h, "Event roots", "roots", &["root", "label"], &roots);

        h.push_str("<h2>Issues by rule</h2>\n");
        if self.by_rule.is_empty() {
            h.push_str("<p>No issues.</p>\n");
        }
        for (rule, sample) in &self.by_rule {
            let sev = sample.severity;
            let _ = writeln!(
                h,
                "<details class=\"rule\" id=\"rule-{rule}\"><summary><span class=\"{sev}\">{sev}[{rule}]</span> — {} </summary>",
                sample.count
            );
            diagnostics(&mut h, sample);
        }

        h.push_str("<h2>Issues by file</h2>\n<table id=\"by-file\"><tr><th>file</th><th>records</th><th>rejected</th><th>errors</th><th>warnings</th></tr>\n");
        for (file, c) in &summary.by_file {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(file),
                c.records,
                c.rejected,
                c.errors,
                c.warnings
            );
        }
        h.push_str("</table>\n");
        for (file, sample) in &self.by_file {
            let _ = writeln!(
                h,
                "<details class=\"file\"><summary>{} — {} issue{}</summary>",
                esc(file),
                sample.count,
                if sample.count == 1 { "" } else { "s" }
            );
            diagnostics(&mut h, sample);
        }
        h.push_str("<p><small>Every issue is also in validation_issues.csv and validation_report.json.</small></p>\n</body>\n</html>\n");
        h
    }
}

fn diagnostics(h: &mut String, sample: &Sample) {
    for text in &sample.shown {
        let _ = writeln!(h, "<pre>{}</pre>", esc(text));
    }
    if sample.count > sample.shown.len() as u64 {
        let _ = writeln!(
            h,
            "<p>… and {} more: see validation_issues.csv.</p>",
            sample.count - sample.shown.len() as u64
        );
    }
    h.push_str("</details>\n");
}

fn top_table(
    h: &mut String,
    title: &str,
    id: &str,
    cols: &[&str; 2],
    counts: &BTreeMap<(String, String), u64>,
) {
    let _ = writeln!(h, "<h3>{title}</h3>\n<table id=\"{id}\"><tr><th>{}</th><th>{}</th><th>events</th><th></th></tr>", cols[0], cols[1]);
    let mut rows: Vec<(&(String, String), &u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let max = rows.first().map_or(1, |r| *r.1).max(1);
    for ((a, b), n) in rows.into_iter().take(10) {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td><td><span class=\"bar\" style=\"width:{:.1}em\"></span></td></tr>",
            esc(a),
            esc(b),
            *n as f64 / max as f64 * 12.0
        );
    }
    h.push_str("</table>\n");
}
