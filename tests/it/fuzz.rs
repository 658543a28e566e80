//! A fuzz target (issue 13): the demo's scenario, policy, roster and distance table, each
//! mutated at random (hostile lines, deleted or repeated lines, numbers swapped for extreme
//! ones, files cut at any byte, invalid UTF-8), then solved by the binary. Every run must
//! end without a panic, exit 0, 1 or 2, leave the inputs as they were, and leave the output
//! folder with nothing (input errors) or one whole unit (a `summary.json` naming its files).
//!
//! `./dev test` runs 150 cases (about 15 s here); `ROTATION_FUZZ_CASES=2000 cargo test
//! --release --test it fuzz::` runs a longer campaign.

use std::path::Path;

use crate::common::{bin, root, whole_unit};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

/// The four input files, by the name the scenario gives them.
const FILES: [&str; 4] = ["s.toml", "p.toml", "staff.csv", "km.csv"];

/// Lines and cells that have broken readers before, or might.
const HOSTILE: &[&str] = &[
    "",
    "=",
    "[[schools]]",
    "[policy]\nhorizon_years = 2147483647",
    "[solver]\nthreads = 1000000000",
    "[weights]\ndistance_km = 1e20",
    "term_years = 0",
    "max_out_share = -1",
    "\u{0}\u{1}\u{7f}",
    "\u{feff}id,school,subject",
    "CZ0001,重复,no11,math,teacher,true,3,2030,false,false,,,,,,",
    "CZ9999,新人,no11,math,principal,true,99,99999,maybe,false,91,181,no11;no11,no8,2027,",
    "\"unterminated,quote",
    "no11,no8,-5",
    "no11,no11,0",
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    "plan_year = 1",
    "policy = \"/nonexistent/p.toml\"",
    "staff = \"../../etc/passwd\"",
    "min_subject = { math = 1000000 }",
    "=HYPERLINK(\"x\")",
];

/// Numbers a mutation puts in place of a number.
const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "1e308",
    "2147483647",
    "99999",
    "NaN",
    "inf",
    "0.0000001",
    "3",
];

/// One mutation of one file.
#[derive(Debug, Clone)]
enum Mutation {
    Replace { line: usize, with: usize },
    Insert { line: usize, with: usize },
    Delete { line: usize },
    Repeat { line: usize },
    Number { nth: usize, with: usize },
    Cut { at: usize },
    Byte { at: usize, byte: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = 0..10_000usize;
    prop_oneof![
        (n.clone(), 0..HOSTILE.len()).prop_map(|(line, with)| Mutation::Replace { line, with }),
        (n.clone(), 0..HOSTILE.len()).prop_map(|(line, with)| Mutation::Insert { line, with }),
        n.clone().prop_map(|line| Mutation::Delete { line }),
        n.clone().prop_map(|line| Mutation::Repeat { line }),
        (n.clone(), 0..NUMBERS.len()).prop_map(|(nth, with)| Mutation::Number { nth, with }),
        n.clone().prop_map(|at| Mutation::Cut { at }),
        (n, any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
    ]
}

/// `bytes` with `m` applied (positions taken modulo the file's size).
fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let n = lines.len().max(1);
    match *m {
        Mutation::Replace { line, with } if !lines.is_empty() => {
            lines[line % n] = HOSTILE[with].to_string()
        }
        Mutation::Insert { line, with } => lines.insert(line % n, HOSTILE[with].to_string()),
        Mutation::Delete { line } if !lines.is_empty() => {
            lines.remove(line % n);
        }
        Mutation::Repeat { line } if !lines.is_empty() => {
            let l = lines[line % n].clone();
            lines.insert(line % n, l);
        }
        Mutation::Number { nth, with } => return swap_number(&text, nth, NUMBERS[with]),
        Mutation::Cut { at } => return bytes[..at % (bytes.len() + 1)].to_vec(),
        Mutation::Byte { at, byte } => {
            let mut b = bytes.to_vec();
            if !b.is_empty() {
                let i = at % b.len();
                b[i] = byte;
            }
            return b;
        }
        _ => {}
    }
    (lines.join("\n") + "\n").into_bytes()
}

/// `text` with its `nth` run of digits (modulo how many there are) replaced by `with`.
fn swap_number(text: &str, nth: usize, with: &str) -> Vec<u8> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if runs.is_empty() {
        return text.as_bytes().to_vec();
    }
    let (a, b) = runs[nth % runs.len()];
    format!("{}{with}{}", &text[..a], &text[b..]).into_bytes()
}

/// The demo's files as `FILES` names them, the scenario pointing at the others.
fn demo_files() -> Vec<Vec<u8>> {
    let scenario = std::fs::read_to_string(root().join("scenarios/chengzhong.toml"))
        .unwrap()
        .replace("../models/baseline.toml", "p.toml")
        .replace("chengzhong-staff.xlsx", "staff.csv")
        .replace("chengzhong-km.csv", "km.csv");
    vec![
        scenario.into_bytes(),
        std::fs::read(root().join("models/baseline.toml")).unwrap(),
        std::fs::read(root().join("scenarios/chengzhong-staff.csv")).unwrap(),
        std::fs::read(root().join("scenarios/chengzhong-km.csv")).unwrap(),
    ]
}

/// Writes the files with `mutations` applied to file `which`, solves, and checks the run;
/// `Ok` holds the exit code.
fn one_case(which: usize, mutations: &[Mutation]) -> Result<i32, TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut files = demo_files();
    for m in mutations {
        files[which] = apply(&files[which], m);
    }
    for (name, bytes) in FILES.iter().zip(&files) {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let out = dir.path().join("out");
    let run = std::process::Command::new(bin())
        .arg("solve")
        .arg(dir.path().join("s.toml"))
        .args(["--time-limit", "20", "--out"])
        .arg(&out)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let code = run.status.code().unwrap_or(-1);
    let err = String::from_utf8_lossy(&run.stderr);
    prop_assert!(!err.contains("panicked"), "panic: {err}");
    prop_assert!(matches!(code, 0..=2), "exit {code}: {err}");
    for (name, bytes) in FILES.iter().zip(&files) {
        prop_assert_eq!(
            &std::fs::read(dir.path().join(name)).unwrap(),
            bytes,
            "{} changed",
            name
        );
    }
    check_outputs(&out, code, &err)?;
    Ok(code)
}

/// Exit 2 leaves no plan; exit 0 or 1 leaves a `summary.json`, and with a plan every file
/// it names with its checksum.
fn check_outputs(out: &Path, code: i32, err: &str) -> Result<(), TestCaseError> {
    let summary = std::fs::read_to_string(out.join("summary.json"));
    if code == 2 {
        prop_assert!(summary.is_err(), "input error but a summary: {err}");
        prop_assert!(
            !out.join("roster.csv").exists(),
            "input error but a roster: {err}"
        );
        return Ok(());
    }
    let whole = whole_unit(out).map_err(TestCaseError::fail)?;
    prop_assert!(whole, "exit {} but no summary: {}", code, err);
    Ok(())
}

#[test]
fn mutated_inputs_never_panic_and_never_leave_partial_outputs() {
    let cases = std::env::var("ROTATION_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let config = Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(13),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (0..FILES.len(), prop::collection::vec(mutation(), 1..4));
    let exits = std::sync::Mutex::new([0usize; 3]);
    runner
        .run(&strategy, |(which, mutations)| {
            let code = one_case(which, &mutations)?;
            exits.lock().unwrap()[code as usize] += 1;
            Ok(())
        })
        .unwrap();
    let [ok, infeasible, input] = exits.into_inner().unwrap();
    // Seen with --nocapture: how the cases ended (a campaign's figures).
    eprintln!("{cases} cases: {ok} exit 0, {infeasible} exit 1, {input} exit 2");
    assert!(
        ok > 0 && input > 0,
        "the mutations should reach both valid and invalid input"
    );
}
