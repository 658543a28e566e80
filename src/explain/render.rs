//! One paragraph per person, in the language in force: every sentence from
//! `locales/explain.toml`, every figure from the [`Explanation`] as it is.

use rust_i18n::t;

use super::candidacy::Facts;
use super::counterfactual::{Change, Counterfactual, PlanStart};
use super::explanation::{Decision, Explanation, NearestHost};
use super::needed::{Equity, Needed};
use super::terms::StartCost;
use crate::input::subjects::subject_word;
use crate::instance::candidates::Unmet;
use crate::instance::Instance;
use crate::rules::Rule;

/// A school's name (its id when it has none).
pub(super) fn school(inst: &Instance, id: &str) -> String {
    match inst.school_by_id(id).map(|s| &inst.school(s).name) {
        Some(n) if !n.is_empty() => n.clone(),
        _ => id.to_string(),
    }
}

/// A subject in the words of the language in force ([`subject_word`]).
pub(super) fn subject(name: &str) -> String {
    subject_word(name)
}

/// At most three decimals, and never `-0`.
fn num(v: f64) -> String {
    format!("{}", (v * 1000.0).round() / 1000.0 + 0.0)
}

pub(super) fn join(items: Vec<String>) -> String {
    items.join(&t!("explain.sep"))
}

/// The paragraph explaining one person.
pub fn render(inst: &Instance, e: &Explanation) -> String {
    let mut s: Vec<String> = facts(inst, e);
    s.extend(years(e));
    match &e.decision {
        Decision::Moves {
            start,
            needed,
            equity,
        } => s.extend(moves(inst, start, needed, equity)),
        Decision::NotCandidate => s.push(t!("explain.stays.not_candidate").into_owned()),
        Decision::NoAdmissibleHost { nearest } => {
            s.push(t!("explain.stays.no_host").into_owned());
            s.extend(nearest.as_ref().map(|n| nearest_sentence(inst, n)));
        }
        Decision::Stays { best } => s.push(best_sentence(inst, best)),
    }
    if let Some(c) = &e.counterfactual {
        s.extend(counterfactual(inst, c));
    }
    // Sentences run on with a space in English and without one after a Chinese 。.
    s.into_iter()
        .reduce(|a, b| t!("explain.join", a = a, b = b).into_owned())
        .unwrap_or_default()
}

/// Who the person is: name, post, subject, school and years there, and whether a backbone
/// teacher. HR's analysis and the teacher's answer open alike.
pub(super) fn identity(inst: &Instance, e: &Explanation) -> Vec<String> {
    let f = &e.facts;
    let post = t!(format!("explain.post.{}", f.post.as_str()));
    let name = if e.name.is_empty() {
        &e.person
    } else {
        &e.name
    };
    let mut s = vec![t!(
        "explain.facts",
        name = name,
        id = e.person,
        post = post,
        subject = subject(&f.subject),
        home = school(inst, &f.home),
        years = f.years_at_school
    )
    .into_owned()];
    if f.backbone {
        s.push(t!("explain.backbone").into_owned());
    }
    s
}

fn facts(inst: &Instance, e: &Explanation) -> Vec<String> {
    let f = &e.facts;
    let mut s = identity(inst, e);
    let due = if f.due {
        "explain.due"
    } else {
        "explain.not_due"
    };
    s.push(t!(due, year = inst.plan_year, need = f.due_years).into_owned());
    if let Some(y) = f.retire_year {
        s.push(t!("explain.retires", year = y).into_owned());
    }
    if let Some(y) = f.last_return_year {
        s.push(t!("explain.returned", year = y).into_owned());
    }
    if f.exempt {
        s.push(t!("explain.exempt").into_owned());
    }
    if f.needs_promotion {
        s.push(t!("explain.promotion").into_owned());
    }
    s.extend(hr_decisions(inst, f));
    s
}

/// What HR decided about the person and what is already under way: the pin, the hosts to
/// avoid, an exchange under way. The teacher's answer and HR's analysis say them alike.
pub(super) fn hr_decisions(inst: &Instance, f: &Facts) -> Vec<String> {
    let mut s = Vec::new();
    if let Some(p) = &f.pin {
        s.push(t!("explain.pin", host = school(inst, &p.host), year = p.year).into_owned());
    }
    if !f.avoid_hosts.is_empty() {
        let hosts = join(f.avoid_hosts.iter().map(|h| school(inst, h)).collect());
        s.push(t!("explain.avoid", hosts = hosts).into_owned());
    }
    if let Some(u) = &f.under_way {
        let host = school(inst, &u.host);
        s.push(
            t!(
                "explain.under_way",
                host = host,
                start = u.start,
                back = u.back
            )
            .into_owned(),
        );
    }
    s
}

fn years(e: &Explanation) -> Vec<String> {
    e.years
        .iter()
        .map(|y| {
            if y.candidate {
                t!("explain.year_yes", year = y.year).into_owned()
            } else {
                let why = join(y.unmet.iter().map(condition).collect());
                t!("explain.year_no", year = y.year, why = why).into_owned()
            }
        })
        .collect()
}

/// A failing candidacy condition in words.
pub(super) fn condition(c: &Unmet) -> String {
    match c {
        Unmet::Post => t!("explain.unmet.post"),
        Unmet::Exempt => t!("explain.unmet.exempt"),
        Unmet::YearsAtSchool { have, need } => {
            t!("explain.unmet.years", have = have, need = need)
        }
        Unmet::Retirement {
            retire_year,
            buffer,
        } => t!(
            "explain.unmet.retirement",
            retire = retire_year,
            buffer = buffer
        ),
        Unmet::Away => t!("explain.unmet.away"),
        Unmet::Cooldown { returned, cooldown } => {
            t!(
                "explain.unmet.cooldown",
                returned = returned,
                cooldown = cooldown
            )
        }
    }
    .into_owned()
}

fn terms(c: &StartCost) -> String {
    join(
        c.terms
            .iter()
            .map(|t| {
                let key = format!("explain.term.{}", t.component);
                t!(
                    &key,
                    q = num(t.quantity),
                    w = num(t.weight),
                    amount = num(t.amount)
                )
                .into_owned()
            })
            .collect(),
    )
}

fn moves(inst: &Instance, c: &StartCost, needed: &[Needed], equity: &[Equity]) -> Vec<String> {
    let host = school(inst, &c.host);
    let mut s = vec![
        t!("explain.moves", host = host, year = c.year, km = num(c.km)).into_owned(),
        t!("explain.terms", total = num(c.total), list = terms(c)).into_owned(),
    ];
    if !needed.is_empty() {
        let list = join(needed.iter().map(|n| needed_item(inst, n)).collect());
        s.push(t!("explain.needed", list = list).into_owned());
    }
    if !equity.is_empty() {
        let list = join(equity.iter().map(|q| equity_item(inst, q)).collect());
        s.push(t!("explain.equity", list = list).into_owned());
    }
    s
}

fn needed_item(inst: &Instance, n: &Needed) -> String {
    let key = match n.rule {
        Rule::Quota => "explain.needed.quota",
        Rule::QuotaBackbone => "explain.needed.quota_backbone",
        Rule::QuotaCadre => "explain.needed.quota_cadre",
        Rule::TrusteedFlow => "explain.needed.trusteed_flow",
        Rule::Reciprocal => "explain.needed.reciprocal",
        Rule::Headcount => "explain.needed.headcount",
        Rule::Coverage => "explain.needed.coverage",
        _ => "explain.needed.other",
    };
    let detail = match (n.rule, &n.detail) {
        (Rule::Coverage, Some(d)) => subject(d),
        (_, Some(d)) => school(inst, d),
        (_, None) => String::new(),
    };
    // Headcount is a band ±limit; the other bounds are what the rule asks for.
    let bound = if n.rule == Rule::Headcount {
        n.bound.abs()
    } else {
        n.bound
    };
    t!(
        key,
        school = school(inst, &n.school),
        detail = detail,
        year = n.year,
        count = num(n.count),
        bound = num(bound),
        rule = n.rule.title()
    )
    .into_owned()
}

fn equity_item(inst: &Instance, q: &Equity) -> String {
    t!(
        "explain.equity.item",
        school = school(inst, &q.school),
        year = q.year,
        present = q.present,
        target = q.target,
        short = q.short
    )
    .into_owned()
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
        why.push(t!("explain.why.cap", cap = inst.policy.max_distance_km).into_owned());
    }
    let host = school(inst, &n.host);
    t!(
        "explain.stays.nearest",
        host = host,
        km = num(n.km),
        why = join(why)
    )
    .into_owned()
}

fn best_sentence(inst: &Instance, b: &StartCost) -> String {
    t!(
        "explain.stays.best",
        host = school(inst, &b.host),
        year = b.year,
        km = num(b.km),
        total = num(b.total),
        list = terms(b)
    )
    .into_owned()
}

fn counterfactual(inst: &Instance, c: &Counterfactual) -> Vec<String> {
    let (Some(after), Some(delta)) = (c.objective_after, c.delta) else {
        if c.broken.is_empty() {
            return vec![t!("explain.cf.no_plan").into_owned()];
        }
        let list = join(c.broken.iter().map(|v| v.message.clone()).collect());
        return vec![t!("explain.cf.infeasible", list = list).into_owned()];
    };
    let key = match c.change {
        Change::Forbidden => "explain.cf.forbidden",
        Change::Forced => "explain.cf.forced",
    };
    let before = num(c.objective_before);
    let delta = format!("{}{}", if delta >= 0.0 { "+" } else { "" }, num(delta));
    let mut s = vec![t!(key, after = num(after), before = before, delta = delta).into_owned()];
    s.extend(instead(inst, c));
    s
}

/// Who goes instead, person by person: added, dropped, or moved to another host or year.
fn instead(inst: &Instance, c: &Counterfactual) -> Vec<String> {
    let has = |v: &[PlanStart], id: &str| v.iter().any(|p| p.person == id);
    let only = |a: &[PlanStart], b: &[PlanStart]| -> Vec<String> {
        let v = a.iter().filter(|p| !has(b, &p.person));
        v.map(|p| plan_start(inst, p)).collect()
    };
    let mut moved = Vec::new();
    let mut year_only = 0;
    for d in &c.dropped {
        let Some(a) = c.added.iter().find(|a| a.person == d.person) else {
            continue;
        };
        if a.host == d.host && d.person != c.person {
            year_only += 1; // the same host a year apart: say how many, not who
            continue;
        }
        let name = if d.name.is_empty() {
            &d.person
        } else {
            &d.name
        };
        moved.push(
            t!(
                "explain.cf.moved_item",
                name = name,
                id = d.person,
                from = school(inst, &d.host),
                from_year = d.year,
                to = school(inst, &a.host),
                to_year = a.year
            )
            .into_owned(),
        );
    }
    let mut s = Vec::new();
    let others = |v: &[PlanStart]| v.iter().any(|p| p.person != c.person);
    if !others(&c.added) && !others(&c.dropped) {
        s.push(t!("explain.cf.same").into_owned());
    }
    for (key, list) in [
        ("explain.cf.added", only(&c.added, &c.dropped)),
        ("explain.cf.dropped", only(&c.dropped, &c.added)),
        ("explain.cf.moved", moved),
    ] {
        if !list.is_empty() {
            s.push(t!(key, list = join(list)).into_owned());
        }
    }
    if year_only > 0 {
        s.push(t!("explain.cf.year_only", n = year_only).into_owned());
    }
    s
}

fn plan_start(inst: &Instance, p: &PlanStart) -> String {
    t!(
        "explain.cf.start",
        name = p.name,
        id = p.person,
        home = school(inst, &p.home),
        host = school(inst, &p.host),
        year = p.year
    )
    .into_owned()
}
