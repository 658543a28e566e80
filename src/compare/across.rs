//! The figures across the variants compared: each variant's marked when their weights
//! differ, and which weights do.

use serde::Serialize;

use super::metrics::Metrics;
use super::result::VariantResult;

/// The figures of every variant, each marked when the variants' weights differ.
pub fn metrics(results: &[VariantResult]) -> Vec<Metrics> {
    let diffs = weights_differ(results);
    results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut m = r.metrics.clone();
            m.objective_comparable = diffs.is_empty();
            let own: Vec<String> = diffs
                .iter()
                .map(|d| format!("{}={}", d.weight, d.values[i].value))
                .collect();
            m.differing_weights = own.join("; ");
            m
        })
        .collect()
}

/// A `[weights]` key whose value is not the same in every variant.
#[derive(Debug, Clone, Serialize)]
pub struct WeightDiff {
    /// The key in `[weights]`, e.g. `distance_km`.
    pub weight: String,
    /// Its value in each variant, in variant order.
    pub values: Vec<WeightValue>,
}

/// One variant's value of a weight.
#[derive(Debug, Clone, Serialize)]
pub struct WeightValue {
    /// The variant's label.
    pub variant: String,
    /// The weight in that variant's policy.
    pub value: f64,
}

/// Whether a weight can price the plans compared: `slack` prices only elastic plans, which
/// `compare` never reports as plans, and `change` only plans made against a baseline. A
/// difference in a weight that prices nothing here is no reason to doubt the objectives.
fn prices_a_plan(key: &str, results: &[VariantResult]) -> bool {
    match key {
        "slack" => false,
        "change" => results.iter().any(|r| r.has_baseline),
        _ => true,
    }
}

/// Every `[weights]` key that differs between any two variants and prices their plans
/// (`prices_a_plan`), in key order.
pub fn weights_differ(results: &[VariantResult]) -> Vec<WeightDiff> {
    let Some(first) = results.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in first.weights.keys().filter(|k| prices_a_plan(k, results)) {
        let values: Vec<WeightValue> = results
            .iter()
            .map(|r| WeightValue {
                variant: r.variant.label.clone(),
                value: r.weights.get(key).copied().unwrap_or(f64::NAN),
            })
            .collect();
        // Bitwise, so that a NaN (never a valid weight) still reads as a difference.
        if values
            .iter()
            .any(|v| v.value.to_bits() != values[0].value.to_bits())
        {
            out.push(WeightDiff {
                weight: key.clone(),
                values,
            });
        }
    }
    out
}
