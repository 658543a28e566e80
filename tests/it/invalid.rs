//! Every file in scenarios/invalid/ names the error code it must produce (`# expect: E1xxx`
//! on its first line): `validate` and `solve` exit 2 with that code and write nothing.

use crate::common::*;

#[test]
fn every_invalid_scenario_exits_2_with_its_code() {
    let dir = root().join("scenarios/invalid");
    let mut seen = 0;
    for path in files_in(&dir) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".toml") || name.ends_with(".policy.toml") {
            continue;
        }
        let first = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        let code = first
            .strip_prefix("# expect: ")
            .unwrap_or_else(|| panic!("{name}: first line must be `# expect: E1xxx`"))
            .trim()
            .to_string();
        let rel = format!("scenarios/invalid/{name}");
        let (rc, _, err) = run(&["validate", &rel]);
        assert_eq!(rc, 2, "{name}: validate exit code\n{err}");
        assert!(
            err.contains(&format!("error[{code}]")),
            "{name}: expected {code}, got:\n{err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("plan");
        let (rc, _, err) = run(&["solve", &rel, "--out", target.to_str().unwrap()]);
        assert_eq!(rc, 2, "{name}: solve exit code\n{err}");
        assert!(!target.exists(), "{name}: solve wrote output on bad input");
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} invalid scenarios found");
}

#[test]
fn all_problems_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.toml");
    std::fs::write(&p, "[scenario]\nplan_year = 2027\nstaf = \"x.csv\"\n[[groups]]\nid = \"g\"\ncore = \"nope\"\n[[schools]]\nid = \"a\"\nlat = 99\nlon = 1\n[[staff]]\nid = \"A\"\nschool = \"a\"\nsubject = \"math\"\nbackbone = \"perhaps\"\n").unwrap();
    let (rc, _, err) = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(rc, 2);
    for code in ["E1003", "E1027", "E1011"] {
        assert!(err.contains(code), "missing {code} in:\n{err}");
    }
    assert!(err.contains("s.toml:3"), "line of the unknown key:\n{err}");
}

#[test]
fn usage_errors_exit_2_and_bad_set_keys_are_named() {
    let (rc, _, _) = run(&["solve"]);
    assert_eq!(rc, 2);
    let (rc, _, _) = run(&["frobnicate"]);
    assert_eq!(rc, 2);
    let (rc, _, err) = run(&[
        "validate",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rte=0.2",
    ]);
    assert_eq!(rc, 2);
    assert!(err.contains("E1040") && err.contains("quota.rate"), "{err}");
    let (rc, _, err) = run(&[
        "validate",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rate=abc",
    ]);
    assert_eq!(rc, 2, "{err}");
    let (rc, _, err) = run(&["solve", "scenarios/chengzhong.toml", "--time-limit", "-1"]);
    assert_eq!(rc, 2, "{err}");
}

#[test]
fn garbage_files_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[&[u8]] = &[
        b"",
        b"\xff\xfe\x00garbage",
        b"[scenario]\nplan_year = \"x\"\n",
        b"[[schools]]\nid = 3\n",
        b"scenario = 5\nschools = [1, 2]\n",
        b"[scenario]\nplan_year = 2027\nstaff = 7\n",
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let p = dir.path().join(format!("g{i}.toml"));
        std::fs::write(&p, bytes).unwrap();
        let (rc, _, err) = run(&["validate", p.to_str().unwrap()]);
        assert_eq!(rc, 2, "case {i}: {err}");
        assert!(!err.contains("panicked"), "case {i}: {err}");
    }
}
