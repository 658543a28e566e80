//! This year's roster as `roll` reads it: exactly the table the scenario reader reads. A
//! workbook's sheet is the one the reader chooses (`staff_sheet`, else the first with a
//! header: `input::sheet::chosen_sheet`), and in a workbook or a CSV file the header, the
//! people and the total and note rows are the reader's ([`crate::input::records::table::layout`],
//! with `staff_header_row`), so that `roll` never rolls a title as a header or a 合计 row as
//! a person. Inline `[[staff]]` tables are read as they are, header first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_i18n::t;
use toml_edit::{DocumentMut, Item};

use super::roster_table::{csv_records, Kind, ReadRow, RosterTable, STAFF_REQUIRED};
use super::scenario_rewrite::inline_staff_csv;
use super::workbook::{read_kinds, SheetAt};
use crate::error::{Diagnostics, InputError};
use crate::input::records::table::{HeaderAt, Spec, TextRow};
use crate::input::sheet::{chosen_sheet, is_workbook, Wanted};
use crate::write::folder_of;

/// This year's roster as `roll` reads it.
pub(super) struct Roster {
    /// Its rows, as the reader reads them.
    pub(super) table: RosterTable,
    /// The file it is in; `None` for inline `[[staff]]`.
    pub(super) file: Option<PathBuf>,
    /// A workbook's sheet, and whether the scenario names it (`staff_sheet`).
    pub(super) sheet: Option<(SheetAt, bool)>,
}

/// The roster: the file the scenario names, or its inline `[[staff]]` as CSV.
pub(super) fn read_roster(scenario: &Path, toml: &str) -> Result<Roster, InputError> {
    let fail = |code, file: &Path, cause: String| {
        InputError::single(code, file, None, cause, t!("tools.roll.validate_first"))
    };
    if let Some(csv) = inline_staff_csv(toml).map_err(|e| fail("E1002", scenario, e))? {
        let (rows, _) = csv_records(&csv).map_err(|e| fail("E1002", scenario, e))?;
        // The reader reads inline tables as they are: no title, no totals.
        return Ok(Roster {
            table: table_of(scenario, rows, &Spec::default())?,
            file: None,
            sheet: None,
        });
    }
    let doc: DocumentMut = toml
        .strip_prefix('\u{feff}')
        .unwrap_or(toml)
        .parse()
        .map_err(|e| fail("E1002", scenario, format!("{e}")))?;
    let key = |k: &str| doc.get("scenario").and_then(|s| s.get(k));
    let rel = (key("staff").and_then(Item::as_str))
        .ok_or_else(|| fail("E1005", scenario, t!("tools.roll.no_staff").into()))?;
    let path = folder_of(scenario).join(rel);
    let header_row = key("staff_header_row").and_then(Item::as_integer);
    let spec = Spec {
        required: STAFF_REQUIRED,
        header_at: header_row.filter(|&n| n >= 1).map(|n| HeaderAt {
            row: n as usize,
            key: "staff_header_row",
            file: scenario,
            line: key_line(toml, "staff_header_row"),
        }),
    };
    if is_workbook(&path) {
        let sheet = key("staff_sheet").and_then(Item::as_str);
        let wanted = sheet.map(|name| Wanted {
            key: "staff_sheet",
            name,
            file: scenario,
            line: key_line(toml, "staff_sheet"),
        });
        let (at, rows) = sheet_rows(&path, wanted.as_ref(), &spec)?;
        return Ok(Roster {
            table: table_of(&path, rows, &spec)?,
            file: Some(path),
            sheet: Some((at, sheet.is_some())),
        });
    }
    let text = csv_text(&path)?;
    let (rows, crlf) = csv_records(&text).map_err(|e| fail("E1010", &path, e))?;
    let table = table_of(&path, rows, &spec)?.with_crlf(crlf);
    Ok(Roster {
        table,
        file: Some(path),
        sheet: None,
    })
}

/// The rows of the sheet the reader reads, each with the kind of its cells (for writing the
/// rolled sheet back as it was typed), and where the sheet's cells start.
fn sheet_rows(
    path: &Path,
    wanted: Option<&Wanted<'_>>,
    spec: &Spec<'_>,
) -> Result<(SheetAt, Vec<ReadRow>), InputError> {
    let mut d = Diagnostics::default();
    let Some((name, rows)) = chosen_sheet(path, wanted, spec, &mut d) else {
        return Err(failed(d, path));
    };
    let (at, mut kinds): (SheetAt, HashMap<usize, Vec<Kind>>) =
        read_kinds(path, &name).map_err(|e| {
            let cause = t!("tools.roll.cannot_read_roster", error = e);
            InputError::single("E1010", path, None, cause, t!("tools.roll.validate_first"))
        })?;
    let rows = (rows.into_iter())
        .map(|TextRow { line, cells }| ReadRow {
            kinds: kinds.remove(&line).unwrap_or_default(),
            line,
            cells,
        })
        .collect();
    Ok((at, rows))
}

/// The table of `rows` as the reader reads it; the reader's own errors when it finds none.
fn table_of(path: &Path, rows: Vec<ReadRow>, spec: &Spec<'_>) -> Result<RosterTable, InputError> {
    let mut d = Diagnostics::default();
    RosterTable::of_rows(path, rows, spec, &mut d).ok_or_else(|| failed(d, path))
}

/// The errors the reader reported, or one saying the roster has no header.
fn failed(d: Diagnostics, path: &Path) -> InputError {
    match d.into_result(()) {
        Err(e) => e,
        Ok(()) => InputError::single(
            "E1005",
            path,
            None,
            t!("tools.roll.no_header"),
            t!("tools.roll.validate_first"),
        ),
    }
}

/// A CSV roster's text as the reader reads it: UTF-8, else GB18030 (what Excel and WPS save
/// as "CSV" on a Chinese Windows). The rolled roster is written in UTF-8 with a byte-order
/// mark, which the same programs read.
fn csv_text(path: &Path) -> Result<String, InputError> {
    let fail = |code, e: String| {
        let cause = t!("tools.roll.cannot_read_roster", error = e);
        InputError::single(code, path, None, cause, t!("tools.roll.validate_first"))
    };
    let bytes = std::fs::read(path).map_err(|e| fail("E1001", e.to_string()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(e.as_bytes())
            .map(|t| t.into_owned())
            .ok_or_else(|| fail("E1010", t!("input.bad_encoding").into_owned())),
    }
}

/// The line of `key = …` in the scenario's text, for a message about it (1 when not found).
fn key_line(toml: &str, key: &str) -> usize {
    let at = toml.lines().position(|l| {
        l.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    at.map_or(1, |i| i + 1)
}
