//! Headcount balance (编制平衡): visitors and home staff away differ by at most max_net_change.

use super::builder::{Builder, Sense};
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let limit = inst.policy.max_net_change as f64;
    for s in inst.school_ids() {
        for y in inst.years() {
            let (ev, ea) = m.existing_flows(s, y);
            let net = m.visitors_new(s, y, |_| true) - m.away_new(s, y, |_| true);
            let label = |detail| Label {
                rule: Rule::Headcount,
                school: s,
                detail,
                year: y,
            };
            m.require(
                net.clone(),
                Sense::Le,
                limit - (ev - ea),
                label(Detail::Surplus),
            );
            m.require(-net, Sense::Le, limit - (ea - ev), label(Detail::Deficit));
        }
    }
}
