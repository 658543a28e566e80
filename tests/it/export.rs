//! `export` writes the exact model: HiGHS's own file reader, a solver path apart from ours,
//! finds the same optimum as `solve`.

use std::ffi::CString;
use std::path::Path;

use crate::common::*;
use rotation::model::BuildOptions;
use rotation::solve::solve;

/// Reads a model file with HiGHS's reader and solves it: (model status, objective).
fn solve_file(path: &Path) -> (i32, f64) {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a fresh HiGHS instance, used and destroyed here; the strings outlive the calls.
    unsafe {
        let h = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(h, c"output_flag".as_ptr(), 0);
        assert!(
            highs_sys::Highs_readModel(h, c.as_ptr()) >= 0,
            "read {path:?}"
        );
        assert!(highs_sys::Highs_run(h) >= 0);
        let out = (
            highs_sys::Highs_getModelStatus(h),
            highs_sys::Highs_getObjectiveValue(h),
        );
        highs_sys::Highs_destroy(h);
        out
    }
}

const OPTIMAL: i32 = 7; // kHighsModelStatusOptimal

#[test]
fn exported_demo_has_the_same_optimum_as_solve() {
    let inst = load("scenarios/chengzhong.toml", &[]);
    let ours = solve(&inst, &BuildOptions::default()).objective.unwrap();
    let dir = tempfile::tempdir().unwrap();
    for ext in ["mps", "lp"] {
        let file = dir.path().join(format!("demo.{ext}"));
        let (code, out, err) = run(&[
            "export",
            "scenarios/chengzhong.toml",
            &format!("--{ext}"),
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        let (status, theirs) = solve_file(&file);
        assert_eq!(status, OPTIMAL);
        assert!(
            (theirs - ours).abs() <= 1e-6 * ours.abs(),
            "{ext}: file optimum {theirs} vs solve {ours}"
        );
    }
    // Only the two files: no temporary is left behind.
    assert_eq!(files_in(dir.path()).len(), 2);
}

#[test]
fn exported_policy_variant_keeps_its_changes() {
    let inst = load("scenarios/chengzhong.toml", &[("quota.rate", "0.15")]);
    let ours = solve(&inst, &BuildOptions::default()).objective.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("v.mps");
    let (code, _, err) = run(&[
        "export",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rate=0.15",
        "--mps",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, theirs) = solve_file(&file);
    assert!((theirs - ours).abs() <= 1e-6 * ours.abs());
}

#[test]
fn export_needs_a_known_extension_and_writes_nothing_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("model.txt");
    let (code, _, err) = run(&[
        "export",
        "scenarios/chengzhong.toml",
        "--mps",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains(".mps or .lp"), "{err}");
    assert!(files_in(dir.path()).is_empty());
    let (code, _, _) = run(&["export", "scenarios/chengzhong.toml"]);
    assert_eq!(code, 2, "a file to write is required");
}
