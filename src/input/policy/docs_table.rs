//! docs/POLICY.md's table of keys, written from [`KEYS`] so that the docs cannot drift from
//! the code (tests/it/policy_keys.rs checks the docs show it verbatim).

use super::keys::{Key, Kind, Policy, KEYS};
use super::words::Word;
use crate::domain::{Reciprocal, Role, Scope};

/// [`KEYS`] as a Markdown table (key, type, default, valid range, meaning), the table of
/// docs/POLICY.md.
pub fn keys_markdown() -> String {
    let defaults = Policy::default();
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out =
        String::from("| key | type | default | valid range | meaning |\n|---|---|---|---|---|\n");
    for k in KEYS {
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} | {} |\n",
            k.name,
            k.type_text(),
            cell(&k.value_text(&defaults)),
            cell(&k.range_text()),
            cell(k.doc)
        ));
    }
    out
}

impl Key {
    /// The "type" column.
    fn type_text(&self) -> &'static str {
        match &self.kind {
            Kind::Text(_) => "text",
            Kind::Whole { .. } | Kind::Count { .. } => "whole number",
            Kind::Number { .. } => "number",
            Kind::YesNo(_) => "yes/no",
            Kind::Scope(_) | Kind::Reciprocal(_) => "word",
            Kind::Roles(_) => "list of roles",
        }
    }

    /// The "valid range" column.
    fn range_text(&self) -> String {
        match &self.kind {
            Kind::Text(_) => "any".into(),
            Kind::Whole { min, max, .. } => format!("{min} to {max}"),
            Kind::Count { max, .. } => format!("0 to {max}"),
            Kind::Number { range, .. } => range.text().into(),
            Kind::YesNo(_) => "true, false".into(),
            Kind::Scope(_) => Scope::choices(),
            Kind::Reciprocal(_) => Reciprocal::choices(),
            Kind::Roles(_) => format!("any of {}", Role::choices()),
        }
    }
}
