//! HR's pins: a pinned person starts exactly the pinned exchange, `x[pin] = 1`. A row that
//! is never relaxed, in elastic mode too (MODEL.md, elastic mode): HR decided.

use super::builder::{Builder, Sense};
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    for p in inst.person_ids() {
        let person = inst.person(p);
        let Some((host, year)) = person.pin else {
            continue;
        };
        let cands = m.cands;
        let pinned = |i: usize| cands[i].host == host && cands[i].year == year;
        let e = m.sum(m.starts_of(p), pinned);
        // Validation lets only pins that can hold through, so the triple has a variable;
        // were it missing, the label makes the run name the pin rather than drop it.
        let label = Label {
            rule: Rule::Pin,
            school: person.home,
            detail: Detail::None,
            year,
        };
        m.structural(e, Sense::Eq, 1.0, Some(label));
    }
}
