//! Solving a built model with HiGHS: options, status, objective, bound and gap.

use std::collections::HashMap;
use std::time::Instant;

use good_lp::{Expression, Solution, SolutionStatus, SolverModel, Variable};
use highs::HighsModelStatus;
use serde::Serialize;

use crate::candidates::{self, Candidate};
use crate::instance::Instance;
use crate::model::{self, BuildOptions, Built, Component, Label};
use crate::plan::{Plan, Start};

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
}

/// Size and timing of one build + solve.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub variables: usize,
    pub binaries: usize,
    pub rows: usize,
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

/// Builds the model of `inst` and solves it with the policy's solver options.
pub fn solve(inst: &Instance, opts: &BuildOptions) -> Solved {
    let t0 = Instant::now();
    let cands = candidates::generate(inst);
    let built = model::build(inst, &cands, opts);
    let build_ms = t0.elapsed().as_secs_f64() * 1e3;
    solve_built(inst, &cands, built, build_ms)
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

/// A HiGHS model with what is needed to read its solution back.
pub struct HighsParts {
    pub model: highs::Model,
    pub cols: HashMap<Variable, usize>,
    pub costs: Vec<(Component, Expression, f64)>,
    pub x: Vec<Variable>,
    pub slacks: Vec<(Variable, Label)>,
}

/// Turns the built model into a HiGHS model with the policy's options set.
pub fn highs_model(inst: &Instance, built: Built) -> HighsParts {
    let (objective, _constant) = built.objective(inst);
    let mut problem = built.vars.minimise(objective).using(good_lp::highs);
    for row in built.rows {
        problem.add_constraint(row);
    }
    let mut model = problem.into_inner();
    model.make_quiet();
    let s = &inst.policy.solver;
    if s.time_limit_s.is_finite() {
        model.set_option("time_limit", s.time_limit_s);
    }
    model.set_option("mip_rel_gap", s.mip_gap);
    // A fixed seed: the same input and thread count give the same plan.
    model.set_option("random_seed", 0);
    if s.threads > 0 {
        model.set_option("threads", s.threads as i32);
    }
    HighsParts {
        model,
        cols: built.cols,
        costs: built.costs,
        x: built.x,
        slacks: built.slacks,
    }
}

fn solve_built(inst: &Instance, cands: &[Candidate], built: Built, build_ms: f64) -> Solved {
    let mut stats = Stats {
        variables: built.cols.len(),
        binaries: built.x.len(),
        rows: built.rows.len(),
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
    let HighsParts {
        model,
        cols,
        costs,
        x,
        slacks,
    } = highs_model(inst, built);
    let t1 = Instant::now();
    let solved = match model.try_solve() {
        Ok(s) => s,
        Err(e) => return empty(Status::Error, stats, format!("HiGHS failed: {e:?}")),
    };
    stats.solve_ms = t1.elapsed().as_secs_f64() * 1e3;
    let status = match solved.status() {
        HighsModelStatus::Optimal | HighsModelStatus::ModelEmpty => Status::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            Status::Infeasible
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit => Status::Feasible,
        other => {
            return empty(
                Status::Error,
                stats,
                format!("HiGHS ended with status {other:?}"),
            )
        }
    };
    if status == Status::Infeasible {
        return empty(status, stats, "no plan keeps every hard rule");
    }
    let has_plan = solved.status() == HighsModelStatus::ModelEmpty
        || solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    if !has_plan {
        return empty(Status::NoPlanInTime, stats, format!("the time limit ({} s) was reached before any plan was found; raise solver.time_limit_s or --time-limit", inst.policy.solver.time_limit_s));
    }
    let sol = solved.get_solution();
    let values: Vec<f64> = if cols.is_empty() {
        Vec::new()
    } else {
        sol.columns().to_vec()
    };
    // Binaries come back as 0.9999999…: round them, and evaluate everything on the rounded plan.
    let mut rounded = values.clone();
    let mut plan = Plan::default();
    for (i, v) in x.iter().enumerate() {
        let c = cols[v];
        let on = values[c] > 0.5;
        rounded[c] = if on { 1.0 } else { 0.0 };
        if on {
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
        x: &rounded,
    };
    let mut components: Vec<(Component, f64)> = Component::ALL.iter().map(|&c| (c, 0.0)).collect();
    for (comp, expr, k) in &costs {
        let v = comp.weight(inst) * (expr.eval_with(&vals) + k);
        if let Some(slot) = components.iter_mut().find(|(c, _)| c == comp) {
            slot.1 += v;
        }
    }
    let objective: f64 = components.iter().map(|(_, v)| v).sum();
    let (bound, gap) = if status == Status::Optimal {
        (Some(objective), Some(solved.mip_gap().max(0.0)))
    } else {
        let constant = objective - solved.objective_value();
        let b = solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .map(|b| b + constant);
        (b, Some(solved.mip_gap()).filter(|g| g.is_finite()))
    };
    let gap = gap.map(|g| if g.is_finite() { g } else { 0.0 });
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
