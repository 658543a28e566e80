//! The checker's own reading of candidacy (MODEL.md 1–6), scope and distance: why a start
//! is not admissible, as data ([`NotAdmissible`]; `summary` puts it in words). It is
//! written from MODEL.md apart from the candidate generator the model uses, so that the two
//! can catch each other.

use super::shortfall::NotAdmissible;
use crate::domain::{Post, Role, Scope};
use crate::geo::haversine_km;
use crate::instance::{Instance, Person, SchoolId};

/// An exchange under way: (host, first year away, first year back).
pub(super) fn under_way(inst: &Instance, p: &Person) -> Option<(SchoolId, i32, i32)> {
    p.existing.map(|(h, s)| (h, s, s + inst.policy.term_years))
}

/// Every reason why `p` may not start at `host` in `year` (none: the start is admissible).
pub(super) fn why_not_admissible(
    inst: &Instance,
    p: &Person,
    host: SchoolId,
    year: i32,
) -> Vec<NotAdmissible> {
    let pol = &inst.policy;
    let mut why = Vec::new();
    let years = inst.years();
    if !years.contains(&year) {
        let (first, last) = (years.start, years.end - 1);
        why.push(NotAdmissible::OutsideHorizon { year, first, last });
    } else if let Some(w) = why_not_candidate(inst, p, year) {
        why.push(w);
    }
    if p.avoid.contains(&host) {
        why.push(NotAdmissible::Avoided { host });
    }
    if p.forbid.contains(&(host, year)) {
        why.push(NotAdmissible::Forbidden { host, year });
    }
    if p.is_pinned_to(host, year) {
        return why; // HR decided: the pinned start may exceed scope and distance
    }
    if !scope_ok(inst, p.home, host) {
        let (home, scope) = (p.home, pol.scope);
        why.push(NotAdmissible::OutOfScope { host, home, scope });
    }
    match km(inst, p, host) {
        Some(km) if km > pol.max_distance_km => {
            let max = pol.max_distance_km;
            why.push(NotAdmissible::TooFar { km, max })
        }
        Some(_) => {}
        None => why.push(unknown_km(p, host)),
    }
    why
}

/// MODEL.md candidacy for starting in `y`, or the reason why not.
pub(super) fn why_not_candidate(inst: &Instance, p: &Person, y: i32) -> Option<NotAdmissible> {
    let pol = &inst.policy;
    if p.post == Post::Principal && !pol.include_principals {
        return Some(NotAdmissible::Principal);
    }
    if p.exempt {
        return Some(NotAdmissible::Exempt);
    }
    let years = p.years_at_school + (y - inst.plan_year);
    if years < pol.min_years_at_school {
        let need = pol.min_years_at_school;
        return Some(NotAdmissible::Years {
            years,
            year: y,
            need,
        });
    }
    if let Some(r) = p.retire_year {
        if r - y < pol.retirement_buffer_years {
            let buffer = pol.retirement_buffer_years;
            return Some(NotAdmissible::Retires {
                retire: r,
                buffer,
                year: y,
            });
        }
    }
    let mut last_return = p.last_return_year;
    if let Some((_, from, back)) = under_way(inst, p) {
        if from <= y && y < back {
            return Some(NotAdmissible::Away { year: y });
        }
        last_return = Some(last_return.map_or(back, |r| r.max(back)));
    }
    match last_return {
        Some(r) if y < r + pol.cooldown_years => Some(NotAdmissible::Cooldown {
            returned: r,
            years: pol.cooldown_years,
        }),
        _ => None,
    }
}

/// One-way commute km of `p` to `host` (MODEL.md distance); `None` when a coordinate it
/// needs is missing (the scenario only has to make known the distances of admissible
/// starts, so a start with none is not admissible for another reason too).
pub(super) fn km(inst: &Instance, p: &Person, host: SchoolId) -> Option<f64> {
    let h = inst.school(host).coords;
    let detour = inst.policy.detour_factor;
    if let Some(home) = p.residence {
        return Some(haversine_km(home, h?) * detour);
    }
    if let Some(km) = inst.table_km.get(&(p.home, host)) {
        return Some(*km);
    }
    Some(haversine_km(inst.school(p.home).coords?, h?) * detour)
}

/// Why the commute of `p` to `host` is unknown, for the list of a start's breaks.
fn unknown_km(p: &Person, host: SchoolId) -> NotAdmissible {
    if p.residence.is_some() {
        NotAdmissible::NoHostCoords { host }
    } else {
        NotAdmissible::NoDistance { home: p.home, host }
    }
}

/// Whether staff of `home` may go to `host` under `policy.scope`.
fn scope_ok(inst: &Instance, home: SchoolId, host: SchoolId) -> bool {
    let (a, b) = (inst.school(home), inst.school(host));
    if home == host {
        return false;
    }
    match inst.policy.scope {
        Scope::County => true,
        Scope::Group => a.group.is_some() && a.group == b.group,
        Scope::CoreMember => {
            a.group.is_some()
                && a.group == b.group
                && (a.role == Some(Role::Core)) != (b.role == Some(Role::Core))
        }
    }
}
