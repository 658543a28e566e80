//! Who moves differently in a variant than in the first one, matched by person id.

use std::collections::BTreeSet;

use serde::Serialize;

use super::result::VariantResult;

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

/// Who moves in one plan and not the other, and who goes elsewhere; matched by person id,
/// so variants of different scenario files compare too.
pub fn diff(first: &VariantResult, other: &VariantResult) -> Vec<PersonDiff> {
    let (a, b) = (&first.starts, &other.starts);
    let ids: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let (x, y) = (a.get(id), b.get(id));
        let change = match (x, y) {
            (Some(x), Some(y)) if x.at == y.at => continue,
            // `host@year`: the year never holds '@', so the last one splits it.
            (Some(x), Some(y))
                if x.at.rsplit_once('@').map(|h| h.0) == y.at.rsplit_once('@').map(|h| h.0) =>
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
            .map(|s| (s.name.clone(), s.home_school.clone()))
            .unwrap_or_default();
        out.push(PersonDiff {
            variant: other.variant.label.clone(),
            person_id: id.clone(),
            name,
            home_school: home,
            first: x.map(|s| s.at.clone()).unwrap_or_default(),
            this: y.map(|s| s.at.clone()).unwrap_or_default(),
            change,
        });
    }
    out
}
