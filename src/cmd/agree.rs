//! `eventc agree`: inter-coder agreement over the records of documents coded by several
//! coders; a table on the terminal, or JSON (`docs/agreement.md` describes both).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use crate::agree::stats::Stat;
use crate::agree::{self, Agreement, Coding, Records, FIELDS};
use crate::codebook::builtin::SchemaDir;
use crate::codebook::Codebook;
use crate::error::{stdout_error, Error};

#[derive(Args, Debug)]
pub struct AgreeArgs {
    /// Folder of raw inputs: events/*.csv, events/*.jsonl and documents/
    #[arg(default_value = "raw")]
    pub raw_dir: PathBuf,
    /// Folder of the table schema, codebooks, dictionary and gazetteer [default: `schema` if
    /// there is one here, else the schema built into eventc]
    #[arg(long, value_name = "DIR")]
    pub schema: Option<PathBuf>,
    /// What to print on stdout: tables for people (human), or JSON
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Read symbolic links that point outside the raw or schema folder (refused by default)
    #[arg(long)]
    pub follow_links: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Exit 0 when some event was coded by two coders, so that agreement could be measured; 1
/// when there was nothing to compare.
pub fn run(args: &AgreeArgs) -> Result<i32, Error> {
    let schema = SchemaDir::resolve(args.schema.as_deref())?;
    let codebook = Codebook::load_with(&schema.path, args.follow_links)?;
    let records = agree::read_records(&args.raw_dir, &codebook, args.follow_links)?;
    // What was not read changes what is compared: say so, as compile does.
    for d in &records.skipped {
        let _ = writeln!(std::io::stderr(), "{}", d.render(false));
    }
    let result = agree::agreement(&records);
    let text = match args.format {
        Format::Human => human(&records, &result),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(&records, &result))
                .map_err(|e| Error::output("stdout", e))?;
            s.push('\n');
            s
        }
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(stdout_error)?;
    if result.shared > 0 {
        return Ok(0);
    }
    let why = if records.coders.len() < 2 {
        "fewer than two coders have records"
    } else {
        "no event was coded by two coders"
    };
    let _ = writeln!(std::io::stderr(), "nothing to compare: {why}");
    Ok(1)
}

fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "undefined".into(), |x| format!("{x:.3}"))
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

fn human(records: &Records, a: &Agreement) -> String {
    let coders = &records.coders;
    let codings = &records.codings;
    let mut out = format!(
        "{}, {}: {} aligned in {}, {} of them coded by two coders or more\n",
        plural(coders.len(), "coder"),
        plural(a.documents, "document"),
        plural(codings.len(), "record"),
        plural(a.units.len(), "unit"),
        a.shared,
    );
    let width = coders.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    for (name, c) in coders.iter().zip(&a.counts) {
        let mut parts = vec![
            format!("{} matched", c.matched),
            format!("{} unmatched", c.unmatched),
        ];
        if c.unaligned > 0 {
            parts.push(format!("{} not aligned", c.unaligned));
        }
        let total = c.matched + c.unmatched + c.unaligned;
        out.push_str(&format!(
            "  {name:<width$}  {}: {}\n",
            plural(total, "record"),
            parts.join(", ")
        ));
    }

    let mut undefined = Vec::new();
    let mut stat = |s: Stat| {
        if let Stat::Undefined(why) = s {
            if !undefined.contains(&why) {
                undefined.push(why);
            }
        }
        number(s.value())
    };
    out.push_str(&format!(
        "\n{:<16} {:>9} {:>9}\n",
        "field", "agreement", "alpha"
    ));
    for f in &a.fields {
        let alpha = stat(f.alpha);
        out.push_str(&format!(
            "{:<16} {:>9} {:>9}\n",
            f.field.name(),
            number(f.agreement),
            alpha
        ));
    }
    if !a.pairs.is_empty() {
        let pair_name = |(i, j): (usize, usize)| format!("{}–{}", coders[i], coders[j]);
        let w = a
            .pairs
            .iter()
            .map(|(p, _)| pair_name(*p).chars().count())
            .max()
            .unwrap_or(0)
            .max("Cohen's kappa".len());
        out.push_str(&format!("\n{:<w$} {:>6}", "Cohen's kappa", "units"));
        for f in FIELDS {
            out.push_str(&format!(" {:>9}", f.short()));
        }
        out.push('\n');
        for (k, (pair, n)) in a.pairs.iter().enumerate() {
            out.push_str(&format!("{:<w$} {n:>6}", pair_name(*pair)));
            for f in &a.fields {
                let kappa = stat(f.pairs[k].1);
                out.push_str(&format!(" {kappa:>9}"));
            }
            out.push('\n');
        }
    }
    for why in undefined {
        out.push_str(&format!("undefined: {}\n", why.why()));
    }

    let show = |m: usize| {
        let c = &codings[m];
        format!("{} {} ({}:{})", c.coder, c.event_id, c.file, c.line)
    };
    let shared: Vec<_> = a.units.iter().filter(|u| u.len() > 1).collect();
    let differ: Vec<_> = shared
        .iter()
        .map(|u| {
            let fields: Vec<(&str, Vec<String>)> = FIELDS
                .iter()
                .map(|f| (f.name(), u.iter().map(|&m| f.value(&codings[m])).collect()))
                .filter(|(_, v): &(_, Vec<String>)| v.iter().any(|x| *x != v[0]))
                .collect();
            (u, fields)
        })
        .filter(|(_, f)| !f.is_empty())
        .collect();
    if !differ.is_empty() {
        out.push_str(&format!(
            "\ndisagreements, in {} of {}:\n",
            differ.len(),
            plural(shared.len(), "shared unit")
        ));
        for (u, fields) in differ {
            let who: Vec<String> = u.iter().map(|&m| show(m)).collect();
            out.push_str(&format!("  {}: {}\n", codings[u[0]].doc_id, who.join(", ")));
            for (name, values) in fields {
                let values: Vec<&str> = values
                    .iter()
                    .map(|v| if v.is_empty() { "(none)" } else { v.as_str() })
                    .collect();
                out.push_str(&format!("    {name:<16} {}\n", values.join(" | ")));
            }
        }
    }
    let alone: Vec<usize> = a
        .units
        .iter()
        .filter(|u| u.len() == 1)
        .map(|u| u[0])
        .collect();
    if !alone.is_empty() {
        out.push_str("\nunmatched records:\n");
        for m in alone {
            out.push_str(&format!("  {}  {}\n", show(m), summary(&codings[m])));
        }
    }
    if !records.unaligned.is_empty() {
        out.push_str("\nnot aligned:\n");
        for u in &records.unaligned {
            let why = if u.rules.is_empty() {
                "no coder".to_string()
            } else {
                format!("failed checking: {}", u.rules.join(", "))
            };
            let coder = u.coder.as_deref().unwrap_or("(no coder)");
            out.push_str(&format!(
                "  {coder} {} ({}:{})  {why}\n",
                u.event_id, u.file, u.line
            ));
        }
    }
    out
}

/// A record in a few words: document, date, source, code, target.
fn summary(c: &Coding) -> String {
    let mut s = format!(
        "{} {} {} {}",
        c.doc_id,
        agree::Field::Date.value(c),
        c.source_code,
        c.event_code
    );
    if let Some(t) = &c.target_code {
        s.push(' ');
        s.push_str(t);
    }
    s
}

fn to_json(records: &Records, a: &Agreement) -> Value {
    let coders = &records.coders;
    let codings = &records.codings;
    let stat = |s: Stat| s.value().map_or(Value::Null, |v| json!(v));
    let reference = |m: usize| {
        let c = &codings[m];
        json!({"coder": c.coder, "event_id": c.event_id, "file": &*c.file, "line": c.line})
    };
    let fields: Vec<Value> = a
        .fields
        .iter()
        .map(|f| {
            let pairs: Vec<Value> = a
                .pairs
                .iter()
                .zip(&f.pairs)
                .map(|(((i, j), units), (agreement, kappa))| {
                    json!({"coders": [coders[*i], coders[*j]], "units": units,
                           "agreement": agreement, "kappa": stat(*kappa)})
                })
                .collect();
            json!({"field": f.field.name(), "units": a.shared, "agreement": f.agreement,
                   "alpha": stat(f.alpha), "pairs": pairs})
        })
        .collect();
    let units: Vec<Value> = a
        .units
        .iter()
        .filter(|u| u.len() > 1)
        .map(|u| {
            let differ: Vec<&str> = FIELDS
                .iter()
                .filter(|f| {
                    u.iter()
                        .any(|&m| f.value(&codings[m]) != f.value(&codings[u[0]]))
                })
                .map(|f| f.name())
                .collect();
            json!({"doc_id": codings[u[0]].doc_id,
                   "records": u.iter().map(|&m| reference(m)).collect::<Vec<_>>(),
                   "differ": differ})
        })
        .collect();
    let unmatched: Vec<Value> = a
        .units
        .iter()
        .filter(|u| u.len() == 1)
        .map(|u| {
            let mut r = reference(u[0]);
            r["doc_id"] = json!(codings[u[0]].doc_id);
            r
        })
        .collect();
    let unaligned: Vec<Value> = records
        .unaligned
        .iter()
        .map(|u| {
            json!({"coder": u.coder, "event_id": u.event_id, "file": &*u.file, "line": u.line,
                   "doc_id": u.doc_id, "rules": u.rules})
        })
        .collect();
    json!({
        "tool": {"name": "eventc", "version": env!("CARGO_PKG_VERSION")},
        "coders": coders.iter().zip(&a.counts).map(|(name, c)| json!({
            "coder": name, "matched": c.matched, "unmatched": c.unmatched,
            "not_aligned": c.unaligned,
        })).collect::<Vec<_>>(),
        "documents": a.documents,
        "units": a.units.len(),
        "shared_units": a.shared,
        "fields": fields,
        "matches": units,
        "unmatched": unmatched,
        "not_aligned": unaligned,
    })
}
