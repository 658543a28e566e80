//! The `rotation` command line. Exit codes: 0 plan written (or plan passes `check`),
//! 1 infeasible (with diagnosis) or a plan breaks rules, 2 bad input or usage,
//! 3 no plan (time limit reached before any plan, or a solver failure).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::check;
use crate::compare;
use crate::error::InputError;
use crate::instance::{self, Instance};
use crate::model::BuildOptions;
use crate::report;
use crate::solve::{self, Status};

// Printing never panics: a closed pipe (`rotation solve … | head`) just ends the output.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

pub const EXIT_OK: i32 = 0;
pub const EXIT_INFEASIBLE: i32 = 1;
pub const EXIT_INPUT: i32 = 2;
pub const EXIT_NO_PLAN: i32 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "rotation",
    version,
    about = "Plans teacher and cadre exchange (交流轮岗) inside school groups, optimally, with HiGHS"
)]
pub struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Args, Debug)]
struct PolicyArgs {
    /// Policy file (a constraint variant); overrides the scenario's `policy`.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Override one policy key, e.g. --set quota.rate=0.15 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Solve a scenario: write roster.csv and summary.json, print the plan summary.
    Solve {
        scenario: PathBuf,
        #[command(flatten)]
        policy: PolicyArgs,
        /// Folder for roster.csv and summary.json.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Relax every hard rule at weights.slack per unit and report what breaks.
        #[arg(long)]
        elastic: bool,
        /// Seconds HiGHS may run (overrides solver.time_limit_s).
        #[arg(long, value_name = "S")]
        time_limit: Option<f64>,
        /// HiGHS threads (overrides solver.threads; 0 lets HiGHS choose).
        #[arg(long, value_name = "N")]
        threads: Option<u32>,
    },
    /// Read and validate a scenario and policy; report every problem.
    Validate {
        scenario: PathBuf,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Audit a plan roster (also a hand-made one) against every hard rule; print its objective.
    Check {
        scenario: PathBuf,
        roster: PathBuf,
        #[command(flatten)]
        policy: PolicyArgs,
        /// Print {"ok", "objective", "violations"} as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Time every scenario under every policy file: model size, build and solve ms, objective.
    Bench {
        /// Scenario files or folders (default: the .toml files in scenarios/).
        scenarios: Vec<PathBuf>,
        /// Policy files or folders (default: models/).
        #[arg(long, num_args = 1..)]
        models: Vec<PathBuf>,
        /// Runs per pair; times are medians.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=1000))]
        repeat: u64,
        /// Where to write the CSV.
        #[arg(long, default_value = "out/bench.csv")]
        csv: PathBuf,
        /// Seconds HiGHS may run per solve (overrides solver.time_limit_s).
        #[arg(long, value_name = "S")]
        time_limit: Option<f64>,
    },
    /// Solve what-if variants side by side: scenarios × policies, plus one variant per --set.
    Compare(CompareArgs),
    /// Write the exact model as an MPS or LP file, for checking our optimum with another solver.
    Export {
        scenario: PathBuf,
        #[command(flatten)]
        policy: PolicyArgs,
        /// Write MPS to this file.
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with = "lp",
            required_unless_present = "lp"
        )]
        mps: Option<PathBuf>,
        /// Write CPLEX LP to this file.
        #[arg(long, value_name = "FILE")]
        lp: Option<PathBuf>,
        /// The elastic model (every hard rule with a priced slack) instead of the hard one.
        #[arg(long)]
        elastic: bool,
    },
    /// Write a synthetic county (scenario + roster) for trying scale.
    Generate {
        /// Number of education groups.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=2000))]
        groups: u64,
        /// Random seed: the same groups and seed give the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder for county-<N>g-s<S>.toml and its -staff.csv.
        #[arg(long, default_value = "scenarios/generated")]
        out: PathBuf,
        /// First school year planned.
        #[arg(long, default_value_t = 2027)]
        plan_year: i32,
    },
    /// List the input error codes.
    Codes,
}

fn parse_sets(sets: &[String]) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for s in sets {
        match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.push((k.trim().to_string(), v.trim().to_string()))
            }
            _ => bad.push(s.clone()),
        }
    }
    if let Some(b) = bad.first() {
        return Err(InputError::single(
            "E1040",
            Path::new("--set"),
            None,
            format!("`{b}` is not KEY=VALUE"),
            "write e.g. --set policy.max_distance_km=20",
        ));
    }
    Ok(out)
}

fn load(scenario: &Path, p: &PolicyArgs) -> Result<Instance, InputError> {
    let sets = parse_sets(&p.set)?;
    instance::load(scenario, p.policy.as_deref(), &sets)
}

/// Runs the CLI on `args` and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_INPUT } else { EXIT_OK };
        }
    };
    match cli.cmd {
        Cmd::Codes => {
            for (code, meaning) in crate::error::CODES {
                outln!("{code}  {meaning}");
            }
            EXIT_OK
        }
        Cmd::Bench {
            scenarios,
            models,
            repeat,
            csv,
            time_limit,
        } => bench_command(scenarios, models, repeat as usize, &csv, time_limit),
        Cmd::Compare(args) => compare_command(args),
        Cmd::Export {
            scenario,
            policy,
            mps,
            lp,
            elastic,
        } => {
            let inst = match load(&scenario, &policy) {
                Ok(i) => i,
                Err(e) => return input_failed(&e),
            };
            let Some(path) = mps.or(lp) else {
                return EXIT_INPUT;
            };
            match crate::export::export(&inst, &path, elastic) {
                Ok(x) => {
                    outln!(
                        "written: {} ({} variables, {} rows; objective offset included)",
                        path.display(),
                        x.variables,
                        x.rows
                    );
                    if x.broken_constant_rows > 0 {
                        eprintln!("note: {} rule(s) fail whatever the plan and have no row in the file; `solve` reports them as infeasible", x.broken_constant_rows);
                    }
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!(
                        "error[E1001] {e}\n    fix: give a writable path ending in .mps or .lp"
                    );
                    EXIT_INPUT
                }
            }
        }
        Cmd::Generate {
            groups,
            seed,
            out,
            plan_year,
        } => {
            let county = crate::generate::generate(&crate::generate::Options {
                groups: groups as usize,
                seed,
                plan_year,
            });
            match county.write(&out) {
                Ok(path) => {
                    outln!(
                        "written: {} ({} groups, {} schools, {} staff) and {}",
                        path.display(),
                        groups,
                        county.schools,
                        county.staff,
                        county.staff_file()
                    );
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("error[E1001] {}: cannot write the county: {e}\n    fix: choose a writable --out folder", out.display());
                    EXIT_INPUT
                }
            }
        }
        Cmd::Validate { scenario, policy } => match load(&scenario, &policy) {
            Ok(inst) => {
                let cands = crate::candidates::generate(&inst);
                outln!(
                    "{}: valid. {} schools in {} groups, {} staff, {} subjects; policy `{}`; {} admissible starts.",
                    scenario.display(),
                    inst.schools.len(),
                    inst.groups.len(),
                    inst.people.len(),
                    inst.subjects.len(),
                    inst.policy.name,
                    cands.len()
                );
                EXIT_OK
            }
            Err(e) => input_failed(&e),
        },
        Cmd::Check {
            scenario,
            roster,
            policy,
            json,
        } => {
            let inst = match load(&scenario, &policy) {
                Ok(i) => i,
                Err(e) => return input_failed(&e),
            };
            let plan = match crate::input::plan::read_plan(&inst, &roster) {
                Ok(p) => p,
                Err(e) => return input_failed(&e),
            };
            let r = check::check(&inst, &plan);
            if json {
                let v = serde_json::json!({ "ok": r.ok, "objective": r.objective, "violations": r.violations });
                outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                outln!(
                    "{} starts checked against policy `{}`",
                    plan.starts.len(),
                    inst.policy.name
                );
                if r.ok {
                    outln!("ok: every hard rule holds");
                } else {
                    outln!("{} broken rule(s):", r.violations.len());
                    out!("{}", report::render_violations(&r.violations));
                }
                outln!("objective {:.6}", r.objective);
            }
            if r.ok {
                EXIT_OK
            } else {
                EXIT_INFEASIBLE
            }
        }
        Cmd::Solve {
            scenario,
            policy,
            out,
            elastic,
            time_limit,
            threads,
        } => {
            let mut inst = match load(&scenario, &policy) {
                Ok(i) => i,
                Err(e) => return input_failed(&e),
            };
            if let Some(t) = time_limit {
                if let Err(e) = check_time_limit(t) {
                    return input_failed(&e);
                }
                inst.policy.solver.time_limit_s = t;
            }
            if let Some(n) = threads {
                inst.policy.solver.threads = n;
            }
            // `solver.threads` caps the cores: independent blocks share a pool of that size.
            match inst.policy.solver.threads {
                0 => solve_command(&inst, &out, elastic),
                n => match rayon::ThreadPoolBuilder::new()
                    .num_threads(n as usize)
                    .build()
                {
                    Ok(pool) => pool.install(|| solve_command(&inst, &out, elastic)),
                    Err(_) => solve_command(&inst, &out, elastic),
                },
            }
        }
    }
}

fn check_time_limit(t: f64) -> Result<(), InputError> {
    if t.is_nan() || t <= 0.0 {
        return Err(InputError::single(
            "E1006",
            Path::new("--time-limit"),
            None,
            format!("--time-limit {t} must be > 0"),
            "give seconds, e.g. --time-limit 60",
        ));
    }
    Ok(())
}

fn bench_command(
    scenarios: Vec<PathBuf>,
    models: Vec<PathBuf>,
    repeat: usize,
    csv: &Path,
    time_limit: Option<f64>,
) -> i32 {
    if let Some(t) = time_limit {
        if let Err(e) = check_time_limit(t) {
            return input_failed(&e);
        }
    }
    let or = |v: Vec<PathBuf>, d: &str| {
        if v.is_empty() {
            vec![PathBuf::from(d)]
        } else {
            v
        }
    };
    let (scenarios, models) = match (
        crate::bench::toml_files(&or(scenarios, "scenarios")),
        crate::bench::toml_files(&or(models, "models")),
    ) {
        (Ok(s), Ok(m)) if !s.is_empty() && !m.is_empty() => (s, m),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error[E1001] cannot list the files: {e}\n    fix: give existing scenario and policy files or folders");
            return EXIT_INPUT;
        }
        _ => {
            eprintln!("error[E1001] no scenario or no policy file found\n    fix: give .toml files or folders holding them");
            return EXIT_INPUT;
        }
    };
    // Every pair is read first, so a typo stops the run before any timing, with all problems.
    let mut pairs = Vec::new();
    let mut failed = false;
    for s in &scenarios {
        for m in &models {
            match instance::load(s, Some(m), &[]) {
                Ok(mut inst) => {
                    if let Some(t) = time_limit {
                        inst.policy.solver.time_limit_s = t;
                    }
                    pairs.push((s, m, inst));
                }
                Err(e) => {
                    eprintln!("{} × {}:\n{e}", s.display(), m.display());
                    failed = true;
                }
            }
        }
    }
    if failed {
        return EXIT_INPUT;
    }
    let bar = std::io::stderr()
        .is_terminal()
        .then(|| progress_bar(pairs.len(), "{bar:30} {pos}/{len} {elapsed_precise} {msg}"));
    let mut rows = Vec::new();
    for (i, (s, m, inst)) in pairs.iter().enumerate() {
        let label = format!("{} × {}", report::file_label(s), report::file_label(m));
        if let Some(b) = &bar {
            b.set_message(label.clone());
        }
        let row = crate::bench::run_pair(s, m, inst, repeat);
        match &bar {
            Some(b) => b.inc(1),
            None => eprintln!(
                "[{}/{}] {label}: {} in {:.0} ms",
                i + 1,
                pairs.len(),
                row.status,
                row.solve_ms
            ),
        }
        rows.push(row);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out!("{}", crate::bench::render(&rows));
    let dir = report::folder_of(csv);
    let file = csv.file_name().map(|f| f.to_string_lossy().into_owned());
    let written = match (crate::bench::csv(&rows), file) {
        (Ok(bytes), Some(f)) => report::write_atomically(&dir, &[(&f, bytes)], &[]).is_ok(),
        _ => false,
    };
    if !written {
        eprintln!(
            "error[E1001] {}: cannot write the CSV\n    fix: choose a writable --csv path",
            csv.display()
        );
        return EXIT_INPUT;
    }
    outln!(
        "written: {} ({} pairs, {} run(s) each, medians)",
        csv.display(),
        rows.len(),
        repeat
    );
    EXIT_OK
}

#[derive(clap::Args, Debug)]
struct CompareArgs {
    /// Scenario files (one or more).
    #[arg(required = true)]
    scenarios: Vec<PathBuf>,
    /// Policy files: each scenario is solved under each (default: the scenario's own).
    #[arg(long = "policy")]
    policies: Vec<PathBuf>,
    /// A what-if on the first variant, e.g. --set policy.max_distance_km=20; several keys
    /// in one variant: --set quota.rate=0.15,policy.max_distance_km=20 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE[,KEY=VALUE]")]
    sets: Vec<String>,
    /// Folder for comparison.csv/json, diff.csv and one folder per variant.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Variants solved at once (0: one per core; 1: one after the other).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// Seconds HiGHS may run per variant (overrides solver.time_limit_s).
    #[arg(long, value_name = "S")]
    time_limit: Option<f64>,
    /// People listed per plan diff on the terminal.
    #[arg(long, default_value_t = 15)]
    diff_rows: usize,
}

fn compare_command(a: CompareArgs) -> i32 {
    let mut groups = Vec::new();
    for s in &a.sets {
        match parse_sets(&compare::split_changes(s)) {
            Ok(g) if !g.is_empty() => groups.push(g),
            Ok(_) => {
                return input_failed(&InputError::single(
                    "E1040",
                    Path::new("--set"),
                    None,
                    "an empty --set",
                    "write e.g. --set policy.max_distance_km=20",
                ))
            }
            Err(e) => return input_failed(&e),
        }
    }
    if let Some(t) = a.time_limit {
        if let Err(e) = check_time_limit(t) {
            return input_failed(&e);
        }
    }
    let variants = compare::variants(&a.scenarios, &a.policies, &groups);
    let mut insts = match compare::load_all(&variants) {
        Ok(i) => i,
        Err(errors) => {
            for (label, e) in errors {
                eprintln!("variant `{label}`:\n{e}");
            }
            return EXIT_INPUT;
        }
    };
    if let Some(t) = a.time_limit {
        for i in &mut insts {
            i.policy.solver.time_limit_s = t;
        }
    }
    let n = variants.len();
    progress(&format!("solving {n} variant(s)…"));
    let started = std::time::Instant::now();
    let outcomes = compare::solve_all(variants, insts, a.jobs, &|o| {
        progress(&format!(
            "  {}: {} in {:.1} s",
            o.variant.label,
            o.solved.status.as_str(),
            o.wall_ms / 1e3
        ))
    });
    let wall = started.elapsed().as_secs_f64();
    let metrics: Vec<compare::Metrics> = outcomes.iter().map(compare::Metrics::of).collect();
    outln!("{}", compare::render_table(&metrics));
    let mut changes = Vec::new();
    if let Some((first, rest)) = outcomes.split_first() {
        for o in rest {
            if first.report.is_none() || o.report.is_none() {
                outln!(
                    "`{}` against `{}`: no diff, one of them has no plan\n",
                    o.variant.label,
                    first.variant.label
                );
                continue;
            }
            let d = compare::diff(first, o);
            outln!(
                "{}",
                compare::render_diff(&first.variant.label, &d, &o.variant.label, a.diff_rows)
            );
            changes.extend(d);
        }
    }
    for o in outcomes.iter().filter(|o| !o.broken().is_empty()) {
        outln!(
            "`{}` is infeasible; the cheapest relaxation breaks:",
            o.variant.label
        );
        outln!("{}", report::render_violations(o.broken()));
    }
    outln!("{n} variant(s) in {wall:.1} s wall time");
    if let Some(dir) = &a.out {
        if let Err(e) = write_comparison(dir, &outcomes, &metrics, &changes) {
            eprintln!("error[E1001] {}: cannot write the comparison: {e}\n    fix: choose a writable --out folder", dir.display());
            return EXIT_INPUT;
        }
        outln!(
            "written: {} and {}, diff.csv, one folder per variant",
            dir.join("comparison.csv").display(),
            dir.join("comparison.json").display()
        );
    }
    let statuses: Vec<Status> = outcomes.iter().map(|o| o.solved.status).collect();
    if statuses
        .iter()
        .any(|s| matches!(s, Status::NoPlanInTime | Status::Error))
    {
        EXIT_NO_PLAN
    } else if statuses.contains(&Status::Infeasible) {
        EXIT_INFEASIBLE
    } else {
        EXIT_OK
    }
}

fn write_comparison(
    dir: &Path,
    outcomes: &[compare::Outcome],
    metrics: &[compare::Metrics],
    changes: &[compare::Change],
) -> Result<(), String> {
    for (i, o) in outcomes.iter().enumerate() {
        let files = compare::variant_files(o)?;
        let stale: &[&str] = if o.report.is_some() {
            &[]
        } else {
            &["roster.csv"]
        };
        report::write_atomically(&dir.join(compare::slug(i, &o.variant.label)), &files, stale)
            .map_err(|e| e.to_string())?;
    }
    let json = serde_json::json!({
        "variants": outcomes.iter().enumerate().map(|(i, o)| serde_json::json!({
            "folder": compare::slug(i, &o.variant.label),
            "variant": o.variant,
            "metrics": metrics[i],
            "broken": o.broken(),
        })).collect::<Vec<_>>(),
        "diff": changes,
    });
    let files = vec![
        ("comparison.csv", compare::metrics_csv(metrics)?),
        (
            "comparison.json",
            serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?,
        ),
        ("diff.csv", compare::diff_csv(changes)?),
    ];
    report::write_atomically(dir, &files, &[]).map_err(|e| e.to_string())?;
    Ok(())
}

fn input_failed(e: &InputError) -> i32 {
    eprintln!("{e}");
    EXIT_INPUT
}

/// A progress bar on stderr (callers show it on a terminal only).
fn progress_bar(len: usize, template: &str) -> indicatif::ProgressBar {
    let b = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        b.set_style(style);
    }
    b
}

fn progress(msg: &str) {
    if std::io::stderr().is_terminal() || std::env::var_os("ROTATION_PROGRESS").is_some() {
        eprintln!("{msg}");
    }
}

fn solve_command(inst: &Instance, out: &Path, elastic: bool) -> i32 {
    progress(&format!(
        "solving {} under policy `{}`{}…",
        inst.name,
        inst.policy.name,
        if elastic { " (elastic)" } else { "" }
    ));
    // A bar of solved blocks, on a terminal only, when there are enough to wait for.
    let bar: std::sync::OnceLock<indicatif::ProgressBar> = std::sync::OnceLock::new();
    let solved = solve::solve_with_progress(
        inst,
        &BuildOptions {
            elastic,
            ..Default::default()
        },
        &|done, total| {
            if total < 10 || !std::io::stderr().is_terminal() {
                return;
            }
            let b = bar.get_or_init(|| {
                progress_bar(
                    total,
                    "{bar:30} {pos}/{len} blocks solved {elapsed_precise}",
                )
            });
            b.set_position(done as u64);
        },
    );
    if let Some(b) = bar.get() {
        b.finish_and_clear();
    }
    match solved.status {
        Status::Optimal | Status::Feasible => {
            let r = check::check(inst, &solved.plan);
            if !elastic && !r.ok {
                // The checker is independent of the model: disagreement is a bug, never a plan.
                eprintln!(
                    "internal error: the solver's plan breaks rules the model should enforce:"
                );
                eprint!("{}", report::render_violations(&r.violations));
                return EXIT_NO_PLAN;
            }
            let summary = report::run_summary(inst, &solved, Some(&r), elastic, None);
            let files = match (
                report::roster_csv(inst, &solved),
                serde_json::to_vec_pretty(&summary),
            ) {
                (Ok(roster), Ok(json)) => vec![("roster.csv", roster), ("summary.json", json)],
                _ => {
                    eprintln!("error: cannot format the outputs");
                    return EXIT_NO_PLAN;
                }
            };
            if let Err(e) = report::write_atomically(out, &files, &[]) {
                eprintln!("error[E1001] {}: cannot write the outputs: {e}\n    fix: choose a writable --out folder", out.display());
                return EXIT_INPUT;
            }
            out!("{}", report::render(inst, &solved, &r));
            if elastic && !r.violations.is_empty() {
                outln!(
                    "\nBroken rules (elastic mode, {} each unit):",
                    inst.policy.weights.slack
                );
                out!("{}", report::render_violations(&r.violations));
            }
            outln!(
                "\nwritten: {}, {}",
                out.join("roster.csv").display(),
                out.join("summary.json").display()
            );
            EXIT_OK
        }
        Status::Infeasible => {
            outln!(
                "infeasible: no plan for {} keeps every hard rule of policy `{}`.",
                inst.name,
                inst.policy.name
            );
            outln!("re-solving in elastic mode to find what breaks…");
            let diagnosis = crate::run::diagnose(inst);
            match &diagnosis.report {
                Some(r) => {
                    outln!("\nThe cheapest relaxation breaks these rules (each unit costs weights.slack = {}):", inst.policy.weights.slack);
                    out!("{}", report::render_violations(&r.violations));
                }
                None => outln!(
                    "the elastic model could not be solved either: {}",
                    diagnosis.relaxed.message.clone().unwrap_or_default()
                ),
            }
            let summary = report::run_summary(inst, &solved, None, false, Some(&diagnosis));
            if write_summary_only(out, &summary) {
                outln!(
                    "\nwritten: {} (status infeasible, no roster)",
                    out.join("summary.json").display()
                );
            }
            EXIT_INFEASIBLE
        }
        Status::NoPlanInTime | Status::Error => {
            eprintln!("no plan: {}", solved.message.clone().unwrap_or_default());
            let summary = report::run_summary(inst, &solved, None, elastic, None);
            if write_summary_only(out, &summary) {
                eprintln!(
                    "written: {} (status error, no roster)",
                    out.join("summary.json").display()
                );
            }
            EXIT_NO_PLAN
        }
    }
}

/// Writes `summary.json` alone for a run without a plan. The diagnosis is kept, and an
/// older `roster.csv` in the folder is removed: it would wrongly look like this run's plan.
fn write_summary_only(out: &Path, summary: &serde_json::Value) -> bool {
    serde_json::to_vec_pretty(summary).is_ok_and(|json| {
        report::write_atomically(out, &[("summary.json", json)], &["roster.csv"]).is_ok()
    })
}
