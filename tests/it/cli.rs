//! The command line as one path: `--time-limit` and `--threads` are `--set` keys under
//! other names, checked by the same policy table and written the same way.

use crate::common::*;

#[test]
fn time_limit_and_threads_are_set_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let scenario = "scenarios/rules/quota.toml";
    let (rc, _, err) = run(&[
        "solve",
        scenario,
        "--time-limit",
        "7.5",
        "--threads",
        "1",
        "--out",
        a.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
    let (rc, _, err) = run(&[
        "solve",
        scenario,
        "--set",
        "solver.time_limit_s=7.5",
        "--set",
        "solver.threads=1",
        "--out",
        b.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
    let policy = |d: &std::path::Path| {
        let s: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("summary.json")).unwrap()).unwrap();
        s["policy_values"].clone()
    };
    assert_eq!(policy(&a), policy(&b));
    assert_eq!(policy(&a)["solver"]["time_limit_s"], 7.5);
    assert_eq!(policy(&a)["solver"]["threads"], 1);
    assert_eq!(
        std::fs::read(a.join("roster.csv")).unwrap(),
        std::fs::read(b.join("roster.csv")).unwrap()
    );
}

#[test]
fn a_bad_time_limit_is_refused_like_a_bad_set() {
    for args in [
        &[
            "validate",
            "scenarios/chengzhong.toml",
            "--set",
            "solver.time_limit_s=0",
        ][..],
        &["solve", "scenarios/chengzhong.toml", "--time-limit", "0"][..],
        &["compare", "scenarios/chengzhong.toml", "--time-limit", "0"][..],
        &["bench", "scenarios/rules/quota.toml", "--time-limit", "0"][..],
    ] {
        let (rc, _, err) = run(args);
        assert_eq!(rc, 2, "{args:?}: {err}");
        assert!(
            err.contains("E1040") && err.contains("solver.time_limit_s"),
            "{args:?}: {err}"
        );
    }
}

fn summary_of(args: &[&str], dir: &std::path::Path) -> (i32, serde_json::Value) {
    let out = dir.to_str().unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", out]);
    let (rc, _, err) = run(&all);
    let text = std::fs::read(dir.join("summary.json")).unwrap_or_else(|e| panic!("{e}: {err}"));
    (rc, serde_json::from_slice(&text).unwrap())
}

#[test]
fn summary_coverage_margins_are_those_of_the_school_years() {
    let dir = tempfile::tempdir().unwrap();
    let (rc, s) = summary_of(&["solve", "scenarios/chengzhong.toml"], dir.path());
    assert_eq!(rc, 0);
    let mut margins = Vec::new();
    for school in s["schools"].as_array().unwrap() {
        for y in school["years"].as_array().unwrap() {
            for c in y["coverage"].as_array().unwrap() {
                margins.push(c["present"].as_i64().unwrap() - c["min"].as_i64().unwrap());
            }
        }
    }
    let c = &s["coverage"];
    assert_eq!(c["checked"].as_u64().unwrap() as usize, margins.len());
    assert_eq!(c["smallest_margin"].as_i64(), margins.iter().min().copied());
    let at_min = margins.iter().filter(|&&m| m == 0).count();
    assert_eq!(c["at_min"].as_u64().unwrap() as usize, at_min);
    assert_eq!(
        c["tightest"].as_array().unwrap().len(),
        3.min(margins.len())
    );
}

#[test]
fn an_infeasible_summary_describes_the_model_proven_infeasible() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "solve",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/strict-seed.toml",
    ];
    let (rc, s) = summary_of(&args, dir.path());
    assert_eq!(rc, 1);
    assert_eq!(s["status"], "infeasible");
    assert_eq!(s["message"], "no plan keeps every hard rule");
    assert!(s["objective"].is_null() && s["elastic_objective"].as_f64().unwrap() > 0.0);
    // The hard model has no slack columns: fewer columns than the elastic re-solve's.
    let elastic_dir = tempfile::tempdir().unwrap();
    let (_, e) = summary_of(&[&args[..], &["--elastic"]].concat(), elastic_dir.path());
    let cols = |v: &serde_json::Value| v["stats"]["variables"].as_u64().unwrap();
    assert!(cols(&s) < cols(&e), "{} vs {}", cols(&s), cols(&e));
    assert_eq!(s["stats"]["binaries"], e["stats"]["binaries"]);
}

#[test]
fn hr_sees_each_school_year_s_starts_out_against_its_stability_cap() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    // A and B are both due, but ceil(0.15 × 2 staff) = 1 may leave c: A alone goes.
    let (rc, stdout, err) = run(&["solve", "scenarios/rules/stability-cap.toml", "--out", out]);
    assert_eq!(rc, 0, "{err}");
    assert!(
        stdout.contains("1/1") && stdout.contains("队伍稳定"),
        "{stdout}"
    );
    let text = std::fs::read(dir.path().join("summary.json")).unwrap();
    let s: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let c = &s["schools"][0]["years"][0];
    assert_eq!(
        (c["new_out"].as_u64(), c["out_cap"].as_u64()),
        (Some(1), Some(1))
    );
}
