//! Subject coverage (学科配齐): staff of each subject present at a school meet its minimum.

use super::builder::{Builder, Sense};
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    for s in inst.school_ids() {
        for &(k, min) in &inst.school(s).min_subject {
            for y in inst.years() {
                let of_k = |i: usize| m.person_of(i).subject == k;
                let change = m.visitors_new(s, y, of_k) - m.away_new(s, y, of_k);
                let base = m.present_before_starts(s, y, |p| p.subject == k);
                let label = Label {
                    rule: Rule::Coverage,
                    school: s,
                    detail: Detail::Subject(k),
                    year: y,
                };
                m.require(change, Sense::Ge, min as f64 - base, label);
            }
        }
    }
}
