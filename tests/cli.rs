//! The command line as one path: `--time-limit` and `--threads` are `--set` keys under
//! other names, checked by the same policy table and written the same way.

mod common;

use common::*;

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
