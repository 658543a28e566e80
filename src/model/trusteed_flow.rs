//! Core → trusteed flow (seed 004): each year a core sends at least core_to_trusteed_min
//! cadres or backbone teachers to each of its trusteed members.

use super::builder::{Builder, Sense};
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let min = inst.policy.group_flow.core_to_trusteed_min as f64;
    if min <= 0.0 {
        return;
    }
    for g in &inst.groups {
        for &member in &g.trusteed {
            for y in inst.years() {
                let sent = m.new_out(g.core, y, |i| {
                    m.cands[i].host == member && m.person_of(i).is_cadre_or_backbone()
                });
                let label = Label {
                    rule: Rule::TrusteedFlow,
                    school: g.core,
                    detail: Detail::Member(member),
                    year: y,
                };
                m.require(sent, Sense::Ge, min, label);
            }
        }
    }
}
