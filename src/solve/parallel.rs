//! The blocks of a model solved side by side on the current rayon pool, their outcomes
//! combined into one status and one bound.

use rayon::prelude::*;
use rust_i18n::t;
use std::time::Instant;

use super::advice;
use super::block::{self, block_status, BlockResult};
use super::highs::ModelData;
use super::matrix::{Block, Matrix};
use super::progress::{self, Progress};
use super::solved::{worse, Status};
use crate::input::policy::Policy;
use crate::instance::Instance;
use ::highs::HighsModelStatus;

/// Solves every block, in the order of `blocks`. The data of the blocks to be sifted is
/// taken out of `matrix` first (see [`block::sifted`]).
pub(super) fn solve_blocks(
    inst: &Instance,
    matrix: &mut Matrix,
    blocks: &[Block],
    deadline: Option<Instant>,
    progress: Progress,
    start: Option<&[f64]>,
) -> Vec<BlockResult> {
    let data: Vec<Option<ModelData>> = blocks
        .iter()
        .map(|b| block::sifted(inst, matrix, b, start.is_some()).then(|| matrix.take_data(b)))
        .collect();
    let matrix = &*matrix;
    let threads = inst.policy.solver.threads;
    let board = progress::Board::new(blocks.len(), matrix.unanchored(), progress);
    let one = |(i, (b, data)): (usize, (&Block, Option<ModelData>)), threads: Option<u32>| {
        let s = start.map(|v| b.cols.iter().map(|&c| v[c]).collect::<Vec<f64>>());
        let s_obj = s.as_ref().map_or(0.0, |v| matrix.block_objective(b, v));
        if s.is_some() {
            board.post(i, Some(s_obj), None, false);
        }
        let with_obj = s.clone().map(|v| (v, s_obj));
        let seen =
            |r: &BlockResult| board.post(i, r.has_plan.then_some(r.objective), r.bound, false);
        let r = block::solve_block(inst, matrix, b, data, deadline, threads, with_obj, &seen);
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
            .zip(data)
            .enumerate()
            .map(|b| one(b, Some(threads)))
            .collect()
    } else {
        blocks
            .par_iter()
            .zip(data)
            .enumerate()
            .map(|b| {
                let threads = threads_of(b.0);
                one(b, threads)
            })
            .collect()
    }
}

/// The outcome of the whole model: the most serious block outcome, or, when there is no
/// plan, that outcome with its message.
pub(super) fn overall_status(
    results: &[BlockResult],
    policy: &Policy,
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
                advice::status_message(&format!("{:?}", r.status), Some(policy)),
            )
        };
        status = worse(status, block_status(r).map_err(unexpected)?);
    }
    let limit = policy.solver.time_limit_s;
    match status {
        Status::Infeasible => Err((status, t!("tools.solver.infeasible").into_owned())),
        Status::NoPlanInTime if super::clock::interrupted() => {
            Err((status, t!("tools.solver.interrupted").into_owned()))
        }
        Status::NoPlanInTime => Err((
            status,
            t!("tools.solver.time_limit", limit = limit).into_owned(),
        )),
        _ => Ok(status),
    }
}

/// The sum of the blocks' bounds, as HiGHS sees them (each block with its share of the
/// constant); none unless every block has one.
pub(super) fn solver_bound(results: &[BlockResult]) -> Option<f64> {
    results
        .iter()
        .map(|r| {
            r.bound
                .or((r.status == HighsModelStatus::Optimal).then_some(r.objective))
        })
        .sum()
}
