//! The variants of a `compare` call: scenarios × policies, plus one per `--set` group, and
//! loading them all.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::instance::Instance;
use crate::report::file_label;

/// One what-if: a scenario, a policy file (or the scenario's own) and key changes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Variant {
    /// Name in tables and folders.
    pub label: String,
    /// Scenario file.
    pub scenario: PathBuf,
    /// Policy file; `None` for the scenario's own.
    pub policy: Option<PathBuf>,
    /// `--set` changes on top of the policy.
    pub sets: Vec<(String, String)>,
}

/// Splits `a=1,b=[x, y]` at the commas outside brackets and quotes.
pub fn split_changes(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut cur) = (0i32, None::<char>, String::new());
    for ch in s.chars() {
        match (ch, quote) {
            ('"' | '\'', None) => quote = Some(ch),
            (c, Some(q)) if c == q => quote = None,
            ('[' | '{', None) => depth += 1,
            (']' | '}', None) => depth -= 1,
            (',', None) if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// The variants of a `compare` call: for every scenario, the scenario under every policy
/// (or its own), then one more per `--set` group, which changes that scenario's first
/// variant. So `--set` and `--policy` apply to every scenario given.
pub fn variants(
    scenarios: &[PathBuf],
    policies: &[PathBuf],
    set_groups: &[Vec<(String, String)>],
) -> Vec<Variant> {
    let mut out = Vec::new();
    for s in scenarios {
        let first = out.len();
        let pols: Vec<Option<&PathBuf>> = if policies.is_empty() {
            vec![None]
        } else {
            policies.iter().map(Some).collect()
        };
        for p in pols {
            let label = match (scenarios.len() > 1, p) {
                (true, Some(p)) => format!("{}/{}", file_label(s), file_label(p)),
                (_, None) => file_label(s),
                (false, Some(p)) => file_label(p),
            };
            out.push(Variant {
                label,
                scenario: s.clone(),
                policy: p.cloned(),
                sets: Vec::new(),
            });
        }
        let base = out[first].clone();
        for sets in set_groups {
            out.push(with_sets(&base, sets.clone()));
        }
    }
    out
}

/// `--set` words after `split_changes`, with the bare values of a list joined to the key
/// before them: `quota.rate=0.1`, `0.15`, `0.2` → `quota.rate=0.1,0.15,0.2`.
pub fn join_lists(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(last) if !w.contains('=') => {
                last.push(',');
                last.push_str(&w);
            }
            _ => out.push(w),
        }
    }
    out
}

/// The values a `--set` value stands for: a range `FROM:TO:STEP` (both ends included,
/// written with the step's decimals), a list `a,b,c`, or itself.
pub fn values_of(value: &str) -> Result<Vec<String>, String> {
    let nested = value.contains(['[', '{', '"', '\'']);
    if !nested && value.contains(',') {
        return Ok(value.split(',').map(|v| v.trim().to_string()).collect());
    }
    let parts: Vec<&str> = value.split(':').collect();
    if nested || parts.len() != 3 {
        return Ok(vec![value.to_string()]);
    }
    let num = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let (Some(from), Some(to), Some(step)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
        return Err(rust_i18n::t!("tools.compare.bad_range", value = value).into_owned());
    };
    let n = ((to - from) / step + 1e-9).floor();
    if step <= 0.0 || to < from || n > 1000.0 {
        return Err(rust_i18n::t!("tools.compare.bad_range", value = value).into_owned());
    }
    // The decimals the step and start need as Rust writes them (`1e-3` is 0.001: 3).
    let places = |x: f64| format!("{x}").split_once('.').map_or(0, |(_, d)| d.len());
    let decimals = places(step).max(places(from));
    Ok((0..=n as usize)
        .map(|i| format!("{:.*}", decimals, from + step * i as f64))
        .collect())
}

/// A `--set` group with ranges and lists expanded: one group per combination of values,
/// the last key turning fastest.
pub fn expand_values(group: &[(String, String)]) -> Result<Vec<Vec<(String, String)>>, String> {
    let mut out: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for (key, value) in group {
        let values = values_of(value)?;
        out = out
            .into_iter()
            .flat_map(|g| {
                values.iter().map(move |v| {
                    let mut g = g.clone();
                    g.push((key.clone(), v.clone()));
                    g
                })
            })
            .collect();
    }
    Ok(out)
}

/// `base` with `sets` on top of its own, labelled `base + key=value, …` (itself when
/// `sets` is empty).
pub fn with_sets(base: &Variant, sets: Vec<(String, String)>) -> Variant {
    if sets.is_empty() {
        return base.clone();
    }
    let change: Vec<String> = sets.iter().map(|(k, v)| format!("{k}={v}")).collect();
    Variant {
        label: format!("{} + {}", base.label, change.join(", ")),
        sets: base.sets.iter().cloned().chain(sets).collect(),
        ..base.clone()
    }
}

/// Loads every variant, each with its own changes and then `common` (e.g. a time limit for
/// all); all input problems come back together, each named by its variant.
pub fn load_all(
    variants: &[Variant],
    common: &[(String, String)],
) -> Result<Vec<Instance>, Vec<(String, InputError)>> {
    let mut insts = Vec::new();
    let mut errors = Vec::new();
    for v in variants {
        let sets: Vec<(String, String)> = v.sets.iter().chain(common).cloned().collect();
        match crate::load::instance(&v.scenario, v.policy.as_deref(), &sets) {
            Ok(i) => insts.push(i),
            Err(e) => errors.push((v.label.clone(), e)),
        }
    }
    if errors.is_empty() {
        Ok(insts)
    } else {
        Err(errors)
    }
}
