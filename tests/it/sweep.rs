//! Sweeps: a grid planned into a folder of tasks, run three ways (here with `--all`, through
//! GNU parallel, and through a real Slurm behind `./dev test-cluster`), merged into the
//! comparison `compare --grid` makes of the same variants; a killed task is the only one
//! run again; the Kubernetes manifest is an Indexed Job of the right size and command.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// 2 scenarios × 2 policies × 3 quota rates × 2 commute caps = 24 variants, some infeasible
/// (the demo at 25 km), in a folder of its own with paths relative to it.
fn grid(dir: &Path) -> PathBuf {
    let root = root();
    let text = format!(
        "[sweep]\n\
         scenarios = [\"{r}/scenarios/chengzhong.toml\", \"{r}/scenarios/generated/hard-county-6g-s16-ti60.toml\"]\n\
         policies = [\"{r}/models/baseline.toml\", \"{r}/models/shanghai-2023.toml\"]\n\
         set = [\"solver.time_limit_s=120\"]\n\
         [[axis]]\nkey = \"quota.rate\"\nvalues = [0.10, 0.15, 0.20]\n\
         [[axis]]\nkey = \"policy.max_distance_km\"\nvalues = [25, 30]\n",
        r = root.display()
    );
    let path = dir.join("sweep.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Two comparisons hold the same figures: every cell equal, but for numbers that differ
/// only in their last bits (a sum in another order; see docs/PERFORMANCE.md, Sweeps).
fn same_figures(a: &[Vec<String>], b: &[Vec<String>]) {
    assert_eq!(a.len(), b.len());
    for (ra, rb) in a.iter().zip(b) {
        assert_eq!(ra.len(), rb.len());
        for (x, y) in ra.iter().zip(rb) {
            match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(u), Ok(v)) => assert!(
                    u == v || (u - v).abs() <= 1e-12 * u.abs().max(v.abs()).max(1e-3),
                    "{x} vs {y} in {ra:?}"
                ),
                _ => assert_eq!(x, y, "{ra:?}"),
            }
        }
    }
}

/// comparison.csv without the columns that are measurements (build and solve times).
fn figures(csv: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    // The times, and how many variants ran at once (a sweep task is one).
    let timed: Vec<usize> = (rows[0].iter().enumerate())
        .filter(|(_, h)| h.ends_with("_ms") || *h == "jobs")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(timed.len(), 7, "{:?}", rows[0]);
    rows.into_iter()
        .map(|r| {
            (r.into_iter().enumerate())
                .filter(|(i, _)| !timed.contains(i))
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

fn plan(grid: &Path, dir: &Path) {
    let (code, out, err) = run(&["sweep", "plan", s(grid), "--out", s(dir), "--parallel", "2"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("24 tasks"), "{out}");
}

fn merge(dir: &Path) -> (i32, String) {
    let (code, out, err) = run(&["sweep", "merge", s(dir)]);
    assert!(err.is_empty() || !err.contains("error["), "{err}");
    (code, out)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What `compare --grid` writes for the grid, to hold the merged comparisons against.
fn compared(grid: &Path, out: &Path) -> Vec<Vec<String>> {
    let (code, stdout, err) = run(&["compare", "--grid", s(grid), "--out", s(out)]);
    // The demo at 25 km is infeasible: exit 1, as any comparison with an infeasible variant.
    assert_eq!(code, 1, "{stdout}{err}");
    figures(&out.join("comparison.csv"))
}

#[test]
fn a_sweep_run_here_or_through_gnu_parallel_merges_into_what_compare_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = grid(tmp.path());
    let expected = compared(&grid, &tmp.path().join("compare"));
    assert_eq!(expected.len(), 25, "a header and 24 variants");

    let here = tmp.path().join("here");
    plan(&grid, &here);
    let (code, out, err) = run(&["sweep", "run", s(&here), "--all", "--jobs", "2"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("task ")).count(),
        24,
        "{out}"
    );
    let (code, status) = run_status(&here);
    assert_eq!(code, 0);
    assert!(
        status.contains("24 tasks: 24 done, 0 failed, 0 running, 0 missing"),
        "{status}"
    );
    let (code, out) = merge(&here);
    assert_eq!(code, 1, "an infeasible variant, as compare: {out}");
    same_figures(&figures(&here.join("comparison.csv")), &expected);
    let diff = |d: &Path| std::fs::read(d.join("diff.csv")).unwrap();
    assert_eq!(diff(&here), diff(&tmp.path().join("compare")));

    // GNU parallel, two at a time, from the lines `plan` wrote.
    let gnu = tmp.path().join("gnu");
    plan(&grid, &gnu);
    let lines = std::fs::File::open(gnu.join("tasks.txt")).unwrap();
    let ran = Command::new("parallel")
        .args(["--will-cite", "-j", "2"])
        .stdin(lines)
        .output()
        .expect("GNU parallel (./dev test installs it: apt-get install parallel)");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    merge(&gnu);
    same_figures(&figures(&gnu.join("comparison.csv")), &expected);
    assert_eq!(diff(&gnu), diff(&tmp.path().join("compare")));
}

fn run_status(dir: &Path) -> (i32, String) {
    let (code, out, _) = run(&["sweep", "status", s(dir)]);
    (code, out)
}

/// The real Slurm of Debian's packages, one node, started by `.ci/slurm-single-node`:
/// `sbatch` of the generated file, then the merge. Run by `./dev test-cluster`.
#[test]
#[ignore = "needs a Slurm cluster: ./dev test-cluster starts one"]
fn a_sweep_through_slurm_merges_into_what_compare_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = grid(tmp.path());
    let expected = compared(&grid, &tmp.path().join("compare"));
    let dir = tmp.path().join("slurm");
    plan(&grid, &dir);
    let sbatch = Command::new("sbatch")
        .args(["--parsable", "--wait"])
        .arg(dir.join("slurm.sbatch"))
        .output()
        .expect("sbatch (SLURM_CONF from .ci/slurm-single-node)");
    assert!(
        sbatch.status.success(),
        "{}",
        String::from_utf8_lossy(&sbatch.stderr)
    );
    let (_, status) = run_status(&dir);
    assert!(status.contains("24 done"), "{status}");
    merge(&dir);
    same_figures(&figures(&dir.join("comparison.csv")), &expected);
}

#[test]
fn a_killed_task_is_the_only_one_run_again() {
    let tmp = tempfile::tempdir().unwrap();
    let r = root();
    // The middle task takes seconds (the slowest group found), the others a moment.
    let grid = tmp.path().join("sweep.toml");
    std::fs::write(
        &grid,
        format!(
            "[sweep]\n\
             [[variant]]\nscenario = \"{r}/scenarios/chengzhong.toml\"\n\
             [[variant]]\nscenario = \"{r}/scenarios/generated/hard-county-1g-s416-sh40-ti100.toml\"\n\
             [[variant]]\nscenario = \"{r}/scenarios/chengzhong.toml\"\nset = [\"quota.rate=0.15\"]\n",
            r = r.display()
        ),
    )
    .unwrap();
    let dir = tmp.path().join("sweep");
    let (code, out, err) = run(&["sweep", "plan", s(&grid), "--out", s(&dir)]);
    assert_eq!(code, 0, "{out}{err}");
    for i in ["0", "2"] {
        assert_eq!(run(&["sweep", "run", s(&dir), "--index", i]).0, 0);
    }
    let before: Vec<Vec<u8>> = ["0", "2"]
        .iter()
        .map(|i| std::fs::read(dir.join("results").join(i).join("result.json")).unwrap())
        .collect();
    let mut task = Command::new(bin())
        .args(["sweep", "run", s(&dir), "--index", "1"])
        .spawn()
        .unwrap();
    // Running while it holds its lock; killed as a scheduler would at a time limit.
    let mut seen_running = false;
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        seen_running = run_status(&dir).1.contains("1 running");
        if seen_running {
            break;
        }
    }
    assert!(seen_running, "{}", run_status(&dir).1);
    task.kill().unwrap();
    task.wait().unwrap();
    let status = run_status(&dir).1;
    assert!(
        status.contains("2 done, 0 failed, 0 running, 1 missing"),
        "{status}"
    );
    assert!(!dir.join("results/1/result.json").exists());

    let (code, out, err) = run(&["sweep", "run", s(&dir), "--all"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out.matches("already done with the same inputs, skipped")
            .count(),
        2,
        "{out}"
    );
    assert!(out.contains("task 1 ("), "{out}");
    for (i, b) in ["0", "2"].iter().zip(&before) {
        let now = std::fs::read(dir.join("results").join(i).join("result.json")).unwrap();
        assert_eq!(&now, b, "task {i} was not run again");
    }
    assert!(run_status(&dir).1.contains("3 done"));
    // Nothing left beside the result folders but their locks.
    let left: Vec<String> = std::fs::read_dir(dir.join("results"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && !n.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_input_changed_after_planning_fails_its_task_with_error_json() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = tmp.path().join("sweep.toml");
    let demo = root().join("scenarios/chengzhong.toml");
    std::fs::write(
        &grid,
        format!("[sweep]\nscenarios = [\"{}\"]\n", demo.display()),
    )
    .unwrap();
    let dir = tmp.path().join("sweep");
    assert_eq!(run(&["sweep", "plan", s(&grid), "--out", s(&dir)]).0, 0);
    // Copied with its folder layout: the scenario names its policy in ../models/.
    let copied = dir.join("inputs/scenarios/01/scenarios/chengzhong-km.csv");
    let mut staff = std::fs::read(&copied).unwrap();
    staff.extend_from_slice(b"\n");
    std::fs::write(&copied, staff).unwrap();
    let (code, _, err) = run(&["sweep", "run", s(&dir), "--index", "0"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("error[E1071]") && err.contains("chengzhong-km.csv"),
        "{err}"
    );
    let failed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("results/0/error.json")).unwrap()).unwrap();
    assert_eq!(failed["code"], "E1071");
    assert!(run_status(&dir).1.contains("1 failed"));
    let (code, out) = merge(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("0 done, 1 failed"), "{out}");
}

#[test]
fn the_kubernetes_manifest_is_an_indexed_job_of_every_task() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = grid(tmp.path());
    let dir = tmp.path().join("k8s");
    let (code, out, err) = run(&[
        "sweep",
        "plan",
        s(&grid),
        "--out",
        s(&dir),
        "--parallel",
        "5",
        "--image",
        "registry.example/rotation:1.0",
        "--cpus",
        "2",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(dir.join("k8s-job.yaml")).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).unwrap();
    assert_eq!(docs.len(), 1);
    let job = &docs[0];
    assert_eq!(job["apiVersion"].as_str(), Some("batch/v1"));
    assert_eq!(job["kind"].as_str(), Some("Job"));
    let spec = &job["spec"];
    assert_eq!(spec["completionMode"].as_str(), Some("Indexed"));
    assert_eq!(spec["completions"].as_i64(), Some(24));
    assert_eq!(spec["parallelism"].as_i64(), Some(5));
    let pod = &spec["template"]["spec"];
    assert_eq!(pod["restartPolicy"].as_str(), Some("Never"));
    let c = &pod["containers"][0];
    assert_eq!(c["image"].as_str(), Some("registry.example/rotation:1.0"));
    let command: Vec<&str> = c["command"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(&command[..2], ["sh", "-c"]);
    assert_eq!(
        command[2],
        "exec rotation sweep run /sweep --index \"$JOB_COMPLETION_INDEX\" --threads 2"
    );
    assert_eq!(c["volumeMounts"][0]["mountPath"].as_str(), Some("/sweep"));
    let claim = &pod["volumes"][0]["persistentVolumeClaim"]["claimName"];
    assert_eq!(claim.as_str(), Some("rotation-sweep"));
    // The Slurm array and the lines for GNU parallel hold the same tasks.
    let sbatch = std::fs::read_to_string(dir.join("slurm.sbatch")).unwrap();
    assert!(sbatch.contains("#SBATCH --array=0-23%5\n"), "{sbatch}");
    assert!(sbatch.contains("#SBATCH --cpus-per-task=2\n"), "{sbatch}");
    let lines = std::fs::read_to_string(dir.join("tasks.txt")).unwrap();
    assert_eq!(lines.lines().count(), 24);
    assert!(
        lines.lines().last().unwrap().contains("sweep run ")
            && lines.contains("--index 23 --threads 2")
    );
}

#[test]
fn a_bad_grid_is_refused_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = tmp.path().join("sweep.toml");
    std::fs::write(&grid, "[sweep]\nscenarios = [\"none-*.toml\"]\n").unwrap();
    let (code, _, err) = run(&["sweep", "plan", s(&grid), "--out", s(&tmp.path().join("d"))]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error[E1070]") && err.contains("none-*.toml"),
        "{err}"
    );
    std::fs::write(
        &grid,
        "[sweep]\nscenarios = []\n[[axis]]\nkey = \"quota.rate\"\nvalue = [1]\n",
    )
    .unwrap();
    let (code, _, err) = run(&["sweep", "plan", s(&grid), "--out", s(&tmp.path().join("d"))]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error[E1070]") && err.contains("sweep.toml:"),
        "{err}"
    );
    assert!(!tmp.path().join("d").exists(), "nothing written");
}
