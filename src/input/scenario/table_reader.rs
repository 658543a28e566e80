//! Typed reads of a scenario table's keys, each wrong type or missing key reported at its
//! line, and the names of `[[groups]]`/`[[schools]]`/... entries in messages.

use std::path::Path;

use rust_i18n::t;

use super::raw_scenario::Located;
use crate::error::Diagnostics;
use crate::input::records::table::MAX_CELL_CHARS;
use crate::input::toml_with_lines::{Node, TomlTable, Val};

/// Typed access to a table's keys that reports wrong types and missing keys.
pub(super) struct TableReader<'a> {
    /// The scenario file.
    pub(super) file: &'a Path,
    /// The table in words, for messages (`[scenario]`, `[[schools]] id`, ...).
    pub(super) where_: String,
    /// The table read.
    pub(super) table: &'a TomlTable,
}

impl TableReader<'_> {
    /// Reports `key` missing from the table (E1005).
    pub(super) fn missing(&self, key: &str, diags: &mut Diagnostics) {
        diags.push(
            "E1005",
            self.file,
            Some(self.table.line),
            t!("input.lacks_key", place = self.where_, key = key),
            t!("input.lacks_key_fix", place = self.where_, key = key),
        );
    }

    /// Reports `node`, the value of `key`, as not of the type `want` (E1004).
    pub(super) fn wrong(&self, key: &str, node: &Node, want: &str, diags: &mut Diagnostics) {
        diags.push(
            "E1004",
            self.file,
            Some(node.line),
            t!(
                "input.wrong_type",
                key = key,
                place = self.where_,
                want = want,
                found = node.val.type_name()
            ),
            t!("input.wrong_type_fix", key = key, want = want),
        );
    }

    /// The string `key`, if given; a value of another type is reported.
    pub(super) fn str_opt(&self, key: &str, diags: &mut Diagnostics) -> Option<Located> {
        let node = self.table.get(key)?;
        match &node.val {
            Val::Str(s) if s.chars().count() > MAX_CELL_CHARS => {
                // Every text of the scenario may end in a cell of plan.xlsx.
                diags.push(
                    "E1064",
                    self.file,
                    Some(node.line),
                    t!(
                        "reading.text_too_long",
                        what = format!("`{key}` ({})", self.where_),
                        n = s.chars().count(),
                        max = MAX_CELL_CHARS
                    ),
                    t!("reading.cell_too_long_fix", max = MAX_CELL_CHARS),
                );
                None
            }
            Val::Str(s) => Some(Located {
                text: s.clone(),
                line: node.line,
            }),
            _ => {
                self.wrong(key, node, &t!("input.type.string"), diags);
                None
            }
        }
    }

    /// The string `key`; missing or of another type, it is reported.
    pub(super) fn str_req(&self, key: &str, diags: &mut Diagnostics) -> Option<Located> {
        if self.table.get(key).is_none() {
            self.missing(key, diags);
            return None;
        }
        self.str_opt(key, diags)
    }

    /// The number `key`, an integer too, if given; a value of another type is reported.
    pub(super) fn num_opt(&self, key: &str, diags: &mut Diagnostics) -> Option<f64> {
        match self.table.get(key) {
            None => None,
            Some(Node {
                val: Val::Float(f), ..
            }) => Some(*f),
            Some(Node {
                val: Val::Int(i), ..
            }) => Some(*i as f64),
            Some(node) => {
                self.wrong(key, node, &t!("input.type.number"), diags);
                None
            }
        }
    }

    /// The list of strings `key`, empty when not given; items of another type are reported.
    pub(super) fn str_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<Located> {
        let Some(node) = self.table.get(key) else {
            return Vec::new();
        };
        let Val::List(items) = &node.val else {
            self.wrong(key, node, &t!("input.want.school_ids"), diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.val {
                Val::Str(s) => out.push(Located {
                    text: s.clone(),
                    line: item.line,
                }),
                _ => self.wrong(key, item, &t!("input.want.strings"), diags),
            }
        }
        out
    }

    /// The array of tables `[[key]]`.
    pub(super) fn tables(&self, key: &str, diags: &mut Diagnostics) -> Vec<&TomlTable> {
        let Some(node) = self.table.get(key) else {
            return Vec::new();
        };
        let Val::List(items) = &node.val else {
            self.wrong(key, node, &t!("input.want.tables", key = key), diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.val {
                Val::Table(t) => out.push(t),
                _ => self.wrong(key, item, &t!("input.want.table", key = key), diags),
            }
        }
        out
    }
}

/// The reader of the `i`-th (from 0) table of `[[key]]`, its keys checked.
pub(super) fn entry<'a>(
    root: &TableReader<'a>,
    key: &str,
    i: usize,
    t: &'a TomlTable,
    keys: &[&str],
    diags: &mut Diagnostics,
) -> TableReader<'a> {
    let where_ = entry_name(key, i, t);
    t.check_keys(keys, &where_, root.file, diags);
    TableReader {
        file: root.file,
        where_,
        table: t,
    }
}

/// `[[key]]` `id` (name) when the table has a string id, else `[[key]] #n`: HR knows its
/// schools by id and name, not by their order in the file.
pub(super) fn entry_name(key: &str, i: usize, t: &TomlTable) -> String {
    let text = |k: &str| match t.get(k).map(|n| &n.val) {
        Some(Val::Str(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    match (text("id"), text("name")) {
        (Some(id), Some(name)) if name != id => {
            t!("input.entry_named", key = key, id = id, name = name).into_owned()
        }
        (Some(id), _) => t!("input.entry_id", key = key, id = id).into_owned(),
        (None, _) => t!("input.entry_nth", key = key, n = i + 1).into_owned(),
    }
}
