//! Core → trusteed flow (seed 004): each year a core sends at least core_to_trusteed_min
//! cadres or backbone teachers to each of its trusteed members.

use super::audit::{At, Audit};
use super::shortfall::Shortfall;
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    let min = a.inst.policy.group_flow.core_to_trusteed_min.max(0) as u32;
    for f in 0..a.flows.len() {
        let (core, member) = (a.pairs[f].core, a.pairs[f].member);
        let flow = &mut a.flows[f];
        flow.min = min;
        let sent = flow.sent;
        if sent < min {
            let shortfall = Shortfall::TrusteedFlow {
                core,
                member,
                year: flow.year,
                sent,
                min,
            };
            let amount = (min - sent) as f64;
            a.broken(Rule::TrusteedFlow, At::Flow(f))
                .short_by(amount, shortfall);
        }
    }
}
