//! A near-optimal start for a big MIP block, found through its LP relaxation.
//!
//! On a county-scope block of 70k binaries HiGHS spends tens of seconds before its own
//! heuristics find a plan as good as the one it ends with. Its LP relaxation takes about a
//! second, and the optimum uses (almost) only columns with a small reduced cost there: the
//! same MIP with every other binary fixed at 0 is small, solved in seconds, and its plan is
//! feasible for the whole block. That plan starts the full solve, which still proves the
//! optimum over every column: the guide changes how soon a good plan exists, never the
//! optimum. The relaxation's value is also a proven bound when the full solve runs out of
//! time before its own.

use std::time::Instant;

use ::highs::{HighsModelStatus, HighsSolutionStatus, HighsStatus, Model, SolvedModel};

use super::highs;

/// The restricted MIP keeps this many binaries per binary the LP optimum uses (those with
/// the least reduced cost): on generated counties of 6 to 30 groups its plan was within
/// 0.03% of the optimum.
const KEEP_PER_USED: usize = 2;

/// The restricted MIP stops at this relative gap; the full solve does the rest.
const RESTRICTED_GAP: f64 = 1e-4;

/// What the guide works with besides the model.
pub(super) struct Guide<'a> {
    /// Per column of the block: whether it is binary.
    pub binary: &'a [bool],
    /// A plan to keep within reach (the group-scope start), if any.
    pub start: Option<&'a [f64]>,
    pub deadline: Option<Instant>,
    /// The policy's relative gap (the restricted MIP stops at the looser of it and ours).
    pub gap: f64,
}

/// A plan: every column's value, and its objective.
pub(super) type Values = (Vec<f64>, f64);

/// The LP relaxation's optimum, and per column whether the restricted MIP keeps it.
struct Relaxed {
    bound: f64,
    keep: Vec<bool>,
}

/// What the guide found.
#[derive(Default)]
pub(super) struct Found {
    /// The LP relaxation's optimum: a lower bound of the block's objective.
    pub bound: Option<f64>,
    /// The restricted MIP's plan (every column of the block) and its objective.
    pub plan: Option<Values>,
}

/// Runs the relaxation and the restricted MIP on `model`, and gives the model back as it
/// was (every column free again) with what was found; an error when HiGHS failed on the way
/// (the model is gone then).
pub(super) fn run(model: Model, g: &Guide) -> Result<(Model, Found), HighsStatus> {
    let (model, lp) = relaxation(model, g)?;
    let Some(Relaxed { bound, keep }) = lp else {
        return Ok((model, Found::default()));
    };
    let drop: Vec<usize> = (0..g.binary.len())
        .filter(|&c| g.binary[c] && !keep[c])
        .collect();
    let (mut model, plan) = restricted(model, &drop, g)?;
    // Every column free again, or the full solve would prove the restricted optimum.
    if !highs::set_column_bounds(&mut model, &drop, 0.0, 1.0) {
        return Err(HighsStatus::Error);
    }
    let found = Found {
        bound: Some(bound),
        plan,
    };
    Ok((model, found))
}

/// The LP relaxation's optimum and, per column, whether the restricted MIP keeps it: the
/// columns the LP optimum or the start uses, then the least reduced costs.
fn relaxation(mut model: Model, g: &Guide) -> Result<(Model, Option<Relaxed>), HighsStatus> {
    model.set_option("solve_relaxation", true);
    set_time_share(&mut model, g.deadline, 0.7);
    let solved = model.try_solve()?;
    let found = (solved.status() == HighsModelStatus::Optimal).then(|| {
        let solution = solved.get_solution();
        let keep = kept(g, solution.columns(), solution.dual_columns());
        Relaxed {
            bound: solved.objective_value(),
            keep,
        }
    });
    let mut model = Model::from(solved);
    model.set_option("solve_relaxation", false);
    Ok((model, found))
}

/// Which binaries the restricted MIP keeps, from the LP's values and reduced costs.
fn kept(g: &Guide, values: &[f64], reduced: &[f64]) -> Vec<bool> {
    let used = |c: usize| values[c] > 1e-9 || g.start.is_some_and(|s| s[c] > 0.5);
    let mut keep: Vec<bool> = (0..g.binary.len())
        .map(|c| !g.binary[c] || used(c))
        .collect();
    let n_used = (0..g.binary.len())
        .filter(|&c| g.binary[c] && used(c))
        .count();
    let mut rest: Vec<usize> = (0..g.binary.len()).filter(|&c| !keep[c]).collect();
    // Ties go to the lower column, so the same input keeps the same columns.
    rest.sort_by(|&a, &b| reduced[a].total_cmp(&reduced[b]).then(a.cmp(&b)));
    for &c in rest.iter().take(KEEP_PER_USED * n_used.max(1)) {
        keep[c] = true;
    }
    keep
}

/// The MIP with the `drop` columns fixed at 0, started from `g.start`; its plan if it
/// found one.
fn restricted(
    mut model: Model,
    drop: &[usize],
    g: &Guide,
) -> Result<(Model, Option<Values>), HighsStatus> {
    if !highs::set_column_bounds(&mut model, drop, 0.0, 0.0) {
        return Err(HighsStatus::Error);
    }
    if let Some(s) = g.start {
        highs::set_solution(&mut model, s);
    }
    model.set_option("mip_rel_gap", g.gap.max(RESTRICTED_GAP));
    // Under a short limit the full solve cannot prove much: the plan matters more, unless
    // there is no start to fall back on (then HiGHS keeps a fair share for its own search).
    let share = if g.start.is_some() { 0.85 } else { 0.6 };
    set_time_share(&mut model, g.deadline, share);
    let solved = model.try_solve()?;
    let plan = has_plan(&solved).then(|| {
        let values = solved.get_solution().columns().to_vec();
        (values, solved.objective_value())
    });
    let mut model = Model::from(solved);
    model.set_option("mip_rel_gap", g.gap);
    Ok((model, plan))
}

fn has_plan(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// Gives the next HiGHS run `share` of the time left before `deadline`.
fn set_time_share(model: &mut Model, deadline: Option<Instant>, share: f64) {
    let left = super::block::left(deadline);
    if left.is_finite() {
        model.set_option("time_limit", (left * share).max(0.0));
    }
}
