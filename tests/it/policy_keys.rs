//! The policy key table is the one source of truth: the docs show it verbatim, every key
//! round-trips its default, the baseline file lists every key, and `--set` refuses every
//! out-of-range value with E1040.

use std::path::{Path, PathBuf};
use std::process::Command;

use rotation::error::Diagnostics;
use rotation::input::policy::{keys_markdown, Kind, Policy, Range, KEYS};
use rotation::input::toml_with_lines::{self, Val};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Parses one TOML value the way a file would hold it.
fn toml_value(text: &str) -> Val {
    let mut d = Diagnostics::default();
    let t = toml_with_lines::parse(&format!("v = {text}"), Path::new("value"), &mut d)
        .unwrap_or_else(|| panic!("`{text}` is not TOML: {d:?}"));
    t.get("v").unwrap().val.clone()
}

#[test]
fn docs_show_the_table_verbatim() {
    let path = root().join("docs/POLICY.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let table = keys_markdown();
    assert!(
        docs.contains(&table),
        "docs/POLICY.md does not show the policy key table as src/input/policy/ renders it; \
         replace its table with the output of `cargo run --release -- keys` (or of \
         rotation::input::policy::keys_markdown()):\n\n{table}"
    );
}

#[test]
fn setting_every_key_to_its_default_gives_the_default_policy() {
    let defaults = Policy::default();
    // Start from a policy that differs in many keys, so that a key whose `set` writes
    // nowhere (or elsewhere) shows.
    let mut d = Diagnostics::default();
    let mut p = Policy::read(&root().join("models/shanghai-2023.toml"), &mut d)
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_ne!(p, defaults);
    for k in KEYS {
        let text = k.value_text(&defaults);
        p.set(k.name, &toml_value(&text))
            .unwrap_or_else(|e| panic!("{} = {text}: {e}", k.name));
    }
    assert_eq!(p, defaults);
}

#[test]
fn baseline_file_lists_every_key() {
    let mut d = Diagnostics::default();
    let file = root().join("models/baseline.toml");
    let top = toml_with_lines::read_file(&file, "baseline", "", &mut d).unwrap();
    for k in KEYS {
        let (section, key) = k.name.split_once('.').unwrap();
        let listed = match top.get(section).map(|n| &n.val) {
            Some(Val::Table(t)) => t.get(key).is_some(),
            _ => false,
        };
        assert!(listed, "models/baseline.toml does not list {}", k.name);
    }
}

/// Values just outside the key's range, below and above; none for a key without one.
fn out_of_range(kind: &Kind) -> Vec<String> {
    let v: Vec<String> = match kind {
        Kind::Whole { min, max, .. } => vec![(min - 1).to_string(), (max + 1).to_string()],
        Kind::Count { max, .. } => vec!["-1".into(), (max + 1).to_string()],
        Kind::Number { range, .. } => match range {
            Range::Rate => vec!["1.5"],
            Range::NonNegative => vec!["-0.5"],
            Range::RoadFactor => vec!["0.9"],
            Range::Positive | Range::PositiveOrInf => vec!["0"],
            Range::Weight => vec!["-0.5", "1e20", "inf", "nan"],
            Range::PositiveWeight => vec!["0", "1e20", "inf"],
            Range::Seconds => vec!["0", "inf", "1e7"],
            Range::Km => vec!["-0.5", "10000.5", "inf"],
        }
        .into_iter()
        .map(String::from)
        .collect(),
        Kind::Text(_) | Kind::YesNo(_) | Kind::Scope(_) | Kind::Reciprocal(_) | Kind::Roles(_) => {
            vec![]
        }
    };
    v
}

#[test]
fn set_refuses_every_out_of_range_value() {
    let mut ranged = 0;
    for k in KEYS {
        let bads = out_of_range(&k.kind);
        ranged += usize::from(!bads.is_empty());
        for bad in bads {
            let out = Command::new(env!("CARGO_BIN_EXE_rotation"))
                .current_dir(root())
                .args(["validate", "scenarios/chengzhong.toml", "--set"])
                .arg(format!("{}={bad}", k.name))
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{}={bad}:\n{err}", k.name);
            assert!(err.contains("E1040"), "{}={bad}:\n{err}", k.name);
            assert!(err.contains(k.name), "{}={bad}:\n{err}", k.name);
        }
    }
    assert!(ranged >= 20, "only {ranged} ranged keys");
}
