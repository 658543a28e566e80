//! The LP relaxation of a block too big to give HiGHS whole, by sifting: HiGHS solves the
//! LP over a working set of columns, every other column is priced against its row duals
//! (`c − Aᵀy`), the most negative enter, and HiGHS goes on from its last basis, until no
//! column prices below zero. Then the working set's optimum is the whole LP's, with the
//! same duals, and no HiGHS model of the whole block is ever made.
//!
//! A city district at scope county has 1.67M candidate starts (30 groups): HiGHS took 4.8 s
//! to take the model in and ran out of 36 s on its LP. Most of those columns are hosts far
//! dearer than the person's best few, and never enter a basis.

use std::collections::HashMap;
use std::time::Instant;

use ::highs::{HighsModelStatus, HighsStatus};

use crate::solve::clock::seconds_left;
use crate::solve::guide::lp::{lagrangian, sub_model, Relaxed};
use crate::solve::highs::{self, HighsOptions, ModelData};

/// Per row, how many of its cheapest binaries the first working set holds.
const FIRST_PER_ROW: usize = 2;

/// Per round, how many columns at most enter sharing one first row (for a start decision:
/// its person's row of the one-start rule), so that one person's many hosts do not crowd
/// out everyone else's.
const ENTER_PER_ROW: usize = 3;

/// Per round, the least cap on the columns that enter (else half the working set).
const ENTER_MIN: usize = 5_000;

/// A reduced cost below this is negative for pricing: HiGHS's own dual tolerance.
const PRICE_TOL: f64 = 1e-7;

/// What sifting found: the LP optimum, if reached in time, and the best bound the row
/// duals of its rounds proved on the way (see [`lagrangian`]).
pub(super) struct Sifted {
    pub lp: Option<Relaxed>,
    pub bound: Option<f64>,
}

/// What sifting is given besides the block.
pub(super) struct Sift<'a> {
    /// A plan (every column's value) whose columns the first working set holds.
    pub start: Option<&'a [f64]>,
    /// Sifting takes 90% of the time left before it.
    pub deadline: Option<Instant>,
    pub options: &'a HighsOptions,
    /// Told each better bound as soon as it is proven.
    pub seen: &'a dyn Fn(f64),
}

/// The LP relaxation of `lp` by sifting, from the working set of its continuous columns,
/// the start's columns and each row's cheapest binaries; each round's bound reported.
/// `lp: None` when the time share ran out or the working set had no LP optimum (no start
/// and too few columns to meet every row).
pub(super) fn relaxation(lp: &ModelData, g: &Sift) -> Result<Sifted, HighsStatus> {
    let n = lp.cost.len();
    let mut inside = first_set(lp, g.start);
    let first_row = first_rows(lp);
    let mut cols: Vec<usize> = (0..n).filter(|&c| inside[c]).collect();
    let mut model = sub_model(lp, &cols, false)?;
    highs::set_options(&mut model, g.options);
    model.set_option("presolve", "off");
    // Without the LP the guide can do nothing more, and a round cut short still gives a
    // bound: sifting may take most of the time left.
    let until = share_of(g.deadline, 0.9);
    let mut out = Sifted {
        lp: None,
        bound: None,
    };
    // HiGHS's time limit counts every run of the same model, not the next one alone: each
    // round is allowed the time it has run so far and what is left.
    let mut ran = 0.0;
    loop {
        if let Some(until) = until {
            let left = until
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            model.set_option("time_limit", ran + left);
        }
        let t0 = Instant::now();
        let solved = model.try_solve()?;
        ran += t0.elapsed().as_secs_f64();
        let optimal = solved.status() == HighsModelStatus::Optimal;
        let solution = solved.get_solution();
        let duals = solution.dual_rows().to_vec();
        // Any row duals give a bound (see `lagrangian`), those of a round cut short too.
        let dual = (duals.len() == lp.row_lower.len())
            .then(|| lagrangian(lp, &duals))
            .flatten();
        if let Some(d) = dual
            .as_ref()
            .filter(|d| out.bound.is_none_or(|b| d.bound > b))
        {
            out.bound = Some(d.bound);
            (g.seen)(d.bound);
        }
        let (true, Some(dual)) = (optimal, dual) else {
            return Ok(out);
        };
        let enter = entering(&first_row, &inside, &dual.reduced, cols.len());
        if enter.is_empty() {
            let mut values = vec![0.0; n];
            for (&c, &v) in cols.iter().zip(solution.columns()) {
                values[c] = v;
            }
            out.lp = Some(Relaxed {
                // The bound its duals prove, not HiGHS's objective of the working set: that
                // one is the whole LP's only to the pricing tolerance on every column left out.
                bound: dual.bound,
                values,
                reduced: dual.reduced,
                duals,
            });
            return Ok(out);
        }
        let mut next = ::highs::Model::from(solved);
        if !highs::add_columns(&mut next, lp, &enter) {
            return Ok(out);
        }
        for &c in &enter {
            inside[c] = true;
        }
        cols.extend(enter);
        // HiGHS's primal simplex would go on from the last basis, which stays primal
        // feasible, but took 22.6 s on the second round of the 30-group district where its
        // dual simplex took 1.7 s.
        model = next;
    }
}

/// The first working set: every continuous column, the start's, and per row its
/// [`FIRST_PER_ROW`] cheapest binaries.
fn first_set(lp: &ModelData, start: Option<&[f64]>) -> Vec<bool> {
    let n = lp.cost.len();
    let mut inside: Vec<bool> = (0..n)
        .map(|c| !lp.integer[c] || start.is_some_and(|s| s[c] > 0.5))
        .collect();
    for row in &lp.rows {
        let mut best: Vec<usize> = Vec::with_capacity(FIRST_PER_ROW + 1);
        for &(c, _) in row.iter().filter(|&&(c, _)| lp.integer[c]) {
            // Ties go to the lower column: the same input, the same set.
            let at = best.partition_point(|&b| lp.cost[b] <= lp.cost[c]);
            if at < FIRST_PER_ROW {
                best.insert(at, c);
                best.truncate(FIRST_PER_ROW);
            }
        }
        for c in best {
            inside[c] = true;
        }
    }
    inside
}

/// Each column's first row (for a start decision: its person's row of the one-start rule),
/// `usize::MAX` for a column in no row.
fn first_rows(lp: &ModelData) -> Vec<usize> {
    let mut first = vec![usize::MAX; lp.cost.len()];
    for (r, row) in lp.rows.iter().enumerate().rev() {
        for &(c, _) in row {
            first[c] = r;
        }
    }
    first
}

/// The columns outside the working set that price below zero, most negative first, at most
/// [`ENTER_PER_ROW`] per first row and half the working set (or [`ENTER_MIN`]) in all.
fn entering(first_row: &[usize], inside: &[bool], reduced: &[f64], working: usize) -> Vec<usize> {
    let mut priced: Vec<usize> = (0..inside.len())
        .filter(|&c| !inside[c] && reduced[c] < -PRICE_TOL)
        .collect();
    priced.sort_by(|&a, &b| reduced[a].total_cmp(&reduced[b]).then(a.cmp(&b)));
    let cap = ENTER_MIN.max(working / 2);
    let mut per_row: HashMap<usize, usize> = HashMap::new();
    let mut enter = Vec::new();
    for c in priced {
        let r = first_row[c];
        if r != usize::MAX {
            let n = per_row.entry(r).or_default();
            if *n >= ENTER_PER_ROW {
                continue;
            }
            *n += 1;
        }
        enter.push(c);
        if enter.len() >= cap {
            break;
        }
    }
    enter.sort_unstable();
    enter
}

/// The instant `share` of the time left before `deadline` runs out.
fn share_of(deadline: Option<Instant>, share: f64) -> Option<Instant> {
    let left = seconds_left(deadline);
    left.is_finite()
        .then(|| Instant::now() + std::time::Duration::from_secs_f64(left * share))
}
