//! The objective: commute km, preference rank and promotion reward of every start, the
//! overdue cost of due staff who stay home, and the slack of every broken hard rule (the
//! equity term comes from `equity`).

use super::audit::Audit;
use super::candidacy::km;
use super::report::Violation;
use crate::rules::{Component, Rule};

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    let (mut km_total, mut pref_total, mut promo_total) = (0.0, 0.0, 0.0);
    // In plan order, the order of `distances_km`, as the checker always summed them.
    for st in &a.plan.starts {
        let p = inst.person(st.person);
        // An unknown commute breaks `admissible` already; it adds no km rather than a guess.
        if let Some(d) = km(inst, p, st.host) {
            a.distances_km.push(d);
            km_total += d;
        }
        pref_total += match p.preferences.iter().position(|&h| h == st.host) {
            Some(i) => i as f64,
            None => p.preferences.len() as f64,
        };
        if p.needs_promotion {
            promo_total += 1.0;
        }
    }
    let due_years = inst.policy.due_years_at_school;
    let mut overdue = 0.0;
    for (i, p) in inst.people.iter().enumerate() {
        if a.due[i] && a.first[i].is_none() {
            overdue += (p.years_at_school - due_years + 1) as f64;
        }
    }
    let slack = slack_units(a);
    let w = &a.inst.policy.weights;
    let (km, pref) = (w.distance_km * km_total, w.preference_rank * pref_total);
    // Promotion is a reward (MODEL.md: `- w.promotion × ...`).
    let (promo, over, slack) = (
        -w.promotion * promo_total,
        w.overdue * overdue,
        w.slack * slack,
    );
    a.cost(Component::DistanceKm, km);
    a.cost(Component::PreferenceRank, pref);
    a.cost(Component::Promotion, promo);
    a.cost(Component::Overdue, over);
    a.cost(Component::Slack, slack);
}

/// Units by which the plan breaks the hard rules that elastic mode relaxes (not the
/// rules on single starts and persons: admissible, one start, pins).
fn slack_units(a: &mut Audit) -> f64 {
    let relaxed = |v: &&Violation| !matches!(v.rule, Rule::Admissible | Rule::OneStart | Rule::Pin);
    // In the order of the breaks, as the rows were once visited: the same total to the bit.
    a.violations()
        .filter(relaxed)
        .fold(0.0, |s, v| s + v.amount)
}
