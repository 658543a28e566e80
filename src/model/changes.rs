//! Minimal change (MODEL.md `changes(baseline)`): every start of the baseline plan that the
//! new plan drops and every start it adds counts 1, so a re-plan stays close to what was
//! announced.

use std::collections::HashSet;

use good_lp::Expression;

use super::builder::Builder;
use crate::instance::plan::Start;
use crate::rules::Component;

pub fn add(m: &mut Builder) {
    if m.inst.baseline.is_none() {
        return; // without a baseline the term is 0
    }
    let baseline: HashSet<Start> = m.inst.baseline_starts().into_iter().collect();
    // Σ_b (1 − x[b]) + Σ_{x ∉ b} x: the constant |baseline|, −1 on a baseline start, +1 on
    // any other. A baseline start with no variable (no longer admissible) stays a constant 1.
    let mut e = Expression::with_capacity(m.x.len());
    for (i, c) in m.cands.iter().enumerate() {
        let st = Start {
            person: c.person,
            host: c.host,
            year: c.year,
        };
        let x = m.x[i];
        if baseline.contains(&st) {
            e.add_mul(-1.0, x);
            // Its 1 goes with its block, so each block sees its own share (see `anchor`).
            m.anchor(Component::Change, 1.0, x);
        } else {
            e.add_mul(1.0, x);
        }
    }
    m.cost(Component::Change, e, baseline.len() as f64);
}
