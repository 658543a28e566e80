//! The outputs in Chinese: roster.csv and plan.xlsx with Chinese headers and words, and the
//! Chinese roster.csv read back by the plan reader (the English side is tests/it/workbook.rs).
//!
//! A test binary of its own, not a module of `tests/it/`: the language `lang::set` chooses
//! is process-wide, and in `tests/it/` it would turn the English messages and headers that
//! other tests read on the threads beside it into Chinese.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use rotation::lang::{self, Lang};
use rotation::load::plan::read_plan;
use rotation::report::workbook::{ARCHIVE_SHEET, PLAN_SHEET, SCHOOLS_SHEET};
use rotation::report::workbook_notice::NOTICE_SHEET;

fn header(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<String> {
    let range = wb.worksheet_range(name).unwrap();
    let row = range.rows().next().unwrap();
    row.iter().map(Data::to_string).collect()
}

#[test]
fn in_chinese_the_roster_and_the_workbook_have_chinese_headers_and_read_back() {
    lang::set(Lang::Zh);
    let inst = load("scenarios/chengzhong.toml", &[]);
    let outcome = rotation::run::run(&inst, &Default::default());
    let plan = &outcome.solved.plan;
    let summary = rotation::summary::Summary::new(&inst, &outcome);
    let dir = tempfile::tempdir().unwrap();
    let files = rotation::report::plan_files(&inst, plan, &summary).unwrap();
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }

    let roster = std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    let first = roster.lines().next().unwrap();
    assert_eq!(
        first,
        "\u{feff}工号,姓名,职务,骨干,学科,学校,学校名称,交流学校,交流学校名称,交流开始年份,交流结束年份,距离（公里）,状态"
    );
    assert!(roster.contains(",是,") && roster.contains(",教师,"));
    // The status in Chinese: 拟交流 for the plan year, 暂定 for the later ones.
    for line in roster.lines().skip(1) {
        let year = if line.ends_with(",拟交流") {
            "2027"
        } else {
            "2028"
        };
        assert!(
            line.ends_with(",拟交流") || line.ends_with(",暂定"),
            "{line}"
        );
        assert!(line.contains(&format!(",{year},")), "{line}");
    }
    // The Chinese roster reads back as the same plan, from the CSV and from the workbook.
    let back = read_plan(&inst, &dir.path().join("roster.csv")).unwrap();
    assert_eq!(back.starts, plan.starts);
    let xlsx = dir.path().join("plan.xlsx");
    assert_eq!(read_plan(&inst, &xlsx).unwrap().starts, plan.starts);

    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(header(&mut wb, PLAN_SHEET)[..2], ["工号", "姓名"]);
    assert_eq!(
        header(&mut wb, SCHOOLS_SHEET)[..3],
        ["学校编号", "学校名称", "学年"]
    );
    assert_eq!(
        header(&mut wb, ARCHIVE_SHEET),
        [
            "姓名",
            "工号",
            "原单位",
            "接收单位",
            "交流类型",
            "开始时间",
            "结束时间",
            "学科",
            "职务",
            "是否骨干"
        ]
    );
    let archive = wb.worksheet_range(ARCHIVE_SHEET).unwrap();
    let types: Vec<String> = archive.rows().skip(1).map(|r| r[4].to_string()).collect();
    assert!(types.iter().any(|t| t == "支教") && types.iter().any(|t| t == "跟岗学习"));
    assert!(types
        .iter()
        .all(|t| ["支教", "跟岗学习", "交流"].contains(&t.as_str())));
    let backbone: Vec<String> = archive.rows().skip(1).map(|r| r[9].to_string()).collect();
    assert!(backbone.iter().all(|b| b == "是" || b == "否"));

    // 公示名单 in Chinese: the title, the period in working days, the headers, the blank
    // contact line of a scenario that sets none.
    let notice = wb.worksheet_range(NOTICE_SHEET).unwrap();
    let cell = |r: u32, c: u32| notice.get_value((r, c)).map(Data::to_string);
    assert_eq!(
        cell(0, 0).unwrap(),
        format!("{} 教师交流轮岗拟交流人员名单", inst.name)
    );
    assert!(cell(1, 0).unwrap().starts_with("公示期：5 个工作日"));
    assert_eq!(cell(3, 4).unwrap(), "交流类型");
    let last = notice.height() as u32 - 1;
    assert!(cell(last, 0).unwrap().contains("请联系：____"));
}

#[test]
fn the_english_roster_reads_back_whatever_the_language() {
    // A plan written in English (by an earlier run, or another office) reads back in Chinese.
    lang::set(Lang::Zh);
    let inst = load("scenarios/chengzhong.toml", &[]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    std::fs::write(
        &path,
        "person_id,host_school,start_year\nCZ0002,huangzhong-1,2027.0\n",
    )
    .unwrap();
    let plan = read_plan(&inst, &path).unwrap();
    assert_eq!(plan.starts.len(), 1);
    assert_eq!(plan.starts[0].year, 2027);
    std::fs::write(
        &path,
        "编号,现交流学校,交流开始年份\nCZ0002,huangzhong-1,2027\n",
    )
    .unwrap();
    assert_eq!(read_plan(&inst, &path).unwrap().starts, plan.starts);
    // A missing column is said once, with the names it goes by.
    std::fs::write(&path, "工号,交流学校\nCZ0002,huangzhong-1\n").unwrap();
    let err = read_plan(&inst, &path).unwrap_err().to_string();
    assert!(
        err.contains("E1005") && err.contains("交流开始年份"),
        "{err}"
    );
}
