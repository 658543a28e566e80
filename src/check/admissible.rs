//! Admissible starts (checker only): each start's person is a candidate in its year, the
//! year is in the horizon, the host is not one the person avoids, and it is in scope and
//! within commuting distance unless HR pinned the person to it that year. The model never
//! breaks this rule: it only has variables for admissible starts.

use super::audit::{At, Audit};
use super::candidacy::why_not_admissible;
use super::shortfall::Shortfall;
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    for (i, st) in a.plan.starts.iter().enumerate() {
        if a.first[st.person.ix()] != Some(i) {
            continue; // a second start breaks the one-start rule instead
        }
        let p = inst.person(st.person);
        let why = why_not_admissible(inst, p, st.host, st.year);
        if !why.is_empty() {
            let shortfall = Shortfall::Admissible {
                person: st.person,
                host: st.host,
                year: st.year,
                why,
            };
            a.broken(Rule::Admissible, At::Start(i))
                .short_by(1.0, shortfall);
        }
    }
}
