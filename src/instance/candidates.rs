//! Who may start an exchange where and when (MODEL.md: candidacy × scope × distance), as the
//! list of admissible triples that get a decision variable.

use super::ids::{PersonId, SchoolId};
use super::problem::Instance;
use crate::domain::Post;
use crate::domain::Scope;
use rust_i18n::t;

/// One admissible triple (person, host, start year) with its cost data.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Who starts.
    pub person: PersonId,
    /// Where.
    pub host: SchoolId,
    /// The school year of the start.
    pub year: i32,
    /// One-way commute km (MODEL.md distance).
    pub km: f64,
    /// Preference cost: rank of the host in the person's list.
    pub pref: u32,
}

/// `ceil(rate × n)` for quota counts and targets. A tolerance keeps 0.1 × 30 at 3 although
/// the float product is 3.0000000000000004: the rule means the exact product.
pub(crate) fn ceil_share(rate: f64, n: usize) -> u32 {
    let v = rate * n as f64;
    (v - 1e-9).ceil().max(0.0) as u32
}

/// A candidacy condition of MODEL.md (1–6) that a person does not meet in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmet {
    /// 1: a principal, and `policy.include_principals` is false.
    Post,
    /// 2: exempt (pregnancy, illness, hardship).
    Exempt,
    /// 3: `years_at_school + (y - Y0)` years at the school in `y`, `need` needed.
    YearsAtSchool {
        /// Years at the school in that year.
        have: i32,
        /// `policy.min_years_at_school`.
        need: i32,
    },
    /// 4: retires in `retire_year`, within `policy.retirement_buffer_years` of the year.
    Retirement {
        /// The year of retirement.
        retire_year: i32,
    },
    /// 5: still away on the exchange under way.
    Away,
    /// 6: came back in `returned`, and the cooldown has not run out.
    Cooldown {
        /// The year back home.
        returned: i32,
    },
}

impl std::fmt::Display for Unmet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Unmet::Post => t!("instance.unmet.post"),
            Unmet::Exempt => t!("instance.unmet.exempt"),
            Unmet::YearsAtSchool { have, need } => {
                t!("instance.unmet.years_at_school", have = have, need = need)
            }
            Unmet::Retirement { retire_year } => {
                t!("instance.unmet.retirement", retire_year = retire_year)
            }
            Unmet::Away => t!("instance.unmet.away"),
            Unmet::Cooldown { returned } => t!("instance.unmet.cooldown", returned = returned),
        };
        f.write_str(&text)
    }
}

/// Candidacy rules 1–6 of MODEL.md for starting in year `y`.
pub fn is_candidate(inst: &Instance, p: PersonId, y: i32) -> bool {
    unmet(inst, p, y).is_empty()
}

/// Every candidacy condition (MODEL.md 1–6) that `p` does not meet for a start in `y`, in
/// the order of MODEL.md; empty when `p` is a candidate.
pub fn unmet(inst: &Instance, p: PersonId, y: i32) -> Vec<Unmet> {
    let pol = &inst.policy;
    let person = inst.person(p);
    let mut out = Vec::new();
    if person.post == Post::Principal && !pol.include_principals {
        out.push(Unmet::Post);
    }
    if person.exempt {
        out.push(Unmet::Exempt);
    }
    let have = person.years_at_school + (y - inst.plan_year);
    if have < pol.min_years_at_school {
        let need = pol.min_years_at_school;
        out.push(Unmet::YearsAtSchool { have, need });
    }
    if let Some(r) = person.retire_year {
        if r - y < pol.retirement_buffer_years {
            out.push(Unmet::Retirement { retire_year: r });
        }
    }
    if inst.away_under_way(p, y).is_some() {
        out.push(Unmet::Away);
        return out; // the cooldown runs from a return that has not happened yet
    }
    // Rule 5 has ruled out an exchange under way in `y`, so any such exchange has ended by
    // now; the later of its return and `last_return_year` is the one the cooldown runs from.
    let ret = match (inst.under_way_return_year(p), person.last_return_year) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if let Some(r) = ret {
        if y < r + pol.cooldown_years {
            out.push(Unmet::Cooldown { returned: r });
        }
    }
    out
}

/// Due (符合交流条件): candidate in the plan year with enough years at the home school.
pub fn is_due(inst: &Instance, p: PersonId) -> bool {
    is_candidate(inst, p, inst.plan_year)
        && inst.person(p).years_at_school >= inst.policy.due_years_at_school
}

/// Whether `host` is an allowed host for staff of `home` under the policy's scope.
pub fn in_scope(inst: &Instance, home: SchoolId, host: SchoolId) -> bool {
    if home == host {
        return false;
    }
    let (a, b) = (inst.school(home), inst.school(host));
    match inst.policy.scope {
        Scope::County => true,
        Scope::Group => a.group.is_some() && a.group == b.group,
        Scope::CoreMember => {
            let Some(g) = a.group.filter(|&g| Some(g) == b.group) else {
                return false;
            };
            let core = inst.groups[g.ix()].core;
            (home == core) != (host == core)
        }
    }
}

/// One-way commute km of MODEL.md: residence, else the table, else the schools' straight
/// line. `None` when the coordinates this needs are missing: from a residence, the host's;
/// else, when the table has no row for the pair, both schools'. [`Instance::from_raw`]
/// refuses a scenario that leaves a distance of [`priced_hosts`] unknown.
pub fn distance_km(inst: &Instance, p: PersonId, host: SchoolId) -> Option<f64> {
    let person = inst.person(p);
    let detour = inst.policy.detour_factor;
    if let Some(res) = person.residence {
        let h = inst.school(host).coords?;
        return Some(crate::geo::haversine_km(res, h) * detour);
    }
    if let Some(&km) = inst.table_km.get(&(person.home, host)) {
        return Some(km);
    }
    Some(inst.school_km(person.home, host)? * detour)
}

/// Per home school, the hosts in scope, in school order. Made once per run: asking
/// [`in_scope`] of every school for every person took 3 s on a 200k-staff county.
pub struct ScopeHosts(Vec<Vec<SchoolId>>);

impl ScopeHosts {
    /// The hosts in scope of every school under `inst`'s policy.
    pub fn new(inst: &Instance) -> Self {
        let hosts = inst
            .school_ids()
            .map(|home| {
                let hosts = inst.school_ids().filter(|&h| in_scope(inst, home, h));
                hosts.collect()
            })
            .collect();
        ScopeHosts(hosts)
    }
}

/// The hosts whose distance decides whether `p` gets a variable there, in school order:
/// none unless `p` is a candidate in some planned year; else every host in scope or
/// pinned, not avoided. These are the distances a scenario must make known.
pub fn priced_hosts(inst: &Instance, scope: &ScopeHosts, p: PersonId) -> Vec<SchoolId> {
    if !inst.years().any(|y| is_candidate(inst, p, y)) {
        return Vec::new();
    }
    let person = inst.person(p);
    let mut hosts: Vec<SchoolId> = scope.0[person.home.ix()].clone();
    if let Some((h, _)) = person.pin {
        if let Err(at) = hosts.binary_search(&h) {
            hosts.insert(at, h);
        }
    }
    hosts.retain(|h| !person.avoid.contains(h));
    hosts
}

/// Preference cost: the i-th listed host costs i-1, an unlisted one the list's length.
pub fn preference_cost(inst: &Instance, p: PersonId, host: SchoolId) -> u32 {
    let prefs = &inst.person(p).preferences;
    prefs.iter().position(|&s| s == host).unwrap_or(prefs.len()) as u32
}

/// Every admissible triple, ordered by person, host, year, so that variable order (and with
/// it HiGHS's path) depends on the input alone. Avoided hosts are left out; a pinned
/// triple is in whatever its distance or scope (HR decided).
pub fn generate(inst: &Instance) -> Vec<Candidate> {
    let mut out = Vec::new();
    let years: Vec<i32> = inst.years().collect();
    let scope = ScopeHosts::new(inst);
    for p in inst.person_ids() {
        let open: Vec<i32> = years
            .iter()
            .copied()
            .filter(|&y| is_candidate(inst, p, y))
            .collect();
        let person = inst.person(p);
        for host in priced_hosts(inst, &scope, p) {
            let pinned_here = person.pin.is_some_and(|(h, _)| h == host);
            // Known for every priced host of a validated instance; a policy changed after
            // validation can leave one unknown, and then no variable can be priced there.
            let Some(km) = distance_km(inst, p, host) else {
                continue;
            };
            let reachable = in_scope(inst, person.home, host) && km <= inst.policy.max_distance_km;
            if !(reachable || pinned_here) {
                continue;
            }
            let pref = preference_cost(inst, p, host);
            for &year in &open {
                let forbidden = person.forbid.contains(&(host, year));
                if (reachable || person.is_pinned_to(host, year)) && !forbidden {
                    out.push(Candidate {
                        person: p,
                        host,
                        year,
                        km,
                        pref,
                    });
                }
            }
        }
    }
    out
}
