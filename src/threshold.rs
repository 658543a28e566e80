//! `rotation threshold`: where a policy breaks. Bisection on one numeric key between two
//! values, each probe an exact solve, until the value where the instance turns infeasible
//! (or feasible) is known within the tolerance; then the rules the infeasible side breaks,
//! with their causes (the people or schools at the boundary), from the elastic diagnosis.

use std::path::Path;

use serde::Serialize;

use crate::error::InputError;
use crate::instance::Instance;
use crate::run::{self, RunOptions};
use crate::solve::Status;
use crate::summary::BrokenRule;

/// What one probe found.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Probe {
    /// The key's value.
    pub value: f64,
    /// Whether the instance has a plan there (optimal or feasible).
    pub feasible: bool,
    /// The plan's objective, when it has one.
    pub objective: Option<f64>,
    /// The plan's starts, when it has one.
    pub moves: Option<usize>,
    /// The plan's km of commute over its starts, when it has one.
    pub distance_km: Option<f64>,
}

/// A figure of a plan the search can watch instead of feasibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Figure {
    /// The objective.
    Objective,
    /// The starts.
    Moves,
    /// The km of commute over the starts.
    DistanceKm,
}

impl Probe {
    /// The value of `figure` here, when there is a plan.
    pub fn figure(&self, figure: Figure) -> Option<f64> {
        match figure {
            Figure::Objective => self.objective,
            Figure::Moves => self.moves.map(|n| n as f64),
            Figure::DistanceKm => self.distance_km,
        }
    }

    /// Which side of the boundary the probe is on: whether it has a plan, and, when a
    /// `figure` is watched, whether that plan's figure is at most the limit.
    pub fn side(&self, watch: Option<(Figure, f64)>) -> bool {
        match watch {
            None => self.feasible,
            Some((f, limit)) => self.figure(f).is_some_and(|v| v <= limit),
        }
    }
}

/// The boundary found.
#[derive(Debug, Clone, Serialize)]
pub struct Threshold {
    /// Every probe, in the order made.
    pub probes: Vec<Probe>,
    /// The last value on the side of `from` and the first on the side of `to` (within the
    /// tolerance); `None` when both ends are on the same side (no change in the range).
    pub boundary: Option<(Probe, Probe)>,
    /// The rules the infeasible side of the boundary breaks, with their causes.
    pub broken: Vec<BrokenRule>,
}

/// What to search.
pub struct Search<'a> {
    /// Scenario file.
    pub scenario: &'a Path,
    /// Policy file, if not the scenario's.
    pub policy: Option<&'a Path>,
    /// `--set` changes on every probe.
    pub sets: &'a [(String, String)],
    /// The key searched (`policy.max_distance_km`).
    pub key: &'a str,
    /// The end searched from.
    pub from: f64,
    /// The end searched to.
    pub to: f64,
    /// The width of the final interval.
    pub tolerance: f64,
    /// A figure and its limit: the boundary is where the plan's figure crosses the limit
    /// (or the plan goes), instead of where the plan goes.
    pub watch: Option<(Figure, f64)>,
    /// The key takes whole numbers only: probes at whole numbers, to within 1.
    pub whole: bool,
}

/// The instance with the key at `value`.
fn instance_at(s: &Search, value: f64) -> Result<Instance, InputError> {
    let mut sets = s.sets.to_vec();
    sets.push((s.key.to_string(), value.to_string()));
    crate::load::instance(s.scenario, s.policy, &sets)
}

/// Why a search stopped before it found the boundary.
#[derive(Debug)]
pub enum Stopped {
    /// The scenario, policy or a value of the key is wrong.
    Input(InputError),
    /// A probe ended with neither a plan nor a proof that there is none (its time limit,
    /// an interrupt, a solver failure): the side of its value is unknown. Its value.
    Undecided(f64),
}

impl From<InputError> for Stopped {
    fn from(e: InputError) -> Self {
        Stopped::Input(e)
    }
}

/// Solves the instance with the key at `value`.
fn probe(s: &Search, value: f64) -> Result<(Probe, Instance), Stopped> {
    let inst = instance_at(s, value)?;
    let o = run::run(&inst, &RunOptions::default());
    // Infeasible is a side; no plan in time (or an interrupt) is no side at all.
    if !matches!(
        o.solved.status,
        Status::Optimal | Status::Feasible | Status::Infeasible
    ) {
        return Err(Stopped::Undecided(value));
    }
    let feasible = o.solved.status.has_plan();
    let objective = o.solved.objective.filter(|_| feasible);
    let audit = o.audit.as_ref().filter(|_| feasible);
    Ok((
        Probe {
            value,
            feasible,
            objective,
            moves: audit.map(|r| r.distances_km.len()),
            distance_km: audit.map(|r| r.distances_km.iter().sum()),
        },
        inst,
    ))
}

/// Bisects between `from` and `to`: the feasibility of the two ends, then of midpoints,
/// until the two sides are within the tolerance. Assumes one change of side in the range
/// (a cap that only loosens or tightens the rules); the probes are all reported.
pub fn search(s: &Search, each: &dyn Fn(&Probe)) -> Result<Threshold, Stopped> {
    let mut probes = Vec::new();
    let mut looked = |value: f64| -> Result<(Probe, Instance), Stopped> {
        let (p, inst) = probe(s, value)?;
        each(&p);
        probes.push(p);
        Ok((p, inst))
    };
    let side = |p: &Probe| p.side(s.watch);
    let (mut a, _) = looked(s.from)?;
    let (mut b, _) = looked(s.to)?;
    if side(&a) == side(&b) {
        return Ok(Threshold {
            probes,
            boundary: None,
            broken: Vec::new(),
        });
    }
    // A key of whole numbers (`policy.max_net_change`) is probed at whole numbers only.
    let tolerance = if s.whole {
        s.tolerance.max(1.0)
    } else {
        s.tolerance
    };
    while (b.value - a.value).abs() > tolerance {
        let mid = (a.value + b.value) / 2.0;
        let mid = if s.whole { mid.floor() } else { mid };
        // Two floats side by side: no value between them to probe.
        if mid == a.value || mid == b.value {
            break;
        }
        let (m, _) = looked(mid)?;
        if side(&m) == side(&a) {
            a = m;
        } else {
            b = m;
        }
    }
    // What breaks where there is no plan (a figure crossing its limit breaks no rule).
    let infeasible = [a, b].into_iter().find(|p| !p.feasible);
    let broken = match infeasible {
        Some(p) => {
            let inst = instance_at(s, p.value)?;
            let d = run::diagnose(&inst);
            BrokenRule::all(&inst, d.broken(), &d.causes)
        }
        None => Vec::new(),
    };
    Ok(Threshold {
        probes,
        boundary: Some((a, b)),
        broken,
    })
}
