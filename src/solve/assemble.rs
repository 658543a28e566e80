//! From the settled column values to the result: the plan in roster order, the objective
//! by component, the slack of each broken rule in elastic mode, bound and gap.

use std::collections::HashMap;

use good_lp::{Solution, SolutionStatus, Variable};

use super::solved::{gap, Solved, Stats, Status};
use crate::instance::candidates::Candidate;
use crate::instance::plan::{Plan, Start};
use crate::instance::Instance;
use crate::model::Built;
use crate::rules::{Component, Label};

/// The result from the settled column values and the whole model's bound.
pub(super) fn assemble(
    inst: &Instance,
    cands: &[Candidate],
    built: &Built,
    values: &[f64],
    status: Status,
    bound: Option<f64>,
    stats: Stats,
) -> Solved {
    let vals = ColumnValues {
        cols: &built.cols,
        x: values,
    };
    let components = components(inst, built, &vals);
    let objective: f64 = components.iter().map(|(_, v)| v).sum();
    // A proven optimum bounds itself.
    let bound = bound.map(|b| {
        if status == Status::Optimal {
            b.min(objective)
        } else {
            b
        }
    });
    Solved {
        status,
        plan: plan(inst, cands, built, values),
        objective: Some(objective),
        bound,
        gap: bound.map(|b| gap(objective, b)),
        components,
        slack: slack(built, &vals),
        stats,
        message: None,
    }
}

/// The starts whose binary is 1.
fn plan(inst: &Instance, cands: &[Candidate], built: &Built, values: &[f64]) -> Plan {
    let mut plan = Plan::default();
    for (i, v) in built.x.iter().enumerate() {
        if values[built.cols[v]] == 1.0 {
            let cand = &cands[i];
            plan.starts.push(Start {
                person: cand.person,
                host: cand.host,
                year: cand.year,
            });
        }
    }
    plan.sorted(inst)
}

/// The weighted value of each objective component, constants included.
fn components(inst: &Instance, built: &Built, vals: &ColumnValues) -> Vec<(Component, f64)> {
    let mut components: Vec<(Component, f64)> = Component::ALL.iter().map(|&c| (c, 0.0)).collect();
    for (comp, expr, k) in &built.costs {
        let v = comp.weight(&inst.policy) * (expr.eval_with(vals) + k);
        if let Some(slot) = components.iter_mut().find(|(c, _)| c == comp) {
            slot.1 += v;
        }
    }
    components
}

/// Every rule row whose slack is positive, with the amount.
fn slack(built: &Built, vals: &ColumnValues) -> Vec<(Label, f64)> {
    built
        .slacks
        .iter()
        .map(|(v, l)| (*l, vals.value(*v)))
        .filter(|(_, a)| *a > 1e-6)
        .collect()
}

/// Column values seen as a good_lp solution, to evaluate the model's expressions.
struct ColumnValues<'a> {
    cols: &'a HashMap<Variable, usize>,
    x: &'a [f64],
}

impl Solution for ColumnValues<'_> {
    fn status(&self) -> SolutionStatus {
        SolutionStatus::Optimal
    }
    fn value(&self, v: Variable) -> f64 {
        self.cols.get(&v).map(|&c| self.x[c]).unwrap_or(0.0)
    }
}
