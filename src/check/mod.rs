//! The independent checker: recomputes every hard rule and the objective from a plan alone.
//!
//! It never touches the model builder or the candidate generator: it follows MODEL.md on
//! its own, so that solver tests can use it as an oracle. Each rule family lives in its own
//! file, named as in `model/`; [`check`] lists them all top to bottom. What every rule
//! reads (where each person is each year, the due pool, the counts per school and year) is
//! worked out once, in `audit.rs`.

mod admissible;
mod audit;
mod changes;
mod coverage;
mod equity;
mod headcount;
mod objective;
mod one_start;
mod pins;
mod quota;
mod reciprocal;
mod stability_cap;
mod subjects_kept;
mod trusteed_flow;

use serde::Serialize;

use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::rules::{Component, Rule};
use audit::Audit;
pub use changes::{BaselineDiff, DiffCounts, DiffStart, Moved};

/// One broken hard rule, in words and numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// The rule that is broken.
    pub rule: Rule,
    /// The school it is about (the core, for flow rules; the home, for a start).
    pub school: Option<String>,
    /// Subject, trusteed member or direction, where the rule has one.
    pub detail: Option<String>,
    /// The person, for a rule about one start.
    pub person: Option<String>,
    /// The school year.
    pub year: Option<i32>,
    /// By how much the rule is missed (heads; the backbone share can be fractional).
    pub amount: f64,
    /// The break in words.
    pub message: String,
    /// The diagnosis only: the fact of the instance that explains the break, when a simple
    /// one does (`crate::causes`); the checker leaves it empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<crate::causes::kinds::Cause>,
}

/// Staff of one subject present at a school in a year, against its minimum.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// The subject.
    pub subject: String,
    /// Staff of the subject present (home staff not away, plus visitors).
    pub present: u32,
    /// The school's `min_subject` for it.
    pub min: u32,
}

/// The counts behind every rule for one school and year.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolYear {
    /// The school's id.
    pub school: String,
    /// The school year.
    pub year: i32,
    /// Roster rows whose home is the school.
    pub home_staff: u32,
    /// People at the school in the year (home staff not away, plus visitors).
    pub present: u32,
    /// Staff of other schools away at this one.
    pub visitors: u32,
    /// Home staff away at another school.
    pub away: u32,
    /// `visitors − away`, the net change of staff present that rule 2 bounds.
    pub net: i64,
    /// New starts in the year of staff whose home is the school.
    pub new_out: u32,
    /// Of those, backbone teachers.
    pub new_out_backbone: u32,
    /// Of those, cadres.
    pub new_out_cadre: u32,
    /// New starts in the year at the school as host.
    pub new_in: u32,
    /// Quota schools only: size of the due pool and starts required.
    pub due: Option<u32>,
    /// Quota schools only: ceil(rate × due pool).
    pub quota_need: Option<u32>,
    /// Backbone teachers present.
    pub backbone_present: u32,
    /// Member schools only: ceil(share × home headcount).
    pub backbone_target: Option<u32>,
    /// One entry per `min_subject` of the school.
    pub coverage: Vec<Coverage>,
    /// Stability cap (rule 6): ceil(max_out_share × home staff), the most `new_out` may be;
    /// None when `max_out_share = 1`, which turns the rule off.
    pub out_cap: Option<u32>,
    /// Every subject kept (rule 7): subjects without a `min_subject` entry that have staff
    /// present before any new start; None when `keep_every_subject = false`.
    pub subjects_taught: Option<u32>,
    /// Of those, the subjects that still have staff present after the plan's starts.
    pub subjects_kept: Option<u32>,
}

/// Core → trusteed flow and its return, for one pair and year.
#[derive(Debug, Clone, Serialize)]
pub struct Flow {
    /// The core school's id.
    pub core: String,
    /// The trusteed member's id.
    pub member: String,
    /// The school year.
    pub year: i32,
    /// Cadre-or-backbone starts core → member.
    pub sent: u32,
    /// Starts member → core that count for the reciprocal rule.
    pub back: u32,
    /// `group_flow.core_to_trusteed_min`.
    pub min: u32,
}

/// The audit of one plan: every broken rule, the objective and the counts behind them.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// No hard rule is broken.
    pub ok: bool,
    /// The objective value of MODEL.md (weighted components summed).
    pub objective: f64,
    /// Each weighted component, in [`Component::ALL`] order.
    pub components: Vec<(Component, f64)>,
    /// Every broken rule, start by start, then school-year by school-year, then flow by flow.
    pub violations: Vec<Violation>,
    /// Per school, then per year.
    pub school_years: Vec<SchoolYear>,
    /// Per group, trusteed member and year.
    pub flows: Vec<Flow>,
    /// The commute of each start, in plan order; a start whose commute cannot be found
    /// (it breaks `admissible`) has none.
    pub distances_km: Vec<f64>,
    /// With a baseline plan (`--baseline`): what the plan keeps, drops, adds and moves.
    pub baseline: Option<BaselineDiff>,
}

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

/// ceil(rate × n), as the model rounds it.
fn ceil_rate(rate: f64, n: usize) -> u32 {
    // Same tolerance as the model: 0.1 × 30 means 3, not the float's 3.0000000000000004.
    ((rate * n as f64) - 1e-9).ceil().max(0.0) as u32
}
