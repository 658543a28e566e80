//! What a comparison reads of a solved variant, as one record that a file can hold: its
//! figures, weights and broken rules, and who starts where. `compare` makes the records of
//! the variants it solves; a sweep's tasks write them to their result folders and its merge
//! reads them back, so both comparisons come out of the same code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::metrics::Metrics;
use super::solve_all::SolvedVariant;
use super::variants::Variant;
use crate::load::InputFile;
use crate::summary::Provenance;

/// Where a person starts in a plan: name and home school for the diff, `host@year`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Start {
    /// Person name.
    pub name: String,
    /// Home school id.
    pub home_school: String,
    /// `host@year`.
    pub at: String,
}

/// One variant's outcome as a comparison reads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariantResult {
    /// The what-if.
    pub variant: Variant,
    /// Its figures; `objective_comparable` and `differing_weights` are filled in by
    /// [`metrics`](super::metrics()) among the variants compared.
    pub metrics: Metrics,
    /// Its policy's weights, by key (whether objectives compare).
    pub weights: BTreeMap<String, f64>,
    /// Whether it re-planned against a baseline plan (then `weights.change` prices plans).
    pub has_baseline: bool,
    /// The rules an infeasible variant's cheapest relaxation breaks, as `summary.json` words
    /// them; empty otherwise.
    pub broken: Vec<serde_json::Value>,
    /// The plan's starts by person id; empty without a plan.
    pub starts: BTreeMap<String, Start>,
    /// Every input file it read, with its SHA-256 (its summary's provenance).
    #[serde(default)]
    pub inputs: Vec<InputFile>,
}

/// What produced a comparison: this tool, this command line, and every input of every
/// variant once.
pub fn provenance_of(results: &[VariantResult]) -> Provenance {
    let mut inputs: Vec<InputFile> = results.iter().flat_map(|r| r.inputs.clone()).collect();
    inputs.sort_by(|a, b| (&a.path, &a.sha256).cmp(&(&b.path, &b.sha256)));
    inputs.dedup();
    Provenance {
        tool: Provenance::tool(),
        command: std::env::args().collect(),
        inputs,
    }
}

impl VariantResult {
    /// The record of a solved variant.
    pub fn of(o: &SolvedVariant) -> Result<VariantResult, String> {
        // Through JSON, so that a weight added to the policy is compared without a change here.
        let weights = match serde_json::to_value(&o.inst.policy.weights) {
            Ok(serde_json::Value::Object(m)) => m
                .into_iter()
                .filter_map(|(k, v)| v.as_f64().map(|v| (k, v)))
                .collect(),
            _ => BTreeMap::new(),
        };
        let broken = o
            .broken_rules()
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let starts = o.plan().map_or_else(BTreeMap::new, |plan| {
            plan.starts
                .iter()
                .map(|s| {
                    let p = o.inst.person(s.person);
                    let start = Start {
                        name: p.name.clone(),
                        home_school: o.inst.school(p.home).id.clone(),
                        at: format!("{}@{}", o.inst.school(s.host).id, s.year),
                    };
                    (p.id.clone(), start)
                })
                .collect()
        });
        Ok(VariantResult {
            variant: o.variant.clone(),
            metrics: Metrics::of(o),
            weights,
            has_baseline: o.inst.baseline.is_some(),
            broken,
            starts,
            inputs: (o.summary.provenance.as_ref()).map_or_else(Vec::new, |p| p.inputs.clone()),
        })
    }

    /// Whether the variant has a plan to compare.
    pub fn has_plan(&self) -> bool {
        self.metrics.moves.is_some()
    }
}
