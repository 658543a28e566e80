//! Research-grade comparisons (issue 28): where a policy breaks (`threshold`), ranges and
//! lists of values, variants of several counties compared within their county, broken
//! rules named, a folder holding one comparison, and what produced every figure.

use std::path::Path;
use std::process::Command;

use crate::common::*;

#[test]
fn threshold_finds_where_the_commute_cap_breaks_the_demo_and_names_the_flow() {
    let (rc, out, err) = run(&[
        "threshold",
        "scenarios/chengzhong.toml",
        "--key",
        "policy.max_distance_km",
        "--from",
        "20",
        "--to",
        "30",
    ]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(
        out.contains("policy.max_distance_km: infeasible at 27.39, a plan at 27.40 (the boundary within 0.01"),
        "{out}"
    );
    // The rule at the boundary, its school and member, and the person who sets it.
    assert!(
        out.contains("core → trusteed flow") && out.contains("no1") && out.contains("huangzhong-1"),
        "{out}"
    );
    assert!(
        out.contains("The nearest beyond the distance cap: 高萍博 (CZ0363, no1), 27.4 km"),
        "{out}"
    );
}

#[test]
fn threshold_says_when_the_range_holds_no_boundary() {
    let args = [
        "threshold",
        "scenarios/chengzhong.toml",
        "--key",
        "policy.max_distance_km",
        "--from",
        "28",
        "--to",
        "40",
    ];
    let (rc, out, err) = run(&args);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(
        out.contains("a plan at both ends, no boundary in the range (2 solves)"),
        "{out}"
    );
    let (rc, _, err) = run(&[
        "threshold",
        "scenarios/chengzhong.toml",
        "--key",
        "policy.no_such",
        "--from",
        "1",
        "--to",
        "2",
    ]);
    assert_eq!(rc, 2);
    assert!(err.contains("error[E1040]"), "{err}");
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = vec![r.headers().unwrap().clone()];
    rows.extend(r.records().map(Result::unwrap));
    rows
}

/// One command for "how do moves, commute and objective change from quota.rate 0.10 to
/// 0.20 in each county": a range on two counties, diffs only within a county, and the
/// infeasible variant's broken rules named with its relaxed plan's figures.
#[test]
fn a_range_on_several_counties_compares_each_within_its_county() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let (rc, stdout, err) = run(&[
        "compare",
        "scenarios/generated/county-6g-s1.toml",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rate=0.10:0.20:0.05",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(rc, 1, "the demo at 0.20 is infeasible: {stdout}{err}");
    let rows = csv_rows(&out.join("comparison.csv"));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let labels: Vec<&str> = rows[1..].iter().map(|r| &r[col("variant")]).collect();
    assert_eq!(
        labels,
        [
            "county-6g-s1",
            "county-6g-s1 + quota.rate=0.10",
            "county-6g-s1 + quota.rate=0.15",
            "county-6g-s1 + quota.rate=0.20",
            "chengzhong",
            "chengzhong + quota.rate=0.10",
            "chengzhong + quota.rate=0.15",
            "chengzhong + quota.rate=0.20",
        ]
    );
    let infeasible = &rows[8];
    assert_eq!(&infeasible[col("status")], "infeasible");
    assert!(
        infeasible[col("broken")].contains("quota is 13 (0.2 × 61 due)"),
        "{infeasible:?}"
    );
    assert!(infeasible[col("relaxed_moves")].parse::<usize>().unwrap() > 0);
    assert!(
        infeasible[col("relaxed_distance_km")]
            .parse::<f64>()
            .unwrap()
            > 0.0
    );
    assert!(rows[7][col("broken")].is_empty());
    // Differences only between variants of the same county.
    for line in stdout.lines().filter(|l| l.contains("` against `")) {
        let (this, first) = line.split_once("` against `").unwrap();
        let county = |l: &str| {
            l.trim_start_matches('`')
                .split([' ', '`'])
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(county(this), county(first), "{line}");
    }
    assert!(
        stdout.contains("`chengzhong + quota.rate=0.15` against `chengzhong`"),
        "{stdout}"
    );
}

#[test]
fn a_list_makes_one_variant_per_value_and_a_bad_range_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let (rc, stdout, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "policy.max_distance_km=28,30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{stdout}{err}");
    let rows = csv_rows(&out.join("comparison.csv"));
    assert_eq!(rows.len(), 4, "the scenario and one variant per value");
    assert_eq!(&rows[3][0], "chengzhong + policy.max_distance_km=30");
    let (rc, _, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rate=0.2:0.1:0.05",
    ]);
    assert_eq!(rc, 2);
    assert!(
        err.contains("error[E1040]") && err.contains("is no range"),
        "{err}"
    );
}

#[test]
fn a_compare_rerun_with_fewer_variants_leaves_only_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let out_s = out.to_str().unwrap();
    let (rc, _, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "policy.max_distance_km=28:30:1",
        "--out",
        out_s,
    ]);
    assert_eq!(rc, 0, "{err}");
    let (rc, _, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "policy.max_distance_km=29",
        "--out",
        out_s,
    ]);
    assert_eq!(rc, 0, "{err}");
    let mut folders: Vec<String> = files_in(&out)
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(
        folders,
        ["01-chengzhong", "02-chengzhong_policy.max_distance_km=29"]
    );
}

fn sha256sum(file: &str) -> String {
    let out = Command::new("sha256sum")
        .arg(file)
        .current_dir(root())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn summaries_and_comparisons_name_the_tool_the_command_and_every_input_by_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = [
        "solve",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/shanghai-2023.toml",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ];
    let (rc, _, err) = run(&args);
    assert_eq!(rc, 0, "{err}");
    let s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let p = &s["provenance"];
    assert!(p["tool"].as_str().unwrap().starts_with("rotation "));
    assert_eq!(p["command"][1], "solve");
    assert_eq!(p["command"].as_array().unwrap().len(), args.len() + 1);
    let inputs: Vec<(String, String)> = p["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["sha256"].as_str().unwrap().into(),
            )
        })
        .collect();
    let paths: Vec<&str> = inputs.iter().map(|f| f.0.as_str()).collect();
    // The policy given replaces the scenario's own, which is not read.
    assert_eq!(
        paths,
        [
            "scenarios/chengzhong.toml",
            "scenarios/chengzhong-staff.xlsx",
            "scenarios/chengzhong-km.csv",
            "models/shanghai-2023.toml"
        ]
    );
    for (path, hash) in &inputs {
        assert_eq!(hash, &sha256sum(path), "{path}");
    }
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        page.contains(&inputs[1].1),
        "report.html names the roster's hash"
    );

    let cmp = dir.path().join("cmp");
    let (rc, _, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--out",
        cmp.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{err}");
    let c: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cmp.join("comparison.json")).unwrap()).unwrap();
    for f in c["provenance"]["inputs"].as_array().unwrap() {
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            sha256sum(f["path"].as_str().unwrap())
        );
    }
    assert_eq!(c["provenance"]["command"][1], "compare");
}

/// A swept key gets a line per county of the objective, moves and commute against its
/// value in report.html; more variants than the palette get colours of their own.
#[test]
fn a_swept_key_is_drawn_against_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let (rc, stdout, err) = run(&[
        "compare",
        "scenarios/generated/county-6g-s1.toml",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rate=0.10:0.20:0.05",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ]);
    assert_eq!(rc, 1, "{stdout}{err}");
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("<section id=\"swept\">") && page.contains("Against quota.rate"));
    assert_eq!(
        page.matches("<polyline").count(),
        6,
        "2 counties × 3 figures"
    );
    // The infeasible demo at 0.20 is a cross, not a point at 0.
    assert!(
        page.contains("chengzhong 0.20: no plan"),
        "{}",
        &page[..2000]
    );
    // Eight variants: eight colours, none repeated.
    let legend = page.split("The variants side by side").nth(1).unwrap();
    let colours: std::collections::BTreeSet<&str> = legend
        .split("background:")
        .skip(1)
        .take(8)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(colours.len(), 8, "{colours:?}");
}

/// `--figure moves --limit 145`: the quota rate where the demo's plan needs more than 145
/// starts, each side's figure said.
#[test]
fn threshold_finds_where_a_figure_crosses_its_limit() {
    let (rc, out, err) = run(&[
        "threshold",
        "scenarios/chengzhong.toml",
        "--key",
        "quota.rate",
        "--from",
        "0.10",
        "--to",
        "0.18",
        "--figure",
        "moves",
        "--limit",
        "145",
        "--tolerance",
        "0.005",
    ]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(
        out.contains("quota.rate: moves at most 145 at 0.148 (144), not at 0.150 (146;"),
        "{out}"
    );
}
