//! `report.html` of a `compare` run, in the shell of the plan's page: the variants' figures
//! as grouped bars, a table of them, and who moves differently from the first variant.

use maud::{html, Markup};
use rust_i18n::t;

use super::diff::PersonDiff;
use super::grouped_bars::{grouped_bars, variant_color};
use super::line_chart::{swept_charts, Swept};
use super::metrics::Metrics;
use crate::report::html::page;
use crate::report::{gap_text, opt_num, status_word};
use crate::summary::Provenance;

/// The report of a `compare` run: the variants' figures as grouped bars, a table of them,
/// and who moves differently from the first variant.
pub fn compare_report(
    metrics: &[Metrics],
    changes: &[PersonDiff],
    swept: Option<&Swept>,
    provenance: Option<&Provenance>,
) -> String {
    let body = html! {
        header.top {
            h1 { (t!("html.compare.title", n = metrics.len())) }
        }
        @if let Some(s) = swept {
            (swept_charts(s, metrics))
        }
        (compare_charts(metrics))
        (variants_table(metrics))
        (diff_table(changes))
    };
    let title = t!("html.compare.title", n = metrics.len());
    page(&title, "compare", body, provenance)
}

/// One figure of a variant, as a bar.
type Figure = fn(&Metrics) -> Option<f64>;

/// The variants' figures as grouped bars: objective terms, moves, commute, coverage.
fn compare_charts(metrics: &[Metrics]) -> Markup {
    let labels: Vec<String> = metrics.iter().map(|m| m.variant.clone()).collect();
    let chart = |title: &str, cats: &[(&str, Figure)]| {
        let names: Vec<String> = cats.iter().map(|(k, _)| t!(*k).into_owned()).collect();
        let values: Vec<Vec<Option<f64>>> = (cats.iter())
            .map(|(_, f)| metrics.iter().map(f).collect())
            .collect();
        grouped_bars(title, &names, &labels, &values)
    };
    html! {
        section #variants {
            h2 { (t!("html.compare.charts")) }
            div.legend { @for (i, l) in labels.iter().enumerate() {
                span.item { span.dot style=(format!("background:{}", variant_color(i, labels.len()))) {} (l) }
            } }
            div.charts {
                (chart(&t!("html.compare.objective"), &[
                    ("html.component.distance_km", |m| m.distance_km),
                    ("html.component.preference_rank", |m| m.preference_rank),
                    ("html.component.promotion", |m| m.promotion),
                    ("html.component.overdue", |m| m.overdue),
                    ("html.component.equity", |m| m.equity),
                ]))
                (chart(&t!("html.compare.moves"), &[
                    ("html.compare.moves_total", |m| count(m.moves)),
                    ("html.compare.moves_backbone", |m| count(m.moves_backbone)),
                    ("html.compare.moves_cadre", |m| count(m.moves_cadre)),
                ]))
                (chart(&t!("html.compare.commute"), &[
                    ("html.compare.commute_mean", |m| m.commute_mean_km),
                    ("html.compare.commute_max", |m| m.commute_max_km),
                ]))
                (chart(&t!("html.compare.coverage"), &[
                    ("html.compare.coverage_at_min", |m| count(m.coverage_at_min)),
                    ("html.compare.schools_touched", |m| count(m.schools_touched)),
                    ("html.compare.broken_rules", |m| count(m.broken_rules)),
                ]))
            }
        }
    }
}

/// One row per variant: status, objective and gap.
fn variants_table(metrics: &[Metrics]) -> Markup {
    html! {
        section #variant-table {
            table.sortable {
                thead { tr {
                    th { (t!("html.compare.variant")) } th { (t!("html.compare.scenario")) }
                    th { (t!("html.compare.policy")) } th { (t!("html.head.status")) }
                    th { (t!("html.head.objective")) } th { (t!("html.head.gap")) }
                    th { (t!("html.head.moves")) } th { (t!("html.compare.commute_mean")) }
                } }
                tbody { @for m in metrics { tr {
                    td { (m.variant) } td { (m.scenario) } td { (m.policy) }
                    td { (status_word(&m.status)) }
                    td.num { (opt_num(m.objective, 3)) }
                    td.num { (gap_text(m.gap)) }
                    td.num { (m.moves.map_or("-".into(), |v| v.to_string())) }
                    td.num { (opt_num(m.commute_mean_km, 1)) }
                } } }
            }
        }
    }
}

/// Who moves differently from the first variant.
fn diff_table(changes: &[PersonDiff]) -> Markup {
    html! {
        section #differences {
            h2 { (t!("html.compare.diff", n = changes.len())) }
            table #diff .sortable {
                thead { tr {
                    th { (t!("html.compare.variant")) } th { (t!("html.baseline.who")) }
                    th { (t!("col.school")) } th { (t!("html.compare.first")) }
                    th { (t!("html.compare.this")) } th { (t!("html.baseline.change")) }
                } }
                tbody { @for c in changes { tr data-person=(c.person_id) {
                    td { (c.variant) } td { (c.person_id) " " (c.name) } td { (c.home_school) }
                    td { (c.first) } td { (c.this) } td { (t!(format!("html.compare.change.{}", c.change))) }
                } } }
            }
        }
    }
}

/// A count as a bar's value.
fn count(x: Option<usize>) -> Option<f64> {
    x.map(|v| v as f64)
}
