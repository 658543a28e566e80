//! `roll` reads the roster exactly as the scenario reader does (tests/fixtures/hr/, see
//! tests/it/hr_exports.rs): the same sheet, the same header below a title or a grouped
//! header, the same people, with total and note rows (合计, 注：…) and rows without a person
//! left out. Each HR export, solved and rolled with its plan, rolls the same people as the
//! demo (scenarios/chengzhong.toml, the same 558 people) rolled with the demo's plan: the
//! same counts, the same exchanges under way, and a rolled scenario that validates and reads
//! back with the same people. And what HR typed around the table stays: the rows above the
//! header at their rows, the total and note rows at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;
use calamine::{Data, Reader};

/// A person of a rolled roster as the reader reads it: exchange host and start, years at
/// school, last return.
type Rolled = BTreeMap<String, (Option<String>, Option<i32>, i32, Option<i32>)>;

/// One scenario solved and rolled with its own plan.
struct Roll {
    _dir: tempfile::TempDir,
    /// The first line `roll` printed: its counts.
    counts: String,
    /// The rolled scenario.
    scenario: PathBuf,
    /// The rolled roster file.
    roster: PathBuf,
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Solves `scenario` (relative to the crate's root) and rolls it with the plan.
fn solve_and_roll(scenario: &str) -> Roll {
    let dir = tempfile::tempdir().unwrap();
    let (plan, next) = (dir.path().join("plan"), dir.path().join("next"));
    let (rc, _, err) = run(&["solve", scenario, "--out", s(&plan)]);
    assert_eq!(rc, 0, "solve {scenario}: {err}");
    let roster = plan.join("roster.csv");
    let (rc, out, err) = run(&["roll", scenario, "--plan", s(&roster), "--out", s(&next)]);
    assert_eq!(rc, 0, "roll {scenario}: {err}");
    let files = files_in(&next);
    let find = |end: &str| files.iter().find(|f| s(f).ends_with(end)).cloned();
    let roster = find("-staff.xlsx").or_else(|| find("-staff.csv"));
    Roll {
        counts: out.lines().next().unwrap_or_default().to_string(),
        scenario: find(".toml").expect("a rolled scenario"),
        roster: roster.expect("a rolled roster"),
        _dir: dir,
    }
}

/// The people of a rolled scenario as the reader reads them; the scenario must validate.
fn people(scenario: &Path) -> Rolled {
    let (rc, _, err) = run(&["validate", s(scenario)]);
    assert_eq!(rc, 0, "{}: {err}", scenario.display());
    let inst = rotation::load::instance(scenario, None, &[])
        .unwrap_or_else(|e| panic!("{}: {e}", scenario.display()));
    let host = |(h, y): (rotation::instance::SchoolId, i32)| (inst.school(h).id.clone(), y);
    inst.people
        .iter()
        .map(|p| {
            let away = p.existing.map(host);
            let v = (
                away.as_ref().map(|a| a.0.clone()),
                away.map(|a| a.1),
                p.years_at_school,
                p.last_return_year,
            );
            (p.id.clone(), v)
        })
        .collect()
}

/// The demo rolled with the demo's plan, once.
fn demo() -> &'static (Roll, Rolled) {
    static DEMO: OnceLock<(Roll, Rolled)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let r = solve_and_roll("scenarios/chengzhong.toml");
        let p = people(&r.scenario);
        (r, p)
    })
}

/// The staff count `roll` printed (`…: 558 staff; …`).
fn staff(counts: &str) -> usize {
    let before = counts.split(" staff").next().unwrap_or_default();
    let n = before.rsplit(' ').next().unwrap_or_default();
    n.parse()
        .unwrap_or_else(|_| panic!("no staff count in {counts:?}"))
}

/// A table file's non-empty rows as text, trailing empty cells dropped, with their row
/// numbers: a workbook's roster sheet (the one whose rows hold 工号), or a CSV in UTF-8 or
/// GB18030.
fn rows_of(path: &Path) -> Vec<(usize, Vec<String>)> {
    let text = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::Float(f) => f.to_string(),
        d => d.to_string(),
    };
    let mut all: Vec<(usize, Vec<String>)> = Vec::new();
    if s(path).ends_with(".csv") {
        let bytes = std::fs::read(path).unwrap();
        let decoded = match String::from_utf8(bytes.clone()) {
            Ok(t) => t,
            Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        };
        let body = decoded.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes());
        for (i, rec) in reader.records().enumerate() {
            all.push((i + 1, rec.unwrap().iter().map(str::to_string).collect()));
        }
    } else {
        let mut book = calamine::open_workbook_auto(path).unwrap();
        let sheets = book.worksheets();
        let (_, range) = (sheets.iter())
            .find(|(_, r)| r.rows().any(|c| c.iter().any(|d| text(d) == "工号")))
            .expect("a sheet with the roster");
        let first = range.start().map_or(0, |(r, _)| r as usize) + 1;
        for (i, cells) in range.rows().enumerate() {
            all.push((first + i, cells.iter().map(text).collect()));
        }
    }
    for (_, cells) in &mut all {
        while cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
    }
    all.retain(|(_, c)| !c.is_empty());
    all
}

/// The rows above the header (工号's row) and the header's row number.
fn above_header(rows: &[(usize, Vec<String>)]) -> (Vec<(usize, Vec<String>)>, usize) {
    let at = rows
        .iter()
        .position(|(_, c)| c.iter().any(|x| x.trim() == "工号"))
        .expect("a header with 工号");
    (rows[..at].to_vec(), rows[at].0)
}

/// The total and note rows: the first filled cell starts with 合计, 小计 or 注.
fn totals(rows: &[(usize, Vec<String>)]) -> Vec<Vec<String>> {
    let is_total = |c: &[String]| {
        let first = c.iter().map(|x| x.trim()).find(|x| !x.is_empty());
        first.is_some_and(|f| ["合计", "小计", "注"].iter().any(|w| f.starts_with(w)))
    };
    (rows.iter())
        .filter(|(_, c)| is_total(c))
        .map(|(_, c)| c.clone())
        .collect()
}

/// Solves and rolls the fixture, and checks it against the demo rolled.
fn rolls_like_the_demo(fixture: &str) {
    let (demo, demo_people) = demo();
    let r = solve_and_roll(&format!("tests/fixtures/hr/{fixture}"));
    // The same counts: staff (only people), starts under way, returns, drops, retirees.
    assert_eq!(r.counts, demo.counts, "{fixture}: what roll says");
    let rolled = people(&r.scenario);
    assert_eq!(staff(&r.counts), rolled.len(), "{fixture}: staff = people");
    assert_eq!(rolled.len(), demo_people.len(), "{fixture}: people");
    let under_way = |p: &Rolled| -> Vec<String> {
        (p.iter())
            .filter(|(_, v)| v.1 == Some(2027))
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert!(
        !under_way(demo_people).is_empty(),
        "the demo's plan starts in 2027"
    );
    assert_eq!(under_way(&rolled), under_way(demo_people), "{fixture}");
    for (id, v) in demo_people {
        assert_eq!(rolled.get(id), Some(v), "{fixture}: {id}");
    }
    // What HR typed around the table stays where it was.
    let source = {
        let toml = std::fs::read_to_string(root().join("tests/fixtures/hr").join(fixture));
        let line = toml.unwrap();
        let staff = line.lines().find(|l| l.starts_with("staff =")).unwrap();
        root()
            .join("tests/fixtures/hr")
            .join(staff.split('"').nth(1).unwrap())
    };
    let (before, after) = (rows_of(&source), rows_of(&r.roster));
    assert_eq!(
        above_header(&after),
        above_header(&before),
        "{fixture}: the rows above the header, at their rows"
    );
    assert_eq!(
        totals(&after),
        totals(&before),
        "{fixture}: total and note rows"
    );
    let header = above_header(&before).1 as u32;
    assert_eq!(
        merges_above(&r.roster, header),
        merges_above(&source, header),
        "{fixture}: the merged title and grouped header"
    );
}

/// The merged ranges (first and last cell, 0-based) of a workbook's roster sheet that lie
/// above the header on (1-based) row `header`; none for a CSV file or an `.ods` (whose merges
/// calamine does not read).
fn merges_above(path: &Path, header: u32) -> Vec<((u32, u32), (u32, u32))> {
    if !s(path).ends_with(".xlsx") && !s(path).ends_with(".xls") {
        return Vec::new();
    }
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = (book.worksheets().into_iter())
        .find(|(_, r)| {
            r.rows().any(|c| {
                c.iter()
                    .any(|d| matches!(d, Data::String(t) if t == "工号"))
            })
        })
        .map(|(n, _)| n)
        .unwrap();
    let merged = match &mut book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap(),
        _ => Vec::new(),
    };
    let mut above: Vec<_> = (merged.into_iter())
        .filter(|m| m.end.0 + 1 < header)
        .map(|m| (m.start, m.end))
        .collect();
    above.sort_unstable();
    above
}

#[test]
fn an_xlsx_export_with_a_title_and_a_total_rolls_its_people() {
    rolls_like_the_demo("hr-export.toml");
    // The title and the 合计 row are what the export holds: the checks above are not empty.
    let export = root().join("tests/fixtures/hr/hr-export.xlsx");
    let rows = rows_of(&export);
    assert_eq!(rows[0].1[0], "2027年城中区教职工花名册");
    assert_eq!(totals(&rows).len(), 1);
    assert_eq!(
        merges_above(&export, 3).len(),
        2,
        "the title and the note row"
    );
}

#[test]
fn an_xls_export_rolls_its_people() {
    rolls_like_the_demo("hr-export-xls.toml");
}

#[test]
fn an_ods_export_rolls_its_people() {
    rolls_like_the_demo("hr-export-ods.toml");
}

#[test]
fn a_gb18030_csv_export_with_title_rows_rolls_its_people() {
    rolls_like_the_demo("hr-export-gbk.toml");
    let rows = rows_of(&root().join("tests/fixtures/hr/hr-export-gbk.csv"));
    assert_eq!(rows[0].1[0], "2027年城中区教职工花名册");
    assert!(!totals(&rows).is_empty());
}

#[test]
fn a_utf8_csv_export_with_total_and_note_lines_rolls_its_people() {
    rolls_like_the_demo("hr-export-utf8bom.toml");
    let rows = rows_of(&root().join("tests/fixtures/hr/hr-export-utf8bom.csv"));
    assert_eq!(totals(&rows).len(), 2, "合计 and 注：");
}

#[test]
fn the_roster_on_the_second_sheet_rolls_from_that_sheet() {
    rolls_like_the_demo("statistics-first.toml");
}

#[test]
fn a_header_row_the_scenario_names_is_the_header_roll_reads() {
    rolls_like_the_demo("header-row-3.toml");
    let rows = rows_of(&root().join("tests/fixtures/hr/header-row-3.xlsx"));
    assert_eq!(above_header(&rows).0.len(), 2);
}

#[test]
fn a_grouped_header_stays_above_the_header() {
    rolls_like_the_demo("two-row-header.toml");
    let book = root().join("tests/fixtures/hr/two-row-header.xlsx");
    assert_eq!(above_header(&rows_of(&book)).0[0].1[0], "基本信息");
    assert_eq!(merges_above(&book, 2).len(), 4, "基本信息, 任教情况 …");
}
