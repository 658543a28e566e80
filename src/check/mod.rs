//! The independent checker: recomputes every hard rule and the objective from a plan alone.
//!
//! It never touches the model builder or the candidate generator: it follows MODEL.md on
//! its own, so that solver tests can use it as an oracle. Each rule family lives in its own
//! file, named as in `model/`; [`check`] lists them all top to bottom. What every rule
//! reads (where each person is each year, the due pool, the counts per school and year) is
//! worked out once, in `audit.rs`; the checker's own reading of candidacy, scope and distance
//! is `candidacy.rs`; what an audit finds ([`Report`], [`Violation`]) is `report.rs`.

mod admissible;
mod audit;
mod candidacy;
mod changes;
mod coverage;
mod equity;
mod headcount;
mod objective;
mod one_start;
mod pins;
mod quota;
mod reciprocal;
mod report;
mod shortfall;
mod stability_cap;
mod subjects_kept;
mod trusteed_flow;

use crate::instance::{Instance, Plan};
use audit::Audit;
pub use report::{
    BaselineDiff, Coverage, DiffCounts, DiffStart, Flow, Moved, Report, SchoolYear, Violation,
};
pub use shortfall::{NotAdmissible, Shortfall, StartAt};

/// Audits `plan` against every hard rule of MODEL.md and computes its objective value.
pub fn check(inst: &Instance, plan: &Plan) -> Report {
    let mut a = Audit::new(inst, plan);
    admissible::add(&mut a); // each start: a candidate that year, in the horizon, in scope, within reach
    one_start::add(&mut a); // a person starts at most one exchange in the horizon
    pins::add(&mut a); // every pinned person starts the exchange HR decided
    coverage::add(&mut a); // enough staff of each subject present at every school
    headcount::add(&mut a); // visitors and staff away differ by at most max_net_change
    quota::add(&mut a); // schools send ceil(rate × due) a year, with backbone and cadre shares
    trusteed_flow::add(&mut a); // a core sends ≥ min cadres/backbone to each trusteed member a year
    reciprocal::add(&mut a); // a trusteed member sends back as many as it receives
    stability_cap::add(&mut a); // a school sends at most ceil(max_out_share × home staff) a year
    subjects_kept::add(&mut a); // no start takes a school's last teacher of a subject it teaches
    equity::add(&mut a); // members short of backbone teachers cost per missing head
    objective::add(&mut a); // distance, preference, promotion, overdue and slack terms
    changes::add(&mut a); // with a baseline plan: starts added or dropped, and the list HR reads
    a.report()
}
