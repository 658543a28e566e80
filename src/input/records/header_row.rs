//! The header row of a roster or distance table: names matched to fields, aliases and all.

use std::path::Path;

use rust_i18n::t;

use crate::error::Diagnostics;
use crate::input::columns as cols;

/// The header row `names` (on line `line`), trimmed and lowercased, a known column's alias
/// replaced by its field name; `None`, reported, when it names a column twice or lacks a
/// required column.
pub(crate) fn match_headers(
    names: Vec<&str>,
    line: usize,
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let raw: Vec<String> = names.iter().map(|s| s.trim().to_lowercase()).collect();
    let table = cols::table_of(required);
    let fields: Vec<Option<&str>> = raw
        .iter()
        .map(|h| table.and_then(|t| cols::field_of(t, h)))
        .collect();
    let duplicate = duplicate_columns(&raw, &fields, line, path, diags);
    let headers: Vec<String> = raw
        .iter()
        .zip(&fields)
        .map(|(h, f)| f.map_or_else(|| h.clone(), str::to_string))
        .collect();
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !headers.iter().any(|h| h == *r))
        .map(|r| cols::accepted_names(r))
        .collect();
    if missing.is_empty() {
        return (!duplicate).then_some(headers);
    }
    diags.push(
        "E1005",
        path,
        Some(line),
        t!("input.columns_missing", columns = missing.join("; ")),
        t!("input.columns_missing_fix", found = raw.join(", ")),
    );
    None
}

/// Reports each column named by two headers (`学校` and `school`); true when there is one.
fn duplicate_columns(
    raw: &[String],
    fields: &[Option<&str>],
    line: usize,
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let mut found = false;
    for (i, f) in fields.iter().enumerate() {
        let Some(f) = f else { continue };
        let Some(first) = fields[..i].iter().position(|g| g == &Some(*f)) else {
            continue;
        };
        found = true;
        diags.push(
            "E1036",
            path,
            Some(line),
            t!("input.column_twice", a = raw[first], b = raw[i], field = f),
            t!("input.column_twice_fix"),
        );
    }
    found
}
