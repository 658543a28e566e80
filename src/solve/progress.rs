//! How far a solve has got, block by block, summed into one [`Tick`] for a progress line.

use std::sync::Mutex;

use super::solved::gap;

/// Called whenever a block finishes or finds a better plan or bound on the way.
pub type Progress<'a> = &'a (dyn Fn(&Tick) + Sync);

/// How far a solve has got (for a progress line on long runs).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tick {
    /// Independent blocks solved.
    pub done: usize,
    /// Independent blocks in all.
    pub blocks: usize,
    /// The best plan's objective so far, once every block has a plan.
    pub best: Option<f64>,
    /// The best proven lower bound so far, once every block has one.
    pub bound: Option<f64>,
}

impl Tick {
    /// The relative gap of `best` over `bound`, when both are known.
    pub fn gap(&self) -> Option<f64> {
        Some(gap(self.best?, self.bound?))
    }
}

/// One block's best plan and bound so far.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    best: Option<f64>,
    bound: Option<f64>,
}

/// Each block's best plan and bound so far; every change is told as a [`Tick`].
pub(super) struct Board<'a> {
    /// Blocks finished, and each block's figures.
    blocks: Mutex<(usize, Vec<Figures>)>,
    /// The objective's constant that no block carries.
    unanchored: f64,
    progress: Progress<'a>,
}

impl<'a> Board<'a> {
    pub(super) fn new(blocks: usize, unanchored: f64, progress: Progress<'a>) -> Self {
        Board {
            blocks: Mutex::new((0, vec![Figures::default(); blocks])),
            unanchored,
            progress,
        }
    }

    /// Block `b` has a plan of objective `best` (if any) and the bound `bound` (if any),
    /// and is `finished` or not; better figures of the block are kept.
    pub(super) fn post(&self, b: usize, best: Option<f64>, bound: Option<f64>, finished: bool) {
        let mut guard = self.blocks.lock().unwrap_or_else(|e| e.into_inner());
        let (done, figures) = &mut *guard;
        let f = &mut figures[b];
        f.best = min_of(f.best, best);
        f.bound = max_of(f.bound, bound);
        *done += usize::from(finished);
        let sum = |pick: fn(&Figures) -> Option<f64>| {
            let total: Option<f64> = figures.iter().map(pick).sum();
            total.map(|s| s + self.unanchored)
        };
        let tick = Tick {
            done: *done,
            blocks: figures.len(),
            best: sum(|f| f.best),
            bound: sum(|f| f.bound),
        };
        (self.progress)(&tick);
    }
}

pub(super) fn min_of(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

pub(super) fn max_of(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}
