//! Headcount balance (编制平衡): visitors and home staff away differ by at most max_net_change.

use super::audit::{At, Audit};
use super::shortfall::Shortfall;
use crate::rules::{Detail, Rule};

pub(super) fn add(a: &mut Audit) {
    let limit = a.inst.policy.max_net_change as i64;
    for r in 0..a.rows.len() {
        let row = &a.rows[r];
        let (visitors, away) = (row.visitors, row.away);
        let net = visitors as i64 - away as i64;
        if net.abs() > limit {
            let dir = if net > 0 {
                Detail::Surplus
            } else {
                Detail::Deficit
            };
            let shortfall = Shortfall::Headcount {
                school: a.row_school(r),
                year: row.year,
                visitors,
                away,
                net,
                limit,
            };
            let amount = (net.abs() - limit) as f64;
            a.broken(Rule::Headcount, At::Row(r))
                .detail(dir)
                .short_by(amount, shortfall);
        }
    }
}
