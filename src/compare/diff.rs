//! Who moves differently in a variant than in the first one, matched by person id.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::solve_all::SolvedVariant;

/// How one person's plan differs between the first variant and another.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDiff {
    /// The variant compared with the first.
    pub variant: String,
    /// Person id.
    pub person_id: String,
    /// Person name.
    pub name: String,
    /// Home school id.
    pub home_school: String,
    /// `host@year` in the first variant, empty if the person stays.
    pub first: String,
    /// `host@year` in this variant, empty if the person stays.
    pub this: String,
    /// `only-first`, `only-this`, `elsewhere` (another host) or `other-year` (same host,
    /// another start year).
    pub change: &'static str,
}

fn moves_by_person(o: &SolvedVariant) -> BTreeMap<String, (String, String, String)> {
    let Some(plan) = o.plan() else {
        return BTreeMap::new();
    };
    plan.starts
        .iter()
        .map(|s| {
            let p = o.inst.person(s.person);
            (
                p.id.clone(),
                (
                    p.name.clone(),
                    o.inst.school(p.home).id.clone(),
                    format!("{}@{}", o.inst.school(s.host).id, s.year),
                ),
            )
        })
        .collect()
}

/// Who moves in one plan and not the other, and who goes elsewhere; matched by person id,
/// so variants of different scenario files compare too.
pub fn diff(first: &SolvedVariant, other: &SolvedVariant) -> Vec<PersonDiff> {
    let a = moves_by_person(first);
    let b = moves_by_person(other);
    let ids: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let (x, y) = (a.get(id), b.get(id));
        let change = match (x, y) {
            (Some(x), Some(y)) if x.2 == y.2 => continue,
            // `host@year`: the year never holds '@', so the last one splits it.
            (Some(x), Some(y))
                if x.2.rsplit_once('@').map(|h| h.0) == y.2.rsplit_once('@').map(|h| h.0) =>
            {
                "other-year"
            }
            (Some(_), Some(_)) => "elsewhere",
            (Some(_), None) => "only-first",
            (None, Some(_)) => "only-this",
            (None, None) => continue,
        };
        let (name, home) = x
            .or(y)
            .map(|(n, h, _)| (n.clone(), h.clone()))
            .unwrap_or_default();
        out.push(PersonDiff {
            variant: other.variant.label.clone(),
            person_id: id.clone(),
            name,
            home_school: home,
            first: x.map(|t| t.2.clone()).unwrap_or_default(),
            this: y.map(|t| t.2.clone()).unwrap_or_default(),
            change,
        });
    }
    out
}
