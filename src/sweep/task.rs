//! `sweep run`: one task solved into `results/I/` as one set (a kill leaves the old set or
//! none, never half of one), skipped when already done with the same inputs; and what
//! `sweep status` and `sweep merge` read back of a task.

use std::fs::File;
use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::{Deserialize, Serialize};

use super::tasks::{folder_problem, Task, Tasks};
use crate::compare::{self, SolvedVariant, VariantResult};
use crate::error::InputError;
use crate::summary::Provenance;

/// The record of a finished task in its result folder.
pub const RESULT_FILE: &str = "result.json";
/// The record of a failed task in its result folder.
pub const ERROR_FILE: &str = "error.json";

/// What a finished task wrote: the task as it was run, and its result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Done {
    /// The task, with the hashes of its inputs when it ran.
    pub task: Task,
    /// The settings every task got.
    pub common: Vec<(String, String)>,
    /// HiGHS threads it ran with.
    pub threads: u32,
    /// What the comparison reads of it.
    pub result: VariantResult,
    /// Wall time of its solve, ms.
    pub wall_ms: f64,
}

/// What a failed task wrote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Failed {
    /// The task's index.
    pub index: usize,
    /// The task's label.
    pub label: String,
    /// The first error code (`E1xxx`).
    pub code: String,
    /// Every problem, as the terminal showed them.
    pub error: String,
}

/// How a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Its result is there, for these inputs and settings.
    Done,
    /// Its last run failed (`error.json`).
    Failed,
    /// A run holds its lock now.
    Running,
    /// Not run yet, or killed, or run on other inputs or settings.
    Missing,
}

impl State {
    /// The state's name in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Failed => "failed",
            State::Running => "running",
            State::Missing => "missing",
        }
    }
}

/// The result folder of task `index`.
pub fn result_dir(dir: &Path, index: usize) -> PathBuf {
    dir.join("results").join(index.to_string())
}

fn lock_path(dir: &Path, index: usize) -> PathBuf {
    dir.join("results").join(format!(".{index}.lock"))
}

/// The task's finished record, if it is there and was run on `tasks`' inputs and settings.
pub fn done(dir: &Path, tasks: &Tasks, task: &Task) -> Option<Done> {
    let bytes = std::fs::read(result_dir(dir, task.index).join(RESULT_FILE)).ok()?;
    let d: Done = serde_json::from_slice(&bytes).ok()?;
    (d.task == *task && d.common == tasks.common).then_some(d)
}

/// How task `task` stands.
pub fn state(dir: &Path, tasks: &Tasks, task: &Task) -> State {
    if let Ok(f) = File::options().write(true).open(lock_path(dir, task.index)) {
        if matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)) {
            return State::Running;
        }
    }
    if done(dir, tasks, task).is_some() {
        State::Done
    } else if result_dir(dir, task.index).join(ERROR_FILE).exists() {
        State::Failed
    } else {
        State::Missing
    }
}

/// What running a task came to.
#[derive(Debug)]
pub enum Ran {
    /// Solved now; its status word (`optimal`, `infeasible`, …) and seconds.
    Solved(String, f64),
    /// Already done with the same inputs and settings.
    Skipped,
    /// Another run holds the task.
    Busy,
    /// Interrupted (Ctrl-C, the scheduler's SIGTERM) before it had a plan, or before it
    /// began: nothing written, so that a resubmitted array runs it again.
    Interrupted,
    /// Its input or settings are wrong (written to `error.json`).
    Failed(InputError),
}

/// Runs task `index` of the sweep in `dir` with `threads` HiGHS threads, unless it is
/// done already. An error only when the folder itself cannot be read or written.
pub fn run(dir: &Path, tasks: &Tasks, index: usize, threads: u32) -> Result<Ran, InputError> {
    let Some(task) = tasks.tasks.get(index) else {
        let (n, last) = (tasks.tasks.len(), tasks.tasks.len().saturating_sub(1));
        let cause = t!(
            "tools.sweep.no_such_task",
            index = index,
            n = n,
            last = last
        );
        return Err(folder_problem(
            &dir.join(super::tasks::TASKS_FILE),
            cause.into_owned(),
        ));
    };
    let write_error = |p: &Path, e: std::io::Error| {
        let (file, error) = (p.display(), e);
        folder_problem(
            p,
            t!("tools.sweep.cannot_write", file = file, error = error).into_owned(),
        )
    };
    let lock_file = lock_path(dir, index);
    let Some(lock) = hold(&lock_file).map_err(|e| write_error(&lock_file, e))? else {
        return Ok(Ran::Busy);
    };
    if done(dir, tasks, task).is_some() {
        return Ok(Ran::Skipped);
    }
    if crate::solve::interrupted() {
        return Ok(Ran::Interrupted);
    }
    let failed = |e: InputError| -> Result<Ran, InputError> {
        let f = Failed {
            index,
            label: task.label.clone(),
            code: e.codes().first().map(|c| c.to_string()).unwrap_or_default(),
            error: e.to_string(),
        };
        let json = serde_json::to_vec_pretty(&f).unwrap_or_default();
        publish(dir, index, &[(ERROR_FILE, json)])
            .map_err(|e| write_error(&result_dir(dir, index), e))?;
        Ok(Ran::Failed(e))
    };
    let changed = task.changed_inputs(dir);
    if !changed.is_empty() {
        let files = changed.join(", ");
        let cause = t!("tools.sweep.input_changed", files = files).into_owned();
        return failed(folder_problem(&dir.join(&changed[0]), cause));
    }
    let variant = task.variant(dir);
    let mut common = tasks.common.clone();
    common.push(("solver.threads".into(), threads.to_string()));
    let inst = match compare::load_all(std::slice::from_ref(&variant), &common) {
        Ok(mut insts) => {
            // What reading said aloud goes to the task's log, as `solve` says it.
            for n in (insts[0].notices.iter()).filter(|n| n.level == crate::error::Level::Warning) {
                eprintln!("{n}");
            }
            insts.remove(0)
        }
        Err(mut errors) => return failed(errors.remove(0).1),
    };
    let (scenario, policy) = (variant.scenario.clone(), variant.policy.clone());
    let mut solved = compare::solve_all(vec![variant], vec![inst], 1, 1, &|_| {});
    let mut o: SolvedVariant = solved.remove(0);
    o.summary.provenance = Some(Provenance::of(&scenario, policy.as_deref(), None));
    // A plan found before the interrupt is a result (status feasible, with its gap); none
    // is not: the task stays missing.
    if o.run.solved.stats.interrupted && !o.summary.has_plan() {
        return Ok(Ran::Interrupted);
    }
    let result = VariantResult::of(&o).map_err(|e| write_error(dir, std::io::Error::other(e)))?;
    let status = result.metrics.status.clone();
    let record = Done {
        task: task.clone(),
        common: tasks.common.clone(),
        threads,
        result,
        wall_ms: o.wall_ms,
    };
    let mut files =
        compare::variant_files(&o).map_err(|e| write_error(dir, std::io::Error::other(e)))?;
    let json = serde_json::to_vec_pretty(&record).map_err(|e| write_error(dir, e.into()))?;
    files.push((RESULT_FILE, json));
    publish(dir, index, &files).map_err(|e| write_error(&result_dir(dir, index), e))?;
    drop(lock);
    Ok(Ran::Solved(status, o.wall_ms / 1e3))
}

/// The task's lock, held to the end of the task (the OS lets go when the process ends
/// however it ends); `None` while another run holds it. `sweep status` holds it for an
/// instant to look: a run starting then waits that out (up to a second) instead of leaving
/// its task to nobody.
fn hold(lock_file: &Path) -> std::io::Result<Option<File>> {
    if let Some(parent) = lock_file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_file)?;
    for _ in 0..20 {
        if lock.try_lock().is_ok() {
            return Ok(Some(lock));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Ok(None)
}

/// Puts `files` in place as task `index`'s result folder in one step: written into a
/// fresh folder beside it, which then replaces the old one by renames. A kill before the
/// last rename leaves the old folder (or none, when one was set aside): the task then
/// reads as missing and is run again, never half-written.
fn publish(dir: &Path, index: usize, files: &[(&str, Vec<u8>)]) -> std::io::Result<()> {
    let results = dir.join("results");
    let pid = std::process::id();
    let staged = results.join(format!(".{index}.new-{pid}"));
    let aside = results.join(format!(".{index}.old-{pid}"));
    let _ = std::fs::remove_dir_all(&staged);
    std::fs::create_dir_all(&staged)?;
    for (name, bytes) in files {
        std::fs::write(staged.join(name), bytes)?;
    }
    // Folders cannot be opened as files on Windows: their sync is best effort.
    let _ = File::open(&staged).and_then(|f| f.sync_all());
    let target = result_dir(dir, index);
    if target.exists() {
        std::fs::rename(&target, &aside)?;
    }
    if let Err(e) = std::fs::rename(&staged, &target) {
        // The old folder back, as it was (an earlier error.json keeps saying "failed").
        let _ = std::fs::rename(&aside, &target);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&aside);
    clean_leftovers(&results, index);
    Ok(())
}

/// Staged or set-aside folders that killed runs of task `index` left behind.
fn clean_leftovers(results: &Path, index: usize) {
    let prefixes = [format!(".{index}.new-"), format!(".{index}.old-")];
    let Ok(entries) = std::fs::read_dir(results) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| name.starts_with(p)) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
