//! Whether every distance the model will price can be found (MODEL.md distance): school
//! coordinates are optional, so a scenario may rely on its distance table alone, but then a
//! missing row must stop the run with the pair named, not leave a start unpriced.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::candidates::{distance_km, priced_hosts, ScopeHosts};
use super::ids::{PersonId, SchoolId};
use super::problem::Instance;
use crate::error::Diagnostics;
use rust_i18n::t;

/// Problems listed one by one; past this, one line counts the rest (a county without any
/// coordinates at scope `county` would otherwise list every pair of schools).
const LISTED: usize = 20;

/// Residents named in one host's problem; past this, a count.
const NAMED: usize = 5;

/// What cannot be found, in school order so that the list is the same run after run.
#[derive(Default)]
struct Missing {
    /// School pairs (lower index first) with no table row and a school without coordinates.
    pairs: BTreeSet<(SchoolId, SchoolId)>,
    /// Hosts without coordinates, and the staff living at a residence who may go there.
    residents: BTreeMap<SchoolId, Vec<PersonId>>,
    /// School pairs (lower index first) the table lacks and the coordinates give: found in
    /// the same pass, for [`estimated`].
    estimated: BTreeSet<(SchoolId, SchoolId)>,
}

/// Reports every distance of [`priced_hosts`] that cannot be found; `school_lines[i]` is
/// the line of school `i`'s `id` in the scenario file. Returns the pairs estimated from
/// coordinates, for [`estimated`] (one pass over the priced hosts serves both).
pub(super) fn check(
    inst: &Instance,
    school_lines: &[usize],
    d: &mut Diagnostics,
) -> BTreeSet<(SchoolId, SchoolId)> {
    let missing = find(inst);
    let line = |s: SchoolId| school_lines.get(s.ix()).copied().filter(|&l| l > 0);
    let mut problems: Vec<(Option<usize>, String, String)> = Vec::new();
    for &(a, b) in &missing.pairs {
        let lacking = if inst.school(a).coords.is_none() {
            a
        } else {
            b
        };
        problems.push((
            line(lacking),
            pair_cause(inst, a, b),
            pair_action(inst, a, b),
        ));
    }
    for (&host, people) in &missing.residents {
        problems.push((
            line(host),
            residents_cause(inst, host, people),
            residents_action(inst, host),
        ));
    }
    let more = problems.len().saturating_sub(LISTED);
    let file = inst.scenario_file.clone();
    for (line, cause, action) in problems.into_iter().take(LISTED) {
        d.push("E1037", &file, line, cause, action);
    }
    if more > 0 {
        d.push(
            "E1037",
            &file,
            None,
            if more == 1 {
                t!("instance.one_more_distance", listed = LISTED)
            } else {
                t!("instance.more_distances", more = more, listed = LISTED)
            },
            t!("instance.more_distances_fix"),
        );
    }
    missing.estimated
}

/// The school pairs a start may use whose distance the table lacks and the schools'
/// coordinates give (× `detour_factor`), lower index first: said as a warning listing them
/// (E1062), or reported as errors under `distances_complete`. Nothing when the scenario has
/// no distance table at all: every distance then comes from coordinates, as documented.
pub(super) fn estimated(
    inst: &Instance,
    pairs: BTreeSet<(SchoolId, SchoolId)>,
    table_file: Option<&Path>,
    complete: bool,
    d: &mut Diagnostics,
) -> Vec<(SchoolId, SchoolId)> {
    if table_file.is_none() && inst.table_km.is_empty() {
        return Vec::new();
    }
    let pairs: Vec<(SchoolId, SchoolId)> = pairs.into_iter().collect();
    let file = table_file.unwrap_or(&inst.scenario_file);
    let said = |&(a, b): &(SchoolId, SchoolId)| {
        let km = inst.school_km(a, b).unwrap_or(0.0) * inst.policy.detour_factor;
        // Ids as code: they are the user's data, not words of the message.
        let label = |s: SchoolId| {
            let school = inst.school(s);
            t!("schools.label", id = school.id, name = school.name).into_owned()
        };
        t!(
            "reading.pair_estimated",
            a = label(a),
            b = label(b),
            km = format!("{km:.1}")
        )
        .into_owned()
    };
    if complete {
        for pair in pairs.iter().take(LISTED) {
            d.push(
                "E1062",
                file,
                None,
                t!("reading.distance_missing", pair = said(pair)),
                t!("reading.distance_missing_fix"),
            );
        }
    } else if !pairs.is_empty() {
        let listed: Vec<String> = pairs.iter().take(5).map(said).collect();
        let more = if pairs.len() > 5 { "；…" } else { "" };
        d.warn(
            "E1062",
            file,
            None,
            t!(
                "reading.distances_estimated",
                n = pairs.len(),
                pairs = format!("{}{more}", listed.join("；"))
            ),
            t!("reading.distances_estimated_fix"),
        );
    }
    pairs
}

/// Every distance of [`priced_hosts`] that [`distance_km`] cannot give.
fn find(inst: &Instance) -> Missing {
    let mut m = Missing::default();
    let scope = ScopeHosts::new(inst);
    for p in inst.person_ids() {
        let person = inst.person(p);
        for host in priced_hosts(inst, &scope, p) {
            if distance_km(inst, p, host).is_some() {
                // Without a residence, a known distance the table lacks is the coordinates'.
                let from_table = inst.table_km.contains_key(&(person.home, host));
                if person.residence.is_none() && !from_table {
                    m.estimated
                        .insert((person.home.min(host), person.home.max(host)));
                }
                continue;
            }
            if person.residence.is_some() {
                m.residents.entry(host).or_default().push(p);
            } else {
                m.pairs
                    .insert((person.home.min(host), person.home.max(host)));
            }
        }
    }
    m
}

/// `id (name)`, or the id alone when the school has no other name.
fn school_name(inst: &Instance, s: SchoolId) -> String {
    let school = inst.school(s);
    if school.name.is_empty() || school.name == school.id {
        school.id.clone()
    } else {
        t!("instance.school_named", id = school.id, name = school.name).into_owned()
    }
}

fn pair_cause(inst: &Instance, a: SchoolId, b: SchoolId) -> String {
    let without: Vec<&str> = [a, b]
        .iter()
        .filter(|&&s| inst.school(s).coords.is_none())
        .map(|&s| inst.school(s).id.as_str())
        .collect();
    let (a, b) = (school_name(inst, a), school_name(inst, b));
    match without.as_slice() {
        [one] => t!("instance.no_distance_one", a = a, b = b, school = one),
        _ => t!("instance.no_distance_neither", a = a, b = b),
    }
    .into_owned()
}

fn pair_action(inst: &Instance, a: SchoolId, b: SchoolId) -> String {
    let (a, b) = (&inst.school(a).id, &inst.school(b).id);
    t!("instance.no_distance_fix", a = a, b = b).into_owned()
}

fn residents_cause(inst: &Instance, host: SchoolId, people: &[PersonId]) -> String {
    let mut named: Vec<String> = people
        .iter()
        .take(NAMED)
        .map(|&p| {
            let person = inst.person(p);
            let home = &inst.school(person.home).id;
            match person.name.as_str() {
                "" => t!("instance.resident", id = person.id, home = home).into_owned(),
                name => t!(
                    "instance.resident_named",
                    id = person.id,
                    name = name,
                    home = home
                )
                .into_owned(),
            }
        })
        .collect();
    if people.len() > NAMED {
        named.push(t!("instance.and_more", n = people.len() - NAMED).into_owned());
    }
    let host = school_name(inst, host);
    t!("instance.no_commute", host = host, staff = named.join(", ")).into_owned()
}

fn residents_action(inst: &Instance, host: SchoolId) -> String {
    let host = &inst.school(host).id;
    t!("instance.no_commute_fix", host = host).into_owned()
}
