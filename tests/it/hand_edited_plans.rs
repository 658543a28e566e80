//! Plans edited by hand (issue 23, item 5): `check`, `report`, `roll` and `--baseline` read
//! a plan row's school by its id or its exact name; a school name cell that contradicts the
//! id beside it is an input error naming the file, the line and both cells, never a pass;
//! `check` names schools by name (with the id) and the rows of a broken start by their
//! line, in words of the language asked for; and its objective leaves the slack of broken
//! rules out unless `--elastic` is given.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::run;
use serde_json::Value;

const SCENARIO: &str = "scenarios/chengzhong.toml";

/// The demo solved once: (folder kept alive, roster.csv rows; row 0 the header).
fn solved() -> &'static (tempfile::TempDir, Vec<Vec<String>>) {
    static PLAN: OnceLock<(tempfile::TempDir, Vec<Vec<String>>)> = OnceLock::new();
    PLAN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("plan");
        let (rc, _, err) = run(&["solve", SCENARIO, "--out", out.to_str().unwrap()]);
        assert_eq!(rc, 0, "{err}");
        let text = std::fs::read_to_string(out.join("roster.csv")).unwrap();
        // The demo's cells hold no comma or quote.
        let rows = (text.trim_start_matches('\u{feff}').lines())
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        (dir, rows)
    })
}

fn rows() -> Vec<Vec<String>> {
    solved().1.clone()
}

/// The column headed `h`.
fn col(rows: &[Vec<String>], h: &str) -> usize {
    rows[0].iter().position(|c| c == h).unwrap()
}

/// `rows` written as `name` in a fresh folder.
fn write(rows: &[Vec<String>], name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let text: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
    std::fs::write(&path, format!("\u{feff}{}\n", text.join("\n"))).unwrap();
    (dir, path)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `check --json` of the plan at `path`: exit code and the JSON (null when none).
fn check_json(path: &Path, extra: &[&str]) -> (i32, Value, String) {
    let args = [&["check", SCENARIO, s(path), "--json"][..], extra].concat();
    let (rc, out, err) = run(&args);
    (rc, serde_json::from_str(&out).unwrap_or(Value::Null), err)
}

/// The first data row's host edited: (id cell, name cell) of another host of the plan.
fn other_host(rows: &[Vec<String>]) -> (String, String) {
    let (id, name) = (col(rows, "host_school"), col(rows, "host_name"));
    rows.iter()
        .skip(1)
        .map(|r| (r[id].clone(), r[name].clone()))
        .find(|(h, _)| *h != rows[1][id])
        .unwrap()
}

#[test]
fn schools_written_by_exact_name_read_as_their_ids() {
    let rows = rows();
    let (_d0, ids) = write(&rows, "roster.csv");
    let (rc, want, err) = check_json(&ids, &[]);
    assert_eq!(rc, 0, "{err}");
    // Every host and home school by its name, in the id columns.
    let mut named = rows.clone();
    let pairs = [("host_school", "host_name"), ("home_school", "home_name")];
    for (id, name) in pairs.map(|(a, b)| (col(&rows, a), col(&rows, b))) {
        for r in named.iter_mut().skip(1) {
            r[id] = r[name].clone();
        }
    }
    let (_d1, path) = write(&named, "by-name.csv");
    let (rc, got, err) = check_json(&path, &[]);
    assert_eq!(rc, 0, "{err}");
    assert_eq!(got["objective"], want["objective"]);
    assert!(got["warnings"].as_array().unwrap().is_empty(), "{got:#}");
    // A plan with the school names only (交流学校名称, no 交流学校 column) reads too.
    let keep = [0, col(&rows, "host_name"), col(&rows, "start_year")];
    let mut bare: Vec<Vec<String>> = (rows.iter())
        .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
        .collect();
    bare[0] = vec!["工号".into(), "交流学校名称".into(), "交流开始年份".into()];
    let (_d2, path) = write(&bare, "names-only.csv");
    let (rc, got, err) = check_json(&path, &[]);
    assert_eq!(rc, 0, "{err}");
    assert_eq!(got["objective"], want["objective"]);
}

#[test]
fn a_name_edited_beside_its_id_is_an_input_error_with_both_cells_and_the_fix() {
    let mut rows = rows();
    let (line_id, line_name) = (rows[1][col(&rows, "host_school")].clone(), {
        rows[1][col(&rows, "host_name")].clone()
    });
    let (other_id, other_name) = other_host(&rows);
    let name = col(&rows, "host_name");
    rows[1][name] = other_name.clone();
    let (_dir, path) = write(&rows, "edited.csv");
    let (rc, out, err) = run(&["check", SCENARIO, s(&path)]);
    assert_eq!(rc, 2, "never a pass: {out}{err}");
    let at = format!("error[E1032] {}:2:", path.display());
    for words in [
        at.as_str(),
        &format!("host_school says `{line_id}` ({line_name})"),
        &format!("host_name says `{other_name}`, the name of `{other_id}`"),
        &format!("change host_school to `{other_id}`"),
        &format!("change host_name back to {line_name}"),
    ] {
        assert!(err.contains(words), "`{words}` not in:\n{err}");
    }
    // In Chinese, with the Chinese column headers.
    let (rc, _, err) = run(&["check", SCENARIO, s(&path), "--lang", "zh"]);
    assert_eq!(rc, 2);
    let said = format!("交流学校为 `{line_id}`（{line_name}），交流学校名称却为 `{other_name}`");
    assert!(err.contains(&said), "{err}");
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
}

#[test]
fn a_name_that_is_no_school_beside_an_id_is_an_error_too_and_gets_a_hint() {
    let mut rows = rows();
    let (id, name) = (col(&rows, "host_school"), col(&rows, "host_name"));
    let school = rows[1][name].clone();
    // A school name shortened by hand: 西宁市第一中学 → 西宁市第一中.
    let mut short: Vec<char> = school.chars().collect();
    short.pop();
    let short: String = short.into_iter().collect();
    rows[1][name] = short.clone();
    let (_dir, path) = write(&rows, "short.csv");
    let (rc, _, err) = run(&["check", SCENARIO, s(&path)]);
    assert_eq!(rc, 2, "{err}");
    assert!(err.contains("which is no school's name"), "{err}");
    assert!(
        err.contains(&format!("`{}` ({school})", rows[1][id])),
        "{err}"
    );
    // The same text in the id column: unknown, with the did-you-mean by id and name.
    rows[1][name] = school.clone();
    rows[1][id] = short;
    let (_dir, path) = write(&rows, "short-id.csv");
    let (rc, _, err) = run(&["check", SCENARIO, s(&path)]);
    assert_eq!(rc, 2, "{err}");
    assert!(
        err.contains("is neither the id nor the exact name"),
        "{err}"
    );
    assert!(err.contains("did you mean"), "{err}");
}

#[test]
fn a_home_school_id_edited_without_its_name_is_an_error() {
    let mut rows = rows();
    let (home, home_name) = (col(&rows, "home_school"), col(&rows, "home_name"));
    let other = (rows.iter().skip(1))
        .map(|r| r[home].clone())
        .find(|h| *h != rows[1][home])
        .unwrap();
    let was = rows[1][home_name].clone();
    rows[1][home] = other.clone();
    let (_dir, path) = write(&rows, "home.csv");
    let (rc, _, err) = run(&["check", SCENARIO, s(&path)]);
    assert_eq!(rc, 2, "{err}");
    assert!(
        err.contains(&format!("home_school says `{other}`")) && err.contains(&was),
        "{err}"
    );
}

#[test]
fn baseline_report_and_roll_read_names_and_refuse_a_contradiction() {
    let rows = rows();
    let (id, name) = (col(&rows, "host_school"), col(&rows, "host_name"));
    let mut named = rows.clone();
    for r in named.iter_mut().skip(1) {
        r[id] = r[name].clone();
    }
    let (dir, by_name) = write(&named, "by-name.csv");
    let mut edited = rows.clone();
    edited[1][name] = other_host(&rows).1;
    let edited_path = dir.path().join("edited.csv");
    let text: Vec<String> = edited.iter().map(|r| r.join(",")).collect();
    std::fs::write(&edited_path, text.join("\n")).unwrap();
    let (plan, bad) = (s(&by_name), s(&edited_path));

    // --baseline: a plan by names is its own baseline, no change; a contradiction stops.
    let (rc, v, err) = check_json(&by_name, &["--baseline", plan]);
    assert_eq!(rc, 0, "{err}");
    assert_eq!(v["baseline"]["changes"], 0, "{v:#}");
    let (rc, _, err) = check_json(&by_name, &["--baseline", bad]);
    assert_eq!(rc, 2, "{err}");
    assert!(err.contains("edited.csv:2:"), "{err}");

    // report: the page of a plan by names; none of a contradiction.
    let out = dir.path().join("page");
    let (rc, _, err) = run(&["report", SCENARIO, "--plan", plan, "--out", s(&out)]);
    assert_eq!(rc, 0, "{err}");
    let (rc, _, err) = run(&["report", SCENARIO, "--plan", bad, "--out", s(&out)]);
    assert_eq!(rc, 2, "{err}");

    // roll: next year's roster names the hosts by id, whatever the plan wrote.
    let next = dir.path().join("next");
    let (rc, _, err) = run(&["roll", SCENARIO, "--plan", plan, "--out", s(&next)]);
    assert_eq!(rc, 0, "{err}");
    let mut book = calamine::open_workbook_auto(next.join("chengzhong-2028-staff.xlsx")).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let host = header.iter().position(|h| h == "现交流学校").unwrap();
    let hosts: Vec<String> = range.rows().skip(1).map(|r| r[host].to_string()).collect();
    assert!(hosts.contains(&rows[1][id]), "{hosts:?}");
    assert!(!hosts.contains(&rows[1][name]), "{hosts:?}");
    let (rc, _, err) = run(&["roll", SCENARIO, "--plan", bad, "--out", s(&next)]);
    assert_eq!(rc, 2, "{err}");
}

/// A hand-made plan that breaks start rules: the first row's person twice (rows 2 and 4)
/// and one start out of scope (row 3). Returns the folder and the plan.
fn broken_plan() -> (tempfile::TempDir, PathBuf, Vec<Vec<String>>) {
    let rows = rows();
    let (id, name, year) = (
        col(&rows, "host_school"),
        col(&rows, "host_name"),
        col(&rows, "start_year"),
    );
    let mut plan = vec![rows[0].clone(), rows[1].clone(), rows[2].clone()];
    let mut again = rows[1].clone();
    again[year] = (again[year].parse::<i32>().unwrap() + 1).to_string();
    plan.push(again);
    // Row 3 sent to a member of another group: out of scope.
    let foreign = (rows.iter().skip(1))
        .map(|r| (r[id].clone(), r[name].clone()))
        .find(|(h, _)| h == "lijiashan" || h == "nanchuan-east")
        .unwrap();
    plan[2][id] = foreign.0;
    plan[2][name] = foreign.1;
    let (dir, path) = write(&plan, "hand.csv");
    (dir, path, plan)
}

#[test]
fn check_names_schools_by_name_and_broken_starts_by_their_lines() {
    let (_dir, path, plan) = broken_plan();
    let (rc, v, err) = check_json(&path, &[]);
    assert_eq!(rc, 1, "{err}");
    let broken = v["violations"].as_array().unwrap();
    let of = |rule: &str| broken.iter().find(|b| b["rule"] == rule).unwrap();
    let twice = of("one-start");
    assert_eq!(twice["lines"], serde_json::json!([2, 4]));
    let file = path.display().to_string();
    let person = &plan[1][0];
    let said =
        format!("({person}) starts more than one exchange in the horizon (lines 2, 4 of {file})");
    assert!(
        twice["message"].as_str().unwrap().contains(&said),
        "{twice:#}"
    );
    let scope = of("admissible");
    assert_eq!(scope["lines"], serde_json::json!([3]));
    let m = scope["message"].as_str().unwrap();
    let host = (
        &plan[2][col(&plan, "host_name")],
        &plan[2][col(&plan, "host_school")],
    );
    assert!(m.contains(&format!("{} ({})", host.0, host.1)), "{m}");
    assert!(
        m.contains("under scope group (any school of the same group)"),
        "{m}"
    );
    assert!(m.ends_with(&format!("(line 3 of {file})")), "{m}");
    // A school-year rule names its school by name, with the id.
    let quota = of("quota")["message"].as_str().unwrap();
    assert!(
        quota.contains(" (") && !quota.starts_with(of("quota")["school"].as_str().unwrap()),
        "{quota}"
    );
}

#[test]
fn chinese_check_messages_say_no_english_scope_word() {
    let (_dir, path, _) = broken_plan();
    let (rc, out, err) = run(&["check", SCENARIO, s(&path), "--lang", "zh"]);
    assert_eq!(rc, 1, "{err}");
    let scope = out.lines().find(|l| l.contains("交流范围")).unwrap();
    assert!(scope.contains("在交流范围“本集团内（group）”下"), "{scope}");
    assert!(!scope.contains("Group"), "{scope}");
    assert!(scope.contains("第 3 行"), "{scope}");
    let twice = out.lines().find(|l| l.contains("不止一次")).unwrap();
    assert!(twice.contains("第 2、4 行"), "{twice}");
}

#[test]
fn the_objective_leaves_slack_out_unless_elastic() {
    let (_dir, path, _) = broken_plan();
    let (rc, hard, _) = check_json(&path, &[]);
    assert_eq!(rc, 1);
    let (rc, elastic, _) = check_json(&path, &["--elastic"]);
    assert_eq!(
        rc, 1,
        "--elastic prices the breaks; the plan still breaks them"
    );
    let slack = hard["slack_left_out"].as_f64().unwrap();
    assert!(slack > 0.0, "{hard:#}");
    let (h, e) = (
        hard["objective"].as_f64().unwrap(),
        elastic["objective"].as_f64().unwrap(),
    );
    assert!(
        (e - h - slack).abs() < 1e-6 * e.abs(),
        "{h} + {slack} != {e}"
    );
    let (_, text, _) = run(&["check", SCENARIO, s(&path)]);
    let line = text.lines().find(|l| l.starts_with("objective ")).unwrap();
    assert!(
        line.contains(&format!("{h:.6}")) && line.contains("broken rules not priced"),
        "{line}"
    );
    let (_, text, _) = run(&["check", SCENARIO, s(&path), "--elastic"]);
    assert!(
        text.contains(&format!("objective {e:.6} (elastic")),
        "{text}"
    );
    // A plan that breaks nothing has one objective either way, with no slack to leave out.
    let (_d, ok) = write(&rows(), "roster.csv");
    let (_, a, _) = check_json(&ok, &[]);
    let (_, b, _) = check_json(&ok, &["--elastic"]);
    assert_eq!(a["objective"], b["objective"]);
    assert_eq!(a["slack_left_out"], 0.0);
}
