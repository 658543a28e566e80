//! Exchange quota (交流比例): a quota school with a due pool sends ceil(rate × due pool) a
//! year, a backbone share of them, and ceil(cadre_rate × due cadres) cadres.

use super::audit::ceil_rate;
use super::audit::{At, Audit};
use super::shortfall::Shortfall;
use crate::domain::Post;
use crate::instance::{PersonId, SchoolId};
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    let q = &inst.policy.quota;
    for s in inst.school_ids() {
        let role = inst.school(s).role;
        if !role.is_some_and(|r| q.applies_to.contains(&r)) {
            continue;
        }
        let due: Vec<PersonId> = a
            .home_staff(s)
            .iter()
            .copied()
            .filter(|p| a.due[p.ix()])
            .collect();
        if due.is_empty() {
            continue;
        }
        let due_cadres = due
            .iter()
            .filter(|&&p| inst.person(p).post == Post::Cadre)
            .count();
        for y in inst.years() {
            quota(a, s, y, due.len());
            backbone_share(a, s, y);
            cadres(a, s, y, ceil_rate(q.cadre_rate, due_cadres));
        }
    }
}

/// ceil(rate × due) starts out of `s` in `y`.
fn quota(a: &mut Audit, s: SchoolId, y: i32, due: usize) {
    let rate = a.inst.policy.quota.rate;
    let need = ceil_rate(rate, due);
    let r = a.row(s, y);
    let row = &mut a.rows[r];
    row.due = Some(due as u32);
    row.quota_need = Some(need);
    let new_out = row.new_out;
    if new_out < need {
        let shortfall = Shortfall::Quota {
            school: s,
            year: y,
            new_out,
            need,
            rate,
            due,
        };
        let amount = (need - new_out) as f64;
        a.broken(Rule::Quota, At::Row(r))
            .short_by(amount, shortfall);
    }
}

/// At least backbone_share of the starts out of `s` in `y` are backbone teachers.
fn backbone_share(a: &mut Audit, s: SchoolId, y: i32) {
    let share = a.inst.policy.quota.backbone_share;
    let r = a.row(s, y);
    let row = &a.rows[r];
    let (new_out, backbone) = (row.new_out, row.new_out_backbone);
    let short = share * new_out as f64 - backbone as f64;
    if short > 1e-9 {
        let shortfall = Shortfall::Backbone {
            school: s,
            year: y,
            backbone,
            new_out,
            share,
        };
        a.broken(Rule::QuotaBackbone, At::Row(r))
            .short_by(short, shortfall);
    }
}

/// At least `need` cadres among the starts out of `s` in `y`.
fn cadres(a: &mut Audit, s: SchoolId, y: i32, need: u32) {
    let r = a.row(s, y);
    let row = &a.rows[r];
    let sent = row.new_out_cadre;
    if sent < need {
        let shortfall = Shortfall::Cadre {
            school: s,
            year: y,
            sent,
            need,
        };
        let amount = (need - sent) as f64;
        a.broken(Rule::QuotaCadre, At::Row(r))
            .short_by(amount, shortfall);
    }
}
