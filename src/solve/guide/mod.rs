//! A MIP block solved through its LP relaxation: a near-optimal plan in seconds, then the
//! proof of the optimum over the few columns that can still improve on it.
//!
//! On a county-scope block of 70k binaries HiGHS alone spends tens of seconds before its
//! heuristics find a plan as good as the one it ends with. Its LP relaxation takes about a
//! second, and with the backbone share in whole persons (`model/quota.rs`) it is within
//! 0.7 of the optimum. An LP optimum in whole persons is the optimum. Otherwise the optimum
//! uses (almost) only columns with a small reduced cost: the same MIP over those columns
//! alone (every other binary at 0) is small and its plan feasible for the whole block; up
//! to two such MIPs run in turn (see [`STAGES`]), each better plan reported at once. Then
//! the proof ([`prove`]) searches the columns a better plan could use, and its optimum is
//! the block's. When it cannot settle the block (it would keep most columns, the duals do
//! not confirm it, its time ran out, or there is no plan yet), the best plan starts the
//! full solve over every column. Either way the optimum is the block's own; the LP value is
//! a proven bound from the start.

use std::time::Instant;

use ::highs::{HighsModelStatus, HighsSolutionStatus, HighsStatus, Model, SolvedModel};

use super::clock::seconds_left;
use super::highs::{self, HighsOptions, ModelData};
use super::progress;

mod lp;
mod sift;

pub(super) use lp::whole_model;
use lp::{lagrangian, set_time_share, sub_model, Relaxed};

/// A restricted MIP: it keeps every continuous column, the binaries the LP optimum uses,
/// and `per_used` more per such binary (those with the least reduced cost).
struct Stage {
    per_used: f64,
    /// Whether it also keeps the best plan's columns and starts from that plan.
    from_best: bool,
}

/// The restricted MIPs, in turn, until a plan is close enough to the bound for the proof.
/// The first is quick: on the generated 30-group county it found a plan 0.04% above the
/// optimum in about 1 s; with 1 or 2 per used binary, or with the group-scope start's
/// columns, HiGHS's root cuts ran past 3.5 s without one. Its plan is still 31.7 above the
/// bound there, where the proof would keep 70% of the columns; the second finds the optimum
/// (14 s), from which the proof keeps 6%.
const STAGES: [Stage; 2] = [
    Stage {
        per_used: 0.5,
        from_best: false,
    },
    Stage {
        per_used: 2.0,
        from_best: true,
    },
];

/// The search stops once the proof would keep at most this share of the binaries: half
/// for a block given whole, a tenth for a sifted one. On the sifted 30-group county the
/// first plan left 42% of its 189k binaries to the proof, which took 45 s; the second
/// stage's plan left 6% (the whole run 22.6 s).
const SEARCH_DONE: f64 = 0.5;
const SEARCH_DONE_SIFTED: f64 = 0.1;

/// Seconds a restricted MIP needs at the least to be worth starting.
const MIN_STAGE_S: f64 = 0.3;

/// The restricted MIPs stop at this relative gap; the proof (or the full solve) does the rest.
const RESTRICTED_GAP: f64 = 1e-4;

/// What the guide works with besides the model.
pub(super) struct Guide<'a> {
    /// A plan to start from (the group-scope start), if any.
    pub start: Option<&'a Values>,
    pub deadline: Option<Instant>,
    /// The block's HiGHS options (the restricted MIPs stop at the looser of their gap and
    /// ours).
    pub options: &'a HighsOptions,
    /// Told what was found as soon as it is: the relaxation's bound, then each better plan
    /// (the full solve may run past the deadline and be left behind).
    pub seen: &'a dyn Fn(&Found),
}

/// A plan: every column's value, and its objective.
pub(super) type Values = (Vec<f64>, f64);

/// What the guide found.
#[derive(Default)]
pub(super) struct Found {
    /// A proven lower bound of the block's objective: the LP relaxation's optimum, raised by
    /// the proof's bound or, when the block is settled, the optimum itself.
    pub bound: Option<f64>,
    /// The best restricted plan (every column of the block) with its objective, if one beat
    /// the start, or the start once proven optimal.
    pub plan: Option<Values>,
    /// Whether `plan` is proven optimal within the block's gap: no full solve is needed.
    pub optimal: bool,
}

/// Runs the relaxation and the restricted MIPs on `model`, and gives the model back with
/// what was found: the same rows and columns, presolve back at HiGHS's default, and the
/// time limit for the caller to set. An error when the relaxation failed (the model is gone
/// then); a restricted MIP that fails only ends the search, as they work on copies.
pub(super) fn run(model: Model, g: &Guide) -> Result<(Model, Found), HighsStatus> {
    let (model, lp) = relaxation(model, g)?;
    let Some(lp) = lp else {
        return Ok((model, Found::default()));
    };
    let found = Found {
        bound: Some(lp.bound),
        ..Found::default()
    };
    (g.seen)(&found);
    let Some(columns) = highs::model_data(&model) else {
        return Ok((model, found));
    };
    Ok((model, settle(&columns, &lp, found, g, SEARCH_DONE)))
}

/// [`run`] for a block given as columns alone (`solver.sift_min_binaries` binaries or
/// more): the relaxation by sifting, then the same search and proof. The caller makes the
/// block's HiGHS model only if these do not settle it.
pub(super) fn run_sifted(columns: &ModelData, g: &Guide) -> Result<Found, HighsStatus> {
    let seen = |bound| {
        (g.seen)(&Found {
            bound: Some(bound),
            ..Found::default()
        })
    };
    let sift = sift::Sift {
        start: g.start.map(|s| s.0.as_slice()),
        deadline: g.deadline,
        options: g.options,
        seen: &seen,
    };
    let sifted = sift::relaxation(columns, &sift)?;
    let found = Found {
        bound: sifted.bound,
        ..Found::default()
    };
    let Some(lp) = sifted.lp else {
        return Ok(found);
    };
    // The working set's optimum is the whole LP's, its duals' bound the LP bound.
    let found = Found {
        bound: progress::max_of(found.bound, Some(lp.bound)),
        ..found
    };
    (g.seen)(&found);
    Ok(settle(columns, &lp, found, g, SEARCH_DONE_SIFTED))
}

/// From the LP optimum on: a plan when it is in whole persons, else the restricted MIPs
/// and the proof; the search stops once the proof would keep at most `done` of the binaries.
fn settle(columns: &ModelData, lp: &Relaxed, mut found: Found, g: &Guide, done: f64) -> Found {
    if let Some(plan) = whole(columns, lp) {
        // An LP optimum in whole persons is the block's optimum (20 of the 30 groups of the
        // generated 30-group county, with the backbone share in whole persons).
        found = Found {
            bound: Some(plan.1.min(lp.bound)),
            plan: Some(plan),
            optimal: true,
        };
        (g.seen)(&found);
        return found;
    }
    search(columns, lp, &mut found, g, done);
    if let Some(best) = found.plan.as_ref().or(g.start) {
        prove(columns, lp, best.clone(), &mut found, g);
    }
    found
}

/// The restricted MIPs of [`STAGES`] in turn, each better plan reported; it stops when a
/// plan is close enough to the bound for the proof to search few columns.
fn search(columns: &ModelData, lp: &Relaxed, found: &mut Found, g: &Guide, done: f64) {
    for stage in &STAGES {
        // A MIP with no time left would only copy the model to stop at once.
        if seconds_left(g.deadline) <= MIN_STAGE_S {
            break;
        }
        let best = found.plan.as_ref().or(g.start);
        if best.is_some_and(|b| improving(&columns.integer, lp, b, done).is_some()) {
            break;
        }
        let from = best.filter(|_| stage.from_best);
        // The model's only integer columns are its binary start decisions.
        let keep = kept(
            &columns.integer,
            lp,
            from.map(|b| b.0.as_slice()),
            stage.per_used,
        );
        // Under a short limit the full solve cannot prove much: the plan matters more, unless
        // there is no plan to fall back on (then HiGHS keeps a fair share for its own search).
        let share = if best.is_some() { 0.85 } else { 0.6 };
        let Ok(plan) = restricted(columns, &keep, from, share, g) else {
            break;
        };
        if let Some(plan) = plan.filter(|p| best.is_none_or(|b| better(p.1, b.1))) {
            found.plan = Some(plan);
            (g.seen)(found);
        }
    }
}

/// Proves `best` optimal, or finds the optimum, over the columns that can still improve on
/// it: a plan using a column whose reduced cost exceeds `best`'s distance to the bound
/// costs more than `best`, so HiGHS searches the rest alone. With the bound within 0.7 of
/// the 12-group county's optimum, that leaves about 3,500 of 69.5k columns. Skipped when it
/// would keep most columns (the full solve is then as quick), or when the bound and reduced
/// costs computed from the row duals alone (see [`lagrangian`]) do not confirm every column
/// left out: HiGHS's own are exact only to its tolerances.
fn prove(columns: &ModelData, lp: &Relaxed, best: Values, found: &mut Found, g: &Guide) {
    let Some(keep) = improving(&columns.integer, lp, &best, 0.5) else {
        return;
    };
    let Some(dual) = lagrangian(columns, &lp.duals) else {
        return;
    };
    let reach = best.1 - dual.bound;
    let confirmed = (0..keep.len()).all(|c| keep[c] || dual.reduced[c] > reach);
    if !confirmed || seconds_left(g.deadline) <= MIN_STAGE_S {
        return;
    }
    let gap = g.options.mip_rel_gap;
    let Ok(outcome) = solve_kept(columns, &keep, Some(&best), (gap, PROOF_SHARE, true), g) else {
        return;
    };
    // Every plan better than `best` is in the search, so below `best` its bound holds for
    // the whole block; `best` keeps every rule (a restricted MIP's plan over the block's own
    // rows, or the group-scope start), so the search's optimum is the block's.
    let bound = outcome.bound.map(|b| b.min(best.1));
    found.bound = progress::max_of(found.bound, bound);
    found.optimal = outcome.optimal;
    match outcome.plan {
        Some(plan) if better(plan.1, best.1) => found.plan = Some(plan),
        // HiGHS may end on a plan of its own within the gap: `best` is at least as good.
        _ if found.optimal => found.plan = Some(best),
        _ => {}
    }
    (g.seen)(found);
}

/// Whether a plan's objective is better than `than`'s: HiGHS and the caller sum the same
/// plan's objective in different orders, so equal within 1e-9 relative is not better.
fn better(objective: f64, than: f64) -> bool {
    objective < than - 1e-9 * (1.0 + than.abs())
}

/// The LP optimum as a plan, when every integer column is whole there (rounded to it), with
/// its objective.
fn whole(columns: &ModelData, lp: &Relaxed) -> Option<Values> {
    let mut values = lp.values.clone();
    for (v, &integer) in values.iter_mut().zip(&columns.integer) {
        if integer {
            let r = v.round();
            if (*v - r).abs() > 1e-6 {
                return None;
            }
            *v = r;
        }
    }
    let cost: f64 = columns.cost.iter().zip(&values).map(|(c, v)| c * v).sum();
    Some((values, columns.offset + cost))
}

/// HiGHS's primal heuristics the proof runs without. It starts from a plan within the LP
/// gap, and these sub-MIPs hunt for better plans that branching finds as soon: without them
/// the two hard groups of scenarios/generated/ were proven in 0.72 and 0.31 s instead of
/// 1.18 and 0.89 s, and the 30-group county (scope county) in 15.6 s instead of 32 s, with
/// no proof of those measured then slower; a later search found one group slower
/// (`hard-county-1g-s1011-ti50`: 1.47 → 2.1 s).
const PROOF_WITHOUT: [&str; 5] = [
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_heuristic_run_root_reduced_cost",
    "mip_heuristic_run_zi_round",
    "mip_heuristic_run_shifting",
];

/// Share of the time left that the proof may take: the full solve would not finish in the
/// rest either, and the block ends in time with the best plan so far.
const PROOF_SHARE: f64 = 0.95;

/// Which columns a plan better than `best` may use: every continuous one, those the LP
/// optimum or `best` uses, and the binaries whose reduced cost is within `best`'s distance
/// to the LP bound. `None` unless that keeps at most `share` of the binaries.
fn improving(binary: &[bool], lp: &Relaxed, best: &Values, share: f64) -> Option<Vec<bool>> {
    // A little beyond the exact reach: HiGHS proved the 12-group county in 3.0 s with it
    // and in 4.3 s without (the same optimum).
    let reach = best.1 - lp.bound + 0.05 + 1e-6 * best.1.abs();
    let keep: Vec<bool> = (0..binary.len())
        .map(|c| !binary[c] || best.0[c] > 0.5 || lp.values[c] > 1e-9 || lp.reduced[c] <= reach)
        .collect();
    let kept = (0..binary.len()).filter(|&c| binary[c] && keep[c]).count();
    let binaries = binary.iter().filter(|&&b| b).count();
    ((kept as f64) < share * binaries as f64).then_some(keep)
}

/// The LP relaxation's optimum, if HiGHS found it in its share of the time.
fn relaxation(mut model: Model, g: &Guide) -> Result<(Model, Option<Relaxed>), HighsStatus> {
    model.set_option("solve_relaxation", true);
    // HiGHS's presolve took longer than it saved: the LP of a 30-group county took 4.3 s
    // with it and 2.6 s without (12 groups: 1.3 and 0.7 s).
    model.set_option("presolve", "off");
    set_time_share(&mut model, g.deadline, 0.7);
    let solved = model.try_solve()?;
    let found = (solved.status() == HighsModelStatus::Optimal).then(|| {
        let solution = solved.get_solution();
        Relaxed {
            bound: solved.objective_value(),
            values: solution.columns().to_vec(),
            reduced: solution.dual_columns().to_vec(),
            duals: solution.dual_rows().to_vec(),
        }
    });
    let mut model = Model::from(solved);
    model.set_option("solve_relaxation", false);
    model.set_option("presolve", "choose");
    Ok((model, found))
}

/// Which columns a restricted MIP keeps: every continuous one, the binaries the LP optimum
/// or `best` uses, and `per_used` more per binary the LP optimum uses, least reduced cost
/// first (see [`Stage`]).
fn kept(binary: &[bool], lp: &Relaxed, best: Option<&[f64]>, per_used: f64) -> Vec<bool> {
    let in_lp = |c: usize| lp.values[c] > 1e-9;
    let used = |c: usize| in_lp(c) || best.is_some_and(|s| s[c] > 0.5);
    let mut keep: Vec<bool> = (0..binary.len()).map(|c| !binary[c] || used(c)).collect();
    let n_used = (0..binary.len()).filter(|&c| binary[c] && in_lp(c)).count();
    let mut rest: Vec<usize> = (0..binary.len()).filter(|&c| !keep[c]).collect();
    // Ties go to the lower column, so the same input keeps the same columns.
    rest.sort_by(|&a, &b| lp.reduced[a].total_cmp(&lp.reduced[b]).then(a.cmp(&b)));
    let extra = (per_used * n_used.max(1) as f64).ceil() as usize;
    for &c in rest.iter().take(extra) {
        keep[c] = true;
    }
    keep
}

/// The MIP over the kept columns alone (the others at 0), started from `start` and given
/// `share` of the time left; its plan, over every column, if it found one.
fn restricted(
    lp: &ModelData,
    keep: &[bool],
    start: Option<&Values>,
    share: f64,
    g: &Guide,
) -> Result<Option<Values>, HighsStatus> {
    let gap = g.options.mip_rel_gap.max(RESTRICTED_GAP);
    Ok(solve_kept(lp, keep, start, (gap, share, false), g)?.plan)
}

/// What a MIP over kept columns ended with.
struct KeptSolve {
    /// Its best plan over every column, if any.
    plan: Option<Values>,
    /// Its proven bound, if HiGHS gave one.
    bound: Option<f64>,
    /// Whether HiGHS proved the plan optimal within the gap asked.
    optimal: bool,
}

/// HiGHS on the kept columns alone, stopping at relative gap `gap` or after `share` of the
/// time left; `proving` without the primal heuristics of [`PROOF_WITHOUT`].
fn solve_kept(
    lp: &ModelData,
    keep: &[bool],
    start: Option<&Values>,
    (gap, share, proving): (f64, f64, bool),
    g: &Guide,
) -> Result<KeptSolve, HighsStatus> {
    let kept: Vec<usize> = (0..keep.len()).filter(|&c| keep[c]).collect();
    // A model of its own, not the full one with columns fixed at 0: HiGHS's presolve of
    // those fixings took 2 s on a 30-group county, the restricted MIP's whole search 1.8 s.
    let mut model = sub_model(lp, &kept, true)?;
    let options = HighsOptions {
        mip_rel_gap: gap,
        // Its share of the deadline is set below; the block's own limit is not its.
        time_limit: f64::INFINITY,
        ..g.options.clone()
    };
    highs::set_options(&mut model, &options);
    if let Some((s, _)) = start {
        let sub: Vec<f64> = kept.iter().map(|&c| s[c]).collect();
        highs::set_solution(&mut model, &sub);
    }
    set_time_share(&mut model, g.deadline, share);
    if proving {
        for heuristic in PROOF_WITHOUT {
            model.set_option(heuristic, false);
        }
    }
    let solved = model.try_solve()?;
    let plan = has_plan(&solved).then(|| {
        // The columns left out are binaries the LP optimum and the start leave at 0.
        let mut values = vec![0.0; keep.len()];
        for (&c, &v) in kept.iter().zip(solved.get_solution().columns()) {
            values[c] = v;
        }
        (values, solved.objective_value())
    });
    Ok(KeptSolve {
        optimal: plan.is_some() && solved.status() == HighsModelStatus::Optimal,
        bound: highs::mip_dual_bound(&solved),
        plan,
    })
}

fn has_plan(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

#[cfg(test)]
mod tests;
