//! `rotation bench`: every scenario under every policy file, timed one after the other.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::{set_groups, solver_sets};
use super::output::{input_failed, out, outln, progress_bar, write_failed, EXIT_INPUT, EXIT_OK};
use crate::bench::{self, Row};
use crate::error::InputError;
use crate::instance::Instance;
use crate::report;
use crate::write::{folder_of, write_atomically};
use rust_i18n::t;

/// `bench` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
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
    /// Seconds HiGHS may run per solve (same as --set solver.time_limit_s=S).
    #[arg(long, value_name = "S")]
    time_limit: Option<f64>,
    /// Policy files, as --models (repeatable).
    #[arg(long = "policy")]
    policies: Vec<PathBuf>,
    /// One more row per pair with these changes, as in compare: --set quota.rate=0.15, a
    /// range quota.rate=0.10:0.20:0.05 or a list (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE[,KEY=VALUE]")]
    sets: Vec<String>,
}

/// A scenario, a policy, the `--set` changes (in words) and the instance they make.
type Pair<'a> = (&'a PathBuf, &'a PathBuf, String, Instance);

pub(crate) fn run(a: Args) -> i32 {
    let or = |v: Vec<PathBuf>, d: &str| {
        if v.is_empty() {
            vec![PathBuf::from(d)]
        } else {
            v
        }
    };
    let (scenarios, models) = match (
        bench::toml_files(&or(a.scenarios, "scenarios")),
        bench::toml_files(&or([a.models, a.policies].concat(), "models")),
    ) {
        (Ok(s), Ok(m)) if !s.is_empty() && !m.is_empty() => (s, m),
        (Err(e), _) | (_, Err(e)) => {
            return listing_failed(t!("tools.bench.cannot_list", error = e))
        }
        _ => return listing_failed(t!("tools.bench.nothing_found")),
    };
    let sets = solver_sets(a.time_limit, None);
    let groups = match set_groups(&a.sets) {
        Ok(g) => g,
        Err(e) => return input_failed(&e),
    };
    let Some(pairs) = load_pairs(&scenarios, &models, &groups, &sets) else {
        return EXIT_INPUT;
    };
    let rows = time_pairs(&pairs, a.repeat as usize);
    out!("{}", bench::render(&rows));
    if let Err(e) = write_csv(&a.csv, &rows) {
        return write_failed(&a.csv, &t!("tools.what.csv"), e);
    }
    let file = a.csv.display();
    outln!(
        "{}",
        t!(
            "tools.bench.written",
            file = file,
            pairs = rows.len(),
            runs = a.repeat
        )
    );
    EXIT_OK
}

fn listing_failed(cause: std::borrow::Cow<str>) -> i32 {
    input_failed(&InputError::single(
        "E1001",
        Path::new("bench"),
        None,
        cause,
        t!("tools.bench.nothing_found_fix"),
    ))
}

/// Every pair is read first, so a typo stops the run before any timing, with all problems.
fn load_pairs<'a>(
    scenarios: &'a [PathBuf],
    models: &'a [PathBuf],
    groups: &[Vec<(String, String)>],
    sets: &[(String, String)],
) -> Option<Vec<Pair<'a>>> {
    let mut pairs = Vec::new();
    let mut failed = false;
    // Each pair as it is, then once per `--set` group.
    let groups: Vec<&[(String, String)]> = std::iter::once(&[][..])
        .chain(groups.iter().map(Vec::as_slice))
        .collect();
    for s in scenarios {
        for m in models {
            for g in &groups {
                let all: Vec<(String, String)> = g.iter().chain(sets).cloned().collect();
                let words: Vec<String> = g.iter().map(|(k, v)| format!("{k}={v}")).collect();
                match crate::load::instance(s, Some(m), &all) {
                    Ok(inst) => pairs.push((s, m, words.join(", "), inst)),
                    Err(e) => {
                        eprintln!("{} × {}:\n{e}", s.display(), m.display());
                        failed = true;
                    }
                }
            }
        }
    }
    (!failed).then_some(pairs)
}

/// Times each pair, with a bar on a terminal and a line a pair otherwise.
fn time_pairs(pairs: &[Pair], repeat: usize) -> Vec<Row> {
    let bar = std::io::stderr()
        .is_terminal()
        .then(|| progress_bar(pairs.len(), "{bar:30} {pos}/{len} {elapsed_precise} {msg}"));
    let mut rows = Vec::new();
    for (i, (s, m, set, inst)) in pairs.iter().enumerate() {
        let mut label = format!("{} × {}", report::file_label(s), report::file_label(m));
        if !set.is_empty() {
            label = format!("{label} + {set}");
        }
        if let Some(b) = &bar {
            b.set_message(label.clone());
        }
        let row = bench::run_pair((s, m, set), inst, repeat);
        match &bar {
            Some(b) => b.inc(1),
            None => eprintln!(
                "{}",
                t!(
                    "tools.bench.progress",
                    i = i + 1,
                    n = pairs.len(),
                    label = label,
                    status = report::status_word(&row.status),
                    ms = format!("{:.0}", row.solve_ms)
                )
            ),
        }
        rows.push(row);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    rows
}

fn write_csv(csv: &Path, rows: &[Row]) -> Result<(), String> {
    let dir = folder_of(csv);
    let file = csv
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .ok_or_else(|| t!("tools.bench.no_file_name").into_owned())?;
    let bytes = bench::csv(rows)?;
    write_atomically(&dir, &[(&file, bytes)], &[]).map_err(|e| e.to_string())?;
    Ok(())
}
