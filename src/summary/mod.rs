//! The figures of one run, computed once: `summary.json` is this struct, the terminal summary
//! renders it section by section ([`crate::report`]), and `compare` takes its columns from it.
//! `broken_rule.rs` puts the checker's findings in words.

mod broken_rule;
mod kpi;

pub use broken_rule::{baseline_in_words, shortfall_words, BrokenRule};
pub use kpi::{Figures, GroupKpi, Kpi, Ratio, SchoolKpi, YearRatio};

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::check::{BaselineDiff, Flow, Report, SchoolYear};
use crate::domain::{Post, Role};
use crate::error::Notice;
use crate::input::policy::Policy;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::rules::cause::Cause;
use crate::run::Outcome;
use crate::solve::{Solved, Stats, Status};

/// `summary.json` (SCENARIO.md: status, objective, bound, gap, violations, and the counts
/// behind every rule per school and year).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The scenario's name.
    pub scenario: String,
    /// The policy's name.
    pub policy: String,
    /// The first school year planned.
    pub plan_year: i32,
    /// The planned school years.
    pub years: Vec<i32>,
    /// Whether hard rules were relaxed (elastic mode).
    pub elastic: bool,
    /// `optimal`, `feasible`, `infeasible` or `error` (SCENARIO.md's statuses).
    pub status: &'static str,
    /// Runs without a plan: `no_plan_in_time` or `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// The solve was interrupted (Ctrl-C, a scheduler's SIGTERM) and ended as at a time
    /// limit: the plan is the best found by then, with its bound and gap. Written only when
    /// true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
    /// MODEL.md objective of the written plan.
    pub objective: Option<f64>,
    /// The best bound on the objective the solver proved.
    pub bound: Option<f64>,
    /// Relative gap between objective and bound.
    pub gap: Option<f64>,
    /// Infeasible runs only: the objective of the cheapest relaxation (`null` when the
    /// elastic model has no plan either).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elastic_objective: Option<Option<f64>>,
    /// Weighted value of each objective component, by its key.
    pub components: BTreeMap<&'static str, f64>,
    /// Broken hard rules (elastic mode, or the diagnosis of an infeasible run).
    pub violations: Vec<BrokenRule>,
    /// New starts.
    pub moves: Moves,
    /// Commute of the new starts.
    pub distance_km: Commute,
    /// Coverage margins (学科配齐) over every school, subject and year.
    pub coverage: CoverageMargins,
    /// Per school, the counts of every year.
    pub schools: Vec<SchoolSummary>,
    /// Core → trusteed flows and their returns.
    pub flows: Vec<Flow>,
    /// The figures the bureau reports (README.md), for the county, each group and school;
    /// `null` without a checked plan.
    pub kpi: Option<Kpi>,
    /// HR's pins (`assign_host`), each with whether the plan keeps it.
    pub pins: Vec<PinKept>,
    /// With `--baseline`: the plan's starts kept, dropped, added and moved against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineDiff>,
    /// Model size and times.
    pub stats: Stats,
    /// The solver's message when there is no plan.
    pub message: Option<String>,
    /// What produced these figures (set by the command that writes them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Every policy value the run used.
    pub policy_values: Policy,
    /// What reading the input said aloud (columns read and unread, rows skipped, distances
    /// estimated), as `validate` prints it.
    pub input_notices: Vec<Notice>,
    /// Every school pair a start may use whose distance the table lacks, with the km
    /// estimated from coordinates (docs/COLUMNS.md).
    pub estimated_km: Vec<EstimatedKm>,
    /// The files written with this `summary.json`, each with its size and SHA-256: a reader
    /// can tell that the roster beside it is this run's. `summary.json` is written last,
    /// after the old one is removed, so a folder holding it holds all of these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<OutputFile>,
}

/// A school pair whose distance was estimated from coordinates, the table lacking it.
#[derive(Debug, Clone, Serialize)]
pub struct EstimatedKm {
    /// One school's id.
    pub from: String,
    /// The other's.
    pub to: String,
    /// Straight-line km × `detour_factor`, as the model used it.
    pub km: f64,
}

impl EstimatedKm {
    /// The instance's estimated pairs.
    fn of(inst: &Instance) -> Vec<EstimatedKm> {
        inst.estimated_km
            .iter()
            .map(|&(a, b)| EstimatedKm {
                from: inst.school(a).id.clone(),
                to: inst.school(b).id.clone(),
                km: inst.school_km(a, b).unwrap_or(0.0) * inst.policy.detour_factor,
            })
            .collect()
    }
}

/// What produced a run's figures, for whoever reads them later: the tool and its version,
/// the command line, and every input file read with its SHA-256.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// `rotation x.y.z`.
    pub tool: String,
    /// The command line, word by word.
    pub command: Vec<String>,
    /// Every input file read (scenario, roster, distances, policy, baseline).
    pub inputs: Vec<crate::load::InputFile>,
}

impl Provenance {
    /// This tool and its version, as every output names it: `rotation x.y.z`.
    pub fn tool() -> String {
        format!("rotation {}", env!("CARGO_PKG_VERSION"))
    }

    /// The provenance of a run of `scenario` under `policy` (or its own) and `baseline`,
    /// started by this process's command line.
    pub fn of(scenario: &Path, policy: Option<&Path>, baseline: Option<&Path>) -> Provenance {
        Provenance {
            tool: Provenance::tool(),
            command: std::env::args().collect(),
            inputs: crate::load::input_files(scenario, policy, baseline),
        }
    }
}

/// One file written beside `summary.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputFile {
    /// The file's name in the output folder.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
}

impl OutputFile {
    /// The record of `bytes` written as `name`.
    pub fn of(name: &str, bytes: &[u8]) -> Self {
        OutputFile {
            name: name.to_string(),
            bytes: bytes.len() as u64,
            sha256: crate::write::sha256_hex(bytes),
        }
    }
}

/// How many start, and of them how many backbone teachers and cadres.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Moves {
    /// All new starts.
    pub total: usize,
    /// Starts of backbone teachers.
    pub backbone: usize,
    /// Starts of cadres.
    pub cadre: usize,
    /// Starts in the plan year: binding (拟交流), to be carried out.
    pub binding: usize,
    /// Starts of later horizon years: tentative (暂定), planned again next year.
    pub tentative: usize,
}

/// One-way commute km of the new starts.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Commute {
    /// Starts counted: those with a known commute (one without breaks `admissible`).
    pub moves: usize,
    /// Sum of km.
    pub total: f64,
    /// Mean km (0 without starts).
    pub mean: f64,
    /// Longest km (0 without starts).
    pub max: f64,
}

/// Margins of the coverage rule, present − minimum.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoverageMargins {
    /// School-subject-years with a minimum.
    pub checked: usize,
    /// Of them, those exactly at the minimum.
    pub at_min: usize,
    /// The smallest margin, when any is checked.
    pub smallest_margin: Option<i64>,
    /// The three tightest school-subject-years.
    pub tightest: Vec<Tight>,
}

/// One school-subject-year of the coverage rule.
#[derive(Debug, Clone, Serialize)]
pub struct Tight {
    /// School id.
    pub school: String,
    /// Subject.
    pub subject: String,
    /// School year.
    pub year: i32,
    /// Staff of the subject present.
    pub present: u32,
    /// The school's minimum.
    pub min: u32,
}

/// One pin (HR decision on a single person) and whether the plan keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct PinKept {
    /// The person's id.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// Home school id.
    pub home: String,
    /// The pinned host's id.
    pub host: String,
    /// The pinned start year.
    pub year: i32,
    /// Whether the plan has this start.
    pub kept: bool,
}

impl PinKept {
    /// Every pin of `inst`, in roster order, against `plan`.
    pub fn of(inst: &Instance, plan: &Plan) -> Vec<PinKept> {
        inst.person_ids()
            .filter_map(|p| {
                let person = inst.person(p);
                let (host, year) = person.pin?;
                let kept = (plan.starts.iter())
                    .any(|st| st.person == p && st.host == host && st.year == year);
                Some(PinKept {
                    person: person.id.clone(),
                    name: person.name.clone(),
                    home: inst.school(person.home).id.clone(),
                    host: inst.school(host).id.clone(),
                    year,
                    kept,
                })
            })
            .collect()
    }
}

/// One school with its counts year by year.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolSummary {
    /// School id.
    pub id: String,
    /// School name.
    pub name: String,
    /// Group id, if the school is in a group.
    pub group: Option<String>,
    /// Role in its group.
    pub role: Option<Role>,
    /// The counts behind every rule, per planned year.
    pub years: Vec<SchoolYear>,
}

impl Summary {
    /// The summary of a run. Infeasible: the counts and broken rules of the elastic
    /// diagnosis, with no objective. No plan in time or a failure: status `error` and a
    /// `reason` that tells the two apart.
    pub fn new(inst: &Instance, o: &Outcome) -> Summary {
        let s = &o.solved;
        match s.status {
            Status::Optimal | Status::Feasible => {
                Summary::of_plan(inst, s, o.audit.as_ref(), &o.causes, o.elastic)
            }
            Status::Infeasible => {
                let d = o.diagnosis.as_ref();
                let relaxed = d.map_or(s, |d| &d.relaxed);
                let report = d.and_then(|d| d.report.as_ref());
                let causes = d.map_or(&[][..], |d| &d.causes[..]);
                let mut sum = Summary::of_plan(inst, relaxed, report, causes, false);
                sum.status = Status::Infeasible.as_str();
                sum.elastic_objective = Some(relaxed.objective);
                // The model proven infeasible, not its elastic re-solve, is the run's model.
                sum.stats = s.stats.clone();
                sum.message = s.message.clone();
                sum.objective = None;
                sum.bound = None;
                sum.gap = None;
                sum
            }
            Status::NoPlanInTime | Status::Error => {
                let mut sum = Summary::of_plan(inst, s, None, &[], o.elastic);
                sum.status = Status::Error.as_str();
                sum.reason = Some(s.status.as_str());
                // A plan the checker refused is no result: none of its figures go out.
                sum.objective = None;
                sum.bound = None;
                sum.gap = None;
                sum.components.clear();
                sum.moves = Moves::default();
                sum
            }
        }
    }

    /// The summary of a plan read from a file and audited by the checker (`rotation
    /// report`): status `feasible` when it keeps every rule, else `infeasible` with the
    /// rules it breaks; the checker's objective either way; no bound, no model.
    pub fn of_checked(inst: &Instance, plan: &Plan, r: &Report) -> Summary {
        let status = if r.ok {
            Status::Feasible
        } else {
            Status::Infeasible
        };
        let checked = Solved {
            status,
            plan: plan.clone(),
            objective: Some(r.objective),
            bound: None,
            gap: None,
            components: r.components.clone(),
            slack: Vec::new(),
            stats: Stats::default(),
            message: None,
        };
        Summary::of_plan(inst, &checked, Some(r), &[], false)
    }

    /// The summary of a solver result and its audit (`None`: no counts), with the causes
    /// of the audit's violations when a diagnosis found them.
    fn of_plan(
        inst: &Instance,
        s: &Solved,
        report: Option<&Report>,
        causes: &[Option<Cause>],
        elastic: bool,
    ) -> Summary {
        let distances = report.map_or(&[][..], |r| &r.distances_km[..]);
        Summary {
            scenario: inst.name.clone(),
            policy: inst.policy.name.clone(),
            plan_year: inst.plan_year,
            years: inst.years().collect(),
            elastic,
            status: s.status.as_str(),
            reason: None,
            objective: s.objective,
            bound: s.bound,
            gap: s.gap,
            elastic_objective: None,
            components: s.components.iter().map(|(c, v)| (c.key(), *v)).collect(),
            violations: report
                .map_or_else(Vec::new, |r| BrokenRule::all(inst, &r.violations, causes)),
            moves: Moves::of(inst, &s.plan),
            distance_km: Commute::of(distances),
            coverage: report.map(CoverageMargins::of).unwrap_or_default(),
            schools: schools(inst, report),
            flows: report.map(|r| r.flows.clone()).unwrap_or_default(),
            kpi: report.map(|r| Kpi::of(inst, &s.plan, r)),
            pins: PinKept::of(inst, &s.plan),
            baseline: report.and_then(|r| r.baseline.as_ref().map(|d| baseline_in_words(inst, d))),
            stats: s.stats.clone(),
            interrupted: s.stats.interrupted,
            message: s.message.clone(),
            provenance: None,
            policy_values: inst.policy.clone(),
            input_notices: inst.notices.clone(),
            estimated_km: EstimatedKm::of(inst),
            files: Vec::new(),
        }
    }

    /// Whether the run gave a plan (proven optimal, or the best found in time).
    pub fn has_plan(&self) -> bool {
        self.status == Status::Optimal.as_str() || self.status == Status::Feasible.as_str()
    }

    /// The school-years of every school, in school order.
    pub fn school_years(&self) -> impl Iterator<Item = &SchoolYear> {
        self.schools.iter().flat_map(|s| s.years.iter())
    }

    /// `summary.json`'s bytes. Through a JSON value, so keys come in one sorted order.
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec_pretty(&serde_json::to_value(self)?)
    }
}

impl Moves {
    fn of(inst: &Instance, plan: &Plan) -> Moves {
        let people = plan.starts.iter().map(|s| inst.person(s.person));
        Moves {
            total: plan.starts.len(),
            backbone: people.clone().filter(|p| p.backbone).count(),
            cadre: people.filter(|p| p.post == Post::Cadre).count(),
            binding: plan
                .starts
                .iter()
                .filter(|s| inst.is_binding(s.year))
                .count(),
            tentative: plan
                .starts
                .iter()
                .filter(|s| !inst.is_binding(s.year))
                .count(),
        }
    }
}

impl Commute {
    fn of(d: &[f64]) -> Commute {
        let total: f64 = d.iter().sum();
        Commute {
            moves: d.len(),
            total,
            mean: if d.is_empty() {
                0.0
            } else {
                total / d.len() as f64
            },
            max: d.iter().cloned().fold(0.0, f64::max),
        }
    }
}

impl CoverageMargins {
    fn of(r: &Report) -> CoverageMargins {
        let mut all: Vec<(i64, Tight)> = r
            .school_years
            .iter()
            .flat_map(|sy| {
                sy.coverage.iter().map(move |c| {
                    let t = Tight {
                        school: sy.school.clone(),
                        subject: c.subject.clone(),
                        year: sy.year,
                        present: c.present,
                        min: c.min,
                    };
                    (c.present as i64 - c.min as i64, t)
                })
            })
            .collect();
        // Tightest first; ties in the order the school names and subjects read.
        all.sort_by(|(a, x), (b, y)| {
            a.cmp(b)
                .then_with(|| (&x.school, &x.subject, x.year).cmp(&(&y.school, &y.subject, y.year)))
        });
        CoverageMargins {
            checked: all.len(),
            at_min: all.iter().filter(|(m, _)| *m == 0).count(),
            smallest_margin: all.first().map(|(m, _)| *m),
            tightest: all.into_iter().take(3).map(|(_, t)| t).collect(),
        }
    }
}

fn schools(inst: &Instance, report: Option<&Report>) -> Vec<SchoolSummary> {
    let index: HashMap<&str, usize> = (inst.schools.iter().enumerate())
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut years: Vec<Vec<SchoolYear>> = vec![Vec::new(); inst.schools.len()];
    for sy in report.map_or(&[][..], |r| &r.school_years[..]) {
        if let Some(&i) = index.get(sy.school.as_str()) {
            years[i].push(sy.clone());
        }
    }
    inst.schools
        .iter()
        .zip(years)
        .map(|(s, years)| SchoolSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            group: s.group.map(|g| inst.groups[g.ix()].id.clone()),
            role: s.role,
            years,
        })
        .collect()
}
