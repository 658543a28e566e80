//! The hard rules a start is needed for (without it the plan breaks them), and the equity
//! figures of the schools it touches, read from the checker's audit of the plan.

use serde::Serialize;

use crate::check::{Report, SchoolYear};
use crate::domain::{Post, Reciprocal};
use crate::instance::plan::Start;
use crate::instance::{Instance, PersonId};
use crate::rules::Rule;

/// A hard rule that the plan meets only with this start.
#[derive(Debug, Clone, Serialize)]
pub struct Needed {
    /// The rule.
    pub rule: Rule,
    /// The school the rule is about (the core for a flow).
    pub school: String,
    /// The other school of a flow, or the subject of a coverage rule.
    pub detail: Option<String>,
    /// The school year.
    pub year: i32,
    /// What the plan has: starts sent, net change, staff present, as the rule counts.
    pub count: f64,
    /// What the rule asks for (its bound).
    pub bound: f64,
}

/// Backbone teachers present at a member school against its equity target.
#[derive(Debug, Clone, Serialize)]
pub struct Equity {
    /// The school's id.
    pub school: String,
    /// The school year.
    pub year: i32,
    /// Backbone teachers present in the plan.
    pub present: u32,
    /// ceil(backbone_target_share × home staff).
    pub target: u32,
    /// max(0, target − present): what the equity term prices at `weights.equity`.
    pub short: u32,
}

fn row<'a>(r: &'a Report, school: &str, year: i32) -> Option<&'a SchoolYear> {
    r.school_years
        .iter()
        .find(|s| s.school == school && s.year == year)
}

/// The years the start keeps the person away, within the horizon.
fn away_years(inst: &Instance, st: &Start) -> impl Iterator<Item = i32> {
    let t = inst.policy.term_years;
    let y = st.year;
    inst.years().filter(move |&x| y <= x && x < y + t)
}

/// Every hard rule the plan `r` keeps only thanks to `st` (removing it would break it).
pub fn needed(inst: &Instance, r: &Report, p: PersonId, st: &Start) -> Vec<Needed> {
    let mut out = Vec::new();
    quota(inst, r, p, st, &mut out);
    flows(inst, r, p, st, &mut out);
    presence(inst, r, p, st, &mut out);
    out
}

fn quota(inst: &Instance, r: &Report, p: PersonId, st: &Start, out: &mut Vec<Needed>) {
    let person = inst.person(p);
    let home = &inst.school(person.home).id;
    let Some(sy) = row(r, home, st.year) else {
        return;
    };
    let item = |rule, count: f64, bound: f64| Needed {
        rule,
        school: home.clone(),
        detail: None,
        year: st.year,
        count,
        bound,
    };
    if let Some(need) = sy.quota_need.filter(|&n| sy.new_out <= n && n > 0) {
        out.push(item(Rule::Quota, sy.new_out as f64, need as f64));
    }
    let cadres = inst.person_ids().filter(|&q| {
        let o = inst.person(q);
        o.home == person.home
            && o.post == Post::Cadre
            && crate::instance::candidates::is_due(inst, q)
    });
    let need =
        crate::instance::candidates::ceil_share(inst.policy.quota.cadre_rate, cadres.count());
    let sent = sy.new_out_cadre;
    if sy.quota_need.is_some() && person.post == Post::Cadre && need > 0 && sent <= need {
        out.push(item(Rule::QuotaCadre, sent as f64, need as f64));
    }
    let share = inst.policy.quota.backbone_share;
    let (bb, n) = (sy.new_out_backbone as f64, sy.new_out as f64);
    if sy.quota_need.is_some() && person.backbone && bb - 1.0 < share * (n - 1.0) - 1e-9 {
        out.push(item(Rule::QuotaBackbone, bb, share * n));
    }
}

fn flows(inst: &Instance, r: &Report, p: PersonId, st: &Start, out: &mut Vec<Needed>) {
    let person = inst.person(p);
    let (home, host) = (&inst.school(person.home).id, &inst.school(st.host).id);
    let strict = inst.policy.group_flow.reciprocal == Reciprocal::EqualCadreBackbone;
    let reciprocal_on = inst.policy.group_flow.reciprocal != Reciprocal::None;
    let cb = person.post == Post::Cadre || person.backbone;
    for f in r.flows.iter().filter(|f| f.year == st.year) {
        let item = |rule, count: u32, bound: u32| Needed {
            rule,
            school: f.core.clone(),
            detail: Some(f.member.clone()),
            year: f.year,
            count: count as f64,
            bound: bound as f64,
        };
        if &f.core == home && &f.member == host && cb {
            if f.sent <= f.min && f.min > 0 {
                out.push(item(Rule::TrusteedFlow, f.sent, f.min));
            }
            if reciprocal_on && f.sent == f.back {
                out.push(item(Rule::Reciprocal, f.sent, f.back));
            }
        }
        if &f.member == home && &f.core == host && reciprocal_on && (cb || !strict) {
            out.push(item(Rule::Reciprocal, f.back, f.sent));
        }
    }
}

/// Headcount at home and host, and coverage of the person's subject at the host.
fn presence(inst: &Instance, r: &Report, p: PersonId, st: &Start, out: &mut Vec<Needed>) {
    let person = inst.person(p);
    let (home, host) = (&inst.school(person.home).id, &inst.school(st.host).id);
    let subject = &inst.subjects[person.subject.ix()];
    let limit = inst.policy.max_net_change as f64;
    for y in away_years(inst, st) {
        let item = |school: &String, detail, count: f64, bound: f64, rule| Needed {
            rule,
            school: school.clone(),
            detail,
            year: y,
            count,
            bound,
        };
        if let Some(sy) = row(r, home, y) {
            let net = sy.net as f64;
            if net + 1.0 > limit {
                out.push(item(home, None, net, limit, Rule::Headcount));
            }
        }
        let Some(sy) = row(r, host, y) else { continue };
        let net = sy.net as f64;
        if net - 1.0 < -limit {
            out.push(item(host, None, net, -limit, Rule::Headcount));
        }
        for c in sy.coverage.iter().filter(|c| &c.subject == subject) {
            if c.present <= c.min {
                let (count, min) = (c.present as f64, c.min as f64);
                out.push(item(
                    host,
                    Some(subject.clone()),
                    count,
                    min,
                    Rule::Coverage,
                ));
            }
        }
    }
}

/// The equity figures of the member schools among `schools`, every year of the horizon.
pub fn equity(inst: &Instance, r: &Report, schools: &[&String]) -> Vec<Equity> {
    let mut out = Vec::new();
    for s in schools {
        for y in inst.years() {
            let Some(sy) = row(r, s, y) else { continue };
            let Some(target) = sy.backbone_target else {
                continue;
            };
            out.push(Equity {
                school: (*s).clone(),
                year: y,
                present: sy.backbone_present,
                target,
                short: target.saturating_sub(sy.backbone_present),
            });
        }
    }
    out
}
