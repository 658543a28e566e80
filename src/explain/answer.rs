//! The answer to the person who asks "why me / why not me": their facts, whether they are
//! due and why, where they go or why not, and the rules of the policy that decided it, each
//! by its name and key value (交流比例 10%, 单程通勤上限 30 公里). Nothing of the objective
//! and nobody else by name: those are HR's (`--detail`, [`super::render`]). Schools by name,
//! subjects in the words of the language in force (`english` is 英语 in Chinese text).

use std::collections::BTreeSet;

use rust_i18n::t;

use super::counterfactual::{Change, Counterfactual};
use super::explanation::{Decision, Explanation, HomeYear, NearestHost};
use super::needed::{Equity, Needed};
use super::render::{condition, hr_decisions, identity, join, school, subject};
use super::terms::StartCost;
use crate::instance::Instance;
use crate::rules::Rule;

/// A policy share as a percentage: 0.1 → 10%, 0.125 → 12.5%.
fn pct(v: f64) -> String {
    format!("{}%", (v * 1000.0).round() / 10.0 + 0.0)
}

/// Whole kilometres: the person's commute, as a person says it (at least 1).
fn km(v: f64) -> i64 {
    (v.round() as i64).max(1)
}

/// The answer to the person of `e`.
pub fn answer(inst: &Instance, e: &Explanation) -> String {
    let mut s = who(inst, e);
    s.extend(due(inst, e));
    s.extend(e.years.iter().filter(|y| !y.candidate).map(|y| {
        let why = join(y.unmet.iter().map(condition).collect());
        t!("explain.year_no", year = y.year, why = why).into_owned()
    }));
    match &e.decision {
        Decision::Moves {
            start,
            needed,
            equity,
        } => s.extend(goes(inst, e, start, needed, equity)),
        Decision::NotCandidate => s.push(t!("explain.stays.not_candidate").into_owned()),
        Decision::NoAdmissibleHost { nearest } => {
            s.push(t!("explain.stays.no_host").into_owned());
            s.extend(nearest.as_ref().map(|n| nearest_sentence(inst, n)));
        }
        Decision::Stays { best } => s.extend(stays(inst, e, best)),
    }
    if let Some(c) = &e.counterfactual {
        s.push(what_if(inst, e, c));
    }
    s.into_iter()
        .reduce(|a, b| t!("explain.join", a = a, b = b).into_owned())
        .unwrap_or_default()
}

/// Who the person is, and what HR decided about them.
fn who(inst: &Instance, e: &Explanation) -> Vec<String> {
    let f = &e.facts;
    let mut s = identity(inst, e);
    if f.exempt {
        s.push(t!("explain.exempt").into_owned());
    }
    s.extend(hr_decisions(inst, f));
    s
}

/// Whether the person is due, against `policy.due_years_at_school`.
fn due(inst: &Instance, e: &Explanation) -> Option<String> {
    let f = &e.facts;
    let (years, need, year) = (f.years_at_school, f.due_years, inst.plan_year);
    let key = if f.due {
        "explain.answer.due"
    } else if years < need {
        "explain.answer.not_due_years"
    } else {
        "explain.answer.not_due_candidate"
    };
    Some(t!(key, years = years, need = need, year = year).into_owned())
}

fn goes(
    inst: &Instance,
    e: &Explanation,
    c: &StartCost,
    needed: &[Needed],
    equity: &[Equity],
) -> Vec<String> {
    let term = inst.policy.term_years;
    let mut s = vec![t!(
        "explain.answer.goes",
        host = school(inst, &c.host),
        year = c.year,
        term = term,
        last = c.year + term - 1,
        km = km(c.km),
        cap = inst.policy.max_distance_km
    )
    .into_owned()];
    let pinned = e.facts.pin.as_ref();
    if pinned.is_some_and(|p| p.host == c.host && p.year == c.year) {
        s.push(t!("explain.answer.pinned").into_owned());
    }
    if !needed.is_empty() {
        let list = join(needed.iter().map(|n| rule_item(inst, n)).collect());
        s.push(t!("explain.answer.needed", list = list).into_owned());
    }
    let mut why = Vec::new();
    for term in &c.terms {
        match term.component {
            "overdue" => why.push(t!("explain.answer.why.overdue", need = e.facts.due_years)),
            "promotion" => why.push(t!("explain.answer.why.promotion")),
            "change" if term.quantity < 0.0 => why.push(t!("explain.answer.why.kept")),
            _ => {}
        }
    }
    if !equity.is_empty() {
        let share = pct(inst.policy.equity.backbone_target_share);
        why.push(t!("explain.answer.why.equity", share = share));
    }
    why.push(t!("explain.answer.why.commute"));
    let list = join(why.into_iter().map(|w| w.into_owned()).collect());
    let key = if needed.is_empty() {
        "explain.answer.chosen"
    } else {
        "explain.answer.also"
    };
    s.push(t!(key, list = list).into_owned());
    s
}

/// A rule the start is needed for, by its name and key value, with the school's figures.
fn rule_item(inst: &Instance, n: &Needed) -> String {
    let q = &inst.policy.quota;
    let (at, year) = (school(inst, &n.school), n.year);
    let detail = match (n.rule, &n.detail) {
        (Rule::Coverage, Some(d)) => subject(d),
        (_, Some(d)) => school(inst, d),
        (_, None) => String::new(),
    };
    let (count, bound) = (n.count.round() as i64, n.bound.ceil() as i64);
    let key = match n.rule {
        Rule::Quota => "explain.answer.rule.quota",
        Rule::QuotaBackbone => "explain.answer.rule.quota_backbone",
        Rule::QuotaCadre => "explain.answer.rule.quota_cadre",
        Rule::TrusteedFlow => "explain.answer.rule.trusteed_flow",
        Rule::Reciprocal => "explain.answer.rule.reciprocal",
        Rule::Headcount => "explain.answer.rule.headcount",
        Rule::Coverage => "explain.answer.rule.coverage",
        _ => "explain.answer.rule.other",
    };
    t!(
        key,
        school = at,
        detail = detail,
        year = year,
        count = count,
        bound = bound,
        rate = pct(q.rate),
        share = pct(q.backbone_share),
        cadre = pct(q.cadre_rate),
        min = inst.policy.group_flow.core_to_trusteed_min,
        limit = inst.policy.max_net_change,
        rule = n.rule.title()
    )
    .into_owned()
}

/// A candidate who stays: what the home school had to send, and that it sent it.
fn stays(inst: &Instance, e: &Explanation, best: &StartCost) -> Vec<String> {
    // A candidate only later in the horizon is told from when.
    let first = e.years.iter().find(|y| y.candidate).map(|y| y.year);
    let mut s = vec![match first {
        Some(year) if e.years.first().is_some_and(|y| !y.candidate) => {
            t!("explain.answer.stays_later", year = year).into_owned()
        }
        _ => t!("explain.answer.stays").into_owned(),
    }];
    if let Some(h) = &e.home {
        s.extend(home_rules(inst, h));
    }
    if !e.facts.due {
        s.push(t!("explain.answer.due_first").into_owned());
    }
    s.push(t!("explain.answer.others_first").into_owned());
    s.push(
        t!(
            "explain.answer.could",
            host = school(inst, &best.host),
            year = best.year,
            km = km(best.km)
        )
        .into_owned(),
    );
    s
}

/// The home school's quota and stability cap in the plan year, as the plan meets them.
fn home_rules(inst: &Instance, h: &HomeYear) -> Vec<String> {
    let at = school(inst, &h.school);
    let mut s = Vec::new();
    if let (Some(due), Some(need)) = (h.due, h.need) {
        let rate = pct(inst.policy.quota.rate);
        s.push(
            t!(
                "explain.answer.home.quota",
                rate = rate,
                school = at,
                year = h.year,
                due = due,
                need = need,
                sent = h.sent
            )
            .into_owned(),
        );
    }
    if let Some(cap) = h.cap.filter(|&c| h.sent >= c) {
        let share = pct(inst.policy.max_out_share);
        s.push(
            t!(
                "explain.answer.home.cap",
                share = share,
                school = at,
                year = h.year,
                cap = cap
            )
            .into_owned(),
        );
    }
    s
}

fn nearest_sentence(inst: &Instance, n: &NearestHost) -> String {
    let mut why = Vec::new();
    if n.avoided {
        why.push(t!("explain.why.avoided").into_owned());
    }
    if n.out_of_scope {
        why.push(t!("explain.why.scope").into_owned());
    }
    if n.beyond_cap {
        let cap = inst.policy.max_distance_km;
        why.push(t!("explain.answer.beyond_cap", cap = cap).into_owned());
    }
    let host = school(inst, &n.host);
    let why = join(why);
    t!(
        "explain.answer.nearest",
        host = host,
        km = km(n.km),
        why = why
    )
    .into_owned()
}

/// What reversing the decision would take: how many others change, or which rules no plan
/// could keep. A count, never names: those are HR's.
fn what_if(inst: &Instance, e: &Explanation, c: &Counterfactual) -> String {
    let host = school(inst, &c.host);
    let lead = match c.change {
        Change::Forbidden => t!("explain.answer.if_not"),
        Change::Forced => t!("explain.answer.if_sent", host = host, year = c.year),
    };
    if c.objective_after.is_none() {
        if c.broken.is_empty() {
            return t!("explain.cf.no_plan").into_owned();
        }
        let rules: BTreeSet<String> = c.broken.iter().map(|b| b.rule.title()).collect();
        let rules = join(rules.into_iter().collect());
        return t!("explain.answer.if_infeasible", lead = lead, rules = rules).into_owned();
    }
    let others: BTreeSet<&str> = (c.added.iter().chain(&c.dropped))
        .map(|p| p.person.as_str())
        .filter(|&p| p != e.person)
        .collect();
    match others.len() {
        0 => t!("explain.answer.if_none", lead = lead),
        1 => t!("explain.answer.if_other", lead = lead),
        n => t!("explain.answer.if_others", lead = lead, n = n),
    }
    .into_owned()
}
