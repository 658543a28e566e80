//! Equity (均衡配置): each member school short of ceil(share × headcount) backbone teachers
//! present costs weights.equity per missing head and year.

use good_lp::IntoAffineExpression;

use super::builder::{Builder, Sense};
use crate::domain::Role;
use crate::instance::candidates::ceil_share;
use crate::rules::Component;

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let share = inst.policy.equity.backbone_target_share;
    let mut shortfall = good_lp::Expression::default();
    let mut constant = 0.0;
    for s in inst.school_ids() {
        if !matches!(inst.school(s).role, Some(Role::Trusteed | Role::Member)) {
            continue;
        }
        let headcount = m.home_staff(s);
        let target = ceil_share(share, headcount) as f64;
        if target == 0.0 {
            continue;
        }
        for y in inst.years() {
            let backbone = |i: usize| m.person_of(i).backbone;
            let change = m.visitors_new(s, y, backbone) - m.away_new(s, y, backbone);
            let base = m.present_before_starts(s, y, |p| p.backbone);
            if (&change).linear_coefficients().next().is_none() {
                constant += (target - base).max(0.0);
                continue;
            }
            // short ≥ target − present, short ≥ 0; minimising makes it the shortfall.
            let short = m.new_var_nonneg();
            shortfall.add_mul(1.0, short);
            m.structural(change + short, Sense::Ge, target - base, None);
        }
    }
    m.cost(Component::Equity, shortfall, constant);
}
