//! `sweep plan`: a grid turned into a folder that any scheduler can run: every input copied
//! in (a task on another node reads nothing else), `tasks.json`, and the launchers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_i18n::t;

use super::grid::Grid;
use super::launchers::{self, Launch};
use super::tasks::{relative, Task, Tasks, FORMAT, TASKS_FILE};
use crate::error::InputError;
use crate::write::{sha256_hex, write_atomically};

/// Where a planned sweep's files went.
#[derive(Debug)]
pub struct Planned {
    /// The tasks written.
    pub tasks: Tasks,
    /// Input files copied.
    pub copied: usize,
}

/// Why a plan was not written.
#[derive(Debug)]
pub enum PlanError {
    /// An input cannot be read (exit 2).
    Input(InputError),
    /// The folder cannot be written.
    Write(PathBuf, std::io::Error),
}

/// Copies every input of `grid` into `dir/inputs/` and writes `tasks.json` and the
/// launchers. `grid_file` is copied too, as the record of what was asked.
pub fn plan(
    grid: &Grid,
    grid_file: &Path,
    dir: &Path,
    launch: &Launch,
) -> Result<Planned, PlanError> {
    let inputs = dir.join("inputs");
    let mut copies = Copies::default();
    let mut tasks = Vec::new();
    for (index, v) in grid.variants.iter().enumerate() {
        let scenario_files = crate::load::scenario_files(&v.scenario).map_err(PlanError::Input)?;
        let n = copies.scenarios.len() + 1;
        let (scenario, mut files) = match copies.scenarios.get(&v.scenario) {
            Some(c) => c.clone(),
            None => {
                let at = inputs.join("scenarios").join(format!("{n:02}"));
                let copied = copy_keeping_layout(&scenario_files, &at)?;
                let c = (
                    relative(&copied[0], dir),
                    copied.iter().map(|p| relative(p, dir)).collect(),
                );
                copies.scenarios.insert(v.scenario.clone(), c.clone());
                c
            }
        };
        let policy = match &v.policy {
            None => None,
            Some(p) => {
                let n = copies.policies.len() + 1;
                let copied = match copies.policies.get(p) {
                    Some(c) => c.clone(),
                    None => {
                        let at = inputs.join("policies").join(format!("{n:02}"));
                        let copied = copy_keeping_layout(std::slice::from_ref(p), &at)?;
                        let c = relative(&copied[0], dir);
                        copies.policies.insert(p.clone(), c.clone());
                        c
                    }
                };
                files.push(copied.clone());
                Some(copied)
            }
        };
        let mut hashes = BTreeMap::new();
        for f in files {
            let bytes =
                std::fs::read(dir.join(&f)).map_err(|e| PlanError::Write(dir.join(&f), e))?;
            hashes.insert(f, sha256_hex(&bytes));
        }
        tasks.push(Task {
            index,
            label: v.label.clone(),
            scenario,
            policy,
            sets: v.sets.clone(),
            inputs: hashes,
        });
    }
    let grid_copy = std::fs::read(grid_file).map_err(|e| PlanError::Write(grid_file.into(), e))?;
    let tasks = Tasks {
        format: FORMAT,
        tool: crate::summary::Provenance::tool(),
        common: grid.common.clone(),
        tasks,
    };
    let json = serde_json::to_vec_pretty(&tasks)
        .map_err(|e| PlanError::Write(dir.join(TASKS_FILE), e.into()))?;
    let n = tasks.tasks.len();
    let files = vec![
        (TASKS_FILE, json),
        (
            launchers::SLURM_FILE,
            launchers::slurm(dir, n, launch).into_bytes(),
        ),
        (
            launchers::K8S_FILE,
            launchers::kubernetes(n, launch).into_bytes(),
        ),
        (
            launchers::LINES_FILE,
            launchers::lines(dir, n, launch).into_bytes(),
        ),
    ];
    let write = |p: &Path, r: std::io::Result<()>| r.map_err(|e| PlanError::Write(p.into(), e));
    write(&inputs, std::fs::create_dir_all(&inputs))?;
    write(
        &inputs,
        std::fs::write(inputs.join("sweep.toml"), grid_copy),
    )?;
    for sub in ["results", "logs"] {
        write(&dir.join(sub), std::fs::create_dir_all(dir.join(sub)))?;
    }
    write(dir, write_atomically(dir, &files, &[]).map(|_| ()))?;
    drop_results_beyond(dir, n);
    let copied =
        copies.scenarios.values().map(|c| c.1.len()).sum::<usize>() + copies.policies.len();
    Ok(Planned { tasks, copied })
}

/// A folder holds one sweep: results of tasks an earlier plan had beyond this one's `n` go
/// (those within it are kept only if their inputs and settings are this plan's).
fn drop_results_beyond(dir: &Path, n: usize) {
    let Ok(entries) = std::fs::read_dir(dir.join("results")) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.parse::<usize>().is_ok_and(|i| i >= n) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// The copies made so far, by original path: a scenario's copied file and all its files;
/// a policy's copied file.
#[derive(Default)]
struct Copies {
    scenarios: BTreeMap<PathBuf, (String, Vec<String>)>,
    policies: BTreeMap<PathBuf, String>,
}

/// Copies `files` under `to`, each at its path below the deepest folder holding them all,
/// so that the paths one file gives to another (a scenario's `staff = "../data/x.csv"`)
/// still lead to the copy. The copies, in the order of `files`.
fn copy_keeping_layout(files: &[PathBuf], to: &Path) -> Result<Vec<PathBuf>, PlanError> {
    let full: Vec<PathBuf> = files
        .iter()
        .map(|f| f.canonicalize().map_err(|e| PlanError::Write(f.clone(), e)))
        .collect::<Result<_, _>>()?;
    let root = common_folder(&full);
    let mut out = Vec::new();
    for f in &full {
        let target = to.join(f.strip_prefix(&root).unwrap_or(f));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| PlanError::Write(parent.into(), e))?;
        }
        std::fs::copy(f, &target).map_err(|e| PlanError::Write(target.clone(), e))?;
        out.push(target);
    }
    Ok(out)
}

/// The deepest folder that holds every one of `files` (absolute paths).
fn common_folder(files: &[PathBuf]) -> PathBuf {
    let mut root = files
        .first()
        .and_then(|f| f.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    while !files.iter().all(|f| f.starts_with(&root)) {
        if !root.pop() {
            break;
        }
    }
    root
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::Input(e) => write!(f, "{e}"),
            PlanError::Write(p, e) => {
                let (file, error) = (p.display(), e);
                write!(
                    f,
                    "{}",
                    t!("tools.sweep.copy_failed", file = file, error = error)
                )
            }
        }
    }
}
