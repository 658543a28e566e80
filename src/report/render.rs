//! The readable summary `solve` prints: one small function a section, each reading the
//! [`Summary`] alone, so the terminal never shows a figure `summary.json` does not hold.

use std::fmt::Write as _;

use super::table::{fmt_amount, gap_text, opt_num, table};
use crate::check::{BaselineDiff, DiffStart, Violation};
use crate::rules::Component;
use crate::summary::Summary;

/// The readable summary of a run with a plan, section by section.
pub fn render(s: &Summary) -> String {
    let sections: &[fn(&Summary) -> String] = &[
        header,
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
    format!(
        "{} — policy `{}`, plan year {} (horizon {first}–{last}, terms of {} years)\n\
         status {}   objective {:.3}   bound {}   gap {}\n\
         model {} variables ({} binary), {} rows in {} independent block(s); build {:.0} ms, solve {:.0} ms\n\n",
        s.scenario,
        s.policy,
        s.plan_year,
        s.policy_values.term_years,
        s.status,
        s.objective.unwrap_or(f64::NAN),
        opt_num(s.bound, 3),
        gap_text(s.gap),
        st.variables,
        st.binaries,
        st.rows,
        st.blocks,
        st.build_ms,
        st.solve_ms
    )
}

/// Schools that send or receive anyone, with out / in / net per year.
fn moves_table(s: &Summary) -> String {
    let mut header = vec!["school".to_string(), "role".into(), "staff".into()];
    for y in &s.years {
        header.extend([format!("{y} out"), format!("{y} in"), format!("{y} net")]);
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
            school.role.map(|r| r.as_str()).unwrap_or("-").to_string(),
            ys.first().map(|sy| sy.home_staff).unwrap_or(0).to_string(),
        ];
        for sy in ys {
            r.push(match sy.out_cap {
                Some(cap) => format!("{}/{cap}", sy.new_out),
                None => sy.new_out.to_string(),
            });
            r.push(sy.new_in.to_string());
            r.push(format!("{:+}", sy.visitors as i64 - sy.away as i64));
        }
        rows.push(r);
    }
    let cap = if s.policy_values.max_out_share < 1.0 {
        format!(
            "; out/cap: cap = ceil({} × staff) (队伍稳定)",
            s.policy_values.max_out_share
        )
    } else {
        String::new()
    };
    format!(
        "Moves per school and year (new starts out / in; net = visitors − staff away, limit ±{}{cap}):\n{}",
        s.policy_values.max_net_change,
        table(&header, &rows)
    )
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
    let header = words(&["school", "year", "due", "need", "sent", "backbone", "cadre"]);
    format!(
        "\nQuota (交流比例 {:.0}% of the due pool a year, backbone share ≥ {:.0}%):\n{}",
        q.rate * 100.0,
        q.backbone_share * 100.0,
        table(&header, &rows)
    )
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
    let header = words(&["core → member", "year", "sent", "back", "min"]);
    format!(
        "\nCore → trusteed flow (cadres/backbone sent ≥ {}, reciprocal {}):\n{}",
        g.core_to_trusteed_min,
        g.reciprocal,
        table(&header, &rows)
    )
}

/// The coverage margins and the tightest school-subject-years.
fn coverage(s: &Summary) -> String {
    let c = &s.coverage;
    let Some(smallest) = c.smallest_margin else {
        return String::new();
    };
    let mut o = format!(
        "\nCoverage (学科配齐): {} school-subject-years checked, {} exactly at the minimum, smallest margin {smallest}\n",
        c.checked, c.at_min
    );
    for t in &c.tightest {
        let _ = writeln!(
            o,
            "  {} {} {}: {} present, min {}",
            t.school, t.subject, t.year, t.present, t.min
        );
    }
    o
}

fn commute(s: &Summary) -> String {
    let d = &s.distance_km;
    if d.moves == 0 {
        return String::new();
    }
    format!(
        "\nCommute: {} moves, mean {:.1} km, max {:.1} km (cap {} km)\n",
        d.moves, d.mean, d.max, s.policy_values.max_distance_km
    )
}

/// HR's pins, and any the plan does not keep (none in a valid plan: pins are never relaxed).
fn pins(s: &Summary) -> String {
    if s.pins.is_empty() {
        return String::new();
    }
    let dropped: Vec<&crate::summary::PinKept> = s.pins.iter().filter(|p| !p.kept).collect();
    if dropped.is_empty() {
        return format!("Pins (HR decisions): {}, all kept\n", s.pins.len());
    }
    let mut o = format!(
        "Pins (HR decisions): {}, {} not kept\n",
        s.pins.len(),
        dropped.len()
    );
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
    format!(
        "Moves: {} in all, {} backbone, {} cadres\n",
        m.total, m.backbone, m.cadre
    )
}

fn objective_table(s: &Summary) -> String {
    let header = words(&["component", "weight", "value"]);
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
    rows.push(vec!["total".into(), String::new(), format!("{total:.3}")]);
    format!("\nObjective by component:\n{}", table(&header, &rows))
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
    let mut o = format!(
        "Against the baseline ({} starts): {} kept, {} dropped, {} added, {} moved; {} change(s) × weights.change {weight} = {:.3}\n",
        d.baseline,
        c.kept,
        c.dropped,
        c.added,
        c.moved,
        d.changes,
        d.changes as f64 * weight
    );
    let at = |x: &DiffStart| format!("{} in {}", x.host, x.year);
    let who = |x: &DiffStart| format!("{} {} ({})", x.person, x.name, x.home);
    let why = |x: &DiffStart| {
        x.reason
            .as_ref()
            .map_or(String::new(), |r| format!(": {r}"))
    };
    for x in &d.dropped {
        let _ = writeln!(o, "  dropped {} → {}{}", who(x), at(x), why(x));
    }
    for x in &d.added {
        let _ = writeln!(o, "  added   {} → {}", who(x), at(x));
    }
    for m in &d.moved {
        let (f, t) = (&m.from, &m.to);
        let _ = writeln!(
            o,
            "  moved   {} → {}, was {}{}",
            who(t),
            at(t),
            at(f),
            why(f)
        );
    }
    o
}

/// In elastic mode, the rules the plan breaks and by how much.
fn elastic_breaks(s: &Summary) -> String {
    if !s.elastic || s.violations.is_empty() {
        return String::new();
    }
    format!(
        "\nBroken rules (elastic mode, {} each unit):\n{}",
        s.policy_values.weights.slack,
        render_violations(&s.violations)
    )
}

/// The diagnosis of an infeasible scenario: each broken rule with school, detail, year and amount.
pub fn render_violations(violations: &[Violation]) -> String {
    let header = words(&["rule", "school", "detail", "year", "short by"]);
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
    }
    o
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}
