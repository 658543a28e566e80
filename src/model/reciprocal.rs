//! Reciprocal flow (等额输出): a trusteed member sends to its core, each year, as many as the
//! core's cadre-or-backbone starts to it (any post, or only cadres/backbone when strict).

use super::builder::{Builder, Sense};
use crate::domain::Reciprocal;
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let strict = match inst.policy.group_flow.reciprocal {
        Reciprocal::None => return,
        Reciprocal::Equal => false,
        Reciprocal::EqualCadreBackbone => true,
    };
    for g in &inst.groups {
        for &member in &g.trusteed {
            for y in inst.years() {
                let sent = m.new_out(g.core, y, |i| {
                    m.cands[i].host == member && m.person_of(i).is_cadre_or_backbone()
                });
                let back = m.new_out(member, y, |i| {
                    m.cands[i].host == g.core && (!strict || m.person_of(i).is_cadre_or_backbone())
                });
                let label = Label {
                    rule: Rule::Reciprocal,
                    school: g.core,
                    detail: Detail::Member(member),
                    year: y,
                };
                m.require(back - sent, Sense::Eq, 0.0, label);
            }
        }
    }
}
