//! What one start adds to the objective, term by term, with the model's own coefficients.

use serde::Serialize;

use crate::instance::candidates;
use crate::instance::plan::Start;
use crate::instance::{Instance, PersonId, SchoolId};
use crate::rules::Component;

/// One term of the objective that a start adds (or, when negative, saves).
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The objective component (`distance_km`, `preference_rank`, `promotion`, `overdue`,
    /// `change`).
    pub component: &'static str,
    /// The unweighted amount: km, rank, 1 for a promotion, the overdue years saved (negative),
    /// +1 or −1 for a change from the baseline.
    pub quantity: f64,
    /// The weight it is priced at (the promotion reward's is negative).
    pub weight: f64,
    /// `quantity × weight`.
    pub amount: f64,
}

/// A start with what it costs on its own.
#[derive(Debug, Clone, Serialize)]
pub struct StartCost {
    /// The host school (not in JSON: `host` names it there).
    #[serde(skip)]
    pub host_school: SchoolId,
    /// The host school's id.
    pub host: String,
    /// The start year.
    pub year: i32,
    /// One-way commute km (MODEL.md distance).
    pub km: f64,
    /// Every per-start term, in objective order.
    pub terms: Vec<Term>,
    /// Their sum: the start's coefficient in the objective.
    pub total: f64,
}

/// The per-start terms of `p` starting at `host` in `year`, priced as the model prices them
/// (MODEL.md objective): each the start's coefficient in one component. Equity is not
/// among them: it is a school's shortfall, not a start's.
pub fn start_cost(inst: &Instance, p: PersonId, host: SchoolId, year: i32) -> StartCost {
    let person = inst.person(p);
    let km = candidates::distance_km(inst, p, host).unwrap_or(0.0);
    let mut parts = vec![(Component::DistanceKm, km)];
    let pref = candidates::preference_cost(inst, p, host);
    if pref > 0 {
        parts.push((Component::PreferenceRank, pref as f64));
    }
    if person.needs_promotion {
        parts.push((Component::Promotion, 1.0));
    }
    if candidates::is_due(inst, p) {
        let w = person.years_at_school - inst.policy.due_years_at_school + 1;
        parts.push((Component::Overdue, -(w as f64)));
    }
    if inst.baseline.is_some() {
        let st = Start {
            person: p,
            host,
            year,
        };
        let kept = inst.baseline_starts().contains(&st);
        parts.push((Component::Change, if kept { -1.0 } else { 1.0 }));
    }
    let terms: Vec<Term> = parts
        .into_iter()
        .map(|(c, quantity)| {
            let weight = c.weight(&inst.policy);
            Term {
                component: c.key(),
                quantity,
                weight,
                amount: quantity * weight,
            }
        })
        .collect();
    StartCost {
        host_school: host,
        host: inst.school(host).id.clone(),
        year,
        km,
        total: terms.iter().map(|t| t.amount).sum(),
        terms,
    }
}
