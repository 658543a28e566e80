//! Every subject kept (学科不断档): a subject with staff present at a school before any new
//! start, and no `min_subject` entry there (coverage rules those), keeps one after them.

use std::collections::BTreeSet;

use super::audit::{At, Audit};
use super::candidacy::under_way;
use super::shortfall::Shortfall;
use crate::instance::SubjectId;
use crate::rules::{Detail, Rule};

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    if !inst.policy.keep_every_subject {
        return;
    }
    let before = before_starts(a);
    for s in inst.school_ids() {
        let school = inst.school(s);
        let ruled: BTreeSet<SubjectId> = school.min_subject.iter().map(|e| e.0).collect();
        for y in inst.years() {
            let r = a.row(s, y);
            let after: BTreeSet<SubjectId> =
                a.here[r].iter().map(|&p| inst.person(p).subject).collect();
            let taught: Vec<SubjectId> = before[r].difference(&ruled).copied().collect();
            let lost: Vec<SubjectId> = taught
                .iter()
                .copied()
                .filter(|k| !after.contains(k))
                .collect();
            for k in &lost {
                let shortfall = Shortfall::SubjectsKept {
                    school: s,
                    subject: *k,
                    year: y,
                };
                a.broken(Rule::SubjectsKept, At::Row(r))
                    .detail(Detail::Subject(*k))
                    .short_by(1.0, shortfall);
            }
            a.rows[r].subjects_taught = Some(taught.len() as u32);
            a.rows[r].subjects_kept = Some((taught.len() - lost.len()) as u32);
        }
    }
}

/// Per school-year row, the subjects of the people there before any new start: home staff
/// not away on an exchange under way, and visitors of exchanges under way.
fn before_starts(a: &Audit) -> Vec<BTreeSet<SubjectId>> {
    let inst = a.inst;
    let mut rows = vec![BTreeSet::new(); a.rows.len()];
    for p in &inst.people {
        for y in inst.years() {
            let at = match under_way(inst, p) {
                Some((host, from, back)) if from <= y && y < back => host,
                _ => p.home,
            };
            rows[a.row(at, y)].insert(p.subject);
        }
    }
    rows
}
