//! `rotation bench`: every scenario under every policy file, timed, as a table and CSV.
//! Runs one after the other, so each timing has the machine to itself.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::compare::Spread;
use crate::instance::Instance;
use crate::report::{file_label, gap_text, opt_num, status_word, table};
use crate::run::{run, RunOptions};
use crate::write::{CsvStyle, CsvTable};

/// The `.toml` files of a folder, sorted; a file stands for itself.
pub fn toml_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|e| e == "toml"))
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// One scenario × policy pair, with medians over the repeats.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Scenario file, without folder and extension.
    pub scenario: String,
    /// Policy file, without folder and extension.
    pub policy: String,
    /// The run's status.
    pub status: String,
    /// MODEL.md objective of the plan.
    pub objective: Option<f64>,
    /// Relative gap to the proven bound.
    pub gap: Option<f64>,
    /// Model columns.
    pub variables: usize,
    /// Of them, start decisions.
    pub binaries: usize,
    /// Model rows.
    pub rows: usize,
    /// Independent blocks solved apart.
    pub blocks: usize,
    /// `--set` changes of this row, `key=value` joined by `, ` (empty: none).
    pub set: String,
    /// Median time to build the model.
    pub build_ms: f64,
    /// Median time HiGHS took.
    pub solve_ms: f64,
    /// The least build time of the repeats.
    pub min_build_ms: f64,
    /// The most build time of the repeats.
    pub max_build_ms: f64,
    /// The least HiGHS time of the repeats.
    pub min_solve_ms: f64,
    /// The most HiGHS time of the repeats.
    pub max_solve_ms: f64,
    /// Runs the times are over.
    pub repeats: usize,
    /// Pairs timed at once: 1, one after the other, so that no run shares the machine.
    pub jobs: usize,
    /// The tool that measured (`rotation x.y.z`).
    pub tool: String,
    /// The command line, words joined by spaces.
    pub command: String,
    /// Every input file read, `path=sha256` joined by `;`.
    pub inputs: String,
}

/// Builds and solves `inst` `repeat` times; build and solve times are medians.
pub(crate) fn run_pair(
    (scenario, policy, set): (&Path, &Path, &str),
    inst: &Instance,
    repeat: usize,
) -> Row {
    let mut builds = Vec::new();
    let mut solves = Vec::new();
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let opts = RunOptions {
            diagnose: false,
            ..Default::default()
        };
        let s = run(inst, &opts).solved;
        builds.push(s.stats.build_ms);
        solves.push(s.stats.solve_ms);
        last = Some(s);
    }
    let s = last.expect("at least one run");
    let provenance = crate::summary::Provenance::of(scenario, Some(policy), None);
    let (build, solve) = (Spread::of(&builds), Spread::of(&solves));
    Row {
        scenario: file_label(scenario),
        policy: file_label(policy),
        status: s.status.as_str().to_string(),
        objective: s.objective,
        gap: s.gap,
        variables: s.stats.variables,
        binaries: s.stats.binaries,
        rows: s.stats.rows,
        blocks: s.stats.blocks,
        set: set.to_string(),
        build_ms: build.median,
        solve_ms: solve.median,
        min_build_ms: build.min,
        max_build_ms: build.max,
        min_solve_ms: solve.min,
        max_solve_ms: solve.max,
        repeats: repeat.max(1),
        jobs: 1,
        tool: provenance.tool,
        command: provenance.command.join(" "),
        inputs: (provenance.inputs.iter())
            .map(|f| format!("{}={}", f.path, f.sha256))
            .collect::<Vec<_>>()
            .join(";"),
    }
}

/// The bench table for the terminal.
pub(crate) fn render(rows: &[Row]) -> String {
    let header: Vec<String> = [
        t!("tools.bench.col.scenario"),
        t!("tools.bench.col.policy"),
        t!("tools.bench.col.status"),
        t!("tools.bench.col.objective"),
        t!("tools.bench.col.gap"),
        t!("tools.bench.col.variables"),
        t!("tools.bench.col.rows"),
        t!("tools.bench.col.blocks"),
        t!("tools.bench.col.build_ms"),
        t!("tools.bench.col.solve_ms"),
    ]
    .into_iter()
    .map(|s| s.into_owned())
    .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                match r.set.as_str() {
                    "" => r.scenario.clone(),
                    set => format!("{} + {set}", r.scenario),
                },
                r.policy.clone(),
                status_word(&r.status),
                opt_num(r.objective, 3),
                gap_text(r.gap),
                r.variables.to_string(),
                r.rows.to_string(),
                r.blocks.to_string(),
                format!("{:.1}", r.build_ms),
                format!("{:.1}", r.solve_ms),
            ]
        })
        .collect();
    table(&header, &body)
}

/// `bench.csv`: one row per pair, headed by the field names.
pub(crate) fn csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut csv = CsvTable::with_field_names(CsvStyle::SPREADSHEET);
    for r in rows {
        csv.serialize(r).map_err(|e| e.to_string())?;
    }
    csv.into_bytes().map_err(|e| e.to_string())
}
