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

/// The variants of a `compare` call: every scenario under every policy (or its own), then
/// one more per `--set` group, which changes the first variant.
pub fn variants(
    scenarios: &[PathBuf],
    policies: &[PathBuf],
    set_groups: &[Vec<(String, String)>],
) -> Vec<Variant> {
    let mut out = Vec::new();
    for s in scenarios {
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
    }
    if let Some(first) = out.first().cloned() {
        for sets in set_groups {
            out.push(with_sets(&first, sets.clone()));
        }
    }
    out
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
