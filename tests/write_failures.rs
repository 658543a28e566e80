//! A write failure (issue 13): the run's status and the plan's figures are printed first,
//! then the cause (E1050), and the run exits 4; files left in the folder by an earlier run
//! are said to be from that run.

mod common;

use std::path::Path;

use common::*;

fn solve(policy: &str, out: &Path) -> (i32, String, String) {
    let policy = format!("models/{policy}.toml");
    let out = out.to_str().unwrap();
    run(&[
        "solve",
        "scenarios/chengzhong.toml",
        "--policy",
        &policy,
        "--out",
        out,
    ])
}

/// An output folder below a regular file, where no folder can be made (also as root).
fn unwritable(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    file.join("out")
}

#[test]
fn an_optimal_plan_that_cannot_be_written_is_still_shown_and_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let (rc, out, err) = solve("baseline", &unwritable(dir.path()));
    assert_eq!(rc, 4, "{out}{err}");
    assert!(out.contains("status optimal   objective 4722.934"), "{out}");
    assert!(err.contains("error[E1050]"), "{err}");
}

#[test]
fn an_infeasible_run_that_cannot_write_its_summary_says_both_and_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let (rc, out, err) = solve("strict-seed", &unwritable(dir.path()));
    assert_eq!(rc, 4, "{out}{err}");
    assert!(out.starts_with("infeasible: no plan"), "{out}");
    assert!(err.contains("error[E1050]"), "{err}");
}

#[test]
fn files_of_an_earlier_run_left_by_a_failed_write_are_said_to_be_stale() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 0, "{err}");
    // A folder where the workbook should go: renaming the new file onto it fails.
    std::fs::remove_file(out.join("plan.xlsx")).unwrap();
    std::fs::create_dir(out.join("plan.xlsx")).unwrap();
    let (rc, stdout, err) = solve("shanghai-2023", &out);
    assert_eq!(rc, 4, "{stdout}{err}");
    assert!(err.contains("error[E1050]"), "{err}");
    assert!(
        err.contains("are from an earlier run, not from this one"),
        "{err}"
    );
}
