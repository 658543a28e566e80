//! School `lat`/`lon` are optional when the distance table gives every distance a school
//! needs (issue 10, item 3): the same plan without them, and an input error naming each
//! pair (or resident and host) that cannot be found, only for distances that are needed.

use std::path::{Path, PathBuf};

use crate::common::*;
use rotation::check;
use rotation::instance::{Instance, PersonId};
use rotation::instance::{Plan, Start};

/// The demo roster with the residence cells emptied, so that every commute comes from a
/// school-to-school distance.
fn staff_without_residences() -> String {
    let text = bundled("chengzhong-staff.csv");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let cols: Vec<&str> = header.split(',').collect();
    let lat = cols.iter().position(|&c| c == "home_lat").unwrap();
    let lon = cols.iter().position(|&c| c == "home_lon").unwrap();
    let mut out = format!("{header}\n");
    for line in lines {
        let mut cells: Vec<&str> = line.split(',').collect();
        (cells[lat], cells[lon]) = ("", "");
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Every pair of schools of one group, with the distance the demo gives it (its table row,
/// else the straight line × detour), written exactly (`{}` round-trips an f64).
fn group_pairs_km(inst: &Instance) -> String {
    let mut out = String::from("from,to,km\n");
    for a in inst.school_ids() {
        for b in inst.school_ids().filter(|&b| b > a) {
            let (sa, sb) = (inst.school(a), inst.school(b));
            if sa.group.is_none() || sa.group != sb.group {
                continue;
            }
            let km = inst
                .table_km
                .get(&(a, b))
                .copied()
                .unwrap_or_else(|| inst.school_km(a, b).unwrap() * inst.policy.detour_factor);
            out.push_str(&format!("{},{},{km}\n", sa.id, sb.id));
        }
    }
    out
}

/// The demo scenario without any school `lat`/`lon`, in `dir`, reading `staff` and `km`.
fn without_coordinates(dir: &Path, staff: &str, km: &str) -> PathBuf {
    let path = demo_scenario(dir, staff, km);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("lat =") && !l.starts_with("lon ="))
        .collect();
    let out = dir.join("no-coords.toml");
    std::fs::write(&out, kept.join("\n") + "\n").unwrap();
    out
}

/// A folder with the residence-free roster, the demo's own table and the full group table.
fn files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let demo = load("scenarios/chengzhong.toml", &[]);
    std::fs::write(dir.path().join("staff.csv"), staff_without_residences()).unwrap();
    std::fs::write(dir.path().join("full.csv"), group_pairs_km(&demo)).unwrap();
    std::fs::write(dir.path().join("demo.csv"), bundled("chengzhong-km.csv")).unwrap();
    dir
}

fn validate(scenario: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["validate", scenario.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (rc, _, err) = run(&args);
    (rc, err)
}

#[test]
fn without_coordinates_a_full_table_gives_the_same_plan_and_objective() {
    let dir = files();
    let with = rotation::load::instance(
        &demo_scenario(dir.path(), "staff.csv", "demo.csv"),
        None,
        &[],
    );
    let without = rotation::load::instance(
        &without_coordinates(dir.path(), "staff.csv", "full.csv"),
        None,
        &[],
    );
    let (with, without) = (with.unwrap(), without.unwrap());
    assert!(without.schools.iter().all(|s| s.coords.is_none()));
    let (a, ra) = solve_and_check(&with);
    let (b, rb) = solve_and_check(&without);
    assert_eq!(a.plan, b.plan);
    let (oa, ob) = (a.objective.unwrap(), b.objective.unwrap());
    assert!((oa - ob).abs() <= 1e-9 * (1.0 + oa.abs()), "{oa} vs {ob}");
    assert_eq!(ra.distances_km, rb.distances_km);
}

#[test]
fn a_missing_needed_pair_is_named_by_id_and_name_with_exit_2() {
    let dir = files();
    let full = std::fs::read_to_string(dir.path().join("full.csv")).unwrap();
    let short: String = full
        .lines()
        .filter(|l| !l.starts_with("no11,lushaer-2,") && !l.starts_with("no8,lijiashan,"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("short.csv"), short).unwrap();
    let scenario = without_coordinates(dir.path(), "staff.csv", "short.csv");
    let (rc, err) = validate(&scenario, &[]);
    assert_eq!(rc, 2, "{err}");
    // Both pairs at once, each naming its schools by id and name.
    assert!(err.contains("error[E1037]"), "{err}");
    assert!(
        err.contains("no11 (西宁市第十一中学) – lushaer-2 ("),
        "{err}"
    );
    assert!(err.contains("no8 (西宁市第八中学) – lijiashan ("), "{err}");
    assert!(err.contains("add the row `no11,lushaer-2,KM`"), "{err}");
    assert_eq!(err.matches("error[E1037]").count(), 2, "{err}");
}

#[test]
fn pairs_no_start_can_use_are_not_asked_for_and_a_long_list_is_capped() {
    let dir = files();
    let scenario = without_coordinates(dir.path(), "staff.csv", "full.csv");
    // At scope `group` the table of group pairs is enough (the first test solves it)...
    assert_eq!(validate(&scenario, &[]).0, 0);
    // ...at scope `county` the 40 pairs across groups are needed: 20 listed, then a count.
    let (rc, err) = validate(&scenario, &["--set", "policy.scope=county"]);
    assert_eq!(rc, 2, "{err}");
    assert_eq!(err.matches("error[E1037]").count(), 21, "{err}");
    assert!(
        err.contains("and 20 more distances cannot be found"),
        "{err}"
    );
}

#[test]
fn a_resident_needs_the_host_coordinates_and_is_named() {
    let dir = files();
    std::fs::write(
        dir.path().join("demo-staff.csv"),
        bundled("chengzhong-staff.csv"),
    )
    .unwrap();
    let scenario = without_coordinates(dir.path(), "demo-staff.csv", "full.csv");
    let (rc, err) = validate(&scenario, &[]);
    assert_eq!(rc, 2, "{err}");
    // CZ0002 (莫芬) of no11 lives at a known residence: the commute is measured from it.
    assert!(err.contains("no commute distance to "), "{err}");
    assert!(err.contains("CZ0002 (莫芬) of no11"), "{err}");
    assert!(err.contains("home_lat"), "{err}");
}

#[test]
fn one_coordinate_without_the_other_is_e1027() {
    let dir = files();
    let scenario = without_coordinates(dir.path(), "staff.csv", "full.csv");
    let text = std::fs::read_to_string(&scenario)
        .unwrap()
        .replace("id = \"no11\"\n", "id = \"no11\"\nlat = 36.6\n");
    std::fs::write(&scenario, text).unwrap();
    let (rc, err) = validate(&scenario, &[]);
    assert_eq!(rc, 2, "{err}");
    assert!(err.contains("error[E1027]"), "{err}");
    assert!(err.contains("`lat` is given without `lon`"), "{err}");
}

#[test]
fn the_checker_names_a_start_whose_commute_is_unknown() {
    let dir = files();
    let scenario = without_coordinates(dir.path(), "staff.csv", "full.csv");
    let inst = rotation::load::instance(&scenario, None, &[]).unwrap();
    let person = inst.people.iter().position(|p| p.id == "CZ0002").unwrap();
    // no11 → no8: another group, so out of scope, and no distance is known for it.
    let host = inst.school_by_id("no8").unwrap();
    let plan = Plan {
        starts: vec![Start {
            person: PersonId(person as u32),
            host,
            year: 2027,
        }],
    };
    let r = check::check(&inst, &plan);
    assert!(!r.ok);
    let broken = rotation::summary::BrokenRule::all(&inst, &r.violations, &[]);
    let text = format!("{broken:?}");
    assert!(text.contains("commute unknown"), "{text}");
    assert!(r.distances_km.is_empty());
    assert!(r.objective.is_finite());
}
