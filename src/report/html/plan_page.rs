//! The page of one plan, for leadership first: title, the paragraph in words and the
//! figures the bureau reports (`lead.rs`), broken rules, the map, the changes against a
//! baseline, a chart per school, the plan roster, and last the solver's figures (status,
//! objective, bound, gap and the objective's terms) in an appendix.

use std::collections::HashMap;

use maud::{html, Markup};
use rust_i18n::t;

use super::charts;
use super::lead;
use super::map;
use super::notice;
use super::shell::page;
use crate::check::DiffStart;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::report::format::{fmt_amount, gap_text, opt_num, status_word};
use crate::report::workbook::plan_sheet;
use crate::rules::Component;
use crate::summary::BrokenRule;
use crate::summary::Summary;

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
        (lead::section(s))
        (violations(s, origin))
        (map::section(inst, plan))
        (baseline(s))
        (charts::schools_section(s))
        (plan_table(inst, plan))
        (appendix(s, origin))
        (notice::section(inst, plan, s))
    };
    let title = t!("html.title", scenario = s.scenario);
    page(&title, status, body, s.provenance.as_ref())
}

/// Scenario, policy, years, and a banner for what must be read first.
fn header(s: &Summary, origin: Origin) -> Markup {
    let (first, last) = (s.years[0], s.years[s.years.len() - 1]);
    let v = verdict(s, origin);
    html! {
        header.top {
            h1 { (s.scenario) }
            p.sub { (t!("html.head.sub", policy = s.policy, first = first, last = last, term = s.policy_values.term_years)) }
            @if let Some(line) = &v.banner { p.banner data-status=(v.status) { (line) } }
            @if let Some(m) = &s.message { p.message { (m) } }
        }
    }
}

/// The solver's figures, for whoever checks the run: status, objective, bound, gap, the
/// plan's counts and the objective's terms.
fn appendix(s: &Summary, origin: Origin) -> Markup {
    let v = verdict(s, origin);
    let solved = matches!(origin, Origin::Solve);
    // An infeasible run has no plan: its starts and commute would be the relaxation's.
    let plan_figures = s.status != "infeasible";
    html! {
        section #appendix {
            h2 { (t!("html.appendix.title")) }
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
    let word = status_word(s.reason.unwrap_or(s.status));
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

fn violation(v: &BrokenRule, names: &HashMap<&str, &str>) -> Markup {
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
    let sheet = plan_sheet(inst, plan);
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
