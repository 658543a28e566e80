//! `rotation report`: the page of any plan (a hand-made one too), audited by the checker.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use super::args::{load_plan, notice_sets, PolicyArgs};
use super::output::{
    input_failed, out, outln, render_warnings_no_json, write_failed, EXIT_INFEASIBLE, EXIT_OK,
};
use crate::report::{self, html};
use crate::summary::Summary;
use crate::write::{folder_of, write_atomically};

/// `report` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    scenario: PathBuf,
    /// The plan roster (roster.csv format, English or Chinese headers).
    #[arg(long, value_name = "ROSTER.csv")]
    plan: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Folder for report.html (default: the plan's own folder).
    #[arg(long)]
    out: Option<PathBuf>,
    /// A plan already published (roster.csv format): the page lists the changes from it.
    #[arg(long, value_name = "ROSTER.csv")]
    baseline: Option<PathBuf>,
    /// Working days the list of the plan year's starts is posted (公示期; same as
    /// --set notice.days=N).
    #[arg(long, value_name = "N")]
    notice_days: Option<u32>,
}

pub(crate) fn run(a: Args) -> i32 {
    let sets = notice_sets(a.notice_days);
    let loaded = load_plan(&a.scenario, &a.policy, a.baseline.as_deref(), &a.plan, sets);
    let (inst, plan, warnings) = match loaded {
        Ok(l) => l,
        Err(e) => return input_failed(&e),
    };
    out!("{}", render_warnings_no_json(&warnings, &a.plan));
    let checked = crate::check::check(&inst, &plan);
    let summary = Summary::of_checked(&inst, &plan, &checked);
    let file = a.plan.display().to_string();
    let page = html::plan_report(&inst, &plan, &summary, html::Origin::PlanFile(&file));
    let dir = a.out.clone().unwrap_or_else(|| folder_of(&a.plan));
    let name = page_name(&dir, &a.plan);
    if let Err(e) = write_atomically(&dir, &[(&name, page.into_bytes())], &[]) {
        return write_failed(&dir, &name, e);
    }
    let written = dir.join(&name).display().to_string();
    let n = plan.starts.len();
    outln!("{}", t!("tools.report.written", file = written, n = n));
    if checked.ok {
        return EXIT_OK;
    }
    outln!("{}", t!("check.broken", n = checked.violations.len()));
    out!("{}", report::render_violations(&summary.violations));
    EXIT_INFEASIBLE
}

/// `report.html`, unless `dir` holds a `solve`'s sealed files: its `report.html` belongs to
/// that run (`summary.json` names its checksum), so the page is named after the plan file.
fn page_name(dir: &Path, plan: &Path) -> String {
    if !dir.join("summary.json").exists() {
        return report::REPORT_FILE.to_string();
    }
    let stem = plan
        .file_stem()
        .map_or("plan".into(), |s| s.to_string_lossy());
    let name = format!("{stem}.{}", report::REPORT_FILE);
    let file = dir.join(&name).display().to_string();
    outln!(
        "{}",
        t!("tools.report.beside_run", dir = dir.display(), file = file)
    );
    name
}
