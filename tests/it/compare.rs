//! `compare` (parallel variants, table, diff, files), the block split of the model, and the
//! county generator.

use std::path::PathBuf;

use crate::common::*;
use rotation::check::check;
use rotation::compare::{self, Variant, VariantResult};
use rotation::generate::{self, Options};
use rotation::load::plan::read_plan;
use rotation::model::{self, BuildOptions};
use rotation::solve::{self, Status};

fn demo_variants() -> Vec<Variant> {
    let r = root();
    compare::variants(
        &[r.join("scenarios/chengzhong.toml")],
        &[
            r.join("models/baseline.toml"),
            r.join("models/shanghai-2023.toml"),
            r.join("models/strict-seed.toml"),
        ],
        &[
            vec![("quota.rate".into(), "0.15".into())],
            vec![("policy.max_distance_km".into(), "25".into())],
        ],
    )
}

#[test]
fn compare_prints_the_table_and_diff_and_each_objective_matches_solve_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let (code, stdout, stderr) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/baseline.toml",
        "--policy",
        "models/shanghai-2023.toml",
        "--set",
        "quota.rate=0.15",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for row in [
        "status",
        "objective",
        "quota sent/need",
        "commute max km",
        "gap",
    ] {
        assert!(stdout.contains(row), "table row {row}:\n{stdout}");
    }
    assert!(stdout.contains("baseline + quota.rate=0.15"));
    assert!(stdout.contains("`shanghai-2023` against `baseline`"));
    // The same weights in every variant: no warning, no mark.
    assert!(!stdout.contains("weights differ"), "{stdout}");
    assert!(!stdout.contains("objective *"), "{stdout}");

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["comparable"], true);
    assert_eq!(json["weights_differ"], serde_json::json!([]));
    let variants = json["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 3);
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "header and one row per variant");
    assert!(out.join("diff.csv").exists());
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");

    let sets: [&[(&str, &str)]; 3] = [&[], &[], &[("quota.rate", "0.15")]];
    let policies = [
        "models/baseline.toml",
        "models/shanghai-2023.toml",
        "models/baseline.toml",
    ];
    for (i, v) in variants.iter().enumerate() {
        let sets: Vec<(String, String)> = sets[i]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let inst = rotation::load::instance(
            &root().join("scenarios/chengzhong.toml"),
            Some(&root().join(policies[i])),
            &sets,
        )
        .unwrap();
        let alone = solve::solve(&inst, &BuildOptions::default());
        let theirs = v["metrics"]["objective"].as_f64().unwrap();
        assert!(
            (theirs - alone.objective.unwrap()).abs() <= 1e-9 * theirs.abs(),
            "variant {i}: compare {theirs} vs solve {}",
            alone.objective.unwrap()
        );
        // Each variant's roster is a plan `check` accepts with the same objective.
        let folder = out.join(v["folder"].as_str().unwrap());
        let plan = read_plan(&inst, &folder.join("roster.csv")).unwrap();
        let r = check(&inst, &plan);
        assert!(r.ok && (r.objective - theirs).abs() <= 1e-6 * theirs.abs());
    }
}

/// The cells of the table row whose name (before the cells) is `name`.
fn table_row<'a>(table: &'a str, name: &str) -> Vec<&'a str> {
    let line = table
        .lines()
        .find(|l| l.trim_start().starts_with(name))
        .unwrap_or_else(|| panic!("row {name} in:\n{table}"));
    line.trim_start()[name.len()..].split_whitespace().collect()
}

#[test]
fn compare_warns_when_weights_differ_and_marks_the_objective() {
    let dir = tempfile::tempdir().unwrap();
    let heavy = dir.path().join("heavy.toml");
    std::fs::write(
        &heavy,
        "[policy]\nname = \"heavy\"\n\n[weights]\ndistance_km = 2.0\n",
    )
    .unwrap();
    let out = dir.path().join("cmp");
    let (code, stdout, stderr) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/baseline.toml",
        "--policy",
        heavy.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let warning = stdout.lines().next().unwrap();
    assert!(
        warning.contains("weights differ: distance_km 1 (baseline) vs 2 (heavy)")
            && warning.contains("not comparable"),
        "{stdout}"
    );
    // Only the one weight that differs is named; the warning comes before the table.
    assert!(!warning.contains("preference_rank"), "{warning}");
    assert!(stdout.contains("objective *") && stdout.contains("distance_km *"));
    assert!(!stdout.contains("preference_rank *"), "{stdout}");
    assert!(stdout.contains("* weights differ between the variants"));

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["comparable"], false);
    assert_eq!(
        json["weights_differ"],
        serde_json::json!([{"weight": "distance_km", "values": [
            {"variant": "baseline", "value": 1.0},
            {"variant": "heavy", "value": 2.0},
        ]}])
    );
    assert_eq!(
        json["variants"][1]["metrics"]["objective_comparable"],
        false
    );
    // The spreadsheet keeps its columns and adds two at the end.
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.ends_with(",gap,objective_comparable,differing_weights"),
        "{header}"
    );
    assert!(
        lines.next().unwrap().ends_with(",false,distance_km=1"),
        "{csv}"
    );
    assert!(
        lines.next().unwrap().ends_with(",false,distance_km=2"),
        "{csv}"
    );
}

#[test]
fn an_infeasible_variant_shows_no_figures_of_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let (code, stdout, stderr) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/baseline.toml",
        "--policy",
        "models/strict-seed.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    // strict-seed has baseline's weights: comparable, but infeasible.
    assert!(!stdout.contains("weights differ"), "{stdout}");
    let plan_rows = [
        "objective",
        "distance_km",
        "moves",
        "backbone",
        "cadre",
        "quota sent/need",
        "flow sent/min",
        "flow back",
        "coverage slack",
        "at the minimum",
        "commute mean km",
        "commute max km",
        "schools touched",
        "gap",
    ];
    for row in plan_rows {
        // Baseline's cell may hold a space (`69/42 (164%)`); strict-seed's is the last.
        let cells = table_row(&stdout, row);
        assert_ne!(cells[0], "-", "baseline has a plan: {row}");
        assert_eq!(
            cells.last(),
            Some(&"-"),
            "strict-seed has no plan: {row}\n{stdout}"
        );
    }
    assert_eq!(table_row(&stdout, "broken rules"), ["0", "4"]);

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    let m = &json["variants"][1]["metrics"];
    assert_eq!(m["status"], "infeasible");
    for key in [
        "objective",
        "moves",
        "quota_sent",
        "flow_back",
        "schools_touched",
    ] {
        assert!(m[key].is_null(), "{key}: {m}");
    }
    assert_eq!(m["broken_rules"], 4);
    assert!(json["variants"][0]["metrics"]["objective"].is_f64());
    // Empty cells in the spreadsheet, never 0.
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().nth(1).unwrap().unwrap();
    for key in ["objective", "moves", "quota_need", "coverage_at_min"] {
        let i = header.iter().position(|h| h == key).unwrap();
        assert_eq!(&row[i], "", "{key}");
    }
}

#[test]
fn parallel_compare_gives_the_sequential_results() {
    let variants = demo_variants();
    let insts = compare::load_all(&variants, &[]).unwrap();
    let par = compare::solve_all(variants.clone(), insts.clone(), 2, 1, &|_| {});
    let seq = compare::solve_all(variants, insts.clone(), 1, 1, &|_| {});
    assert_eq!(par.len(), 5);
    for ((p, s), inst) in par.iter().zip(&seq).zip(&insts) {
        assert_eq!(p.solved.status, s.solved.status, "{}", p.variant.label);
        assert_eq!(p.solved.plan, s.solved.plan, "{}", p.variant.label);
        assert_eq!(p.solved.objective, s.solved.objective);
        // And what `solve` gives alone, with its own thread settings.
        let alone = solve::solve(inst, &BuildOptions::default());
        assert_eq!(alone.status, p.solved.status);
        assert_eq!(alone.plan, p.solved.plan, "{}", p.variant.label);
    }
    assert_eq!(par[2].solved.status, Status::Infeasible);
    assert!(
        !par[2].broken().is_empty(),
        "infeasible variants carry a diagnosis"
    );
}

#[test]
fn diff_names_who_moves_in_one_plan_only_and_who_goes_elsewhere() {
    let variants = demo_variants();
    let insts = compare::load_all(&variants, &[]).unwrap();
    let out = compare::solve_all(variants, insts, 0, 1, &|_| {});
    let results: Vec<_> = out.iter().map(|o| VariantResult::of(o).unwrap()).collect();
    let d = compare::diff(&results[0], &results[1]);
    assert!(!d.is_empty());
    let first = &out[0].solved.plan;
    let second = &out[1].solved.plan;
    for c in &d {
        let p = out[0]
            .inst
            .people
            .iter()
            .position(|p| p.id == c.person_id)
            .unwrap();
        let in_first = first.starts.iter().find(|s| s.person.0 as usize == p);
        let in_second = second.starts.iter().find(|s| s.person.0 as usize == p);
        match c.change {
            "only-first" => assert!(in_first.is_some() && in_second.is_none()),
            "only-this" => assert!(in_first.is_none() && in_second.is_some()),
            "elsewhere" => assert_ne!(in_first.unwrap().host, in_second.unwrap().host),
            "other-year" => {
                let (a, b) = (in_first.unwrap(), in_second.unwrap());
                assert!(a.host == b.host && a.year != b.year);
            }
            other => panic!("unknown change {other}"),
        }
    }
    assert!(compare::diff(&results[0], &results[0]).is_empty());
}

#[test]
fn compare_set_errors_exit_2_and_name_the_keys() {
    let (code, _, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rat=0.15",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("E1040") && err.contains("quota.rate"), "{err}");
    let (code, _, err) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "quota.rate=high",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn changes_split_at_top_level_commas() {
    assert_eq!(
        compare::split_changes("quota.rate=0.15, quota.applies_to=[\"core\", \"member\"]"),
        vec!["quota.rate=0.15", "quota.applies_to=[\"core\", \"member\"]"]
    );
}

fn county(groups: usize, seed: u64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let c = generate::generate(&Options {
        groups,
        seed,
        plan_year: 2027,
        ..Default::default()
    });
    let path = c.write(dir.path()).unwrap();
    (dir, path)
}

#[test]
fn blocks_give_the_optimum_of_the_whole_model() {
    let (_dir, path) = county(3, 11);
    for (scenario, sets) in [
        (path.clone(), vec![]),
        (root().join("scenarios/chengzhong.toml"), vec![]),
        // Scope county joins everything into one block.
        (
            root().join("scenarios/chengzhong.toml"),
            vec![("policy.scope".to_string(), "county".to_string())],
        ),
    ] {
        let inst = rotation::load::instance(&scenario, None, &sets).unwrap();
        let cands = rotation::instance::candidates::generate(&inst);
        let built = model::build(&inst, &cands, &BuildOptions::default());
        let blocks = solve::blocks(&inst, &built);
        let expected_blocks = if sets.is_empty() {
            inst.groups.len()
        } else {
            1
        };
        assert_eq!(blocks.len(), expected_blocks, "{}", inst.name);
        let whole = solve::whole_model(&inst, &built).solve();
        let split = solve::solve(&inst, &BuildOptions::default());
        assert_eq!(split.stats.blocks, expected_blocks);
        let (a, b) = (whole.objective_value(), split.objective.unwrap());
        assert!(
            (a - b).abs() <= 1e-6 * a.abs(),
            "{}: whole {a} vs blocks {b}",
            inst.name
        );
    }
}

#[test]
fn generated_counties_are_reproducible_and_solve() {
    let a = generate::generate(&Options {
        groups: 4,
        seed: 7,
        plan_year: 2027,
        ..Default::default()
    });
    let b = generate::generate(&Options {
        groups: 4,
        seed: 7,
        plan_year: 2027,
        ..Default::default()
    });
    let c = generate::generate(&Options {
        groups: 4,
        seed: 8,
        plan_year: 2027,
        ..Default::default()
    });
    assert_eq!(a.scenario_toml, b.scenario_toml);
    assert_eq!(a.staff_csv, b.staff_csv);
    assert_ne!(a.staff_csv, c.staff_csv);

    let (_dir, path) = county(4, 7);
    let inst = rotation::load::instance(&path, None, &[]).unwrap();
    assert_eq!(inst.groups.len(), 4);
    for g in &inst.groups {
        let core = inst.people.iter().filter(|p| p.home == g.core).count();
        assert!((90..=160).contains(&core), "core staff {core}");
        let mut members = 0;
        for m in g.trusteed.iter().chain(&g.members) {
            let n = inst.people.iter().filter(|p| p.home == *m).count();
            assert!((20..=60).contains(&n), "member staff {n}");
            members += n;
        }
        // Enough member staff to send back the core's quota under the stability cap.
        assert!(3 * members >= 2 * core, "members {members}, core {core}");
    }
    assert!(inst.people.iter().any(|p| p.existing.is_some()));
    assert!(inst.people.iter().any(|p| !p.preferences.is_empty()));
    assert!(inst.people.iter().any(|p| p.residence.is_some()));
    let share = |core: bool| {
        let ps: Vec<_> = inst
            .people
            .iter()
            .filter(|p| inst.groups.iter().any(|g| g.core == p.home) == core)
            .collect();
        ps.iter().filter(|p| p.backbone).count() as f64 / ps.len() as f64
    };
    assert!(
        share(true) > share(false),
        "more backbone teachers at cores"
    );
    solve_and_check(&inst);
}

#[test]
fn generate_command_writes_both_files_and_rejects_zero_groups() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&[
        "generate",
        "--groups",
        "2",
        "--seed",
        "3",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(dir.path().join("county-2g-s3.toml").exists());
    assert!(dir.path().join("county-2g-s3-staff.csv").exists());
    let (code, _, _) = run(&["generate", "--groups", "0"]);
    assert_eq!(code, 2);
}

#[test]
fn bench_runs_every_scenario_under_every_policy_and_writes_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bench.csv");
    let (code, out, err) = run(&[
        "bench",
        "scenarios",
        "--models",
        "models",
        "--repeat",
        "2",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let models = files_in(&root().join("models")).len();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1 + models, "{text}");
    // After the byte-order mark every CSV we write starts with, for Excel.
    assert!(text.starts_with("\u{feff}scenario,policy,status,objective,gap,variables"));
    for m in ["baseline", "shanghai-2023", "strict-seed"] {
        assert!(out.contains(m), "{out}");
    }
    // Not a terminal: plain progress lines, one per pair.
    assert_eq!(err.lines().filter(|l| l.starts_with('[')).count(), models);

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[quota]\nrat = 0.2\n").unwrap();
    let (code, _, err) = run(&["bench", "scenarios", "--models", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("rat"), "{err}");
}

#[test]
fn generated_five_group_county_keeps_its_golden_optimum() {
    // Golden value: it moves when the generator or the model changes, and must be explained.
    // 12430.06 since members hold ≥ 2/3 of their core's staff (a new county: 1,320 staff)
    // and the default v2 policy applies again (8585.69 was the old county under v1 rules).
    let (_dir, path) = county(5, 1);
    let inst = rotation::load::instance(&path, None, &[]).unwrap();
    assert_eq!(inst.people.len(), 1320);
    let (s, _) = solve_and_check(&inst);
    assert_eq!(s.stats.blocks, 5);
    assert!(
        (s.objective.unwrap() - 12430.059560348753).abs() < 1e-6,
        "objective {}",
        s.objective.unwrap()
    );
}

#[test]
fn weights_that_price_no_plan_here_raise_no_warning() {
    // `slack` prices only elastic plans and `change` only plans against a baseline: a
    // policy differing in those alone leaves the objectives comparable.
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.toml");
    let text = "[policy]\nname = \"other\"\n\n[weights]\nslack = 5000.0\nchange = 7.0\n";
    std::fs::write(&other, text).unwrap();
    let out = dir.path().join("cmp");
    let (code, stdout, stderr) = run(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/baseline.toml",
        "--policy",
        other.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("weights differ"), "{stdout}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["comparable"], true);
}
