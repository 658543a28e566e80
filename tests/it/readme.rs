//! The README's worked example is the demo's real output: every line quoted in its code
//! blocks is a line the demo prints, and every number its prose quotes is the summary's.
//! When the model or the demo changes, this test says which sentence to update.

use crate::common::*;
use serde_json::Value;

/// A section of the README: from its heading to the next heading of the same level.
fn section(heading: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has {heading}"));
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e);
    rest[..end].to_string()
}

fn worked_example() -> String {
    section("## Reading the summary: a worked example")
}

fn code_lines(text: &str) -> Vec<String> {
    let (mut inside, mut command) = (false, false);
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            // A block with a language (```sh) shows a command to type, not output.
            command = !inside && line.len() > 3;
            inside = !inside;
            continue;
        }
        if command {
            continue;
        }
        // Abridged lines (`...`) and times (they differ run to run) are not quoted verbatim.
        let abridged = ["...", "…", " ms"].iter().any(|m| line.contains(m));
        if inside && !line.trim().is_empty() && !abridged {
            out.push(line.trim_end().to_string());
        }
    }
    out
}

/// The prose with line breaks and runs of spaces made single spaces.
fn prose(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn school_year<'a>(s: &'a Value, school: &str, year: i64) -> &'a Value {
    s["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == school)
        .and_then(|x| {
            x["years"]
                .as_array()
                .unwrap()
                .iter()
                .find(|y| y["year"] == year)
        })
        .unwrap_or_else(|| panic!("{school} {year} in the summary"))
}

fn flow<'a>(s: &'a Value, core: &str, member: &str, year: i64) -> &'a Value {
    s["flows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["core"] == core && f["member"] == member && f["year"] == year)
        .unwrap_or_else(|| panic!("flow {core} → {member} {year}"))
}

/// The sentences of the worked example that quote the demo's figures.
fn quoted_figures(s: &Value) -> Vec<String> {
    let no11 = school_year(s, "no11", 2027);
    let (out, inn) = (&no11["new_out"], &no11["new_in"]);
    let (due, need) = (&no11["due"], &no11["quota_need"]);
    let (bb, cap) = (&no11["new_out_backbone"], &no11["out_cap"]);
    let f = flow(s, "no8", "tianjiazhai", 2027);
    let c = &s["components"];
    let w = &s["policy_values"]["weights"];
    let units = |k: &str| c[k].as_f64().unwrap() / w[k].as_f64().unwrap();
    let mut v = vec![
        format!("No. 11 sends {out} staff out in 2027 and receives {inn}"),
        format!("{due} of No. 11's staff are due"),
        format!("ceil(10% × {due}) = {need} starts"),
        format!("The plan sends {out}, of which {bb} are backbone teachers"),
        format!(
            "No. 8 sends {} cadres or backbone teachers to the trusteed Tianjiazhai school",
            f["sent"]
        ),
        format!("Tianjiazhai sends {} back", f["back"]),
        format!("{:.1} km of one-way commuting", units("distance_km")),
        format!("{} preference ranks missed", units("preference_rank")),
        format!(
            "{} people who need exchange experience",
            -units("promotion")
        ),
        format!("{} overdue-years of due staff", units("overdue")),
    ];
    if !cap.is_null() {
        v.push(format!("at most {cap} of its staff may start in one year"));
    }
    v
}

/// Solves the demo into `dir/demo` with `extra` options; its printed summary.
fn solve_demo(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = dir.join("demo");
    let mut args = vec![
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let (rc, printed, err) = run(&args);
    assert_eq!(rc, 0, "{err}");
    printed
}

#[test]
fn the_worked_example_quotes_the_demo_as_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let demo = solve_demo(dir.path(), &[]);
    let out = dir.path().join("demo");
    let strict_out = dir.path().join("strict");
    let (_, strict, _) = run(&[
        "solve",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/strict-seed.toml",
        "--out",
        strict_out.to_str().unwrap(),
    ]);
    let example = worked_example();
    let printed: Vec<&str> = demo
        .lines()
        .chain(strict.lines())
        .map(str::trim_end)
        .collect();
    let stale: Vec<String> = code_lines(&example)
        .into_iter()
        .filter(|l| !printed.contains(&l.as_str()))
        .collect();
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let text = prose(&example);
    let missing: Vec<String> = quoted_figures(&summary)
        .into_iter()
        .filter(|p| !text.contains(p.as_str()))
        .collect();
    assert!(
        stale.is_empty() && missing.is_empty(),
        "README's worked example is out of date.\nQuoted lines the demo no longer prints:\n{}\n\
         Sentences to write with the demo's figures:\n{}\n\nThe demo prints:\n{demo}",
        stale.join("\n"),
        missing.join("\n")
    );
}

#[test]
fn the_chinese_run_quotes_the_demo_as_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let demo = solve_demo(dir.path(), &["--lang", "zh"]);
    let (_, _, error) = run(&[
        "validate",
        "scenarios/invalid/bad-number.toml",
        "--lang",
        "zh",
    ]);
    let printed: Vec<&str> = demo
        .lines()
        .chain(error.lines())
        .map(str::trim_end)
        .collect();
    let stale: Vec<String> = code_lines(&section("## 中文界面"))
        .into_iter()
        .filter(|l| !printed.contains(&l.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "README's Chinese run is out of date:\n{}\n\nThe demo prints:\n{demo}",
        stale.join("\n")
    );
}

/// The README's sample rows of the Chinese workbook, each as its cells.
fn workbook_rows() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- workbook rows")
        .expect("README shows the workbook");
    let end = readme.find("<!-- end of workbook rows").unwrap();
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| {
            let inner = l.trim().trim_matches('|');
            inner.split('|').map(|c| c.trim().to_string()).collect()
        })
        .collect()
}

#[test]
fn the_workbook_rows_quoted_are_the_demos() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    solve_demo(dir.path(), &["--lang", "zh"]);
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("demo/plan.xlsx")).unwrap();
    let mut written: Vec<Vec<String>> = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        written.extend(
            range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect()),
        );
    }
    let rows = workbook_rows();
    assert!(rows.len() >= 9, "{rows:?}");
    let stale: Vec<&Vec<String>> = rows.iter().filter(|r| !written.contains(r)).collect();
    assert!(
        stale.is_empty(),
        "README rows not in the demo's plan.xlsx: {stale:?}"
    );
}

#[test]
fn the_explain_example_is_the_demos() {
    let dir = tempfile::tempdir().unwrap();
    solve_demo(dir.path(), &[]);
    let out = dir.path().join("demo");
    let plan = out.join("roster.csv");
    let args = [
        "explain",
        "scenarios/chengzhong.toml",
        "--plan",
        plan.to_str().unwrap(),
        "CZ0501",
        "CZ0126",
    ];
    let (rc, text, err) = run(&args);
    assert_eq!(rc, 0, "{err}");
    let readme = section("### Why this person");
    let readme = &readme[..readme.find("\n### ").unwrap_or(readme.len())];
    let quoted = code_lines(readme);
    assert_eq!(quoted.len(), 2, "{quoted:?}");
    let printed: Vec<&str> = text.lines().map(str::trim_end).collect();
    for q in &quoted {
        assert!(
            printed.contains(&q.as_str()),
            "README's explain example is out of date:\n{q}\n\nexplain prints:\n{text}"
        );
    }
}
