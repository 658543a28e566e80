//! How a roster and a distance table are read, each rule on the smallest file that shows it:
//! the header found below a title (or where `staff_header_row` says), totals skipped and
//! said, every column mapped or named as unread (`--strict` refuses), schools and subjects
//! as HR writes them, distances the table lacks said or refused, and every problem of every
//! row in one run. The corpus of real-looking exports is tests/it/hr_exports.rs.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A two-school county (core `c`, named 城东中学; member `m`, 城西中学) reading `roster`
/// (written as roster.csv), with `extra` lines under `[scenario]` and `min` under the core.
fn county(dir: &Path, roster: &str, extra: &str, min: &str) -> PathBuf {
    let text = format!(
        "[scenario]\nplan_year = 2027\nstaff = \"roster.csv\"\n{extra}\n\
         [[groups]]\nid = \"g\"\ncore = \"c\"\nmembers = [\"m\"]\n\
         [[schools]]\nid = \"c\"\nname = \"城东中学\"\nlat = 36.6\nlon = 101.7\n{min}\n\
         [[schools]]\nid = \"m\"\nname = \"城西中学\"\nlat = 36.7\nlon = 101.7\n"
    );
    std::fs::write(dir.join("roster.csv"), roster).unwrap();
    let path = dir.join("s.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn validate(path: &Path, more: &[&str]) -> (i32, String) {
    let mut args = vec!["validate", path.to_str().unwrap(), "--lang", "en"];
    args.extend(more);
    let (rc, out, err) = run(&args);
    (rc, format!("{out}{err}"))
}

#[test]
fn the_header_is_found_below_a_title_and_totals_are_skipped_aloud() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "2027年教职工花名册,,,\n制表单位：人事科,,,\n序号,工号,所在学校,任教学科\n\
                  1,a,c,math\n2,b,m,math\n合计,,,2\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(out.contains("2 staff"), "{out}");
    assert!(
        out.contains("roster.csv:1: 2 row(s) above the header (row 3)"),
        "{out}"
    );
    assert!(out.contains("2027年教职工花名册"), "{out}");
    assert!(
        out.contains("roster.csv:6: 1 total or note row(s) skipped"),
        "{out}"
    );
    assert!(out.contains("工号 → `id`"), "{out}");
}

#[test]
fn staff_header_row_names_the_header_when_rows_above_look_like_one() {
    let dir = tempfile::tempdir().unwrap();
    // Row 1 names three known columns too (an HR system's field codes would not, but a
    // copied header would): the guess takes it, the key overrides the guess.
    let roster = "id,school,subject\n工号,所在学校,任教学科\na,c,math\nb,m,math\n";
    let s = county(dir.path(), roster, "staff_header_row = 2", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(out.contains("2 staff"), "{out}");
    let s = county(dir.path(), roster, "staff_header_row = 9", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(out.contains("s.toml:4") && out.contains("row 9"), "{out}");
}

#[test]
fn a_missing_header_says_how_to_name_the_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let s = county(dir.path(), "花名册\n\na,c,math\n", "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(
        out.contains("E1005") && out.contains("staff_header_row = N"),
        "{out}"
    );
}

#[test]
fn every_column_not_read_is_named_and_strict_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "工号,所在学校,任教学科,性别,退休年\na,c,math,男,2040\nb,m,math,女,2041\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(
        out.contains("warning[E1060]") && out.contains("性别"),
        "{out}"
    );
    // 退休年 is held by 退休年份: named as what it probably means.
    assert!(
        out.contains("`退休年` is not read; it probably means `retire_year`"),
        "{out}"
    );
    let (rc, out) = validate(&s, &["--strict"]);
    assert_eq!(rc, 2, "{out}");
    assert_eq!(out.matches("error[E1060]").count(), 2, "{out}");
}

#[test]
fn a_row_naming_no_one_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,name,school,subject\na,甲,c,math\n,,m,math\nb,乙,m,math\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(
        out.contains("warning[E1061]") && out.contains("rows 3"),
        "{out}"
    );
}

#[test]
fn schools_may_be_written_by_name_and_a_near_miss_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,school,subject,preferences\na,城东中学,math,城西中学\nb,m,math,\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    let roster = "id,school,subject\na,城东中,math\nb,m,math\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(
        out.contains("roster.csv:2") && out.contains("`c` (城东中学)"),
        "{out}"
    );
}

#[test]
fn chinese_and_english_subject_names_are_one_subject() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,school,subject\na,c,语文\nb,m,Chinese\nc2,c,数学\n";
    let s = county(
        dir.path(),
        roster,
        "",
        "[schools.min_subject]\nchinese = 1\nmath = 1",
    );
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(out.contains("2 subjects"), "{out}");
    // A minimum of a subject no one teaches: at its key, with the nearest subject taught.
    let s = county(dir.path(), roster, "", "[schools.min_subject]\nmaths_ = 1");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(
        out.contains("error[E1063]") && out.contains("s.toml:15"),
        "{out}"
    );
    assert!(out.contains("did you mean `数学`"), "{out}");
}

#[test]
fn a_distance_the_table_lacks_is_said_listed_and_refused_when_complete() {
    let dir = tempfile::tempdir().unwrap();
    let km = bundled("chengzhong-km.csv");
    // The demo's table without its row no1–huangzhong-1 (27.4 km by road).
    let lacking: String = km
        .lines()
        .filter(|l| !l.starts_with("no1,huangzhong-1"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("km.csv"), lacking).unwrap();
    let s = demo_scenario(dir.path(), "chengzhong-staff.csv", "km.csv");
    std::fs::write(
        dir.path().join("chengzhong-staff.csv"),
        bundled("chengzhong-staff.csv"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let (rc, _, err) = run(&["solve", s.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(rc, 0, "{err}");
    assert!(
        err.contains("warning[E1062]") && err.contains("11 school pair(s)"),
        "{err}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let pairs = summary["estimated_km"].as_array().unwrap();
    assert_eq!(pairs.len(), 11);
    assert!(pairs
        .iter()
        .any(|p| p["from"] == "no1" && p["to"] == "huangzhong-1"));
    let text = std::fs::read_to_string(&s)
        .unwrap()
        .replace("[scenario]\n", "[scenario]\ndistances_complete = true\n");
    std::fs::write(&s, text).unwrap();
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert_eq!(out.matches("error[E1062]").count(), 11, "{out}");
}

#[test]
fn a_distance_cap_of_zero_is_refused() {
    let (rc, _, err) = run(&[
        "validate",
        "scenarios/chengzhong.toml",
        "--set",
        "policy.max_distance_km=0",
    ]);
    assert_eq!(rc, 2, "{err}");
    assert!(
        err.contains("error[E1040]") || err.contains("error[E1006]"),
        "{err}"
    );
}

#[test]
fn every_problem_of_every_row_comes_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,school,subject,backbone\na,c,math,maybe\nb,nowhere,math,no\nc3,m,math,no\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(
        out.contains("roster.csv:2") && out.contains("E1011"),
        "{out}"
    );
    assert!(
        out.contains("roster.csv:3") && out.contains("E1021"),
        "{out}"
    );
    // 20,000 rows, each with a bad yes/no and an unknown school: 40,000 problems.
    let mut big = String::from("id,school,subject,backbone\n");
    for i in 0..20_000 {
        big += &format!("p{i},nowhere,math,maybe\n");
    }
    let s = county(dir.path(), &big, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2);
    assert!(
        out.contains("40000 problems found"),
        "{}",
        &out[out.len() - 300..]
    );
}

#[test]
fn a_cell_longer_than_a_spreadsheet_holds_is_an_input_error_at_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(40_000);
    let roster = format!("id,name,school,subject\na,{long},c,math\nb,乙,m,math\n");
    let s = county(dir.path(), &roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{}", &out[..300.min(out.len())]);
    assert!(
        out.contains("error[E1064]") && out.contains("roster.csv:2"),
        "{}",
        &out[..300]
    );
}

#[test]
fn a_person_whose_id_starts_with_a_total_word_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,school,subject\nNote-7,c,math\n注1001,m,math\n合计,,2\n";
    let s = county(dir.path(), roster, "", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(out.contains("2 staff"), "{out}");
    assert!(
        out.contains("roster.csv:4: 1 total or note row(s)"),
        "{out}"
    );
}

#[test]
fn one_subject_named_twice_in_a_minimum_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,school,subject\na,c,chinese\nb,m,chinese\n";
    let min = "[schools.min_subject]\nchinese = 1\n\"语文\" = 1";
    let s = county(dir.path(), roster, "", min);
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(
        out.contains("error[E1020]") && out.contains("s.toml:16"),
        "{out}"
    );
    assert!(out.contains("`chinese` and `语文`"), "{out}");
}

#[test]
fn a_subject_taught_only_on_a_row_with_a_bad_cell_is_not_called_untaught() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "id,school,subject,backbone\na,c,书法,maybe\nb,m,math,no\n";
    let s = county(
        dir.path(),
        roster,
        "",
        "[schools.min_subject]\n\"书法\" = 1",
    );
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(out.contains("error[E1011]"), "{out}");
    assert!(!out.contains("E1063"), "{out}");
}

#[test]
fn a_header_row_that_names_data_is_reported_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "标题\nid,school,subject\na,c,math\nb,m,math\n";
    let s = county(dir.path(), roster, "staff_header_row = 3", "");
    let (rc, out) = validate(&s, &[]);
    assert_eq!(rc, 2, "{out}");
    assert!(
        out.contains("s.toml:4") && out.contains("holds no header"),
        "{out}"
    );
    assert!(!out.contains("set `staff_header_row = N`"), "{out}");
}

#[test]
fn a_rolled_csv_keeps_its_header_on_the_line_staff_header_row_names() {
    let dir = tempfile::tempdir().unwrap();
    let roster = "2027年花名册\n\nid,school,subject,years_at_school\na,c,math,9\nb,m,math,9\n";
    let s = county(dir.path(), roster, "staff_header_row = 3", "");
    let out = dir.path().join("out");
    // Nothing asked of the two schools: the plan is empty, and `roll` still rewrites the roster.
    let easy = [
        "--set",
        "quota.rate=0",
        "--set",
        "equity.backbone_target_share=0",
    ];
    let solve = ["solve", s.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let (rc, _, err) = run(&[&solve[..], &easy[..]].concat());
    assert_eq!(rc, 0, "{err}");
    let next = dir.path().join("next");
    let plan = out.join("roster.csv");
    let args = [
        "roll",
        s.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ];
    let (rc, _, err) = run(&[&args[..], &["--out", next.to_str().unwrap()]].concat());
    assert_eq!(rc, 0, "{err}");
    let (rc, out) = validate(&next.join("s-2028.toml"), &[]);
    assert_eq!(rc, 0, "{out}");
    assert!(out.contains("2 staff"), "{out}");
}

#[test]
fn compare_says_each_reading_warning_once_and_strict_refuses_it() {
    let demo = "scenarios/chengzhong.toml";
    let (rc, _, err) = run(&[
        "compare",
        demo,
        "--set",
        "quota.rate=0.1",
        "--set",
        "quota.rate=0.2",
    ]);
    // 0, or 1 when a variant is infeasible: the input was read either way.
    assert!(rc == 0 || rc == 1, "{err}");
    assert_eq!(err.matches("warning[E1062]").count(), 1, "{err}");
    let (rc, _, err) = run(&["compare", demo, "--strict"]);
    assert_eq!(rc, 2, "{err}");
    assert!(err.contains("error[E1062]"), "{err}");
}
