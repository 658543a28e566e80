//! Solving a built model with HiGHS: the entry points ([`solve`], [`solve_by`],
//! [`solve_built`], [`solve_touching`]) and the group-scope start of a county-scope solve.
//!
//! The model is split into independent blocks solved apart (`matrix.rs` holds it in column
//! terms), side by side (`parallel.rs`), each on a thread of its own watched against the
//! deadline (`block.rs`, `clock.rs`), MIP blocks first through the LP-guided search
//! (`guide.rs`); `highs.rs` wraps the HiGHS calls good_lp does not cover; `assemble.rs`
//! turns the column values into the result (`solved.rs`); `advice.rs` says what an
//! unexpected HiGHS status most likely means.

pub mod advice;
mod assemble;
mod block;
mod clock;
mod guide;
pub(crate) mod highs;
mod matrix;
mod parallel;
mod progress;
mod solved;

use rust_i18n::t;
use std::collections::HashMap;
use std::time::Instant;

use crate::domain::Scope;
use crate::instance::candidates::{self, Candidate};
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, PersonId, SchoolId};
use crate::model::{self, BuildOptions, Built};
use assemble::assemble;
use block::options;
use matrix::Matrix;
use parallel::{overall_status, solve_blocks, solver_bound};
use solved::empty;

pub use clock::{deadline, interrupt, interrupted};
pub use matrix::Block;
pub use progress::{Progress, Tick};
pub use solved::{MipStart, Partial, Solved, Stats, Status};

/// Builds the model of `inst` and solves it with the policy's solver options. Independent
/// blocks share the current rayon pool: run this inside a smaller pool to use fewer cores.
pub fn solve(inst: &Instance, opts: &BuildOptions) -> Solved {
    solve_with_progress(inst, opts, &|_| {})
}

/// [`solve`], reporting each solved block (for a progress bar on long runs).
pub fn solve_with_progress(inst: &Instance, opts: &BuildOptions, progress: Progress) -> Solved {
    let limit = inst.policy.solver.time_limit_s;
    solve_by(inst, opts, deadline(Instant::now(), limit), progress)
}

/// [`solve_with_progress`] with the time limit running out at `deadline` (see
/// [`deadline`]): building, the group-scope start of a county-scope solve and HiGHS all
/// count against it.
pub fn solve_by(
    inst: &Instance,
    opts: &BuildOptions,
    deadline: Option<Instant>,
    progress: Progress,
) -> Solved {
    let start = group_start(inst, opts, deadline);
    let t0 = Instant::now();
    let cands = candidates::generate(inst);
    let built = model::build(inst, &cands, opts);
    let build_ms = t0.elapsed().as_secs_f64() * 1e3;
    let job = Job {
        deadline,
        start: start.as_ref(),
        progress,
    };
    let mut solved = solve_built_with(inst, &cands, built, build_ms, &job);
    solved.stats.interrupted = clock::interrupted();
    solved
}

/// Solves a model already built from `cands` (benches time building and solving apart).
pub fn solve_built(inst: &Instance, cands: &[Candidate], built: Built, build_ms: f64) -> Solved {
    let job = Job {
        deadline: deadline(Instant::now(), inst.policy.solver.time_limit_s),
        start: None,
        progress: &|_| {},
    };
    solve_built_with(inst, cands, built, build_ms, &job)
}

/// What a solve is given besides the model: when to stop, where to start, whom to tell.
struct Job<'a> {
    deadline: Option<Instant>,
    start: Option<&'a GroupStart>,
    progress: Progress<'a>,
}

/// A plan to start from, with its objective and the time it took.
struct GroupStart {
    plan: Plan,
    objective: f64,
    optimal: bool,
    ms: f64,
}

/// Under scope `county` (and `solver.mip_start`), the group-scope plan of the same instance
/// and options, solved within the same deadline; `None` when it has no plan.
fn group_start(
    inst: &Instance,
    opts: &BuildOptions,
    deadline: Option<Instant>,
) -> Option<GroupStart> {
    if inst.policy.scope != Scope::County || !inst.policy.solver.mip_start {
        return None;
    }
    let t0 = Instant::now();
    let mut group = inst.clone();
    group.policy.scope = Scope::Group;
    let solved = solve_by(&group, opts, deadline, &|_| {});
    let objective = solved.objective.filter(|_| solved.status.has_plan())?;
    Some(GroupStart {
        optimal: solved.status == Status::Optimal,
        plan: solved.plan,
        objective,
        ms: t0.elapsed().as_secs_f64() * 1e3,
    })
}

/// Splits the model into its independent blocks, ordered by their first column.
pub fn blocks(inst: &Instance, built: &Built) -> Vec<Block> {
    Matrix::new(inst, built).blocks()
}

/// The whole model as one HiGHS model with the objective's constant as offset, so that a
/// file written from it has the MODEL.md objective value as its optimum.
pub fn whole_model(inst: &Instance, built: &Built) -> ::highs::Model {
    let m = Matrix::new(inst, built);
    let all = Block {
        cols: (0..built.cols.len()).collect(),
        rows: (0..built.rows.len()).collect(),
    };
    let mut model = m.model(&all);
    let time_limit = inst.policy.solver.time_limit_s;
    highs::set_options(&mut model, &options(inst, time_limit, None));
    highs::set_objective_offset(&mut model, m.constant());
    model
}

fn solve_built_with(
    inst: &Instance,
    cands: &[Candidate],
    mut built: Built,
    build_ms: f64,
    job: &Job,
) -> Solved {
    let rows = built.rows.len();
    let mut matrix = Matrix::taking_rows(inst, &mut built);
    let blocks = matrix.blocks();
    let mut stats = Stats {
        variables: built.cols.len(),
        binaries: built.x.len(),
        rows,
        blocks: blocks.len(),
        build_ms,
        solve_ms: 0.0,
        mip_start: None,
        interrupted: false,
    };
    if !built.broken_constant_rows.is_empty() {
        return empty(Status::Infeasible, stats, t!("tools.solver.constant_rules"));
    }
    let t1 = Instant::now();
    let start = job
        .start
        .and_then(|s| start_values(cands, &built, &matrix, s));
    let results = solve_blocks(
        inst,
        &mut matrix,
        &blocks,
        job.deadline,
        job.progress,
        start.as_deref(),
    );
    stats.solve_ms = t1.elapsed().as_secs_f64() * 1e3;
    let status = match overall_status(&results, &inst.policy) {
        Ok(status) => status,
        Err((status, message)) => return empty(status, stats, message),
    };
    let mut values = vec![0.0; built.cols.len()];
    for (b, r) in blocks.iter().zip(&results) {
        for (&c, &v) in b.cols.iter().zip(&r.values) {
            values[c] = v;
        }
    }
    // Each block saw its share of the constant; add the share no block carries.
    let bound = solver_bound(&results).map(|b| b + matrix.unanchored());
    matrix.settle(&mut values);
    let mut solved = assemble(inst, cands, &built, &values, status, bound, stats);
    if let Some(s) = job.start {
        solved.stats.mip_start = Some(MipStart {
            objective: s.objective,
            optimal: s.optimal,
            ms: s.ms,
            returned: solved.plan == s.plan,
        });
    }
    solved
}

/// The column values of `start` in this model: its starts at 1, the other binaries at 0,
/// the slacks and shortfalls at the least their rows allow; `None` if a start has no
/// column here (then HiGHS starts from nothing).
fn start_values(
    cands: &[Candidate],
    built: &Built,
    matrix: &Matrix,
    start: &GroupStart,
) -> Option<Vec<f64>> {
    let col: HashMap<(PersonId, SchoolId, i32), usize> = cands
        .iter()
        .zip(&built.x)
        .map(|(c, v)| ((c.person, c.host, c.year), built.cols[v]))
        .collect();
    let mut values = vec![0.0; built.cols.len()];
    for s in &start.plan.starts {
        values[*col.get(&(s.person, s.host, s.year))?] = 1.0;
    }
    matrix.settle(&mut values);
    Some(values)
}

/// Builds the model of `inst` and solves only the blocks holding a start that passes
/// `touches` (`rotation explain` re-plans one person's block, not the county). Blocks are
/// independent, so these blocks' optimum plus the rest of an optimal plan is optimal.
pub fn solve_touching(
    inst: &Instance,
    opts: &BuildOptions,
    touches: &dyn Fn(&Candidate) -> bool,
) -> Partial {
    let t0 = Instant::now();
    let cands = candidates::generate(inst);
    let mut built = model::build(inst, &cands, opts);
    let mut matrix = Matrix::taking_rows(inst, &mut built);
    let mut cand_at = vec![None; built.cols.len()];
    for (i, v) in built.x.iter().enumerate() {
        cand_at[built.cols[v]] = Some(i);
    }
    let touched = |b: &Block| {
        b.cols
            .iter()
            .any(|&c| cand_at[c].is_some_and(|i| touches(&cands[i])))
    };
    let chosen: Vec<Block> = matrix.blocks().into_iter().filter(touched).collect();
    let start = |i: usize| Start {
        person: cands[i].person,
        host: cands[i].host,
        year: cands[i].year,
    };
    let cols = chosen.iter().flat_map(|b| b.cols.iter());
    let decided = cols.filter_map(|&c| cand_at[c]).map(start).collect();
    let mut out = Partial {
        status: Status::Infeasible,
        starts: Vec::new(),
        decided,
        ms: 0.0,
    };
    if built.broken_constant_rows.is_empty() {
        let limit = inst.policy.solver.time_limit_s;
        let by = deadline(t0, limit);
        let results = solve_blocks(inst, &mut matrix, &chosen, by, &|_| {}, None);
        out.status = overall_status(&results, &inst.policy).unwrap_or_else(|(s, _)| s);
        for (b, r) in chosen.iter().zip(&results) {
            for (&c, &v) in b.cols.iter().zip(&r.values) {
                if let Some(i) = cand_at[c].filter(|_| v > 0.5) {
                    out.starts.push(start(i));
                }
            }
        }
    }
    out.ms = t0.elapsed().as_secs_f64() * 1e3;
    out
}
