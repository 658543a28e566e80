//! Stability cap (队伍稳定): a school sends at most ceil(max_out_share × home staff) a year.

use good_lp::IntoAffineExpression;

use super::builder::{Builder, Sense};
use crate::instance::candidates::ceil_share;
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let share = inst.policy.max_out_share;
    // MODEL.md: a share of 1 makes the rule hold for any plan, so it adds no row.
    if share >= 1.0 {
        return;
    }
    for s in inst.school_ids() {
        let cap = ceil_share(share, m.home_staff(s));
        for y in inst.years() {
            let out = m.new_out(s, y, |_| true);
            // A row no choice of starts can break would only slow the solver down.
            if (&out).linear_coefficients().count() <= cap as usize {
                continue;
            }
            let label = Label {
                rule: Rule::StabilityCap,
                school: s,
                detail: Detail::None,
                year: y,
            };
            m.require(out, Sense::Le, cap as f64, label);
        }
    }
}
