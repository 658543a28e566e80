//! What-if sweeps beyond one machine: a grid of variants (`sweep.toml`) becomes a folder of
//! independent tasks that any scheduler runs as a job array (Slurm, a Kubernetes Indexed
//! Job, GNU parallel, or `--all` here), each writing its own result folder, and one merge
//! makes the comparison `compare` writes, from the same code.
//!
//! The files: `grid.rs` reads the grid into variants, `plan.rs` copies the inputs and
//! writes `tasks.json` (`tasks.rs`) and the launchers (`launchers.rs`), `task.rs` runs one
//! task and tells how each stands; [`collect`] gathers the results for the merge.

mod grid;
mod launchers;
mod plan;
mod task;
mod tasks;

use std::path::Path;

pub use grid::{read as read_grid, Grid};
pub use launchers::{Launch, K8S_FILE, LINES_FILE, SLURM_FILE};
pub use plan::{plan, PlanError, Planned};
pub use task::{done, result_dir, run, state, Done, Failed, Ran, State, ERROR_FILE, RESULT_FILE};
pub use tasks::{read as read_tasks, Task, Tasks, TASKS_FILE};

/// The results of a sweep's finished tasks, in task order, and the state of every task.
pub struct Collected {
    /// Each finished task's record.
    pub done: Vec<Done>,
    /// Every task with its state, in task order.
    pub states: Vec<(usize, String, State)>,
}

/// Reads every task's state and the records of the finished ones.
pub fn collect(dir: &Path, tasks: &Tasks) -> Collected {
    let mut out = Collected {
        done: Vec::new(),
        states: Vec::new(),
    };
    for t in &tasks.tasks {
        let s = state(dir, tasks, t);
        if s == State::Done {
            out.done.extend(done(dir, tasks, t));
        }
        out.states.push((t.index, t.label.clone(), s));
    }
    out
}
