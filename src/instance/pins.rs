//! Whether each pin (HR's `assign_host`/`assign_year`) can hold, once the whole instance is
//! known: a year of the horizon, another school than home, not an avoided host, and a
//! candidate that year (MODEL.md candidacy 1–6). A pin that cannot hold is an input error
//! rather than an infeasible model: HR should read which condition it fails, not a slack.

use super::{Instance, PersonId};
use crate::candidates::{self, Unmet};
use crate::error::Diagnostics;
use crate::input::records::Src;

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
    host: super::SchoolId,
    year: i32,
    at: &Src,
    d: &mut Diagnostics,
) {
    let person = inst.person(p);
    let (id, host_id) = (&person.id, &inst.school(host).id);
    let mut push = |code: &'static str, cause: String, action: &str| {
        d.push(code, &at.file, Some(at.line), cause, action);
    };
    let years = inst.years();
    if !years.contains(&year) {
        let last = years.end - 1;
        push(
            "E1035",
            format!(
                "`assign_year` = {year} of `{id}` is outside the horizon {}–{last}",
                years.start
            ),
            "give a year of the horizon, or leave `assign_year` empty for the plan year",
        );
        return; // candidacy is only defined for planned years
    }
    let pin = format!("the pin of `{id}` (`assign_host` = {host_id}, year {year}) cannot hold");
    if host == person.home {
        push(
            "E1033",
            format!("{pin}: {host_id} is the person's home school"),
            "pin the person to another school, or clear `assign_host`",
        );
    }
    if person.avoid.contains(&host) {
        push(
            "E1033",
            format!("{pin}: {host_id} is also in `avoid_hosts`"),
            "remove the host from `avoid_hosts`, or pin the person elsewhere",
        );
    }
    for why in candidates::unmet(inst, p, year) {
        push(
            "E1033",
            format!("{pin}: not a candidate in {year} ({why})"),
            action(why),
        );
    }
}

/// What HR can do about a pin that fails a candidacy condition.
fn action(why: Unmet) -> &'static str {
    match why {
        Unmet::Post => "clear the pin, or set policy.include_principals = true",
        Unmet::Exempt => "an exempt person starts no exchange: clear `exempt` or the pin",
        Unmet::YearsAtSchool { .. } => {
            "pin a later year, or check `years_at_school` and policy.min_years_at_school"
        }
        Unmet::Retirement { .. } => {
            "clear the pin, or check `retire_year` and policy.retirement_buffer_years"
        }
        Unmet::Away => "pin a year after the exchange under way ends, or clear the pin",
        Unmet::Cooldown { .. } => {
            "pin a year after the cooldown, or check `last_return_year` and policy.cooldown_years"
        }
    }
}
