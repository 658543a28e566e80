//! How a solve ended: its status, plan, objective, bound and gap, and the figures of the
//! run (`summary.json`'s `stats`); what `explain`'s re-solve of a few blocks returns.

use serde::Serialize;

use crate::instance::plan::{Plan, Start};
use crate::rules::{Component, Label};

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
pub(super) fn worse(a: Status, b: Status) -> Status {
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
    /// Whether the solve was interrupted (Ctrl-C, SIGTERM) and ended as at a time limit;
    /// `summary.json` says it at its top.
    #[serde(skip)]
    pub interrupted: bool,
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

/// The relative gap of `objective` over `bound`.
pub(super) fn gap(objective: f64, bound: f64) -> f64 {
    if objective.abs() > 1e-9 {
        ((objective - bound) / objective.abs()).max(0.0)
    } else {
        0.0
    }
}

pub(super) fn empty(status: Status, stats: Stats, message: impl Into<String>) -> Solved {
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
