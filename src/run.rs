//! One run of the tool on an instance, as `solve`, `compare` and `bench` all make it: build
//! and solve the model, audit the plan with the independent checker, and for an infeasible
//! instance re-solve in elastic mode to name what breaks.

use crate::check::{self, Report, Violation};
use crate::instance::Instance;
use crate::model::BuildOptions;
use crate::solve::{solve, Solved};

/// Why a scenario is infeasible: the cheapest relaxation (elastic mode) and the checker's
/// account of the rules its plan breaks.
pub struct Diagnosis {
    pub relaxed: Solved,
    pub report: Option<Report>,
}

impl Diagnosis {
    /// The broken rules with amounts; empty if the elastic model has no plan either.
    pub fn broken(&self) -> &[Violation] {
        self.report.as_ref().map_or(&[], |r| &r.violations)
    }
}

/// Re-solves `inst` in elastic mode to name what breaks.
pub fn diagnose(inst: &Instance) -> Diagnosis {
    let relaxed = solve(
        inst,
        &BuildOptions {
            elastic: true,
            ..Default::default()
        },
    );
    let report = relaxed
        .status
        .has_plan()
        .then(|| check::check(inst, &relaxed.plan));
    Diagnosis { relaxed, report }
}
