//! A figure against a swept key: when the variants change one numeric key alone
//! (`--set quota.rate=0.10:0.20:0.05`), a line per scenario of the objective, moves and
//! commute against the key's value, with the values where there is no plan marked.

use maud::{html, Markup};
use rust_i18n::t;

use super::grouped_bars::variant_color;
use super::metrics::Metrics;
use super::result::VariantResult;
use crate::report::fmt_amount;
use crate::report::html::fmt1;

/// A key swept over numbers: for each scenario, its variants that change that key alone,
/// by value (each with its index among the variants).
#[derive(Debug, Clone, PartialEq)]
pub struct Swept {
    /// The key (`quota.rate`).
    pub key: String,
    /// Each scenario's label and its points (value, variant index), by value.
    pub series: Vec<(String, Vec<(f64, usize)>)>,
}

/// A scenario's file, its label and its points, while they are gathered.
type Series = (std::path::PathBuf, String, Vec<(f64, usize)>);

/// The key the variants sweep, if they sweep one: every variant that changes anything
/// changes that key alone, to a number, and some scenario has three values of it or more.
pub fn swept(results: &[VariantResult]) -> Option<Swept> {
    let mut key: Option<&str> = None;
    let mut series: Vec<Series> = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let [(k, v)] = r.variant.sets.as_slice() else {
            if r.variant.sets.is_empty() {
                continue;
            }
            return None;
        };
        if key.is_some_and(|key| key != k) {
            return None;
        }
        key = Some(k);
        let value: f64 = v.parse().ok()?;
        let scenario = &r.variant.scenario;
        match series.iter_mut().find(|s| &s.0 == scenario) {
            Some(s) => s.2.push((value, i)),
            None => {
                let label = crate::report::file_label(scenario);
                series.push((scenario.clone(), label, vec![(value, i)]));
            }
        }
    }
    let key = key?.to_string();
    series.iter().any(|s| s.2.len() >= 3).then(|| Swept {
        key,
        series: series
            .into_iter()
            .map(|(_, label, mut points)| {
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                (label, points)
            })
            .collect(),
    })
}

/// One figure of a variant, on the chart's y axis.
type Figure = fn(&Metrics) -> Option<f64>;

/// The charts of the swept key: objective, moves and mean commute against its value.
pub(super) fn swept_charts(swept: &Swept, metrics: &[Metrics]) -> Markup {
    let figures: [(&str, Figure); 3] = [
        ("html.compare.objective_value", |m| m.objective),
        ("html.compare.moves", |m| m.moves.map(|n| n as f64)),
        ("html.compare.commute_mean_km", |m| m.commute_mean_km),
    ];
    let key = &swept.key;
    html! {
        section #swept {
            h2 { (t!("html.compare.swept", key = key)) }
            div.legend { @for (i, (label, _)) in swept.series.iter().enumerate() {
                span.item { span.dot style=(format!("background:{}", variant_color(i, swept.series.len()))) {} (label) }
            } }
            div.charts {
                @for (title, f) in figures {
                    (line_chart(&t!(title), swept, metrics, f))
                }
            }
        }
    }
}

/// One figure against the key: a line per scenario, a point per value; a value without a
/// plan is a cross on the axis.
fn line_chart(title: &str, swept: &Swept, metrics: &[Metrics], f: Figure) -> Markup {
    let (w, h, left, right, top, bottom) = (520.0, 220.0, 72.0, 28.0, 16.0, 34.0);
    let points = swept.series.iter().flat_map(|s| &s.1);
    let xs: Vec<f64> = points.clone().map(|p| p.0).collect();
    let ys: Vec<f64> = points.filter_map(|p| f(&metrics[p.1])).collect();
    let (x0, x1) = bounds(&xs);
    let (y0, y1) = bounds(&ys);
    let x = |v: f64| left + (w - left - right) * (v - x0) / (x1 - x0);
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v - y0) / (y1 - y0));
    let n = swept.series.len();
    html! {
        figure.swept {
            figcaption { (title) }
            svg.line-chart viewBox=(format!("0 0 {w} {h}")) {
                line.axis x1=(fmt1(left)) x2=(fmt1(w - right)) y1=(fmt1(h - bottom)) y2=(fmt1(h - bottom)) {}
                text.tick x=(fmt1(left - 4.0)) y=(fmt1(top + 4.0)) text-anchor="end" { (fmt_amount(y1)) }
                text.tick x=(fmt1(left - 4.0)) y=(fmt1(h - bottom)) text-anchor="end" { (fmt_amount(y0)) }
                @for &v in &xs {
                    text.tick x=(fmt1(x(v))) y=(fmt1(h - 16.0)) text-anchor="middle" { (fmt_amount(v)) }
                }
                @for (i, (label, pts)) in swept.series.iter().enumerate() {
                    @let color = variant_color(i, n);
                    @let line: Vec<String> = pts.iter()
                        .filter_map(|p| f(&metrics[p.1]).map(|v| format!("{},{}", fmt1(x(p.0)), fmt1(y(v)))))
                        .collect();
                    polyline points=(line.join(" ")) fill="none" stroke=(color) stroke-width="2" {}
                    @for p in pts {
                        @match f(&metrics[p.1]) {
                            Some(v) => circle cx=(fmt1(x(p.0))) cy=(fmt1(y(v))) r="3" fill=(color) {
                                title { (label) " " (fmt_amount(p.0)) ": " (fmt_amount(v)) }
                            },
                            None => text.no-plan x=(fmt1(x(p.0))) y=(fmt1(h - bottom - 3.0)) text-anchor="middle" fill=(color) {
                                title { (label) " " (fmt_amount(p.0)) ": " (t!("html.compare.no_plan")) }
                                "×"
                            },
                        }
                    }
                }
            }
        }
    }
}

/// The least and most of `v`, apart by at least a little (a flat line still draws).
fn bounds(v: &[f64]) -> (f64, f64) {
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    match (lo.is_finite(), hi > lo) {
        (true, true) => (lo, hi),
        (true, false) => (lo - 1.0, lo + 1.0),
        _ => (0.0, 1.0),
    }
}
