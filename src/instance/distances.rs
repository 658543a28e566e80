//! Whether every distance the model will price can be found (MODEL.md distance): school
//! coordinates are optional, so a scenario may rely on its distance table alone, but then a
//! missing row must stop the run with the pair named, not leave a start unpriced.

use std::collections::{BTreeMap, BTreeSet};

use super::{Instance, PersonId, SchoolId};
use crate::candidates::{distance_km, priced_hosts};
use crate::error::Diagnostics;

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
}

/// Reports every distance of [`priced_hosts`] that cannot be found; `school_lines[i]` is
/// the line of school `i`'s `id` in the scenario file.
pub(super) fn check(inst: &Instance, school_lines: &[usize], d: &mut Diagnostics) {
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
            format!(
                "and {more} more distance{} cannot be found (the first {LISTED} are listed above)",
                if more == 1 { "" } else { "s" }
            ),
            "fix those above and validate again, or give every school `lat` and `lon`",
        );
    }
}

/// Every distance of [`priced_hosts`] that [`distance_km`] cannot give.
fn find(inst: &Instance) -> Missing {
    let mut m = Missing::default();
    for p in inst.person_ids() {
        let person = inst.person(p);
        for host in priced_hosts(inst, p) {
            if distance_km(inst, p, host).is_some() {
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
        format!("{} ({})", school.id, school.name)
    }
}

fn pair_cause(inst: &Instance, a: SchoolId, b: SchoolId) -> String {
    let without: Vec<&str> = [a, b]
        .iter()
        .filter(|&&s| inst.school(s).coords.is_none())
        .map(|&s| inst.school(s).id.as_str())
        .collect();
    format!(
        "no distance for {} – {}: staff of one may be sent to the other, the distance table has no row for the pair, and {} `lat`/`lon`",
        school_name(inst, a),
        school_name(inst, b),
        match without.as_slice() {
            [one] => format!("{one} has no"),
            _ => "neither school has".to_string(),
        }
    )
}

fn pair_action(inst: &Instance, a: SchoolId, b: SchoolId) -> String {
    let (a, b) = (&inst.school(a).id, &inst.school(b).id);
    format!("add the row `{a},{b},KM` (road km, either direction) to the distance table, or give both schools `lat` and `lon`")
}

fn residents_cause(inst: &Instance, host: SchoolId, people: &[PersonId]) -> String {
    let mut named: Vec<String> = people
        .iter()
        .take(NAMED)
        .map(|&p| {
            let person = inst.person(p);
            let home = &inst.school(person.home).id;
            match person.name.as_str() {
                "" => format!("{} of {home}", person.id),
                name => format!("{} ({name}) of {home}", person.id),
            }
        })
        .collect();
    if people.len() > NAMED {
        named.push(format!("and {} more", people.len() - NAMED));
    }
    format!(
        "no commute distance to {}: the school has no `lat`/`lon`, and the commute of staff with a residence (`home_lat`, `home_lon`) is measured from the residence to the host school (MODEL.md distance), not taken from the distance table; staff who may be sent there: {}",
        school_name(inst, host),
        named.join(", ")
    )
}

fn residents_action(inst: &Instance, host: SchoolId) -> String {
    let host = &inst.school(host).id;
    format!("give school {host} `lat` and `lon`, or clear `home_lat`/`home_lon` of these staff so that their school's distance to {host} is used")
}
