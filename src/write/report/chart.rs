//! The HTML report's chart of events over time, by quad class: a continuous time axis (days,
//! weeks, months or years, whichever keeps the bars readable), so that stretches with no
//! event show as gaps; axis titles and ticks; and an event dated to a range (a week, a month,
//! `du 3 au 16 février`) spread evenly over its days rather than piled on its first one.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::html::QUADS;

/// Bars at most; the unit of time grows until the span fits.
const MAX_BARS: i64 = 120;

/// Events per quad class as a rate per day that changes only where a range starts or ends:
/// an event costs two entries whatever its length, and memory follows the distinct dates.
#[derive(Default)]
pub struct Timeline {
    /// Day → change of the daily rate of each quad class from that day on.
    deltas: BTreeMap<NaiveDate, [f64; 4]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn name(self) -> &'static str {
        ["day", "week", "month", "year"][self as usize]
    }

    /// The first day of the bar holding `d`.
    fn floor(self, d: NaiveDate) -> NaiveDate {
        match self {
            Unit::Day => d,
            Unit::Week => d - Days::new(d.weekday().num_days_from_monday().into()),
            Unit::Month => d.with_day(1).unwrap_or(d),
            Unit::Year => d.with_ordinal(1).unwrap_or(d),
        }
    }

    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Unit::Day => d.checked_add_days(Days::new(1)),
            Unit::Week => d.checked_add_days(Days::new(7)),
            Unit::Month => d.checked_add_months(Months::new(1)),
            Unit::Year => d.checked_add_months(Months::new(12)),
        }
    }

    fn label(self, d: NaiveDate) -> String {
        match self {
            Unit::Day | Unit::Week => d.format("%Y-%m-%d").to_string(),
            Unit::Month => d.format("%Y-%m").to_string(),
            Unit::Year => d.format("%Y").to_string(),
        }
    }
}

/// One bar: its first day and the events of each quad class in it.
type Bar = (NaiveDate, [f64; 4]);

impl Timeline {
    /// An event of quad class `quad` (1..=4) that happened on one of the days `start..=end`.
    pub fn add(&mut self, start: NaiveDate, end: NaiveDate, quad: i8) {
        let q = (quad.clamp(1, 4) - 1) as usize;
        let days = (end - start).num_days().max(0) + 1;
        let rate = 1.0 / days as f64;
        self.deltas.entry(start).or_default()[q] += rate;
        if let Some(after) = end.succ_opt() {
            self.deltas.entry(after).or_default()[q] -= rate;
        }
    }

    /// The bars from the first event's first day to the last event's last day, empty ones
    /// included.
    fn bars(&self) -> Option<(Unit, Vec<Bar>)> {
        let first = *self.deltas.keys().next()?;
        // The last key is the day after the last range ends (or that range's last day, when it
        // runs to the end of the calendar).
        let last_key = *self.deltas.keys().next_back()?;
        let last = if self.deltas.len() > 1 {
            last_key.pred_opt().unwrap_or(last_key)
        } else {
            last_key
        };
        let span = (last - first).num_days() + 1;
        let unit = [Unit::Day, Unit::Week, Unit::Month, Unit::Year]
            .into_iter()
            .find(|u| {
                let per = match u {
                    Unit::Day => 1,
                    Unit::Week => 7,
                    Unit::Month => 30,
                    Unit::Year => 365,
                };
                span / per < MAX_BARS
            })
            .unwrap_or(Unit::Year);
        let mut bars: Vec<Bar> = Vec::new();
        let mut day = unit.floor(first);
        while day <= last {
            bars.push((day, [0.0; 4]));
            match unit.next(day) {
                Some(next) => day = next,
                None => break,
            }
        }
        // Walk the stretches of constant rate, adding rate × days to each bar they cross.
        let mut rate = [0.0f64; 4];
        let mut keys = self.deltas.iter().peekable();
        let mut bar = 0;
        while let Some((from, delta)) = keys.next() {
            for (r, d) in rate.iter_mut().zip(delta) {
                *r += d;
            }
            let Some((&until, _)) = keys.peek() else {
                break;
            };
            let mut day = *from;
            while day < until {
                // The last bar runs to the end of the last range.
                let bar_end = bars.get(bar + 1).map(|b| b.0);
                let stop = bar_end.map_or(until, |e| until.min(e));
                let days = (stop - day).num_days() as f64;
                for (sum, r) in bars[bar].1.iter_mut().zip(&rate) {
                    // Sums of fractions leave crumbs where a rate returns to zero.
                    if *r > 1e-9 {
                        *sum += r * days;
                    }
                }
                day = stop;
                if bar_end.is_some_and(|e| day >= e) {
                    bar += 1;
                }
            }
        }
        Some((unit, bars))
    }

    pub fn render(&self, h: &mut String) {
        h.push_str("<h3>Events over time, by quad class</h3>\n");
        let Some((unit, bars)) = self.bars() else {
            h.push_str("<p>No events.</p>\n");
            return;
        };
        let (left, right, top, bottom) = (64.0, 16.0, 16.0, 64.0);
        let (plot_w, plot_h) = (880.0, 200.0);
        let max = bars
            .iter()
            .map(|b| b.1.iter().sum::<f64>())
            .fold(0.0, f64::max);
        let scale = nice(max);
        let _ = writeln!(
            h,
            "<svg id=\"timeline\" role=\"img\" aria-label=\"events per {} by quad class\" width=\"{}\" height=\"{}\" font-size=\"11\" xmlns=\"http://www.w3.org/2000/svg\">",
            unit.name(),
            left + plot_w + right,
            top + plot_h + bottom
        );
        // Horizontal grid with the counts.
        for i in 0..=4 {
            let v = scale * i as f64 / 4.0;
            let y = top + plot_h - v / scale * plot_h;
            let _ = writeln!(
                h,
                "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                left + plot_w,
                left - 6.0,
                y + 4.0,
                count(v)
            );
        }
        let step = plot_w / bars.len() as f64;
        let gap = if step > 4.0 { 1.0 } else { 0.0 };
        let every = bars.len().div_ceil(10);
        for (i, (day, counts)) in bars.iter().enumerate() {
            let x = left + i as f64 * step;
            let mut y = top + plot_h;
            for (q, n) in counts.iter().enumerate() {
                if *n < 1e-9 {
                    continue;
                }
                let hgt = n / scale * plot_h;
                y -= hgt;
                let _ = writeln!(
                    h,
                    "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{hgt:.1}\" fill=\"{}\"><title>{}: {} {}</title></rect>",
                    x + gap / 2.0,
                    step - gap,
                    QUADS[q].1,
                    unit.label(*day),
                    count(*n),
                    QUADS[q].0
                );
            }
            if i % every == 0 {
                let _ = writeln!(
                    h,
                    "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    top + plot_h,
                    top + plot_h + 5.0,
                    top + plot_h + 18.0,
                    unit.label(*day)
                );
            }
        }
        let week = if unit == Unit::Week {
            " (weeks from Monday)"
        } else {
            ""
        };
        let _ = writeln!(
            h,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/>\n\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">date{week}</text>\n\
             <text x=\"14\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {})\">events per {}</text>\n</svg>",
            left + plot_w,
            top + plot_h,
            top + plot_h,
            left + plot_w / 2.0,
            top + plot_h + 44.0,
            top + plot_h / 2.0,
            top + plot_h / 2.0,
            unit.name()
        );
        h.push_str("<p>");
        for (name, colour) in QUADS {
            let _ = write!(
                h,
                "<span class=\"bar\" style=\"width:1em;background:{colour}\"></span> {name} &nbsp; "
            );
        }
        h.push_str("<br><small>An event dated to a range (a week, a month, from one day to another) counts for an equal share of each of its days; a gap is a stretch with no event.</small></p>\n");
    }
}

/// The top of the scale: 1, 2 or 5 times a power of ten, at least `max`.
fn nice(max: f64) -> f64 {
    let max = max.max(1.0);
    let p = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= max - 1e-9)
        .unwrap_or(10.0 * p)
}

/// A count as shown: whole when it is, else one decimal (shares of ranges).
fn count(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_without_events_are_gaps_and_ranges_are_spread() {
        let mut t = Timeline::default();
        t.add(d("2020-02-01"), d("2020-02-01"), 4);
        t.add(d("2020-02-03"), d("2020-02-04"), 1);
        t.add(d("2020-02-10"), d("2020-02-10"), 4);
        let (unit, bars) = t.bars().unwrap();
        assert_eq!(unit, Unit::Day);
        assert_eq!(bars.len(), 10);
        assert_eq!(bars[0], (d("2020-02-01"), [0.0, 0.0, 0.0, 1.0]));
        assert_eq!(bars[1].1, [0.0; 4], "the 2nd is a gap");
        assert_eq!(bars[2].1, [0.5, 0.0, 0.0, 0.0]);
        assert_eq!(bars[3].1, [0.5, 0.0, 0.0, 0.0]);
        assert!(bars[4..9].iter().all(|b| b.1 == [0.0; 4]));
        assert_eq!(bars[9], (d("2020-02-10"), [0.0, 0.0, 0.0, 1.0]));
        let mut h = String::new();
        t.render(&mut h);
        assert!(h.contains(">events per day</text>"), "{h}");
        assert!(
            h.contains("<title>2020-02-03: 0.5 Verbal cooperation</title>"),
            "{h}"
        );
    }

    #[test]
    fn a_long_span_has_longer_bars_and_every_event_counts_once() {
        let mut t = Timeline::default();
        t.add(d("2019-01-01"), d("2019-12-31"), 2);
        t.add(d("2021-02-16"), d("2021-02-16"), 3);
        t.add(d("2020-02-01"), d("2020-02-29"), 1);
        let (unit, bars) = t.bars().unwrap();
        assert_eq!(unit, Unit::Week);
        assert_eq!(bars[0].0, d("2018-12-31"), "weeks start on Monday");
        let total: f64 = bars.iter().flat_map(|b| b.1).sum();
        assert!((total - 3.0).abs() < 1e-9, "{total}");
        let material: f64 = bars.iter().map(|b| b.1[1]).sum();
        assert!((material - 1.0).abs() < 1e-9);
        // A year-long event: an equal share in each full week of 2019.
        assert!((bars[10].1[1] - 7.0 / 365.0).abs() < 1e-9);
        let mut many = Timeline::default();
        many.add(d("1900-01-01"), d("1900-01-01"), 1);
        many.add(d("2020-01-01"), d("2020-01-01"), 1);
        let (unit, bars) = many.bars().unwrap();
        assert_eq!((unit, bars.len()), (Unit::Year, 121));
    }

    #[test]
    fn scale_tops_are_round() {
        assert_eq!(nice(0.4), 1.0);
        assert_eq!(nice(3.0), 5.0);
        assert_eq!(nice(17.0), 20.0);
        assert_eq!(nice(100.0), 100.0);
    }
}
