//! `rotation validate` and `rotation check`: read, and audit a plan, without solving.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use super::{input_failed, load, out, outln, with_baseline, PolicyArgs, EXIT_INFEASIBLE, EXIT_OK};
use crate::error::InputError;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::load::plan::{mismatches, read_plan_rows, Mismatch, PlanField};
use crate::report;

/// `validate` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct ValidateArgs {
    scenario: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
}

/// `check` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    scenario: PathBuf,
    roster: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Print {"ok", "objective", "violations", "warnings"} as JSON.
    #[arg(long)]
    json: bool,
    /// A plan already published (roster.csv format): price every change from it
    /// (weights.change) and list them.
    #[arg(long, value_name = "ROSTER.csv")]
    baseline: Option<PathBuf>,
}

pub(crate) fn validate(a: ValidateArgs) -> i32 {
    let inst = match load(&a.scenario, &a.policy, Vec::new()) {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    let cands = crate::instance::candidates::generate(&inst);
    outln!(
        "{}: valid. {} schools in {} groups, {} staff, {} subjects; policy `{}`; {} admissible starts.",
        a.scenario.display(),
        inst.schools.len(),
        inst.groups.len(),
        inst.people.len(),
        inst.subjects.len(),
        inst.policy.name,
        cands.len()
    );
    EXIT_OK
}

/// A plan roster read against its scenario (with the `--baseline`, if any), and where its
/// names and posts differ from the scenario's roster: what `check` and `report` start from.
pub(crate) fn load_plan(
    scenario: &Path,
    policy: &PolicyArgs,
    baseline: Option<&Path>,
    roster: &Path,
) -> Result<(Instance, Plan, Vec<Mismatch>), InputError> {
    let inst = load(scenario, policy, Vec::new()).and_then(|i| with_baseline(i, baseline))?;
    let (plan, rows) = read_plan_rows(&inst, roster)?;
    let warnings = mismatches(&inst, &rows);
    Ok((inst, plan, warnings))
}

pub(crate) fn run(a: Args) -> i32 {
    let loaded = load_plan(&a.scenario, &a.policy, a.baseline.as_deref(), &a.roster);
    let (inst, plan, warnings) = match loaded {
        Ok(l) => l,
        Err(e) => return input_failed(&e),
    };
    let r = crate::check::check(&inst, &plan);
    if a.json {
        let mut v =
            serde_json::json!({ "ok": r.ok, "objective": r.objective, "violations": r.violations });
        v["warnings"] = serde_json::json!(warnings);
        if let Some(d) = &r.baseline {
            v["baseline"] = serde_json::json!(d);
        }
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        out!("{}", render_warnings(&warnings, &a.roster));
        let (n, policy) = (plan.starts.len(), &inst.policy.name);
        outln!("{}", t!("check.checked", n = n, policy = policy));
        if r.ok {
            outln!("{}", t!("check.ok"));
        } else {
            outln!("{}", t!("check.broken", n = r.violations.len()));
            out!("{}", report::render_violations(&r.violations));
        }
        if let Some(d) = &r.baseline {
            out!("{}", report::render_baseline(d, inst.policy.weights.change));
        }
        outln!(
            "{}",
            t!("check.objective", value = format!("{:.6}", r.objective))
        );
    }
    if r.ok {
        EXIT_OK
    } else {
        EXIT_INFEASIBLE
    }
}

/// The warnings shown in the text of `check`; the rest are counted (`--json` has them all).
const WARNINGS_SHOWN: usize = 20;

/// The plan's differences from the scenario's roster, one line each, the first
/// [`WARNINGS_SHOWN`] and then how many more; empty when there are none.
pub(crate) fn render_warnings(warnings: &[Mismatch], file: &std::path::Path) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let file = file.display().to_string();
    let mut s = String::new();
    for w in warnings.iter().take(WARNINGS_SHOWN) {
        let (id, plan, line) = (&w.person, &w.plan, w.line);
        let line = match w.field {
            PlanField::Name => t!(
                "plan.warn.name",
                id = id,
                plan = plan,
                roster = w.roster,
                line = line,
                file = file
            ),
            PlanField::Post => {
                let post = crate::input::columns::parse_post(&w.roster);
                let roster = post.map(report::workbook::post_word).unwrap_or_default();
                t!(
                    "plan.warn.post",
                    id = id,
                    plan = plan,
                    roster = roster,
                    line = line,
                    file = file
                )
            }
            PlanField::HomeSchool => t!(
                "plan.warn.home_school",
                id = id,
                plan = plan,
                roster = w.roster,
                line = line,
                file = file
            ),
        };
        s += &format!("{line}\n");
    }
    if warnings.len() > WARNINGS_SHOWN {
        s += &format!(
            "{}\n",
            t!("plan.warn.more", n = warnings.len() - WARNINGS_SHOWN)
        );
    }
    s + &format!("{}\n", t!("plan.warn.note"))
}
