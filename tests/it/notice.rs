//! Binding and tentative starts (issue 24 item 2) and the list to post (公示名单, item 3), on
//! the demo: 备案表 files the plan year only and 暂定 holds the later years; every output
//! (roster.csv, plan.xlsx, report.html, the terminal) marks each later start tentative; the
//! 公示名单 sheet and the page's section hold the title, the notice period, exactly the plan
//! year's starts ordered by home school and the contact line, and nothing of the solver; and
//! `check`, `report`, `roll` and `--baseline` still read the plans written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use rotation::instance::Instance;
use rotation::report::workbook::ARCHIVE_SHEET;
use rotation::report::workbook_notice::{NOTICE_SHEET, TENTATIVE_SHEET};

const CONTACT: &str = "人事科 0971-1234567";

/// The demo in `dir` with a contact for the posted list (`contact = ...`).
fn demo_with_contact(dir: &Path) -> PathBuf {
    let at = |f: &str| root().join(f).to_string_lossy().into_owned();
    let scenario = bundled("chengzhong.toml")
        .replace("../models/baseline.toml", &at("models/baseline.toml"))
        .replace(
            "chengzhong-staff.xlsx",
            &at("scenarios/chengzhong-staff.xlsx"),
        )
        .replace("chengzhong-km.csv", &at("scenarios/chengzhong-km.csv"))
        .replace(
            "plan_year = 2027\n",
            &format!("plan_year = 2027\ncontact = \"{CONTACT}\"\n"),
        );
    let path = dir.join("s.toml");
    std::fs::write(&path, scenario).unwrap();
    path
}

/// `solve` of `scenario` with `--report` into `dir/name`, with `extra` arguments; its stdout.
fn solve(scenario: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "solve",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--report",
    ];
    args.extend(extra);
    let (rc, stdout, err) = run(&args);
    assert_eq!(rc, 0, "{err}");
    stdout
}

/// roster.csv's rows as (person id, start year, status), in file order.
fn roster_rows(out: &Path) -> Vec<(String, i32, String)> {
    let mut rdr = csv::Reader::from_path(out.join("roster.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    // English or Chinese headers, as the language of the run wrote them.
    let col = |name: &str| {
        let zh = match name {
            "person_id" => "工号",
            "start_year" => "交流开始年份",
            _ => "状态",
        };
        (headers.iter())
            .position(|h| [name, zh].contains(&h.trim_start_matches('\u{feff}')))
            .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
    };
    let (id, year, status) = (col("person_id"), col("start_year"), col("status"));
    assert_eq!(status, headers.len() - 1, "status is the last column");
    (rdr.records())
        .map(|r| {
            let r = r.unwrap();
            (
                r[id].to_string(),
                r[year].parse().unwrap(),
                r[status].to_string(),
            )
        })
        .collect()
}

fn sheet(xlsx: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(xlsx).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The persons of the plan year's starts in the order the list must give them: by home
/// school in scenario order, then in roster order.
fn posted_order(inst: &Instance, binding: &BTreeSet<String>) -> Vec<String> {
    let mut people: Vec<_> = (inst.person_ids())
        .filter(|&p| binding.contains(&inst.person(p).id))
        .collect();
    people.sort_by_key(|&p| (inst.person(p).home, p));
    people
        .iter()
        .map(|&p| inst.person(p).name.clone())
        .collect()
}

/// The `<section id="notice">` of a page.
fn notice_section(page: &str) -> &str {
    let start = page
        .find("<section id=\"notice\"")
        .expect("a notice section");
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

/// The text of each `<td>` of each `<tr>` in `html`'s `<tbody>`.
fn body_rows(html: &str) -> Vec<Vec<String>> {
    let body = &html[html.find("<tbody>").unwrap()..html.find("</tbody>").unwrap()];
    (body.split("<tr").skip(1))
        .map(|tr| {
            (tr.split("<td>").skip(1))
                .map(|td| td[..td.find("</td>").unwrap()].to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_archive_files_the_plan_year_and_every_later_start_is_tentative_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = demo_with_contact(dir.path());
    let out = dir.path().join("en");
    let stdout = solve(&scenario, &out, &[]);

    // roster.csv: binding exactly in the plan year, tentative in every later one.
    let rows = roster_rows(&out);
    for (id, year, status) in &rows {
        let want = if *year == 2027 {
            "binding"
        } else {
            "tentative"
        };
        assert_eq!(status, want, "{id} starting {year}");
    }
    let binding: BTreeSet<String> = (rows.iter())
        .filter(|r| r.1 == 2027)
        .map(|r| r.0.clone())
        .collect();
    let tentative: BTreeSet<String> = (rows.iter())
        .filter(|r| r.1 > 2027)
        .map(|r| r.0.clone())
        .collect();
    assert!(!binding.is_empty() && !tentative.is_empty());
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["moves"]["binding"], binding.len());
    assert_eq!(summary["moves"]["tentative"], tentative.len());

    // 备案表: the exchanges under way (started before the plan year), then the plan
    // year's starts, none later. 暂定: exactly the later starts, in the same columns.
    let xlsx = out.join("plan.xlsx");
    let archive = sheet(&xlsx, ARCHIVE_SHEET);
    let tentative_sheet = sheet(&xlsx, TENTATIVE_SHEET);
    assert_eq!(
        archive.rows().next().unwrap(),
        tentative_sheet.rows().next().unwrap()
    );
    let filed_new: BTreeSet<String> = (archive.rows().skip(1))
        .filter(|r| r[5] == "2027-09")
        .map(|r| r[1].to_string())
        .collect();
    assert_eq!(filed_new, binding);
    for r in archive.rows().skip(1) {
        assert!(r[5].to_string().as_str() <= "2027-09", "{r:?}");
    }
    let held: BTreeSet<String> = (tentative_sheet.rows().skip(1))
        .map(|r| r[1].to_string())
        .collect();
    assert_eq!(held, tentative);
    assert_eq!(tentative_sheet.height(), tentative.len() + 1);
    assert!((tentative_sheet.rows().skip(1)).all(|r| r[5] == "2028-09"));
    // 交流名单 carries the roster's status column as it is.
    let plan = sheet(&xlsx, rotation::report::workbook::PLAN_SHEET);
    let statuses: Vec<String> = (plan.rows().skip(1)).map(|r| r[12].to_string()).collect();
    let in_csv: Vec<String> = rows.iter().map(|r| r.2.clone()).collect();
    assert_eq!(statuses, in_csv);

    // report.html: the plan table says tentative on every later start's row.
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    for id in &tentative {
        let at = page.find(&format!("<tr data-person=\"{id}\">")).unwrap();
        let row = &page[at..at + page[at..].find("</tr>").unwrap()];
        assert!(row.ends_with("<td>tentative</td>"), "{row}");
    }
    for id in &binding {
        let at = page.find(&format!("<tr data-person=\"{id}\">")).unwrap();
        let row = &page[at..at + page[at..].find("</tr>").unwrap()];
        assert!(row.ends_with("<td>binding</td>"), "{row}");
    }

    // The terminal counts both.
    let line = format!(
        "binding (2027, to be carried out): {}; tentative (later years, planned again next year): {}",
        binding.len(),
        tentative.len()
    );
    assert!(stdout.contains(&line), "{stdout}");

    // In Chinese: 拟交流 and 暂定, in the roster, the page and the terminal.
    let zh = dir.path().join("zh");
    let stdout = solve(&scenario, &zh, &["--lang", "zh"]);
    let text = std::fs::read_to_string(zh.join("roster.csv")).unwrap();
    assert!(text.lines().next().unwrap().ends_with(",状态"));
    let later = text.lines().filter(|l| l.ends_with(",暂定")).count();
    let first = text.lines().filter(|l| l.ends_with(",拟交流")).count();
    assert_eq!((first, later), (binding.len(), tentative.len()));
    let page = std::fs::read_to_string(zh.join("report.html")).unwrap();
    assert_eq!(page.matches("<td>暂定</td>").count(), tentative.len());
    assert!(stdout.contains(&format!(
        "暂定（以后年度，明年重新规划）{} 人",
        tentative.len()
    )));
}

#[test]
fn the_posted_list_holds_title_period_contact_and_the_plan_years_starts_by_school() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = demo_with_contact(dir.path());
    let out = dir.path().join("zh");
    solve(&scenario, &out, &["--lang", "zh", "--notice-days", "7"]);
    let inst = rotation::load::instance(&scenario, None, &[]).unwrap();
    let binding: BTreeSet<String> = (roster_rows(&out).into_iter())
        .filter(|r| r.1 == 2027)
        .map(|r| r.0)
        .collect();
    let order = posted_order(&inst, &binding);
    let title = format!("{} 教师交流轮岗拟交流人员名单", inst.name);
    let summary = json(&out.join("summary.json"));
    let objective = format!("{:.3}", summary["objective"].as_f64().unwrap());
    // Nothing of the solver: no objective, no km, no person id.
    let solver_free = |text: &str| {
        assert!(!text.contains(&objective), "objective in {text}");
        for word in ["km", "公里", "目标", "objective"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
        for id in &binding {
            assert!(!text.contains(id.as_str()), "{id} in {text}");
        }
    };

    // 公示名单 in plan.xlsx: title, period, header, the starts, the contact line.
    let list = sheet(&out.join("plan.xlsx"), NOTICE_SHEET);
    let cell = |r: usize, c: usize| list.get((r, c)).map_or(String::new(), |d| d.to_string());
    assert_eq!(cell(0, 0), title);
    assert!(
        cell(1, 0).starts_with("公示期：7 个工作日"),
        "{}",
        cell(1, 0)
    );
    let header: Vec<String> = (0..8).map(|c| cell(3, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "姓名",
            "派出学校",
            "交流学校",
            "交流类型",
            "交流期限",
            "学科",
            "骨干教师"
        ]
    );
    let rows: Vec<Vec<String>> = (4..4 + order.len())
        .map(|r| (0..8).map(|c| cell(r, c)).collect())
        .collect();
    let names: Vec<String> = rows.iter().map(|r| r[1].clone()).collect();
    assert_eq!(names, order);
    assert_eq!(
        list.height(),
        4 + order.len() + 2,
        "one blank line, then the contact"
    );
    assert_eq!(
        cell(4 + order.len() + 1, 0),
        format!("公示期内如有疑问或异议，请联系：{CONTACT}")
    );
    for (i, r) in rows.iter().enumerate() {
        let p = inst.people.iter().find(|p| p.name == r[1]).unwrap();
        assert_eq!(r[0], (i + 1).to_string());
        assert_eq!(r[2], inst.school(p.home).name);
        assert!(
            ["支教", "跟岗学习", "交流"].contains(&r[4].as_str()),
            "{r:?}"
        );
        assert_eq!(r[5], "2027—2028");
        // The subject in the reader's words: the demo's `biology` is posted as 生物.
        let subject = &inst.subjects[p.subject.ix()];
        let word = chinese_word(subject);
        assert_eq!(r[6], word, "{subject}");
        assert_eq!(r[7], if p.backbone { "是" } else { "否" });
    }
    let types: BTreeSet<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    assert!(
        types.contains("支教") && types.contains("跟岗学习"),
        "{types:?}"
    );
    let all: Vec<String> = (list.rows())
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    solver_free(&all.join("\n"));

    // The page's section: the same, and a page of its own when printed.
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    let section = notice_section(&page);
    assert!(section.contains(&format!("<h2 class=\"notice-title\">{title}</h2>")));
    assert!(section.contains("公示期：7 个工作日"));
    assert!(section.contains(&format!("请联系：{CONTACT}")));
    let html_rows = body_rows(section);
    assert_eq!(html_rows, rows);
    solver_free(section);
    assert!(page.contains("#notice { break-before: page; page-break-before: always;"));
}

#[test]
fn without_a_contact_the_list_leaves_a_line_to_fill_in_and_the_policy_sets_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (rc, _, err) = run(&[
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
        "--set",
        "notice.days=10",
    ]);
    assert_eq!(rc, 0, "{err}");
    let list = sheet(&out.join("plan.xlsx"), NOTICE_SHEET);
    let last = list.height() - 1;
    let contact = list.get((last, 0)).unwrap().to_string();
    assert!(
        contact.ends_with(": ______________________________"),
        "{contact}"
    );
    let period = list.get((1, 0)).unwrap().to_string();
    assert!(
        period.starts_with("Notice period: 10 working days"),
        "{period}"
    );
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["policy_values"]["notice"]["days"], 10);

    // `report --notice-days` on any plan: the page's section says it.
    let (rc, _, err) = run(&[
        "report",
        "scenarios/chengzhong.toml",
        "--plan",
        out.join("roster.csv").to_str().unwrap(),
        "--out",
        dir.path().join("page").to_str().unwrap(),
        "--notice-days",
        "3",
    ]);
    assert_eq!(rc, 0, "{err}");
    let page = std::fs::read_to_string(dir.path().join("page/report.html")).unwrap();
    assert!(notice_section(&page).contains("Notice period: 3 working days"));
}

#[test]
fn check_report_roll_and_baseline_read_the_new_roster_and_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "zh"] {
        let out = dir.path().join(lang);
        let (rc, _, err) = run(&[
            "solve",
            "scenarios/chengzhong.toml",
            "--out",
            out.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        assert_eq!(rc, 0, "{err}");
        let roster = out.join("roster.csv");
        let summary = json(&out.join("summary.json"));
        let total = summary["moves"]["total"].as_u64().unwrap();
        let binding = summary["moves"]["binding"].as_u64().unwrap();

        // check: the roster and the workbook (its first sheet) are the plan, no warning.
        for plan in [&roster, &out.join("plan.xlsx")] {
            let (rc, text, err) =
                run(&["check", "scenarios/chengzhong.toml", plan.to_str().unwrap()]);
            assert_eq!(rc, 0, "{lang} {plan:?}: {err}");
            assert!(text.contains(&format!("{total} starts checked")), "{text}");
            assert!(!err.contains("status") && !err.contains("状态"), "{err}");
        }

        // report.
        let page = dir.path().join(format!("{lang}-page"));
        let (rc, _, err) = run(&[
            "report",
            "scenarios/chengzhong.toml",
            "--plan",
            roster.to_str().unwrap(),
            "--out",
            page.to_str().unwrap(),
        ]);
        assert_eq!(rc, 0, "{err}");

        // --baseline: every start kept.
        let again = dir.path().join(format!("{lang}-again"));
        let (rc, _, err) = run(&[
            "solve",
            "scenarios/chengzhong.toml",
            "--baseline",
            roster.to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ]);
        assert_eq!(rc, 0, "{err}");
        let diff = &json(&again.join("summary.json"))["baseline"]["counts"];
        assert_eq!(diff["kept"], total, "{diff}");

        // roll: the plan year's starts become exchanges under way, the tentative ones go.
        let next = dir.path().join(format!("{lang}-2028"));
        let (rc, _, err) = run(&[
            "roll",
            "scenarios/chengzhong.toml",
            "--plan",
            roster.to_str().unwrap(),
            "--out",
            next.to_str().unwrap(),
        ]);
        assert_eq!(rc, 0, "{err}");
        let rolled =
            rotation::load::instance(&next.join("chengzhong-2028.toml"), None, &[]).unwrap();
        let started = (rolled.people.iter())
            .filter(|p| p.existing.is_some_and(|(_, y)| y == 2027))
            .count();
        assert_eq!(started as u64, binding);
    }

    // A plan without the status column (an older roster.csv, or one made by hand) reads too.
    let text = std::fs::read_to_string(dir.path().join("en/roster.csv")).unwrap();
    let old: String = (text.lines())
        .map(|l| format!("{}\n", &l[..l.rfind(',').unwrap()]))
        .collect();
    let old_path = dir.path().join("old.csv");
    std::fs::write(&old_path, old).unwrap();
    let (rc, _, err) = run(&[
        "check",
        "scenarios/chengzhong.toml",
        old_path.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
}

/// The Chinese word the 公示名单 uses for a subject of the demo (the table of
/// src/input/subjects.rs, written out here so that the test does not read it from the code).
fn chinese_word(subject: &str) -> String {
    let words = [
        ("chinese", "语文"),
        ("math", "数学"),
        ("english", "英语"),
        ("physics", "物理"),
        ("chemistry", "化学"),
        ("biology", "生物"),
        ("history", "历史"),
        ("geography", "地理"),
        ("politics", "道德与法治"),
        ("pe", "体育"),
        ("it", "信息技术"),
        ("music", "音乐"),
        ("art", "美术"),
    ];
    words
        .iter()
        .find(|(k, _)| *k == subject)
        .map_or(subject.to_string(), |(_, w)| w.to_string())
}
