//! A TOML document as an owned tree in which every key and value knows its line, so that
//! checks made long after parsing can still point the user at the right line.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use rust_i18n::t;

use super::did_you_mean::suggest;
use super::line_index::LineIndex;
use crate::error::Diagnostics;

/// A TOML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float (also `inf` and `nan`).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// An array, each item with its line.
    List(Vec<Node>),
    /// A table.
    Table(TomlTable),
}

/// A value and the line it stands on.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub val: Val,
    /// Its line, from 1.
    pub line: usize,
}

/// Keys in file order, each with the line of the key itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TomlTable {
    /// The keys and their values, in file order.
    pub entries: Vec<(String, Node)>,
    /// The line of the table's header (1 for the document).
    pub line: usize,
}

impl Val {
    /// The type in words, for messages ("a string", "an integer"...).
    pub fn type_name(&self) -> String {
        match self {
            Val::Str(_) => t!("input.type.string"),
            Val::Int(_) => t!("input.type.integer"),
            Val::Float(_) => t!("input.type.number"),
            Val::Bool(_) => t!("input.type.boolean"),
            Val::List(_) => t!("input.type.list"),
            Val::Table(_) => t!("input.type.table"),
        }
        .into_owned()
    }

    /// A scalar as the text a CSV cell would hold, so inline tables and CSV rows share one
    /// reader.
    pub fn as_cell(&self) -> Option<String> {
        match self {
            Val::Str(s) => Some(s.clone()),
            Val::Int(i) => Some(i.to_string()),
            Val::Float(f) => Some(f.to_string()),
            Val::Bool(b) => Some(b.to_string()),
            Val::List(items) => {
                let parts: Option<Vec<String>> = items.iter().map(|n| n.val.as_cell()).collect();
                parts.map(|p| p.join(";"))
            }
            Val::Table(_) => None,
        }
    }
}

fn convert_value(lines: &LineIndex, v: &DeValue<'_>, line: usize) -> Result<Val, String> {
    Ok(match v {
        DeValue::String(s) => Val::Str(s.to_string()),
        DeValue::Integer(i) => {
            let parsed = i64::from_str_radix(i.as_str(), i.radix())
                .map_err(|_| t!("input.toml_int_too_big", value = i.as_str()).into_owned())?;
            Val::Int(parsed)
        }
        DeValue::Float(f) => {
            let s = f.as_str().replace('_', "");
            let parsed = match s.as_str() {
                "inf" | "+inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" | "+nan" | "-nan" => f64::NAN,
                _ => s
                    .parse::<f64>()
                    .map_err(|_| t!("input.toml_bad_number", value = f.as_str()).into_owned())?,
            };
            Val::Float(parsed)
        }
        DeValue::Boolean(b) => Val::Bool(*b),
        DeValue::Datetime(_) => return Err(t!("input.toml_datetime").into_owned()),
        DeValue::Array(items) => {
            let mut out = Vec::new();
            for item in items.iter() {
                let l = lines.of(item.span().start);
                out.push(Node {
                    val: convert_value(lines, item.get_ref(), l)?,
                    line: l,
                });
            }
            Val::List(out)
        }
        DeValue::Table(t) => Val::Table(convert_table(lines, t, line)?),
    })
}

fn convert_table(lines: &LineIndex, t: &DeTable<'_>, line: usize) -> Result<TomlTable, String> {
    let mut entries = Vec::with_capacity(t.len());
    for (k, v) in t.iter() {
        let key_line = lines.of(k.span().start);
        let val = convert_value(lines, v.get_ref(), key_line)?;
        entries.push((
            k.get_ref().to_string(),
            Node {
                val,
                line: key_line,
            },
        ));
    }
    Ok(TomlTable { entries, line })
}

/// Reads and parses a TOML file: an unreadable file is E1001 (`what` names it, `action`
/// says what to do), a syntax error E1002 with its line.
pub fn read_file(
    path: &Path,
    what: &str,
    action: &str,
    diags: &mut Diagnostics,
) -> Option<TomlTable> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                "E1001",
                path,
                None,
                t!("input.cannot_read", what = what, error = e),
                action,
            );
            return None;
        }
    };
    parse(&text, path, diags)
}

/// Parses TOML text; a syntax error becomes E1002 with its line.
pub fn parse(text: &str, file: &Path, diags: &mut Diagnostics) -> Option<TomlTable> {
    match DeTable::parse(text) {
        Ok(table) => match convert_table(&LineIndex::new(text), table.get_ref(), 1) {
            Ok(t) => Some(t),
            Err(cause) => {
                diags.push("E1004", file, None, cause, t!("input.toml_plain_fix"));
                None
            }
        },
        Err(e) => {
            let line = e.span().map(|s| LineIndex::new(text).of(s.start));
            let msg = e.message().trim().to_string();
            diags.push(
                "E1002",
                file,
                line,
                t!("input.toml_syntax", message = msg),
                t!("input.toml_syntax_fix"),
            );
            None
        }
    }
}

impl TomlTable {
    /// The value of `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, n)| n)
    }

    /// Reports every key not in `known` (E1003), with the nearest known key as a hint:
    /// a typo must never silently fall back to a default.
    pub fn check_keys(&self, known: &[&str], where_: &str, file: &Path, diags: &mut Diagnostics) {
        for (k, n) in &self.entries {
            if !known.contains(&k.as_str()) {
                diags.push(
                    "E1003",
                    file,
                    Some(n.line),
                    t!("input.unknown_key", key = k, place = where_),
                    suggest(k, known),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_follow_keys_and_array_items() {
        let text = "a = 1\n[t]\nb = \"x\"\nlist = [\n  \"p\",\n  \"q\",\n]\n";
        let mut d = Diagnostics::default();
        let t = parse(text, Path::new("f.toml"), &mut d).unwrap();
        assert!(d.is_empty());
        assert_eq!(t.get("a").unwrap().line, 1);
        let Val::Table(inner) = &t.get("t").unwrap().val else {
            panic!()
        };
        assert_eq!(inner.get("b").unwrap().line, 3);
        let Val::List(items) = &inner.get("list").unwrap().val else {
            panic!()
        };
        assert_eq!(items[1].line, 6);
    }

    #[test]
    fn syntax_error_has_line() {
        let mut d = Diagnostics::default();
        assert!(parse("a = 1\nb = \n", Path::new("f.toml"), &mut d).is_none());
        assert_eq!(d.0[0].code, "E1002");
        assert_eq!(d.0[0].line, Some(2));
    }
}
