//! `roll` keeps what HR typed (issue 23, item 6): a roster kept as a workbook rolls into a
//! workbook with the same sheet, columns and headers, every text cell still text (ids, an
//! 18-digit 身份证号, codes with leading zeros), numbers still numbers; an `.xls` roster
//! rolls into `.xlsx` of the same base name and the output says so; a CSV roster rolls into
//! a CSV with every id exactly as written.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;
use calamine::{Data, DataType, Reader};
use rust_xlsxwriter::Workbook;

/// The demo solved once: (folder kept alive, its roster.csv).
fn plan() -> &'static (tempfile::TempDir, PathBuf) {
    static PLAN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    PLAN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("plan");
        let scenario = "scenarios/chengzhong.toml";
        let (rc, _, err) = run(&["solve", scenario, "--out", out.to_str().unwrap()]);
        assert_eq!(rc, 0, "{err}");
        (dir, out.join("roster.csv"))
    })
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The first sheet of a workbook: its name and its cells.
fn sheet(path: &Path) -> (String, Vec<Vec<Data>>) {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    (name, range.rows().map(<[Data]>::to_vec).collect())
}

/// `roll` of `scenario` with the demo's plan into `out`: (stdout, the new scenario's text).
fn roll(scenario: &Path, out: &Path) -> (String, String) {
    let plan = &plan().1;
    let (rc, text, err) = run(&["roll", s(scenario), "--plan", s(plan), "--out", s(out)]);
    assert_eq!(rc, 0, "{err}");
    let toml = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
        .unwrap();
    (text, std::fs::read_to_string(toml).unwrap())
}

/// A 身份证号 for row `i`: 18 digits, some ending in X, some starting with 0 (not a real
/// region, but a code no number keeps).
fn id_card(i: usize) -> String {
    match i % 3 {
        0 => format!("6301021980{:08}", 1_011_234 + i),
        1 => format!("63010219800101{:03}X", i % 1000),
        _ => format!("0{:017}", 30_102_198_001_011_234u64 + i as u64),
    }
}

#[test]
fn the_demo_workbook_rolls_into_a_workbook_with_the_same_sheet_and_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let next = tmp.path().join("next");
    let (text, toml) = roll(&root().join("scenarios/chengzhong.toml"), &next);
    let new = next.join("chengzhong-2028-staff.xlsx");
    assert!(text.contains(&new.display().to_string()), "{text}");
    assert!(
        toml.contains("staff = \"chengzhong-2028-staff.xlsx\""),
        "{toml}"
    );
    assert!(!next.join("chengzhong-2028-staff.csv").exists());
    let (name, rows) = sheet(&root().join("scenarios/chengzhong-staff.xlsx"));
    let (new_name, new_rows) = sheet(&new);
    assert_eq!(new_name, name);
    assert_eq!(new_rows[0], rows[0], "the same headers in the same order");
    // Ids are text cells; years a number cell, a year on for someone at home.
    let old: std::collections::HashMap<String, &Vec<Data>> = (rows.iter().skip(1))
        .map(|r| (r[0].to_string(), r))
        .collect();
    let years = rows[0].iter().position(|h| h == "本校任教年限").unwrap();
    let host = rows[0].iter().position(|h| h == "现交流学校").unwrap();
    for r in new_rows.iter().skip(1) {
        assert!(matches!(&r[0], Data::String(_)), "{r:?}");
        assert!(matches!(&r[2], Data::String(_)), "{r:?}");
        assert!(matches!(r[years], Data::Float(_) | Data::Int(_)), "{r:?}");
        assert!(matches!(r[host], Data::String(_) | Data::Empty), "{r:?}");
        let was = old[&r[0].to_string()];
        if was[host] == Data::Empty && r[host] == Data::Empty {
            let (a, b) = (was[years].as_f64().unwrap(), r[years].as_f64().unwrap());
            assert_eq!(b, a + 1.0, "{r:?}");
        }
    }
    // The new scenario reads its new workbook.
    let (rc, _, err) = run(&["validate", s(&next.join("chengzhong-2028.toml"))]);
    assert_eq!(rc, 0, "{err}");
}

/// The demo's roster as a workbook (sheet 人员) with two more text columns HR keeps: the
/// 身份证号 and an archive number with leading zeros; the ids written as text, numbers as
/// number cells. Returns the scenario.
fn workbook_with_id_cards(dir: &Path) -> PathBuf {
    let (_, rows) = sheet(&root().join("scenarios/chengzhong-staff.xlsx"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("人员").unwrap();
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32;
        for (c, d) in r.iter().enumerate() {
            let c = c as u16;
            match d {
                Data::String(t) => drop(ws.write_string(row, c, t).unwrap()),
                Data::Float(f) => drop(ws.write_number(row, c, *f).unwrap()),
                Data::Int(n) => drop(ws.write_number(row, c, *n as f64).unwrap()),
                _ => {}
            }
        }
        let extra = r.len() as u16;
        let (card, archive) = match i {
            0 => ("身份证号".to_string(), "档案编号".to_string()),
            _ => (id_card(i), format!("{i:06}")),
        };
        ws.write_string(row, extra, &card).unwrap();
        ws.write_string(row, extra + 1, &archive).unwrap();
    }
    book.save(dir.join("staff.xlsx")).unwrap();
    let km = root().join("scenarios/chengzhong-km.csv");
    let path = demo_scenario(dir, "staff.xlsx", s(&km));
    let toml = std::fs::read_to_string(&path).unwrap();
    let toml = toml.replace("[scenario]\n", "[scenario]\nstaff_sheet = \"人员\"\n");
    std::fs::write(&path, toml).unwrap();
    path
}

#[test]
fn ids_and_id_card_numbers_round_trip_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = workbook_with_id_cards(tmp.path());
    let next = tmp.path().join("next");
    let (_, toml) = roll(&scenario, &next);
    assert!(toml.contains("staff = \"s-2028-staff.xlsx\""), "{toml}");
    assert!(toml.contains("staff_sheet = \"人员\""), "{toml}");
    let (name, rows) = sheet(&tmp.path().join("staff.xlsx"));
    let (new_name, new_rows) = sheet(&next.join("s-2028-staff.xlsx"));
    assert_eq!((new_name.as_str(), &new_rows[0]), (name.as_str(), &rows[0]));
    let (card, archive) = (rows[0].len() - 2, rows[0].len() - 1);
    let by_id: std::collections::HashMap<String, &Vec<Data>> = (rows.iter().skip(1))
        .map(|r| (r[0].to_string(), r))
        .collect();
    assert!(new_rows.len() > 500, "{}", new_rows.len());
    for r in new_rows.iter().skip(1) {
        let was = by_id[&r[0].to_string()];
        for c in [0, card, archive] {
            // The same text, in a text cell: 630102198001011234 is no 6.30102198001011e17.
            assert_eq!(r[c], was[c], "column {c} of {r:?}");
            assert!(matches!(r[c], Data::String(_)), "{r:?}");
        }
    }
    assert!(new_rows.iter().any(|r| r[card] == Data::String(id_card(3))));
    // Coordinates are number cells with their exact values.
    let lat = rows[0].iter().position(|h| h == "居住地纬度").unwrap();
    for r in new_rows.iter().skip(1) {
        assert_eq!(r[lat], by_id[&r[0].to_string()][lat], "{r:?}");
    }
    let (rc, _, err) = run(&["validate", s(&next.join("s-2028.toml"))]);
    assert_eq!(rc, 0, "{err}");
}

#[test]
fn an_xls_roster_rolls_into_xlsx_of_the_same_base_name_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let xls = root().join("tests/fixtures/chengzhong-staff.xls");
    let km = root().join("scenarios/chengzhong-km.csv");
    let scenario = demo_scenario(tmp.path(), s(&xls), s(&km));
    let next = tmp.path().join("next");
    let (text, toml) = roll(&scenario, &next);
    assert!(toml.contains("staff = \"s-2028-staff.xlsx\""), "{toml}");
    assert!(
        text.contains("this year's roster chengzhong-staff.xls is an .xls/.ods workbook")
            && text.contains("s-2028-staff.xlsx, is written as .xlsx"),
        "{text}"
    );
    let (name, rows) = sheet(&xls);
    let (new_name, new_rows) = sheet(&next.join("s-2028-staff.xlsx"));
    assert_eq!((new_name, &new_rows[0]), (name, &rows[0]));
    // retire_year was typed as dates (1 July): they stay dates.
    let retire = rows[0].iter().position(|h| h == "退休年份").unwrap();
    let dated = |r: &Vec<Data>| matches!(r[retire], Data::DateTime(_));
    assert!(rows.iter().skip(1).any(dated), "the fixture has dates");
    assert!(new_rows.iter().skip(1).any(dated), "{:?}", new_rows[1]);
    let (rc, _, err) = run(&["validate", s(&next.join("s-2028.toml"))]);
    assert_eq!(rc, 0, "{err}");
}

#[test]
fn a_csv_roster_rolls_into_a_csv_with_ids_exactly_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let text = bundled("chengzhong-staff.csv");
    let mut lines = text.lines();
    let mut out = format!("{},身份证号,档案编号\n", lines.next().unwrap());
    for (i, l) in lines.enumerate() {
        out += &format!("{l},{},{:06}\n", id_card(i + 1), i + 1);
    }
    std::fs::write(tmp.path().join("staff.csv"), &out).unwrap();
    let km = root().join("scenarios/chengzhong-km.csv");
    let scenario = demo_scenario(tmp.path(), "staff.csv", s(&km));
    let next = tmp.path().join("next");
    let (_, toml) = roll(&scenario, &next);
    assert!(toml.contains("staff = \"s-2028-staff.csv\""), "{toml}");
    let rolled = std::fs::read_to_string(next.join("s-2028-staff.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(rolled.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[header.len() - 2], "身份证号");
    let mut n = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        let id = &rec[0];
        let i: usize = out
            .lines()
            .position(|l| l.starts_with(&format!("{id},")))
            .unwrap();
        assert_eq!(&rec[rec.len() - 2], id_card(i), "{rec:?}");
        assert_eq!(&rec[rec.len() - 1], format!("{i:06}"), "{rec:?}");
        n += 1;
    }
    assert!(n > 500);
}
