//! Exchange quota (交流比例): a school sends ceil(rate × due pool) a year, a backbone share of
//! them, and optionally ceil(cadre_rate × due cadres) cadres.

use super::{Ctx, Family, Sense};
use crate::candidates::ceil_share;
use crate::domain::Post;
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Ctx) {
    let inst = m.inst;
    let q = &inst.policy.quota;
    for s in inst.school_ids() {
        let Some(role) = inst.school(s).role else {
            continue;
        };
        if !q.applies_to.contains(&role) {
            continue;
        }
        let due: Vec<_> = inst
            .person_ids()
            .filter(|&p| m.due[p.ix()] && inst.person(p).home == s)
            .collect();
        if due.is_empty() {
            continue;
        }
        let need = ceil_share(q.rate, due.len()) as f64;
        let due_cadres = due
            .iter()
            .filter(|&&p| inst.person(p).post == Post::Cadre)
            .count();
        let need_cadres = ceil_share(q.cadre_rate, due_cadres) as f64;
        for y in inst.years() {
            let label = |rule| Label {
                rule,
                school: s,
                detail: Detail::None,
                year: y,
            };
            let out = m.new_out(s, y, |_| true);
            if need > 0.0 && m.enabled(Family::Quota) {
                m.require(out.clone(), Sense::Ge, need, label(Rule::Quota));
            }
            if q.backbone_share > 0.0 && m.enabled(Family::QuotaBackbone) {
                let mut share = m.new_out(s, y, |i| m.person_of(i).backbone);
                share.add_mul(-q.backbone_share, &out);
                m.require(share, Sense::Ge, 0.0, label(Rule::QuotaBackbone));
            }
            if need_cadres > 0.0 && m.enabled(Family::QuotaCadre) {
                let cadres = m.new_out(s, y, |i| m.person_of(i).post == Post::Cadre);
                m.require(cadres, Sense::Ge, need_cadres, label(Rule::QuotaCadre));
            }
        }
    }
}
