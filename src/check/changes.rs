//! Minimal change (MODEL.md `changes(baseline)`), from the plan and the baseline alone: the
//! starts (person, host, year) in one of the two and not in the other, each counting 1, and
//! the list HR reads: kept, dropped (with why, when a start is no longer admissible), added
//! and moved to another host or year.

use rust_i18n::t;
use std::collections::HashSet;

use serde::Serialize;

use super::admissible::why_not_admissible;
use super::audit::Audit;
use crate::instance::plan::Start;
use crate::instance::Instance;
use crate::rules::Component;

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
    /// Dropped starts: why the baseline start is no longer admissible (none: the plan
    /// drops it for the rules or the objective, not because it must).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
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

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    let Some(base) = &inst.baseline else {
        a.cost(Component::Change, 0.0);
        return;
    };
    let b = distinct(&base.starts);
    let p = distinct(&a.plan.starts);
    let (bs, ps): (HashSet<Start>, HashSet<Start>) =
        (b.iter().copied().collect(), p.iter().copied().collect());
    let changes =
        b.iter().filter(|s| !ps.contains(s)).count() + p.iter().filter(|s| !bs.contains(s)).count();
    a.cost(
        Component::Change,
        inst.policy.weights.change * changes as f64,
    );
    a.baseline = Some(diff(inst, &b, &p, changes));
}

/// The starts of a plan without repeats, in its order.
fn distinct(starts: &[Start]) -> Vec<Start> {
    let mut seen = HashSet::new();
    starts
        .iter()
        .filter(|s| seen.insert(**s))
        .copied()
        .collect()
}

/// Kept starts are in both; per person, a baseline start and a plan start found in only one
/// of the two make a move; what is left over is dropped or added.
fn diff(inst: &Instance, b: &[Start], p: &[Start], changes: usize) -> BaselineDiff {
    let (mut kept, mut dropped, mut moved) = (Vec::new(), Vec::new(), Vec::new());
    let mut used = vec![false; p.len()];
    for st in b {
        if let Some(i) = p.iter().position(|x| x == st) {
            used[i] = true;
            kept.push(entry(inst, st, None));
            continue;
        }
        let reason = why_not(inst, st);
        let other =
            (0..p.len()).find(|&i| !used[i] && p[i].person == st.person && !b.contains(&p[i]));
        match other {
            Some(i) => {
                used[i] = true;
                let (from, to) = (entry(inst, st, reason), entry(inst, &p[i], None));
                moved.push(Moved { from, to });
            }
            None => dropped.push(entry(inst, st, reason)),
        }
    }
    let added: Vec<DiffStart> = (p.iter().zip(&used))
        .filter(|(_, &u)| !u)
        .map(|(st, _)| entry(inst, st, None))
        .collect();
    let counts = DiffCounts {
        kept: kept.len(),
        dropped: dropped.len(),
        added: added.len(),
        moved: moved.len(),
    };
    BaselineDiff {
        baseline: b.len(),
        changes,
        counts,
        kept,
        dropped,
        added,
        moved,
    }
}

/// Why the start is no longer admissible, in the words of the admissibility rule.
fn why_not(inst: &Instance, st: &Start) -> Option<String> {
    let why = why_not_admissible(inst, inst.person(st.person), st.host, st.year);
    (!why.is_empty()).then(|| why.join(&t!("check.why.sep")))
}

fn entry(inst: &Instance, st: &Start, reason: Option<String>) -> DiffStart {
    let person = inst.person(st.person);
    DiffStart {
        person: person.id.clone(),
        name: person.name.clone(),
        home: inst.school(person.home).id.clone(),
        host: inst.school(st.host).id.clone(),
        year: st.year,
        reason,
    }
}
