//! Solving every variant, several at once: the cores go to the variants, HiGHS gets one
//! thread each, so results do not depend on how many run together.

use std::time::Instant;

use rayon::prelude::*;

use super::variants::Variant;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::run::{self, RunOptions};
use crate::summary::{BrokenRule, Summary};

/// A solved variant: its run and the summary of it.
pub struct SolvedVariant {
    /// The what-if.
    pub variant: Variant,
    /// Its instance.
    pub inst: Instance,
    /// The run: plan, audit, and for an infeasible variant the elastic diagnosis.
    pub run: run::Outcome,
    /// The run's figures, as `summary.json` holds them.
    pub summary: Summary,
    /// Wall time of the run (the last, when repeated).
    pub wall_ms: f64,
    /// Model build and HiGHS times of every repeat, ms.
    pub build_ms: Vec<f64>,
    /// HiGHS times of every repeat, ms.
    pub solve_ms: Vec<f64>,
    /// Variants solved at once in this run.
    pub jobs: usize,
}

impl SolvedVariant {
    /// The rules an infeasible variant's cheapest relaxation breaks, in words, with their
    /// causes; empty otherwise.
    pub fn broken_rules(&self) -> Vec<BrokenRule> {
        self.diagnosis.as_ref().map_or_else(Vec::new, |d| {
            BrokenRule::all(&self.inst, d.broken(), &d.causes)
        })
    }
}

/// A solved variant is its run's outcome with a name: `o.solved`, `o.audit` read through.
impl std::ops::Deref for SolvedVariant {
    type Target = run::Outcome;
    fn deref(&self) -> &run::Outcome {
        &self.run
    }
}

impl SolvedVariant {
    /// The variant's plan, when it has one to compare.
    pub fn plan(&self) -> Option<&Plan> {
        self.summary.has_plan().then_some(&self.run.solved.plan)
    }
}

/// Solves `inst` `repeat` times (at least once); the last run is kept, the times of all.
fn solve_one(variant: Variant, inst: Instance, repeat: usize, jobs: usize) -> SolvedVariant {
    let (mut build_ms, mut solve_ms) = (Vec::new(), Vec::new());
    loop {
        let t = Instant::now();
        let run = run::run(&inst, &RunOptions::default());
        let wall_ms = t.elapsed().as_secs_f64() * 1e3;
        build_ms.push(run.solved.stats.build_ms);
        solve_ms.push(run.solved.stats.solve_ms);
        if build_ms.len() >= repeat.max(1) {
            let summary = Summary::new(&inst, &run);
            return SolvedVariant {
                variant,
                inst,
                run,
                summary,
                wall_ms,
                build_ms,
                solve_ms,
                jobs,
            };
        }
    }
}

/// Solves every variant, `jobs` at a time (0: one per core). When several run at once each
/// HiGHS gets one thread, so the cores go to variants and results do not depend on `jobs`.
/// Each is solved `repeat` times (its times kept, the last run's plan). `done` is called as
/// each variant finishes (for progress lines).
pub fn solve_all(
    variants: Vec<Variant>,
    mut insts: Vec<Instance>,
    jobs: usize,
    repeat: usize,
    done: &(dyn Fn(&SolvedVariant) + Sync),
) -> Vec<SolvedVariant> {
    let workers = if jobs == 0 {
        rayon::current_num_threads()
    } else {
        jobs
    };
    // The pool's workers take variants and their blocks alike; HiGHS itself stays on one
    // thread so that the cores go to the pool.
    let at_once = workers.min(insts.len()).max(1);
    if workers > 1 && insts.len() > 1 {
        for i in &mut insts {
            i.policy.solver.threads = 1;
        }
    }
    let work: Vec<(Variant, Instance)> = variants.into_iter().zip(insts).collect();
    let run = |work: Vec<(Variant, Instance)>| -> Vec<SolvedVariant> {
        work.into_par_iter()
            .map(|(v, i)| {
                let o = solve_one(v, i, repeat, at_once);
                done(&o);
                o
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(workers).build() {
        Ok(pool) => pool.install(|| run(work)),
        Err(_) => run(work),
    }
}
