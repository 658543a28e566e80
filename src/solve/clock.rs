//! The time limit as a deadline: every stage of a solve (building, the group-scope start,
//! each block, each of the guide's MIPs) asks how many seconds are left of the same one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Set by the first Ctrl-C or SIGTERM: every solve of the process then ends as at its time
/// limit, with the best plan and bound found so far.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Asks every solve of the process to stop now, as if its time limit had run out.
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether [`interrupt`] was called.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// When a time limit of `limit` seconds runs out for a run started at `start`, if it ever
/// does.
pub fn deadline(start: Instant, limit: f64) -> Option<Instant> {
    // A limit too far out for a clock (1e30 s) is no limit.
    Duration::try_from_secs_f64(limit.max(0.0))
        .ok()
        .and_then(|d| start.checked_add(d))
}

/// Seconds left before `deadline` (infinite without one).
pub(super) fn seconds_left(deadline: Option<Instant>) -> f64 {
    if interrupted() {
        return 0.0;
    }
    deadline.map_or(f64::INFINITY, |d| {
        d.saturating_duration_since(Instant::now()).as_secs_f64()
    })
}
