//! `--set section.key=value`: overrides from the command line, checked against the same key
//! table as files.

use std::path::Path;

use rust_i18n::t;

use super::key_values::{key, key_names};
use super::keys::Policy;
use crate::error::Diagnostics;
use crate::input::did_you_mean::suggest;
use crate::input::toml_with_lines::{self, Val};

/// Applies `--set section.key=value` overrides, checked against the same table as files:
/// an unknown key, a value of the wrong type or out of range is E1040.
pub fn apply_sets(policy: &mut Policy, sets: &[(String, String)], diags: &mut Diagnostics) {
    let cli = Path::new("--set");
    for (name, value) in sets {
        let Some(k) = key(name) else {
            diags.push(
                "E1040",
                cli,
                None,
                t!("input.unknown_policy_key", key = name),
                suggest(name, &key_names()),
            );
            continue;
        };
        if let Err(cause) = k.set(policy, &parse_set_value(value)) {
            diags.push(
                "E1040",
                cli,
                None,
                format!("{name}={value}: {cause}"),
                t!("input.set_type_fix"),
            );
        }
    }
    for (name, cause) in policy.range_problems() {
        if sets.iter().any(|(k, _)| k == name) {
            diags.push("E1040", cli, None, cause, t!("input.set_range_fix"));
        }
    }
}

/// A `--set` value is read as a TOML value; a bare word is a string.
fn parse_set_value(value: &str) -> Val {
    let doc = format!("v = {value}");
    let mut d = Diagnostics::default();
    match toml_with_lines::parse(&doc, Path::new("--set"), &mut d) {
        Some(t) => t
            .get("v")
            .map(|n| n.val.clone())
            .unwrap_or(Val::Str(value.to_string())),
        None => Val::Str(value.to_string()),
    }
}
