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
    header_named: bool,
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let raw: Vec<String> = names.iter().map(|s| s.trim().to_lowercase()).collect();
    let table = cols::table_of(required);
    let fields: Vec<Option<&str>> = raw
        .iter()
        .map(|h| table.and_then(|t| cols::field_of(t, h)))
        .collect();
    if let Some(table) = table {
        say_mapping(&names, &fields, table, line, path, diags);
    }
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
        format!(
            "{}{}",
            t!("input.columns_missing_fix", found = raw.join(", ")),
            match table {
                // The scenario named this row: its key is reported beside (table.rs).
                _ if header_named => "".into(),
                Some(cols::Table::Staff) => t!("reading.header_hint", key = "staff_header_row"),
                Some(cols::Table::Distance) => {
                    t!("reading.header_hint", key = "distances_header_row")
                }
                None => "".into(),
            }
        ),
    );
    None
}

/// Says aloud how the header was read: one line mapping each header to the field it fills,
/// a warning for each header that fills nothing but probably means a field (E1060), and one
/// warning listing the other headers left unread (E1060). Nothing is dropped in silence.
fn say_mapping(
    names: &[&str],
    fields: &[Option<&'static str>],
    table: cols::Table,
    line: usize,
    path: &Path,
    diags: &mut Diagnostics,
) {
    let mapped: Vec<String> = names
        .iter()
        .zip(fields)
        .filter_map(|(h, f)| {
            let h = h.trim();
            // `id → id` says nothing; a header that is its field's own name stands alone.
            f.map(|f| match cols::norm_header(h) == f {
                true => format!("`{f}`"),
                false => format!("{h} → `{f}`"),
            })
        })
        .collect();
    diags.info(
        path,
        Some(line),
        t!("reading.mapping", columns = mapped.join("、")),
    );
    let filled: Vec<&str> = fields.iter().flatten().copied().collect();
    let mut unread = Vec::new();
    for (h, f) in names.iter().zip(fields) {
        let h = h.trim();
        if f.is_some() || h.is_empty() {
            continue;
        }
        match cols::probable_field(table, h, &filled) {
            Some(field) => diags.warn(
                "E1060",
                path,
                Some(line),
                t!(
                    "reading.column_doubtful",
                    header = h,
                    col = cols::label(field)
                ),
                t!(
                    "reading.column_doubtful_fix",
                    header = h,
                    names = cols::accepted_names(field)
                ),
            ),
            None => unread.push(h),
        }
    }
    if !unread.is_empty() {
        diags.warn(
            "E1060",
            path,
            Some(line),
            t!("reading.columns_unread", headers = unread.join("、")),
            t!("reading.columns_unread_fix"),
        );
    }
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
