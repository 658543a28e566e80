//! `rotation compare`: what-if variants solved side by side, their figures and plan diffs.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use super::args::{replaced_out_of_range, set_groups, solver_sets, with_baseline};
use super::output::{
    input_failed, outln, progress, write_failed, EXIT_INFEASIBLE, EXIT_INPUT, EXIT_NO_PLAN, EXIT_OK,
};
use crate::compare::{self, Metrics, PersonDiff, SolvedVariant};
use crate::error::InputError;
use crate::instance::Instance;
use crate::report::{self, status_word};
use crate::solve::Status;
use crate::summary::Provenance;
use crate::write::{write_atomically, OutputLock};

/// `compare` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Scenario files (one or more).
    #[arg(required_unless_present = "grid")]
    scenarios: Vec<PathBuf>,
    /// The variants of a sweep grid (sweep.toml) instead of scenarios, policies and --set.
    #[arg(long, conflicts_with_all = ["scenarios", "policies", "sets"])]
    grid: Option<PathBuf>,
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
    /// Seconds HiGHS may run per variant (same as --set solver.time_limit_s=S on each).
    #[arg(long, value_name = "S")]
    time_limit: Option<f64>,
    /// People listed per plan diff on the terminal.
    #[arg(long, default_value_t = 15)]
    diff_rows: usize,
    /// A plan already published (roster.csv format): every variant re-plans against it
    /// with the fewest changes (weights.change each).
    #[arg(long, value_name = "ROSTER.csv")]
    baseline: Option<PathBuf>,
    /// Also write report.html in --out: the variants' figures as grouped bars and who
    /// moves differently, in one page to show.
    #[arg(long, requires = "out")]
    report: bool,
    /// Refuse the input on any warning about it (a column not read, a row skipped, a
    /// distance estimated): exit 2, as `solve --strict`.
    #[arg(long)]
    strict: bool,
    /// Names for the variants, in order (repeatable): `--label "rate 15%"` names the first,
    /// a second `--label` the second; those not named keep their label.
    #[arg(long = "label", value_name = "TEXT")]
    labels: Vec<String>,
    /// Runs per variant: its times are the least, median and most of them.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1000))]
    repeat: u64,
}

/// The variants asked for (a grid's, or scenarios × policies and `--set`) and the settings
/// every variant gets.
type Asked = (Vec<compare::Variant>, Vec<(String, String)>);

fn asked(a: &Args) -> Result<Asked, InputError> {
    let (variants, mut common) = match &a.grid {
        Some(grid) => {
            let g = crate::sweep::read_grid(grid)?;
            (g.variants, g.common)
        }
        None => {
            let groups = set_groups(&a.sets)?;
            let variants = compare::variants(&a.scenarios, &a.policies, &groups);
            (variants, Vec::new())
        }
    };
    common.extend(solver_sets(a.time_limit, None));
    let mut variants = variants;
    for (v, label) in variants.iter_mut().zip(&a.labels) {
        v.label = label.clone();
    }
    Ok((variants, common))
}

pub(crate) fn run(a: Args) -> i32 {
    let (variants, common) = match asked(&a) {
        Ok(v) => v,
        Err(e) => return input_failed(&e),
    };
    let loaded = compare::load_all(&variants, &common).and_then(|i| {
        // A value a later `--set` or `--time-limit` replaces is checked too.
        let replaced = variants.iter().filter_map(|v| {
            let sets: Vec<_> = v.sets.iter().chain(&common).cloned().collect();
            let problems = replaced_out_of_range(&sets);
            (!problems.is_empty()).then(|| (v.label.clone(), InputError(problems.0)))
        });
        let replaced: Vec<_> = replaced.collect();
        if replaced.is_empty() {
            Ok(i)
        } else {
            Err(replaced)
        }
    });
    let insts = match loaded.and_then(|i| baselines(&variants, i, a.baseline.as_deref())) {
        Ok(i) => i,
        Err(errors) => {
            for (label, e) in errors {
                eprintln!("{}\n{e}", t!("tools.compare.variant", label = label));
            }
            return EXIT_INPUT;
        }
    };
    if let Err(e) = say_warnings(&insts, a.strict) {
        return input_failed(&e);
    }
    // Held to the end: a second run into the same folder is refused instead of mixing.
    let lock = a
        .out
        .as_ref()
        .map(|dir| (dir, OutputLock::take(dir, COMPARE_OUTPUTS)));
    let _lock = match lock {
        Some((dir, Err(e))) => return write_failed(dir, &t!("tools.what.comparison"), e),
        Some((_, Ok(lock))) => Some(lock),
        None => None,
    };
    let n = variants.len();
    progress(&t!("compare.solving", n = n));
    let started = std::time::Instant::now();
    let mut outcomes = compare::solve_all(variants, insts, a.jobs, a.repeat as usize, &|o| {
        let seconds = format!("{:.1}", o.wall_ms / 1e3);
        let label = &o.variant.label;
        let status = status_word(o.run.status().as_str());
        progress(&t!(
            "tools.compare.progress",
            label = label,
            status = status,
            s = seconds
        ))
    });
    let wall = started.elapsed().as_secs_f64();
    with_provenance(&mut outcomes, a.baseline.as_deref());
    let results: Result<Vec<_>, _> = outcomes.iter().map(compare::VariantResult::of).collect();
    let results = match results {
        Ok(r) => r,
        Err(e) => {
            let dir = a.out.as_deref().unwrap_or(Path::new("."));
            return write_failed(dir, &t!("tools.what.comparison"), e);
        }
    };
    let compared = present(&results, a.diff_rows, a.out.as_deref());
    for o in outcomes.iter().filter(|o| !o.broken().is_empty()) {
        outln!(
            "{}",
            t!("tools.compare.infeasible", label = o.variant.label)
        );
        outln!("{}", report::render_violations(&o.broken_rules()));
    }
    let wall = format!("{wall:.1}");
    outln!("{}", t!("compare.done", n = n, wall = wall));
    if let Some(dir) = &a.out {
        let written = variant_folders(dir, &outcomes).and_then(|()| {
            let folders: Vec<String> = (results.iter().enumerate())
                .map(|(i, r)| compare::slug(i, &r.variant.label))
                .collect();
            write_comparison(dir, &results, &folders, &compared, a.report)
        });
        if let Err(e) = written {
            return write_failed(dir, &t!("tools.what.comparison"), e);
        }
        said_written(dir, a.report, "tools.compare.written");
    }
    exit_code(&results)
}

/// The figures, plan differences and weights of a comparison.
pub(crate) type Compared = (Vec<Metrics>, Vec<PersonDiff>, Vec<compare::WeightDiff>);

/// What `compare` and `sweep merge` print of the variants compared: the warning when
/// weights differ, the table of figures and each variant's plan differences from the first;
/// returns them for the files. `out` is where diff.csv will be, if anywhere.
pub(crate) fn present(
    results: &[compare::VariantResult],
    diff_rows: usize,
    out: Option<&Path>,
) -> Compared {
    let metrics = compare::metrics(results);
    let weights = compare::weights_differ(results);
    if let Some(warning) = compare::render_weights_warning(&weights) {
        outln!("{warning}");
    }
    outln!("{}", compare::render_table(&metrics, &weights));
    let diff_csv = out.map(|dir| dir.join("diff.csv"));
    let changes = print_diffs(results, diff_rows, diff_csv.as_deref());
    (metrics, changes, weights)
}

/// Says where the comparison's files went, in the words of `key` (`compare`'s, or the
/// sweep merge's).
pub(crate) fn said_written(dir: &Path, report: bool, key: &str) {
    let (csv, json) = (dir.join("comparison.csv"), dir.join("comparison.json"));
    let (csv, json) = (csv.display(), json.display());
    outln!("{}", t!(key, csv = csv, json = json));
    if report {
        let file = dir.join(report::REPORT_FILE).display().to_string();
        outln!("{}", t!("tools.report.page_written", file = file));
    }
}

/// Each variant's summary with what produced it: this command and the variant's inputs.
fn with_provenance(outcomes: &mut [SolvedVariant], baseline: Option<&Path>) {
    for o in outcomes {
        let (scenario, policy) = (&o.variant.scenario, o.variant.policy.as_deref());
        o.summary.provenance = Some(Provenance::of(scenario, policy, baseline));
    }
}

/// The `--baseline` plan on every variant; problems come back named by their variant.
fn baselines(
    variants: &[compare::Variant],
    insts: Vec<Instance>,
    path: Option<&Path>,
) -> Result<Vec<Instance>, Vec<(String, InputError)>> {
    let (mut ok, mut errors) = (Vec::new(), Vec::new());
    for (v, inst) in variants.iter().zip(insts) {
        match with_baseline(inst, path) {
            Ok(i) => ok.push(i),
            Err(e) => errors.push((v.label.clone(), e)),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(errors)
    }
}

/// Prints each variant's plan differences against the first; returns them all. `diff_csv`
/// is where `--out` writes them all, if given.
fn print_diffs(
    outcomes: &[compare::VariantResult],
    rows: usize,
    diff_csv: Option<&Path>,
) -> Vec<PersonDiff> {
    let mut changes = Vec::new();
    // Each variant against the first variant of its own scenario: people of two counties
    // are not the same people, whatever their ids.
    for (i, o) in outcomes.iter().enumerate() {
        let first = outcomes
            .iter()
            .position(|f| f.variant.scenario == o.variant.scenario);
        let Some(first) = first.filter(|&f| f != i).map(|f| &outcomes[f]) else {
            continue;
        };
        if !first.has_plan() || !o.has_plan() {
            let (this, first) = (&o.variant.label, &first.variant.label);
            outln!(
                "{}\n",
                t!("tools.compare.no_diff", this = this, first = first)
            );
            continue;
        }
        let d = compare::diff(first, o);
        outln!(
            "{}",
            compare::render_diff(&first.variant.label, &d, &o.variant.label, rows, diff_csv)
        );
        changes.extend(d);
    }
    changes
}

/// The exit code of a comparison: 3 when a variant has no plan in time or failed, else 1
/// when one is infeasible, else 0.
pub(crate) fn exit_code(results: &[compare::VariantResult]) -> i32 {
    let statuses: Vec<&str> = results.iter().map(|r| r.metrics.status.as_str()).collect();
    let no_plan = [Status::NoPlanInTime.as_str(), Status::Error.as_str()];
    if statuses.iter().any(|s| no_plan.contains(s)) {
        EXIT_NO_PLAN
    } else if statuses.contains(&Status::Infeasible.as_str()) {
        EXIT_INFEASIBLE
    } else {
        EXIT_OK
    }
}

/// The files `compare` writes at the top of its folder.
const COMPARE_OUTPUTS: &[&str] = &[
    "comparison.csv",
    "comparison.json",
    "diff.csv",
    report::REPORT_FILE,
];

/// Each variant's folder: its summary.json and, with a plan, roster.csv.
/// A folder holds one comparison: the variant folders of an earlier run that this one does
/// not write (`NN-label` holding a summary.json) are removed.
fn variant_folders(dir: &Path, outcomes: &[SolvedVariant]) -> Result<(), String> {
    let mut mine = std::collections::BTreeSet::new();
    for (i, o) in outcomes.iter().enumerate() {
        let files = compare::variant_files(o)?;
        let stale: &[&str] = if o.plan().is_some() {
            &[]
        } else {
            &["roster.csv"]
        };
        let slug = compare::slug(i, &o.variant.label);
        write_atomically(&dir.join(&slug), &files, stale).map_err(|e| e.to_string())?;
        mine.insert(slug);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let numbered = name.len() > 3
            && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && name.as_bytes()[2] == b'-';
        if numbered && !mine.contains(&name) && e.path().join("summary.json").is_file() {
            std::fs::remove_dir_all(e.path()).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// comparison.csv and .json, diff.csv and (with `report`) report.html, written as one set;
/// `folders` are where each variant's own files are.
pub(crate) fn write_comparison(
    dir: &Path,
    results: &[compare::VariantResult],
    folders: &[String],
    (metrics, changes, weights): &Compared,
    report: bool,
) -> Result<(), String> {
    let page = report.then(|| {
        let provenance = compare::provenance_of(results);
        let swept = compare::swept(results);
        compare::compare_report(metrics, changes, swept.as_ref(), Some(&provenance))
    });
    let mut files = vec![
        ("comparison.csv", compare::metrics_csv(metrics)?),
        (
            "comparison.json",
            compare::comparison_json(results, folders, metrics, changes, weights)?,
        ),
        ("diff.csv", compare::diff_csv(changes)?),
    ];
    // Without --report an older report.html goes: it would show another comparison.
    let stale: &[&str] = match page {
        Some(page) => {
            files.push((report::REPORT_FILE, page.into_bytes()));
            &[]
        }
        None => &[report::REPORT_FILE],
    };
    write_atomically(dir, &files, stale).map_err(|e| e.to_string())?;
    Ok(())
}

/// The warnings reading gave (a column not read, a distance estimated), each once however
/// many variants read the same files: said as `solve` says them, never dropped; under
/// `--strict`, the errors they become.
pub(crate) fn say_warnings(
    insts: &[crate::instance::Instance],
    strict: bool,
) -> Result<(), InputError> {
    let mut said = std::collections::HashSet::new();
    let warnings = insts.iter().flat_map(|i| &i.notices);
    let once: Vec<_> = (warnings.filter(|n| n.level == crate::error::Level::Warning))
        .filter(|n| said.insert(n.to_string()))
        .collect();
    if strict && !once.is_empty() {
        return Err(InputError(once.iter().map(|n| n.as_error()).collect()));
    }
    for n in once {
        eprintln!("{n}");
    }
    Ok(())
}
