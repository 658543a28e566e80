//! `rotation validate` and `rotation check`: read, and audit a plan, without solving.

use rust_i18n::t;
use std::path::PathBuf;

use super::args::{load, reading_info, with_baseline, PolicyArgs};
use super::output::{input_failed, out, outln, render_warnings, EXIT_INFEASIBLE, EXIT_OK};
use crate::check::Report;
use crate::load::plan::{mismatches, read_plan_rows};
use crate::report;
use crate::rules::Component;
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
    /// Print {"ok", "objective", "violations", "warnings"} as JSON (and "slack_left_out",
    /// the slack of broken rules the objective leaves out, without --elastic).
    #[arg(long)]
    json: bool,
    /// A plan already published (roster.csv format): price every change from it
    /// (weights.change) and list them.
    #[arg(long, value_name = "ROSTER.csv")]
    baseline: Option<PathBuf>,
    /// Price broken rules as `solve --elastic` does (weights.slack per unit) in the
    /// objective; without it the objective is that of the hard model, slack left out.
    #[arg(long)]
    elastic: bool,
}

pub(crate) fn validate(a: ValidateArgs) -> i32 {
    let inst = match load(&a.scenario, &a.policy, Vec::new()) {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    let cands = crate::instance::candidates::generate(&inst);
    out!("{}", reading_info(&inst));
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
    // The plan's rows, not only its starts: a broken rule about a start names its line.
    let loaded = load(&a.scenario, &a.policy, Vec::new())
        .and_then(|i| with_baseline(i, a.baseline.as_deref()))
        .and_then(|i| read_plan_rows(&i, &a.roster).map(|(plan, rows)| (i, plan, rows)));
    let (inst, plan, rows) = match loaded {
        Ok(l) => l,
        Err(e) => return input_failed(&e),
    };
    let warnings = mismatches(&inst, &rows);
    let r = crate::check::check(&inst, &plan);
    let mut broken = BrokenRule::all(&inst, &r.violations, &[]);
    let file = a.roster.display().to_string();
    BrokenRule::add_plan_lines(&mut broken, &r.violations, &plan, &rows, &file);
    let baseline = r.baseline.as_ref().map(|d| baseline_in_words(&inst, d));
    let (objective, slack) = objective(&r, a.elastic);
    if a.json {
        let mut v = serde_json::json!({ "ok": r.ok, "objective": objective, "violations": broken });
        v["warnings"] = serde_json::json!(warnings);
        if !a.elastic {
            v["slack_left_out"] = serde_json::json!(slack);
        }
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
        outln!("{}", objective_line(objective, slack, a.elastic));
    }
    if r.ok {
        EXIT_OK
    } else {
        EXIT_INFEASIBLE
    }
}

/// The objective `check` gives and the slack term it leaves out. A plan is checked against
/// the hard model, where a broken rule has no price: the objective is its terms without
/// slack, unless `--elastic` asks for the elastic model's objective (slack included), the
/// one `solve --elastic` reports.
fn objective(r: &Report, elastic: bool) -> (f64, f64) {
    let slack: f64 = (r.components.iter())
        .filter(|(c, _)| *c == Component::Slack)
        .map(|(_, v)| v)
        .sum();
    if elastic {
        (r.objective, 0.0)
    } else {
        // The other terms summed again, in their order, rather than `objective - slack`,
        // so that a plan that breaks nothing gives the same figure to the bit.
        let rest = (r.components.iter())
            .filter(|(c, _)| *c != Component::Slack)
            .map(|(_, v)| v)
            .sum();
        (rest, slack)
    }
}

/// `objective 12.5`, and what it leaves out when rules are broken.
fn objective_line(objective: f64, slack: f64, elastic: bool) -> String {
    let value = format!("{objective:.6}");
    if elastic {
        t!("check.objective_elastic", value = value).into_owned()
    } else if slack > 0.0 {
        let slack = format!("{slack:.6}");
        t!("check.objective_hard", value = value, slack = slack).into_owned()
    } else {
        t!("check.objective", value = value).into_owned()
    }
}
