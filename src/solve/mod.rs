//! Solving a built model with HiGHS: options, status, objective, bound and gap.
//!
//! The model is split into independent blocks solved apart (`matrix.rs` holds it in column
//! terms); `highs.rs` wraps the HiGHS calls good_lp does not cover.

pub(crate) mod highs;
mod matrix;
pub mod trouble;

use rust_i18n::t;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ::highs::{HighsModelStatus, HighsSolutionStatus, SolvedModel};
use good_lp::{Solution, SolutionStatus, Variable};
use rayon::prelude::*;
use serde::Serialize;

use crate::candidates::{self, Candidate};
use crate::instance::Instance;
use crate::model::{self, BuildOptions, Built};
use crate::plan::{Plan, Start};
use crate::rules::{Component, Label};
use matrix::Matrix;

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

/// Called with (blocks solved, blocks in all) as each independent block finishes.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Builds the model of `inst` and solves it with the policy's solver options. Independent
/// blocks share the current rayon pool: run this inside a smaller pool to use fewer cores.
pub fn solve(inst: &Instance, opts: &BuildOptions) -> Solved {
    solve_with_progress(inst, opts, &|_, _| {})
}

/// [`solve`], reporting each solved block (for a progress bar on long runs).
pub fn solve_with_progress(inst: &Instance, opts: &BuildOptions, progress: Progress) -> Solved {
    let t0 = Instant::now();
    let cands = candidates::generate(inst);
    let built = model::build(inst, &cands, opts);
    let build_ms = t0.elapsed().as_secs_f64() * 1e3;
    solve_built_with(inst, &cands, built, build_ms, progress)
}

/// Solves a model already built from `cands` (benches time building and solving apart).
pub fn solve_built(inst: &Instance, cands: &[Candidate], built: Built, build_ms: f64) -> Solved {
    solve_built_with(inst, cands, built, build_ms, &|_, _| {})
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
    built: Built,
    build_ms: f64,
    progress: Progress,
) -> Solved {
    let matrix = Matrix::new(inst, &built);
    let blocks = matrix.blocks();
    let mut stats = Stats {
        variables: built.cols.len(),
        binaries: built.x.len(),
        rows: built.rows.len(),
        blocks: blocks.len(),
        build_ms,
        solve_ms: 0.0,
    };
    if !built.broken_constant_rows.is_empty() {
        return empty(Status::Infeasible, stats, t!("tools.solver.constant_rules"));
    }
    let t1 = Instant::now();
    let limit = inst.policy.solver.time_limit_s;
    let results = solve_blocks(inst, &matrix, &blocks, deadline(t1, limit), progress);
    stats.solve_ms = t1.elapsed().as_secs_f64() * 1e3;
    let status = match overall_status(&results, limit) {
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
    assemble(inst, cands, &built, &values, status, bound, stats)
}

/// When the time limit runs out for a solve started at `start`, if it ever does.
fn deadline(start: Instant, limit: f64) -> Option<Instant> {
    // A limit too far out for a clock (1e30 s) is no limit.
    Duration::try_from_secs_f64(limit.max(0.0))
        .ok()
        .and_then(|d| start.checked_add(d))
}

/// What one block's solve gives back, in plain data (HiGHS models are not `Send`).
struct BlockResult {
    status: HighsModelStatus,
    has_plan: bool,
    values: Vec<f64>,
    objective: f64,
    bound: Option<f64>,
    error: Option<String>,
}

impl BlockResult {
    /// A result with no plan.
    fn without_plan(status: HighsModelStatus) -> Self {
        BlockResult {
            status,
            has_plan: false,
            values: Vec::new(),
            objective: 0.0,
            bound: None,
            error: None,
        }
    }
}

/// Solves every block, in the order of `blocks`.
fn solve_blocks(
    inst: &Instance,
    matrix: &Matrix,
    blocks: &[Block],
    deadline: Option<Instant>,
    progress: Progress,
) -> Vec<BlockResult> {
    let threads = inst.policy.solver.threads;
    let done = AtomicUsize::new(0);
    let finished = |r: BlockResult| {
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, blocks.len());
        r
    };
    // Blocks run side by side on the current rayon pool with one HiGHS thread each; a
    // single block gets `solver.threads` HiGHS threads.
    if blocks.len() <= 1 {
        blocks
            .iter()
            .map(|b| finished(solve_block(inst, matrix, b, deadline, Some(threads))))
            .collect()
    } else {
        blocks
            .par_iter()
            .map(|b| finished(solve_block(inst, matrix, b, deadline, Some(1))))
            .collect()
    }
}

fn solve_block(
    inst: &Instance,
    matrix: &Matrix,
    block: &Block,
    deadline: Option<Instant>,
    threads: Option<u32>,
) -> BlockResult {
    let remaining = match deadline {
        Some(d) => d.saturating_duration_since(Instant::now()).as_secs_f64(),
        None => f64::INFINITY,
    };
    if remaining <= 0.0 {
        return BlockResult::without_plan(HighsModelStatus::ReachedTimeLimit);
    }
    let mut model = matrix.model(block);
    highs::set_options(&mut model, &options(inst, remaining, threads));
    match model.try_solve() {
        Ok(solved) => read_block(matrix, block, &solved),
        Err(e) => BlockResult {
            error: Some(t!("tools.solver.highs_failed", error = format!("{e:?}")).into_owned()),
            ..BlockResult::without_plan(HighsModelStatus::NotSet)
        },
    }
}

/// Copies what the solved block holds out of HiGHS.
fn read_block(matrix: &Matrix, block: &Block, solved: &SolvedModel) -> BlockResult {
    let status = solved.status();
    let has_plan = status == HighsModelStatus::ModelEmpty
        || solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    if !has_plan {
        return BlockResult::without_plan(status);
    }
    let objective = solved.objective_value();
    // A block of slacks alone is an LP: HiGHS leaves its MIP bound unset (0), and the
    // LP optimum is its own bound.
    let bound = if matrix.has_binaries(block) {
        highs::mip_dual_bound(solved)
    } else {
        (status == HighsModelStatus::Optimal).then_some(objective)
    };
    BlockResult {
        status,
        has_plan,
        values: solved.get_solution().columns().to_vec(),
        objective,
        bound,
        error: None,
    }
}

/// The outcome of the whole model: the most serious block outcome, or, when there is no
/// plan, that outcome with its message.
fn overall_status(results: &[BlockResult], limit: f64) -> Result<Status, (Status, String)> {
    if let Some(e) = results.iter().find_map(|r| r.error.clone()) {
        return Err((Status::Error, e));
    }
    let mut status = Status::Optimal;
    for r in results {
        status = worse(status, block_status(r)?);
    }
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
    let built = model::build(inst, &cands, opts);
    let matrix = Matrix::new(inst, &built);
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
        let results = solve_blocks(inst, &matrix, &chosen, deadline(t0, limit), &|_, _| {});
        out.status = overall_status(&results, limit).unwrap_or_else(|(s, _)| s);
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
