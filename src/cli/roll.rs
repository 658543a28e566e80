//! `rotation roll`: next year's scenario from this year's and the plan carried out.

use std::path::PathBuf;

use super::{input_failed, load, outln, write_failed, PolicyArgs, EXIT_OK};
use crate::input::plan::read_plan;
use crate::report::table;

/// `roll` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// This year's scenario.
    scenario: PathBuf,
    /// The plan carried out (a roster in `solve`'s output format).
    #[arg(long, value_name = "ROSTER.csv")]
    plan: PathBuf,
    /// Folder for <name>-<year>.toml, its -staff.csv and the -retired.csv list.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The policy gives `term_years` (when exchanges under way end); the new scenario keeps
    /// the scenario's own `policy`.
    #[command(flatten)]
    policy: PolicyArgs,
}

pub(crate) fn run(a: Args) -> i32 {
    let inst = match load(&a.scenario, &a.policy, Vec::new()) {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    let plan = match read_plan(&inst, &a.plan) {
        Ok(p) => p,
        Err(e) => return input_failed(&e),
    };
    let rolled = match crate::roll::prepare(&a.scenario, &inst, &plan, &a.plan, &a.out) {
        Ok(r) => r,
        Err(e) => return input_failed(&e),
    };
    let written = match crate::roll::write(&a.out, &rolled) {
        Ok(w) => w,
        Err(e) => return write_failed(&a.out, "next year's scenario", e),
    };
    print_rolled(&inst.plan_year, &rolled);
    for w in written {
        outln!("written: {}", w.display());
    }
    EXIT_OK
}

fn print_rolled(y0: &i32, r: &crate::roll::Rolled) {
    let s = &r.roster;
    outln!(
        "rolled {y0} → {}: {} staff; {} start(s) of {y0} now under way, {} exchange(s) over (back home in {}, years_at_school 0), {} later or void start(s) dropped (plan them again), {} retiring",
        r.plan_year,
        s.staff,
        s.started.len(),
        s.returned.len(),
        r.plan_year,
        s.dropped,
        s.retired.len()
    );
    if r.was_inline {
        outln!("the inline [[staff]] tables are now a roster file, named by `staff` in the new scenario");
    }
    if s.retired.is_empty() {
        return;
    }
    outln!("leaving the roster (retire_year ≤ {}):", r.plan_year);
    let header = ["id", "name", "school", "retire_year"].map(String::from);
    let rows: Vec<Vec<String>> = s
        .retired
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                p.name.clone(),
                p.school.clone(),
                p.retire_year.to_string(),
            ]
        })
        .collect();
    super::out!("{}", table(&header, &rows));
}
