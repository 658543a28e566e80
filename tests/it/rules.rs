//! Each rule family on the smallest scenario that makes it bind: the solved plan keeps the
//! rule (audited by the independent checker), and the same model without the family gives
//! a different plan that the checker finds breaking exactly that rule.

use crate::common::*;
use rotation::check::check;
use rotation::rules::{Component, Rule};
use rotation::solve::Status;

fn binds(scenario: &str, rule: Rule) {
    let inst = load(scenario, &[]);
    let (full, _) = solve_and_check(&inst);
    let dropped = solve_without(&inst, &[rule]);
    assert_eq!(dropped.status, Status::Optimal);
    assert_ne!(
        dropped.plan, full.plan,
        "{scenario}: dropping {rule:?} should change the plan"
    );
    let r = check(&inst, &dropped.plan);
    assert!(
        r.violations.iter().any(|v| v.rule == rule),
        "{scenario}: expected a {rule:?} violation without it, got {:#?}",
        r.violations
    );
    assert!(
        r.violations.iter().all(|v| v.rule == rule),
        "{scenario}: only {rule:?} should break: {:#?}",
        r.violations
    );
}

#[test]
fn coverage_binds() {
    binds("scenarios/rules/coverage.toml", Rule::Coverage);
}

#[test]
fn headcount_binds() {
    binds("scenarios/rules/headcount.toml", Rule::Headcount);
}

#[test]
fn quota_binds() {
    binds("scenarios/rules/quota.toml", Rule::Quota);
    let inst = load("scenarios/rules/quota.toml", &[]);
    let (s, _) = solve_and_check(&inst);
    assert_eq!(s.plan.starts.len(), 2, "ceil(0.5 × 4 due) = 2 starts");
}

/// The ids of the people the optimal (checked) plan of `scenario` sends.
fn sent_ids(scenario: &str) -> Vec<String> {
    let inst = load(scenario, &[]);
    let (s, _) = solve_and_check(&inst);
    s.plan
        .starts
        .iter()
        .map(|st| inst.person(st.person).id.clone())
        .collect()
}

#[test]
fn backbone_share_binds() {
    binds("scenarios/rules/quota-backbone.toml", Rule::QuotaBackbone);
    let sent = sent_ids("scenarios/rules/quota-backbone.toml");
    assert_eq!(sent, ["B"], "the backbone teacher goes");
}

#[test]
fn cadre_quota_binds() {
    binds("scenarios/rules/quota-cadre.toml", Rule::QuotaCadre);
}

#[test]
fn trusteed_flow_binds() {
    binds("scenarios/rules/trusteed-flow.toml", Rule::TrusteedFlow);
    let sent = sent_ids("scenarios/rules/trusteed-flow.toml");
    assert_eq!(sent, ["X"], "only the cadre counts for the flow");
}

#[test]
fn reciprocal_binds() {
    binds("scenarios/rules/reciprocal.toml", Rule::Reciprocal);
}

#[test]
fn strict_reciprocal_counts_only_cadres_and_backbone() {
    let equal = load("scenarios/rules/reciprocal.toml", &[]);
    let strict = load(
        "scenarios/rules/reciprocal.toml",
        &[("group_flow.reciprocal", "equal-cadre-backbone")],
    );
    let (se, _) = solve_and_check(&equal);
    let (ss, _) = solve_and_check(&strict);
    let ids = |inst: &rotation::instance::Instance, s: &rotation::solve::Solved| -> Vec<String> {
        let mut v: Vec<String> = s
            .plan
            .starts
            .iter()
            .map(|st| inst.person(st.person).id.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(&equal, &se),
        ["X", "Y"],
        "any post may return under `equal`"
    );
    assert_eq!(
        ids(&strict, &ss),
        ["X", "Z"],
        "only the cadre may return under the strict reading"
    );
    let r = check(&strict, &se.plan);
    assert!(
        r.violations.iter().any(|v| v.rule == Rule::Reciprocal),
        "{:#?}",
        r.violations
    );
}

#[test]
fn one_start_binds() {
    binds("scenarios/rules/one-start.toml", Rule::OneStart);
}

#[test]
fn equity_pulls_backbone_to_members() {
    let inst = load("scenarios/rules/equity.toml", &[]);
    let (full, fr) = solve_and_check(&inst);
    assert_eq!(
        full.plan.starts.len(),
        2,
        "both backbone teachers go to the member"
    );
    let dropped = solve_without_term(&inst, Component::Equity);
    assert!(
        dropped.plan.starts.is_empty(),
        "without equity nothing pays for a move"
    );
    let dr = check(&inst, &dropped.plan);
    assert!(dr.ok);
    // The checker prices the shortfall the dropped model ignored: 2 heads × weight 20.
    assert!((dr.objective - 40.0).abs() < 1e-9, "{}", dr.objective);
    assert!(fr.objective < dr.objective);
}

#[test]
fn distance_cap_and_scope_limit_the_candidates() {
    let inst = load(
        "scenarios/rules/trusteed-flow.toml",
        &[("policy.max_distance_km", "5")],
    );
    let s = solve_without(&inst, &[]);
    assert_eq!(
        s.status,
        Status::Infeasible,
        "7.2 km to the member exceeds a 5 km cap"
    );
    let county = load(
        "scenarios/rules/trusteed-flow.toml",
        &[("policy.scope", "core-member")],
    );
    solve_and_check(&county);
}

#[test]
fn pins_bind() {
    // HR's pins hold beyond max_distance_km and scope; without them nobody goes.
    binds("scenarios/rules/pins.toml", Rule::Pin);
}

#[test]
fn stability_cap_binds() {
    binds("scenarios/rules/stability-cap.toml", Rule::StabilityCap);
    let sent = sent_ids("scenarios/rules/stability-cap.toml");
    assert_eq!(
        sent,
        ["A"],
        "ceil(0.15 × 2) = 1 start: the longer overdue goes"
    );
    let off = load(
        "scenarios/rules/stability-cap.toml",
        &[("policy.max_out_share", "1.0")],
    );
    let (s, r) = solve_and_check(&off);
    assert_eq!(s.plan.starts.len(), 2, "a share of 1 turns the cap off");
    assert!(r.school_years.iter().all(|sy| sy.out_cap.is_none()));
}

#[test]
fn subjects_kept_binds() {
    binds("scenarios/rules/subjects-kept.toml", Rule::SubjectsKept);
    let sent = sent_ids("scenarios/rules/subjects-kept.toml");
    assert!(sent.is_empty(), "c's only math teacher stays: {sent:?}");
    let off = load(
        "scenarios/rules/subjects-kept.toml",
        &[("policy.keep_every_subject", "false")],
    );
    let (s, _) = solve_and_check(&off);
    assert_eq!(s.plan.starts.len(), 1, "without the rule A goes");
}

/// Solves `scenario` in elastic mode: a plan, and the rules its slacks name.
fn elastic_breaks(scenario: &str, sets: &[(&str, &str)]) -> Vec<Rule> {
    let inst = load(scenario, sets);
    assert_eq!(solve_without(&inst, &[]).status, Status::Infeasible);
    let opts = rotation::model::BuildOptions {
        elastic: true,
        without: Vec::new(),
        ..Default::default()
    };
    let e = rotation::solve::solve(&inst, &opts);
    assert_eq!(e.status, Status::Optimal);
    let r = check(&inst, &e.plan);
    let mut named: Vec<Rule> = e.slack.iter().map(|(l, _)| l.rule).collect();
    named.dedup();
    let found: Vec<Rule> = r.violations.iter().map(|v| v.rule).collect();
    assert_eq!(named, found, "{scenario}: slacks and checker disagree");
    assert!((r.objective - e.objective.unwrap()).abs() < 1e-6);
    named
}

#[test]
fn elastic_mode_names_the_stability_cap() {
    // A quota of ceil(1.0 × 2 due) = 2 against a cap of 1: sending both (overdue saved)
    // is cheaper than sending one, so the cap is the rule that gives.
    let sets = [
        ("quota.applies_to", "[\"core\"]"),
        ("quota.rate", "1.0"),
        ("quota.backbone_share", "0.0"),
    ];
    let named = elastic_breaks("scenarios/rules/stability-cap.toml", &sets);
    assert_eq!(named, [Rule::StabilityCap]);
}

#[test]
fn elastic_mode_names_every_subject_kept() {
    // A quota of one start from c, whose only candidate is its only math teacher: sending
    // A (overdue saved) is cheaper than missing the quota, so the subject rule gives.
    let sets = [
        ("quota.applies_to", "[\"core\"]"),
        ("quota.rate", "1.0"),
        ("quota.backbone_share", "0.0"),
    ];
    let named = elastic_breaks("scenarios/rules/subjects-kept.toml", &sets);
    assert_eq!(named, [Rule::SubjectsKept]);
}
