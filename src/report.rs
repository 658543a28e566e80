//! Results for people and programs: `roster.csv` and `summary.json` (written atomically) and
//! the readable terminal summary.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

use crate::check::{Report, Violation};
use crate::instance::Instance;
use crate::rules::{Component, Detail, Label};
use crate::run::Diagnosis;
use crate::solve::{Solved, Status};

/// One roster row per new start, in SCENARIO.md's column order.
pub fn roster_csv(inst: &Instance, solved: &Solved) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "person_id",
        "name",
        "post",
        "backbone",
        "subject",
        "home_school",
        "host_school",
        "start_year",
        "end_year",
        "distance_km",
    ])?;
    for s in &solved.plan.starts {
        let p = inst.person(s.person);
        let km = crate::candidates::distance_km(inst, s.person, s.host);
        w.write_record([
            p.id.clone(),
            p.name.clone(),
            p.post.as_str().to_string(),
            p.backbone.to_string(),
            inst.subjects[p.subject.ix()].clone(),
            inst.school(p.home).id.clone(),
            inst.school(s.host).id.clone(),
            s.year.to_string(),
            (s.year + inst.policy.term_years - 1).to_string(),
            format!("{km:.3}"),
        ])?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// A solver slack row as a violation in the checker's terms (for diagnosis and tests).
pub fn slack_violation(inst: &Instance, label: &Label, amount: f64) -> Violation {
    let school = inst.school(label.school).id.clone();
    let detail = match label.detail {
        Detail::None => None,
        Detail::Subject(k) => Some(inst.subjects[k.ix()].clone()),
        Detail::Member(m) => Some(inst.school(m).id.clone()),
        Detail::Surplus => Some("surplus".into()),
        Detail::Deficit => Some("deficit".into()),
    };
    let what = detail
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let message = format!(
        "{} at {school}{what} in {}: short by {}",
        label.rule.title(),
        label.year,
        fmt_amount(amount)
    );
    Violation {
        rule: label.rule,
        school: Some(school),
        detail,
        person: None,
        year: Some(label.year),
        amount,
        message,
    }
}

fn fmt_amount(a: f64) -> String {
    if (a - a.round()).abs() < 1e-6 {
        format!("{}", a.round())
    } else {
        format!("{a:.2}")
    }
}

fn components_json(components: &[(Component, f64)]) -> Value {
    let mut m = serde_json::Map::new();
    for (c, v) in components {
        m.insert(c.key().to_string(), json!(v));
    }
    Value::Object(m)
}

/// The machine-readable summary (SCENARIO.md: status, objective, bound, gap, violations, and
/// the counts behind every rule per school and year).
/// How many of the plan's new starts are backbone teachers, and how many are cadres.
/// Moves of backbone teachers and of cadres in the plan.
pub fn backbone_and_cadre_moves(inst: &Instance, solved: &Solved) -> (usize, usize) {
    let people = solved.plan.starts.iter().map(|s| inst.person(s.person));
    let backbone = people.clone().filter(|p| p.backbone).count();
    let cadre = people
        .filter(|p| p.post == crate::domain::Post::Cadre)
        .count();
    (backbone, cadre)
}

pub fn summary_json(
    inst: &Instance,
    solved: &Solved,
    report: Option<&Report>,
    elastic: bool,
    status: Status,
) -> Value {
    let moves = &solved.plan.starts;
    let (backbone, cadre) = backbone_and_cadre_moves(inst, solved);
    let schools: Vec<Value> = inst
        .schools
        .iter()
        .map(|s| {
            let years: Vec<&crate::check::SchoolYear> = report
                .map(|r| {
                    r.school_years
                        .iter()
                        .filter(|sy| sy.school == s.id)
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "id": s.id,
                "name": s.name,
                "group": s.group.map(|g| inst.groups[g.ix()].id.clone()),
                "role": s.role.map(|r| r.as_str()),
                "years": years,
            })
        })
        .collect();
    let d = report.map(|r| r.distances_km.clone()).unwrap_or_default();
    let dist = json!({
        "moves": d.len(),
        "total": d.iter().sum::<f64>(),
        "mean": if d.is_empty() { 0.0 } else { d.iter().sum::<f64>() / d.len() as f64 },
        "max": d.iter().cloned().fold(0.0, f64::max),
    });
    json!({
        "scenario": inst.name,
        "policy": inst.policy.name,
        "plan_year": inst.plan_year,
        "years": inst.years().collect::<Vec<_>>(),
        "elastic": elastic,
        "status": status.as_str(),
        "objective": solved.objective,
        "bound": solved.bound,
        "gap": solved.gap,
        "components": components_json(&solved.components),
        "violations": report.map(|r| r.violations.clone()).unwrap_or_default(),
        "moves": { "total": moves.len(), "backbone": backbone, "cadre": cadre },
        "distance_km": dist,
        "schools": schools,
        "flows": report.map(|r| r.flows.clone()).unwrap_or_default(),
        "stats": solved.stats,
        "message": solved.message,
        "policy_values": inst.policy,
    })
}

/// `summary.json` of any run. With a plan: the plan's counts. Infeasible: the counts and
/// broken rules of the elastic diagnosis, with no objective. No plan in time or a solver
/// failure: status `error` (SCENARIO.md's statuses stop there) and a `reason` that tells
/// the two apart.
pub fn run_summary(
    inst: &Instance,
    solved: &Solved,
    report: Option<&Report>,
    elastic: bool,
    diagnosis: Option<&Diagnosis>,
) -> Value {
    match solved.status {
        Status::Optimal | Status::Feasible => {
            summary_json(inst, solved, report, elastic, solved.status)
        }
        Status::Infeasible => {
            let (relaxed, r) = match diagnosis {
                Some(d) => (&d.relaxed, d.report.as_ref()),
                None => (solved, None),
            };
            let mut s = summary_json(inst, relaxed, r, false, Status::Infeasible);
            s["objective"] = Value::Null;
            s["bound"] = Value::Null;
            s["gap"] = Value::Null;
            s["elastic_objective"] = json!(relaxed.objective);
            s
        }
        Status::NoPlanInTime | Status::Error => {
            let mut s = summary_json(inst, solved, None, elastic, Status::Error);
            s["reason"] = json!(solved.status.as_str());
            s["objective"] = Value::Null;
            s
        }
    }
}

/// Writes the given files into `dir` so that either all appear complete or none changes: each
/// is written to a temporary file in the same folder and renamed into place at the end.
pub fn write_atomically(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    remove: &[&str],
) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        staged.push((tmp, dir.join(name)));
    }
    for name in remove {
        let p = dir.join(name);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    let mut written = Vec::new();
    for (tmp, target) in staged {
        tmp.persist(&target).map_err(|e| e.error)?;
        written.push(target);
    }
    Ok(written)
}

/// A number with `digits` decimals for tables, `-` when there is none.
pub fn opt_num(v: Option<f64>, digits: usize) -> String {
    v.map(|x| format!("{x:.digits$}"))
        .unwrap_or_else(|| "-".into())
}

/// A relative gap as a percentage for tables, `-` when there is none.
pub fn gap_text(gap: Option<f64>) -> String {
    gap.map(|g| format!("{:.4}%", g * 100.0))
        .unwrap_or_else(|| "-".into())
}

/// A file's name without folder and extension, to label it in tables.
pub fn file_label(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// The folder a file goes into (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Left-aligns `s` in `width` terminal columns (Chinese characters take two).
fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Whether a cell reads as a number (`12`, `-1`, `+1`, `4.5`, `0.0000%`), so it is right-aligned.
fn numeric(c: &str) -> bool {
    let t = c.trim_end_matches('%').trim_start_matches('+');
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// A plain text table: header row, rule, rows; columns of numbers right-aligned, text left,
/// so the names (often Chinese, two columns a character) line up.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header
        .iter()
        .map(|h| UnicodeWidthStr::width(h.as_str()))
        .collect();
    let mut right = vec![!rows.is_empty(); n];
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(UnicodeWidthStr::width(c.as_str()));
            right[i] &= c.is_empty() || numeric(c);
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from("  ");
        for (i, c) in cells.iter().enumerate().take(n) {
            if i > 0 {
                s.push_str("  ");
            }
            if right[i] {
                let w = UnicodeWidthStr::width(c.as_str());
                s.push_str(&" ".repeat(widths[i].saturating_sub(w)));
                s.push_str(c);
            } else {
                s.push_str(&pad(c, widths[i]));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header);
    out.push('\n');
    out.push_str(&format!(
        "  {}\n",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (n - 1))
    ));
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// The readable summary printed by `solve`.
pub fn render(inst: &Instance, solved: &Solved, report: &Report) -> String {
    let mut o = String::new();
    let years: Vec<i32> = inst.years().collect();
    let _ = writeln!(
        o,
        "{} — policy `{}`, plan year {} (horizon {}–{}, terms of {} years)",
        inst.name,
        inst.policy.name,
        inst.plan_year,
        years[0],
        years[years.len() - 1],
        inst.policy.term_years
    );
    let obj = solved.objective.unwrap_or(f64::NAN);
    let gap = gap_text(solved.gap);
    let bound = opt_num(solved.bound, 3);
    let _ = writeln!(
        o,
        "status {}   objective {obj:.3}   bound {bound}   gap {gap}",
        solved.status.as_str()
    );
    let st = &solved.stats;
    let _ = writeln!(
        o,
        "model {} variables ({} binary), {} rows in {} independent block(s); build {:.0} ms, solve {:.0} ms\n",
        st.variables, st.binaries, st.rows, st.blocks, st.build_ms, st.solve_ms
    );

    // Moves per school and year.
    let mut header = vec![
        "school".to_string(),
        "role".to_string(),
        "staff".to_string(),
    ];
    for y in &years {
        header.push(format!("{y} out"));
        header.push(format!("{y} in"));
        header.push(format!("{y} net"));
    }
    let mut rows = Vec::new();
    for s in &inst.schools {
        let sys: Vec<_> = report
            .school_years
            .iter()
            .filter(|sy| sy.school == s.id)
            .collect();
        if sys
            .iter()
            .all(|sy| sy.new_out == 0 && sy.new_in == 0 && sy.visitors == 0 && sy.away == 0)
        {
            continue;
        }
        let mut r = vec![
            format!("{} {}", s.id, s.name),
            s.role.map(|r| r.as_str()).unwrap_or("-").to_string(),
            sys.first().map(|sy| sy.home_staff).unwrap_or(0).to_string(),
        ];
        for sy in &sys {
            r.push(sy.new_out.to_string());
            r.push(sy.new_in.to_string());
            r.push(format!("{:+}", sy.visitors as i64 - sy.away as i64));
        }
        rows.push(r);
    }
    let _ = writeln!(
        o,
        "Moves per school and year (new starts out / in; net = visitors − staff away, limit ±{}):",
        inst.policy.max_net_change
    );
    o.push_str(&table(&header, &rows));

    // Quota attainment.
    let quota: Vec<_> = report
        .school_years
        .iter()
        .filter(|sy| sy.quota_need.is_some())
        .collect();
    if !quota.is_empty() {
        let _ = writeln!(
            o,
            "\nQuota (交流比例 {:.0}% of the due pool a year, backbone share ≥ {:.0}%):",
            inst.policy.quota.rate * 100.0,
            inst.policy.quota.backbone_share * 100.0
        );
        let header = vec![
            "school".into(),
            "year".into(),
            "due".into(),
            "need".into(),
            "sent".into(),
            "backbone".into(),
            "cadre".into(),
        ];
        let rows: Vec<Vec<String>> = quota
            .iter()
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
        o.push_str(&table(&header, &rows));
    }

    if !report.flows.is_empty() {
        let _ = writeln!(
            o,
            "\nCore → trusteed flow (cadres/backbone sent ≥ {}, reciprocal {}):",
            inst.policy.group_flow.core_to_trusteed_min, inst.policy.group_flow.reciprocal
        );
        let header = vec![
            "core → member".into(),
            "year".into(),
            "sent".into(),
            "back".into(),
            "min".into(),
        ];
        let rows: Vec<Vec<String>> = report
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
        o.push_str(&table(&header, &rows));
    }

    // Coverage: the tightest school-subject-years.
    let mut cov: Vec<(i64, String)> = report
        .school_years
        .iter()
        .flat_map(|sy| {
            sy.coverage.iter().map(move |c| {
                (
                    c.present as i64 - c.min as i64,
                    format!(
                        "{} {} {}: {} present, min {}",
                        sy.school, c.subject, sy.year, c.present, c.min
                    ),
                )
            })
        })
        .collect();
    cov.sort();
    if !cov.is_empty() {
        let at_min = cov.iter().filter(|(s, _)| *s == 0).count();
        let _ = writeln!(o, "\nCoverage (学科配齐): {} school-subject-years checked, {} exactly at the minimum, smallest margin {}", cov.len(), at_min, cov[0].0);
        for (_, text) in cov.iter().take(3) {
            let _ = writeln!(o, "  {text}");
        }
    }

    let d = &report.distances_km;
    if !d.is_empty() {
        let total: f64 = d.iter().sum();
        let _ = writeln!(
            o,
            "\nCommute: {} moves, mean {:.1} km, max {:.1} km (cap {} km)",
            d.len(),
            total / d.len() as f64,
            d.iter().cloned().fold(0.0, f64::max),
            inst.policy.max_distance_km
        );
    }
    let moves = &solved.plan.starts;
    let (backbone, cadre) = backbone_and_cadre_moves(inst, solved);
    let _ = writeln!(
        o,
        "Moves: {} in all, {} backbone, {} cadres",
        moves.len(),
        backbone,
        cadre
    );

    let _ = writeln!(o, "\nObjective by component:");
    let header = vec!["component".into(), "weight".into(), "value".into()];
    let mut rows: Vec<Vec<String>> = solved
        .components
        .iter()
        .map(|(c, v)| {
            vec![
                c.key().to_string(),
                format!("{}", c.weight(&inst.policy)),
                format!("{v:.3}"),
            ]
        })
        .collect();
    rows.push(vec!["total".into(), String::new(), format!("{obj:.3}")]);
    o.push_str(&table(&header, &rows));
    o
}

/// The diagnosis of an infeasible scenario: each broken rule with school, detail, year and amount.
pub fn render_violations(violations: &[Violation]) -> String {
    let header = vec![
        "rule".into(),
        "school".into(),
        "detail".into(),
        "year".into(),
        "short by".into(),
    ];
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
