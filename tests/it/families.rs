//! The county families of `rotation generate` (issue 25): the knobs at their defaults give
//! today's files byte for byte (the committed `scenarios/generated/county-*` that tests and
//! benches use), a dense district packs the schools so that most reach most others, and the
//! shortage and cap-pressure knobs bind where they say.

use crate::common::*;
use rotation::generate::{self, Density, Options};

/// The committed files of `county-<groups>g-s1`.
fn committed(groups: usize) -> (String, Vec<u8>) {
    committed_stem(&format!("county-{groups}g-s1"))
}

/// The committed files of a stem of `scenarios/generated/`.
fn committed_stem(stem: &str) -> (String, Vec<u8>) {
    let dir = root().join("scenarios/generated");
    (
        std::fs::read_to_string(dir.join(format!("{stem}.toml"))).unwrap(),
        std::fs::read(dir.join(format!("{stem}-staff.csv"))).unwrap(),
    )
}

#[test]
fn default_knobs_give_the_committed_counties_byte_for_byte() {
    for groups in [6, 12, 30] {
        let c = generate::generate(&Options {
            groups,
            ..Default::default()
        });
        let (toml, csv) = committed(groups);
        assert_eq!(c.stem, format!("county-{groups}g-s1"));
        assert!(c.scenario_toml == toml, "{groups} groups: scenario differs");
        assert!(c.staff_csv == csv, "{groups} groups: roster differs");
    }
}

/// The dense districts the benches time are what `--density dense` writes.
#[test]
fn the_committed_districts_are_the_generators() {
    for groups in [12, 30] {
        let c = generate::generate(&Options {
            groups,
            density: Density::Dense,
            ..Default::default()
        });
        let (toml, csv) = committed_stem(&c.stem);
        assert!(c.scenario_toml == toml, "{}: scenario differs", c.stem);
        assert!(c.staff_csv == csv, "{}: roster differs", c.stem);
    }
}

#[test]
fn the_command_line_defaults_are_the_knobs_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, o, e) = run(&["generate", "--groups", "6", "--out", out]);
    assert_eq!(code, 0, "{o}{e}");
    let (toml, csv) = committed(6);
    assert!(std::fs::read_to_string(dir.path().join("county-6g-s1.toml")).unwrap() == toml);
    assert!(std::fs::read(dir.path().join("county-6g-s1-staff.csv")).unwrap() == csv);
    let (code, o, e) = run(&[
        "generate",
        "--groups",
        "2",
        "--density",
        "dense",
        "--shortage",
        "0.5",
        "--cap-pressure",
        "0.25",
        "--out",
        out,
    ]);
    assert_eq!(code, 0, "{o}{e}");
    let path = dir.path().join("district-2g-s1-sh50-cp25.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("--density dense --shortage 0.5 --cap-pressure 0.25"));
    assert!(text.contains("district-2g-s1-sh50-cp25-staff.csv"));
    rotation::load::instance(&path, None, &[]).expect("the district loads");
    let (code, _, _) = run(&["generate", "--groups", "2", "--shortage", "1.5"]);
    assert_eq!(code, 2, "a fraction above 1 is refused");
}

/// (lat, lon) of every `[[schools]]` table of a generated scenario.
fn coordinates(scenario_toml: &str) -> Vec<(f64, f64)> {
    let v: toml::Value = toml::from_str(scenario_toml).unwrap();
    v["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["lat"].as_float().unwrap(), s["lon"].as_float().unwrap()))
        .collect()
}

/// Great-circle km as MODEL.md fixes it (haversine, R = 6371 km).
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The median over schools of the other schools within the default policy's reach: 30 km
/// of road, i.e. 30 / 1.3 km in a straight line.
fn median_reach(scenario_toml: &str) -> usize {
    let pts = coordinates(scenario_toml);
    let mut reach: Vec<usize> = pts
        .iter()
        .map(|&a| {
            pts.iter()
                .filter(|&&b| b != a && km(a, b) * 1.3 <= 30.0)
                .count()
        })
        .collect();
    reach.sort();
    reach[reach.len() / 2]
}

#[test]
fn a_dense_district_reaches_far_more_schools_than_a_spread_county() {
    let spread = generate::generate(&Options {
        groups: 12,
        ..Default::default()
    });
    let dense = generate::generate(&Options {
        groups: 12,
        density: Density::Dense,
        ..Default::default()
    });
    assert_eq!(dense.stem, "district-12g-s1");
    assert_eq!(
        dense.staff, spread.staff,
        "the same schools, placed otherwise"
    );
    let (s, d) = (
        median_reach(&spread.scenario_toml),
        median_reach(&dense.scenario_toml),
    );
    assert!(s <= 20, "spread: median {s}");
    assert!(d >= 50 && d >= 3 * s, "dense: median {d}, spread {s}");
}

/// `(school id, subject minimums)` of every school of a generated scenario.
fn minimums(scenario_toml: &str) -> Vec<(String, Vec<i64>)> {
    let v: toml::Value = toml::from_str(scenario_toml).unwrap();
    v["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mins = s["min_subject"].as_table().unwrap();
            let id = s["id"].as_str().unwrap().to_string();
            (id, mins.values().map(|m| m.as_integer().unwrap()).collect())
        })
        .collect()
}

#[test]
fn shortage_and_cap_pressure_change_only_what_they_say() {
    let base = generate::generate(&Options {
        groups: 3,
        ..Default::default()
    });
    let short = generate::generate(&Options {
        groups: 3,
        shortage: 1.0,
        ..Default::default()
    });
    assert_eq!(short.stem, "county-3g-s1-sh100");
    // The same roster: only the members' minimums rise, to the staff present.
    assert!(short.staff_csv == base.staff_csv);
    let mut raised = 0;
    for ((id, a), (_, b)) in minimums(&base.scenario_toml)
        .iter()
        .zip(&minimums(&short.scenario_toml))
    {
        let member = id.contains("-m") || id.contains("-t");
        assert!(b.iter().zip(a).all(|(b, a)| b >= a), "{id}");
        assert!(member || a == b, "{id}: only members are short");
        raised += b.iter().zip(a).filter(|(b, a)| b > a).count();
    }
    assert!(raised > 0, "some member's minimum rises");
    let pressed = generate::generate(&Options {
        groups: 3,
        cap_pressure: 1.0,
        ..Default::default()
    });
    assert_eq!(pressed.stem, "county-3g-s1-cp100");
    let due_at_cores = |csv: &[u8]| {
        let text = String::from_utf8(csv.to_vec()).unwrap();
        let mut lines = text.lines();
        let head: Vec<&str> = lines.next().unwrap().split(',').collect();
        let (school, post, years) = (
            head.iter().position(|&h| h == "school").unwrap(),
            head.iter().position(|&h| h == "post").unwrap(),
            head.iter().position(|&h| h == "years_at_school").unwrap(),
        );
        let rows: Vec<Vec<String>> = lines
            .map(|l| l.split(',').map(str::to_string).collect())
            .filter(|r: &Vec<String>| r[school].ends_with("-core") && r[post] != "principal")
            .collect();
        let due = rows
            .iter()
            .filter(|r| r[years].parse::<i32>().unwrap() >= 6)
            .count();
        (due, rows.len())
    };
    let (due0, n0) = due_at_cores(&base.staff_csv);
    let (due1, n1) = due_at_cores(&pressed.staff_csv);
    assert_eq!(n0, n1);
    assert!(due0 < n0 && due1 == n1, "{due0}/{n0} → {due1}/{n1}");
}

/// The backbone column of a roster, `(school, backbone)` per row.
fn backbone_by_school(csv: &[u8]) -> Vec<(String, bool)> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| head.iter().position(|&h| h == name).unwrap();
    let (school, backbone) = (at("school"), at("backbone"));
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .map(|r| {
            (
                r[school].to_string(),
                matches!(r[backbone], "1" | "true" | "yes" | "是"),
            )
        })
        .collect()
}

/// `--tight` leaves the cores where they were, makes ordinary members trusteed (at most two
/// a group), brings the members' staff near the core's and thins their backbone teachers;
/// the other knobs' files (the committed hard groups) are unchanged by it at 0.
#[test]
fn tight_groups_change_only_what_they_say() {
    let base = generate::generate(&Options {
        groups: 3,
        ..Default::default()
    });
    let tight = generate::generate(&Options {
        groups: 3,
        tight: 1.0,
        ..Default::default()
    });
    assert_eq!(tight.stem, "county-3g-s1-ti100");
    assert!(tight.scenario_toml.contains("--tight 1`"));
    let groups = |t: &str| {
        let v: toml::Value = toml::from_str(t).unwrap();
        v["groups"].as_array().unwrap().clone()
    };
    let core_coords = |t: &str| {
        let v: toml::Value = toml::from_str(t).unwrap();
        v["schools"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["id"].as_str().unwrap().ends_with("-core"))
            .map(|s| {
                (
                    s["id"].to_string(),
                    s["lat"].to_string(),
                    s["lon"].to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        core_coords(&base.scenario_toml),
        core_coords(&tight.scenario_toml)
    );
    let staff_of = |rows: &[(String, bool)], s: &str| rows.iter().filter(|r| r.0 == s).count();
    let (b, t) = (
        backbone_by_school(&base.staff_csv),
        backbone_by_school(&tight.staff_csv),
    );
    for (gb, gt) in groups(&base.scenario_toml)
        .iter()
        .zip(groups(&tight.scenario_toml))
    {
        let ids = |g: &toml::Value, k: &str| g[k].as_array().unwrap().len();
        let schools = |g: &toml::Value| ids(g, "trusteed") + ids(g, "members");
        assert_eq!(schools(gb), schools(&gt), "the same schools");
        assert!(ids(&gt, "trusteed") >= ids(gb, "trusteed").min(2));
        assert!(ids(&gt, "trusteed") <= ids(gb, "trusteed").max(2));
        let core = gt["core"].as_str().unwrap();
        assert_eq!(
            staff_of(&b, core),
            staff_of(&t, core),
            "{core}: the core's staff"
        );
        let members: usize = ["trusteed", "members"]
            .iter()
            .flat_map(|k| gt[k].as_array().unwrap())
            .map(|s| staff_of(&t, s.as_str().unwrap()))
            .sum();
        let c = staff_of(&t, core);
        assert!(
            members + 5 >= c && members * 10 <= c * 13 + 10 * 16 * 5,
            "{core}: {members} vs {c}"
        );
    }
    let member_backbone = |rows: &[(String, bool)]| {
        rows.iter()
            .filter(|r| !r.0.ends_with("-core") && r.1)
            .count()
    };
    assert!(member_backbone(&b) > 0 && member_backbone(&t) == 0);
}

/// Every committed `hard-*` group is what the command on its first line writes, byte for
/// byte (past its renamed roster): a knob at 0 (`--tight` for the older ones) draws nothing.
#[test]
fn the_committed_hard_groups_are_the_generators() {
    let dir = root().join("scenarios/generated");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name
            .strip_prefix("hard-")
            .and_then(|s| s.strip_suffix(".toml"))
        else {
            continue;
        };
        let stem = format!("hard-{stem}");
        let (toml, csv) = committed_stem(&stem);
        let command = toml.lines().next().unwrap();
        let words: Vec<&str> = command
            .split('`')
            .nth(1)
            .unwrap()
            .split_whitespace()
            .collect();
        let mut opts = Options::default();
        for pair in words[2..].chunks(2) {
            let v = pair[1];
            match pair[0] {
                "--groups" => opts.groups = v.parse().unwrap(),
                "--seed" => opts.seed = v.parse().unwrap(),
                "--density" => {
                    opts.density = if v == "dense" {
                        Density::Dense
                    } else {
                        Density::Spread
                    }
                }
                "--shortage" => opts.shortage = v.parse().unwrap(),
                "--cap-pressure" => opts.cap_pressure = v.parse().unwrap(),
                "--tight" => opts.tight = v.parse().unwrap(),
                other => panic!("{stem}: {other}"),
            }
        }
        let c = generate::generate(&opts);
        let renamed = c.scenario_toml.replace(
            &format!("\"{}-staff.csv\"", c.stem),
            &format!("\"{stem}-staff.csv\""),
        );
        assert!(renamed == toml, "{stem}: scenario differs");
        assert!(c.staff_csv == csv, "{stem}: roster differs");
        seen += 1;
    }
    assert!(seen >= 2, "{seen} hard groups");
}
