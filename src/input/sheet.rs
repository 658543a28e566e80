//! Rosters and distance tables kept as workbooks (`.xlsx`, `.xls`, `.ods`): the rows of the
//! first sheet, or of the sheet the scenario names (`staff_sheet`, `distances_sheet`), become
//! the same text cells a CSV export would hold, and go through the CSV row reader
//! (src/input/records/), header matching and all, with the sheet's row numbers as lines.

use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook_auto, Data, Range, Reader};

use super::records::cells::{pass_record, Cells};
use super::records::header_row::match_headers;
use super::records::row_source::Src;
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

/// Reads the workbook's first sheet like a CSV ([`super::records::read_csv`]): its first
/// non-empty row names the columns, every later non-empty row is handed to `row`. Returns the
/// number of data rows.
pub(crate) fn read_sheet(
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
    row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    read_named_sheet(path, None, required, diags, row)
}

/// [`read_sheet`] on the sheet `wanted` names, or on the first sheet when it is `None`.
pub(crate) fn read_named_sheet(
    path: &Path,
    wanted: Option<&Wanted<'_>>,
    required: &[&str],
    diags: &mut Diagnostics,
    mut row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    let Some((name, range)) = open_sheet(path, wanted, diags) else {
        return 0;
    };
    // Rows are numbered as the spreadsheet program shows them: the range starts at the first
    // used cell, which need not be on row 1.
    let first_row = range.start().map_or(0, |(r, _)| r as usize) + 1;
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i, cells.iter().map(cell_text).collect()))
        .filter(|(_, texts): &(usize, Vec<String>)| texts.iter().any(|c| !c.trim().is_empty()));
    let Some((header_line, names)) = rows.next() else {
        no_rows(path, &name, wanted.is_some(), diags);
        return 0;
    };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some(headers) = match_headers(names, header_line, path, required, diags) else {
        return 0;
    };
    let file: Arc<Path> = Arc::from(path);
    let mut count = 0;
    for (line, texts) in rows {
        let src = Src {
            file: file.clone(),
            line,
        };
        pass_record(&texts, &headers, src, diags, &mut row);
        count += 1;
    }
    count
}

/// The wanted (or first) sheet's name and cells; `None`, reported, when the workbook cannot be
/// opened, has no sheet or none of the wanted name.
fn open_sheet(
    path: &Path,
    wanted: Option<&Wanted<'_>>,
    diags: &mut Diagnostics,
) -> Option<(String, Range<Data>)> {
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
    let at = match wanted {
        None => 0,
        Some(w) => match find_sheet(&names, w.name) {
            Some(i) => i,
            None => return no_such_sheet(path, w, &names, diags),
        },
    };
    let name = names.get(at).cloned().unwrap_or_default();
    match book.worksheet_range_at(at) {
        Some(Ok(range)) => Some((name, range)),
        Some(Err(e)) => fail(
            diags,
            "E1010",
            t!("input.sheet_unreadable", sheet = name, error = e).into(),
        ),
        None => fail(diags, "E1010", t!("input.workbook_no_sheet").into()),
    }
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

/// The rows of the workbook's first sheet, or of the sheet called `sheet`, as the CSV text a
/// spreadsheet program would export (cells as [`read_sheet`] reads them), for `roll`, which
/// rewrites a roster as text. An error says why the sheet cannot be read.
pub(crate) fn sheet_as_csv(path: &Path, sheet: Option<&str>) -> Result<String, String> {
    let mut book =
        open_workbook_auto(path).map_err(|e| t!("input.workbook_unopenable", error = e))?;
    let names = book.sheet_names();
    let at = match sheet {
        None => 0,
        Some(s) => {
            find_sheet(&names, s).ok_or_else(|| t!("input.workbook_lacks_sheet", sheet = s))?
        }
    };
    let range = book
        .worksheet_range_at(at)
        .ok_or_else(|| t!("input.workbook_no_sheet"))?
        .map_err(|e| t!("input.sheet_unreadable_any", error = e))?;
    let mut w = csv::Writer::from_writer(Vec::new());
    for cells in range.rows() {
        let texts: Vec<String> = cells.iter().map(cell_text).collect();
        if texts.iter().any(|c| !c.trim().is_empty()) {
            w.write_record(&texts).map_err(|e| e.to_string())?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
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
