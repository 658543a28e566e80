//! One run of the tool on an instance, as `solve`, `compare` and `bench` all make it: build
//! and solve the model, audit the plan with the independent checker, and for an infeasible
//! instance re-solve in elastic mode to name what breaks.

use crate::causes;
use crate::check::{self, Report, Violation};
use crate::instance::Instance;
use crate::model::BuildOptions;
use crate::rules::cause::Cause;
use crate::rules::Rule;
use crate::solve::{deadline, solve_by, Progress, Solved, Status};
use rust_i18n::t;
use std::time::Instant;

/// How to run.
pub struct RunOptions<'a> {
    /// Relax every hard rule at `weights.slack` per unit (MODEL.md elastic mode).
    pub elastic: bool,
    /// Rule families left out (tests and experiments; the CLI never drops any). The checker
    /// still audits every rule, so the solver and checker are only compared without these.
    pub without: Vec<Rule>,
    /// Re-solve an infeasible instance in elastic mode to name the broken rules.
    pub diagnose: bool,
    /// Called as each independent block of the model is solved.
    pub progress: Option<Progress<'a>>,
    /// When the run's clock started: `solver.time_limit_s` counts from there, for the solve
    /// and any elastic re-solve together. `None`: when [`run`] is called.
    pub started: Option<Instant>,
}

impl Default for RunOptions<'_> {
    fn default() -> Self {
        RunOptions {
            elastic: false,
            without: Vec::new(),
            diagnose: true,
            progress: None,
            started: None,
        }
    }
}

/// Why a scenario is infeasible: the cheapest relaxation (elastic mode) and the checker's
/// account of the rules its plan breaks.
pub struct Diagnosis {
    /// The elastic model's solution.
    pub relaxed: Solved,
    /// The checker's audit of the elastic plan, when there is one.
    pub report: Option<Report>,
    /// The cause of each of its violations, when a simple fact explains it.
    pub causes: Vec<Option<Cause>>,
}

impl Diagnosis {
    /// The broken rules with amounts; empty if the elastic model has no plan either.
    pub fn broken(&self) -> &[Violation] {
        self.report.as_ref().map_or(&[], |r| &r.violations)
    }
}

/// Re-solves `inst` in elastic mode to name what breaks.
pub fn diagnose(inst: &Instance) -> Diagnosis {
    diagnose_by(
        inst,
        deadline(Instant::now(), inst.policy.solver.time_limit_s),
    )
}

/// [`diagnose`] within what is left of a run's time limit (`solve::deadline`).
pub fn diagnose_by(inst: &Instance, by: Option<Instant>) -> Diagnosis {
    let elastic = BuildOptions {
        elastic: true,
        ..Default::default()
    };
    let relaxed = solve_by(inst, &elastic, by, &|_| {});
    let report = relaxed
        .status
        .has_plan()
        .then(|| check::check(inst, &relaxed.plan));
    let causes = report
        .as_ref()
        .map_or_else(Vec::new, |r| causes::of(inst, &r.violations));
    Diagnosis {
        relaxed,
        report,
        causes,
    }
}

/// Everything one run found.
pub struct Outcome {
    /// The solver's result. Its status is [`Status::Error`] when the checker disagrees with
    /// the solver: such a plan is never a result.
    pub solved: Solved,
    /// The checker's audit of the solver's plan, when there is one.
    pub audit: Option<Report>,
    /// In elastic mode, the cause of each violation of the audit, when a simple fact
    /// explains it (empty otherwise).
    pub causes: Vec<Option<Cause>>,
    /// For an infeasible instance (when asked for): the elastic diagnosis.
    pub diagnosis: Option<Diagnosis>,
    /// Whether the run was in elastic mode.
    pub elastic: bool,
}

impl Outcome {
    /// The run's status.
    pub fn status(&self) -> Status {
        self.solved.status
    }

    /// The rules an infeasible instance's cheapest relaxation breaks; empty otherwise.
    pub fn broken(&self) -> &[Violation] {
        self.diagnosis.as_ref().map_or(&[], |d| d.broken())
    }
}

/// Solves `inst`, audits the plan with the checker, and diagnoses an infeasible instance.
pub fn run(inst: &Instance, opts: &RunOptions) -> Outcome {
    let build = BuildOptions {
        elastic: opts.elastic,
        without: opts.without.clone(),
        ..Default::default()
    };
    let started = opts.started.unwrap_or_else(Instant::now);
    let by = deadline(started, inst.policy.solver.time_limit_s);
    let solved = solve_by(inst, &build, by, opts.progress.unwrap_or(&|_| {}));
    let mut out = Outcome {
        solved,
        audit: None,
        causes: Vec::new(),
        diagnosis: None,
        elastic: opts.elastic,
    };
    if out.solved.status.has_plan() {
        let report = check::check(inst, &out.solved.plan);
        if opts.elastic {
            out.causes = causes::of(inst, &report.violations);
        }
        if opts.without.is_empty() {
            if let Some(why) = disagreement(&out.solved, &report, opts.elastic) {
                out.solved.status = Status::Error;
                out.solved.message = Some(why);
            }
        }
        out.audit = Some(report);
    } else if out.solved.status == Status::Infeasible && opts.diagnose {
        out.diagnosis = Some(diagnose_by(inst, by));
    }
    out
}

/// The model and the checker are written apart from the same spec; where they disagree on a
/// plan, one of them is wrong, and the plan must not go out as a result.
fn disagreement(solved: &Solved, report: &Report, elastic: bool) -> Option<String> {
    if !elastic && !report.ok {
        return Some(t!("tools.internal.breaks", n = report.violations.len()).into_owned());
    }
    let obj = solved.objective.unwrap_or(f64::NAN);
    if !close(report.objective, obj) {
        let theirs = report.objective;
        return Some(t!("tools.internal.objective", ours = obj, theirs = theirs).into_owned());
    }
    // Term by term too: two wrong terms could cancel out in the total.
    for (c, v) in &solved.components {
        let theirs = report
            .components
            .iter()
            .find(|(k, _)| k == c)
            .map(|(_, x)| *x);
        if !theirs.is_some_and(|x| close(x, *v)) {
            let theirs =
                theirs.map_or(t!("tools.internal.nothing").into_owned(), |x| x.to_string());
            let term = c.key();
            return Some(
                t!(
                    "tools.internal.term",
                    term = term,
                    ours = v,
                    theirs = theirs
                )
                .into_owned(),
            );
        }
    }
    None
}

/// Equal within the tolerance the tests hold the solver to; a NaN on either side is not.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + b.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::Stats;

    fn solved(objective: f64) -> Solved {
        Solved {
            status: Status::Optimal,
            plan: Default::default(),
            objective: Some(objective),
            bound: Some(objective),
            gap: Some(0.0),
            components: Vec::new(),
            slack: Vec::new(),
            stats: Stats::default(),
            message: None,
        }
    }

    fn report(ok: bool, objective: f64) -> Report {
        Report {
            ok,
            objective,
            components: Vec::new(),
            violations: Vec::new(),
            school_years: Vec::new(),
            flows: Vec::new(),
            distances_km: Vec::new(),
            baseline: None,
        }
    }

    #[test]
    fn agreeing_solver_and_checker_pass() {
        assert_eq!(
            disagreement(&solved(100.0), &report(true, 100.0 + 1e-9), false),
            None
        );
    }

    #[test]
    fn a_broken_rule_in_hard_mode_is_an_internal_error() {
        let why = disagreement(&solved(100.0), &report(false, 100.0), false).unwrap();
        assert!(why.contains("internal error"), "{why}");
        // Elastic plans may break rules: only the objective must agree.
        assert_eq!(
            disagreement(&solved(100.0), &report(false, 100.0), true),
            None
        );
    }

    #[test]
    fn a_term_valued_apart_is_an_internal_error_even_when_totals_agree() {
        use crate::rules::Component;
        let mut s = solved(100.0);
        s.components = vec![(Component::DistanceKm, 60.0), (Component::Overdue, 40.0)];
        let mut r = report(true, 100.0);
        r.components = vec![(Component::DistanceKm, 50.0), (Component::Overdue, 50.0)];
        let why = disagreement(&s, &r, false).unwrap();
        assert!(why.contains("distance_km"), "{why}");
        r.components = s.components.clone();
        assert_eq!(disagreement(&s, &r, false), None);
    }

    #[test]
    fn another_objective_is_an_internal_error() {
        let why = disagreement(&solved(100.0), &report(true, 100.5), true).unwrap();
        assert!(why.contains("100.5"), "{why}");
        assert!(disagreement(&solved(f64::NAN), &report(true, 1.0), false).is_some());
    }
}
