//! Minimal change (MODEL.md `changes(baseline)`), from the plan and the baseline alone: the
//! starts (person, host, year) in one of the two and not in the other, each counting 1, and
//! the list HR reads: kept, dropped (with why, when a start is no longer admissible), added
//! and moved to another host or year.

use std::collections::HashSet;

use super::audit::Audit;
use super::candidacy::why_not_admissible;
use super::report::{BaselineDiff, DiffCounts, DiffStart, Moved};
use super::shortfall::NotAdmissible;
use crate::instance::plan::Start;
use crate::instance::Instance;
use crate::rules::Component;

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
            kept.push(entry(inst, st, Vec::new()));
            continue;
        }
        let why = why_not_admissible(inst, inst.person(st.person), st.host, st.year);
        let other =
            (0..p.len()).find(|&i| !used[i] && p[i].person == st.person && !b.contains(&p[i]));
        match other {
            Some(i) => {
                used[i] = true;
                let (from, to) = (entry(inst, st, why), entry(inst, &p[i], Vec::new()));
                moved.push(Moved { from, to });
            }
            None => dropped.push(entry(inst, st, why)),
        }
    }
    let added: Vec<DiffStart> = (p.iter().zip(&used))
        .filter(|(_, &u)| !u)
        .map(|(st, _)| entry(inst, st, Vec::new()))
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

/// A start as the diff lists it, with why it is no longer admissible (the reasons of the
/// admissibility rule; the words come at the edge).
fn entry(inst: &Instance, st: &Start, why: Vec<NotAdmissible>) -> DiffStart {
    let person = inst.person(st.person);
    DiffStart {
        person: person.id.clone(),
        name: person.name.clone(),
        home: inst.school(person.home).id.clone(),
        host: inst.school(st.host).id.clone(),
        year: st.year,
        reason: None,
        why,
    }
}
