//! `tasks.json`: what each task of a sweep solves, with the SHA-256 of every input it reads,
//! all paths relative to the sweep folder (which a cluster may mount anywhere).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::{Deserialize, Serialize};

use crate::compare::Variant;
use crate::error::InputError;
use crate::write::sha256_hex;

/// The task list's file name in the sweep folder.
pub const TASKS_FILE: &str = "tasks.json";

/// Raised when `tasks.json` changes in a way old readers would misread.
pub const FORMAT: u32 = 1;

/// Every task of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tasks {
    /// The format of the file (`FORMAT` in `tasks.rs`).
    pub format: u32,
    /// The tool that planned the sweep (`rotation x.y.z`).
    pub tool: String,
    /// Settings every task gets (`[sweep] set`).
    pub common: Vec<(String, String)>,
    /// The tasks, by index.
    pub tasks: Vec<Task>,
}

/// One variant to solve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Its index: `--index`, the array task id.
    pub index: usize,
    /// Its label in the comparison.
    pub label: String,
    /// The scenario file, relative to the sweep folder.
    pub scenario: String,
    /// The policy file, relative to the sweep folder; `None`: the scenario's own.
    pub policy: Option<String>,
    /// Its `--set` changes.
    pub sets: Vec<(String, String)>,
    /// Every input file it reads (relative to the sweep folder) and its SHA-256.
    pub inputs: BTreeMap<String, String>,
}

impl Task {
    /// The variant it solves, with paths in `dir`.
    pub fn variant(&self, dir: &Path) -> Variant {
        Variant {
            label: self.label.clone(),
            scenario: dir.join(&self.scenario),
            policy: self.policy.as_ref().map(|p| dir.join(p)),
            sets: self.sets.clone(),
        }
    }

    /// The inputs whose content is no longer what the sweep was planned with (changed or
    /// gone), by their path in the folder.
    pub fn changed_inputs(&self, dir: &Path) -> Vec<String> {
        let now = |rel: &String| std::fs::read(dir.join(rel)).ok().map(|b| sha256_hex(&b));
        (self.inputs.iter())
            .filter(|(rel, hash)| now(rel).as_ref() != Some(*hash))
            .map(|(rel, _)| rel.clone())
            .collect()
    }
}

/// A problem with a sweep folder: E1071.
pub(crate) fn folder_problem(file: &Path, cause: String) -> InputError {
    InputError::single("E1071", file, None, cause, t!("tools.sweep.folder_fix"))
}

/// Reads `dir/tasks.json`.
pub fn read(dir: &Path) -> Result<Tasks, InputError> {
    let path = dir.join(TASKS_FILE);
    let bytes = std::fs::read(&path)
        .map_err(|e| folder_problem(&path, t!("tools.sweep.no_tasks", error = e).into_owned()))?;
    let tasks: Tasks =
        serde_json::from_slice(&bytes).map_err(|e| folder_problem(&path, e.to_string()))?;
    if tasks.format != FORMAT {
        let (found, expected) = (tasks.format, FORMAT);
        let cause = t!("tools.sweep.format", found = found, expected = expected);
        return Err(folder_problem(&path, cause.into_owned()));
    }
    Ok(tasks)
}

/// `path` relative to `dir`, with `/` between parts on every system (tasks.json is read
/// on other machines).
pub(crate) fn relative(path: &Path, dir: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
