//! Reciprocal flow (等额输出): a trusteed member sends to its core, each year, as many as the
//! core's cadre-or-backbone starts to it (any post, or only cadres/backbone when strict).

use super::audit::{At, Audit};
use super::shortfall::Shortfall;
use crate::domain::Reciprocal;
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    let rule = a.inst.policy.group_flow.reciprocal;
    let strict = rule == Reciprocal::EqualCadreBackbone;
    for f in 0..a.flows.len() {
        let (core, member, y) = (a.pairs[f].core, a.pairs[f].member, a.flows[f].year);
        // Counted even with the rule off: the flow table shows what comes back.
        let back = a
            .between(member, core, y)
            .filter(|p| !strict || p.is_cadre_or_backbone())
            .count() as u32;
        let flow = &mut a.flows[f];
        flow.back = back;
        let sent = flow.sent;
        if rule != Reciprocal::None && back != sent {
            let shortfall = Shortfall::Reciprocal {
                member,
                core,
                year: y,
                back,
                sent,
            };
            let amount = (back as f64 - sent as f64).abs();
            a.broken(Rule::Reciprocal, At::Flow(f))
                .short_by(amount, shortfall);
        }
    }
}
