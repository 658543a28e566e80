//! HR's pins: every pinned person starts the pinned exchange (host and year). Like one start
//! per person it is never relaxed, so a break costs no slack; the plan is simply refused.

use super::audit::{At, Audit};
use super::shortfall::{Shortfall, StartAt};
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    for p in inst.person_ids() {
        let person = inst.person(p);
        let Some((host, year)) = person.pin else {
            continue;
        };
        let starts = &a.plan.starts;
        if starts
            .iter()
            .any(|st| st.person == p && st.host == host && st.year == year)
        {
            continue;
        }
        let instead: Vec<StartAt> = starts
            .iter()
            .filter(|st| st.person == p)
            .map(|st| StartAt {
                host: st.host,
                year: st.year,
            })
            .collect();
        let shortfall = Shortfall::Pin {
            person: p,
            host,
            year,
            instead,
        };
        a.broken(Rule::Pin, At::Pin(p)).short_by(1.0, shortfall);
    }
}
