//! One independent block solved by HiGHS on a thread of its own, watched against the
//! deadline; a guided MIP block (every one by default) goes through its LP relaxation, small
//! MIPs and the proof first (`guide.rs`), and the full solve runs only when those do not
//! settle it.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ::highs::{HighsModelStatus, HighsSolutionStatus, Model, SolvedModel};
use rust_i18n::t;

use super::advice;
use super::clock::{interrupted, seconds_left};
use super::guide::{self, Found, Guide, Values};
use super::highs::{self, ModelData};
use super::matrix::{Block, Matrix};
use super::solved::Status;
use crate::instance::Instance;

/// What one block's solve gives back, in plain data (HiGHS models are not `Send`).
pub(super) struct BlockResult {
    pub status: HighsModelStatus,
    pub has_plan: bool,
    pub values: Vec<f64>,
    pub objective: f64,
    pub bound: Option<f64>,
    pub error: Option<String>,
}

impl BlockResult {
    /// The start's values when HiGHS ended in time without a plan or with a worse one (a
    /// time limit before HiGHS took the start in): a block never returns less than its start.
    pub fn or_start(self, start: Option<Vec<f64>>, start_objective: f64) -> Self {
        let Some(values) = start else {
            return self;
        };
        let tol = 1e-9 * (1.0 + start_objective.abs());
        let worse = !self.has_plan || self.objective > start_objective + tol;
        let timed_out = matches!(
            block_status(&self),
            Ok(Status::NoPlanInTime | Status::Feasible)
        );
        if !(worse && timed_out) {
            return self;
        }
        BlockResult {
            status: HighsModelStatus::ReachedTimeLimit,
            has_plan: true,
            values,
            objective: start_objective,
            bound: self.bound,
            error: None,
        }
    }

    /// A result with no plan.
    pub fn without_plan(status: HighsModelStatus) -> Self {
        BlockResult {
            status,
            has_plan: false,
            values: Vec::new(),
            objective: 0.0,
            bound: None,
            error: None,
        }
    }

    fn failed(message: String) -> Self {
        BlockResult {
            error: Some(message),
            ..BlockResult::without_plan(HighsModelStatus::NotSet)
        }
    }

    /// The better of this bound and `other` (both proven lower bounds of the block).
    fn with_bound(mut self, other: Option<f64>) -> Self {
        self.bound = super::progress::max_of(self.bound, other);
        self
    }
}

/// Whether a block is sifted (see `guide/sift.rs`): a guided block of
/// `solver.sift_min_binaries` binaries or more, with a start for the first working set.
/// Its data is then taken from the matrix ([`Matrix::take_data`]) and given to
/// [`solve_block`].
pub(super) fn sifted(inst: &Instance, matrix: &Matrix, block: &Block, has_start: bool) -> bool {
    let n = matrix.binaries_in(block);
    has_start && guided(inst, n) && n >= inst.policy.solver.sift_min_binaries as usize
}

/// Whether a block of `n` binaries is guided: a MIP block of `solver.guide_min_binaries` or
/// more.
fn guided(inst: &Instance, n: usize) -> bool {
    n > 0 && n >= inst.policy.solver.guide_min_binaries as usize
}

/// Solves one block: builds its HiGHS model, unless its `data` was taken to be sifted, and
/// hands it to a watched thread.
#[allow(clippy::too_many_arguments)]
pub(super) fn solve_block(
    inst: &Instance,
    matrix: &Matrix,
    block: &Block,
    data: Option<ModelData>,
    deadline: Option<Instant>,
    threads: Option<u32>,
    start: Option<Values>,
    seen: &dyn Fn(&BlockResult),
) -> BlockResult {
    if seconds_left(deadline) <= 0.0 {
        return BlockResult::without_plan(HighsModelStatus::ReachedTimeLimit);
    }
    let options = options(inst, f64::INFINITY, threads);
    let n_binaries = matrix.binaries_in(block);
    let guided = guided(inst, n_binaries);
    let given = match data {
        Some(data) => Given::Data(Box::new(data)),
        None => {
            let mut model = matrix.model(block);
            highs::set_options(&mut model, &options);
            Given::Model(highs::Sendable(model))
        }
    };
    let task = Task {
        given,
        binaries: n_binaries > 0,
        guided,
        start,
        deadline,
        options,
    };
    watched(task, seen)
}

/// A block as the solving thread gets it.
enum Given {
    /// Its HiGHS model.
    Model(highs::Sendable),
    /// Its data alone, for the guide to sift (see [`sifted`]): the HiGHS model is made only
    /// if the guide does not settle the block (and then not at all past
    /// [`WHOLE_MAX_COLUMNS`] under a time limit).
    Data(Box<ModelData>),
}

/// Everything the solving thread needs, all of it `Send`.
struct Task {
    given: Given,
    binaries: bool,
    /// Whether the guide runs first (a MIP block of `solver.guide_min_binaries` or more).
    guided: bool,
    /// A plan to start from and its objective.
    start: Option<Values>,
    deadline: Option<Instant>,
    /// The options the model was given (the guide's restricted MIPs get them too).
    options: highs::HighsOptions,
}

/// What the solving thread tells the waiting one.
enum Report {
    /// A plan found on the way (the guide's): what the block has if HiGHS then runs late.
    OnTheWay(BlockResult),
    Done(BlockResult),
}

/// How much before the deadline HiGHS is told to stop: it notices its limit late, and
/// the root node of a 70k-binary model took 0.3 s more.
const EARLY: Duration = Duration::from_millis(300);

/// How often the waiting thread looks whether the run was interrupted.
const WATCH_SLICE: Duration = Duration::from_millis(50);

/// How long past the deadline a HiGHS solve may take to stop on its own time limit before
/// it is left behind: with checking and writing after it, the run ends within a second.
const GRACE: Duration = Duration::from_millis(400);

/// Solves the task on a thread of its own and waits for it until the deadline (and
/// [`GRACE`]). HiGHS does not look at its clock in every phase: 1.15 ran 25 s past its
/// limit between presolve and the root LP of a 190k-binary model, and 1.16 ran a small MIP
/// of the guide 1.2 s past its own. A solve still running then is left to finish on its
/// own (its result is dropped) and the block keeps what was reported on the way, if anything.
fn watched(task: Task, seen: &dyn Fn(&BlockResult)) -> BlockResult {
    let deadline = task.deadline;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // The receiver is gone when the solve ran past its deadline: nobody needs it.
        let on_the_way = |r| drop(tx.send(Report::OnTheWay(r)));
        let done = solve_model(task, &on_the_way);
        let _ = tx.send(Report::Done(done));
    });
    let mut kept = None;
    loop {
        let wait = deadline.map(|d| (d + GRACE).saturating_duration_since(Instant::now()));
        // In slices, so that an interrupt (Ctrl-C, a scheduler's SIGTERM) is seen at once.
        let slice = wait.map_or(WATCH_SLICE, |w| w.min(WATCH_SLICE));
        let received = match rx.recv_timeout(slice) {
            Err(RecvTimeoutError::Timeout) if !interrupted() && wait.is_none_or(|w| w > slice) => {
                continue
            }
            r => r,
        };
        match received {
            Ok(Report::OnTheWay(r)) => {
                seen(&r);
                kept = Some(r)
            }
            Ok(Report::Done(r)) => return r,
            Err(RecvTimeoutError::Timeout) => {
                return kept.unwrap_or_else(|| {
                    BlockResult::without_plan(HighsModelStatus::ReachedTimeLimit)
                })
            }
            // The solving thread ended without a result: it panicked. A bug, not a time limit.
            Err(RecvTimeoutError::Disconnected) => {
                return BlockResult::failed(t!("solve_start.thread_failed").into_owned())
            }
        }
    }
}

/// The solving thread's work: the guide (for a guided block), which may settle the block;
/// else HiGHS on the whole block from the best start, never returning less than that start.
fn solve_model(task: Task, on_the_way: &dyn Fn(BlockResult)) -> BlockResult {
    let Task {
        given,
        binaries,
        guided,
        mut start,
        deadline,
        options,
    } = task;
    let seen = |f: &Found| {
        on_the_way(match &f.plan {
            Some(plan) => found_on_the_way(plan, f.bound),
            // The bound alone, kept if HiGHS then runs past the deadline.
            None => BlockResult {
                bound: f.bound,
                ..BlockResult::without_plan(HighsModelStatus::ReachedTimeLimit)
            },
        })
    };
    let g = Guide {
        start: start.as_ref(),
        deadline,
        options: &options,
        seen: &seen,
    };
    let (mut model, found) = match given {
        Given::Model(model) if guided => match guide::run(model.0, &g) {
            Ok((model, found)) => (model, Some(found)),
            Err(e) => return BlockResult::failed(highs_failed(&format!("{e:?}"))),
        },
        Given::Model(model) => (model.0, None),
        Given::Data(columns) => {
            let found = match guide::run_sifted(&columns, &g) {
                Ok(found) => found,
                Err(e) => return BlockResult::failed(highs_failed(&format!("{e:?}"))),
            };
            if let Some(done) = settled(&found) {
                return done;
            }
            if deadline.is_some() && columns.cost.len() > WHOLE_MAX_COLUMNS {
                // HiGHS would not get far on the whole block in the time left (it took 4.8 s
                // only to take in the 30-group district's 1.67M columns, and 2.7 GB): the
                // block keeps the guide's plan, or its start, with the guide's bound.
                return unsettled(found, start);
            }
            match guide::whole_model(&columns, &options) {
                Ok(model) => (model, Some(found)),
                Err(e) => return BlockResult::failed(highs_failed(&format!("{e:?}"))),
            }
        }
    };
    let mut bound = None;
    if let Some(found) = found {
        if let Some(done) = settled(&found) {
            return done;
        }
        bound = found.bound;
        if let Some(plan) = found.plan {
            // From a near-optimal start HiGHS proved the optimum of a 12-group county in
            // 16 s without presolve and 27 s with it (presolve restarts and re-probes).
            model.set_option("presolve", "off");
            start = Some(plan);
        }
    }
    let result = solve_from(
        model,
        binaries,
        start.as_ref().map(|s| s.0.as_slice()),
        deadline,
    );
    let (values, objective) = start.map_or((None, 0.0), |(v, o)| (Some(v), o));
    result.or_start(values, objective).with_bound(bound)
}

/// The block's result when the guide proved its plan optimal.
fn settled(found: &Found) -> Option<BlockResult> {
    let plan = found.plan.as_ref().filter(|_| found.optimal)?;
    Some(BlockResult {
        status: HighsModelStatus::Optimal,
        ..found_on_the_way(plan, found.bound)
    })
}

/// The most columns of a sifted block the guide did not settle that HiGHS is given whole
/// under a time limit: the 12-group district (302k) was solved whole in 6 s and 0.56 GB,
/// the 30-group one (1.67M) took 2.7–3.7 GB and found nothing in 60 s.
const WHOLE_MAX_COLUMNS: usize = 400_000;

/// A sifted block the guide did not settle, under a time limit (and too big to give HiGHS
/// whole, see [`WHOLE_MAX_COLUMNS`]): its best plan (the guide's,
/// else the start), not proven, with the guide's bound.
fn unsettled(found: Found, start: Option<Values>) -> BlockResult {
    match found.plan.or(start) {
        Some(plan) => found_on_the_way(&plan, found.bound),
        None => BlockResult {
            bound: found.bound,
            ..BlockResult::without_plan(HighsModelStatus::ReachedTimeLimit)
        },
    }
}

/// HiGHS on the whole block, from `start`, stopping [`EARLY`] before the deadline.
fn solve_from(
    mut model: Model,
    binaries: bool,
    start: Option<&[f64]>,
    deadline: Option<Instant>,
) -> BlockResult {
    if let Some(s) = start {
        highs::set_solution(&mut model, s);
    }
    let remaining = seconds_left(deadline);
    if remaining <= 0.0 {
        return BlockResult::without_plan(HighsModelStatus::ReachedTimeLimit);
    }
    if remaining.is_finite() {
        // HiGHS stops a little after its limit: told to stop early, it ends by the deadline.
        let told = (remaining - EARLY.as_secs_f64()).max(remaining / 2.0);
        model.set_option("time_limit", told);
    }
    match model.try_solve() {
        Ok(solved) => read_block(binaries, &solved),
        Err(e) => BlockResult::failed(highs_failed(&format!("{e:?}"))),
    }
}

fn highs_failed(error: &str) -> String {
    t!("tools.solver.highs_failed", error = error).into_owned()
}

/// The guide's plan as a block result: a plan, not proven, with the relaxation's bound.
fn found_on_the_way(plan: &Values, bound: Option<f64>) -> BlockResult {
    BlockResult {
        status: HighsModelStatus::ReachedTimeLimit,
        has_plan: true,
        values: plan.0.clone(),
        objective: plan.1,
        bound,
        error: None,
    }
}

/// Copies what the solved block holds out of HiGHS.
fn read_block(binaries: bool, solved: &SolvedModel) -> BlockResult {
    let status = solved.status();
    let has_plan = status == HighsModelStatus::ModelEmpty
        || solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    if !has_plan {
        return BlockResult::without_plan(status);
    }
    let objective = solved.objective_value();
    // A block of slacks alone is an LP: HiGHS leaves its MIP bound unset (0), and the
    // LP optimum is its own bound.
    let bound = if binaries {
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

/// One block's outcome in our terms; an error for a HiGHS status we do not expect.
pub(super) fn block_status(r: &BlockResult) -> Result<Status, (Status, String)> {
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
            return Err((Status::Error, advice::status_message(&status, None)));
        }
    })
}

pub(super) fn options(
    inst: &Instance,
    time_limit: f64,
    threads: Option<u32>,
) -> highs::HighsOptions {
    highs::HighsOptions {
        time_limit,
        mip_rel_gap: inst.policy.solver.mip_gap,
        threads,
    }
}
