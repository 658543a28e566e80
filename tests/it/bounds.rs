//! Bounded inputs (issue 13): every numeric key has a range and a value outside it is
//! refused at once, naming the key, the value and the range, before anything is allocated;
//! long error listings are capped; clap's usage errors have a code like every other error;
//! every file's problems come at once.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;

/// The demo scenario in `dir` under a policy file holding `policy` (plus the baseline's
/// other keys by default), reading the roster text `staff`.
fn scenario(dir: &Path, policy: &str, staff: &str) -> String {
    std::fs::write(dir.join("p.toml"), policy).unwrap();
    std::fs::write(dir.join("staff.csv"), staff).unwrap();
    std::fs::copy(
        root().join("scenarios/chengzhong-km.csv"),
        dir.join("km.csv"),
    )
    .unwrap();
    let s = demo_scenario(dir, "staff.csv", "km.csv");
    let text = std::fs::read_to_string(&s).unwrap();
    let policy_line = text.lines().find(|l| l.starts_with("policy")).unwrap();
    let text = text.replace(policy_line, "policy = \"p.toml\"");
    std::fs::write(&s, text).unwrap();
    s.to_str().unwrap().to_string()
}

fn demo_staff() -> String {
    bundled("chengzhong-staff.csv")
}

/// Runs `args` and asserts exit 2 within a few seconds; returns stderr.
fn refused(args: &[&str]) -> String {
    let t = Instant::now();
    let (rc, _, err) = run(args);
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "{args:?} took {:?}",
        t.elapsed()
    );
    assert_eq!(rc, 2, "{args:?}:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn assert_has(text: &str, words: &[&str]) {
    for w in words {
        assert!(text.contains(w), "`{w}` not in:\n{text}");
    }
}

#[test]
fn huge_policy_numbers_are_refused_with_key_value_and_range() {
    let cases = [
        (
            "[policy]\nhorizon_years = 2147483647\n",
            "policy.horizon_years = 2147483647",
            "1 and 10",
        ),
        (
            "[policy]\nhorizon_years = 1000000\n",
            "policy.horizon_years = 1000000",
            "1 and 10",
        ),
        (
            "[policy]\nterm_years = 7\n",
            "policy.term_years = 7",
            "1 and 6",
        ),
        (
            "[solver]\nthreads = 1000000000\n",
            "solver.threads = 1000000000",
            "0 and 256",
        ),
        (
            "[weights]\nequity = 1e20\n",
            "weights.equity = 1e20",
            "0 to 1000000000",
        ),
        (
            "[solver]\ntime_limit_s = inf\n",
            "solver.time_limit_s = inf",
            "at most 1000000",
        ),
    ];
    for (policy, found, range) in cases {
        let dir = tempfile::tempdir().unwrap();
        let s = scenario(dir.path(), policy, &demo_staff());
        for cmd in ["validate", "solve"] {
            let out = dir.path().join("out");
            let err = refused(
                &[cmd, &s, "--out", out.to_str().unwrap()][..if cmd == "solve" { 4 } else { 2 }],
            );
            assert_has(&err, &["error[E1006]", "p.toml:", found, range]);
        }
    }
}

#[test]
fn huge_command_line_numbers_are_refused() {
    let demo = "scenarios/chengzhong.toml";
    let err = refused(&[
        "solve",
        demo,
        "--threads",
        "1000000000",
        "--out",
        "/nonexistent/x",
    ]);
    assert_has(
        &err,
        &["error[E1040]", "solver.threads = 1000000000", "0 and 256"],
    );
    let err = refused(&["validate", demo, "--set", "weights.overdue=1e20"]);
    assert_has(&err, &["error[E1040]", "weights.overdue = 1e20"]);
}

#[test]
fn a_year_out_of_range_in_a_roster_cell_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let staff = demo_staff().replacen(",18,2031,", ",18,99999,", 1);
    let s = scenario(dir.path(), "", &staff);
    let err = refused(&["validate", &s]);
    assert_has(
        &err,
        &[
            "error[E1006]",
            "staff.csv:2",
            "`retire_year` = 99999",
            "1900 and 2200",
        ],
    );
    let staff = demo_staff().replacen(",18,2031,", ",71,2031,", 1);
    let s = scenario(dir.path(), "", &staff);
    let err = refused(&["validate", &s]);
    assert_has(
        &err,
        &["error[E1006]", "`years_at_school` = 71", "0 and 70"],
    );
}

#[test]
fn a_distance_beyond_10000_km_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario(dir.path(), "", &demo_staff());
    let km = std::fs::read_to_string(dir.path().join("km.csv")).unwrap();
    let mut lines: Vec<String> = km.lines().map(String::from).collect();
    let cells: Vec<&str> = lines[1].split(',').collect();
    lines[1] = format!("{},{},20000", cells[0], cells[1]);
    std::fs::write(dir.path().join("km.csv"), lines.join("\n") + "\n").unwrap();
    let err = refused(&["validate", &s]);
    assert_has(&err, &["error[E1030]", "km.csv:2", "20000 km", "10000 km"]);
}

/// The demo roster with its first `n` rows given a years_at_school that is no number.
fn roster_with_bad_rows(n: usize) -> String {
    let text = demo_staff();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for l in lines.iter_mut().skip(1).take(n) {
        let mut cells: Vec<&str> = l.split(',').collect();
        cells[6] = "many";
        *l = cells.join(",");
    }
    lines.join("\n") + "\n"
}

#[test]
fn error_listings_stop_at_100_unless_all_errors_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario(dir.path(), "", &roster_with_bad_rows(150));
    let err = refused(&["validate", &s]);
    assert_eq!(err.matches("error[E1012]").count(), 100, "{err}");
    assert_has(
        &err,
        &["50 more problems", "--all-errors", "150 problems found"],
    );
    let err = refused(&["validate", &s, "--all-errors"]);
    assert_eq!(err.matches("error[E1012]").count(), 150, "{err}");
    assert!(!err.contains("more problems"), "{err}");
    // A short listing is not capped and says nothing of the flag.
    let s = scenario(dir.path(), "", &roster_with_bad_rows(3));
    let err = refused(&["validate", &s]);
    assert_eq!(err.matches("error[E1012]").count(), 3, "{err}");
    assert!(!err.contains("--all-errors"), "{err}");
}

#[test]
fn usage_errors_have_a_code_and_the_shape_of_other_errors() {
    let err = refused(&["solve", "scenarios/chengzhong.toml", "--tread", "3"]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("error[E1042] --tread: `rotation solve` has no option --tread"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("    fix: ") && lines[1].contains("--threads"),
        "{err}"
    );
    let err = refused(&["validate", "--lang", "zh"]);
    assert!(err.starts_with("错误[E1042] <情景文件>: "), "{err}");
    assert!(err.contains("    处理: "), "{err}");
    for ok in [&["--help"][..], &["--version"], &["solve", "--help"]] {
        let (rc, out, _) = run(ok);
        assert_eq!(rc, 0, "{ok:?}");
        assert!(out.contains("rotation"), "{out}");
    }
}

/// The policy file a scenario names is read, and its problems reported, even when the
/// roster has problems too; a repeated staff id is reported beside a bad cell.
#[test]
fn every_files_problems_come_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let staff = demo_staff()
        .replacen(",18,2031,", ",eighteen,2031,", 1)
        .replacen("CZ0003,", "CZ0002,", 1);
    let s = scenario(dir.path(), "[quota]\nrat = 0.2\n", &staff);
    let err = refused(&["validate", &s]);
    assert_has(
        &err,
        &[
            "error[E1003]",
            "p.toml:2",
            "`rat`",
            "error[E1012]",
            "staff.csv:2",
            "error[E1020]",
            "staff.csv:4",
            "3 problems found",
        ],
    );
}

#[test]
fn a_subject_minimum_beyond_any_school_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario(dir.path(), "", &demo_staff());
    let text = std::fs::read_to_string(&s).unwrap();
    let at = text.find("[schools.min_subject]\n").unwrap() + "[schools.min_subject]\n".len();
    let line = text[at..].lines().next().unwrap();
    let subject = line.split('=').next().unwrap().trim();
    let text = text.replacen(line, &format!("{subject} = 1000000"), 1);
    std::fs::write(&s, text).unwrap();
    let err = refused(&["validate", &s]);
    assert_has(&err, &["error[E1004]", "from 0 to 10000"]);
}
