//! Subject coverage (学科配齐): staff of each subject present at a school meet its minimum.

use super::audit::{At, Audit};
use super::report::Coverage;
use super::shortfall::Shortfall;
use crate::rules::{Detail, Rule};

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    for s in inst.school_ids() {
        let school = inst.school(s);
        for y in inst.years() {
            let r = a.row(s, y);
            for &(k, min) in &school.min_subject {
                let here = a.here[r].iter();
                let present = here.filter(|&&p| inst.person(p).subject == k).count() as u32;
                let name = &inst.subjects[k.ix()];
                if present < min {
                    let shortfall = Shortfall::Coverage {
                        school: s,
                        subject: k,
                        year: y,
                        present,
                        min,
                    };
                    let amount = (min - present) as f64;
                    a.broken(Rule::Coverage, At::Row(r))
                        .detail(Detail::Subject(k))
                        .short_by(amount, shortfall);
                }
                let subject = name.clone();
                a.rows[r].coverage.push(Coverage {
                    subject,
                    present,
                    min,
                });
            }
        }
    }
}
