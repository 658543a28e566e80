//! Rosters and distance tables kept as workbooks (`.xlsx`, `.xls`, `.ods`): the rows of the
//! first sheet, or of the sheet the scenario names (`staff_sheet`, `distances_sheet`), become
//! the same text cells a CSV export would hold, and go through the CSV row reader
//! (src/input/records/), header matching and all, with the sheet's row numbers as lines.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};

use super::columns::table_of;
use super::records::cells::Cells;
use super::records::table::{guess_header, read_rows, Spec, TextRow};
use crate::error::Diagnostics;
use rust_i18n::t;

/// The extensions read as workbooks, lowercase.
const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xls", "ods"];

/// True when `path` names a workbook, by its extension in any case.
pub(crate) fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A sheet named in the scenario: the key's name, its value and where it stands, for the
/// message when the workbook has no such sheet.
pub(crate) struct Wanted<'a> {
    /// The key, `staff_sheet` or `distances_sheet`.
    pub key: &'a str,
    /// The sheet's name as written.
    pub name: &'a str,
    /// The scenario file.
    pub file: &'a Path,
    /// The key's line in it.
    pub line: usize,
}

/// Reads the sheet `wanted` names as a table ([`super::records::table::read_rows`]), with the
/// sheet's row numbers as lines: the sheet [`chosen_sheet`] gives. Returns the number of data
/// rows.
pub(crate) fn read_named_sheet(
    path: &Path,
    wanted: Option<&Wanted<'_>>,
    spec: &Spec<'_>,
    diags: &mut Diagnostics,
    row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    match chosen_sheet(path, wanted, spec, diags) {
        Some((_, rows)) => read_rows(path, rows, spec, diags, row),
        None => 0,
    }
}

/// The sheet the reader reads as a table of `spec`: the one `wanted` names, else the first
/// sheet whose rows hold a header of the table (a roster's first sheet is often a cover or a
/// statistics sheet; when another sheet than the first is read, that is said). Its name and
/// its non-empty rows as text, numbered as the spreadsheet program shows them. `None`,
/// reported, when the workbook cannot be read, lacks the wanted sheet or the sheet is empty.
/// `roll` reads the roster through it too, so both read the same sheet.
pub(crate) fn chosen_sheet(
    path: &Path,
    wanted: Option<&Wanted<'_>>,
    spec: &Spec<'_>,
    diags: &mut Diagnostics,
) -> Option<(String, Vec<TextRow>)> {
    let book = open_book(path, wanted, diags)?;
    let table = table_of(spec.required);
    let at = match book.wanted {
        Some(at) => at,
        None => book
            .sheets
            .iter()
            .position(|(_, rows)| guess_header(rows, table, spec.required).is_some())
            .unwrap_or(0),
    };
    if at > 0 && book.wanted.is_none() {
        diags.info(
            path,
            None,
            t!(
                "reading.sheet_chosen",
                sheet = book.sheets[at].0,
                first = book.sheets[0].0
            ),
        );
    }
    let Some((name, rows)) = book.sheets.into_iter().nth(at) else {
        diags.push(
            "E1010",
            path,
            None,
            t!("input.workbook_no_sheet"),
            t!("input.workbook_fix"),
        );
        return None;
    };
    if rows.is_empty() {
        no_rows(path, &name, wanted.is_some(), diags);
        return None;
    }
    Some((name, rows))
}

/// A workbook's sheets as text rows, and the position of the wanted one.
struct Book {
    /// Each sheet's name and non-empty rows (numbered as the spreadsheet program shows them).
    sheets: Vec<(String, Vec<TextRow>)>,
    /// The sheet the scenario names, when it names one.
    wanted: Option<usize>,
}

/// Opens the workbook and reads every sheet's rows; `None`, reported, when it cannot be
/// opened, has no sheet, a sheet cannot be read or none has the wanted name.
fn open_book(path: &Path, wanted: Option<&Wanted<'_>>, diags: &mut Diagnostics) -> Option<Book> {
    let fail = |diags: &mut Diagnostics, code: &'static str, cause: String| {
        diags.push(code, path, None, cause, t!("input.workbook_fix"));
        None
    };
    if !path.is_file() {
        return fail(diags, "E1001", t!("input.file_missing").into_owned());
    }
    let mut book = match open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                diags,
                "E1010",
                t!("input.workbook_unopenable", error = e).into(),
            )
        }
    };
    let names = book.sheet_names();
    let wanted_at = match wanted {
        None => None,
        Some(w) => match find_sheet(&names, w.name) {
            Some(i) => Some(i),
            None => return no_such_sheet(path, w, &names, diags),
        },
    };
    if names.is_empty() {
        return fail(diags, "E1010", t!("input.workbook_no_sheet").into());
    }
    let mut sheets = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        // Only the wanted sheet, when one is named: another sheet's error is not the user's.
        if wanted_at.is_some_and(|w| w != i) {
            sheets.push((name.clone(), Vec::new()));
            continue;
        }
        match book.worksheet_range_at(i) {
            Some(Ok(range)) => sheets.push((name.clone(), text_rows(&range))),
            Some(Err(e)) => {
                return fail(
                    diags,
                    "E1010",
                    t!("input.sheet_unreadable", sheet = name, error = e).into(),
                )
            }
            None => sheets.push((name.clone(), Vec::new())),
        }
    }
    Some(Book {
        sheets,
        wanted: wanted_at,
    })
}

/// A sheet's non-empty rows as text, numbered as the spreadsheet program shows them: the
/// range starts at the first used cell, which need not be on row 1.
fn text_rows(range: &Range<Data>) -> Vec<TextRow> {
    let first_row = range.start().map_or(0, |(r, _)| r as usize) + 1;
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| TextRow {
            line: first_row + i,
            cells: cells.iter().map(cell_text).collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

/// The position of the sheet called `wanted`: its exact name, else the one name equal to it
/// ignoring case and the spaces around it (Excel itself does not tell such names apart).
fn find_sheet(names: &[String], wanted: &str) -> Option<usize> {
    let loose = |n: &String| n.trim().to_lowercase() == wanted.trim().to_lowercase();
    names
        .iter()
        .position(|n| n == wanted)
        .or_else(|| names.iter().position(loose))
}

/// Reports a sheet name the workbook does not have, at the scenario key, listing its sheets.
fn no_such_sheet<T>(
    path: &Path,
    w: &Wanted<'_>,
    names: &[String],
    diags: &mut Diagnostics,
) -> Option<T> {
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    diags.push(
        "E1038",
        w.file,
        Some(w.line),
        t!(
            "input.no_such_sheet",
            key = w.key,
            sheet = w.name,
            file = file,
            sheets = list.join(", ")
        ),
        t!("input.no_such_sheet_fix", key = w.key),
    );
    None
}

/// Reports a sheet without a single filled row.
fn no_rows(path: &Path, name: &str, named: bool, diags: &mut Diagnostics) {
    let which = if named {
        t!("input.what.the_sheet")
    } else {
        t!("input.what.the_first_sheet")
    };
    diags.push(
        "E1005",
        path,
        Some(1),
        t!("input.sheet_empty", which = which, sheet = name),
        t!("input.sheet_empty_fix", which = which),
    );
}

/// A cell as the text a CSV export would hold: whole numbers without `.0`, other numbers in
/// their shortest exact form, booleans as `true`/`false`, empty and error cells as empty, and
/// dates as `YYYY-MM-DD` (which a year column reads as its year).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Rust prints a whole f64 without `.0` and any other in its shortest round-trip form.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            // calamine handles both the 1900 system (with Lotus's phantom 29 Feb 1900, serial
            // 60) and the 1904 system of old Mac workbooks.
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        // ODS dates arrive as ISO text, `2031-07-01T00:00:00`: keep the date.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn date(serial: f64, is_1904: bool) -> String {
        cell_text(&Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            is_1904,
        )))
    }

    #[test]
    fn excel_date_serials_become_their_dates() {
        // 2031-07-01 is serial 48030 in the 1900 system and 46568 in the 1904 system.
        assert_eq!(date(48030.0, false), "2031-07-01");
        assert_eq!(date(46568.0, true), "2031-07-01");
        assert_eq!(date(60.0, false), "1900-02-29");
        assert_eq!(date(61.0, false), "1900-03-01");
        assert_eq!(date(366.0, false), "1900-12-31");
        assert_eq!(date(367.0, false), "1901-01-01");
    }

    #[test]
    fn numbers_read_as_a_csv_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(12.0)), "12");
        assert_eq!(cell_text(&Data::Float(12.5)), "12.5");
        assert_eq!(cell_text(&Data::Float(31.2304)), "31.2304");
        assert_eq!(cell_text(&Data::Int(2031)), "2031");
        assert_eq!(cell_text(&Data::Bool(true)), "true");
        assert_eq!(cell_text(&Data::Empty), "");
        assert!(is_workbook(Path::new("a/B.XLSX")));
        assert!(is_workbook(Path::new("b.Ods")));
        assert!(!is_workbook(Path::new("b.csv")));
    }
}
