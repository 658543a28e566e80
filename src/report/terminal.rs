//! The readable summary `solve` prints: one small function a section, each reading the
//! [`Summary`] alone, so the terminal never shows a figure `summary.json` does not hold.

use std::fmt::Write as _;

use rust_i18n::t;

use super::format::{fmt_amount, gap_text, opt_num};
use super::text_table::table;
use crate::check::{BaselineDiff, DiffStart};
use crate::rules::Component;
use crate::summary::BrokenRule;
use crate::summary::Summary;

/// The readable summary of a run with a plan, section by section.
pub fn render(s: &Summary) -> String {
    let sections: &[fn(&Summary) -> String] = &[
        header,
        kpi_table,
        moves_table,
        quota_table,
        flows_table,
        coverage,
        commute,
        pins,
        moves_line,
        baseline_section,
        objective_table,
        elastic_breaks,
    ];
    sections.iter().map(|f| f(s)).collect()
}

fn header(s: &Summary) -> String {
    let (first, last) = (s.years[0], s.years[s.years.len() - 1]);
    let st = &s.stats;
    let title = t!(
        "summary.header",
        scenario = s.scenario,
        policy = s.policy,
        year = s.plan_year,
        first = first,
        last = last,
        term = s.policy_values.term_years
    );
    let status = t!(
        "summary.status",
        status = word("status", s.status),
        objective = format!("{:.3}", s.objective.unwrap_or(f64::NAN)),
        bound = opt_num(s.bound, 3),
        gap = gap_text(s.gap)
    );
    let model = t!(
        "summary.model",
        variables = st.variables,
        binaries = st.binaries,
        rows = st.rows,
        blocks = st.blocks,
        build = format!("{:.0}", st.build_ms),
        solve = format!("{:.0}", st.solve_ms)
    );
    format!("{title}\n{status}\n{model}\n{}\n", start_line(s))
}

/// Groups shown as columns of the terminal's figures; more and only the county is shown.
const TERMINAL_GROUPS: usize = 4;

/// The figures the bureau reports, for the county and each group, before any solver figure.
fn kpi_table(s: &Summary) -> String {
    let Some(kpi) = &s.kpi else {
        return String::new();
    };
    let title = t!("kpi.title", year = kpi.year);
    // A column per group fits a terminal for a few groups; a county of many groups gets its
    // county column here and every group in plan.xlsx (指标汇总) and summary.json.
    if kpi.groups.len() > TERMINAL_GROUPS {
        let county = crate::summary::Kpi {
            groups: Vec::new(),
            ..kpi.clone()
        };
        let (header, rows) = super::kpi_table::by_figure(&county);
        let more = t!("kpi.more_groups", n = kpi.groups.len());
        return format!("{title}\n{}{more}\n\n", table(&header, &rows));
    }
    let (header, rows) = super::kpi_table::by_figure(kpi);
    // A blank line after, as after the status lines: the moves table follows.
    format!("{title}\n{}\n", table(&header, &rows))
}

/// Scope `county`: the group-scope plan the solve started from, and whether the plan is it.
fn start_line(s: &Summary) -> String {
    let Some(m) = &s.stats.mip_start else {
        return String::new();
    };
    let key = if m.optimal {
        "solve_start.line"
    } else {
        "solve_start.line_in_time"
    };
    let line = t!(
        key,
        objective = format!("{:.3}", m.objective),
        ms = format!("{:.0}", m.ms)
    );
    let tail = match (m.returned, s.status == "optimal") {
        (false, _) => t!("solve_start.improved"),
        (true, false) => t!("solve_start.returned"),
        (true, true) => t!("solve_start.returned_optimal"),
    };
    format!("{line}{tail}\n")
}

/// Schools that send or receive anyone, with out / in / net per year.
fn moves_table(s: &Summary) -> String {
    let mut header = words(&["col.school", "col.role", "col.staff"]);
    for y in &s.years {
        header.extend(
            ["col.year_out", "col.year_in", "col.year_net"].map(|k| t!(k, year = y).into_owned()),
        );
    }
    let mut rows = Vec::new();
    for school in &s.schools {
        let ys = &school.years;
        let quiet = |sy: &crate::check::SchoolYear| {
            sy.new_out == 0 && sy.new_in == 0 && sy.visitors == 0 && sy.away == 0
        };
        if ys.iter().all(quiet) {
            continue;
        }
        let mut r = vec![
            format!("{} {}", school.id, school.name),
            school.role.map_or("-".to_string(), |r| {
                t!(format!("role.{}", r.as_str())).into_owned()
            }),
            ys.first().map(|sy| sy.home_staff).unwrap_or(0).to_string(),
        ];
        for sy in ys {
            r.push(match sy.out_cap {
                Some(cap) => format!("{}/{cap}", sy.new_out),
                None => sy.new_out.to_string(),
            });
            r.push(sy.new_in.to_string());
            r.push(format!("{:+}", sy.net));
        }
        rows.push(r);
    }
    let cap = if s.policy_values.max_out_share < 1.0 {
        t!("summary.moves_cap", share = s.policy_values.max_out_share).into_owned()
    } else {
        String::new()
    };
    let title = t!(
        "summary.moves",
        limit = s.policy_values.max_net_change,
        cap = cap
    );
    format!("{title}\n{}", table(&header, &rows))
}

fn quota_table(s: &Summary) -> String {
    let rows: Vec<Vec<String>> = s
        .school_years()
        .filter(|sy| sy.quota_need.is_some())
        .map(|sy| {
            vec![
                sy.school.clone(),
                sy.year.to_string(),
                sy.due.unwrap_or(0).to_string(),
                sy.quota_need.unwrap_or(0).to_string(),
                sy.new_out.to_string(),
                sy.new_out_backbone.to_string(),
                sy.new_out_cadre.to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let q = &s.policy_values.quota;
    let header = words(&[
        "col.school",
        "col.year",
        "col.due",
        "col.need",
        "col.sent",
        "col.backbone",
        "col.cadre",
    ]);
    let title = t!(
        "summary.quota",
        rate = format!("{:.0}", q.rate * 100.0),
        share = format!("{:.0}", q.backbone_share * 100.0)
    );
    format!("\n{title}\n{}", table(&header, &rows))
}

fn flows_table(s: &Summary) -> String {
    if s.flows.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = s
        .flows
        .iter()
        .map(|f| {
            vec![
                format!("{} → {}", f.core, f.member),
                f.year.to_string(),
                f.sent.to_string(),
                f.back.to_string(),
                f.min.to_string(),
            ]
        })
        .collect();
    let g = &s.policy_values.group_flow;
    let header = words(&["col.pair", "col.year", "col.sent", "col.back", "col.min"]);
    let title = t!(
        "summary.flows",
        min = g.core_to_trusteed_min,
        reciprocal = word("reciprocal", &g.reciprocal.to_string())
    );
    format!("\n{title}\n{}", table(&header, &rows))
}

/// The coverage margins and the tightest school-subject-years.
fn coverage(s: &Summary) -> String {
    let c = &s.coverage;
    let Some(smallest) = c.smallest_margin else {
        return String::new();
    };
    let title = t!(
        "summary.coverage",
        checked = c.checked,
        at_min = c.at_min,
        smallest = smallest
    );
    let mut o = format!("\n{title}\n");
    for x in &c.tightest {
        let line = t!(
            "summary.coverage_line",
            school = x.school,
            subject = x.subject,
            year = x.year,
            present = x.present,
            min = x.min
        );
        let _ = writeln!(o, "  {line}");
    }
    o
}

fn commute(s: &Summary) -> String {
    let d = &s.distance_km;
    if d.moves == 0 {
        return String::new();
    }
    let line = t!(
        "summary.commute",
        moves = d.moves,
        mean = format!("{:.1}", d.mean),
        max = format!("{:.1}", d.max),
        cap = s.policy_values.max_distance_km
    );
    format!("\n{line}\n")
}

/// HR's pins, and any the plan does not keep (none in a valid plan: pins are never relaxed).
fn pins(s: &Summary) -> String {
    if s.pins.is_empty() {
        return String::new();
    }
    let dropped: Vec<&crate::summary::PinKept> = s.pins.iter().filter(|p| !p.kept).collect();
    if dropped.is_empty() {
        return format!("{}\n", t!("summary.pins_kept", n = s.pins.len()));
    }
    let title = t!(
        "summary.pins_dropped",
        n = s.pins.len(),
        dropped = dropped.len()
    );
    let mut o = format!("{title}\n");
    for p in dropped {
        let _ = writeln!(
            o,
            "  {} {}: {} → {} in {}",
            p.person, p.name, p.home, p.host, p.year
        );
    }
    o
}

fn moves_line(s: &Summary) -> String {
    let m = &s.moves;
    let line = t!(
        "summary.moves_line",
        total = m.total,
        backbone = m.backbone,
        cadre = m.cadre
    );
    // Only the plan year is carried out: the later years' starts must not read as final.
    let status = t!(
        "summary.moves_status",
        year = s.plan_year,
        binding = m.binding,
        tentative = m.tentative
    );
    format!("{line}\n{status}\n")
}

fn objective_table(s: &Summary) -> String {
    let header = words(&["col.component", "col.weight", "col.value"]);
    let mut rows: Vec<Vec<String>> = Component::ALL
        .iter()
        .filter_map(|c| s.components.get(c.key()).map(|v| (c, v)))
        .map(|(c, v)| {
            vec![
                c.key().to_string(),
                format!("{}", c.weight(&s.policy_values)),
                format!("{v:.3}"),
            ]
        })
        .collect();
    let total = s.objective.unwrap_or(f64::NAN);
    rows.push(vec![
        t!("col.total").into_owned(),
        String::new(),
        format!("{total:.3}"),
    ]);
    format!("\n{}\n{}", t!("summary.objective"), table(&header, &rows))
}

/// With `--baseline`: what the plan keeps, drops, adds and moves.
fn baseline_section(s: &Summary) -> String {
    let w = s.policy_values.weights.change;
    s.baseline
        .as_ref()
        .map_or(String::new(), |d| format!("\n{}", render_baseline(d, w)))
}

/// The plan against its baseline: counts, then every start dropped, added or moved (with
/// why, when the baseline start is no longer admissible). The starts kept are many and
/// unchanged: `summary.json` lists them.
pub fn render_baseline(d: &BaselineDiff, weight: f64) -> String {
    let c = &d.counts;
    let title = t!(
        "summary.baseline",
        baseline = d.baseline,
        kept = c.kept,
        dropped = c.dropped,
        added = c.added,
        moved = c.moved,
        changes = d.changes,
        weight = weight,
        cost = format!("{:.3}", d.changes as f64 * weight)
    );
    let mut o = format!("{title}\n");
    let at = |x: &DiffStart| t!("summary.at", host = x.host, year = x.year).into_owned();
    let who = |x: &DiffStart| format!("{} {} ({})", x.person, x.name, x.home);
    let why = |x: &DiffStart| {
        x.reason
            .as_ref()
            .map_or(String::new(), |r| format!(": {r}"))
    };
    for x in &d.dropped {
        let line = t!("summary.dropped", who = who(x), at = at(x), why = why(x));
        let _ = writeln!(o, "  {line}");
    }
    for x in &d.added {
        let _ = writeln!(o, "  {}", t!("summary.added", who = who(x), at = at(x)));
    }
    for m in &d.moved {
        let (f, t) = (&m.from, &m.to);
        let line = t!(
            "summary.moved",
            who = who(t),
            at = at(t),
            was = at(f),
            why = why(f)
        );
        let _ = writeln!(o, "  {line}");
    }
    o
}

/// In elastic mode, the rules the plan breaks and by how much.
fn elastic_breaks(s: &Summary) -> String {
    if !s.elastic || s.violations.is_empty() {
        return String::new();
    }
    let title = t!("summary.broken", slack = s.policy_values.weights.slack);
    format!("\n{title}\n{}", render_violations(&s.violations))
}

/// The diagnosis of an infeasible scenario: each broken rule with school, detail, year and amount.
pub fn render_violations(violations: &[BrokenRule]) -> String {
    let header = words(&[
        "col.rule",
        "col.school",
        "col.detail",
        "col.year",
        "col.short_by",
    ]);
    let rows: Vec<Vec<String>> = violations
        .iter()
        .map(|v| {
            vec![
                v.rule.title().to_string(),
                v.school.clone().unwrap_or_default(),
                v.detail
                    .clone()
                    .or_else(|| v.person.clone())
                    .unwrap_or_default(),
                v.year.map(|y| y.to_string()).unwrap_or_default(),
                fmt_amount(v.amount),
            ]
        })
        .collect();
    let mut o = table(&header, &rows);
    for v in violations {
        let _ = writeln!(o, "  - {}", v.message);
        if let Some(c) = &v.cause {
            let _ = writeln!(o, "    {}", c.sentence());
        }
    }
    o
}

/// A fixed word of the files (a status, a policy choice) in the language in force; the
/// files keep the word itself, so a key with no translation shows it unchanged.
fn word(kind: &str, w: &str) -> String {
    let key = format!("word.{kind}.{w}");
    let text = t!(&key).into_owned();
    if text == key {
        w.to_string()
    } else {
        text
    }
}

/// Column headers in the language in force, from their resource keys.
fn words(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t!(*k).into_owned()).collect()
}
