//! Stability cap (队伍稳定): a school sends at most ceil(max_out_share × home staff) a year.

use super::audit::ceil_rate;
use super::audit::{At, Audit};
use super::shortfall::Shortfall;
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    let share = a.inst.policy.max_out_share;
    // MODEL.md: a share of 1 makes the rule hold for any plan; the rows show no cap then.
    if share >= 1.0 {
        return;
    }
    for r in 0..a.rows.len() {
        let school = a.row_school(r);
        let row = &mut a.rows[r];
        let cap = ceil_rate(share, row.home_staff as usize);
        row.out_cap = Some(cap);
        let new_out = row.new_out;
        if new_out > cap {
            let shortfall = Shortfall::StabilityCap {
                school,
                year: row.year,
                new_out,
                cap,
                share,
                home_staff: row.home_staff,
            };
            let amount = (new_out - cap) as f64;
            a.broken(Rule::StabilityCap, At::Row(r))
                .short_by(amount, shortfall);
        }
    }
}
