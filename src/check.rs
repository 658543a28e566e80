//! The independent checker: recomputes every hard rule and the objective from a plan alone.
//!
//! It never touches the model builder or the candidate generator: it follows MODEL.md with
//! its own plain loops over people and years, so that solver tests can use it as an oracle.

use serde::Serialize;

use crate::domain::{Post, Reciprocal, Role, Scope};
use crate::geo::haversine_km;
use crate::instance::{Instance, Person, PersonId, SchoolId};
use crate::plan::{Plan, Start};
use crate::rules::{Component, Rule};

/// One broken hard rule, in words and numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub rule: Rule,
    pub school: Option<String>,
    /// Subject, trusteed member or direction, where the rule has one.
    pub detail: Option<String>,
    pub person: Option<String>,
    pub year: Option<i32>,
    /// By how much the rule is missed (heads; the backbone share can be fractional).
    pub amount: f64,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub subject: String,
    pub present: u32,
    pub min: u32,
}

/// The counts behind every rule for one school and year.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolYear {
    pub school: String,
    pub year: i32,
    pub home_staff: u32,
    pub present: u32,
    pub visitors: u32,
    pub away: u32,
    pub new_out: u32,
    pub new_out_backbone: u32,
    pub new_out_cadre: u32,
    pub new_in: u32,
    /// Quota schools only: size of the due pool and starts required.
    pub due: Option<u32>,
    pub quota_need: Option<u32>,
    pub backbone_present: u32,
    /// Member schools only: ceil(share × home headcount).
    pub backbone_target: Option<u32>,
    pub coverage: Vec<Coverage>,
}

/// Core → trusteed flow and its return, for one pair and year.
#[derive(Debug, Clone, Serialize)]
pub struct Flow {
    pub core: String,
    pub member: String,
    pub year: i32,
    /// Cadre-or-backbone starts core → member.
    pub sent: u32,
    /// Starts member → core that count for the reciprocal rule.
    pub back: u32,
    pub min: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ok: bool,
    pub objective: f64,
    pub components: Vec<(Component, f64)>,
    pub violations: Vec<Violation>,
    pub school_years: Vec<SchoolYear>,
    pub flows: Vec<Flow>,
    pub distances_km: Vec<f64>,
}

fn ceil_rate(rate: f64, n: usize) -> u32 {
    // Same tolerance as the model: 0.1 × 30 means 3, not the float's 3.0000000000000004.
    ((rate * n as f64) - 1e-9).ceil().max(0.0) as u32
}

struct Checker<'a> {
    inst: &'a Instance,
    /// Where each person is in each planned year.
    location: Vec<Vec<SchoolId>>,
    /// Per person, the new start in the plan (the first one, if several).
    start: Vec<Option<Start>>,
    violations: Vec<Violation>,
}

impl<'a> Checker<'a> {
    fn sid(&self, s: SchoolId) -> String {
        self.inst.school(s).id.clone()
    }

    // One flat call per rule keeps each rule's check on a few lines.
    #[allow(clippy::too_many_arguments)]
    fn violation(
        &mut self,
        rule: Rule,
        school: Option<SchoolId>,
        detail: Option<String>,
        person: Option<PersonId>,
        year: Option<i32>,
        amount: f64,
        message: String,
    ) {
        let school = school.map(|s| self.sid(s));
        let person = person.map(|p| self.inst.person(p).id.clone());
        self.violations.push(Violation {
            rule,
            school,
            detail,
            person,
            year,
            amount,
            message,
        });
    }

    fn term(&self) -> i32 {
        self.inst.policy.term_years
    }

    /// The exchange under way of `p`, as (host, first year away, first year back).
    fn under_way(&self, p: &Person) -> Option<(SchoolId, i32, i32)> {
        p.existing.map(|(h, s)| (h, s, s + self.term()))
    }

    /// MODEL.md candidacy for starting in `y`, or the reason why not.
    fn why_not_candidate(&self, p: &Person, y: i32) -> Option<String> {
        let pol = &self.inst.policy;
        if p.post == Post::Principal && !pol.include_principals {
            return Some("principals do not take part (policy.include_principals = false)".into());
        }
        if p.exempt {
            return Some("the person is exempt".into());
        }
        let years = p.years_at_school + (y - self.inst.plan_year);
        if years < pol.min_years_at_school {
            return Some(format!(
                "only {years} years at the school in {y}, {} needed",
                pol.min_years_at_school
            ));
        }
        if let Some(r) = p.retire_year {
            if r - y < pol.retirement_buffer_years {
                return Some(format!(
                    "retires in {r}, within {} years of {y}",
                    pol.retirement_buffer_years
                ));
            }
        }
        let mut last_return = p.last_return_year;
        if let Some((_, from, back)) = self.under_way(p) {
            if from <= y && y < back {
                return Some(format!("still away on the exchange under way in {y}"));
            }
            last_return = Some(last_return.map_or(back, |r| r.max(back)));
        }
        if let Some(r) = last_return {
            if y < r + pol.cooldown_years {
                return Some(format!(
                    "returned in {r}; cooldown of {} years",
                    pol.cooldown_years
                ));
            }
        }
        None
    }

    fn km(&self, p: &Person, host: SchoolId) -> f64 {
        let h = self.inst.school(host);
        let detour = self.inst.policy.detour_factor;
        if let Some(home) = p.residence {
            return haversine_km(home, (h.lat, h.lon)) * detour;
        }
        if let Some(km) = self.inst.table_km.get(&(p.home, host)) {
            return *km;
        }
        let s = self.inst.school(p.home);
        haversine_km((s.lat, s.lon), (h.lat, h.lon)) * detour
    }

    fn scope_ok(&self, home: SchoolId, host: SchoolId) -> bool {
        let (a, b) = (self.inst.school(home), self.inst.school(host));
        if home == host {
            return false;
        }
        match self.inst.policy.scope {
            Scope::County => true,
            Scope::Group => a.group.is_some() && a.group == b.group,
            Scope::CoreMember => {
                a.group.is_some()
                    && a.group == b.group
                    && (a.role == Some(Role::Core)) != (b.role == Some(Role::Core))
            }
        }
    }
}

/// Audits `plan` against every hard rule of MODEL.md and computes its objective value.
pub fn check(inst: &Instance, plan: &Plan) -> Report {
    let years: Vec<i32> = inst.years().collect();
    let mut c = Checker {
        inst,
        location: Vec::new(),
        start: vec![None; inst.people.len()],
        violations: Vec::new(),
    };
    let pol = &inst.policy;
    let t = pol.term_years;

    // Admissibility of each start, and one start per person.
    for s in &plan.starts {
        let p = inst.person(s.person);
        if c.start[s.person.ix()].is_some() {
            c.violation(
                Rule::OneStart,
                Some(p.home),
                None,
                Some(s.person),
                Some(s.year),
                1.0,
                format!("{} starts more than one exchange in the horizon", p.id),
            );
            continue;
        }
        c.start[s.person.ix()] = Some(*s);
        let mut why = Vec::new();
        if !years.contains(&s.year) {
            why.push(format!(
                "{} is outside the horizon {}–{}",
                s.year,
                years[0],
                years[years.len() - 1]
            ));
        } else if let Some(w) = c.why_not_candidate(p, s.year) {
            why.push(w);
        }
        if !c.scope_ok(p.home, s.host) {
            why.push(format!(
                "{} is not an allowed host for staff of {} under scope {:?}",
                c.sid(s.host),
                c.sid(p.home),
                pol.scope
            ));
        }
        let km = c.km(p, s.host);
        if km > pol.max_distance_km {
            why.push(format!(
                "commute {km:.1} km exceeds {} km",
                pol.max_distance_km
            ));
        }
        if !why.is_empty() {
            c.violation(
                Rule::Admissible,
                Some(p.home),
                None,
                Some(s.person),
                Some(s.year),
                1.0,
                format!(
                    "{} → {} in {}: {}",
                    p.id,
                    c.sid(s.host),
                    s.year,
                    why.join("; ")
                ),
            );
        }
    }

    // Where everyone is, year by year.
    c.location = inst
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            years
                .iter()
                .map(|&y| {
                    if let Some(st) = c.start[i] {
                        if st.year <= y && y < st.year + t {
                            return st.host;
                        }
                    }
                    match c.under_way(p) {
                        Some((h, from, back)) if from <= y && y < back => h,
                        _ => p.home,
                    }
                })
                .collect()
        })
        .collect();

    let due: Vec<bool> = inst
        .people
        .iter()
        .map(|p| {
            c.why_not_candidate(p, inst.plan_year).is_none()
                && p.years_at_school >= pol.due_years_at_school
        })
        .collect();

    let mut school_years = Vec::new();
    let mut slack_total = 0.0;
    let mut equity_short = 0.0;
    for (si, school) in inst.schools.iter().enumerate() {
        let s = SchoolId(si as u32);
        let home: Vec<usize> = (0..inst.people.len())
            .filter(|&i| inst.people[i].home == s)
            .collect();
        let quota_school = school
            .role
            .is_some_and(|r| pol.quota.applies_to.contains(&r));
        let due_here: Vec<usize> = home.iter().copied().filter(|&i| due[i]).collect();
        let member = matches!(school.role, Some(Role::Trusteed | Role::Member));
        let target = member.then(|| ceil_rate(pol.equity.backbone_target_share, home.len()));
        for (yi, &y) in years.iter().enumerate() {
            let here: Vec<usize> = (0..inst.people.len())
                .filter(|&i| c.location[i][yi] == s)
                .collect();
            let visitors = here.iter().filter(|&&i| inst.people[i].home != s).count() as u32;
            let away = home.iter().filter(|&&i| c.location[i][yi] != s).count() as u32;
            let starts_out: Vec<&Start> = plan
                .starts
                .iter()
                .filter(|st| st.year == y && inst.person(st.person).home == s)
                .collect();
            let new_out = starts_out.len() as u32;
            let new_out_backbone = starts_out
                .iter()
                .filter(|st| inst.person(st.person).backbone)
                .count() as u32;
            let new_out_cadre = starts_out
                .iter()
                .filter(|st| inst.person(st.person).post == Post::Cadre)
                .count() as u32;
            let new_in = plan
                .starts
                .iter()
                .filter(|st| st.year == y && st.host == s)
                .count() as u32;
            let backbone_present = here.iter().filter(|&&i| inst.people[i].backbone).count() as u32;

            // 1. Subject coverage.
            let mut coverage = Vec::new();
            for &(k, min) in &school.min_subject {
                let present = here
                    .iter()
                    .filter(|&&i| inst.people[i].subject == k)
                    .count() as u32;
                let name = inst.subjects[k.ix()].clone();
                if present < min {
                    let amount = (min - present) as f64;
                    slack_total += amount;
                    c.violation(
                        Rule::Coverage,
                        Some(s),
                        Some(name.clone()),
                        None,
                        Some(y),
                        amount,
                        format!(
                            "{} has {present} {name} staff present in {y}, needs {min}",
                            school.id
                        ),
                    );
                }
                coverage.push(Coverage {
                    subject: name,
                    present,
                    min,
                });
            }

            // 2. Headcount balance.
            let net = visitors as i64 - away as i64;
            let limit = pol.max_net_change as i64;
            if net.abs() > limit {
                let amount = (net.abs() - limit) as f64;
                slack_total += amount;
                let dir = if net > 0 { "surplus" } else { "deficit" };
                c.violation(Rule::Headcount, Some(s), Some(dir.into()), None, Some(y), amount, format!("{} receives {visitors} and sends away {away} in {y}: net {net:+} exceeds ±{limit}", school.id));
            }

            // 3. Quota, backbone share, cadre quota.
            let (mut due_n, mut need_n) = (None, None);
            if quota_school && !due_here.is_empty() {
                let need = ceil_rate(pol.quota.rate, due_here.len());
                due_n = Some(due_here.len() as u32);
                need_n = Some(need);
                if new_out < need {
                    let amount = (need - new_out) as f64;
                    slack_total += amount;
                    c.violation(
                        Rule::Quota,
                        Some(s),
                        None,
                        None,
                        Some(y),
                        amount,
                        format!(
                            "{} starts {new_out} exchanges in {y}, quota is {need} ({} × {} due)",
                            school.id,
                            pol.quota.rate,
                            due_here.len()
                        ),
                    );
                }
                let share_short =
                    pol.quota.backbone_share * new_out as f64 - new_out_backbone as f64;
                if share_short > 1e-9 {
                    slack_total += share_short;
                    c.violation(Rule::QuotaBackbone, Some(s), None, None, Some(y), share_short, format!("{} sends {new_out_backbone} backbone of {new_out} in {y}, share {} needs {:.2}", school.id, pol.quota.backbone_share, pol.quota.backbone_share * new_out as f64));
                }
                let due_cadres = due_here
                    .iter()
                    .filter(|&&i| inst.people[i].post == Post::Cadre)
                    .count();
                let need_c = ceil_rate(pol.quota.cadre_rate, due_cadres);
                if new_out_cadre < need_c {
                    let amount = (need_c - new_out_cadre) as f64;
                    slack_total += amount;
                    c.violation(
                        Rule::QuotaCadre,
                        Some(s),
                        None,
                        None,
                        Some(y),
                        amount,
                        format!(
                            "{} sends {new_out_cadre} cadres in {y}, needs {need_c}",
                            school.id
                        ),
                    );
                }
            }

            if let Some(tg) = target {
                equity_short += tg.saturating_sub(backbone_present) as f64;
            }
            school_years.push(SchoolYear {
                school: school.id.clone(),
                year: y,
                home_staff: home.len() as u32,
                present: here.len() as u32,
                visitors,
                away,
                new_out,
                new_out_backbone,
                new_out_cadre,
                new_in,
                due: due_n,
                quota_need: need_n,
                backbone_present,
                backbone_target: target,
                coverage,
            });
        }
    }

    // 4–5. Core → trusteed flow and the reciprocal return.
    let mut flows = Vec::new();
    let cob = |p: &Person| p.post == Post::Cadre || p.backbone;
    for g in &inst.groups {
        for &m in &g.trusteed {
            for &y in &years {
                let between = |from: SchoolId, to: SchoolId| {
                    plan.starts.iter().filter(move |st| {
                        st.year == y && st.host == to && inst.person(st.person).home == from
                    })
                };
                let sent = between(g.core, m)
                    .filter(|st| cob(inst.person(st.person)))
                    .count() as u32;
                let back = match pol.group_flow.reciprocal {
                    Reciprocal::EqualCadreBackbone => between(m, g.core)
                        .filter(|st| cob(inst.person(st.person)))
                        .count(),
                    _ => between(m, g.core).count(),
                } as u32;
                let min = pol.group_flow.core_to_trusteed_min.max(0) as u32;
                let (core_id, member_id) = (c.sid(g.core), c.sid(m));
                if sent < min {
                    let amount = (min - sent) as f64;
                    slack_total += amount;
                    c.violation(Rule::TrusteedFlow, Some(g.core), Some(member_id.clone()), None, Some(y), amount, format!("{core_id} sends {sent} cadres/backbone to trusteed {member_id} in {y}, needs {min}"));
                }
                if pol.group_flow.reciprocal != Reciprocal::None && back != sent {
                    let amount = (back as f64 - sent as f64).abs();
                    slack_total += amount;
                    c.violation(Rule::Reciprocal, Some(g.core), Some(member_id.clone()), None, Some(y), amount, format!("{member_id} sends {back} back to {core_id} in {y}, must equal the {sent} received"));
                }
                flows.push(Flow {
                    core: core_id,
                    member: member_id,
                    year: y,
                    sent,
                    back,
                    min,
                });
            }
        }
    }

    // The objective, term by term.
    let w = &pol.weights;
    let (mut km_total, mut pref_total, mut promo_total) = (0.0, 0.0, 0.0);
    let mut distances_km = Vec::new();
    for s in &plan.starts {
        let p = inst.person(s.person);
        let km = c.km(p, s.host);
        distances_km.push(km);
        km_total += km;
        pref_total += match p.preferences.iter().position(|&h| h == s.host) {
            Some(i) => i as f64,
            None => p.preferences.len() as f64,
        };
        if p.needs_promotion {
            promo_total += 1.0;
        }
    }
    let mut overdue_total = 0.0;
    for (i, p) in inst.people.iter().enumerate() {
        if due[i] && c.start[i].is_none() {
            overdue_total += (p.years_at_school - pol.due_years_at_school + 1) as f64;
        }
    }
    let components = vec![
        (Component::DistanceKm, w.distance_km * km_total),
        (Component::PreferenceRank, w.preference_rank * pref_total),
        (Component::Promotion, -w.promotion * promo_total),
        (Component::Overdue, w.overdue * overdue_total),
        (Component::Equity, w.equity * equity_short),
        (Component::Slack, w.slack * slack_total),
    ];
    let objective = components.iter().map(|(_, v)| v).sum();
    let violations = c.violations;
    Report {
        ok: violations.is_empty(),
        objective,
        components,
        violations,
        school_years,
        flows,
        distances_km,
    }
}
