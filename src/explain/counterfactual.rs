//! What the plan would cost without a decision: the person's block re-solved with their
//! start forbidden (a mover) or pinned to their best admissible start (a stayer), the rest
//! of the plan kept, and the new plan valued by the independent checker.
//!
//! The re-solve takes the plan itself as its baseline (MODEL.md minimal change), so that
//! among plans of equal cost it keeps the one closest to what HR holds: "who would go
//! instead" then lists the changes that must happen, not a fresh plan of the whole group.
//! That change cost is a device of the question, not a cost of the plan: both plans are
//! valued by the checker on the instance as given (with the user's `--baseline`, if any),
//! so `delta` compares like with like.

use std::collections::HashSet;

use serde::Serialize;

use crate::check;
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, PersonId, SchoolId};
use crate::model::BuildOptions;
use crate::solve::{self, Status};
use crate::summary::BrokenRule;

/// What the re-solve changes about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The person's start is forbidden (a pin on it is lifted).
    Forbidden,
    /// The person is pinned to this start.
    Forced,
}

/// A start of the plan, with its person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanStart {
    /// The person's id.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// The home school's id.
    pub home: String,
    /// The host school's id.
    pub host: String,
    /// The start year.
    pub year: i32,
}

/// The plan without the decision.
#[derive(Debug, Clone, Serialize)]
pub struct Counterfactual {
    /// The person's id.
    pub person: String,
    /// Forbidden or forced.
    pub change: Change,
    /// The start forbidden or forced: host id.
    pub host: String,
    /// The start forbidden or forced: year.
    pub year: i32,
    /// Whether a plan still keeps every hard rule.
    pub feasible: bool,
    /// The plan's objective (the checker's value).
    pub objective_before: f64,
    /// The new plan's objective, when there is one.
    pub objective_after: Option<f64>,
    /// `objective_after − objective_before`.
    pub delta: Option<f64>,
    /// Starts in one plan and not the other (MODEL.md `changes` against the plan): what the
    /// minimal-change re-solve priced at `weights.change`, the person's own included.
    pub changes: Option<usize>,
    /// Starts the new plan has and the old one has not (who goes instead).
    pub added: Vec<PlanStart>,
    /// Starts of the old plan the new one drops.
    pub dropped: Vec<PlanStart>,
    /// When infeasible: the rules the cheapest relaxation breaks (elastic diagnosis).
    pub broken: Vec<BrokenRule>,
    /// Time of the re-solve, in milliseconds.
    pub ms: f64,
}

/// The instance with `p`'s decision changed.
fn changed(inst: &Instance, p: PersonId, st: Start, change: Change) -> Instance {
    let mut m = inst.clone();
    let person = &mut m.people[p.ix()];
    match change {
        Change::Forbidden => {
            person.forbid.push((st.host, st.year));
            if person.pin == Some((st.host, st.year)) {
                person.pin = None;
            }
        }
        Change::Forced => person.pin = Some((st.host, st.year)),
    }
    m
}

/// Re-solves the block of `p` with start `st` forbidden or forced, against `plan` whose
/// objective is `before`.
pub fn resolve(
    inst: &Instance,
    plan: &Plan,
    before: f64,
    p: PersonId,
    st: Start,
    change: Change,
) -> Counterfactual {
    // Valued as the plan is; solved against the plan as baseline (see the top of the file).
    let valued = changed(inst, p, st, change);
    let m = valued.clone().with_baseline(plan.clone());
    let schools: [SchoolId; 2] = [inst.person(p).home, st.host];
    let touches = |c: &crate::instance::candidates::Candidate| {
        schools.contains(&m.person(c.person).home) || schools.contains(&c.host)
    };
    let part = solve::solve_touching(&m, &BuildOptions::default(), &touches);
    let mut out = Counterfactual {
        person: inst.person(p).id.clone(),
        change,
        host: inst.school(st.host).id.clone(),
        year: st.year,
        feasible: part.status.has_plan(),
        objective_before: before,
        objective_after: None,
        delta: None,
        changes: None,
        added: Vec::new(),
        dropped: Vec::new(),
        broken: Vec::new(),
        ms: part.ms,
    };
    if part.status.has_plan() {
        let decided: HashSet<Start> = part.decided.iter().copied().collect();
        let forbidden = |s: &Start| change == Change::Forbidden && *s == st;
        let kept = plan
            .starts
            .iter()
            .filter(|s| !decided.contains(s) && !forbidden(s));
        let mut new = Plan {
            starts: kept.copied().chain(part.starts.iter().copied()).collect(),
        };
        new = new.sorted(inst);
        let after = check::check(&valued, &new).objective;
        out.objective_after = Some(after);
        // Within the solver's tolerance a change is none (not −9e-13).
        let delta = after - before;
        out.delta = Some(if delta.abs() < 1e-9 * (1.0 + before.abs()) {
            0.0
        } else {
            delta
        });
        out.added = difference(inst, &new, plan);
        out.dropped = difference(inst, plan, &new);
        out.changes = Some(out.added.len() + out.dropped.len());
    } else if part.status == Status::Infeasible {
        let d = crate::run::diagnose(&valued);
        out.broken = BrokenRule::all(&valued, d.broken(), &d.causes);
    }
    out
}

/// The starts of `a` that `b` lacks.
fn difference(inst: &Instance, a: &Plan, b: &Plan) -> Vec<PlanStart> {
    let theirs: HashSet<&Start> = b.starts.iter().collect();
    a.starts
        .iter()
        .filter(|s| !theirs.contains(s))
        .map(|s| {
            let person = inst.person(s.person);
            PlanStart {
                person: person.id.clone(),
                name: person.name.clone(),
                home: inst.school(person.home).id.clone(),
                host: inst.school(s.host).id.clone(),
                year: s.year,
            }
        })
        .collect()
}
