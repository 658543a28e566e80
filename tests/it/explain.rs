//! `rotation explain`: the counterfactual equals an independent minimal-change re-solve
//! against the plan, a mover's terms are its part of the objective, and every candidacy
//! condition of MODEL.md is named (`--detail`, HR's analysis; the answer to the person is
//! tested in `explain_teacher.rs`).

use crate::common::{self, *};
use good_lp::IntoAffineExpression;
use rotation::domain::Post;
use rotation::explain::{Change, Decision, Explainer, Explanation};
use rotation::input::policy::Policy;
use rotation::input::records::{RawDistance, RawStaff};
use rotation::input::scenario::{RawGroup, RawScenario, RawSchool};
use rotation::instance::candidates::Unmet;
use rotation::instance::Plan;
use rotation::instance::{Instance, PersonId};
use rotation::model::BuildOptions;
use rotation::run::{run, RunOptions};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 2e-6 * (1.0 + b.abs())
}

fn demo() -> (Instance, Plan) {
    let inst = load("scenarios/chengzhong.toml", &[]);
    let (solved, _) = solve_and_check(&inst);
    (inst, solved.plan)
}

/// The optimum of `inst` re-planned against `plan` (MODEL.md minimal change), as the
/// counterfactual asks it.
fn resolved(inst: &Instance, plan: &Plan) -> f64 {
    let out = run(
        &inst.clone().with_baseline(plan.clone()),
        &RunOptions::default(),
    );
    out.solved.objective.expect("a plan")
}

/// The counterfactual's plan priced as its re-solve priced it: the objective on the
/// instance as given plus the changes against the plan at `weights.change`.
fn priced(inst: &Instance, c: &rotation::explain::Counterfactual) -> f64 {
    let after = c.objective_after.expect("still feasible");
    after + inst.policy.weights.change * c.changes.expect("a plan") as f64
}

#[test]
fn a_movers_counterfactual_is_a_resolve_with_the_start_forbidden() {
    let (inst, plan) = demo();
    for st in plan.starts.iter().step_by(37).take(3) {
        let e = Explainer::new(&inst, &plan).explain(st.person, true);
        let c = e.counterfactual.expect("a mover has a counterfactual");
        assert_eq!(c.change, Change::Forbidden);
        let mut m = inst.clone();
        m.people[st.person.ix()].forbid.push((st.host, st.year));
        let theirs = resolved(&m, &plan);
        let ours = priced(&inst, &c);
        assert!(close(ours, theirs), "{}: {ours} vs {theirs}", e.person);
        assert!(
            c.delta.unwrap() >= -1e-6 * theirs,
            "an optimum cannot improve"
        );
    }
}

#[test]
fn a_stayers_counterfactual_is_a_resolve_with_the_best_start_pinned() {
    let (inst, plan) = demo();
    let ex = Explainer::new(&inst, &plan);
    let stayers = inst
        .person_ids()
        .filter(|&p| !plan.starts.iter().any(|s| s.person == p));
    let mut done = 0;
    for p in stayers {
        let e = ex.explain(p, true);
        let Decision::Stays { best } = &e.decision else {
            continue;
        };
        let c = e.counterfactual.clone().expect("a counterfactual");
        assert_eq!(c.change, Change::Forced);
        let mut m = inst.clone();
        m.people[p.ix()].pin = Some((inst.school_by_id(&best.host).unwrap(), best.year));
        let theirs = resolved(&m, &plan);
        let ours = priced(&inst, &c);
        assert!(close(ours, theirs), "{}: {ours} vs {theirs}", e.person);
        assert!(c.added.iter().any(|s| s.person == e.person));
        done += 1;
        if done == 2 {
            break;
        }
    }
    assert_eq!(done, 2, "the demo has stayers who could go");
}

#[test]
fn a_movers_terms_sum_to_its_part_of_the_objective() {
    let (inst, plan) = demo();
    let cands = rotation::instance::candidates::generate(&inst);
    let built = rotation::model::build(&inst, &cands, &BuildOptions::default());
    let (objective, _) = built.objective(&inst);
    let coef: std::collections::HashMap<_, f64> = objective.linear_coefficients().collect();
    let ex = Explainer::new(&inst, &plan);
    for st in &plan.starts {
        let Decision::Moves { start, .. } = ex.explain(st.person, false).decision else {
            panic!("a start is a move");
        };
        let i = cands
            .iter()
            .position(|c| c.person == st.person && c.host == st.host && c.year == st.year)
            .unwrap();
        let model = coef.get(&built.x[i]).copied().unwrap_or(0.0);
        let sum: f64 = start.terms.iter().map(|t| t.amount).sum();
        assert!((sum - model).abs() < 1e-9, "{:?}: {sum} vs {model}", st);
        assert!((start.total - model).abs() < 1e-9);
    }
}

/// One group of a core and a trusteed member; `people` are added to the core.
fn county(people: Vec<RawStaff>) -> RawScenario {
    let mut raw = RawScenario::new("in memory", 2027);
    raw.schools.push(RawSchool::new("core", 36.617, 101.778));
    raw.schools.push(RawSchool::new("t1", 36.650, 101.790));
    let mut group = RawGroup::new("g", "core");
    group.trusteed.push("t1".into());
    raw.groups.push(group);
    raw.staff.extend(people);
    raw.distances.push(RawDistance::new("core", "t1", 4.5));
    raw
}

fn staff(id: &str) -> RawStaff {
    let mut s = RawStaff::new(id, "core", "math");
    s.years_at_school = 8;
    s
}

/// Explains the one person `id` of an in-memory county with an empty plan.
fn explain_one(people: Vec<RawStaff>, id: &str, policy: Policy) -> (Explanation, String) {
    let inst = Instance::from_raw(county(people), policy).unwrap_or_else(|e| panic!("{e}"));
    let plan = Plan::default();
    let p = rotation::explain::find(&inst, id);
    assert_eq!(p.len(), 1);
    let e = Explainer::new(&inst, &plan).explain(p[0], false);
    rotation::lang::set(rotation::lang::Lang::En);
    let text = rotation::explain::render(&inst, &e);
    (e, text)
}

fn quiet_policy() -> Policy {
    let mut p = Policy::default();
    p.group_flow.core_to_trusteed_min = 0;
    p.horizon_years = 1;
    p
}

fn names(e: &Explanation, c: impl Fn(&Unmet) -> bool, words: &str, text: &str) {
    assert!(e.years[0].unmet.iter().any(c), "{:?}", e.years);
    assert!(matches!(e.decision, Decision::NotCandidate));
    assert!(text.contains(words), "{words:?} not in: {text}");
}

#[test]
fn explain_names_the_post_condition() {
    let mut s = staff("p");
    s.post = Post::Principal;
    let (e, text) = explain_one(vec![s], "p", quiet_policy());
    names(&e, |c| *c == Unmet::Post, "principals take no part", &text);
}

#[test]
fn explain_names_the_exempt_condition() {
    let mut s = staff("p");
    s.exempt = true;
    let (e, text) = explain_one(vec![s], "p", quiet_policy());
    names(&e, |c| *c == Unmet::Exempt, "they are exempt", &text);
}

#[test]
fn explain_names_the_years_at_school_condition() {
    let mut s = staff("p");
    s.years_at_school = 1;
    let (e, text) = explain_one(vec![s], "p", quiet_policy());
    let c = |c: &Unmet| *c == Unmet::YearsAtSchool { have: 1, need: 3 };
    names(&e, c, "1 years at the school that year, 3 needed", &text);
}

#[test]
fn explain_names_the_retirement_condition() {
    let mut s = staff("p");
    s.retire_year = Some(2029);
    let (e, text) = explain_one(vec![s], "p", quiet_policy());
    let c = |c: &Unmet| {
        matches!(
            c,
            Unmet::Retirement {
                retire_year: 2029,
                ..
            }
        )
    };
    names(&e, c, "they retire in 2029, within 5 years", &text);
}

#[test]
fn explain_names_the_away_condition() {
    let mut s = staff("p");
    s.exchange_host = Some("t1".into());
    s.exchange_start = Some(2026);
    let (e, text) = explain_one(vec![s], "p", quiet_policy());
    names(
        &e,
        |c| *c == Unmet::Away,
        "still away on the exchange",
        &text,
    );
}

#[test]
fn explain_names_the_cooldown_condition() {
    let mut s = staff("p");
    s.last_return_year = Some(2026);
    let mut policy = quiet_policy();
    policy.cooldown_years = 3;
    let (e, text) = explain_one(vec![s], "p", policy);
    let c = |c: &Unmet| matches!(c, Unmet::Cooldown { returned: 2026, .. });
    names(
        &e,
        c,
        "came back in 2026 and the cooldown of 3 years",
        &text,
    );
}

#[test]
fn a_candidate_with_every_host_beyond_the_cap_is_told_the_nearest() {
    let mut policy = quiet_policy();
    policy.max_distance_km = 2.0;
    let (e, text) = explain_one(vec![staff("p")], "p", policy);
    let Decision::NoAdmissibleHost { nearest: Some(n) } = &e.decision else {
        panic!("{:?}", e.decision);
    };
    assert_eq!((n.host.as_str(), n.km, n.beyond_cap), ("t1", 4.5, true));
    assert!(text.contains("beyond the 2 km limit"), "{text}");
}

#[test]
fn a_name_shared_by_two_people_finds_both() {
    let (mut a, mut b) = (staff("a"), staff("b"));
    a.name = "王芳".into();
    b.name = "王芳".into();
    let inst = Instance::from_raw(county(vec![a, b]), quiet_policy()).unwrap();
    assert_eq!(
        rotation::explain::find(&inst, "王芳"),
        vec![PersonId(0), PersonId(1)]
    );
    assert_eq!(rotation::explain::find(&inst, "b"), vec![PersonId(1)]);
}

#[test]
fn the_cli_explains_a_mover_and_a_stayer_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, _, err) = run_cli(&["solve", "scenarios/chengzhong.toml", "--out", out]);
    assert_eq!(code, 0, "{err}");
    let roster = dir.path().join("roster.csv");
    let roster = roster.to_str().unwrap();
    let text = std::fs::read_to_string(roster).unwrap();
    let mover = text.lines().nth(1).unwrap().trim_start_matches('\u{feff}');
    let mover = mover.split(',').next().unwrap().to_string();
    let stayer = "CZ0001"; // no11's principal: not a candidate
    assert!(!text.contains(stayer));
    let args = [
        "explain",
        "scenarios/chengzhong.toml",
        "--plan",
        roster,
        &mover,
        stayer,
    ];
    let (code, stdout, err) = run_cli(&args);
    assert_eq!(code, 0, "{err}");
    let paragraphs: Vec<&str> = stdout
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(paragraphs.len(), 2, "{stdout}");
    assert!(paragraphs[0].contains("The plan sends them to"), "{stdout}");
    assert!(paragraphs[1].contains("They stay at home"), "{stdout}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let (code, stdout, err) = run_cli(&json_args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v[0]["decision"]["kind"], "moves");
    assert_eq!(v[1]["decision"]["kind"], "not_candidate");
    let (code, _, err) = run_cli(&[
        "explain",
        "scenarios/chengzhong.toml",
        "--plan",
        roster,
        "nobody",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("E1041"), "{err}");
}

fn run_cli(args: &[&str]) -> (i32, String, String) {
    common::run(args)
}

/// The core's one backbone teacher, whom the core → trusteed flow needs (min 1).
fn flow_county() -> (Instance, Plan) {
    let mut people: Vec<RawStaff> = (1..=8).map(|i| staff(&format!("c{i}"))).collect();
    people[0].backbone = true;
    for i in 1..=4 {
        let mut s = RawStaff::new(&format!("t{i}"), "t1", "math");
        s.years_at_school = 5;
        people.push(s);
    }
    let mut policy = quiet_policy();
    policy.group_flow.core_to_trusteed_min = 1;
    let inst = Instance::from_raw(county(people), policy).unwrap_or_else(|e| panic!("{e}"));
    let (solved, _) = solve_and_check(&inst);
    (inst, solved.plan)
}

#[test]
fn forbidding_the_only_start_a_flow_can_use_is_infeasible_and_names_the_rule() {
    let (inst, plan) = flow_county();
    let c1 = rotation::explain::find(&inst, "c1")[0];
    let e = Explainer::new(&inst, &plan).explain(c1, true);
    let Decision::Moves { needed, .. } = &e.decision else {
        panic!("{:?}", e.decision);
    };
    let rule = rotation::rules::Rule::TrusteedFlow;
    assert!(needed.iter().any(|n| n.rule == rule), "{needed:?}");
    let c = e.counterfactual.unwrap();
    assert!(!c.feasible && c.objective_after.is_none());
    assert!(c.broken.iter().any(|v| v.rule == rule), "{:?}", c.broken);
    rotation::lang::set(rotation::lang::Lang::En);
    let text = rotation::explain::render(&inst, &Explainer::new(&inst, &plan).explain(c1, true));
    assert!(text.contains("no plan keeps every hard rule"), "{text}");
}

#[test]
fn the_checker_refuses_a_forbidden_start() {
    let (mut inst, plan) = flow_county();
    let st = plan.starts[0];
    assert!(rotation::check::check(&inst, &plan).ok);
    inst.people[st.person.ix()].forbid.push((st.host, st.year));
    let r = rotation::check::check(&inst, &plan);
    let admissible = rotation::rules::Rule::Admissible;
    assert!(
        r.violations.iter().any(|v| v.rule == admissible),
        "{:?}",
        r.violations
    );
}

#[test]
fn a_cadre_start_the_cadre_quota_needs_is_named() {
    let inst = load("scenarios/rules/quota-cadre.toml", &[]);
    let (solved, _) = solve_and_check(&inst);
    let ex = Explainer::new(&inst, &solved.plan);
    let rule = rotation::rules::Rule::QuotaCadre;
    let named = solved.plan.starts.iter().any(|st| {
        let Decision::Moves { needed, .. } = ex.explain(st.person, false).decision else {
            return false;
        };
        needed.iter().any(|n| n.rule == rule)
    });
    assert!(named, "a cadre start is needed for the cadre quota");
}
