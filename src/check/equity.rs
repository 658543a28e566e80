//! Equity (均衡配置): each member school short of ceil(share × headcount) backbone teachers
//! present costs weights.equity per missing head and year.

use super::audit::ceil_rate;
use super::audit::Audit;
use crate::domain::Role;
use crate::rules::Component;

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    let share = inst.policy.equity.backbone_target_share;
    let mut short = 0.0;
    for s in inst.school_ids() {
        if !matches!(inst.school(s).role, Some(Role::Trusteed | Role::Member)) {
            continue;
        }
        let target = ceil_rate(share, a.home_staff(s).len());
        for y in inst.years() {
            let r = a.row(s, y);
            let row = &mut a.rows[r];
            row.backbone_target = Some(target);
            short += target.saturating_sub(row.backbone_present) as f64;
        }
    }
    a.cost(Component::Equity, a.inst.policy.weights.equity * short);
}
