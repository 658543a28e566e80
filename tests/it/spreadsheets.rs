//! Rosters and distance tables kept as .xlsx workbooks read as their CSV exports: same
//! instance, same plan, same objective, and errors at the sheet's row numbers; sheets picked
//! by name (`staff_sheet`, `distances_sheet`); the demo's own workbook roster
//! (scenarios/chengzhong-staff.xlsx) kept equal to its CSV twin, solved and rolled.

use std::path::Path;

use crate::common::*;
use calamine::{Data, Reader};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

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
    let inst = rotation::load::instance(path, None, &[]).unwrap_or_else(|e| panic!("{e}"));
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
    match rotation::load::instance(path, None, &[]) {
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

/// HR's words in the demo workbook for the CSV's yes/no and post values (docs/COLUMNS.md).
const HR_WORDS: [(&str, &str); 5] = [
    ("true", "是"),
    ("false", "否"),
    ("teacher", "教师"),
    ("cadre", "中层干部"),
    ("principal", "校长"),
];

fn hr_word(csv: &str) -> Option<&'static str> {
    HR_WORDS.iter().find(|(c, _)| *c == csv).map(|(_, w)| *w)
}

fn csv_word(hr: &str) -> Option<&'static str> {
    HR_WORDS.iter().find(|(_, w)| *w == hr).map(|(c, _)| *c)
}

const DEMO_WORKBOOK: &str = "scenarios/chengzhong-staff.xlsx";

/// Writes the demo roster (scenarios/chengzhong-staff.csv) as HR keeps it: sheet 教职工名单,
/// Chinese column names, yes/no and posts in Chinese, numbers as number cells, header row
/// frozen. The file's properties carry a fixed date, so the same CSV gives the same cells.
fn write_demo_workbook(path: &Path) {
    let staff = csv_rows("chengzhong-staff.csv");
    let mut book = Workbook::new();
    let when = ExcelDateTime::from_ymd(2027, 1, 1).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let sheet = book.add_worksheet().set_name("教职工名单").unwrap();
    sheet.set_freeze_panes(1, 0).unwrap();
    for (c, h) in STAFF_ZH.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
        sheet.set_column_width(c as u16, 12).unwrap();
    }
    for (r, row) in staff[1..].iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if let Some(w) = hr_word(cell) {
                sheet.write_string(r, col, w).unwrap();
            } else if let Ok(x) = cell.parse::<f64>() {
                sheet.write_number(r, col, x).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r, col, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// Rewrites scenarios/chengzhong-staff.xlsx from scenarios/chengzhong-staff.csv: run it
/// after changing the CSV (`the_demo_workbook_holds_exactly_the_csv_rows` fails until then).
#[test]
#[ignore = "rewrites scenarios/chengzhong-staff.xlsx; run by hand after changing the CSV"]
fn remake_the_demo_workbook() {
    write_demo_workbook(&root().join(DEMO_WORKBOOK));
}

#[test]
fn the_demo_workbook_holds_exactly_the_csv_rows() {
    let mut book = calamine::open_workbook_auto(root().join(DEMO_WORKBOOK)).unwrap();
    assert_eq!(book.sheet_names(), ["教职工名单"]);
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let text = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::String(s) => csv_word(s).unwrap_or(s).to_string(),
        Data::Float(f) => f.to_string(),
        other => panic!("an unexpected cell {other:?}"),
    };
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let csv = csv_rows("chengzhong-staff.csv");
    let header: Vec<&str> = STAFF_ZH.split(',').collect();
    assert_eq!(rows[0], header);
    assert_eq!(
        rows.len(),
        csv.len(),
        "the workbook and the CSV differ in rows"
    );
    // A number cell holds the number, not its digits: `101.80420` comes back as `101.8042`.
    let number = |c: &String| c.parse::<f64>().map_or(c.clone(), |f| f.to_string());
    for (i, (got, want)) in rows.iter().zip(&csv).enumerate().skip(1) {
        let want: Vec<String> = want.iter().map(number).collect();
        assert_eq!(
            got,
            &want,
            "row {} differs: remake {DEMO_WORKBOOK} (see scenarios/chengzhong.toml)",
            i + 1
        );
    }
}

/// `solve` on `scenario` into `out`: its roster.csv bytes and summary objective.
fn solve_cli(scenario: &Path, out: &Path) -> (Vec<u8>, f64) {
    let (rc, _, err) = run(&["solve", s(scenario), "--out", s(out)]);
    assert_eq!(rc, 0, "{err}");
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let roster = std::fs::read(out.join("roster.csv")).unwrap();
    (roster, summary["objective"].as_f64().unwrap())
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The demo read from its CSV twin instead of its workbook, in `dir`.
fn csv_demo(dir: &Path) -> std::path::PathBuf {
    let abs = |f: &str| root().join("scenarios").join(f).display().to_string();
    demo_scenario(dir, &abs("chengzhong-staff.csv"), &abs("chengzhong-km.csv"))
}

#[test]
fn the_demo_workbook_and_its_csv_give_the_same_plan() {
    let toml = bundled("chengzhong.toml");
    assert!(toml.contains("staff = \"chengzhong-staff.xlsx\""), "{toml}");
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = solve_cli(
        &root().join("scenarios/chengzhong.toml"),
        &tmp.path().join("x"),
    );
    let csv = solve_cli(&csv_demo(tmp.path()), &tmp.path().join("c"));
    assert!(xlsx.0 == csv.0, "the two roster.csv differ");
    assert_eq!(xlsx.1, csv.1);
    assert!(
        (xlsx.1 - 4722.934110254264).abs() < 1e-6,
        "objective {}",
        xlsx.1
    );
}

/// A copy of the ODS fixture's scenario in `dir`: roster and distances from the sheets 名单
/// and 距离 of one workbook whose first sheet is a note.
fn ods_demo(dir: &Path) -> std::path::PathBuf {
    let ods = root()
        .join("tests/fixtures/chengzhong.ods")
        .display()
        .to_string();
    let path = demo_scenario(dir, &ods, &ods);
    let toml = std::fs::read_to_string(&path).unwrap().replace(
        "[scenario]\n",
        "[scenario]\nstaff_sheet = \"名单\"\ndistances_sheet = \"距离\"\n",
    );
    std::fs::write(&path, toml).unwrap();
    path
}

/// The people of the scenario at `path`, comparable.
fn people(path: &Path) -> String {
    let inst = rotation::load::instance(path, None, &[]).unwrap_or_else(|e| panic!("{e}"));
    format!("{:?}", inst.people)
}

#[test]
fn workbook_rosters_roll_into_workbook_rosters_and_csv_into_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = root().join("scenarios/chengzhong.toml");
    let plan = tmp.path().join("plan");
    solve_cli(&demo, &plan);
    let plan = plan.join("roster.csv");
    let (c, o) = (tmp.path().join("c"), tmp.path().join("o"));
    std::fs::create_dir_all(&c).unwrap();
    std::fs::create_dir_all(&o).unwrap();
    // (scenario, output folder, base name, the new roster's extension, its staff_sheet)
    let rolls = [
        (
            demo,
            tmp.path().join("x-next"),
            "chengzhong-2028",
            "xlsx",
            None,
        ),
        (csv_demo(&c), c.join("next"), "s-2028", "csv", None),
        (ods_demo(&o), o.join("next"), "s-2028", "xlsx", Some("名单")),
    ];
    let mut rolled = Vec::new();
    for (scenario, next, base, ext, sheet) in &rolls {
        let (rc, out, err) = run(&["roll", s(scenario), "--plan", s(&plan), "--out", s(next)]);
        assert_eq!(rc, 0, "{err}");
        let toml = std::fs::read_to_string(next.join(format!("{base}.toml"))).unwrap();
        assert!(
            toml.contains(&format!("staff = \"{base}-staff.{ext}\"")),
            "{toml}"
        );
        match sheet {
            Some(name) => assert!(
                toml.contains(&format!("staff_sheet = \"{name}\"")),
                "{toml}"
            ),
            None => assert!(!toml.contains("staff_sheet"), "{toml}"),
        }
        // An .ods roster rolls into .xlsx, and the output says so.
        let said = out.contains("is an .xls/.ods workbook");
        assert_eq!(said, *ext == "xlsx" && sheet.is_some(), "{out}");
        rolled.push(people(&next.join(format!("{base}.toml"))));
    }
    let ods_toml = std::fs::read_to_string(rolls[2].1.join("s-2028.toml")).unwrap();
    assert!(
        ods_toml.contains("distances_sheet = \"距离\""),
        "{ods_toml}"
    );
    let roster = std::fs::read_to_string(rolls[1].1.join("s-2028-staff.csv")).unwrap();
    assert!(roster.starts_with("\u{feff}id,"), "{roster}");
    assert!(rolled[0] == rolled[1], "the workbook and CSV roll apart");
    assert!(rolled[2] == rolled[1], "the ODS and CSV roll apart");
}

/// The errors of loading the demo with `[scenario]` lines `keys` added, roster `staff` and
/// distance table `km`.
fn sheet_errors(keys: &str, staff: &str, km: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let path = demo_scenario(tmp.path(), staff, km);
    let toml = std::fs::read_to_string(&path)
        .unwrap()
        .replace("[scenario]\n", &format!("[scenario]\n{keys}"));
    std::fs::write(&path, toml).unwrap();
    load_err(&path, "a sheet key that does not fit is refused")
}

#[test]
fn a_sheet_the_workbook_lacks_or_a_csv_is_refused_at_the_key() {
    let ods = root()
        .join("tests/fixtures/chengzhong.ods")
        .display()
        .to_string();
    let km = root()
        .join("scenarios/chengzhong-km.csv")
        .display()
        .to_string();
    let err = sheet_errors("staff_sheet = \"教师\"\n", &ods, &km);
    let key_line = bundled("chengzhong.toml")
        .lines()
        .position(|l| l == "[scenario]")
        .unwrap()
        + 2;
    let at = format!("s.toml:{key_line}: `staff_sheet = \"教师\"`: the workbook `chengzhong.ods`");
    assert!(err.contains("error[E1038]") && err.contains(&at), "{err}");
    assert!(
        err.contains("its sheets are `说明`, `名单`, `距离`"),
        "{err}"
    );
    let err = sheet_errors("distances_sheet = \"距离\"\n", &ods, &km);
    assert!(
        err.contains("error[E1038]") && err.contains("chengzhong-km.csv` is a CSV file"),
        "{err}"
    );
    // Sheet names match as Excel matches them: any case, spaces around ignored.
    let tmp = tempfile::tempdir().unwrap();
    let path = ods_demo(tmp.path());
    let toml = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"距离\"", "\" 距离 \"");
    std::fs::write(&path, toml).unwrap();
    people(&path);
}
