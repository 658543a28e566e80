//! Solving a built model with HiGHS: options, status, objective, bound and gap.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use good_lp::{
    Expression, IntoAffineExpression, ProblemVariables, Solution, SolutionStatus, SolverModel,
    Variable,
};
use highs::HighsModelStatus;
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use serde::Serialize;

use crate::candidates::{self, Candidate};
use crate::instance::Instance;
use crate::model::{self, BuildOptions, Built};
use crate::plan::{Plan, Start};
use crate::rules::{Component, Label};

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
    Error,
}

impl Status {
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
    pub variables: usize,
    pub binaries: usize,
    pub rows: usize,
    /// Independent blocks solved apart (one per education group under scope `group`).
    pub blocks: usize,
    pub build_ms: f64,
    pub solve_ms: f64,
}

#[derive(Debug, Clone)]
pub struct Solved {
    pub status: Status,
    pub plan: Plan,
    /// MODEL.md objective of the plan (constants included), when there is a plan.
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    /// Weighted value of each objective component.
    pub components: Vec<(Component, f64)>,
    /// Elastic mode: every rule row whose slack is positive, with the amount.
    pub slack: Vec<(Label, f64)>,
    pub stats: Stats,
    pub message: Option<String>,
}

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

/// Builds the model of `inst` and solves it with the policy's solver options. Independent
/// blocks share the current rayon pool: run this inside a smaller pool to use fewer cores.
pub fn solve(inst: &Instance, opts: &BuildOptions) -> Solved {
    solve_with_progress(inst, opts, &|_, _| {})
}

/// Called with (blocks solved, blocks in all) as each independent block finishes.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// [`solve`], reporting each solved block (for a progress bar on long runs).
pub fn solve_with_progress(inst: &Instance, opts: &BuildOptions, progress: Progress) -> Solved {
    let t0 = Instant::now();
    let cands = candidates::generate(inst);
    let built = model::build(inst, &cands, opts);
    let build_ms = t0.elapsed().as_secs_f64() * 1e3;
    solve_built_with(inst, &cands, built, build_ms, progress)
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

/// One independent block of the model: no row links it to another, so it is solved alone
/// and the optima add up. Under scope `group` each education group is a block, which
/// keeps county-scale models fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub cols: Vec<usize>,
    pub rows: Vec<usize>,
}

/// The model in column terms, computed once and shared by all blocks: each row's terms as
/// (column, coefficient) in column order (so solver input never depends on hash order),
/// each column's definition, and the weighted objective per column with its constant.
struct Matrix<'a> {
    built: &'a Built,
    terms: Vec<Vec<(usize, f64)>>,
    /// Each row is `terms (≤ or =) rhs`.
    rhs: Vec<f64>,
    binary: Vec<bool>,
    defs: Vec<&'a good_lp::VariableDefinition>,
    obj: Vec<f64>,
    constant: f64,
    /// The part of `constant` that goes with each column's block (weighted).
    anchored: Vec<f64>,
}

impl<'a> Matrix<'a> {
    fn new(inst: &Instance, built: &'a Built) -> Self {
        let col = |v: &Variable| built.cols[v];
        let terms = built
            .rows
            .iter()
            .map(|row| {
                let mut t: Vec<(usize, f64)> = row
                    .expression()
                    .linear_coefficients()
                    .filter(|(_, a)| *a != 0.0)
                    .map(|(v, a)| (col(&v), a))
                    .collect();
                t.sort_by_key(|(c, _)| *c);
                t
            })
            .collect();
        let mut defs: Vec<(usize, &good_lp::VariableDefinition)> = built
            .vars
            .iter_variables_with_def()
            .map(|(v, d)| (col(&v), d))
            .collect();
        defs.sort_by_key(|(c, _)| *c);
        // good_lp keeps every row as `expression <= 0` or `expression = 0`.
        let rhs = built
            .rows
            .iter()
            .map(|r| -r.expression().constant())
            .collect();
        let mut binary = vec![false; built.cols.len()];
        for v in &built.x {
            binary[col(v)] = true;
        }
        let (expr, constant) = built.objective(inst);
        let mut obj = vec![0.0; built.cols.len()];
        for (v, a) in expr.linear_coefficients() {
            obj[col(&v)] += a;
        }
        let mut anchored = vec![0.0; built.cols.len()];
        for (comp, k, v) in &built.anchors {
            anchored[col(v)] += comp.weight(&inst.policy) * k;
        }
        Matrix {
            built,
            terms,
            rhs,
            binary,
            defs: defs.into_iter().map(|(_, d)| d).collect(),
            obj,
            constant,
            anchored,
        }
    }

    /// The independent blocks, ordered by their first column.
    fn blocks(&self) -> Vec<Block> {
        let n = self.defs.len();
        let mut uf = UnionFind::<usize>::new(n);
        for t in &self.terms {
            for w in t.windows(2) {
                uf.union(w[0].0, w[1].0);
            }
        }
        let mut block_of_root: HashMap<usize, usize> = HashMap::new();
        let mut out: Vec<Block> = Vec::new();
        for c in 0..n {
            let b = *block_of_root.entry(uf.find(c)).or_insert_with(|| {
                out.push(Block {
                    cols: Vec::new(),
                    rows: Vec::new(),
                });
                out.len() - 1
            });
            out[b].cols.push(c);
        }
        for (r, t) in self.terms.iter().enumerate() {
            if let Some((c, _)) = t.first() {
                out[block_of_root[&uf.find(*c)]].rows.push(r);
            }
        }
        out
    }

    /// A HiGHS model (through good_lp's HiGHS backend) of the given columns and rows.
    fn model(&self, block: &Block) -> highs::Model {
        let mut vars = ProblemVariables::new();
        let mut local: HashMap<usize, Variable> = HashMap::with_capacity(block.cols.len());
        let mut objective = Expression::with_capacity(block.cols.len());
        for &c in &block.cols {
            let v = vars.add(self.defs[c].clone());
            local.insert(c, v);
            if self.obj[c] != 0.0 {
                objective.add_mul(self.obj[c], v);
            }
        }
        let mut problem = vars.minimise(objective).using(good_lp::highs);
        for &r in &block.rows {
            let mut e = Expression::with_capacity(self.terms[r].len());
            for &(c, a) in &self.terms[r] {
                e.add_mul(a, local[&c]);
            }
            let rhs = self.rhs[r];
            problem.add_constraint(if self.built.rows[r].is_equality() {
                e.eq(rhs)
            } else {
                e.leq(rhs)
            });
        }
        let mut model = problem.into_inner();
        model.make_quiet();
        let offset: f64 = block.cols.iter().map(|&c| self.anchored[c]).sum();
        // SAFETY: the pointer is the live HiGHS instance owned by `model`.
        unsafe {
            highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), offset);
        }
        model
    }

    /// The part of the objective's constant that no block carries.
    fn unanchored(&self) -> f64 {
        self.constant - self.anchored.iter().sum::<f64>()
    }

    /// Rounds the binaries, then sets each continuous column (a slack or a shortfall, each
    /// in one row) to the least value its row allows. HiGHS returns them within its
    /// feasibility tolerance (0.199999999 for 0.2), which at a slack price of 1000 moves
    /// the objective by 1e-6 away from what the checker computes from the plan.
    fn settle(&self, values: &mut [f64]) {
        for (v, &b) in values.iter_mut().zip(&self.binary) {
            if b {
                *v = if *v > 0.5 { 1.0 } else { 0.0 };
            }
        }
        let mut rows_of = vec![0u32; values.len()];
        for t in &self.terms {
            for &(c, _) in t {
                rows_of[c] += 1;
            }
        }
        for (r, t) in self.terms.iter().enumerate() {
            let (cont, fixed): (Vec<_>, Vec<_>) = t.iter().partition(|(c, _)| !self.binary[*c]);
            if cont.is_empty() || cont.iter().any(|(c, _)| rows_of[*c] != 1) {
                continue;
            }
            // The continuous part must make up `room`: Σ a·s ≤ room, or = room.
            let room = self.rhs[r] - fixed.iter().map(|(c, a)| a * values[*c]).sum::<f64>();
            let eq = self.built.rows[r].is_equality();
            let needed = if room < 0.0 || eq { room } else { 0.0 };
            let taker = if needed == 0.0 {
                None
            } else {
                cont.iter().find(|(_, a)| a.signum() == needed.signum())
            };
            if needed != 0.0 && taker.is_none() {
                continue;
            }
            for (c, _) in &cont {
                values[*c] = 0.0;
            }
            if let Some((c, a)) = taker {
                values[*c] = needed / a;
            }
        }
    }
}

/// Splits the model into its independent blocks, ordered by their first column.
pub fn blocks(inst: &Instance, built: &Built) -> Vec<Block> {
    Matrix::new(inst, built).blocks()
}

/// The whole model as one HiGHS model with the objective's constant as offset, so that a
/// file written from it has the MODEL.md objective value as its optimum.
pub fn whole_model(inst: &Instance, built: &Built) -> highs::Model {
    let m = Matrix::new(inst, built);
    let all = Block {
        cols: (0..built.cols.len()).collect(),
        rows: (0..built.rows.len()).collect(),
    };
    let mut model = m.model(&all);
    set_options(&mut model, inst, inst.policy.solver.time_limit_s, None);
    // SAFETY: the pointer is the live HiGHS instance owned by `model`.
    unsafe {
        highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), m.constant);
    }
    model
}

fn set_options(model: &mut highs::Model, inst: &Instance, time_limit: f64, threads: Option<u32>) {
    let s = &inst.policy.solver;
    if time_limit.is_finite() {
        model.set_option("time_limit", time_limit.max(0.0));
    }
    model.set_option("mip_rel_gap", s.mip_gap);
    // A fixed seed: the same input and thread count give the same plan.
    model.set_option("random_seed", 0);
    if let Some(n) = threads.filter(|&n| n > 0) {
        model.set_option("threads", n as i32);
    }
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

fn solve_block(
    inst: &Instance,
    matrix: &Matrix,
    block: &Block,
    deadline: Option<Instant>,
    threads: Option<u32>,
) -> BlockResult {
    let mut r = BlockResult {
        status: HighsModelStatus::NotSet,
        has_plan: false,
        values: Vec::new(),
        objective: 0.0,
        bound: None,
        error: None,
    };
    let remaining = match deadline {
        Some(d) => d.saturating_duration_since(Instant::now()).as_secs_f64(),
        None => f64::INFINITY,
    };
    if remaining <= 0.0 {
        r.status = HighsModelStatus::ReachedTimeLimit;
        return r;
    }
    let mut model = matrix.model(block);
    set_options(&mut model, inst, remaining, threads);
    let solved = match model.try_solve() {
        Ok(s) => s,
        Err(e) => {
            r.error = Some(format!("HiGHS failed: {e:?}"));
            return r;
        }
    };
    r.status = solved.status();
    r.has_plan = r.status == HighsModelStatus::ModelEmpty
        || solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    if r.has_plan {
        r.values = solved.get_solution().columns().to_vec();
        r.objective = solved.objective_value();
        // A block of slacks alone is an LP: HiGHS leaves its MIP bound unset (0), and the
        // LP optimum is its own bound.
        let mip = block.cols.iter().any(|&c| matrix.binary[c]);
        r.bound = if mip {
            solved
                .double_info_value(c"mip_dual_bound")
                .ok()
                .filter(|b| b.is_finite())
        } else {
            (r.status == HighsModelStatus::Optimal).then_some(r.objective)
        };
    }
    r
}

/// Solves a model already built from `cands` (benches time building and solving apart).
pub fn solve_built(inst: &Instance, cands: &[Candidate], built: Built, build_ms: f64) -> Solved {
    solve_built_with(inst, cands, built, build_ms, &|_, _| {})
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
        return empty(
            Status::Infeasible,
            stats,
            "some rules fail whatever the plan (no start can change them)",
        );
    }
    let t1 = Instant::now();
    let limit = inst.policy.solver.time_limit_s;
    // A limit too far out for a clock (1e30 s) is no limit.
    let deadline = std::time::Duration::try_from_secs_f64(limit.max(0.0))
        .ok()
        .and_then(|d| t1.checked_add(d));
    let threads = inst.policy.solver.threads;
    // Blocks run side by side on the current rayon pool with one HiGHS thread each; a
    // single block gets `solver.threads` HiGHS threads.
    let done = AtomicUsize::new(0);
    let finished = |r: BlockResult| {
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, blocks.len());
        r
    };
    let results: Vec<BlockResult> = if blocks.len() <= 1 {
        blocks
            .iter()
            .map(|b| finished(solve_block(inst, &matrix, b, deadline, Some(threads))))
            .collect()
    } else {
        blocks
            .par_iter()
            .map(|b| finished(solve_block(inst, &matrix, b, deadline, Some(1))))
            .collect()
    };
    stats.solve_ms = t1.elapsed().as_secs_f64() * 1e3;
    if let Some(e) = results.iter().find_map(|r| r.error.clone()) {
        return empty(Status::Error, stats, e);
    }
    let mut status = Status::Optimal;
    for r in &results {
        let this = match r.status {
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
                return empty(
                    Status::Error,
                    stats,
                    format!("HiGHS ended with status {other:?}"),
                )
            }
        };
        status = worse(status, this);
    }
    if status == Status::Infeasible {
        return empty(status, stats, "no plan keeps every hard rule");
    }
    if status == Status::NoPlanInTime {
        return empty(Status::NoPlanInTime, stats, format!("the time limit ({} s) was reached before any plan was found; raise solver.time_limit_s or --time-limit", limit));
    }
    let mut values = vec![0.0; built.cols.len()];
    for (b, r) in blocks.iter().zip(&results) {
        for (&c, &v) in b.cols.iter().zip(&r.values) {
            values[c] = v;
        }
    }
    let solver_bound: Option<f64> = results
        .iter()
        .map(|r| {
            r.bound
                .or((r.status == HighsModelStatus::Optimal).then_some(r.objective))
        })
        .sum();
    let unanchored = matrix.unanchored();
    matrix.settle(&mut values);
    drop(matrix);
    let Built {
        cols,
        costs,
        x,
        slacks,
        ..
    } = built;
    let mut plan = Plan::default();
    for (i, v) in x.iter().enumerate() {
        if values[cols[v]] == 1.0 {
            let cand = &cands[i];
            plan.starts.push(Start {
                person: cand.person,
                host: cand.host,
                year: cand.year,
            });
        }
    }
    let vals = Values {
        cols: &cols,
        x: &values,
    };
    let mut components: Vec<(Component, f64)> = Component::ALL.iter().map(|&c| (c, 0.0)).collect();
    for (comp, expr, k) in &costs {
        let v = comp.weight(&inst.policy) * (expr.eval_with(&vals) + k);
        if let Some(slot) = components.iter_mut().find(|(c, _)| c == comp) {
            slot.1 += v;
        }
    }
    let objective: f64 = components.iter().map(|(_, v)| v).sum();
    // Each block saw its share of the constant; a proven optimum bounds itself.
    let bound = solver_bound.map(|b| b + unanchored).map(|b| {
        if status == Status::Optimal {
            b.min(objective)
        } else {
            b
        }
    });
    let gap = bound.map(|b| {
        if objective.abs() > 1e-9 {
            ((objective - b) / objective.abs()).max(0.0)
        } else {
            0.0
        }
    });
    let slack = slacks
        .iter()
        .map(|(v, l)| (*l, vals.value(*v)))
        .filter(|(_, a)| *a > 1e-6)
        .collect();
    Solved {
        status,
        plan: plan.sorted(inst),
        objective: Some(objective),
        bound,
        gap,
        components,
        slack,
        stats,
        message: None,
    }
}
