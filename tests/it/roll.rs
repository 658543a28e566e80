//! `rotation roll`: the demo rolled into next year's scenario, which `validate` accepts and
//! `solve` plans; the rules of SCENARIO.md v2 seen on the files; the inputs untouched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::common::{self, *};

/// A roster CSV as rows of cells by column name (a byte-order mark dropped).
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn by_id(rows: &[HashMap<String, String>], key: &str) -> HashMap<String, HashMap<String, String>> {
    rows.iter().map(|r| (r[key].clone(), r.clone())).collect()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for p in files_in(dir) {
        if p.is_dir() {
            out.extend(snapshot(&p));
        } else {
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out
}

/// The demo copied into `root/in` (its policy into `root/models`), with an unknown column
/// `hr_note`, two persons retiring in 2028 and a pin on a third (the pin kept off the
/// solve: the reader may not know pins yet, and a pin is cleared by `roll` anyway).
fn demo_copy(root: &Path) -> PathBuf {
    let src = common::root();
    std::fs::create_dir_all(root.join("in")).unwrap();
    std::fs::create_dir_all(root.join("models")).unwrap();
    std::fs::copy(
        src.join("models/baseline.toml"),
        root.join("models/baseline.toml"),
    )
    .unwrap();
    std::fs::copy(
        src.join("scenarios/chengzhong-km.csv"),
        root.join("in/chengzhong-km.csv"),
    )
    .unwrap();
    // The demo's roster is a workbook; this test rolls (and edits) its CSV twin.
    let toml = std::fs::read_to_string(src.join("scenarios/chengzhong.toml")).unwrap();
    let toml = toml.replace("chengzhong-staff.xlsx", "chengzhong-staff.csv");
    std::fs::write(root.join("in/chengzhong.toml"), toml).unwrap();
    let text = std::fs::read_to_string(src.join("scenarios/chengzhong-staff.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        if i == 0 {
            cells.push("hr_note".into());
        } else {
            cells.push(format!("note {i}"));
            if ["CZ0040", "CZ0057"].contains(&cells[0].as_str()) {
                cells[7] = "2028".into();
            }
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    std::fs::write(root.join("in/chengzhong-staff.csv"), out).unwrap();
    root.join("in/chengzhong.toml")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_demo_rolls_into_a_scenario_that_validates_and_solves() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = demo_copy(tmp.path());
    let (plan_dir, next) = (tmp.path().join("plan"), tmp.path().join("next"));
    let (rc, _, err) = run(&["solve", s(&scenario), "--out", s(&plan_dir)]);
    assert_eq!(rc, 0, "{err}");
    let plan_file = plan_dir.join("roster.csv");
    let before = snapshot(tmp.path());
    let (rc, out, err) = run(&[
        "roll",
        s(&scenario),
        "--plan",
        s(&plan_file),
        "--out",
        s(&next),
    ]);
    assert_eq!(rc, 0, "{err}");
    assert_eq!(
        snapshot(&tmp.path().join("in")),
        before
            .iter()
            .filter(|(p, _)| p.starts_with(tmp.path().join("in")))
            .cloned()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        snapshot(&plan_dir),
        before
            .iter()
            .filter(|(p, _)| p.starts_with(&plan_dir))
            .cloned()
            .collect::<Vec<_>>()
    );
    assert!(out.contains("CZ0040") && out.contains("CZ0057"), "{out}");

    let new_scenario = next.join("chengzhong-2028.toml");
    let toml = std::fs::read_to_string(&new_scenario).unwrap();
    assert!(
        toml.contains("plan_year = 2028") && toml.contains("school year 2028"),
        "{toml}"
    );
    assert!(
        toml.contains("policy = \"../models/baseline.toml\""),
        "{toml}"
    );
    assert!(
        toml.contains("distances = \"../in/chengzhong-km.csv\""),
        "{toml}"
    );
    assert!(toml.starts_with("# Demo county"), "the comments are kept");
    let (rc, _, err) = run(&["validate", s(&new_scenario)]);
    assert_eq!(rc, 0, "{err}");

    let new_roster = next.join("chengzhong-2028-staff.csv");
    assert!(std::fs::read(&new_roster)
        .unwrap()
        .starts_with("\u{feff}".as_bytes()));
    rules_hold(
        tmp.path(),
        &plan_file,
        &new_roster,
        &next.join("chengzhong-2028-retired.csv"),
    );
    plans_respect_return_and_retirement(&new_scenario, &new_roster, &tmp.path().join("next-plan"));
}

/// Each rule of SCENARIO.md's `roll`, seen on the files.
fn rules_hold(root: &Path, plan: &Path, new_roster: &Path, retired: &Path) {
    let old = by_id(&rows(&root.join("in/chengzhong-staff.csv")), "id");
    let new = by_id(&rows(new_roster), "id");
    let plan = rows(plan);
    let retiring = ["CZ0040", "CZ0057"];
    for id in retiring {
        assert!(!new.contains_key(id), "{id} retires in 2028 and leaves");
    }
    let listed: Vec<String> = rows(retired).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(listed, retiring);
    assert_eq!(new.len(), old.len() - 2);
    for p in &plan {
        let id = &p["person_id"];
        let Some(n) = new.get(id) else { continue };
        if p["start_year"] == "2027" {
            assert_eq!(
                (n["exchange_host"].as_str(), n["exchange_start"].as_str()),
                (p["host_school"].as_str(), "2027")
            );
        } else {
            assert_eq!(p["start_year"], "2028");
            // Dropped: the person keeps what the roster said (or comes back from it).
            let kept = [old[id]["exchange_start"].as_str(), ""];
            assert!(
                kept.contains(&n["exchange_start"].as_str()),
                "{id}: a start in 2028 is dropped"
            );
        }
    }
    let mut returned = 0;
    for (id, o) in &old {
        let Some(n) = new.get(id) else { continue };
        assert_eq!(n["hr_note"], o["hr_note"], "an unknown column survives");
        let years: i32 = o["years_at_school"].parse().unwrap();
        if o["exchange_start"] == "2026" {
            returned += 1;
            assert_eq!(
                (n["exchange_host"].as_str(), n["exchange_start"].as_str()),
                ("", "")
            );
            assert_eq!(
                (
                    n["last_return_year"].as_str(),
                    n["years_at_school"].as_str()
                ),
                ("2028", "0")
            );
        } else {
            assert_eq!(n["years_at_school"], (years + 1).to_string(), "{id}");
        }
    }
    assert!(returned > 0, "the demo has exchanges ending in 2027");
}

/// The rolled scenario solves, and nobody retiring is planned. Returners have
/// `years_at_school = 0`, so `min_years_at_school` (3) alone keeps them home in 2028–2029;
/// with it at 0, the default cooldown 0 lets some go again at once (`y ≥ return + 0`), and a
/// cooldown of 2 sends none in the horizon.
fn plans_respect_return_and_retirement(scenario: &Path, roster: &Path, out: &Path) {
    let new = by_id(&rows(roster), "id");
    let mut returners_sent = Vec::new();
    for (sets, dir) in [
        (vec![], out.join("default")),
        (
            vec!["policy.min_years_at_school=0", "policy.cooldown_years=0"],
            out.join("c0"),
        ),
        (
            vec!["policy.min_years_at_school=0", "policy.cooldown_years=2"],
            out.join("c2"),
        ),
    ] {
        let mut args = vec!["solve", s(scenario), "--out", s(&dir)];
        sets.iter().for_each(|k| args.extend(["--set", k]));
        let (rc, _, err) = run(&args);
        assert_eq!(rc, 0, "{err}");
        let cooldown = if sets.iter().any(|k| k.ends_with("=2")) {
            2
        } else {
            0
        };
        let mut sent = 0;
        for p in rows(&dir.join("roster.csv")) {
            let person = &new[&p["person_id"]];
            let y: i32 = p["start_year"].parse().unwrap();
            if let Ok(back) = person["last_return_year"].parse::<i32>() {
                assert!(
                    y >= back + cooldown,
                    "{} back in {back}, sent in {y}",
                    p["person_id"]
                );
                sent += usize::from(back == 2028);
            }
            if let Ok(r) = person["retire_year"].parse::<i32>() {
                assert!(r - y >= 5, "{} retires in {r}", p["person_id"]);
            }
        }
        returners_sent.push(sent);
    }
    assert_eq!(
        returners_sent[0], 0,
        "years_at_school = 0 keeps returners home"
    );
    assert!(
        returners_sent[1] > 0,
        "with no minimum years and cooldown 0 some go again"
    );
    assert_eq!(
        returners_sent[2], 0,
        "a cooldown of 2 keeps them home in 2028-2029"
    );
}

#[test]
fn inline_staff_are_written_as_a_roster_file() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = tmp.path().join("plan.csv");
    std::fs::write(&plan, "person_id,host_school,start_year\nP,m,2027\n").unwrap();
    let next = tmp.path().join("next");
    let scenario = "scenarios/rules/one-start.toml";
    let (rc, out, err) = run(&["roll", scenario, "--plan", s(&plan), "--out", s(&next)]);
    assert_eq!(rc, 0, "{err}");
    assert!(out.contains("inline"), "{out}");
    let toml = std::fs::read_to_string(next.join("one-start-2028.toml")).unwrap();
    assert!(
        !toml.contains("[[staff]]") && toml.contains("staff = \"one-start-2028-staff.csv\""),
        "{toml}"
    );
    let staff = rows(&next.join("one-start-2028-staff.csv"));
    assert_eq!(
        (
            staff[0]["name"].as_str(),
            staff[0]["exchange_host"].as_str()
        ),
        ("王老师", "m")
    );
    assert_eq!(staff[0]["years_at_school"], "4");
    let (rc, _, err) = run(&["validate", s(&next.join("one-start-2028.toml"))]);
    assert_eq!(rc, 0, "{err}");
}

#[test]
fn a_bad_plan_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let next = tmp.path().join("next");
    let scenario = "scenarios/rules/one-start.toml";
    for (rows, code) in [
        ("X,m,2027", "E1031"),
        ("P,m,2026", "E1032"),
        ("P,c,2027", "E1032"),
        ("P,m,2027\nP,m,2028", "E1032"),
    ] {
        let plan = tmp.path().join("plan.csv");
        std::fs::write(&plan, format!("person_id,host_school,start_year\n{rows}\n")).unwrap();
        let (rc, _, err) = run(&["roll", scenario, "--plan", s(&plan), "--out", s(&next)]);
        assert_eq!(rc, 2, "{rows}: {err}");
        assert!(err.contains(code), "{rows}: {err}");
        assert!(!next.exists(), "{rows}");
    }
}

#[test]
fn an_output_that_would_replace_an_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("x.toml"), "[scenario]\nplan_year = 2027\nstaff = \"x-2028-staff.csv\"\n[[schools]]\nid = \"c\"\nlat = 1.0\nlon = 1.0\n").unwrap();
    std::fs::write(
        dir.join("x-2028-staff.csv"),
        "id,school,subject\nA,c,math\n",
    )
    .unwrap();
    std::fs::write(dir.join("plan.csv"), "person_id,host_school,start_year\n").unwrap();
    let before = snapshot(dir);
    let (rc, _, err) = run(&[
        "roll",
        s(&dir.join("x.toml")),
        "--plan",
        s(&dir.join("plan.csv")),
        "--out",
        s(dir),
    ]);
    // Refused before anything is written: a usage problem (2), not a failed write (4).
    assert_eq!(rc, 2, "{err}");
    assert!(err.contains("E1050"), "{err}");
    assert_eq!(snapshot(dir), before);
}
