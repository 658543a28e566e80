//! `sweep.toml`: the grid of a sweep. Its variants are every scenario (files or globs) under
//! every policy, times every combination of the `[[axis]]` values, then any `[[variant]]`
//! listed one by one; `[sweep] set` applies to all. Paths are relative to the grid file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::Deserialize;

use crate::compare::{self, Variant};
use crate::error::InputError;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GridFile {
    sweep: Section,
    #[serde(default)]
    axis: Vec<Axis>,
    #[serde(default)]
    variant: Vec<Listed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    /// Scenario files or glob patterns (`counties/*.toml`).
    #[serde(default)]
    scenarios: Vec<String>,
    /// Policy files; none: each scenario's own.
    #[serde(default)]
    policies: Vec<String>,
    /// `KEY=VALUE` settings every variant gets (e.g. a time limit).
    #[serde(default)]
    set: Vec<String>,
}

/// One key and the values it takes, one variant each: `values = [...]`, or
/// `range = [from, to, step]` (both ends included).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Axis {
    key: String,
    #[serde(default)]
    values: Vec<toml::Value>,
    range: Option<[toml::Value; 3]>,
}

/// A variant listed by itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Listed {
    scenario: String,
    policy: Option<String>,
    #[serde(default)]
    set: Vec<String>,
    label: Option<String>,
}

/// A grid read and expanded.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The variants, in order: the product first (the last axis turning fastest), then
    /// the listed ones.
    pub variants: Vec<Variant>,
    /// Settings every variant gets.
    pub common: Vec<(String, String)>,
}

/// A problem with the grid file: E1070 at `line`.
fn problem(path: &Path, line: Option<usize>, cause: String) -> InputError {
    InputError::single("E1070", path, line, cause, t!("tools.sweep.grid_fix"))
}

/// Reads `path` into its variants.
pub fn read(path: &Path) -> Result<Grid, InputError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        problem(
            path,
            None,
            t!("tools.sweep.grid_unreadable", error = e).into(),
        )
    })?;
    let file: GridFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start].lines().count().max(1));
        problem(path, line, e.message().to_string())
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let scenarios = expand(dir, &file.sweep.scenarios, path)?;
    let mut file = file;
    for a in &mut file.axis {
        if let Some([from, to, step]) = &a.range {
            let range = format!(
                "{}:{}:{}",
                value_text(from),
                value_text(to),
                value_text(step)
            );
            let values = compare::values_of(&range).map_err(|e| problem(path, None, e))?;
            a.values.extend(values.into_iter().map(toml::Value::String));
        }
    }
    if let Some(a) = file.axis.iter().find(|a| a.values.is_empty()) {
        let key = &a.key;
        return Err(problem(
            path,
            None,
            t!("tools.sweep.axis_empty", key = key).into(),
        ));
    }
    let policies: Vec<PathBuf> = file.sweep.policies.iter().map(|p| dir.join(p)).collect();
    let mut variants = Vec::new();
    if !scenarios.is_empty() {
        for base in compare::variants(&scenarios, &policies, &[]) {
            for sets in combinations(&file.axis) {
                variants.push(compare::with_sets(&base, sets));
            }
        }
    }
    for l in file.variant {
        let sets = key_values(&l.set, path)?;
        let base = compare::variants(&[dir.join(&l.scenario)], &[], &[]).remove(0);
        let base = Variant {
            policy: l.policy.map(|p| dir.join(p)),
            ..base
        };
        let mut v = compare::with_sets(&base, sets);
        if let Some(label) = l.label {
            v.label = label;
        }
        variants.push(v);
    }
    if variants.is_empty() {
        return Err(problem(path, None, t!("tools.sweep.no_variant").into()));
    }
    let mut labels = BTreeSet::new();
    if let Some(v) = variants.iter().find(|v| !labels.insert(v.label.as_str())) {
        let label = &v.label;
        return Err(problem(
            path,
            None,
            t!("tools.sweep.same_label", label = label).into(),
        ));
    }
    Ok(Grid {
        variants,
        common: key_values(&file.sweep.set, path)?,
    })
}

/// The scenario files of `patterns`: a pattern with `*`, `?` or `[` is a glob whose
/// matches come in name order; one matching nothing is a problem (a typo, not a wish).
fn expand(dir: &Path, patterns: &[String], grid: &Path) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for p in patterns {
        let full = dir.join(p);
        if !p.contains(['*', '?', '[']) {
            out.push(full);
            continue;
        }
        let pattern = full.to_string_lossy().into_owned();
        let matches = glob::glob(&pattern)
            .map_err(|e| problem(grid, None, format!("{p}: {e}")))?
            .filter_map(Result::ok);
        let mut matches: Vec<PathBuf> = matches.collect();
        if matches.is_empty() {
            return Err(problem(
                grid,
                None,
                t!("tools.sweep.glob_empty", pattern = p).into(),
            ));
        }
        matches.sort();
        out.extend(matches);
    }
    Ok(out)
}

/// Every combination of the axes' values, as `--set` pairs; one empty combination when
/// there is no axis.
fn combinations(axes: &[Axis]) -> Vec<Vec<(String, String)>> {
    let mut out: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for axis in axes {
        out = out
            .into_iter()
            .flat_map(|sets| {
                axis.values.iter().map(move |v| {
                    let mut sets = sets.clone();
                    sets.push((axis.key.clone(), value_text(v)));
                    sets
                })
            })
            .collect();
    }
    out
}

/// A TOML value as `--set` reads it: a string bare (`county`, not `"county"`), the rest as
/// TOML writes it.
fn value_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `KEY=VALUE` strings as pairs.
fn key_values(sets: &[String], grid: &Path) -> Result<Vec<(String, String)>, InputError> {
    sets.iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().into(), v.trim().into())),
            _ => Err(problem(
                grid,
                None,
                t!("tools.not_key_value", value = s).into(),
            )),
        })
        .collect()
}
