//! Why a rule breaks: for each rule the elastic diagnosis finds broken, the smallest fact of
//! the instance alone that makes it impossible to keep, when one exists (issue 11, item 2).
//!
//! Each cause is a count that the rule cannot get past whatever the plan does: the people
//! who could start the exchanges it needs (candidates with an admissible start, as the
//! candidate generator has them) are fewer than it needs, pins or `avoid_hosts` take the
//! rest, or the stability cap of rule 6 is below what another rule needs. A break that only
//! an interaction of several rules explains gets no cause: nothing is guessed.

mod could_go;
mod reach;
mod text;

use crate::rules::cause::{Cause, Who};

use crate::check::Violation;
use crate::domain::{Reciprocal, Role};
use crate::instance::candidates::{self, ceil_share};
use crate::instance::{Instance, PersonId, SchoolId, SubjectId};
use crate::rules::{Detail, Rule};
use could_go::CouldGo;
use reach::{Ask, Reach};

/// The cause of every violation, in their order: `None` where no simple fact explains it.
pub fn of(inst: &Instance, violations: &[Violation]) -> Vec<Option<Cause>> {
    if violations.is_empty() {
        return Vec::new();
    }
    let reach = Reach::new(inst);
    violations.iter().map(|v| cause(&reach, v)).collect()
}

/// The cause of one broken rule of `inst`, when a simple fact explains it.
fn cause(ctx: &Reach, v: &Violation) -> Option<Cause> {
    let inst = ctx.inst;
    let (s, y) = (v.school?, v.year?);
    match (v.rule, v.detail) {
        (Rule::Coverage, Detail::Subject(k)) => {
            let min = inst.school(s).min_subject.iter().find(|e| e.0 == k)?.1;
            ctx.subject(s, k, y, min, Rule::Coverage)
        }
        (Rule::SubjectsKept, Detail::Subject(k)) => ctx.subject(s, k, y, 1, Rule::SubjectsKept),
        (Rule::Quota, _) => ctx.cap_below_quota(s, y).or_else(|| ctx.quota(s, y)),
        (Rule::QuotaBackbone, _) => ctx.quota_backbone(s, y),
        (Rule::QuotaCadre, _) => ctx.quota_cadre(s, y),
        (Rule::TrusteedFlow, Detail::Member(m)) => {
            (ctx.core_side(s, m, y)).or_else(|| ctx.member_side(s, m, y, Rule::TrusteedFlow))
        }
        (Rule::Reciprocal, Detail::Member(m)) => ctx.member_side(s, m, y, Rule::Reciprocal),
        (Rule::StabilityCap, _) => ctx.stability_cap(s, y),
        _ => None,
    }
}

impl Reach<'_> {
    /// Coverage (`need` = the minimum) or every subject kept (`need` = 1) of `k` at `s`.
    fn subject(&self, s: SchoolId, k: SubjectId, y: i32, need: u32, rule: Rule) -> Option<Cause> {
        let inst = self.inst;
        let (own, pinned_away) = self.own_of_subject(s, k, y);
        if own >= need {
            return None; // enough could stay: the break comes from other rules' starts
        }
        let window: Vec<i32> = inst
            .years()
            .filter(|&y0| y0 <= y && y < y0 + inst.policy.term_years)
            .collect();
        let who = |p: PersonId| {
            let person = inst.person(p);
            person.subject == k && person.home != s && inst.away_under_way(p, y) != Some(s)
        };
        let sup = CouldGo::of(self, &who, Some(s), &window);
        if own + sup.free.len() as u32 >= need {
            return None;
        }
        if own + sup.blocked() >= need {
            let ask = Ask {
                from: s,
                host: Some(s),
                who: Who::Staff,
                rule,
            };
            return Some(sup.pinned_elsewhere(self, &ask, &window, need - own));
        }
        Some(Cause::SubjectOutOfReach {
            school: inst.school(s).id.clone(),
            subject: inst.subjects[k.ix()].clone(),
            year: y,
            own,
            pinned_away,
            reach: sup.free.len() as u32,
            need,
            max_km: inst.policy.max_distance_km,
            nearest: sup.nearest(self),
        })
    }

    /// Own staff of `k` who can be at `s` in `y` at most, and those a pin takes away.
    fn own_of_subject(&self, s: SchoolId, k: SubjectId, y: i32) -> (u32, u32) {
        let inst = self.inst;
        let term = inst.policy.term_years;
        let (mut own, mut pinned_away) = (0, 0);
        for p in inst.person_ids() {
            let person = inst.person(p);
            if person.subject != k {
                continue;
            }
            if person.home == s && inst.away_under_way(p, y).is_none() {
                match person.pin {
                    Some((_, y0)) if y0 <= y && y < y0 + term => pinned_away += 1,
                    _ => own += 1,
                }
            } else if inst.away_under_way(p, y) == Some(s) {
                own += 1;
            }
        }
        (own, pinned_away)
    }

    fn home_staff(&self, s: SchoolId) -> u32 {
        self.inst.people.iter().filter(|p| p.home == s).count() as u32
    }

    /// The stability cap of `s`, when rule 6 is on.
    fn cap(&self, s: SchoolId) -> Option<u32> {
        let share = self.inst.policy.max_out_share;
        (share < 1.0).then(|| ceil_share(share, self.home_staff(s) as usize))
    }

    fn cap_below(&self, s: SchoolId, y: i32, need: u32, rule: Rule) -> Option<Cause> {
        let cap = self.cap(s).filter(|&c| c < need)?;
        Some(Cause::CapBelowNeed {
            school: self.inst.school(s).id.clone(),
            year: y,
            cap,
            share: self.inst.policy.max_out_share,
            staff: self.home_staff(s),
            need,
            rule,
        })
    }

    /// Rule 3's quota of `s`, when `s` is a quota school with a due pool: (need, due pool).
    fn quota_need(&self, s: SchoolId) -> Option<(u32, u32)> {
        let inst = self.inst;
        let q = &inst.policy.quota;
        let role = inst.school(s).role?;
        if !q.applies_to.contains(&role) {
            return None;
        }
        let due = (inst.person_ids())
            .filter(|&p| inst.person(p).home == s && candidates::is_due(inst, p))
            .count();
        (due > 0).then(|| (ceil_share(q.rate, due), due as u32))
    }

    fn cap_below_quota(&self, s: SchoolId, y: i32) -> Option<Cause> {
        let (need, _) = self.quota_need(s)?;
        self.cap_below(s, y, need, Rule::Quota)
    }

    fn quota(&self, s: SchoolId, y: i32) -> Option<Cause> {
        let (need, _) = self.quota_need(s)?;
        let who = |p: PersonId| self.inst.person(p).home == s;
        self.short(
            &who,
            Ask {
                from: s,
                host: None,
                who: Who::Staff,
                rule: Rule::Quota,
            },
            y,
            need,
        )
    }

    fn quota_backbone(&self, s: SchoolId, y: i32) -> Option<Cause> {
        let (quota, _) = self.quota_need(s)?;
        // Backbone ≥ share × new_out and new_out ≥ quota: at least ceil(share × quota).
        let need = ceil_share(self.inst.policy.quota.backbone_share, quota as usize);
        let who = |p: PersonId| {
            let person = self.inst.person(p);
            person.home == s && person.backbone
        };
        self.short(
            &who,
            Ask {
                from: s,
                host: None,
                who: Who::Backbone,
                rule: Rule::QuotaBackbone,
            },
            y,
            need,
        )
    }

    fn quota_cadre(&self, s: SchoolId, y: i32) -> Option<Cause> {
        let inst = self.inst;
        self.quota_need(s)?;
        let is_cadre = |p: PersonId| {
            let person = inst.person(p);
            person.home == s && person.post == crate::domain::Post::Cadre
        };
        let due = (inst.person_ids())
            .filter(|&p| is_cadre(p) && candidates::is_due(inst, p))
            .count();
        let need = ceil_share(inst.policy.quota.cadre_rate, due);
        self.short(
            &is_cadre,
            Ask {
                from: s,
                host: None,
                who: Who::Cadres,
                rule: Rule::QuotaCadre,
            },
            y,
            need,
        )
    }

    /// Rule 4 from the core's side: its cadres and backbone who could start at `m`.
    fn core_side(&self, c: SchoolId, m: SchoolId, y: i32) -> Option<Cause> {
        let min = self.flow_min()?;
        let per_core = min * self.trusteed_of(c).len() as u32;
        if let Some(cause) = self.cap_below(c, y, per_core, Rule::TrusteedFlow) {
            return Some(cause);
        }
        let who = |p: PersonId| {
            let person = self.inst.person(p);
            person.home == c && person.is_cadre_or_backbone()
        };
        self.short(
            &who,
            Ask {
                from: c,
                host: Some(m),
                who: Who::CadreOrBackbone,
                rule: Rule::TrusteedFlow,
            },
            y,
            min,
        )
    }

    /// Rules 4 and 5 from the member's side: it must send back as many as rule 4's minimum,
    /// so too few who could start at the core (cadres or backbone under the strict reading)
    /// or a stability cap below the minimum make the pair impossible.
    fn member_side(&self, c: SchoolId, m: SchoolId, y: i32, rule: Rule) -> Option<Cause> {
        let min = self.flow_min()?;
        let reciprocal = self.inst.policy.group_flow.reciprocal;
        if reciprocal == Reciprocal::None {
            return None;
        }
        if let Some(cause) = self.cap_below(m, y, min, Rule::Reciprocal) {
            return Some(cause);
        }
        let strict = reciprocal == Reciprocal::EqualCadreBackbone;
        let who = |p: PersonId| {
            let person = self.inst.person(p);
            person.home == m && (!strict || person.is_cadre_or_backbone())
        };
        let w = if strict {
            Who::CadreOrBackbone
        } else {
            Who::Staff
        };
        self.short(
            &who,
            Ask {
                from: m,
                host: Some(c),
                who: w,
                rule,
            },
            y,
            min,
        )
    }

    fn flow_min(&self) -> Option<u32> {
        let min = self.inst.policy.group_flow.core_to_trusteed_min;
        (min > 0).then_some(min as u32)
    }

    fn trusteed_of(&self, c: SchoolId) -> Vec<SchoolId> {
        let g = self.inst.groups.iter().find(|g| g.core == c);
        g.map(|g| g.trusteed.clone()).unwrap_or_default()
    }

    /// Rule 6: pins alone over the cap, or a cap below what rules 3, 4 or 5 need.
    fn stability_cap(&self, s: SchoolId, y: i32) -> Option<Cause> {
        let inst = self.inst;
        let cap = self.cap(s)?;
        let pinned = (inst.people.iter())
            .filter(|p| p.home == s && p.pin.is_some_and(|(_, y0)| y0 == y))
            .count() as u32;
        if pinned > cap {
            let school = inst.school(s).id.clone();
            return Some(Cause::PinsOverCap {
                school,
                year: y,
                pinned,
                cap,
            });
        }
        if let Some(c) = self.cap_below_quota(s, y) {
            return Some(c);
        }
        let min = self.flow_min()?;
        match inst.school(s).role? {
            Role::Core => {
                let need = min * self.trusteed_of(s).len() as u32;
                self.cap_below(s, y, need, Rule::TrusteedFlow)
            }
            Role::Trusteed if inst.policy.group_flow.reciprocal != Reciprocal::None => {
                self.cap_below(s, y, min, Rule::Reciprocal)
            }
            _ => None,
        }
    }

    /// Too few who can make the starts `ask` needs (`per_year` a year): in year `y` alone,
    /// else over the whole horizon, where each person starts once.
    fn short(
        &self,
        who: &dyn Fn(PersonId) -> bool,
        ask: Ask,
        y: i32,
        per_year: u32,
    ) -> Option<Cause> {
        let all: Vec<i32> = self.inst.years().collect();
        let spans = [vec![y], all];
        spans.iter().filter(|ys| !ys.is_empty()).find_map(|years| {
            let need = per_year * years.len() as u32;
            let sup = CouldGo::of(self, who, ask.host, years);
            let free = sup.free.len() as u32;
            if free >= need {
                return None;
            }
            if free + sup.blocked() >= need {
                return Some(sup.pinned_elsewhere(self, &ask, years, need));
            }
            Some(Cause::TooFewCandidates {
                school: self.inst.school(ask.from).id.clone(),
                host: ask.host.map(|h| self.inst.school(h).id.clone()),
                who: ask.who,
                years: years.clone(),
                have: free,
                per_year,
                need,
                rule: ask.rule,
                max_km: ask.host.map(|_| self.inst.policy.max_distance_km),
                nearest: sup.nearest(self),
            })
        })
    }
}
