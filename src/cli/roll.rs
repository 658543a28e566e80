//! `rotation roll`: next year's scenario from this year's and the plan carried out.

use std::path::PathBuf;

use super::args::{load, PolicyArgs};
use super::output::{input_failed, outln, write_failed, EXIT_OK};
use crate::load::plan::read_plan;
use crate::report::table;
use rust_i18n::t;

/// `roll` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// This year's scenario.
    scenario: PathBuf,
    /// The plan carried out (a roster in `solve`'s output format).
    #[arg(long, value_name = "ROSTER.csv")]
    plan: PathBuf,
    /// Folder for <name>-<year>.toml, its roster (-staff.xlsx when this year's roster is a
    /// workbook, -staff.csv otherwise) and the -retired.csv list.
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
        Err(e) => return write_failed(&a.out, &t!("tools.what.next_scenario"), e),
    };
    print_rolled(&inst.plan_year, &rolled);
    for w in written {
        outln!("{}", t!("solve.written", files = w.display()));
    }
    EXIT_OK
}

fn print_rolled(y0: &i32, r: &crate::roll::Rolled) {
    let s = &r.roster;
    outln!(
        "{}",
        t!(
            "tools.roll.rolled",
            y0 = y0,
            y1 = r.plan_year,
            staff = s.staff,
            started = s.started.len(),
            returned = s.returned.len(),
            dropped = s.dropped,
            retired = s.retired.len()
        )
    );
    if r.was_inline {
        outln!("{}", t!("tools.roll.inline_now_file"));
    }
    if let Some((from, to)) = &r.converted {
        outln!("{}", t!("roll.converted", from = from, to = to));
    }
    if s.retired.is_empty() {
        return;
    }
    outln!("{}", t!("tools.roll.leaving", year = r.plan_year));
    let header = [
        t!("tools.roll.col.id"),
        t!("tools.roll.col.name"),
        t!("tools.roll.col.school"),
        t!("tools.roll.col.retire_year"),
    ]
    .map(|c| c.into_owned());
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
    super::output::out!("{}", table(&header, &rows));
}
