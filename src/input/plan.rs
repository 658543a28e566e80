//! A plan roster read back: the output format of `solve`, or a plan made by hand.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Diagnostics, InputError};
use crate::input::records;
use crate::instance::{Instance, PersonId};
use crate::plan::{Plan, Start};

/// Reads a plan roster (SCENARIO.md output format; only `person_id`, `host_school` and
/// `start_year` are needed, so a hand-made plan works too).
pub fn read_plan(inst: &Instance, path: &Path) -> Result<Plan, InputError> {
    let mut diags = Diagnostics::default();
    let people: HashMap<&str, PersonId> = inst
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), PersonId(i as u32)))
        .collect();
    let mut plan = Plan::default();
    records::read_csv(
        path,
        &["person_id", "host_school", "start_year"],
        &mut diags,
        |cells, diags| {
            let line = Some(cells.src.line);
            let get = |k: &str| {
                (cells.get)(k)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let person = get("person_id");
            let host = get("host_school");
            let year = get("start_year");
            let (Some(person), Some(host), Some(year)) = (person, host, year) else {
                diags.push(
                    "E1032",
                    path,
                    line,
                    "the row lacks person_id, host_school or start_year",
                    "fill in all three",
                );
                return;
            };
            let Some(&p) = people.get(person.as_str()) else {
                diags.push(
                    "E1031",
                    path,
                    line,
                    format!("person `{person}` is not in the scenario's roster"),
                    "correct the id, or check the plan against the scenario it was made for",
                );
                return;
            };
            let Some(h) = inst.school_by_id(&host) else {
                diags.push(
                    "E1032",
                    path,
                    line,
                    format!("host school `{host}` is not in the scenario"),
                    "correct the school id",
                );
                return;
            };
            let Ok(y) = year.parse::<i32>() else {
                diags.push(
                    "E1012",
                    path,
                    line,
                    format!("start_year `{year}` is not a whole number"),
                    "write a school year such as 2027",
                );
                return;
            };
            plan.starts.push(Start {
                person: p,
                host: h,
                year: y,
            });
        },
    );
    diags.into_result(plan)
}
