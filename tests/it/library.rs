//! The crate as a library: an instance built in memory, without files, validated by
//! `Instance::from_raw`, solved and audited.

use rotation::domain::Post;
use rotation::input::policy::{GroupFlow, Policy};
use rotation::input::records::{RawDistance, RawStaff};
use rotation::input::scenario::{RawGroup, RawScenario, RawSchool};
use rotation::instance::Instance;
use rotation::model::BuildOptions;
use rotation::solve::Status;

/// One group: a core of eight staff (a backbone teacher and a cadre among them) and a
/// trusteed member of four.
fn county() -> RawScenario {
    let mut raw = RawScenario::new("in memory", 2027);
    raw.schools.push(RawSchool::new("core", 36.617, 101.778));
    raw.schools.push(RawSchool::new("t1", 36.650, 101.790));
    let mut group = RawGroup::new("g", "core");
    group.trusteed.push("t1".into());
    raw.groups.push(group);
    for i in 1..=8 {
        let subject = if i % 2 == 0 { "math" } else { "chinese" };
        let mut s = RawStaff::new(&format!("c{i}"), "core", subject);
        s.years_at_school = 8;
        s.backbone = i == 1;
        if i == 2 {
            s.post = Post::Cadre;
        }
        raw.staff.push(s);
    }
    for i in 1..=4 {
        let mut s = RawStaff::new(&format!("t{i}"), "t1", "math");
        s.years_at_school = 5;
        raw.staff.push(s);
    }
    raw.distances.push(RawDistance::new("core", "t1", 4.5));
    raw
}

/// The baseline over one year, with one cadre-or-backbone start to the trusteed member.
fn policy() -> Policy {
    let baseline = Policy::default();
    Policy {
        name: "library".into(),
        horizon_years: 1,
        group_flow: GroupFlow {
            core_to_trusteed_min: 1,
            ..baseline.group_flow
        },
        ..baseline
    }
}

#[test]
fn an_instance_built_in_memory_solves_and_checks() {
    let inst = Instance::from_raw(county(), policy()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(inst.schools.len(), 2);
    assert_eq!(inst.people.len(), 12);
    let t1 = inst.school_by_id("t1").unwrap();
    assert_eq!(inst.groups[0].trusteed, vec![t1]);

    let solved = rotation::solve::solve(&inst, &BuildOptions::default());
    assert!(
        matches!(solved.status, Status::Optimal),
        "status {:?}",
        solved.status
    );
    assert!(!solved.plan.starts.is_empty(), "the quota asks for a start");
    let report = rotation::check::check(&inst, &solved.plan);
    assert!(report.ok, "{:?}", report.violations);
}

#[test]
fn from_raw_reports_every_problem_at_once() {
    let mut raw = county();
    raw.staff.push(RawStaff::new("x1", "nowhere", "math"));
    raw.staff.push(RawStaff::new("c1", "core", "math"));
    let err = Instance::from_raw(raw, policy()).unwrap_err();
    let codes = err.codes();
    assert!(codes.contains(&"E1021"), "unknown home school: {err}");
    assert!(codes.contains(&"E1020"), "duplicate person id: {err}");
    assert_eq!(codes.len(), 2, "{err}");
}

#[test]
fn from_raw_checks_the_policy_ranges() {
    let mut policy = policy();
    policy.quota.rate = 1.5;
    let err = Instance::from_raw(county(), policy).unwrap_err();
    assert_eq!(err.codes(), vec!["E1006"], "{err}");
    assert!(err.to_string().contains("quota.rate"), "{err}");
}

#[test]
fn a_duplicate_id_names_the_line_of_its_first_row() {
    use rotation::input::records::Src;
    let mut raw = county();
    raw.staff.clear();
    for (id, school, line) in [("p1", "nowhere", 2), ("p2", "core", 3), ("p2", "core", 6)] {
        let mut s = RawStaff::new(id, school, "math");
        s.src = Src::new("staff.csv", line);
        raw.staff.push(s);
    }
    let err = Instance::from_raw(raw, policy()).unwrap_err().to_string();
    assert!(
        err.contains("`p2` is used twice (first on line 3)"),
        "{err}"
    );
}
