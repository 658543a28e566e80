//! `report.html` (issue 14) without a browser: what `solve --report`, `report` and
//! `compare --report` write, that the page is self-contained and escapes the user's text,
//! and that it is sealed with the run's other files. tests/browser.rs opens it in Chromium.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::*;

/// The report of a folder, as text.
fn page(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("report.html")).expect("report.html written")
}

/// (home, host) of every row of a `roster.csv`, and the number of rows.
fn roster_flows(roster: &Path) -> (BTreeSet<(String, String)>, usize) {
    let text = std::fs::read_to_string(roster).unwrap();
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (home, host) = (col("home_school"), col("host_school"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let flows = rows
        .iter()
        .map(|r| (r[home].to_string(), r[host].to_string()))
        .collect();
    (flows, rows.len())
}

/// How often `needle` occurs in `page`.
fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

fn solve_demo(out: &Path, extra: &[&str]) -> i32 {
    let out = out.to_str().unwrap();
    let mut args = vec!["solve", "scenarios/chengzhong.toml", "--out", out];
    args.extend(extra);
    run(&args).0
}

#[test]
fn solve_report_has_one_arrow_per_school_pair_and_one_row_per_start() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &["--report"]), 0);
    let html = page(dir.path());
    let (flows, rows) = roster_flows(&dir.path().join("roster.csv"));
    assert_eq!(count(&html, "<path class=\"flow "), flows.len());
    assert_eq!(count(&html, "<tr data-person="), rows);
    // One arrow per school pair and direction, its years a filter (issue 24).
    for (home, host) in &flows {
        let attrs = format!("data-home=\"{home}\" data-host=\"{host}\" data-years=\"");
        assert_eq!(count(&html, &attrs), 1, "{attrs}");
    }
    let staff: usize = html
        .split("data-staff=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse::<usize>().unwrap())
        .sum();
    assert_eq!(staff, rows, "the arrows carry every start once");
    let schools = count(&bundled("chengzhong.toml"), "[[schools]]");
    assert_eq!(
        count(&html, "class=\"school-chart\""),
        schools,
        "one chart per school"
    );
    assert!(html.contains("data-layout=\"geographic\""));
    assert!(html.contains("data-status=\"optimal\""));
}

#[test]
fn report_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &["--report"]), 0);
    let html = page(dir.path());
    for outside in [
        "<link", "src=\"", "@import", "url(http", "https://", "http://",
    ] {
        assert!(
            !html.contains(outside),
            "the page reaches outside: {outside}"
        );
    }
    assert_eq!(count(&html, "<script>"), 1, "one inline script");
    for font in ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"] {
        assert!(html.contains(font), "{font} named for its platform");
    }
    assert!(html.contains("@page { size: A4"), "prints on A4");
}

#[test]
fn report_is_sealed_in_the_summary_and_goes_when_not_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &["--report"]), 0);
    let summary = std::fs::read_to_string(dir.path().join("summary.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let listed = summary["files"].as_array().unwrap();
    let entry = listed.iter().find(|f| f["name"] == "report.html").unwrap();
    let bytes = std::fs::read(dir.path().join("report.html")).unwrap();
    assert_eq!(entry["sha256"].as_str().unwrap(), sha256(&bytes));
    assert_eq!(whole_unit(dir.path()), Ok(true));
    // A later run without --report must not leave this plan's page beside its plan.
    assert_eq!(solve_demo(dir.path(), &[]), 0);
    assert!(!dir.path().join("report.html").exists());
}

#[test]
fn the_page_speaks_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &["--report", "--lang", "zh"]), 0);
    let zh = page(dir.path());
    assert!(zh.contains("<html lang=\"zh-CN\">"));
    assert!(zh.contains("交流去向图"));
    assert_eq!(solve_demo(dir.path(), &["--report", "--lang", "en"]), 0);
    let en = page(dir.path());
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Who goes where"));
    assert!(en.contains("西宁市第十一中学"), "names stay as written");
}

#[test]
fn infeasible_run_reports_its_broken_rules() {
    let dir = tempfile::tempdir().unwrap();
    let code = solve_demo(
        dir.path(),
        &["--report", "--set", "policy.max_distance_km=20"],
    );
    assert_eq!(code, 1);
    let html = page(dir.path());
    let summary = std::fs::read_to_string(dir.path().join("summary.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let broken = summary["violations"].as_array().unwrap().len();
    assert!(broken > 0);
    assert_eq!(count(&html, "<li class=\"violation\">"), broken);
    assert!(html.contains("data-status=\"infeasible\""));
    assert_eq!(count(&html, "<path class=\"flow "), 0, "no plan, no arrows");
    assert!(!dir.path().join("roster.csv").exists());
}

#[test]
fn report_of_a_hand_made_plan_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &[]), 0);
    let roster = std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    // Keeping every start gives a plan that passes; dropping some breaks rules.
    let plan = dir.path().join("hand").join("plan.csv");
    std::fs::create_dir_all(plan.parent().unwrap()).unwrap();
    std::fs::write(&plan, &roster).unwrap();
    let p = plan.to_str().unwrap();
    let (code, ..) = run(&["report", "scenarios/chengzhong.toml", "--plan", p]);
    assert_eq!(code, 0);
    let html = page(plan.parent().unwrap());
    assert!(html.contains("data-status=\"checked\""));
    assert!(!html.contains("id=\"violations\""));
    let cut: String = roster.lines().take(40).map(|l| format!("{l}\n")).collect();
    std::fs::write(&plan, &cut).unwrap();
    let (code, ..) = run(&["report", "scenarios/chengzhong.toml", "--plan", p]);
    assert_eq!(code, 1, "a plan that breaks rules");
    let html = page(plan.parent().unwrap());
    let (flows, rows) = roster_flows(&plan);
    assert_eq!(rows, 39);
    assert_eq!(count(&html, "<tr data-person="), rows);
    assert_eq!(count(&html, "<path class=\"flow "), flows.len());
    assert!(count(&html, "<li class=\"violation\">") > 0);
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        cut,
        "the plan file is untouched"
    );
}

#[test]
fn user_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let staff = bundled("chengzhong-staff.csv");
    let mut rdr = csv::Reader::from_reader(staff.as_bytes());
    let mut w = csv::Writer::from_path(dir.path().join("staff.csv")).unwrap();
    w.write_record(rdr.headers().unwrap()).unwrap();
    for rec in rdr.records() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        rec[1] = "<script>alert(\"x\")</script>&".to_string();
        w.write_record(&rec).unwrap();
    }
    w.flush().unwrap();
    std::fs::write(dir.path().join("km.csv"), bundled("chengzhong-km.csv")).unwrap();
    let scenario = demo_scenario(dir.path(), "staff.csv", "km.csv");
    let out = dir.path().join("out");
    let (s, o) = (scenario.to_str().unwrap(), out.to_str().unwrap());
    assert_eq!(run(&["solve", s, "--out", o, "--report"]).0, 0);
    let html = page(&out);
    assert_eq!(count(&html, "<script>"), 1, "only the page's own script");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;"));
}

/// The headcount rule's scenario in `dir`, its school lines passed through `edit`.
fn two_schools(dir: &Path, edit: impl Fn(&str) -> Option<String>) -> PathBuf {
    let text = std::fs::read_to_string(root().join("scenarios/rules/headcount.toml")).unwrap();
    let text: String = text
        .lines()
        .filter_map(|l| edit(l).map(|l| l + "\n"))
        .collect();
    let path = dir.join("s.toml");
    std::fs::write(&path, text).unwrap();
    let policy = root().join("scenarios/rules/headcount.policy.toml");
    std::fs::copy(policy, dir.join("headcount.policy.toml")).unwrap();
    path
}

fn map_layout(scenario: &Path) -> String {
    let out = scenario.with_file_name("out");
    let (s, o) = (scenario.to_str().unwrap(), out.to_str().unwrap());
    let (code, stdout, stderr) = run(&["solve", s, "--out", o, "--report"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let html = page(&out);
    assert_eq!(count(&html, "<g class=\"school\""), 2);
    let at = html.find("data-layout=\"").unwrap() + 13;
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

#[test]
fn schools_without_distinct_coordinates_get_a_schematic_map() {
    let dir = tempfile::tempdir().unwrap();
    let kept = two_schools(dir.path(), |l| Some(l.to_string()));
    assert_eq!(map_layout(&kept), "geographic");
    // Without coordinates (the distance table gives the one distance needed).
    let dir = tempfile::tempdir().unwrap();
    let none = two_schools(dir.path(), |l| {
        (!l.starts_with("lat") && !l.starts_with("lon")).then(|| l.to_string())
    });
    let text = std::fs::read_to_string(&none).unwrap();
    std::fs::write(
        &none,
        text + "\n[[distances]]\nfrom = \"c\"\nto = \"m\"\nkm = 5.5\n",
    )
    .unwrap();
    assert_eq!(map_layout(&none), "schematic");
    // Both at one point: their arrows would have no length.
    let dir = tempfile::tempdir().unwrap();
    let same = two_schools(dir.path(), |l| {
        Some(if l.starts_with("lat") {
            "lat = 36.60".into()
        } else {
            l.to_string()
        })
    });
    assert_eq!(map_layout(&same), "schematic");
}

#[test]
fn report_of_the_plan_in_a_solve_folder_leaves_its_page_alone() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &["--report"]), 0);
    let sealed = std::fs::read(dir.path().join("report.html")).unwrap();
    let roster = dir.path().join("roster.csv");
    let args = [
        "report",
        "scenarios/chengzhong.toml",
        "--plan",
        roster.to_str().unwrap(),
    ];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, 0);
    assert!(stdout.contains("roster.report.html"), "{stdout}");
    assert!(dir.path().join("roster.report.html").exists());
    assert_eq!(
        std::fs::read(dir.path().join("report.html")).unwrap(),
        sealed
    );
    assert_eq!(whole_unit(dir.path()), Ok(true));
}

#[test]
fn an_elastic_plan_that_breaks_rules_says_it_is_no_valid_plan() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--elastic",
        "--report",
        "--set",
        "policy.max_distance_km=20",
    ];
    assert_eq!(solve_demo(dir.path(), &args), 1);
    let html = page(dir.path());
    assert!(html.contains("<body data-status=\"not-valid\">"));
    assert!(html.contains("<div class=\"card\" data-status=\"not-valid\">"));
    assert!(!html.contains("<div class=\"card\" data-status=\"optimal\">"));
    assert!(count(&html, "<li class=\"violation\">") > 0);
}

#[test]
fn compare_report_shows_every_variant() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().to_str().unwrap();
    let args = [
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "weights.distance_km=2",
        "--out",
        o,
        "--report",
    ];
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let html = page(dir.path());
    assert!(html.contains("data-status=\"compare\""));
    // Four charts, each with one bar per variant per category (5 + 3 + 2 + 3 categories).
    assert_eq!(count(&html, "<svg class=\"grouped-bars\""), 4);
    assert_eq!(count(&html, "<g class=\"variant-bar\""), 2 * 13);
    let diff = std::fs::read_to_string(dir.path().join("diff.csv")).unwrap();
    assert_eq!(count(&html, "<tr data-person="), diff.lines().count() - 1);
    // --report needs the folder it writes into.
    assert_eq!(
        run(&["compare", "scenarios/chengzhong.toml", "--report"]).0,
        2
    );
}

#[test]
fn baseline_changes_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &[]), 0);
    let roster = std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    // The published plan lacks five starts: the new plan adds (or moves) them back.
    let base: String = (roster.lines().enumerate())
        .filter(|(i, _)| !(10..15).contains(i))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let base_path = dir.path().join("published.csv");
    std::fs::write(&base_path, base).unwrap();
    let out = dir.path().join("re");
    let args = ["--baseline", base_path.to_str().unwrap(), "--report"];
    assert_eq!(solve_demo(&out, &args), 0);
    let html = page(&out);
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let counts = &summary["baseline"]["counts"];
    assert!(html.contains("<section id=\"baseline\">"));
    for kind in ["dropped", "added", "moved"] {
        let n = counts[kind].as_u64().unwrap() as usize;
        assert_eq!(count(&html, &format!("<tr class=\"{kind}\">")), n, "{kind}");
    }
    assert!(counts["added"].as_u64().unwrap() + counts["moved"].as_u64().unwrap() > 0);
}

#[test]
fn the_same_run_gives_the_same_page() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(solve_demo(a.path(), &["--report"]), 0);
    assert_eq!(solve_demo(b.path(), &["--report"]), 0);
    // Beside the command line in the footer, which names each run's own folder.
    let without_command = |dir: &Path| {
        let p = page(dir);
        let cmd = dir.display().to_string();
        p.replace(&cmd, "OUT")
    };
    assert!(
        without_command(a.path()) == without_command(b.path()),
        "no timestamps, no hash order"
    );
}

/// `name="value"` of every occurrence of the attribute `name` in `text`, in order.
fn attr_values<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!("{name}=\"");
    text.split(&key)
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

#[test]
fn every_bar_shows_the_summarys_figure() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(solve_demo(dir.path(), &["--report"]), 0);
    let html = page(dir.path());
    let summary = std::fs::read_to_string(dir.path().join("summary.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let mut bars = 0;
    for chart in html
        .split("<figure class=\"school-chart\" data-school=\"")
        .skip(1)
    {
        let id = &chart[..chart.find('"').unwrap()];
        let chart = &chart[..chart.find("</figure>").unwrap()];
        let school = (summary["schools"].as_array().unwrap().iter())
            .find(|s| s["id"] == id)
            .unwrap();
        for year in chart.split("<g class=\"year\" data-year=\"").skip(1) {
            let y: i64 = year[..year.find('"').unwrap()].parse().unwrap();
            let sy = (school["years"].as_array().unwrap().iter())
                .find(|sy| sy["year"] == y)
                .unwrap();
            let figures = attr_values(year, "data-figure");
            let values = attr_values(year, "data-value");
            assert_eq!(figures, ["new_out", "new_in", "net", "backbone_present"]);
            for (f, v) in figures.iter().zip(values) {
                assert_eq!(v, sy[*f].to_string(), "{id} {y} {f}");
                bars += 1;
            }
        }
    }
    assert_eq!(bars, 4 * 2 * summary["schools"].as_array().unwrap().len());
}
