//! Rosters and distance tables kept as .xlsx workbooks read as their CSV exports: same
//! instance, same plan, same objective, and errors at the sheet's row numbers.

mod common;

use std::path::Path;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const STAFF_ZH: &str = "工号,姓名,所在学校,任教学科,职务,是否骨干,本校任教年限,退休年份,免于交流,\
     职称晋升,居住地纬度,居住地经度,意向学校,现交流学校,交流开始年份,上次返回年份";

/// The rows of a bundled CSV, the header row first.
fn csv_rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("scenarios").join(name)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Writes `rows` as the first sheet of `path` the way HR keeps them: numbers as number cells,
/// `true`/`false` as booleans, and, with `dated`, a year in column `retire_year` as the date
/// cell 1 July of that year.
fn write_xlsx(path: &Path, header: &[&str], rows: &[Vec<String>], dated: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("名单").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let retire = header.iter().position(|h| *h == "retire_year");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if cell.is_empty() {
                continue;
            }
            if let (true, Some(true), Ok(y)) = (dated, retire.map(|i| i == c), cell.parse()) {
                let d = ExcelDateTime::from_ymd(y, 7, 1).unwrap();
                sheet.write_datetime_with_format(r, col, &d, &date).unwrap();
            } else if let Ok(b) = cell.parse::<bool>() {
                sheet.write_boolean(r, col, b).unwrap();
            } else if let Ok(x) = cell.parse::<f64>() {
                sheet.write_number(r, col, x).unwrap();
            } else {
                sheet.write_string(r, col, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// The instance's people, table size, plan and objective for the scenario at `path`.
fn outcome(path: &Path) -> (String, Vec<impl std::fmt::Debug + PartialEq>, f64) {
    let inst = rotation::instance::load(path, None, &[]).unwrap_or_else(|e| panic!("{e}"));
    let (s, _) = solve_and_check(&inst);
    let people = format!("{:?} {:?}", inst.people, inst.table_km.len());
    (people, s.plan.starts.clone(), s.objective.unwrap())
}

#[test]
fn xlsx_rosters_give_the_same_plan_as_the_csv_demo() {
    let csv = outcome(&root().join("scenarios/chengzhong.toml"));
    let staff = csv_rows("chengzhong-staff.csv");
    let km = csv_rows("chengzhong-km.csv");
    let staff_en: Vec<&str> = staff[0].iter().map(String::as_str).collect();
    let km_en: Vec<&str> = km[0].iter().map(String::as_str).collect();
    let staff_zh: Vec<&str> = STAFF_ZH.split(',').collect();
    let km_zh = ["起点", "终点", "公里"];
    for (sh, kh, dated) in [(staff_en, km_en, true), (staff_zh, km_zh.to_vec(), false)] {
        let dir = tempfile::tempdir().unwrap();
        write_xlsx(&dir.path().join("staff.xlsx"), &sh, &staff[1..], dated);
        write_xlsx(&dir.path().join("km.XLSX"), &kh, &km[1..], false);
        let got = outcome(&demo_scenario(dir.path(), "staff.xlsx", "km.XLSX"));
        assert!(got.0 == csv.0, "another instance with headers {sh:?}");
        assert_eq!(got.1, csv.1, "another plan with headers {sh:?}");
        assert!(
            (got.2 - csv.2).abs() < 1e-9,
            "objective {} vs {}",
            got.2,
            csv.2
        );
    }
}

/// The errors loading the scenario at `path`, which must fail (`why`).
fn load_err(path: &Path, why: &str) -> String {
    match rotation::instance::load(path, None, &[]) {
        Ok(_) => panic!("{why}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_error_in_an_xlsx_roster_names_its_row() {
    let mut staff = csv_rows("chengzhong-staff.csv");
    let years = staff[0]
        .iter()
        .position(|h| h == "years_at_school")
        .unwrap();
    staff[4][years] = "many".to_string();
    let header: Vec<&str> = staff[0].iter().map(String::as_str).collect();
    let dir = tempfile::tempdir().unwrap();
    write_xlsx(&dir.path().join("staff.xlsx"), &header, &staff[1..], false);
    let km = csv_rows("chengzhong-km.csv");
    let kh: Vec<&str> = km[0].iter().map(String::as_str).collect();
    write_xlsx(&dir.path().join("km.xlsx"), &kh, &km[1..], false);
    let err = load_err(
        &demo_scenario(dir.path(), "staff.xlsx", "km.xlsx"),
        "`many` years is refused",
    );
    assert!(err.contains("staff.xlsx:5: "), "{err}");
    assert!(err.contains("many"), "{err}");
}

#[test]
fn a_broken_workbook_is_refused_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("staff.xlsx"), "id,school,subject\n").unwrap();
    let km = csv_rows("chengzhong-km.csv");
    let kh: Vec<&str> = km[0].iter().map(String::as_str).collect();
    write_xlsx(&dir.path().join("km.xlsx"), &kh, &km[1..], false);
    let err = load_err(
        &demo_scenario(dir.path(), "staff.xlsx", "km.xlsx"),
        "a text file named .xlsx is refused",
    );
    assert!(
        err.contains("error[E1010]") && err.contains("staff.xlsx"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
    let missing = demo_scenario(dir.path(), "nowhere.ods", "km.xlsx");
    let err = load_err(&missing, "a missing workbook is refused");
    assert!(
        err.contains("error[E1001]") && err.contains("nowhere.ods"),
        "{err}"
    );
}
