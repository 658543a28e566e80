//! What-if comparison: several variants (scenarios × policies, plus `--set` changes) solved
//! side by side, with the figures HR compares and the plan differences against the first.

use rust_i18n::t;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::InputError;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::report;
use crate::rules::Component;
use crate::run::{self, RunOptions};
use crate::summary::Summary;

/// One what-if: a scenario, a policy file (or the scenario's own) and key changes.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// Name in tables and folders.
    pub label: String,
    /// Scenario file.
    pub scenario: PathBuf,
    /// Policy file; `None` for the scenario's own.
    pub policy: Option<PathBuf>,
    /// `--set` changes on top of the policy.
    pub sets: Vec<(String, String)>,
}

/// Splits `a=1,b=[x, y]` at the commas outside brackets and quotes.
pub fn split_changes(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut cur) = (0i32, None::<char>, String::new());
    for ch in s.chars() {
        match (ch, quote) {
            ('"' | '\'', None) => quote = Some(ch),
            (c, Some(q)) if c == q => quote = None,
            ('[' | '{', None) => depth += 1,
            (']' | '}', None) => depth -= 1,
            (',', None) if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// The variants of a `compare` call: every scenario under every policy (or its own), then
/// one more per `--set` group, which changes the first variant.
pub fn variants(
    scenarios: &[PathBuf],
    policies: &[PathBuf],
    set_groups: &[Vec<(String, String)>],
) -> Vec<Variant> {
    let mut out = Vec::new();
    for s in scenarios {
        let pols: Vec<Option<&PathBuf>> = if policies.is_empty() {
            vec![None]
        } else {
            policies.iter().map(Some).collect()
        };
        for p in pols {
            let label = match (scenarios.len() > 1, p) {
                (true, Some(p)) => format!("{}/{}", report::file_label(s), report::file_label(p)),
                (_, None) => report::file_label(s),
                (false, Some(p)) => report::file_label(p),
            };
            out.push(Variant {
                label,
                scenario: s.clone(),
                policy: p.cloned(),
                sets: Vec::new(),
            });
        }
    }
    if let Some(first) = out.first().cloned() {
        for sets in set_groups {
            let change: Vec<String> = sets.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push(Variant {
                label: format!("{} + {}", first.label, change.join(", ")),
                sets: sets.clone(),
                ..first.clone()
            });
        }
    }
    out
}

/// Loads every variant, each with its own changes and then `common` (e.g. a time limit for
/// all); all input problems come back together, each named by its variant.
pub fn load_all(
    variants: &[Variant],
    common: &[(String, String)],
) -> Result<Vec<Instance>, Vec<(String, InputError)>> {
    let mut insts = Vec::new();
    let mut errors = Vec::new();
    for v in variants {
        let sets: Vec<(String, String)> = v.sets.iter().chain(common).cloned().collect();
        match crate::load::instance(&v.scenario, v.policy.as_deref(), &sets) {
            Ok(i) => insts.push(i),
            Err(e) => errors.push((v.label.clone(), e)),
        }
    }
    if errors.is_empty() {
        Ok(insts)
    } else {
        Err(errors)
    }
}

/// A solved variant: its run and the summary of it.
pub struct Outcome {
    /// The what-if.
    pub variant: Variant,
    /// Its instance.
    pub inst: Instance,
    /// The run: plan, audit, and for an infeasible variant the elastic diagnosis.
    pub run: run::Outcome,
    /// The run's figures, as `summary.json` holds them.
    pub summary: Summary,
    /// Wall time of the run.
    pub wall_ms: f64,
}

/// A variant's outcome is its run's outcome with a name: `o.solved`, `o.audit` read through.
impl std::ops::Deref for Outcome {
    type Target = run::Outcome;
    fn deref(&self) -> &run::Outcome {
        &self.run
    }
}

impl Outcome {
    /// The variant's plan, when it has one to compare.
    pub fn plan(&self) -> Option<&Plan> {
        self.summary.has_plan().then_some(&self.run.solved.plan)
    }
}

fn solve_one(variant: Variant, inst: Instance) -> Outcome {
    let t = Instant::now();
    let run = run::run(&inst, &RunOptions::default());
    let summary = Summary::new(&inst, &run);
    Outcome {
        variant,
        inst,
        run,
        summary,
        wall_ms: t.elapsed().as_secs_f64() * 1e3,
    }
}

/// Solves every variant, `jobs` at a time (0: one per core). When several run at once each
/// HiGHS gets one thread, so the cores go to variants and results do not depend on `jobs`.
/// `done` is called as each variant finishes (for progress lines).
pub fn solve_all(
    variants: Vec<Variant>,
    mut insts: Vec<Instance>,
    jobs: usize,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let workers = if jobs == 0 {
        rayon::current_num_threads()
    } else {
        jobs
    };
    // The pool's workers take variants and their blocks alike; HiGHS itself stays on one
    // thread so that the cores go to the pool.
    if workers > 1 && insts.len() > 1 {
        for i in &mut insts {
            i.policy.solver.threads = 1;
        }
    }
    let work: Vec<(Variant, Instance)> = variants.into_iter().zip(insts).collect();
    let run = |work: Vec<(Variant, Instance)>| -> Vec<Outcome> {
        work.into_par_iter()
            .map(|(v, i)| {
                let o = solve_one(v, i);
                done(&o);
                o
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(workers).build() {
        Ok(pool) => pool.install(|| run(work)),
        Err(_) => run(work),
    }
}

/// The figures of one variant that HR compares, one CSV row.
#[derive(Debug, Clone, Serialize)]
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
    /// Model columns.
    pub variables: usize,
    /// Model rows.
    pub rows: usize,
    /// Independent blocks.
    pub blocks: usize,
    /// Time to build the model.
    pub build_ms: f64,
    /// Time HiGHS took.
    pub solve_ms: f64,
    /// Relative gap to the proven bound.
    pub gap: Option<f64>,
    /// False when the variants' weights differ: objectives are then not comparable. Set by
    /// [`metrics`], which sees every variant; [`Metrics::of`] alone leaves it true.
    pub objective_comparable: bool,
    /// This variant's values of the weights that differ between variants, as
    /// `distance_km=2; equity=10`; empty when all weights agree.
    pub differing_weights: String,
}

impl Metrics {
    /// The figures of one variant, all from its summary; a variant without a plan shows
    /// none of the plan's figures.
    pub fn of(o: &Outcome) -> Metrics {
        let s = &o.summary;
        let has_plan = s.has_plan();
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
            variables: s.stats.variables,
            rows: s.stats.rows,
            blocks: s.stats.blocks,
            build_ms: s.stats.build_ms,
            solve_ms: s.stats.solve_ms,
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
fn broken_rules(o: &Outcome, has_plan: bool) -> Option<usize> {
    if has_plan {
        return Some(0);
    }
    let diagnosed = o.diagnosis.as_ref().is_some_and(|d| d.report.is_some());
    diagnosed.then(|| o.broken().len())
}

/// The figures of every variant, each marked when the variants' weights differ.
pub fn metrics(outcomes: &[Outcome]) -> Vec<Metrics> {
    let diffs = weights_differ(outcomes);
    outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut m = Metrics::of(o);
            m.objective_comparable = diffs.is_empty();
            let own: Vec<String> = diffs
                .iter()
                .map(|d| format!("{}={}", d.weight, d.values[i].value))
                .collect();
            m.differing_weights = own.join("; ");
            m
        })
        .collect()
}

/// A `[weights]` key whose value is not the same in every variant.
#[derive(Debug, Clone, Serialize)]
pub struct WeightDiff {
    /// The key in `[weights]`, e.g. `distance_km`.
    pub weight: String,
    /// Its value in each variant, in variant order.
    pub values: Vec<WeightValue>,
}

/// One variant's value of a weight.
#[derive(Debug, Clone, Serialize)]
pub struct WeightValue {
    /// The variant's label.
    pub variant: String,
    /// The weight in that variant's policy.
    pub value: f64,
}

/// Whether a weight can price the plans compared: `slack` prices only elastic plans, which
/// `compare` never reports as plans, and `change` only plans made against a baseline. A
/// difference in a weight that prices nothing here is no reason to doubt the objectives.
fn prices_a_plan(key: &str, outcomes: &[Outcome]) -> bool {
    match key {
        "slack" => false,
        "change" => outcomes.iter().any(|o| o.inst.baseline.is_some()),
        _ => true,
    }
}

/// Every `[weights]` key that differs between any two variants and prices their plans
/// (`prices_a_plan`), in key order.
pub fn weights_differ(outcomes: &[Outcome]) -> Vec<WeightDiff> {
    // Through JSON, so that a weight added to the policy is compared without a change here.
    let tables: Vec<serde_json::Map<String, serde_json::Value>> = outcomes
        .iter()
        .map(|o| match serde_json::to_value(&o.inst.policy.weights) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        })
        .collect();
    let Some(first) = tables.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in first.keys().filter(|k| prices_a_plan(k, outcomes)) {
        let values: Vec<WeightValue> = outcomes
            .iter()
            .zip(&tables)
            .map(|(o, t)| WeightValue {
                variant: o.variant.label.clone(),
                value: t.get(key).and_then(|v| v.as_f64()).unwrap_or(f64::NAN),
            })
            .collect();
        // Bitwise, so that a NaN (never a valid weight) still reads as a difference.
        if values
            .iter()
            .any(|v| v.value.to_bits() != values[0].value.to_bits())
        {
            out.push(WeightDiff {
                weight: key.clone(),
                values,
            });
        }
    }
    out
}

/// The warning printed before the table when weights differ: each weight with its value
/// per variant, and what that means for the objective.
pub(crate) fn render_weights_warning(diffs: &[WeightDiff]) -> Option<String> {
    if diffs.is_empty() {
        return None;
    }
    let weights: Vec<String> = diffs
        .iter()
        .map(|d| {
            let each: Vec<String> = d
                .values
                .iter()
                .map(|v| {
                    let (value, variant) = (v.value, &v.variant);
                    t!("compare.weight_value", value = value, variant = variant).into_owned()
                })
                .collect();
            format!("{} {}", d.weight, each.join(" vs "))
        })
        .collect();
    let weights = weights.join("; ");
    Some(t!("compare.weights_differ", weights = weights).into_owned())
}

fn ratio(a: Option<u32>, b: Option<u32>) -> String {
    match (a, b) {
        (Some(a), Some(0)) => format!("{a}/-"),
        (Some(a), Some(b)) => format!("{a}/{b} ({:.0}%)", 100.0 * a as f64 / b as f64),
        _ => "-".into(),
    }
}

/// A count, or `-` where the variant has no plan to count in.
fn count<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".into(), |x| x.to_string())
}

/// The side-by-side table: one column per variant, one row per figure.
/// The objective row, and each term whose weight differs between variants, is marked `*`
/// with a footnote under the table.
pub(crate) fn render_table(ms: &[Metrics], diffs: &[WeightDiff]) -> String {
    let mut header = vec!["".to_string()];
    header.extend(ms.iter().map(|m| m.variant.clone()));
    type Row = (std::borrow::Cow<'static, str>, fn(&Metrics) -> String);
    let rows: Vec<Row> = vec![
        (t!("tools.compare.status"), |m| status_word(&m.status)),
        (t!("tools.compare.objective"), |m| {
            report::opt_num(m.objective, 3)
        }),
        (t!("tools.compare.distance_km"), |m| {
            report::opt_num(m.distance_km, 3)
        }),
        (t!("tools.compare.preference_rank"), |m| {
            report::opt_num(m.preference_rank, 3)
        }),
        (t!("tools.compare.promotion"), |m| {
            report::opt_num(m.promotion, 3)
        }),
        (t!("tools.compare.overdue"), |m| {
            report::opt_num(m.overdue, 3)
        }),
        (t!("tools.compare.equity"), |m| report::opt_num(m.equity, 3)),
        (t!("tools.compare.slack"), |m| report::opt_num(m.slack, 3)),
        (t!("tools.compare.moves"), |m| count(m.moves)),
        (t!("tools.compare.backbone"), |m| count(m.moves_backbone)),
        (t!("tools.compare.cadre"), |m| count(m.moves_cadre)),
        (t!("tools.compare.quota"), |m| {
            ratio(m.quota_sent, m.quota_need)
        }),
        (t!("tools.compare.flow"), |m| ratio(m.flow_sent, m.flow_min)),
        (t!("tools.compare.flow_back"), |m| count(m.flow_back)),
        (t!("tools.compare.coverage_slack"), |m| {
            count(m.coverage_slack)
        }),
        (t!("tools.compare.at_minimum"), |m| count(m.coverage_at_min)),
        (t!("tools.compare.commute_mean"), |m| {
            report::opt_num(m.commute_mean_km, 1)
        }),
        (t!("tools.compare.commute_max"), |m| {
            report::opt_num(m.commute_max_km, 1)
        }),
        (t!("tools.compare.schools_touched"), |m| {
            count(m.schools_touched)
        }),
        (t!("tools.compare.broken_rules"), |m| count(m.broken_rules)),
        (t!("tools.compare.solve_ms"), |m| {
            format!("{:.0}", m.solve_ms)
        }),
        (t!("tools.compare.gap"), |m| report::gap_text(m.gap)),
    ];
    // The objective (row 1) and its terms (rows 2 to 7, each named after its weight).
    let terms = [
        "distance_km",
        "preference_rank",
        "promotion",
        "overdue",
        "equity",
        "slack",
    ];
    let marked = |i: usize| {
        let term = i.checked_sub(2).and_then(|k| terms.get(k));
        !diffs.is_empty() && (i == 1 || term.is_some_and(|k| diffs.iter().any(|d| d.weight == *k)))
    };
    let body: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, f))| {
            let mark = if marked(i) { " *" } else { "" };
            let mut r = vec![format!("{name}{mark}")];
            r.extend(ms.iter().map(f));
            r
        })
        .collect();
    let mut out = report::table(&header, &body);
    if !diffs.is_empty() {
        let _ = writeln!(out, "{}", t!("compare.footnote"));
    }
    out
}

/// A run status (`optimal`, ...) in the language in force, for printed tables; files keep
/// the English word.
pub(crate) fn status_word(status: &str) -> String {
    match status {
        "optimal" => t!("tools.status.optimal"),
        "feasible" => t!("tools.status.feasible"),
        "infeasible" => t!("tools.status.infeasible"),
        "no_plan_in_time" => t!("tools.status.no_plan_in_time"),
        "error" => t!("tools.status.error"),
        other => return other.to_string(),
    }
    .into_owned()
}

/// How one person's plan differs between the first variant and another.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The variant compared with the first.
    pub variant: String,
    /// Person id.
    pub person_id: String,
    /// Person name.
    pub name: String,
    /// Home school id.
    pub home_school: String,
    /// `host@year` in the first variant, empty if the person stays.
    pub first: String,
    /// `host@year` in this variant, empty if the person stays.
    pub this: String,
    /// `only-first`, `only-this`, `elsewhere` (another host) or `other-year` (same host,
    /// another start year).
    pub change: &'static str,
}

fn moves_by_person(o: &Outcome) -> BTreeMap<String, (String, String, String)> {
    let Some(plan) = o.plan() else {
        return BTreeMap::new();
    };
    plan.starts
        .iter()
        .map(|s| {
            let p = o.inst.person(s.person);
            (
                p.id.clone(),
                (
                    p.name.clone(),
                    o.inst.school(p.home).id.clone(),
                    format!("{}@{}", o.inst.school(s.host).id, s.year),
                ),
            )
        })
        .collect()
}

/// Who moves in one plan and not the other, and who goes elsewhere; matched by person id,
/// so variants of different scenario files compare too.
pub fn diff(first: &Outcome, other: &Outcome) -> Vec<Change> {
    let a = moves_by_person(first);
    let b = moves_by_person(other);
    let ids: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let (x, y) = (a.get(id), b.get(id));
        let change = match (x, y) {
            (Some(x), Some(y)) if x.2 == y.2 => continue,
            // `host@year`: the year never holds '@', so the last one splits it.
            (Some(x), Some(y))
                if x.2.rsplit_once('@').map(|h| h.0) == y.2.rsplit_once('@').map(|h| h.0) =>
            {
                "other-year"
            }
            (Some(_), Some(_)) => "elsewhere",
            (Some(_), None) => "only-first",
            (None, Some(_)) => "only-this",
            (None, None) => continue,
        };
        let (name, home) = x
            .or(y)
            .map(|(n, h, _)| (n.clone(), h.clone()))
            .unwrap_or_default();
        out.push(Change {
            variant: other.variant.label.clone(),
            person_id: id.clone(),
            name,
            home_school: home,
            first: x.map(|t| t.2.clone()).unwrap_or_default(),
            this: y.map(|t| t.2.clone()).unwrap_or_default(),
            change,
        });
    }
    out
}

/// The printed diff of one variant against the first, at most `limit` people listed.
pub(crate) fn render_diff(first: &str, changes: &[Change], variant: &str, limit: usize) -> String {
    let mut o = String::new();
    let count = |k: &str| changes.iter().filter(|c| c.change == k).count();
    let line = t!(
        "tools.compare.diff",
        variant = variant,
        first = first,
        only_first = count("only-first"),
        only_this = count("only-this"),
        elsewhere = count("elsewhere"),
        other_year = count("other-year")
    );
    let _ = writeln!(o, "{line}");
    if changes.is_empty() {
        return o;
    }
    let header: Vec<String> = [
        t!("tools.compare.col.person").as_ref(),
        &t!("tools.compare.col.name"),
        &t!("tools.compare.col.home"),
        first,
        variant,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let dash = |s: &str| {
        if s.is_empty() {
            t!("tools.compare.stays").into_owned()
        } else {
            s.to_string()
        }
    };
    // Changes of who moves and where come first; a change of start year alone is the
    // least news (the later years are tentative, and equal-cost years are common).
    let mut shown: Vec<&Change> = changes.iter().collect();
    shown.sort_by_key(|c| c.change == "other-year");
    let rows: Vec<Vec<String>> = shown
        .into_iter()
        .take(limit)
        .map(|c| {
            vec![
                c.person_id.clone(),
                c.name.clone(),
                c.home_school.clone(),
                dash(&c.first),
                dash(&c.this),
            ]
        })
        .collect();
    o.push_str(&report::table(&header, &rows));
    if changes.len() > limit {
        let _ = writeln!(
            o,
            "  … and {} more (all in diff.csv with --out)",
            changes.len() - limit
        );
    }
    o
}

/// A folder name for a variant: its number and label, with only safe characters.
pub(crate) fn slug(i: usize, label: &str) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.=".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut squeezed = String::new();
    for c in clean.chars() {
        if !(c == '_' && squeezed.ends_with('_')) {
            squeezed.push(c);
        }
    }
    format!("{:02}-{}", i + 1, squeezed.trim_matches('_'))
}

/// The files of one variant's folder: as `solve` writes them, a roster only with a plan.
pub(crate) fn variant_files(o: &Outcome) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let mut summary = serde_json::to_value(&o.summary).map_err(|e| e.to_string())?;
    summary["variant"] = serde_json::json!(o.variant);
    let mut files = vec![(
        "summary.json",
        serde_json::to_vec_pretty(&summary).map_err(|e| e.to_string())?,
    )];
    if let Some(plan) = o.plan() {
        files.push((
            "roster.csv",
            report::roster_csv(&o.inst, plan).map_err(|e| e.to_string())?,
        ));
    }
    Ok(files)
}

/// `comparison.json`: every variant with its folder, figures and broken rules, the diff,
/// and whether the objectives are comparable (`comparable`, `weights_differ`).
pub(crate) fn comparison_json(
    outcomes: &[Outcome],
    metrics: &[Metrics],
    changes: &[Change],
    diffs: &[WeightDiff],
) -> Result<Vec<u8>, String> {
    let json = serde_json::json!({
        "comparable": diffs.is_empty(),
        "weights_differ": diffs,
        "variants": outcomes.iter().zip(metrics).enumerate().map(|(i, (o, m))| serde_json::json!({
            "folder": slug(i, &o.variant.label),
            "variant": o.variant,
            "metrics": m,
            "broken": o.broken(),
        })).collect::<Vec<_>>(),
        "diff": changes,
    });
    serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())
}

/// `comparison.csv`: one row of [`Metrics`] per variant.
pub(crate) fn metrics_csv(ms: &[Metrics]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for m in ms {
        let mut m = m.clone();
        for text in [
            &mut m.variant,
            &mut m.scenario,
            &mut m.policy,
            &mut m.differing_weights,
        ] {
            *text = report::escape_cell(text).into_owned();
        }
        w.serialize(m).map_err(|e| e.to_string())?;
    }
    Ok(report::with_bom(w.into_inner().map_err(|e| e.to_string())?))
}

/// `diff.csv`: every [`Change`] of every variant against the first.
pub(crate) fn diff_csv(changes: &[Change]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record([
        "variant",
        "person_id",
        "name",
        "home_school",
        "first",
        "this",
        "change",
    ])
    .map_err(|e| e.to_string())?;
    for c in changes {
        let mut c = c.clone();
        for text in [
            &mut c.variant,
            &mut c.person_id,
            &mut c.name,
            &mut c.home_school,
            &mut c.first,
            &mut c.this,
        ] {
            *text = report::escape_cell(text).into_owned();
        }
        w.serialize(c).map_err(|e| e.to_string())?;
    }
    Ok(report::with_bom(w.into_inner().map_err(|e| e.to_string())?))
}
