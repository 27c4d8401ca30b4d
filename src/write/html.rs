//! `validation_report.html`: one self-contained page to share a run's results. No scripts from
//! elsewhere, no fonts, no network: inline CSS and SVG only.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::codebook::event_codes::EventCodes;
use crate::diagnostic::Diagnostic;
use crate::event::Event;
use crate::write::report::Summary;

/// What the page shows of the dataset, gathered while events stream past: bounded by the
/// number of distinct dates, dyads and roots, not by the number of events.
#[derive(Default)]
pub struct Glance {
    /// event_date → counts per quad class 1..=4.
    by_date: BTreeMap<chrono::NaiveDate, [u64; 4]>,
    dyads: BTreeMap<(String, String), u64>,
    roots: BTreeMap<String, u64>,
}

impl Glance {
    pub fn add(&mut self, e: &Event) {
        let q = (e.quad_class.clamp(1, 4) - 1) as usize;
        self.by_date.entry(e.event_date).or_default()[q] += 1;
        let target = e.target_code.clone().unwrap_or_else(|| "—".into());
        *self
            .dyads
            .entry((e.source_code.clone(), target))
            .or_default() += 1;
        *self.roots.entry(e.event_root_code.clone()).or_default() += 1;
    }
}

/// Diagnostics rendered per rule and per file; the rest are counted, and all are in the CSV.
pub const SHOWN_PER_RULE: usize = 100;

const QUADS: [(&str, &str); 4] = [
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

pub fn render(
    summary: &Summary,
    diags: &[Diagnostic],
    glance: &Glance,
    codes: &EventCodes,
) -> String {
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
         <p id=\"equation\">{} read = {} written + {} rejected</p>\n",
        summary.records_read,
        summary.events_written,
        summary.records_rejected,
        summary.errors,
        summary.warnings,
        summary.records_read,
        summary.events_written,
        summary.records_rejected,
    );

    h.push_str("<h2>The dataset at a glance</h2>\n");
    timeline(&mut h, glance);
    top_table(
        &mut h,
        "Most frequent dyads",
        "dyads",
        &["source", "target"],
        &glance.dyads,
    );
    let roots: BTreeMap<(String, String), u64> = glance
        .roots
        .iter()
        .map(|(root, n)| {
            let label = codes.get(root).map_or("", |c| c.label.as_str());
            ((root.clone(), label.to_string()), *n)
        })
        .collect();
    top_table(&mut h, "Event roots", "roots", &["root", "label"], &roots);

    h.push_str("<h2>Issues by rule</h2>\n");
    if diags.is_empty() {
        h.push_str("<p>No issues.</p>\n");
    }
    let mut by_rule: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        by_rule.entry(d.rule).or_default().push(d);
    }
    for (rule, list) in &by_rule {
        let sev = list[0].severity.as_str();
        let _ = writeln!(
            h,
            "<details class=\"rule\" id=\"rule-{rule}\"><summary><span class=\"{sev}\">{sev}[{rule}]</span> — {} </summary>",
            list.len()
        );
        diagnostics(&mut h, list);
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
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    for (file, list) in &by_file {
        let _ = writeln!(
            h,
            "<details class=\"file\"><summary>{} — {} issue{}</summary>",
            esc(file),
            list.len(),
            if list.len() == 1 { "" } else { "s" }
        );
        diagnostics(&mut h, list);
    }
    h.push_str("<p><small>Every issue is also in validation_issues.csv and validation_report.json.</small></p>\n</body>\n</html>\n");
    h
}

fn diagnostics(h: &mut String, list: &[&Diagnostic]) {
    for d in list.iter().take(SHOWN_PER_RULE) {
        let _ = writeln!(h, "<pre>{}</pre>", esc(&d.render(false)));
    }
    if list.len() > SHOWN_PER_RULE {
        let _ = writeln!(
            h,
            "<p>… and {} more: see validation_issues.csv.</p>",
            list.len() - SHOWN_PER_RULE
        );
    }
    h.push_str("</details>\n");
}

/// Events over time, one stacked bar per day, coloured by quad class.
fn timeline(h: &mut String, g: &Glance) {
    h.push_str("<h3>Events over time, by quad class</h3>\n");
    if g.by_date.is_empty() {
        h.push_str("<p>No events.</p>\n");
        return;
    }
    let max = g
        .by_date
        .values()
        .map(|c| c.iter().sum::<u64>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (bar, gap, height) = (18.0, 6.0, 160.0);
    let width = g.by_date.len() as f64 * (bar + gap) + 100.0;
    let _ = writeln!(
        h,
        "<svg id=\"timeline\" role=\"img\" aria-label=\"events per day by quad class\" width=\"{width}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        height + 90.0
    );
    for (i, (date, counts)) in g.by_date.iter().enumerate() {
        let x = 30.0 + i as f64 * (bar + gap);
        let mut y = height + 10.0;
        for (q, n) in counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let hgt = *n as f64 / max as f64 * height;
            y -= hgt;
            let _ = writeln!(
                h,
                "<rect x=\"{x}\" y=\"{y:.1}\" width=\"{bar}\" height=\"{hgt:.1}\" fill=\"{}\"><title>{date}: {n} {}</title></rect>",
                QUADS[q].1, QUADS[q].0
            );
        }
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" transform=\"rotate(60 {} {})\">{date}</text>",
            x + 4.0,
            height + 22.0,
            x + 4.0,
            height + 22.0
        );
    }
    let _ = writeln!(
        h,
        "<text x=\"0\" y=\"18\" font-size=\"10\">{max}</text></svg>"
    );
    h.push_str("<p>");
    for (name, colour) in QUADS {
        let _ = write!(
            h,
            "<span class=\"bar\" style=\"width:1em;background:{colour}\"></span> {name} &nbsp; "
        );
    }
    h.push_str("</p>\n");
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
