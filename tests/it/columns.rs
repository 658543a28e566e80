//! The roster and distance columns under HR's names (工号, 学校, 公里, ...) and HR's values
//! (`12.0`, dates in year columns, 副校长, √): one table in src/input/columns.rs, shown in
//! docs/COLUMNS.md, read the same as SCENARIO.md's names.

use std::path::Path;

use crate::common::*;
use rotation::domain::Post;
use rotation::input::columns::{
    columns_markdown, parse_bool, parse_post, parse_whole, parse_year, words_markdown, COLUMNS,
};

#[test]
fn docs_show_the_column_table_verbatim() {
    let docs = std::fs::read_to_string(root().join("docs/COLUMNS.md")).unwrap();
    for table in [columns_markdown(), words_markdown()] {
        assert!(
            docs.contains(&table),
            "docs/COLUMNS.md does not show the table as src/input/columns.rs renders it \
             (rotation::input::columns::columns_markdown() / words_markdown()):\n\n{table}"
        );
    }
    for c in COLUMNS {
        for a in c.aliases {
            assert!(docs.contains(&format!("`{a}`")), "{a} is not in the docs");
        }
    }
}

/// The demo scenario in `dir`, with its roster's and distance table's headers replaced.
fn demo_with_headers(dir: &Path, staff: &str, km: &str) {
    let rehead = |text: String, header: &str| {
        let (_, rows) = text.split_once('\n').unwrap();
        format!("{header}\n{rows}")
    };
    let roster = rehead(bundled("chengzhong-staff.csv"), staff);
    std::fs::write(dir.join("staff.csv"), roster).unwrap();
    std::fs::write(dir.join("km.csv"), rehead(bundled("chengzhong-km.csv"), km)).unwrap();
    demo_scenario(dir, "staff.csv", "km.csv");
}

#[test]
fn chinese_headers_give_the_same_plan_as_english_ones() {
    let staff_en = std::fs::read_to_string(root().join("scenarios/chengzhong-staff.csv")).unwrap();
    let km_en = std::fs::read_to_string(root().join("scenarios/chengzhong-km.csv")).unwrap();
    let first = |t: &str| {
        t.trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        first(&staff_en),
        "id,name,school,subject,post,backbone,years_at_school,retire_year,exempt,\
         needs_promotion,home_lat,home_lon,preferences,exchange_host,exchange_start,\
         last_return_year"
    );
    assert_eq!(first(&km_en), "from,to,km");
    let staff_zh = " 工号 ,姓名,所在学校,任教学科,职务,是否骨干,本校任教年限,退休年份,免于交流,\
         职称晋升,居住地纬度,居住地经度,意向学校,现交流学校,交流开始年份,上次返回年份";
    let mut got = Vec::new();
    for (staff, km) in [
        (first(&staff_en), first(&km_en)),
        (staff_zh.to_string(), "起点,终点,公里".to_string()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        demo_with_headers(dir.path(), &staff, &km);
        let inst = rotation::load::instance(&dir.path().join("s.toml"), None, &[])
            .unwrap_or_else(|e| panic!("{staff}: {e}"));
        let (s, _) = solve_and_check(&inst);
        got.push((
            format!("{:?} {:?}", inst.people, inst.table_km.len()),
            s.plan.starts.clone(),
            s.objective.unwrap(),
        ));
    }
    assert!(
        got[0].0 == got[1].0,
        "another instance with Chinese headers"
    );
    assert_eq!(got[0].1, got[1].1, "another plan with Chinese headers");
    assert!(
        (got[0].2 - got[1].2).abs() < 1e-9,
        "objective {} vs {}",
        got[0].2,
        got[1].2
    );
}

#[test]
fn whole_numbers_and_years_read_as_spreadsheets_write_them() {
    assert_eq!(parse_whole("12.0"), Some(12));
    assert_eq!(parse_whole(" 12 "), Some(12));
    assert_eq!(parse_whole("12.5"), None);
    assert_eq!(parse_whole("12."), None);
    for y in [
        "2031",
        "2031.0",
        "2031-07-01",
        "2031/7/1",
        "2031/7",
        "2031-07",
        "2031年7月",
        "2031年7月1日",
        "2031年",
    ] {
        assert_eq!(parse_year(y), Some(2031), "{y}");
    }
    for bad in [
        "2031.5",
        "2031/13",
        "2031-07-32",
        "31/7/2031",
        "July 2031",
        "2031/7/1/1",
    ] {
        assert_eq!(parse_year(bad), None, "{bad}");
    }
}

#[test]
fn post_words_and_booleans_follow_the_documented_mapping() {
    for w in [
        "副校长",
        "中层",
        "中层干部",
        "教导主任",
        "教务主任",
        "主任",
        "干部",
        "Cadre",
    ] {
        assert_eq!(parse_post(w), Some(Post::Cadre), "{w}");
    }
    for w in ["校长", "书记", "principal"] {
        assert_eq!(parse_post(w), Some(Post::Principal), "{w}");
    }
    for w in ["教师", "老师", " teacher "] {
        assert_eq!(parse_post(w), Some(Post::Teacher), "{w}");
    }
    assert_eq!(parse_post("园长"), None);
    for w in ["是", "√", "✓", "对", "有", "YES", "1"] {
        assert_eq!(parse_bool(w), Some(true), "{w}");
    }
    for w in ["否", "×", "✗", "错", "无", "No", "0"] {
        assert_eq!(parse_bool(w), Some(false), "{w}");
    }
    assert_eq!(parse_bool("maybe"), None);
}

const SCENARIO: &str = "[scenario]\nplan_year = 2027\nstaff = \"r.csv\"\n\
[[groups]]\nid = \"g\"\ncore = \"c\"\nmembers = [\"m\"]\n\
[[schools]]\nid = \"c\"\nlat = 36.60\nlon = 101.78\n\
[[schools]]\nid = \"m\"\nlat = 36.65\nlon = 101.78\n";

/// `validate` on the two-school scenario with roster `roster`: exit code and stderr.
fn validate(roster: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), SCENARIO).unwrap();
    std::fs::write(dir.path().join("r.csv"), roster).unwrap();
    let (rc, _, err) = run(&["validate", dir.path().join("s.toml").to_str().unwrap()]);
    (rc, err)
}

#[test]
fn values_in_hr_forms_are_read_in_a_roster() {
    let roster = "工号,学校,学科,职务,骨干,任教年限,退休年份,暂缓交流\n\
        a1,c,math,副校长,√,12.0,2031/7/1,否\n\
        a2,c,math,书记,×,3,2040年7月,\n\
        a3,m,math,教导主任,是,6.0,,×\n";
    let (rc, err) = validate(roster);
    assert_eq!(rc, 0, "{err}");
}

#[test]
fn a_half_year_is_still_a_bad_number() {
    let (rc, err) = validate("工号,学校,学科,任教年限\na1,c,math,12.5\n");
    assert_eq!(rc, 2);
    assert!(
        err.contains("error[E1012]") && err.contains("r.csv:2: `years_at_school` = `12.5`"),
        "{err}"
    );
}

#[test]
fn two_headers_for_one_column_are_refused() {
    let (rc, err) = validate("id,工号,school,subject\na1,a1,c,math\n");
    assert_eq!(rc, 2);
    assert!(
        err.contains("error[E1036]") && err.contains("`id` and `工号`"),
        "{err}"
    );
}

#[test]
fn a_missing_column_lists_its_accepted_names() {
    let (rc, err) = validate("工号,学科\na1,math\n");
    assert_eq!(rc, 2);
    assert!(
        err.contains("error[E1005]") && err.contains("school (学校, 所在学校, 工作单位"),
        "{err}"
    );
}

/// `roll` finds the columns under their Chinese names too: it updates 本校任教年限 in place
/// instead of appending an English `years_at_school` column (which the reader would then
/// refuse as a second column for the same field).
#[test]
fn a_roster_with_chinese_headers_rolls_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let staff_zh = "工号,姓名,所在学校,任教学科,职务,是否骨干,本校任教年限,退休年份,免于交流,\
         职称晋升,居住地纬度,居住地经度,意向学校,现交流学校,交流开始年份,上次返回年份";
    demo_with_headers(dir.path(), staff_zh, "起点,终点,公里");
    let s = dir.path().join("s.toml");
    let (rc, _, err) = run(&[
        "solve",
        s.to_str().unwrap(),
        "--out",
        dir.path().join("p").to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
    let plan = dir.path().join("p/roster.csv");
    let out = dir.path().join("next");
    let (rc, _, err) = run(&[
        "roll",
        s.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
    let rolled = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .unwrap();
    let (rc, _, err) = run(&["validate", rolled.to_str().unwrap()]);
    assert_eq!(rc, 0, "{err}");
    let roster = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-staff.csv"))
        .unwrap();
    let text = std::fs::read_to_string(roster).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header, staff_zh,
        "the columns keep their Chinese names, none is added"
    );
}

#[test]
fn docs_show_the_subject_table_verbatim() {
    let docs = std::fs::read_to_string(root().join("docs/COLUMNS.md")).unwrap();
    let table = rotation::input::subjects::subjects_markdown();
    assert!(
        docs.contains(&table),
        "docs/COLUMNS.md does not show src/input/subjects.rs's table:\n\n{table}"
    );
}
