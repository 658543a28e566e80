//! `plan.xlsx`: `solve` writes it beside roster.csv with the three sheets of the national
//! form, every text cell as text (a formula-like name comes back as the same text), and the
//! plan roster reads back through the plan reader. English, the default language, throughout
//! (the Chinese headers are in tests/workbook_zh.rs: the language is process-wide).

use std::path::Path;

use crate::common::*;
use calamine::{open_workbook, Data, DataType, Range, Reader, Xlsx};
use rotation::instance::Instance;
use rotation::load::plan::read_plan;
use rotation::report::workbook::{ARCHIVE_SHEET, PLAN_SHEET, SCHOOLS_SHEET};
use rotation::report::workbook_notice::{NOTICE_SHEET, TENTATIVE_SHEET};
use rotation::report::{KPI_SHEET, ROSTER_COLUMNS};

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let formulas = wb.worksheet_formula(name).unwrap();
    assert!(
        formulas.used_cells().next().is_none(),
        "{name} holds no formula"
    );
    wb.worksheet_range(name).unwrap()
}

fn texts(row: &[Data]) -> Vec<String> {
    row.iter().map(|c| c.to_string()).collect()
}

/// People of `inst` on an exchange under way that keeps them away in the plan year.
fn under_way(inst: &Instance) -> usize {
    inst.person_ids()
        .filter(|&p| inst.away_under_way(p, inst.plan_year).is_some())
        .count()
}

#[test]
fn solve_writes_the_workbook_with_its_sheets_and_names_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = hostile_demo(dir.path());
    let out = dir.path().join("plan");
    let (rc, _, err) = run(&[
        "solve",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
    let xlsx = out.join("plan.xlsx");
    let wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    // The plan roster first (the plan reader reads it back), the bureau's figures next (the
    // sheet Excel opens on, issue 24), then the rest of the national form, the tentative
    // starts and the list to post.
    assert_eq!(
        wb.sheet_names(),
        [
            PLAN_SHEET,
            KPI_SHEET,
            SCHOOLS_SHEET,
            ARCHIVE_SHEET,
            TENTATIVE_SHEET,
            NOTICE_SHEET
        ]
    );

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let starts = summary["moves"]["total"].as_u64().unwrap() as usize;
    assert!(starts > 0);

    // 交流名单: the roster's columns, one row per start, names exactly as in the roster.
    let plan = sheet(&xlsx, PLAN_SHEET);
    let mut rows = plan.rows();
    assert_eq!(texts(rows.next().unwrap()), ROSTER_COLUMNS);
    assert_eq!(plan.height(), starts + 1);
    for row in rows {
        assert!(matches!(&row[0], Data::String(id) if id.starts_with(['=', '+', '-', '@'])));
        assert!(matches!(&row[1], Data::String(n) if FORMULAS.contains(&n.as_str())));
    }

    // 学校汇总: one row per school and year.
    let school_years: usize = (summary["schools"].as_array().unwrap().iter())
        .map(|s| s["years"].as_array().unwrap().len())
        .sum();
    assert_eq!(sheet(&xlsx, SCHOOLS_SHEET).height(), school_years + 1);

    // 备案表: the exchanges under way, then the plan year's new starts; 暂定 the later ones.
    let inst = rotation::load::instance(&scenario, None, &[]).unwrap();
    let archive = sheet(&xlsx, ARCHIVE_SHEET);
    assert!(under_way(&inst) > 0);
    let binding = summary["moves"]["binding"].as_u64().unwrap() as usize;
    assert_eq!(archive.height(), under_way(&inst) + binding + 1);
    assert_eq!(sheet(&xlsx, TENTATIVE_SHEET).height(), starts - binding + 1);

    // The roster read back through the plan reader, and the workbook's first sheet too,
    // are the plan: the ids come back unescaped.
    let from_csv = read_plan(&inst, &out.join("roster.csv")).unwrap();
    let from_xlsx = read_plan(&inst, &xlsx).unwrap();
    assert_eq!(from_csv.starts.len(), starts);
    assert_eq!(from_csv.starts, from_xlsx.starts);
    assert!(rotation::check::check(&inst, &from_csv).ok);
}

#[test]
fn the_archive_types_core_to_member_as_support_and_member_to_core_as_shadowing() {
    let inst = load("scenarios/chengzhong.toml", &[]);
    let outcome = rotation::run::run(&inst, &Default::default());
    let summary = rotation::summary::Summary::new(&inst, &outcome);
    let bytes = rotation::report::plan_xlsx(&inst, &outcome.solved.plan, &summary).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("plan.xlsx");
    std::fs::write(&xlsx, bytes).unwrap();

    let role = |name: &str| {
        let s = inst.schools.iter().find(|s| s.name == name).unwrap();
        s.role.map(|r| r.as_str()).unwrap_or("none")
    };
    let archive = sheet(&xlsx, ARCHIVE_SHEET);
    let tentative = sheet(&xlsx, TENTATIVE_SHEET);
    let mut seen = Vec::new();
    for row in archive.rows().skip(1).chain(tentative.rows().skip(1)) {
        let t = texts(row);
        let (from, to, kind) = (role(&t[2]), role(&t[3]), t[4].as_str());
        let expected = match (from, to) {
            ("core", "trusteed" | "member") => "support teaching (支教)",
            ("trusteed" | "member", "core") => "shadowing (跟岗学习)",
            _ => "exchange (交流)",
        };
        assert_eq!(kind, expected, "{t:?}");
        // A school year runs September to July: a 2-year term from 2027 ends 2029-07.
        let start: i32 = t[5][..4].parse().unwrap();
        assert_eq!(t[5], format!("{start}-09"));
        assert_eq!(t[6], format!("{}-07", start + inst.policy.term_years));
        seen.push(kind.to_string());
    }
    assert!(seen.iter().any(|k| k.contains("支教")), "{seen:?}");
    assert!(seen.iter().any(|k| k.contains("跟岗学习")), "{seen:?}");
    assert_eq!(
        archive.height(),
        under_way(&inst) + summary.moves.binding + 1
    );
    assert_eq!(tentative.height(), summary.moves.tentative + 1);

    // 学校汇总 carries the summary's figures as they are.
    let schools = sheet(&xlsx, SCHOOLS_SHEET);
    for (row, sy) in schools.rows().skip(1).zip(summary.school_years()) {
        assert_eq!(row[0].to_string(), sy.school);
        assert_eq!(row[2].as_f64(), Some(sy.year as f64));
        assert_eq!(row[4].as_f64(), Some(sy.new_out as f64));
        assert_eq!(row[5].as_f64(), Some(sy.new_in as f64));
        assert_eq!(row[10].as_f64(), sy.out_cap.map(f64::from));
    }
}
