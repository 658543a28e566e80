//! `report.html`: one self-contained page (inline CSS, SVG and a few lines of script, no
//! network) that HR can put in front of the bureau: the run's figures, a map of the flows,
//! a chart per school, the plan table, and for `compare` the variants side by side.
//! Every figure comes from the [`Summary`] (or, for the map and the table, from the plan
//! itself), so the page never shows a number `summary.json` does not hold.

mod charts;
mod map;

use std::collections::HashMap;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use rust_i18n::t;

use super::{fmt_amount, gap_text, opt_num};
use crate::check::{DiffStart, Violation};
use crate::compare::{Change, Metrics};
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::lang::Lang;
use crate::rules::Component;
use crate::summary::Summary;

/// The page's style: CJK fonts that exist on Windows, macOS and Linux, and A4 printing.
const CSS: &str = include_str!("report.css");
/// Table sorting and the map's year switches.
const JS: &str = include_str!("report.js");

/// One colour per group (cycled), light enough to read a label on.
const GROUP_COLORS: [&str; 10] = [
    "#4c6ef5", "#f76707", "#37b24d", "#ae3ec9", "#1098ad", "#f59f00", "#e64980", "#74b816",
    "#7048e8", "#d6336c",
];
/// One colour per planned year, for the arrows (the policy allows up to ten years).
const YEAR_COLORS: [&str; 10] = [
    "#c92a2a", "#1864ab", "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#5c940d", "#a61e4d",
    "#364fc7", "#495057",
];
/// One colour per variant in `compare`'s charts.
const VARIANT_COLORS: [&str; 6] = [
    "#495057", "#1c7ed6", "#e8590c", "#2f9e44", "#9c36b5", "#f08c00",
];

/// Where a report's plan comes from.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// A `solve` run: its status, bound and gap are the solver's.
    Solve,
    /// A plan file read by `rotation report` and audited by the checker.
    PlanFile(&'a str),
}

/// The report of one plan (or of an infeasible run: `plan` is then empty and the summary
/// holds the diagnosis).
pub fn plan_report(inst: &Instance, plan: &Plan, s: &Summary, origin: Origin) -> String {
    let status = verdict(s, origin).status;
    let body = html! {
        (header(s, origin))
        (violations(s, origin))
        (baseline(s))
        (map::section(inst, plan))
        (charts::schools_section(s))
        (plan_table(inst, plan))
    };
    page(&t!("html.title", scenario = s.scenario), status, body)
}

/// The report of a `compare` run: the variants' figures as grouped bars, a table of them,
/// and who moves differently from the first variant.
pub fn compare_report(metrics: &[Metrics], changes: &[Change]) -> String {
    let body = html! {
        header.top {
            h1 { (t!("html.compare.title", n = metrics.len())) }
        }
        (compare_charts(metrics))
        (variants_table(metrics))
        (diff_table(changes))
    };
    page(
        &t!("html.compare.title", n = metrics.len()),
        "compare",
        body,
    )
}

fn page(title: &str, status: &str, body: Markup) -> String {
    let lang = match crate::lang::current() {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body data-status=(status) {
                main { (body) }
                footer { (t!("html.footer", version = env!("CARGO_PKG_VERSION"))) }
                script { (PreEscaped(JS)) }
            }
        }
    }
    .into_string()
}

/// Scenario, policy, years, status, the objective with its terms, bound and gap.
fn header(s: &Summary, origin: Origin) -> Markup {
    let (first, last) = (s.years[0], s.years[s.years.len() - 1]);
    let v = verdict(s, origin);
    let solved = matches!(origin, Origin::Solve);
    // An infeasible run has no plan: its starts and commute would be the relaxation's.
    let plan_figures = s.status != "infeasible";
    html! {
        header.top {
            h1 { (s.scenario) }
            p.sub { (t!("html.head.sub", policy = s.policy, first = first, last = last, term = s.policy_values.term_years)) }
            @if let Some(line) = &v.banner { p.banner data-status=(v.status) { (line) } }
            div.cards {
                @if solved { (card(&t!("html.head.status"), &v.word, Some(v.status))) }
                (card(&t!("html.head.objective"), &opt_num(s.objective, 3), None))
                @if solved {
                    (card(&t!("html.head.bound"), &opt_num(s.bound, 3), None))
                    (card(&t!("html.head.gap"), &gap_text(s.gap), None))
                }
                @if plan_figures {
                    (card(&t!("html.head.moves"), &t!("html.head.moves_value", total = s.moves.total, backbone = s.moves.backbone, cadre = s.moves.cadre), None))
                    (card(&t!("html.head.commute"), &t!("html.head.commute_value", mean = format!("{:.1}", s.distance_km.mean), max = format!("{:.1}", s.distance_km.max)), None))
                    (card(&t!("html.head.coverage"), &t!("html.head.coverage_value", at_min = s.coverage.at_min, checked = s.coverage.checked), None))
                }
            }
            @if s.objective.is_some() { (terms(s)) }
            @if let Some(m) = &s.message { p.message { (m) } }
        }
    }
}

/// What the page says the run is: the `data-status` word, the status shown, and a banner
/// for what must be read first (a plan file's verdict, a plan that is no valid plan, the
/// figures of a relaxation).
struct Verdict {
    status: &'static str,
    word: String,
    banner: Option<String>,
}

fn verdict(s: &Summary, origin: Origin) -> Verdict {
    let word = crate::compare::status_word(s.reason.unwrap_or(s.status));
    let n = s.violations.len();
    let (status, banner) = match origin {
        Origin::PlanFile(file) if n == 0 => ("checked", t!("html.head.checked_ok", file = file)),
        Origin::PlanFile(file) => (
            "checked",
            t!("html.head.checked_broken", file = file, n = n),
        ),
        // MODEL.md: an elastic plan that breaks a rule is no valid plan.
        Origin::Solve if s.elastic && n > 0 => ("not-valid", t!("html.head.not_valid", n = n)),
        Origin::Solve if s.status == "infeasible" => (s.status, t!("html.head.relaxed")),
        Origin::Solve => {
            return Verdict {
                status: s.status,
                word,
                banner: None,
            }
        }
    };
    let word = match status {
        "not-valid" => t!("html.head.not_valid_word").into_owned(),
        _ => word,
    };
    Verdict {
        status,
        word,
        banner: Some(banner.into_owned()),
    }
}

fn card(label: &str, value: &str, status: Option<&str>) -> Markup {
    html! {
        div.card data-status=[status] {
            div.label { (label) }
            div.value { (value) }
        }
    }
}

/// The objective's terms: name, weight, weighted value.
fn terms(s: &Summary) -> Markup {
    // Changes are priced only against a baseline, slack only when rules are relaxed.
    let applies = |c: &Component, v: f64| match c {
        Component::Change => s.baseline.is_some(),
        Component::Slack => s.elastic || v != 0.0,
        _ => true,
    };
    let rows = (Component::ALL.iter())
        .filter_map(|c| s.components.get(c.key()).map(|v| (c, *v)))
        .filter(|(c, v)| applies(c, *v));
    html! {
        table.terms {
            thead { tr { th { (t!("html.head.term")) } th { (t!("col.weight")) } th { (t!("col.value")) } } }
            tbody {
                @for (c, v) in rows {
                    tr { td { (t!(format!("html.component.{}", c.key()))) " " span.id { (c.key()) } }
                         td.num { (c.weight(&s.policy_values)) } td.num { (format!("{v:.3}")) } }
                }
            }
            tfoot { tr { td { (t!("col.total")) } td {} td.num { (opt_num(s.objective, 3)) } } }
        }
    }
}

/// Broken rules with what they miss and, for a diagnosis, the cause.
fn violations(s: &Summary, origin: Origin) -> Markup {
    let infeasible = matches!(origin, Origin::Solve) && s.status == "infeasible";
    if s.violations.is_empty() && !infeasible {
        return html! {};
    }
    let title = if infeasible {
        t!(
            "html.violations.infeasible",
            slack = s.policy_values.weights.slack
        )
    } else {
        t!("html.violations.broken")
    };
    let names: HashMap<&str, &str> = (s.schools.iter())
        .map(|x| (x.id.as_str(), x.name.as_str()))
        .collect();
    html! {
        section #violations {
            h2 { (title) }
            @if s.violations.is_empty() {
                // The elastic re-solve found no relaxation either: say so, not nothing.
                p.message { (t!("html.violations.none_found")) }
            }
            ol { @for v in &s.violations { (violation(v, &names)) } }
        }
    }
}

fn violation(v: &Violation, names: &HashMap<&str, &str>) -> Markup {
    let named = |id: &String| names.get(id.as_str()).map_or(id.clone(), |n| n.to_string());
    let detail = v.detail.as_ref().map(|d| match d.as_str() {
        "surplus" | "deficit" => t!(format!("html.violations.{d}")).into_owned(),
        _ => named(d),
    });
    let place = [v.school.as_ref().map(named), detail, v.person.clone()];
    let place: Vec<String> = place.into_iter().flatten().collect();
    html! {
        li.violation {
            strong { (v.rule.title()) }
            " · " (place.join(" · "))
            @if let Some(y) = v.year { " · " (y) }
            " · " (t!("html.violations.off_by", amount = fmt_amount(v.amount)))
            div { (v.message) }
            @if let Some(c) = &v.cause { div.cause { (c.sentence()) } }
        }
    }
}

/// With `--baseline`: the counts, then each start dropped, added or moved.
fn baseline(s: &Summary) -> Markup {
    let Some(d) = &s.baseline else {
        return html! {};
    };
    let c = &d.counts;
    let at = |x: &DiffStart| t!("summary.at", host = x.host, year = x.year).into_owned();
    let who = |x: &DiffStart| format!("{} {} ({})", x.person, x.name, x.home);
    let why = |x: &DiffStart| x.reason.clone().unwrap_or_default();
    html! {
        section #baseline {
            h2 { (t!("html.baseline.title")) }
            p { (t!("html.baseline.counts", baseline = d.baseline, kept = c.kept, dropped = c.dropped, added = c.added, moved = c.moved, changes = d.changes)) }
            table.diff {
                thead { tr { th { (t!("html.baseline.change")) } th { (t!("html.baseline.who")) } th { (t!("html.baseline.before")) } th { (t!("html.baseline.after")) } th { (t!("html.baseline.why")) } } }
                tbody {
                    @for x in &d.dropped { tr.dropped { td { (t!("html.baseline.dropped")) } td { (who(x)) } td { (at(x)) } td {} td { (why(x)) } } }
                    @for x in &d.added { tr.added { td { (t!("html.baseline.added")) } td { (who(x)) } td {} td { (at(x)) } td {} } }
                    @for m in &d.moved { tr.moved { td { (t!("html.baseline.moved")) } td { (who(&m.to)) } td { (at(&m.from)) } td { (at(&m.to)) } td { (why(&m.from)) } } }
                }
            }
        }
    }
}

/// The plan roster as `roster.csv` has it, one row per start; a click on a header sorts.
fn plan_table(inst: &Instance, plan: &Plan) -> Markup {
    let sheet = crate::report::workbook::plan_sheet(inst, plan);
    html! {
        section #roster {
            h2 { (t!("html.plan.title", n = plan.starts.len())) }
            @if plan.starts.is_empty() {
                p.note { (t!("html.plan.none")) }
            } @else {
                p.note.screen { (t!("html.plan.sort")) }
                table #plan .sortable {
                    thead { tr { @for h in &sheet.headers { th { (h) } } } }
                    tbody {
                        @for (start, row) in plan.starts.iter().zip(&sheet.rows) {
                            tr data-person=(inst.person(start.person).id) {
                                @for cell in row { td { (cell.text()) } }
                            }
                        }
                    }
                }
            }
        }
    }
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
        charts::grouped_bars(title, &names, &labels, &values)
    };
    html! {
        section #variants {
            h2 { (t!("html.compare.charts")) }
            div.legend { @for (i, l) in labels.iter().enumerate() {
                span.item { span.dot style=(format!("background:{}", VARIANT_COLORS[i % VARIANT_COLORS.len()])) {} (l) }
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
                    td { (crate::compare::status_word(&m.status)) }
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
fn diff_table(changes: &[Change]) -> Markup {
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

/// An SVG coordinate with one decimal: enough on screen and on paper, and it keeps the
/// file small at county scale.
fn fmt1(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}
