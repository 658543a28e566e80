#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rotation::check::{self, Report};
use rotation::instance::Instance;
use rotation::model::BuildOptions;
use rotation::rules::{Component, Rule};
use rotation::solve::{self, Solved, Status};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(rel: &str, sets: &[(&str, &str)]) -> Instance {
    let sets: Vec<(String, String)> = sets
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    rotation::load::instance(&root().join(rel), None, &sets)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn solve_without(inst: &Instance, without: &[Rule]) -> Solved {
    solve::solve(
        inst,
        &BuildOptions {
            elastic: false,
            without: without.to_vec(),
            ..Default::default()
        },
    )
}

/// Solves without one term of the objective (`Component::Equity` has rows of its own).
pub fn solve_without_term(inst: &Instance, term: Component) -> Solved {
    solve::solve(
        inst,
        &BuildOptions {
            without_terms: vec![term],
            ..Default::default()
        },
    )
}

/// Solves, asserts a plan was found, and audits it with the independent checker: the plan
/// keeps every hard rule and the checker's objective equals the solver's.
pub fn solve_and_check(inst: &Instance) -> (Solved, Report) {
    let s = solve_without(inst, &[]);
    assert!(
        matches!(s.status, Status::Optimal),
        "{}: status {:?} {:?}",
        inst.name,
        s.status,
        s.message
    );
    let r = check::check(inst, &s.plan);
    assert!(
        r.ok,
        "{}: solver plan breaks rules: {:#?}",
        inst.name, r.violations
    );
    let obj = s.objective.unwrap();
    assert!(
        (r.objective - obj).abs() <= 1e-6 * (1.0 + obj.abs()),
        "{}: checker objective {} vs solver {}",
        inst.name,
        r.objective,
        obj
    );
    (s, r)
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_rotation")
}

pub fn run(args: &[&str]) -> (i32, String, String) {
    // Messages follow the locale: the tests read the English ones unless they ask.
    run_in_locale("C.UTF-8", args)
}

/// Runs the binary with `LANG=locale` (and no LC_ALL, LC_MESSAGES to override it).
pub fn run_in_locale(locale: &str, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(bin())
        .args(args)
        .current_dir(root())
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run rotation");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// A bundled file of `scenarios/` as text, without the byte-order mark.
pub fn bundled(name: &str) -> String {
    let text = std::fs::read_to_string(root().join("scenarios").join(name)).unwrap();
    text.trim_start_matches('\u{feff}').to_string()
}

/// The demo scenario written into `dir` as `s.toml`, reading the roster `staff` and the
/// distance table `distances` (file names in `dir`) under the bundled baseline policy.
pub fn demo_scenario(dir: &Path, staff: &str, distances: &str) -> PathBuf {
    let policy = root().join("models/baseline.toml");
    let scenario = bundled("chengzhong.toml")
        .replace("../models/baseline.toml", &policy.to_string_lossy())
        .replace("chengzhong-staff.xlsx", "chengzhong-staff.csv")
        .replace("chengzhong-staff.csv", staff)
        .replace("chengzhong-km.csv", distances);
    let path = dir.join("s.toml");
    std::fs::write(&path, scenario).unwrap();
    path
}

/// Names a spreadsheet would run as formulas (CSV injection), for the hostile demo.
pub const FORMULAS: [&str; 3] = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(A1)"];

/// The demo in `dir` with every name formula-like ([`FORMULAS`]) and ids starting `=`,
/// `+`, `-` or `@`.
pub fn hostile_demo(dir: &Path) -> PathBuf {
    let staff = bundled("chengzhong-staff.csv");
    let mut rdr = csv::Reader::from_reader(staff.as_bytes());
    let mut w = csv::Writer::from_path(dir.join("staff.csv")).unwrap();
    w.write_record(rdr.headers().unwrap()).unwrap();
    for (i, rec) in rdr.records().enumerate() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        rec[0] = format!("{}{}", ["=", "+", "-", "@"][i % 4], rec[0]);
        rec[1] = FORMULAS[i % 3].to_string();
        w.write_record(&rec).unwrap();
    }
    w.flush().unwrap();
    std::fs::write(dir.join("km.csv"), bundled("chengzhong-km.csv")).unwrap();
    demo_scenario(dir, "staff.csv", "km.csv")
}

/// SHA-256 of `bytes`, lowercase hex (as `summary.json`'s `files` give it).
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the output folder `out` holds one whole unit of `solve` (`Ok(false)`: no
/// `summary.json`, no plan): with a plan, the summary lists `roster.csv` and `plan.xlsx`
/// (and `report.html` when it is there) and each file there has the listed checksum;
/// without one, it lists none (but `report.html`) and neither file is there. `Err` says what breaks the unit.
pub fn whole_unit(out: &Path) -> Result<bool, String> {
    let Ok(text) = std::fs::read_to_string(out.join("summary.json")) else {
        return Ok(false);
    };
    let summary: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let files = summary["files"].as_array().cloned().unwrap_or_default();
    let has_plan = matches!(summary["status"].as_str(), Some("optimal" | "feasible"));
    if !has_plan {
        for name in ["roster.csv", "plan.xlsx"] {
            if out.join(name).exists() {
                return Err(format!("an old {name} beside a run without a plan"));
            }
        }
    }
    // `report.html` comes with `--report`, beside a plan or a diagnosis; else it is gone.
    let listed = |name: &str| files.iter().any(|f| f["name"] == name);
    let report = listed("report.html");
    if report != out.join("report.html").exists() {
        return Err("report.html beside a summary that does not list it, or missing".into());
    }
    if files.len() != if has_plan { 2 } else { 0 } + usize::from(report) {
        return Err(format!("summary lists {} files: {text}", files.len()));
    }
    for f in &files {
        let name = f["name"].as_str().unwrap_or_default();
        let bytes = std::fs::read(out.join(name)).map_err(|e| format!("{name}: {e}"))?;
        if f["sha256"].as_str() != Some(sha256(&bytes).as_str()) {
            return Err(format!("{name} is not the summary's"));
        }
    }
    Ok(true)
}
