//! Outputs (issue 13). A write failure: the run's status and the plan's figures are printed
//! first, then the cause (E1050), and the run exits 4; files left in the folder by an earlier
//! run are said to be from that run. The files of a run are one unit: `summary.json`, written
//! last, names the others' checksums, so a folder never shows a new roster beside an old
//! summary, even when a run is killed while writing; a second run into a locked folder is
//! refused; temporary files of a killed run are removed by the next.

use std::path::Path;

use crate::common::*;

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

/// A folder that cannot be made is found before solving: nothing is solved in vain.
#[test]
fn an_unwritable_folder_is_refused_before_solving_with_exit_4() {
    for policy in ["baseline", "strict-seed"] {
        let dir = tempfile::tempdir().unwrap();
        let (rc, out, err) = solve(policy, &unwritable(dir.path()));
        assert_eq!(rc, 4, "{out}{err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains("error[E1050]"), "{err}");
    }
}

/// A write failing half-way (here: the old workbook cannot be set aside, as when Excel
/// holds it open): the plan's status and figures are on the screen, the folder keeps the
/// earlier run's whole unit, and the message says those files are the earlier run's.
#[test]
fn a_plan_whose_files_cannot_all_be_written_is_shown_and_the_old_unit_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 0, "{err}");
    let before = std::fs::read(out.join("summary.json")).unwrap();
    // Where the old workbook would be set aside, a folder with a file in it.
    std::fs::create_dir_all(out.join(".plan.xlsx.previous/x")).unwrap();
    let (rc, stdout, err) = solve("shanghai-2023", &out);
    assert_eq!(rc, 4, "{stdout}{err}");
    assert!(stdout.contains("status optimal"), "{stdout}");
    assert!(err.contains("error[E1050]"), "{err}");
    assert!(
        err.contains("are from an earlier run, not from this one"),
        "{err}"
    );
    assert_eq!(std::fs::read(out.join("summary.json")).unwrap(), before);
    assert!(assert_one_unit(&out));
}

/// A run killed after setting the old files aside: the next run puts them back first when
/// the new summary never came, so the folder is whole again before anything else.
#[test]
fn files_set_aside_by_a_killed_run_are_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 0, "{err}");
    let roster = std::fs::read(out.join("roster.csv")).unwrap();
    // As a kill leaves it: old summary and workbook aside, a new roster in place.
    for name in ["summary.json", "plan.xlsx", "roster.csv"] {
        std::fs::rename(out.join(name), out.join(format!(".{name}.previous"))).unwrap();
    }
    std::fs::write(out.join("roster.csv"), "a new, unsealed roster").unwrap();
    // What the next `solve` does first, under its lock.
    let lock = rotation::write::OutputLock::take(&out, rotation::report::SOLVE_OUTPUTS).unwrap();
    drop(lock);
    assert_eq!(std::fs::read(out.join("roster.csv")).unwrap(), roster);
    assert!(assert_one_unit(&out));
}

/// The folder holds a whole unit or no plan (see [`whole_unit`]); whether a summary was there.
fn assert_one_unit(out: &Path) -> bool {
    whole_unit(out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_second_run_into_a_locked_folder_is_refused_and_its_files_called_earlier() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let lock = std::fs::File::create(out.join(".rotation.lock")).unwrap();
    lock.lock().unwrap();
    std::fs::write(out.join("summary.json"), "{}").unwrap();
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 4, "{err}");
    assert!(
        err.contains("another run of rotation is writing into this folder"),
        "{err}"
    );
    assert!(
        err.contains("are from an earlier run, not from this one"),
        "{err}"
    );
    drop(lock);
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 0, "{err}");
    assert!(assert_one_unit(&out));
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for left in [
        ".roster.csv.a1b2c3",
        ".summary.json.x9y8z7",
        ".plan.xlsx.q1w2e3",
    ] {
        std::fs::write(out.join(left), "half").unwrap();
    }
    std::fs::write(out.join(".mine"), "the user's").unwrap();
    std::fs::write(out.join(".roster.csv.swp"), "an editor's").unwrap();
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 0, "{err}");
    let mut names: Vec<String> = files_in(&out)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected = [
        ".mine",
        ".roster.csv.swp",
        ".rotation.commit",
        ".rotation.lock",
        "plan.xlsx",
        "roster.csv",
        "summary.json",
    ];
    assert_eq!(names, expected);
}

/// Kills solves at points spread over their writing, cycling through two policies with
/// different plans and an infeasible one: after every kill the folder holds one whole unit
/// or none, never a roster beside another run's summary.
#[test]
fn a_solve_killed_at_any_point_never_leaves_a_mixed_pair() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = |policy: &str| {
        let out = out.to_str().unwrap().to_string();
        let policy = format!("models/{policy}.toml");
        [
            "solve",
            "scenarios/chengzhong.toml",
            "--policy",
            &policy,
            "--out",
            &out,
        ]
        .map(String::from)
    };
    // How long a whole solve takes here: the kills fall between half of it and all of it.
    let t0 = std::time::Instant::now();
    let (rc, _, err) = solve("baseline", &out);
    assert_eq!(rc, 0, "{err}");
    let whole = t0.elapsed().as_secs_f64();
    let tries = 16;
    let mut units = 0;
    for i in 0..tries {
        // Two plans and an infeasible run (summary only, the old plan removed).
        let policy = ["shanghai-2023", "baseline", "strict-seed"][i % 3];
        let mut child = std::process::Command::new(bin())
            .args(args(policy))
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let at = whole * (0.5 + 0.6 * i as f64 / tries as f64);
        std::thread::sleep(std::time::Duration::from_secs_f64(at));
        let _ = child.kill();
        let _ = child.wait();
        units += usize::from(assert_one_unit(&out));
    }
    // Most kills fall after the unit is complete or before it is touched.
    assert!(units > 0, "no kill left a whole unit");
}

#[test]
fn a_comparison_into_a_locked_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    std::fs::create_dir(&out).unwrap();
    let lock = std::fs::File::create(out.join(".rotation.lock")).unwrap();
    lock.lock().unwrap();
    let args = [
        "compare",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
    ];
    let (rc, _, err) = run(&args);
    assert_eq!(rc, 4, "{err}");
    assert!(
        err.contains("another run of rotation is writing into this folder"),
        "{err}"
    );
    assert!(!out.join("comparison.json").exists());
}
