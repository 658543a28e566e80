//! `rotation explain`: why each named person of a plan goes or stays, and what the plan
//! would cost otherwise.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rust_i18n::t;

use super::args::{load, with_baseline, PolicyArgs};
use super::output::{input_failed, outln, EXIT_OK};
use crate::error::{Diagnostics, InputError};
use crate::explain::{self, Explainer};
use crate::instance::{Instance, PersonId};
use crate::load::plan::read_plan;

/// `explain` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    scenario: PathBuf,
    /// The plan roster (roster.csv of `solve`, or a plan made by hand).
    #[arg(long, value_name = "ROSTER.csv")]
    plan: PathBuf,
    /// People to explain, by id or by name.
    persons: Vec<String>,
    /// Explain every person of the roster.
    #[arg(long)]
    all: bool,
    /// Print the explanations as JSON.
    #[arg(long)]
    json: bool,
    /// With --all, re-solve for every person too (one block solve each: minutes on a
    /// county); named people always get their re-solve.
    #[arg(long)]
    counterfactual: bool,
    /// HR's analysis instead of the answer to the person: the objective term by term and
    /// the other people a re-plan would move.
    #[arg(long)]
    detail: bool,
    /// The plan published before this one, if the plan was made against it.
    #[arg(long, value_name = "ROSTER.csv")]
    baseline: Option<PathBuf>,
    #[command(flatten)]
    policy: PolicyArgs,
}

pub(crate) fn run(a: Args) -> i32 {
    // With the baseline the plan was made against, the plan is valued as `solve` valued it:
    // without it a re-planned roster looks dearer than a fresh plan that ignores it.
    let loaded = load(&a.scenario, &a.policy, Vec::new())
        .and_then(|i| with_baseline(i, a.baseline.as_deref()));
    let inst = match loaded {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    // Every problem at once: the people named and the plan.
    let (people, plan) = match (people(&inst, &a), read_plan(&inst, &a.plan)) {
        (Ok(people), Ok(plan)) => (people, plan),
        (a, b) => {
            let errs = [a.err(), b.err()].into_iter().flatten();
            return input_failed(&InputError(errs.flat_map(|e| e.0).collect()));
        }
    };
    let ex = Explainer::new(&inst, &plan);
    let resolve = !a.all || a.counterfactual;
    let all: Vec<_> = people.par_iter().map(|&p| ex.explain(p, resolve)).collect();
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        return EXIT_OK;
    }
    if a.all && a.detail {
        let objective = format!("{:.3}", ex.report().objective);
        let (n, policy) = (all.len(), &inst.policy.name);
        outln!(
            "{}\n",
            t!(
                "explain.all_header",
                n = n,
                policy = policy,
                objective = objective
            )
        );
    }
    if a.all && !a.detail {
        let (n, policy) = (all.len(), &inst.policy.name);
        outln!("{}\n", t!("explain.all_plain", n = n, policy = policy));
    }
    for e in &all {
        let text = if a.detail {
            explain::render(&inst, e)
        } else {
            explain::answer(&inst, e)
        };
        outln!("{}\n", text);
    }
    EXIT_OK
}

/// The people named on the command line (or everyone with `--all`); every word that names
/// nobody, or several people, is reported at once.
fn people(inst: &Instance, a: &Args) -> Result<Vec<PersonId>, InputError> {
    if a.all {
        return Ok(inst.person_ids().collect());
    }
    let mut d = Diagnostics::default();
    let mut out = Vec::new();
    let at = Path::new("explain");
    if a.persons.is_empty() {
        d.push(
            "E1041",
            at,
            None,
            t!("explain.ask.none"),
            t!("explain.ask.none_fix"),
        );
    }
    for w in &a.persons {
        match explain::find(inst, w)[..] {
            [p] => out.push(p),
            [] => d.push(
                "E1041",
                at,
                None,
                t!("explain.ask.unknown", who = w),
                t!("explain.ask.unknown_fix"),
            ),
            ref many => {
                let ids: Vec<&str> = many.iter().map(|&p| inst.person(p).id.as_str()).collect();
                d.push(
                    "E1041",
                    at,
                    None,
                    t!(
                        "explain.ask.ambiguous",
                        who = w,
                        n = many.len(),
                        ids = ids.join(", ")
                    ),
                    t!("explain.ask.ambiguous_fix"),
                );
            }
        }
    }
    d.into_result(out)
}
