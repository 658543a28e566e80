//! HR's pins: every pinned person starts the pinned exchange (host and year). Like one start
//! per person it is never relaxed, so a break costs no slack; the plan is simply refused.

use super::audit::{At, Audit};
use crate::rules::Rule;
use rust_i18n::t;

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
        let instead: Vec<String> = starts
            .iter()
            .filter(|st| st.person == p)
            .map(|st| {
                t!(
                    "check.v.pin_start",
                    host = inst.school(st.host).id,
                    year = st.year
                )
                .into_owned()
            })
            .collect();
        let instead = if instead.is_empty() {
            t!("check.v.pin_no_start").into_owned()
        } else {
            instead.join(", ")
        };
        let host = &inst.school(host).id;
        let message = t!(
            "check.v.pin",
            id = person.id,
            host = host,
            year = year,
            instead = instead
        )
        .into_owned();
        a.broken(Rule::Pin, At::Pin(p)).short_by(1.0, message);
    }
}
