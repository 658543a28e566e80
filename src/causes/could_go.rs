//! Who could make the starts a rule needs, and who pins or `avoid_hosts` hold back.

use super::reach::{Ask, Reach};
use crate::instance::candidates::{distance_km, in_scope, is_candidate};
use crate::instance::{PersonId, SchoolId};
use crate::rules::cause::{Cause, Nearest};

/// The people of a kind who could start out of their school (at one host, or anywhere) in
/// one of some years.
pub(super) struct CouldGo {
    /// With an admissible start there and then, and no pin to another start.
    pub free: Vec<PersonId>,
    /// With an admissible start there and then, but pinned to another start.
    pub pinned: Vec<PersonId>,
    /// Candidates in scope within the distance cap who avoid the host.
    pub avoiding: Vec<PersonId>,
    /// The closest candidate in scope, free to go, beyond the distance cap.
    near: Option<(PersonId, f64)>,
}

impl CouldGo {
    /// The supply of those `who` selects, at `host` (any host: `None`) in `years`.
    pub fn of(
        reach: &Reach,
        who: &dyn Fn(PersonId) -> bool,
        host: Option<SchoolId>,
        years: &[i32],
    ) -> CouldGo {
        let inst = reach.inst;
        let mut sup = CouldGo {
            free: Vec::new(),
            pinned: Vec::new(),
            avoiding: Vec::new(),
            near: None,
        };
        for p in inst.person_ids().filter(|&p| who(p)) {
            let person = inst.person(p);
            // A pin is a hard start: only the pinned host and year are open to the person.
            let pin_ok = person
                .pin
                .is_none_or(|(h, y0)| host.is_none_or(|x| x == h) && years.contains(&y0));
            let admissible = reach.starts[p.ix()]
                .iter()
                .any(|t| host.is_none_or(|h| t.host == h) && years.contains(&t.year));
            if admissible {
                if pin_ok {
                    sup.free.push(p);
                } else {
                    sup.pinned.push(p);
                }
                continue;
            }
            let Some(h) = host.filter(|_| pin_ok) else {
                continue;
            };
            let open = years.iter().any(|&y| is_candidate(inst, p, y));
            let km = distance_km(inst, p, h).filter(|_| open && in_scope(inst, person.home, h));
            let Some(km) = km else { continue };
            let within = km <= inst.policy.max_distance_km;
            if person.avoid.contains(&h) {
                if within {
                    sup.avoiding.push(p);
                }
            } else if !within && sup.near.is_none_or(|(_, k)| km < k) {
                sup.near = Some((p, km));
            }
        }
        sup
    }

    /// Those held back by HR's decisions: pinned elsewhere or avoiding the host.
    pub fn blocked(&self) -> u32 {
        (self.pinned.len() + self.avoiding.len()) as u32
    }

    /// The closest person beyond the cap, as a cause cites them.
    pub fn nearest(&self, reach: &Reach) -> Option<Nearest> {
        let (p, km) = self.near?;
        let person = reach.inst.person(p);
        Some(Nearest {
            person: person.id.clone(),
            name: person.name.clone(),
            school: reach.inst.school(person.home).id.clone(),
            km,
        })
    }

    /// The cause when pins and avoided hosts take the people `ask` needs.
    pub fn pinned_elsewhere(&self, reach: &Reach, ask: &Ask, years: &[i32], need: u32) -> Cause {
        let ids = |ps: &[PersonId]| {
            ps.iter()
                .map(|&p| reach.inst.person(p).id.clone())
                .collect()
        };
        Cause::PinnedElsewhere {
            school: reach.inst.school(ask.from).id.clone(),
            host: ask.host.map(|h| reach.inst.school(h).id.clone()),
            who: ask.who,
            years: years.to_vec(),
            free: self.free.len() as u32,
            need,
            rule: ask.rule,
            pinned: ids(&self.pinned),
            avoiding: ids(&self.avoiding),
        }
    }
}
