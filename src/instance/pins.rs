//! Whether each pin (HR's `assign_host`/`assign_year`) can hold, once the whole instance is
//! known: a year of the horizon, another school than home, not an avoided host, and a
//! candidate that year (MODEL.md candidacy 1–6). A pin that cannot hold is an input error
//! rather than an infeasible model: HR should read which condition it fails, not a slack.

use super::candidates::{self, Unmet};
use super::ids::PersonId;
use super::problem::Instance;
use crate::error::Diagnostics;
use crate::input::records::Src;
use rust_i18n::t;

/// Reports every pin of `inst` that cannot hold; `src[i]` is where person `i`'s row is.
pub(super) fn check(inst: &Instance, src: &[Src], d: &mut Diagnostics) {
    for (p, at) in inst.person_ids().zip(src) {
        if let Some((host, year)) = inst.person(p).pin {
            one(inst, p, host, year, at, d);
        }
    }
}

fn one(
    inst: &Instance,
    p: PersonId,
    host: super::ids::SchoolId,
    year: i32,
    at: &Src,
    d: &mut Diagnostics,
) {
    let person = inst.person(p);
    let (id, host_id) = (&person.id, &inst.school(host).id);
    let mut push = |code: &'static str, cause: String, action: String| {
        d.push(code, &at.file, Some(at.line), cause, action);
    };
    let years = inst.years();
    if !years.contains(&year) {
        let last = years.end - 1;
        push(
            "E1035",
            t!(
                "instance.pin_year_outside",
                year = year,
                id = id,
                first = years.start,
                last = last
            )
            .into_owned(),
            t!("instance.pin_year_outside_fix").into_owned(),
        );
        return; // candidacy is only defined for planned years
    }
    let pin = t!("instance.pin", id = id, host = host_id, year = year);
    if host == person.home {
        push(
            "E1033",
            t!("instance.pin_home", pin = pin, host = host_id).into_owned(),
            t!("instance.pin_home_fix").into_owned(),
        );
    }
    if person.avoid.contains(&host) {
        push(
            "E1033",
            t!("instance.pin_avoided", pin = pin, host = host_id).into_owned(),
            t!("instance.pin_avoided_fix").into_owned(),
        );
    }
    for why in candidates::unmet(inst, p, year) {
        push(
            "E1033",
            t!(
                "instance.pin_not_candidate",
                pin = pin,
                year = year,
                why = why
            )
            .into_owned(),
            action(why),
        );
    }
}

/// What HR can do about a pin that fails a candidacy condition.
fn action(why: Unmet) -> String {
    match why {
        Unmet::Post => t!("instance.pin_fix.post"),
        Unmet::Exempt => t!("instance.pin_fix.exempt"),
        Unmet::YearsAtSchool { .. } => t!("instance.pin_fix.years_at_school"),
        Unmet::Retirement { .. } => t!("instance.pin_fix.retirement"),
        Unmet::Away => t!("instance.pin_fix.away"),
        Unmet::Cooldown { .. } => t!("instance.pin_fix.cooldown"),
    }
    .into_owned()
}
