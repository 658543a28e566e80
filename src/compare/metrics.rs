//! The figures of each variant that HR compares (one CSV row each), and the weights that
//! differ between variants, which make their objectives incomparable.

use serde::{Deserialize, Serialize};

use super::solve_all::SolvedVariant;
use super::spread::Spread;
use crate::rules::Component;
use crate::summary::Summary;

/// The figures of one variant that HR compares, one CSV row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Metrics {
    /// The variant's label.
    pub variant: String,
    /// Scenario name.
    pub scenario: String,
    /// Policy name.
    pub policy: String,
    /// Status of the run (`no_plan_in_time` told apart from `error`).
    pub status: String,
    /// Objective of the plan.
    pub objective: Option<f64>,
    /// Weighted distance term.
    pub distance_km: Option<f64>,
    /// Weighted preference term.
    pub preference_rank: Option<f64>,
    /// Weighted promotion reward (negative).
    pub promotion: Option<f64>,
    /// Weighted overdue term.
    pub overdue: Option<f64>,
    /// Weighted equity term.
    pub equity: Option<f64>,
    /// Weighted slack (elastic runs).
    pub slack: Option<f64>,
    /// New starts.
    pub moves: Option<usize>,
    /// Starts of backbone teachers.
    pub moves_backbone: Option<usize>,
    /// Starts of cadres.
    pub moves_cadre: Option<usize>,
    /// Σ new starts out of quota schools, and Σ of what the quota asks.
    pub quota_sent: Option<u32>,
    /// What the quota asks, summed.
    pub quota_need: Option<u32>,
    /// Σ cadre/backbone starts core → trusteed, Σ of the minimum, Σ starts back.
    pub flow_sent: Option<u32>,
    /// The flow minimum, summed.
    pub flow_min: Option<u32>,
    /// Starts member → core, summed.
    pub flow_back: Option<u32>,
    /// Smallest (present − minimum) over school-subject-years, and how many are at zero.
    pub coverage_slack: Option<i64>,
    /// School-subject-years exactly at the minimum.
    pub coverage_at_min: Option<usize>,
    /// Mean one-way km of the starts.
    pub commute_mean_km: Option<f64>,
    /// Longest one-way km.
    pub commute_max_km: Option<f64>,
    /// Schools that send or receive anyone.
    pub schools_touched: Option<usize>,
    /// Rules the cheapest relaxation breaks: 0 with a plan, none when neither a plan nor
    /// a diagnosis says (no plan in time, or the elastic model failed too).
    pub broken_rules: Option<usize>,
    /// An infeasible variant: each rule its cheapest relaxation breaks, in words, `; `
    /// between them (empty otherwise).
    #[serde(default)]
    pub broken: String,
    /// An infeasible variant: starts of its cheapest relaxation (the relaxed plan, which
    /// breaks those rules: no plan to carry out).
    #[serde(default)]
    pub relaxed_moves: Option<usize>,
    /// An infeasible variant: km of its relaxed plan's starts.
    #[serde(default)]
    pub relaxed_distance_km: Option<f64>,
    /// Model columns.
    pub variables: usize,
    /// Model rows.
    pub rows: usize,
    /// Independent blocks.
    pub blocks: usize,
    /// Time to build the model (the median of the repeats).
    pub build_ms: f64,
    /// Time HiGHS took (the median of the repeats).
    pub solve_ms: f64,
    /// The least and most build time of the repeats.
    #[serde(default)]
    pub min_build_ms: f64,
    #[serde(default)]
    /// The most build time of the repeats.
    pub max_build_ms: f64,
    /// The least HiGHS time of the repeats.
    #[serde(default)]
    pub min_solve_ms: f64,
    /// The most HiGHS time of the repeats.
    #[serde(default)]
    pub max_solve_ms: f64,
    /// Runs the times are over (`--repeat`).
    #[serde(default)]
    pub repeats: usize,
    /// Variants solved at once (each on its own core; times of variants solved side by side
    /// share the machine).
    #[serde(default)]
    pub jobs: usize,
    /// Relative gap to the proven bound.
    pub gap: Option<f64>,
    /// False when the variants' weights differ: objectives are then not comparable. Set by
    /// [`metrics`](super::metrics()), which sees every variant; [`Metrics::of`] alone leaves it true.
    pub objective_comparable: bool,
    /// This variant's values of the weights that differ between variants, as
    /// `distance_km=2; equity=10`; empty when all weights agree.
    pub differing_weights: String,
}

impl Metrics {
    /// The figures of one variant, all from its summary; a variant without a plan shows
    /// none of the plan's figures.
    pub fn of(o: &SolvedVariant) -> Metrics {
        let s = &o.summary;
        let has_plan = s.has_plan();
        let (build, solve) = (Spread::of(&o.build_ms), Spread::of(&o.solve_ms));
        let comp = |c: Component| s.components.get(c.key()).copied().filter(|_| has_plan);
        let mut m = Metrics {
            variant: o.variant.label.clone(),
            scenario: s.scenario.clone(),
            policy: s.policy.clone(),
            status: s.reason.unwrap_or(s.status).to_string(),
            objective: s.objective.filter(|_| has_plan),
            distance_km: comp(Component::DistanceKm),
            preference_rank: comp(Component::PreferenceRank),
            promotion: comp(Component::Promotion),
            overdue: comp(Component::Overdue),
            equity: comp(Component::Equity),
            slack: comp(Component::Slack),
            moves: None,
            moves_backbone: None,
            moves_cadre: None,
            quota_sent: None,
            quota_need: None,
            flow_sent: None,
            flow_min: None,
            flow_back: None,
            coverage_slack: None,
            coverage_at_min: None,
            commute_mean_km: None,
            commute_max_km: None,
            schools_touched: None,
            broken_rules: broken_rules(o, has_plan),
            broken: (o.broken_rules().iter())
                .map(|b| b.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            relaxed_moves: relaxed(o).map(|r| r.distances_km.len()),
            relaxed_distance_km: relaxed(o).map(|r| r.distances_km.iter().sum()),
            variables: s.stats.variables,
            rows: s.stats.rows,
            blocks: s.stats.blocks,
            build_ms: build.median,
            solve_ms: solve.median,
            min_build_ms: build.min,
            max_build_ms: build.max,
            min_solve_ms: solve.min,
            max_solve_ms: solve.max,
            repeats: o.solve_ms.len(),
            jobs: o.jobs,
            gap: s.gap.filter(|_| has_plan),
            objective_comparable: true,
            differing_weights: String::new(),
        };
        if has_plan {
            m.add_plan_figures(s);
        }
        m
    }

    fn add_plan_figures(&mut self, s: &Summary) {
        self.moves = Some(s.moves.total);
        self.moves_backbone = Some(s.moves.backbone);
        self.moves_cadre = Some(s.moves.cadre);
        let (mut sent, mut need) = (0, 0);
        for sy in s.school_years() {
            if let Some(n) = sy.quota_need {
                need += n;
                sent += sy.new_out;
            }
        }
        (self.quota_sent, self.quota_need) = (Some(sent), Some(need));
        let touched = s
            .schools
            .iter()
            .filter(|sc| sc.years.iter().any(|sy| sy.new_out > 0 || sy.new_in > 0))
            .count();
        self.schools_touched = Some(touched);
        let (mut sent, mut min, mut back) = (0, 0, 0);
        for f in &s.flows {
            (sent, min, back) = (sent + f.sent, min + f.min, back + f.back);
        }
        (self.flow_sent, self.flow_min, self.flow_back) = (Some(sent), Some(min), Some(back));
        self.coverage_slack = s.coverage.smallest_margin;
        self.coverage_at_min = Some(s.coverage.at_min);
        if s.distance_km.moves > 0 {
            self.commute_mean_km = Some(s.distance_km.mean);
            self.commute_max_km = Some(s.distance_km.max);
        }
    }
}

/// A plan breaks no rule; without one, only an elastic diagnosis that found a relaxed plan
/// can count the broken rules.
/// The audit of an infeasible variant's relaxed plan, when the diagnosis found one.
fn relaxed(o: &SolvedVariant) -> Option<&crate::check::Report> {
    o.diagnosis.as_ref().and_then(|d| d.report.as_ref())
}

fn broken_rules(o: &SolvedVariant, has_plan: bool) -> Option<usize> {
    if has_plan {
        return Some(0);
    }
    let diagnosed = o.diagnosis.as_ref().is_some_and(|d| d.report.is_some());
    diagnosed.then(|| o.broken().len())
}
