//! `check` warns, without failing, when a plan row names its person, or gives the post or
//! home school, otherwise than the scenario's roster (a plan edited by hand against an old
//! roster).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{self, run};
use serde_json::Value;

const SCENARIO: &str = "scenarios/chengzhong.toml";

/// The demo solved once per language: (folder kept alive, roster.csv as text).
fn solved(lang: &'static str) -> &'static (tempfile::TempDir, String) {
    static EN: OnceLock<(tempfile::TempDir, String)> = OnceLock::new();
    static ZH: OnceLock<(tempfile::TempDir, String)> = OnceLock::new();
    let cell = if lang == "zh" { &ZH } else { &EN };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("plan");
        let args = ["solve", SCENARIO, "--out", out.to_str().unwrap()];
        let (rc, _, err) = run(&[&args[..], &["--lang", lang]].concat());
        assert_eq!(rc, 0, "{err}");
        let text = std::fs::read_to_string(out.join("roster.csv")).unwrap();
        (dir, text)
    })
}

/// The roster as rows of cells (the demo's cells hold no comma or quote); row 0 the header.
fn cells(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    text.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// `rows` written as `name` in a fresh folder.
fn write(rows: &[Vec<String>], name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let text: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
    std::fs::write(&path, format!("\u{feff}{}\n", text.join("\n"))).unwrap();
    (dir, path)
}

/// `check` of the plan at `path` in `lang`, as (exit code, text) and its `--json`.
fn check(path: &Path, lang: &str) -> (i32, String, Value) {
    let args = ["check", SCENARIO, path.to_str().unwrap(), "--lang", lang];
    let (rc, text, err) = run(&args);
    let (rc_json, json, _) = run(&[&args[..], &["--json"]].concat());
    assert_eq!(rc, rc_json, "{err}");
    (rc, text, serde_json::from_str(&json).unwrap())
}

fn warnings(v: &Value) -> &Vec<Value> {
    v["warnings"].as_array().unwrap()
}

/// The column of header `h` (in either language) in the header row.
fn col(rows: &[Vec<String>], names: &[&str]) -> usize {
    rows[0]
        .iter()
        .position(|h| names.contains(&h.as_str()))
        .unwrap()
}

/// The roster with the first row's name shortened by a character and the second row's post
/// changed to another post word in Chinese; returns the edited rows and the two ids.
fn edit_name_and_post(rows: &[Vec<String>]) -> (Vec<Vec<String>>, String, String) {
    let (name, post) = (col(rows, &["name", "姓名"]), col(rows, &["post", "职务"]));
    let mut rows = rows.to_vec();
    let mut short = rows[1][name].chars().collect::<Vec<_>>();
    short.pop();
    rows[1][name] = short.into_iter().collect();
    let teacher = ["teacher", "教师"].contains(&rows[2][post].as_str());
    rows[2][post] = if teacher { "干部" } else { "教师" }.to_string();
    (rows.clone(), rows[1][0].clone(), rows[2][0].clone())
}

#[test]
fn a_hand_edited_name_and_post_give_two_warnings_and_the_same_audit() {
    let rows = cells(&solved("en").1);
    let (clean, clean_path) = write(&rows, "roster.csv");
    let (_, _, before) = check(&clean_path, "en");
    drop(clean);
    let (edited, named, posted) = edit_name_and_post(&rows);
    let (_dir, path) = write(&edited, "plan.csv");
    let (rc, text, v) = check(&path, "en");
    assert_eq!(rc, 0, "{text}");
    let w = warnings(&v);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert_eq!(
        (&w[0]["person"], &w[0]["field"], &w[0]["line"]),
        (
            &Value::from(named.as_str()),
            &Value::from("name"),
            &Value::from(2)
        )
    );
    assert_eq!(w[0]["roster"], rows[1][1].as_str());
    assert_eq!(w[0]["plan"], edited[1][1].as_str());
    assert_eq!(
        (&w[1]["person"], &w[1]["field"], &w[1]["line"]),
        (
            &Value::from(posted.as_str()),
            &Value::from("post"),
            &Value::from(3)
        )
    );
    // The audit is that of the plan as it was: the warnings change nothing else.
    for k in ["ok", "objective", "violations"] {
        assert_eq!(v[k], before[k], "{k}");
    }
    let said = format!(
        "warning: {named} is named {} in the plan but {} in the roster (line 2 of {})",
        edited[1][1],
        rows[1][1],
        path.display()
    );
    assert!(text.contains(&said), "{text}");
    assert!(
        text.contains(&format!("warning: {posted}'s post is 干部")),
        "{text}"
    );
    assert!(text.contains("ok: every hard rule holds"), "{text}");
}

#[test]
fn an_unedited_roster_gives_no_warning() {
    for lang in ["en", "zh"] {
        let (_dir, path) = write(&cells(&solved(lang).1), "roster.csv");
        let (rc, text, v) = check(&path, lang);
        assert_eq!(rc, 0, "{text}");
        assert!(warnings(&v).is_empty(), "{lang}: {v:#?}");
        assert!(
            !text.contains("warning") && !text.contains("警告"),
            "{text}"
        );
    }
}

#[test]
fn a_plan_without_name_or_post_columns_gives_no_warning() {
    let rows = cells(&solved("en").1);
    let keep = [0, col(&rows, &["host_school"]), col(&rows, &["start_year"])];
    let bare: Vec<Vec<String>> = rows
        .iter()
        .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
        .collect();
    let (_dir, path) = write(&bare, "hand.csv");
    let (rc, _, v) = check(&path, "en");
    assert_eq!(rc, 0);
    assert!(warnings(&v).is_empty(), "{v:#?}");
}

#[test]
fn chinese_headers_are_compared_too_and_warn_in_chinese() {
    let rows = cells(&solved("zh").1);
    assert_eq!(rows[0][..3], ["工号", "姓名", "职务"]);
    let (edited, named, posted) = edit_name_and_post(&rows);
    let (_dir, path) = write(&edited, "plan.csv");
    let (rc, text, v) = check(&path, "zh");
    assert_eq!(rc, 0, "{text}");
    let fields: Vec<(&str, &str)> = warnings(&v)
        .iter()
        .map(|w| (w["person"].as_str().unwrap(), w["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [(named.as_str(), "name"), (posted.as_str(), "post")]
    );
    let said = format!(
        "警告：{named} 在方案中的姓名为 {}，在花名册中为 {}（{} 第 2 行）",
        edited[1][1],
        rows[1][1],
        path.display()
    );
    assert!(text.contains(&said), "{text}");
    assert!(text.contains("通过"), "{text}");
}

#[test]
fn a_post_synonym_matches_and_a_home_school_differs() {
    let rows = cells(&solved("en").1);
    let (post, home) = (col(&rows, &["post"]), col(&rows, &["home_school"]));
    let home_name = col(&rows, &["home_name"]);
    let mut edited = rows.clone();
    for r in edited.iter_mut().skip(1) {
        // 老师 and 中层干部 are roster words for teacher and cadre: no difference.
        r[post] = if r[post] == "teacher" {
            "老师"
        } else {
            "中层干部"
        }
        .to_string();
    }
    let (other, other_name) = rows
        .iter()
        .skip(1)
        .map(|r| (r[home].clone(), r[home_name].clone()))
        .find(|(h, _)| *h != rows[1][home])
        .unwrap();
    // The id and the name beside it edited together (one of them alone is a row that
    // names two schools, an input error: tests/it/hand_edited_plans.rs).
    edited[1][home] = other.clone();
    edited[1][home_name] = other_name;
    let (_dir, path) = write(&edited, "plan.csv");
    let (rc, text, v) = check(&path, "en");
    assert_eq!(rc, 0, "{text}");
    let w = warnings(&v);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0]["field"], "home_school");
    assert_eq!(w[0]["plan"], other.as_str());
    assert_eq!(w[0]["roster"], rows[1][home].as_str());
    assert!(text.contains("home school is"), "{text}");
}

#[test]
fn the_text_shows_twenty_warnings_then_a_count() {
    let rows = cells(&solved("en").1);
    let mut edited = rows.clone();
    for r in edited.iter_mut().skip(1) {
        r[1] += "甲";
    }
    let (_dir, path) = write(&edited, "plan.csv");
    let (rc, text, v) = check(&path, "en");
    assert_eq!(rc, 0);
    let n = rows.len() - 1;
    assert_eq!(warnings(&v).len(), n);
    let shown = text.lines().filter(|l| l.contains(" is named ")).count();
    assert_eq!(shown, 20, "{text}");
    let more = format!("warning: {} more difference(s)", n - 20);
    assert!(text.contains(&more), "{text}");
}

#[test]
fn a_baseline_edited_against_another_roster_is_warned_about_on_stderr() {
    let rows = cells(&solved("en").1);
    let (edited, _, _) = edit_name_and_post(&rows);
    let (dir, path) = write(&edited, "baseline.csv");
    let out = dir.path().join("out");
    let args = [
        "solve",
        SCENARIO,
        "--baseline",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, stderr) = common::run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("warning: ").count(), 2, "{stderr}");
    assert!(!stdout.contains("warning: "), "{stdout}");
    // The warning changes nothing: the baseline is the plan itself, so nothing changes.
    assert!(stdout.contains("0 change(s)"), "{stdout}");
}
