//! Every subject kept (学科不断档): a subject with staff present at a school before any new
//! start, and no `min_subject` entry there (coverage rules those), keeps one after them.

use std::collections::BTreeSet;

use good_lp::IntoAffineExpression;

use super::builder::{Builder, Sense};
use crate::instance::{SchoolId, SubjectId};
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    if !inst.policy.keep_every_subject {
        return;
    }
    for s in inst.school_ids() {
        let ruled: BTreeSet<SubjectId> = inst.school(s).min_subject.iter().map(|e| e.0).collect();
        for y in inst.years() {
            for &k in taught(m, s, y).difference(&ruled) {
                keep(m, s, y, k);
            }
        }
    }
}

/// Subjects with staff present at `s` in `y` before any new start.
fn taught(m: &Builder, s: SchoolId, y: i32) -> BTreeSet<SubjectId> {
    let here = m.presence.present(s, y).iter();
    here.map(|&p| m.inst.person(p).subject).collect()
}

/// Subject `k` at `s` in `y`: present before starts + visitors − home staff away ≥ 1.
fn keep(m: &mut Builder, s: SchoolId, y: i32, k: SubjectId) {
    let of_k = |i: usize| m.person_of(i).subject == k;
    let base = m.present_before_starts(s, y, |p| p.subject == k);
    let away = m.away_new(s, y, of_k);
    // Fewer starts that could take them away than staff present: the row cannot bind.
    if ((&away).linear_coefficients().count() as f64) < base {
        return;
    }
    let change = m.visitors_new(s, y, of_k) - away;
    let label = Label {
        rule: Rule::SubjectsKept,
        school: s,
        detail: Detail::Subject(k),
        year: y,
    };
    m.require(change, Sense::Ge, 1.0 - base, label);
}
