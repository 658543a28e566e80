//! HR decisions on single persons (MODEL.md): pins (`assign_host`, `assign_year`) and
//! avoided hosts (`avoid_hosts`). Reading from CSV and inline tables, every way a pin can
//! fail validation, the pin binding beyond distance and scope, avoided hosts changing the
//! plan, and the checker catching a plan that drops a pin or uses an avoided host.

use crate::common::*;
use rotation::check::check;
use rotation::domain::Post;
use rotation::input::policy::Policy;
use rotation::input::records::RawStaff;
use rotation::input::scenario::{RawGroup, RawScenario, RawSchool};
use rotation::instance::{Instance, PersonId};
use rotation::instance::{Plan, Start};
use rotation::rules::{Component, Rule};
use rotation::summary::BrokenRule;

const PINS: &str = "scenarios/rules/pins.toml";

/// A plan of (person id, host id, start year) triples.
fn plan(inst: &Instance, starts: &[(&str, &str, i32)]) -> Plan {
    let starts = starts
        .iter()
        .map(|&(person, host, year)| Start {
            person: person_id(inst, person),
            host: inst.school_by_id(host).unwrap(),
            year,
        })
        .collect();
    Plan { starts }
}

fn person_id(inst: &Instance, id: &str) -> PersonId {
    PersonId(inst.people.iter().position(|p| p.id == id).unwrap() as u32)
}

/// The plan's starts as (person, host, year) ids, sorted.
fn triples(inst: &Instance, plan: &Plan) -> Vec<(String, String, i32)> {
    let mut v: Vec<_> = plan
        .starts
        .iter()
        .map(|st| {
            let p = inst.person(st.person).id.clone();
            (p, inst.school(st.host).id.clone(), st.year)
        })
        .collect();
    v.sort();
    v
}

fn t(p: &str, h: &str, y: i32) -> (String, String, i32) {
    (p.to_string(), h.to_string(), y)
}

#[test]
fn pins_hold_beyond_distance_and_scope() {
    let inst = load(PINS, &[]);
    let a = inst.person(person_id(&inst, "A"));
    assert_eq!(a.pin, Some((inst.school_by_id("f").unwrap(), 2027)));
    let (s, r) = solve_and_check(&inst);
    assert_eq!(
        triples(&inst, &s.plan),
        [t("A", "f", 2027), t("B", "o", 2027)]
    );
    // A's commute is beyond the cap; o is in no group (scope `group`).
    assert!(r
        .distances_km
        .iter()
        .any(|&d| d > inst.policy.max_distance_km));
    let dropped = solve_without(&inst, &[Rule::Pin]);
    assert!(
        dropped.plan.starts.is_empty(),
        "without the pins nothing pays for a move: {:?}",
        triples(&inst, &dropped.plan)
    );
    let dr = check(&inst, &dropped.plan);
    let rules: Vec<(Rule, Option<&str>)> = (dr.violations.iter())
        .map(|v| (v.rule, v.person.map(|p| inst.person(p).id.as_str())))
        .collect();
    assert_eq!(rules, [(Rule::Pin, Some("A")), (Rule::Pin, Some("B"))]);
}

#[test]
fn pins_stay_hard_in_elastic_mode() {
    // A quota at c that only the pinned A could fill elsewhere: the elastic plan still
    // keeps both pins.
    let inst = load(PINS, &[("policy.max_net_change", "0")]);
    let s = rotation::solve::solve(
        &inst,
        &rotation::model::BuildOptions {
            elastic: true,
            ..Default::default()
        },
    );
    assert!(s.status.has_plan(), "{:?}", s.status);
    let got = triples(&inst, &s.plan);
    assert!(got.contains(&t("A", "f", 2027)) && got.contains(&t("B", "o", 2027)));
    let r = check(&inst, &s.plan);
    assert!(
        r.violations.iter().all(|v| v.rule == Rule::Headcount),
        "{r:#?}"
    );
}

#[test]
fn avoided_hosts_change_the_plan() {
    let inst = load(PINS, &[]);
    let (s, _) = solve_and_check(&inst);
    assert!(!triples(&inst, &s.plan).iter().any(|(p, _, _)| p == "C"));
    let mut free = inst.clone();
    free.people[person_id(&inst, "C").ix()].avoid.clear();
    let (f, _) = solve_and_check(&free);
    assert!(
        triples(&free, &f.plan).contains(&t("C", "m", 2027)),
        "without avoid_hosts C goes next door for the promotion"
    );
}

#[test]
fn the_checker_catches_a_dropped_pin_and_an_avoided_host() {
    let inst = load(PINS, &[]);
    let ok = check(&inst, &plan(&inst, &[("A", "f", 2027), ("B", "o", 2027)]));
    assert!(
        ok.ok,
        "pinned starts are admissible beyond distance and scope: {ok:#?}"
    );

    // A moved to another host: the pin is broken, at no slack.
    let moved = check(&inst, &plan(&inst, &[("A", "m", 2027), ("B", "o", 2027)]));
    assert_eq!(moved.violations.len(), 1, "{:#?}", moved.violations);
    let v = &moved.violations[0];
    assert_eq!((v.rule, v.person), (Rule::Pin, Some(person_id(&inst, "A"))));
    let words = &BrokenRule::all(&inst, &moved.violations, &[])[0].message;
    // Schools by name with their id, the person too, so that HR knows whom and where.
    assert!(
        words.contains("王老师 (A) is pinned to 远成员校 (f) in 2027")
            && words.contains("成员校 (m) in 2027"),
        "{words}"
    );
    let slack = moved
        .components
        .iter()
        .find(|(c, _)| *c == Component::Slack);
    assert_eq!(slack.map(|(_, v)| *v), Some(0.0));

    // C sent to the host C avoids.
    let starts = [("A", "f", 2027), ("B", "o", 2027), ("C", "m", 2027)];
    let avoided = check(&inst, &plan(&inst, &starts));
    assert_eq!(avoided.violations.len(), 1, "{:#?}", avoided.violations);
    let v = &avoided.violations[0];
    assert_eq!(
        (v.rule, v.person),
        (Rule::Admissible, Some(person_id(&inst, "C")))
    );
    let words = &BrokenRule::all(&inst, &avoided.violations, &[])[0].message;
    assert!(words.contains("avoid_hosts"), "{words}");
}

#[test]
fn the_pins_are_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan");
    let (rc, stdout, err) = run(&["solve", PINS, "--out", out.to_str().unwrap()]);
    assert_eq!(rc, 0, "{err}");
    assert!(
        stdout.contains("Pins (HR decisions): 2, all kept"),
        "{stdout}"
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let pins = summary["pins"].as_array().unwrap();
    assert_eq!(pins.len(), 2);
    assert_eq!(pins[0]["person"], "A");
    assert_eq!(pins[0]["name"], "王老师");
    assert_eq!(pins[0]["home"], "c");
    assert_eq!(pins[0]["host"], "f");
    assert_eq!(pins[0]["year"], 2027);
    assert_eq!(pins[0]["kept"], true);
    assert_eq!(pins[1]["host"], "o");
}

#[test]
fn pins_and_avoided_hosts_are_read_from_a_csv_roster() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::fs::read_to_string(root().join(PINS)).unwrap();
    let head = scenario.split("[[staff]]").next().unwrap().replace(
        "policy = \"pins.policy.toml\"",
        &format!(
            "policy = \"{}\"\nstaff = \"staff.csv\"",
            root().join("scenarios/rules/pins.policy.toml").display()
        ),
    );
    std::fs::write(dir.path().join("s.toml"), head).unwrap();
    std::fs::write(
        dir.path().join("staff.csv"),
        "id,school,subject,years_at_school,assign_host,assign_year,avoid_hosts\n\
         A,c,math,3,f,,\n\
         A2,c,math,0,,,\n\
         B,m,chinese,4,o,2027,c；n\n\
         B2,m,chinese,0,,,\n\
         C,n,english,5,,,m; c ;f\n",
    )
    .unwrap();
    let inst = rotation::load::instance(&dir.path().join("s.toml"), None, &[]).unwrap();
    let id = |s: &str| inst.school_by_id(s).unwrap();
    let b = inst.person(person_id(&inst, "B"));
    assert_eq!(b.pin, Some((id("o"), 2027)));
    assert_eq!(b.avoid, [id("c"), id("n")]);
    let c = inst.person(person_id(&inst, "C"));
    assert_eq!(
        (c.pin, &c.avoid[..]),
        (None, &[id("m"), id("c"), id("f")][..])
    );
    let a = inst.person(person_id(&inst, "A"));
    assert_eq!(a.pin, Some((id("f"), 2027)), "assign_year defaults to Y0");
}

/// One county in memory: a core `c` and a member `m`; P a teacher of `c` with 5 years.
fn county() -> RawScenario {
    let mut raw = RawScenario::new("pins", 2027);
    raw.schools.push(RawSchool::new("c", 36.60, 101.78));
    raw.schools.push(RawSchool::new("m", 36.65, 101.78));
    let mut g = RawGroup::new("g", "c");
    g.members.push("m".into());
    raw.groups.push(g);
    let mut p = RawStaff::new("P", "c", "math");
    p.years_at_school = 5;
    p.assign_host = Some("m".into());
    raw.staff.push(p);
    raw
}

/// Every way a pin or an avoided host can be wrong: (what is changed, code, words of the
/// message that name the column or the condition).
#[test]
fn every_pin_failure_is_an_input_error_naming_its_condition() {
    type Change = fn(&mut RawStaff, &mut Policy);
    let cases: &[(&str, Change, &str, &str)] = &[
        (
            "principal",
            |s, _| s.post = Post::Principal,
            "E1033",
            "post",
        ),
        ("exempt", |s, _| s.exempt = true, "E1033", "exempt"),
        (
            "new at school",
            |s, _| s.years_at_school = 1,
            "E1033",
            "years at school: 1",
        ),
        (
            "retiring",
            |s, _| s.retire_year = Some(2029),
            "E1033",
            "retirement",
        ),
        (
            "away",
            |s, _| {
                s.exchange_host = Some("m".into());
                s.exchange_start = Some(2026);
            },
            "E1033",
            "away",
        ),
        (
            "cooldown",
            |s, p| {
                s.last_return_year = Some(2026);
                p.cooldown_years = 2;
            },
            "E1033",
            "cooldown",
        ),
        (
            "home",
            |s, _| s.assign_host = Some("c".into()),
            "E1033",
            "home school",
        ),
        (
            "avoided",
            |s, _| s.avoid_hosts = vec!["m".into()],
            "E1033",
            "also in `avoid_hosts`",
        ),
        (
            "unknown host",
            |s, _| s.assign_host = Some("x".into()),
            "E1034",
            "`assign_host`",
        ),
        (
            "unknown avoided",
            |s, _| s.avoid_hosts = vec!["x".into()],
            "E1034",
            "`avoid_hosts`",
        ),
        (
            "year without host",
            |s, _| {
                s.assign_host = None;
                s.assign_year = Some(2027);
            },
            "E1035",
            "`assign_year`",
        ),
        (
            "year after horizon",
            |s, _| s.assign_year = Some(2030),
            "E1035",
            "outside the horizon",
        ),
        (
            "year before horizon",
            |s, _| s.assign_year = Some(2026),
            "E1035",
            "outside the horizon",
        ),
    ];
    let ok = Instance::from_raw(county(), Policy::default());
    assert!(
        ok.is_ok(),
        "the base pin holds: {:?}",
        ok.err().map(|e| e.to_string())
    );
    for (what, change, code, words) in cases {
        let mut raw = county();
        let mut policy = Policy::default();
        change(&mut raw.staff[0], &mut policy);
        let err = Instance::from_raw(raw, policy).unwrap_err();
        let text = err.to_string();
        assert_eq!(err.codes(), [*code], "{what}: {text}");
        assert!(
            text.contains("`P`") && text.contains(words),
            "{what}: {text}"
        );
    }
}

#[test]
fn pin_errors_come_with_every_other_input_error() {
    let mut raw = county();
    raw.staff[0].exempt = true;
    let mut q = RawStaff::new("Q", "m", "math");
    q.assign_host = Some("nowhere".into());
    q.avoid_hosts = vec!["c".into(), "elsewhere".into()];
    raw.staff.push(q);
    let mut r = RawStaff::new("R", "nowhere", "math");
    r.assign_year = Some(2027);
    raw.staff.push(r);
    let err = Instance::from_raw(raw, Policy::default()).unwrap_err();
    let mut codes = err.codes();
    codes.sort();
    assert_eq!(
        codes,
        ["E1021", "E1033", "E1034", "E1034", "E1035"],
        "{err}"
    );
}
