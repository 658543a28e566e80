//! What an audit finds: every broken rule ([`Violation`]), the counts behind every rule
//! per school and year and per flow, the objective, and the changes from a baseline plan.

use serde::Serialize;

use super::shortfall::{NotAdmissible, Shortfall};
use crate::instance::{PersonId, SchoolId};
use crate::rules::{Component, Detail, Rule};

/// One broken hard rule: which, where, when, about whom, by how much. Ids, not names:
/// `summary::BrokenRule` puts them in words for files and screens.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The rule that is broken.
    pub rule: Rule,
    /// The school it is about (the core, for flow rules; the home, for a start).
    pub school: Option<SchoolId>,
    /// Subject, trusteed member, pinned host or direction, where the rule has one.
    pub detail: Detail,
    /// The person, for a rule about one start.
    pub person: Option<PersonId>,
    /// The school year.
    pub year: Option<i32>,
    /// By how much the rule is missed (heads; the backbone share can be fractional).
    pub amount: f64,
    /// The figures of the break (the checker alone has them), for its sentence.
    pub shortfall: Shortfall,
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
    /// Every school: its due pool (符合交流条件, MODEL.md), the base of the exchange rate
    /// the bureau reports (`summary::Kpi`), whether or not the quota holds the school.
    pub due_pool: u32,
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
#[derive(Debug, Clone)]
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

/// One start of the baseline or the plan, as the diff lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffStart {
    /// Person id.
    pub person: String,
    /// Display name.
    pub name: String,
    /// Home school id.
    pub home: String,
    /// Host school id.
    pub host: String,
    /// First school year away.
    pub year: i32,
    /// Dropped starts: why the baseline start is no longer admissible, in words (none: the
    /// plan drops it for the rules or the objective, not because it must). The checker
    /// leaves it empty; `summary::baseline_in_words` writes it from [`DiffStart::why`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why the baseline start is no longer admissible, as data (empty: it still is, or
    /// the start is not a baseline start).
    #[serde(skip)]
    pub why: Vec<NotAdmissible>,
}

/// A person whose baseline start the plan moves to another host or year (counts 2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    /// The baseline start, with why it is no longer admissible when it is not.
    pub from: DiffStart,
    /// The plan's start.
    pub to: DiffStart,
}

/// How many starts of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DiffCounts {
    /// Baseline starts the plan keeps.
    pub kept: usize,
    /// Baseline starts of persons the plan sends nowhere.
    pub dropped: usize,
    /// Plan starts of persons the baseline sent nowhere.
    pub added: usize,
    /// Persons sent to another host or year.
    pub moved: usize,
}

/// The plan against its baseline (`--baseline`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineDiff {
    /// Distinct starts of the baseline.
    pub baseline: usize,
    /// MODEL.md `changes(baseline)`: starts in one of the two plans and not in the other.
    pub changes: usize,
    /// The lists' lengths.
    pub counts: DiffCounts,
    /// Baseline starts the plan keeps.
    pub kept: Vec<DiffStart>,
    /// Baseline starts of persons the plan sends nowhere.
    pub dropped: Vec<DiffStart>,
    /// Plan starts of persons the baseline sent nowhere.
    pub added: Vec<DiffStart>,
    /// Persons sent to another host or year.
    pub moved: Vec<Moved>,
}
