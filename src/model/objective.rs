//! The per-start terms of the objective: commute km, preference rank, promotion reward, and
//! the overdue cost of due staff who stay home.

use good_lp::Expression;

use super::builder::Builder;
use crate::rules::Component;

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let n = m.x.len();
    let (mut km, mut pref, mut promo) = (
        Expression::with_capacity(n),
        Expression::with_capacity(n),
        Expression::default(),
    );
    for (i, c) in m.cands.iter().enumerate() {
        km.add_mul(c.km, m.x[i]);
        if c.pref > 0 {
            pref.add_mul(c.pref as f64, m.x[i]);
        }
        if m.person_of(i).needs_promotion {
            promo.add_mul(1.0, m.x[i]);
        }
    }
    // Σ_due (years − due_years + 1) · (1 − Σ x): a constant minus the starts of due staff.
    let mut overdue = Expression::default();
    let mut overdue_const = 0.0;
    for p in inst.person_ids() {
        if !m.due[p.ix()] {
            continue;
        }
        let w = (inst.person(p).years_at_school - inst.policy.due_years_at_school + 1) as f64;
        overdue_const += w;
        for &i in m.starts_of(p) {
            overdue.add_mul(-w, m.x[i]);
        }
        if let Some(&i) = m.starts_of(p).first() {
            let x = m.x[i];
            m.anchor(Component::Overdue, w, x);
        }
    }
    m.cost(Component::DistanceKm, km, 0.0);
    m.cost(Component::PreferenceRank, pref, 0.0);
    m.cost(Component::Promotion, promo, 0.0);
    m.cost(Component::Overdue, overdue, overdue_const);
}
