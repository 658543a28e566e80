//! What the guide's parts share: the LP relaxation's optimum, the bound and reduced costs
//! its row duals prove, HiGHS models over part of a block's columns, and time shares.

use std::time::Instant;

use ::highs::{ColProblem, HighsStatus, Model, Sense};

use crate::solve::clock::seconds_left;
use crate::solve::highs::{self, HighsOptions, ModelData};

/// The LP relaxation's optimum, with its column values, reduced costs and row duals.
pub(super) struct Relaxed {
    /// The LP's value: HiGHS's, or for a sifted LP the bound its duals prove.
    pub bound: f64,
    pub values: Vec<f64>,
    pub reduced: Vec<f64>,
    pub duals: Vec<f64>,
}

/// A lower bound of the block and every column's reduced cost, both computed from the LP's
/// row duals alone (see [`lagrangian`]).
pub(super) struct Dual {
    pub bound: f64,
    pub reduced: Vec<f64>,
}

/// A lower bound of the block and each column's reduced cost from the LP's row duals `y`
/// alone, so that no tolerance of HiGHS's enters the proof. With `d = c − Aᵀy`, a plan `x`
/// costs `offset + Σ d·x + Σ y·(A x)`. Each row's activity lies within its bounds and each
/// column within its own, so every plan costs at least `bound = offset + Σ_rows min
/// y·activity + Σ_columns min d·x`, and `d_j` more for each binary `j` it sets with
/// `d_j > 0`. A dual of the wrong sign for its row counts 0 (a weaker bound, still a
/// bound). `None` for a maximised model, or when an unbounded side makes the bound −∞
/// (beyond [`ROUNDING`]).
pub(super) fn lagrangian(columns: &ModelData, duals: &[f64]) -> Option<Dual> {
    if columns.maximise {
        return None;
    }
    let mut bound = columns.offset;
    let mut y = duals.to_vec();
    for (r, y) in y.iter_mut().enumerate() {
        let side = if *y > 0.0 {
            columns.row_lower[r]
        } else {
            columns.row_upper[r]
        };
        if !side.is_finite() {
            *y = 0.0;
        }
        if *y != 0.0 {
            bound += *y * side;
        }
    }
    let mut reduced = columns.reduced(&y);
    for (c, d) in reduced.iter_mut().enumerate() {
        let at = if *d >= 0.0 {
            columns.lower[c]
        } else {
            columns.upper[c]
        };
        if !at.is_finite() && d.abs() <= ROUNDING {
            // Rounding of a column HiGHS has basic (an equity shortfall: 1e-14 on 12 groups).
            *d = 0.0;
        }
        if *d != 0.0 {
            if !at.is_finite() {
                return None;
            }
            bound += *d * at;
        }
    }
    Some(Dual { bound, reduced })
}

/// What [`lagrangian`] takes for 0 in a reduced cost on an unbounded side: the rounding
/// of `c − Aᵀy` in floating point, far below any cost of the model.
const ROUNDING: f64 = 1e-9;

/// A model of `lp`'s rows and of its columns `cols` alone, in that order; with `integer`
/// false, every column continuous (an LP).
pub(super) fn sub_model(
    lp: &ModelData,
    cols: &[usize],
    integer: bool,
) -> Result<Model, HighsStatus> {
    let mut problem = ColProblem::new();
    let rows: Vec<_> = (0..lp.row_lower.len())
        .map(|r| problem.add_row(lp.row_lower[r]..=lp.row_upper[r]))
        .collect();
    for (&c, entries) in cols.iter().zip(lp.entries_of(cols)) {
        let entries = entries.into_iter().map(|(r, a)| (rows[r], a));
        problem.add_column_with_integrality(
            lp.cost[c],
            lp.lower[c]..=lp.upper[c],
            entries,
            integer && lp.integer[c],
        );
    }
    let sense = if lp.maximise {
        Sense::Maximise
    } else {
        Sense::Minimise
    };
    let mut model = problem.try_optimise(sense)?;
    model.make_quiet();
    highs::set_objective_offset(&mut model, lp.offset);
    Ok(model)
}

/// The MIP of every column of `lp`: a sifted block's model, made only when the guide did not
/// settle the block.
pub(crate) fn whole_model(lp: &ModelData, options: &HighsOptions) -> Result<Model, HighsStatus> {
    let all: Vec<usize> = (0..lp.cost.len()).collect();
    let mut model = sub_model(lp, &all, true)?;
    highs::set_options(&mut model, options);
    Ok(model)
}

/// Gives the next HiGHS run `share` of the time left before `deadline`.
pub(super) fn set_time_share(model: &mut Model, deadline: Option<Instant>, share: f64) {
    let left = seconds_left(deadline);
    if left.is_finite() {
        model.set_option("time_limit", (left * share).max(0.0));
    }
}
