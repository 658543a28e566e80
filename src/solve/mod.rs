//! Solving a built model with HiGHS: options, status, objective, bound and gap.
//!
//! The model is split into independent blocks solved apart (`matrix.rs` holds it in column
//! terms); `highs.rs` wraps the HiGHS calls good_lp does not cover.

mod block;
mod guide;
pub(crate) mod highs;
mod matrix;
mod progress;
pub mod trouble;

use rust_i18n::t;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use ::highs::HighsModelStatus;
use good_lp::{Solution, SolutionStatus, Variable};
use rayon::prelude::*;
use serde::Serialize;

use crate::domain::Scope;
use crate::instance::candidates::{self, Candidate};
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, PersonId, SchoolId};
use crate::model::{self, BuildOptions, Built};
use crate::rules::{Component, Label};
use block::BlockResult;
use matrix::Matrix;
pub use progress::Tick;

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal within `solver.mip_gap`.
    Optimal,
    /// A plan, but the time limit stopped the proof: see bound and gap.
    Feasible,
    /// No plan keeps every hard rule.
    Infeasible,
    /// The time limit came before any plan was found.
    NoPlanInTime,
    /// HiGHS failed or ended in a state we do not expect; see the message.
    Error,
}

impl Status {
    /// The status as written in outputs (`optimal`, `no_plan_in_time`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::NoPlanInTime => "no_plan_in_time",
            Status::Error => "error",
        }
    }

    /// Whether the run gives a plan (proven optimal, or the best found in time).
    pub fn has_plan(self) -> bool {
        matches!(self, Status::Optimal | Status::Feasible)
    }
}

/// The more serious of two block outcomes, which is the outcome of the whole model.
fn worse(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Optimal => 0,
        Status::Feasible => 1,
        Status::NoPlanInTime => 2,
        Status::Infeasible => 3,
        Status::Error => 4,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Size and timing of one build + solve.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Columns of the model.
    pub variables: usize,
    /// Binary columns (one per candidate start).
    pub binaries: usize,
    /// Rows of the model.
    pub rows: usize,
    /// Independent blocks solved apart (one per education group under scope `group`).
    pub blocks: usize,
    /// Time to generate candidates and build the model, in milliseconds.
    pub build_ms: f64,
    /// Time HiGHS took over all blocks, in milliseconds.
    pub solve_ms: f64,
    /// Scope `county`: the plan HiGHS started from, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mip_start: Option<MipStart>,
}

/// The feasible plan a county-scope solve starts from: the group-scope optimum of the same
/// instance (every group-scope start is admissible under county scope, and every rule is
/// the same), so that a time limit still returns a plan at least as good.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MipStart {
    /// MODEL.md objective of the start plan.
    pub objective: f64,
    /// Whether the start is the proven group-scope optimum; `false` when the group-scope
    /// solve itself ran out of time (then the start is its best plan found in time).
    pub optimal: bool,
    /// Time to build and solve the group-scope model, in milliseconds (within the limit).
    pub ms: f64,
    /// Whether the plan returned is the start itself: HiGHS found nothing better in time,
    /// or the group-scope optimum is also the county optimum.
    pub returned: bool,
}

/// The outcome of a solve.
#[derive(Debug, Clone)]
pub struct Solved {
    /// How the solve ended.
    pub status: Status,
    /// The plan; empty when the status has no plan.
    pub plan: Plan,
    /// MODEL.md objective of the plan (constants included), when there is a plan.
    pub objective: Option<f64>,
    /// The best proven lower bound on the objective, when HiGHS gave one.
    pub bound: Option<f64>,
    /// Relative gap between objective and bound, when there is a bound.
    pub gap: Option<f64>,
    /// Weighted value of each objective component.
    pub components: Vec<(Component, f64)>,
    /// Elastic mode: every rule row whose slack is positive, with the amount.
    pub slack: Vec<(Label, f64)>,
    /// Size and timing.
    pub stats: Stats,
    /// Why there is no plan, when there is none.
    pub message: Option<String>,
}

/// One independent block of the model: no row links it to another, so it is solved alone
/// and the optima add up. Under scope `group` each education group is a block, which
/// keeps county-scale models fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's columns, ascending.
    pub cols: Vec<usize>,
    /// The block's rows, ascending.
    pub rows: Vec<usize>,
}

/// Called whenever a block finishes or finds a better plan or bound on the way.
pub type Progress<'a> = &'a (dyn Fn(&Tick) + Sync);

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
    solve_built_with(inst, &cands, built, build_ms, &job)
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

fn options(inst: &Instance, time_limit: f64, threads: Option<u32>) -> highs::Options {
    highs::Options {
        time_limit,
        mip_rel_gap: inst.policy.solver.mip_gap,
        threads,
    }
}

fn solve_built_with(
    inst: &Instance,
    cands: &[Candidate],
    mut built: Built,
    build_ms: f64,
    job: &Job,
) -> Solved {
    let rows = built.rows.len();
    let matrix = Matrix::taking_rows(inst, &mut built);
    let blocks = matrix.blocks();
    let mut stats = Stats {
        variables: built.cols.len(),
        binaries: built.x.len(),
        rows,
        blocks: blocks.len(),
        build_ms,
        solve_ms: 0.0,
        mip_start: None,
    };
    if !built.broken_constant_rows.is_empty() {
        return empty(Status::Infeasible, stats, t!("tools.solver.constant_rules"));
    }
    let t1 = Instant::now();
    let start = job
        .start
        .and_then(|s| start_values(cands, &built, &matrix, s));
    let results = solve_blocks(inst, &matrix, &blocks, job, start.as_deref());
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

/// When a time limit of `limit` seconds runs out for a run started at `start`, if it ever
/// does.
pub fn deadline(start: Instant, limit: f64) -> Option<Instant> {
    // A limit too far out for a clock (1e30 s) is no limit.
    Duration::try_from_secs_f64(limit.max(0.0))
        .ok()
        .and_then(|d| start.checked_add(d))
}

/// Solves every block, in the order of `blocks`.
fn solve_blocks(
    inst: &Instance,
    matrix: &Matrix,
    blocks: &[Block],
    job: &Job,
    start: Option<&[f64]>,
) -> Vec<BlockResult> {
    let threads = inst.policy.solver.threads;
    let board = progress::Board::new(blocks.len(), matrix.unanchored(), job.progress);
    let one = |(i, b): (usize, &Block), threads: Option<u32>| {
        let s = start.map(|v| b.cols.iter().map(|&c| v[c]).collect::<Vec<f64>>());
        let s_obj = s.as_ref().map_or(0.0, |v| matrix.block_objective(b, v));
        if s.is_some() {
            board.post(i, Some(s_obj), None, false);
        }
        let with_obj = s.clone().map(|v| (v, s_obj));
        let seen =
            |r: &BlockResult| board.post(i, r.has_plan.then_some(r.objective), r.bound, false);
        let r = block::solve_block(inst, matrix, b, job.deadline, threads, with_obj, &seen);
        // The watched thread may have been left behind with the start: keep the start.
        let r = r.or_start(s, s_obj);
        board.post(i, r.has_plan.then_some(r.objective), r.bound, true);
        r
    };
    // Blocks run side by side on the current rayon pool with one HiGHS thread each; a
    // block with most of the model's binaries gets `solver.threads`, as the others are done
    // in a moment (the 30-group county: one block of 189k binaries, one of 200).
    let binaries: Vec<usize> = blocks.iter().map(|b| matrix.binaries_in(b)).collect();
    let total: usize = binaries.iter().sum();
    let threads_of = |i: usize| Some(if 2 * binaries[i] > total { threads } else { 1 });
    if blocks.len() <= 1 {
        blocks
            .iter()
            .enumerate()
            .map(|b| one(b, Some(threads)))
            .collect()
    } else {
        blocks
            .par_iter()
            .enumerate()
            .map(|b| one(b, threads_of(b.0)))
            .collect()
    }
}

/// The outcome of the whole model: the most serious block outcome, or, when there is no
/// plan, that outcome with its message.
fn overall_status(
    results: &[BlockResult],
    policy: &crate::input::policy::Policy,
) -> Result<Status, (Status, String)> {
    if let Some(e) = results.iter().find_map(|r| r.error.clone()) {
        return Err((Status::Error, e));
    }
    let mut status = Status::Optimal;
    for r in results {
        // With the policy at hand, numeric trouble can name the weights behind it.
        let unexpected = |(s, _)| {
            (
                s,
                trouble::status_message(&format!("{:?}", r.status), Some(policy)),
            )
        };
        status = worse(status, block_status(r).map_err(unexpected)?);
    }
    let limit = policy.solver.time_limit_s;
    match status {
        Status::Infeasible => Err((status, t!("tools.solver.infeasible").into_owned())),
        Status::NoPlanInTime => Err((
            status,
            t!("tools.solver.time_limit", limit = limit).into_owned(),
        )),
        _ => Ok(status),
    }
}

/// One block's outcome in our terms; an error for a HiGHS status we do not expect.
fn block_status(r: &BlockResult) -> Result<Status, (Status, String)> {
    Ok(match r.status {
        HighsModelStatus::Optimal | HighsModelStatus::ModelEmpty => Status::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            Status::Infeasible
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit => {
            if r.has_plan {
                Status::Feasible
            } else {
                Status::NoPlanInTime
            }
        }
        other => {
            let status = format!("{other:?}");
            return Err((Status::Error, trouble::status_message(&status, None)));
        }
    })
}

/// The sum of the blocks' bounds, as HiGHS sees them (each block with its share of the
/// constant); none unless every block has one.
fn solver_bound(results: &[BlockResult]) -> Option<f64> {
    results
        .iter()
        .map(|r| {
            r.bound
                .or((r.status == HighsModelStatus::Optimal).then_some(r.objective))
        })
        .sum()
}

/// The result from the settled column values and the whole model's bound.
fn assemble(
    inst: &Instance,
    cands: &[Candidate],
    built: &Built,
    values: &[f64],
    status: Status,
    bound: Option<f64>,
    stats: Stats,
) -> Solved {
    let vals = Values {
        cols: &built.cols,
        x: values,
    };
    let components = components(inst, built, &vals);
    let objective: f64 = components.iter().map(|(_, v)| v).sum();
    // A proven optimum bounds itself.
    let bound = bound.map(|b| {
        if status == Status::Optimal {
            b.min(objective)
        } else {
            b
        }
    });
    Solved {
        status,
        plan: plan(inst, cands, built, values),
        objective: Some(objective),
        bound,
        gap: bound.map(|b| gap(objective, b)),
        components,
        slack: slack(built, &vals),
        stats,
        message: None,
    }
}

/// The starts whose binary is 1.
fn plan(inst: &Instance, cands: &[Candidate], built: &Built, values: &[f64]) -> Plan {
    let mut plan = Plan::default();
    for (i, v) in built.x.iter().enumerate() {
        if values[built.cols[v]] == 1.0 {
            let cand = &cands[i];
            plan.starts.push(Start {
                person: cand.person,
                host: cand.host,
                year: cand.year,
            });
        }
    }
    plan.sorted(inst)
}

/// The weighted value of each objective component, constants included.
fn components(inst: &Instance, built: &Built, vals: &Values) -> Vec<(Component, f64)> {
    let mut components: Vec<(Component, f64)> = Component::ALL.iter().map(|&c| (c, 0.0)).collect();
    for (comp, expr, k) in &built.costs {
        let v = comp.weight(&inst.policy) * (expr.eval_with(vals) + k);
        if let Some(slot) = components.iter_mut().find(|(c, _)| c == comp) {
            slot.1 += v;
        }
    }
    components
}

/// The relative gap of `objective` over `bound`.
fn gap(objective: f64, bound: f64) -> f64 {
    if objective.abs() > 1e-9 {
        ((objective - bound) / objective.abs()).max(0.0)
    } else {
        0.0
    }
}

/// Every rule row whose slack is positive, with the amount.
fn slack(built: &Built, vals: &Values) -> Vec<(Label, f64)> {
    built
        .slacks
        .iter()
        .map(|(v, l)| (*l, vals.value(*v)))
        .filter(|(_, a)| *a > 1e-6)
        .collect()
}

/// Column values seen as a good_lp solution, to evaluate the model's expressions.
struct Values<'a> {
    cols: &'a HashMap<Variable, usize>,
    x: &'a [f64],
}

impl Solution for Values<'_> {
    fn status(&self) -> SolutionStatus {
        SolutionStatus::Optimal
    }
    fn value(&self, v: Variable) -> f64 {
        self.cols.get(&v).map(|&c| self.x[c]).unwrap_or(0.0)
    }
}

fn empty(status: Status, stats: Stats, message: impl Into<String>) -> Solved {
    Solved {
        status,
        plan: Plan::default(),
        objective: None,
        bound: None,
        gap: None,
        components: Vec::new(),
        slack: Vec::new(),
        stats,
        message: Some(message.into()),
    }
}

/// The independent blocks of a model that hold a chosen start, solved alone: the rest of
/// any plan is decided by other blocks and stays as it is.
#[derive(Debug, Clone)]
pub struct Partial {
    /// How the solve of those blocks ended.
    pub status: Status,
    /// The starts of the plan found in those blocks (none without a plan).
    pub starts: Vec<Start>,
    /// Every admissible start of those blocks: the part of a plan they decide.
    pub decided: Vec<Start>,
    /// Time to build the model and solve the blocks, in milliseconds.
    pub ms: f64,
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
    let matrix = Matrix::taking_rows(inst, &mut built);
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
        let job = Job {
            deadline: deadline(t0, limit),
            start: None,
            progress: &|_| {},
        };
        let results = solve_blocks(inst, &matrix, &chosen, &job, None);
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
