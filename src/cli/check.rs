//! `rotation validate` and `rotation check`: read, and audit a plan, without solving.

use rust_i18n::t;
use std::path::PathBuf;

use super::args::{load, load_plan, PolicyArgs};
use super::output::{input_failed, out, outln, render_warnings, EXIT_INFEASIBLE, EXIT_OK};
use crate::report;
use crate::summary::{baseline_in_words, BrokenRule};

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
    let (file, policy) = (a.scenario.display(), &inst.policy.name);
    outln!(
        "{}",
        t!(
            "tools.validate.valid",
            file = file,
            schools = inst.schools.len(),
            groups = inst.groups.len(),
            staff = inst.people.len(),
            subjects = inst.subjects.len(),
            policy = policy,
            starts = cands.len()
        )
    );
    EXIT_OK
}

pub(crate) fn run(a: Args) -> i32 {
    let loaded = load_plan(&a.scenario, &a.policy, a.baseline.as_deref(), &a.roster);
    let (inst, plan, warnings) = match loaded {
        Ok(l) => l,
        Err(e) => return input_failed(&e),
    };
    let r = crate::check::check(&inst, &plan);
    let broken = BrokenRule::all(&inst, &r.violations, &[]);
    let baseline = r.baseline.as_ref().map(|d| baseline_in_words(&inst, d));
    if a.json {
        let mut v =
            serde_json::json!({ "ok": r.ok, "objective": r.objective, "violations": broken });
        v["warnings"] = serde_json::json!(warnings);
        if let Some(d) = &baseline {
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
            out!("{}", report::render_violations(&broken));
        }
        if let Some(d) = &baseline {
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
