//! `eventc dates TEXT`: how a date as a coder wrote it normalizes, and why.

use clap::{Args, ValueEnum};

use crate::diagnostic::Diagnostic;
use crate::normalize::dates::{self, Bounds, DateContext, Lang, Order};
use std::io::Write;

use crate::diagnostic::Issue;
use crate::error::{stdout_error, Error};

#[derive(Args, Debug)]
pub struct DatesArgs {
    /// The date as written, e.g. "dimanche 16 février 2020", "la veille", "mi-février 2020",
    /// "2020-02-16T10:00Z"
    pub text: String,
    /// The document's date that relative dates count from (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub doc_date: Option<String>,
    /// The document's language. French settles numeric dates as day-first; English does not
    /// (it covers US and UK use), so they stay day-first unless --month-first, and an
    /// ambiguous one is flagged
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Read ambiguous numeric dates month first (02/03/2020 = 3 February)
    #[arg(long)]
    pub month_first: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum LangArg {
    Fr,
    En,
}

/// Prints `START<TAB>END<TAB>PRECISION`, and `<TAB>TIME` when the date gave a time of day;
/// warnings and errors go to stderr as diagnostics.
pub fn run(args: &DatesArgs) -> Result<i32, Error> {
    let reference = match &args.doc_date {
        Some(d) => Some(dates::parse_partial_iso(d).ok_or_else(|| {
            Error::Usage(format!(
                "--doc-date `{d}` is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
            ))
        })?),
        None => None,
    };
    let ctx = DateContext {
        reference,
        lang: args.lang.map(|l| match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }),
        order: if args.month_first {
            Order::MonthFirst
        } else {
            Order::DayFirst
        },
        bounds: Bounds::DEFAULT,
    };
    let show = |issue: Issue| {
        let mut d = Diagnostic::new(issue.rule, issue.message).field("date", &args.text);
        d.help.extend(issue.help);
        let _ = writeln!(std::io::stderr(), "{}", d.render(false));
    };
    match dates::normalize(&args.text, &ctx) {
        Ok(n) => {
            let (s, e, p) = (n.span.start, n.span.end, n.span.precision.as_str());
            let line = match n.time {
                Some(t) => writeln!(std::io::stdout(), "{s}\t{e}\t{p}\t{t}"),
                None => writeln!(std::io::stdout(), "{s}\t{e}\t{p}"),
            };
            line.map_err(stdout_error)?;
            n.warnings.into_iter().for_each(show);
            Ok(0)
        }
        Err(e) => {
            show(e);
            Ok(1)
        }
    }
}
