//! The checker, one rule family at a time: on a scenario of scenarios/rules/, the smallest
//! hand-made plan that breaks exactly that rule, and the checker names it.

use crate::common::load;
use rotation::check::{check, Report};
use rotation::instance::{Instance, PersonId};
use rotation::instance::{Plan, Start};
use rotation::rules::{Component, Rule};
use rotation::summary::BrokenRule;

/// A plan of (person id, host id, start year) triples.
fn plan(inst: &Instance, starts: &[(&str, &str, i32)]) -> Plan {
    let starts = starts
        .iter()
        .map(|&(person, host, year)| {
            let p = inst.people.iter().position(|p| p.id == person).unwrap();
            Start {
                person: PersonId(p as u32),
                host: inst.school_by_id(host).unwrap(),
                year,
            }
        })
        .collect();
    Plan { starts }
}

/// Checks the plan and asserts it breaks `rule` and nothing else; returns the report.
/// An audit with its violations in words (ids as text), as `summary.json` has them.
struct Checked {
    report: Report,
    violations: Vec<BrokenRule>,
}

impl std::ops::Deref for Checked {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.report
    }
}

fn breaks_only(
    scenario: &str,
    sets: &[(&str, &str)],
    starts: &[(&str, &str, i32)],
    rule: Rule,
) -> Checked {
    let inst = load(&format!("scenarios/rules/{scenario}.toml"), sets);
    let r = check(&inst, &plan(&inst, starts));
    assert!(!r.ok, "{scenario}: {starts:?} should break {rule:?}");
    assert!(
        r.violations.iter().all(|v| v.rule == rule),
        "{scenario}: only {rule:?} should break: {:#?}",
        r.violations
    );
    let violations = BrokenRule::all(&inst, &r.violations, &[]);
    Checked {
        report: r,
        violations,
    }
}

fn component(r: &Report, c: Component) -> f64 {
    r.components.iter().find(|(k, _)| *k == c).unwrap().1
}

#[test]
fn a_plan_that_keeps_every_rule_is_ok() {
    let inst = load("scenarios/rules/coverage.toml", &[]);
    let r = check(&inst, &Plan::default());
    assert!(r.ok, "{:#?}", r.violations);
    assert_eq!(component(&r, Component::Slack), 0.0);
}

#[test]
fn a_start_of_a_non_candidate_is_not_admissible() {
    // B has 2 years at c, 3 needed.
    let r = breaks_only("coverage", &[], &[("B", "m", 2027)], Rule::Admissible);
    let v = &r.violations[0];
    assert_eq!(v.person.as_deref(), Some("B"));
    assert_eq!(v.school.as_deref(), Some("c"));
    assert!(v.message.contains("only 2 years"), "{}", v.message);
    // Admissibility is about single starts: it costs no slack.
    assert_eq!(component(&r, Component::Slack), 0.0);
}

#[test]
fn a_start_outside_the_horizon_is_not_admissible() {
    let r = breaks_only("headcount", &[], &[("A", "m", 2030)], Rule::Admissible);
    assert!(r.violations[0].message.contains("outside the horizon"));
}

#[test]
fn a_start_at_home_is_out_of_scope() {
    let r = breaks_only("headcount", &[], &[("A", "c", 2027)], Rule::Admissible);
    assert!(r.violations[0].message.contains("not an allowed host"));
}

#[test]
fn a_start_too_far_is_not_admissible() {
    let far = [("policy.max_distance_km", "0.5")];
    let r = breaks_only("headcount", &far, &[("A", "m", 2027)], Rule::Admissible);
    assert!(r.violations[0].message.contains("commute"));
}

#[test]
fn a_second_start_breaks_one_start() {
    let twice = [("P", "m", 2027), ("P", "m", 2028)];
    let r = breaks_only("one-start", &[], &twice, Rule::OneStart);
    assert_eq!(r.violations.len(), 1);
    assert_eq!(r.violations[0].year, Some(2028));
    // Both starts count in the objective; the person is where the first one sends them.
    assert_eq!(r.distances_km.len(), 2);
    assert_eq!(r.school_years.iter().map(|sy| sy.visitors).sum::<u32>(), 2);
}

#[test]
fn the_last_math_teacher_leaving_breaks_coverage() {
    let r = breaks_only("coverage", &[], &[("A", "m", 2027)], Rule::Coverage);
    let v = &r.violations[0];
    assert_eq!(
        (v.school.as_deref(), v.detail.as_deref(), v.amount),
        (Some("c"), Some("math"), 1.0)
    );
    let c = &r.school_years[0];
    assert_eq!((c.coverage[0].present, c.coverage[0].min), (0, 1));
    assert_eq!(component(&r, Component::Slack), 1000.0);
}

#[test]
fn two_leaving_at_once_breaks_headcount() {
    let both = [("A", "m", 2027), ("B", "m", 2027)];
    let r = breaks_only("headcount", &[], &both, Rule::Headcount);
    let dirs: Vec<_> = r
        .violations
        .iter()
        .map(|v| (v.school.as_deref(), v.detail.as_deref(), v.amount))
        .collect();
    assert_eq!(
        dirs,
        [
            (Some("c"), Some("deficit"), 1.0),
            (Some("m"), Some("surplus"), 1.0)
        ]
    );
}

#[test]
fn no_start_breaks_the_quota() {
    let r = breaks_only("quota", &[], &[], Rule::Quota);
    assert_eq!(r.violations[0].amount, 2.0, "ceil(0.5 × 4 due) = 2");
    let c = &r.school_years[0];
    assert_eq!((c.due, c.quota_need), (Some(4), Some(2)));
}

#[test]
fn a_teacher_alone_breaks_the_backbone_share() {
    let r = breaks_only(
        "quota-backbone",
        &[],
        &[("A", "m", 2027)],
        Rule::QuotaBackbone,
    );
    assert_eq!(r.violations[0].amount, 0.5, "half of one start");
}

#[test]
fn a_teacher_alone_breaks_the_cadre_quota() {
    let r = breaks_only("quota-cadre", &[], &[("A", "m", 2027)], Rule::QuotaCadre);
    assert_eq!(r.violations[0].amount, 1.0);
}

#[test]
fn a_teacher_to_the_trusteed_member_breaks_the_flow() {
    // Only cadres or backbone teachers count for the flow.
    let r = breaks_only(
        "trusteed-flow",
        &[],
        &[("A", "m", 2027)],
        Rule::TrusteedFlow,
    );
    let v = &r.violations[0];
    assert_eq!(
        (v.school.as_deref(), v.detail.as_deref()),
        (Some("c"), Some("m"))
    );
    let f = &r.flows[0];
    assert_eq!((f.sent, f.min), (0, 1));
}

#[test]
fn nobody_sent_back_breaks_reciprocal() {
    let r = breaks_only("reciprocal", &[], &[("X", "m", 2027)], Rule::Reciprocal);
    assert_eq!(r.violations[0].amount, 1.0);
    let f = &r.flows[0];
    assert_eq!((f.sent, f.back), (1, 0));
}

#[test]
fn a_teacher_sent_back_breaks_strict_reciprocal() {
    let strict = [("group_flow.reciprocal", "\"equal-cadre-backbone\"")];
    let back = [("X", "m", 2027), ("Y", "c", 2027)];
    breaks_only("reciprocal", &strict, &back, Rule::Reciprocal);
    let inst = load("scenarios/rules/reciprocal.toml", &[]);
    assert!(
        check(&inst, &plan(&inst, &back)).ok,
        "any post counts when not strict"
    );
}

#[test]
fn equity_costs_each_missing_backbone_teacher() {
    let inst = load("scenarios/rules/equity.toml", &[]);
    let none = check(&inst, &Plan::default());
    let one = check(&inst, &plan(&inst, &[("B1", "m", 2027)]));
    assert!(none.ok && one.ok);
    // m (10 staff) wants ceil(0.15 × 10) = 2 backbone teachers, at 20 per missing head.
    assert_eq!(component(&none, Component::Equity), 40.0);
    assert_eq!(component(&one, Component::Equity), 20.0);
    let m = one.school_years.iter().find(|sy| sy.school == "m").unwrap();
    assert_eq!((m.backbone_present, m.backbone_target), (1, Some(2)));
}

#[test]
fn the_objective_sums_its_components() {
    let inst = load("scenarios/rules/quota.toml", &[]);
    let r = check(&inst, &plan(&inst, &[("A", "m", 2027)]));
    let order: Vec<Component> = r.components.iter().map(|(c, _)| *c).collect();
    assert_eq!(order, Component::ALL);
    // Three due staff stay home, one year over due each, at weight 3; one start short.
    assert_eq!(component(&r, Component::Overdue), 9.0);
    assert_eq!(component(&r, Component::Slack), 1000.0);
    // c and m lie 0.05° of latitude apart: the straight line times the detour factor 1.3.
    let km = 6371.0 * 0.05_f64.to_radians() * 1.3;
    assert!((component(&r, Component::DistanceKm) - km).abs() < 1e-9);
    // No preferences, promotions or equity target here: the objective is these three.
    assert!(
        (r.objective - (9.0 + 1000.0 + km)).abs() < 1e-9,
        "{}",
        r.objective
    );
}

#[test]
fn breaks_come_start_by_start_then_by_school_year() {
    // A's second start and the coverage it breaks at c.
    let inst = load("scenarios/rules/coverage.toml", &[]);
    let r = check(&inst, &plan(&inst, &[("A", "m", 2027), ("A", "m", 2027)]));
    let rules: Vec<Rule> = r.violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::OneStart, Rule::Coverage]);
}

#[test]
fn two_leaving_one_school_breaks_the_stability_cap() {
    let both = [("A", "m", 2027), ("B", "m", 2027)];
    let r = breaks_only("stability-cap", &[], &both, Rule::StabilityCap);
    let v = &r.violations[0];
    assert_eq!((v.school.as_deref(), v.amount), (Some("c"), 1.0));
    assert!(v.message.contains("cap is 1"), "{}", v.message);
    let c = &r.school_years[0];
    assert_eq!((c.new_out, c.out_cap), (2, Some(1)));
    assert_eq!(component(&r, Component::Slack), 1000.0);
}

#[test]
fn the_last_math_teacher_leaving_breaks_every_subject_kept() {
    let r = breaks_only(
        "subjects-kept",
        &[],
        &[("A", "m", 2027)],
        Rule::SubjectsKept,
    );
    let v = &r.violations[0];
    assert_eq!(
        (v.school.as_deref(), v.detail.as_deref(), v.amount),
        (Some("c"), Some("math"), 1.0)
    );
    let c = &r.school_years[0];
    assert_eq!((c.subjects_taught, c.subjects_kept), (Some(2), Some(1)));
}

#[test]
fn a_subject_with_a_minimum_is_left_to_coverage() {
    // c has min_subject math = 1: rule 7 does not count math twice.
    let on = [("policy.keep_every_subject", "true")];
    let r = breaks_only("coverage", &on, &[("A", "m", 2027)], Rule::Coverage);
    assert_eq!(r.violations.len(), 1);
}

#[test]
fn a_visitor_of_the_subject_lets_the_last_home_teacher_go() {
    // D (chinese, from m) arrives as B's (chinese) only colleague leaves: chinese is kept.
    let sets = [("policy.min_years_at_school", "0")];
    let inst = load("scenarios/rules/subjects-kept.toml", &sets);
    let r = check(&inst, &plan(&inst, &[("B", "m", 2027), ("D", "c", 2027)]));
    assert!(r.ok, "{:#?}", r.violations);
}
