//! A roster kept as a workbook rolls into a workbook: the sheet of the same name, the same
//! columns in the same order under the same headers, and every cell of the kind it was. The
//! rules work on the cells as text, as the reader reads them; this file reads what kind each
//! cell was (text, number, yes/no, date) and writes the rolled rows back with those kinds,
//! so that an id or a 身份证号 typed as text stays text and is never rounded as a number.
//! `.xls` and `.ods` rosters roll into `.xlsx`, the one workbook format the tool writes.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Dimensions, Reader, Sheets};
use rust_i18n::t;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::roster_table::{Kind, RosterTable};
use crate::input::columns::{field_of, Table};

/// The roster's sheet as `roll` writes it back: its name and the column its cells start in.
#[derive(Debug, Clone)]
pub(super) struct SheetAt {
    /// The sheet's name in the workbook.
    pub(super) name: String,
    /// The column of the first used cell (0-based), where each row's first cell goes.
    pub(super) first_col: u32,
    /// The sheet's merged cells (a title merged across the table, a grouped header), where
    /// calamine reads them (`.xlsx`, `.xls`; not `.ods`).
    pub(super) merged: Vec<Dimensions>,
}

/// The sheet called `name` (as the reader chose it): where its cells start, and the kind of
/// every cell of its non-empty rows by row number (1-based, as the spreadsheet program and
/// the reader number rows). An error says why the sheet cannot be read.
pub(super) fn read_kinds(
    path: &Path,
    name: &str,
) -> Result<(SheetAt, HashMap<usize, Vec<Kind>>), String> {
    let mut book =
        open_workbook_auto(path).map_err(|e| t!("input.workbook_unopenable", error = e))?;
    let range = book
        .worksheet_range(name)
        .map_err(|e| t!("input.sheet_unreadable_any", error = e))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    // Merges only change how the cells look: a workbook whose merges cannot be read rolls
    // without them.
    let merged = match &mut book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    // The rows the reader keeps: those with a cell that is not blank.
    let kinds = (range.rows().enumerate())
        .filter(|(_, cells)| !cells.iter().all(blank))
        .map(|(i, cells)| (first_row as usize + 1 + i, cells.iter().map(kind).collect()))
        .collect();
    let at = SheetAt {
        name: name.to_string(),
        first_col,
        merged,
    };
    Ok((at, kinds))
}

/// True for a cell the reader reads as blank text.
fn blank(d: &Data) -> bool {
    match d {
        Data::Empty | Data::Error(_) => true,
        Data::String(s) | Data::DurationIso(s) => s.trim().is_empty(),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).trim().is_empty(),
        Data::Int(_) | Data::Float(_) | Data::Bool(_) | Data::DateTime(_) => false,
    }
}

/// What kind of cell `d` is.
fn kind(d: &Data) -> Kind {
    match d {
        Data::Empty | Data::Error(_) => Kind::Empty,
        Data::String(_) | Data::DurationIso(_) => Kind::Text,
        Data::Int(i) => Kind::Number(*i as f64),
        Data::Float(f) => Kind::Number(*f),
        Data::Bool(b) => Kind::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => Kind::Date(d.as_f64()),
        Data::DateTime(d) => Kind::Number(d.as_f64()),
        Data::DateTimeIso(_) => Kind::IsoDate,
    }
}

/// The fields whose cells are numbers: a cell a rule fills where the sheet had none is a
/// number there when its column holds no text.
const NUMBER_FIELDS: &[&str] = &[
    "years_at_school",
    "retire_year",
    "exchange_start",
    "last_return_year",
    "assign_year",
    "home_lat",
    "home_lon",
];

/// Whether a cell a rule fills where the sheet had none is written as a number: never in a
/// column with a text cell; in a column with number or date cells; else by its field.
fn number_column(t: &RosterTable, c: usize) -> bool {
    // The people's cells only: a total or note row says what it likes.
    let kinds = || {
        (t.kinds.iter().zip(&t.people))
            .filter(|(_, &person)| person)
            .filter_map(|(r, _)| r.get(c))
    };
    if kinds().any(|k| *k == Kind::Text) {
        return false;
    }
    if kinds().any(|k| matches!(k, Kind::Number(_) | Kind::Date(_) | Kind::IsoDate)) {
        return true;
    }
    let h = &t.header[c];
    let field = field_of(Table::Staff, h).unwrap_or(h.as_str());
    NUMBER_FIELDS.contains(&field.trim().to_lowercase().as_str())
}

/// The rolled table as an `.xlsx` workbook of one sheet named as the roster's: the rows above
/// the header and the header where they stood, each cell of the kind it was; the rows below
/// it, each cell of the kind the sheet had it (a cell a rule changed keeps a text cell's kind,
/// and is a number where a number was).
pub(super) fn to_xlsx(t: &RosterTable, sheet: &SheetAt) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    write_sheet(ws, t, sheet).map_err(|e| e.to_string())?;
    wb.save_to_buffer().map_err(|e| e.to_string())
}

fn write_sheet(ws: &mut Worksheet, t: &RosterTable, sheet: &SheetAt) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let c0 = sheet.first_col as usize;
    let col = |c: usize| u16::try_from(c0 + c).map_err(|_| XlsxError::RowColumnLimitError);
    let row =
        |line: usize| u32::try_from(line.max(1) - 1).map_err(|_| XlsxError::RowColumnLimitError);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let r0 = row(t.header_line)?;
    // The merges above the header (a title across the table, a grouped header) stay: those
    // rows stay where they were. Below it rows move (retirees leave), so merges there go.
    for m in sheet
        .merged
        .iter()
        .filter(|m| m.end.0 < r0 && m.start != m.end)
    {
        let narrow = |c: u32| u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError);
        let (top, left) = (m.start.0, narrow(m.start.1)?);
        ws.merge_range(top, left, m.end.0, narrow(m.end.1)?, "", &Format::new())?;
    }
    // Each cell above the header as it was (a merged range's first cell too, over the
    // range's empty text).
    for r in &t.above {
        for (c, (text, kind)) in r.cells.iter().zip(&r.kinds).enumerate() {
            let cell = Cell {
                text,
                kind: *kind,
                same: true,
                number_column: false,
            };
            cell.write(ws, row(r.line)?, col(c)?, &date)?;
        }
    }
    for (c, h) in t.header.iter().enumerate() {
        ws.write_string(r0, col(c)?, h)?;
    }
    let numbers: Vec<bool> = (0..t.header.len()).map(|c| number_column(t, c)).collect();
    for (i, cells) in t.rows.iter().enumerate() {
        let r = r0 + 1 + i as u32;
        for (c, text) in cells.iter().enumerate() {
            let kind = t.kinds.get(i).and_then(|k| k.get(c)).copied();
            let same = t.original.get(i).and_then(|o| o.get(c)) == Some(text);
            let cell = Cell {
                text,
                kind: kind.unwrap_or(Kind::Empty),
                same,
                number_column: numbers.get(c).copied().unwrap_or(false),
            };
            cell.write(ws, r, col(c)?, &date)?;
        }
    }
    ws.autofit();
    Ok(())
}

/// One cell to write: its text after the rules, the kind the sheet had it, whether the text
/// is still what the sheet said, and whether its column takes numbers.
struct Cell<'a> {
    text: &'a str,
    kind: Kind,
    same: bool,
    number_column: bool,
}

impl Cell<'_> {
    fn write(&self, ws: &mut Worksheet, r: u32, c: u16, date: &Format) -> Result<(), XlsxError> {
        let text = self.text;
        let number = || text.trim().parse::<f64>().ok().filter(|f| f.is_finite());
        match (self.kind, self.same) {
            // Text stays text, whatever it looks like: ids, 身份证号, codes with zeros.
            (Kind::Text, _) if !text.is_empty() => ws.write_string(r, c, text).map(drop),
            (_, _) if text.trim().is_empty() => Ok(()),
            (Kind::Number(f), true) => ws.write_number(r, c, f).map(drop),
            (Kind::Bool(b), true) => ws.write_boolean(r, c, b).map(drop),
            (Kind::Date(serial), true) => ws.write_number_with_format(r, c, serial, date).map(drop),
            (Kind::IsoDate, true) => match ExcelDateTime::parse_from_str(text) {
                Ok(d) => ws.write_datetime_with_format(r, c, d, date).map(drop),
                Err(_) => ws.write_string(r, c, text).map(drop),
            },
            // A cell a rule wrote: a number where a number (or date) was, or in an empty cell
            // of a column of numbers; text otherwise.
            (kind, _) => {
                let was_number = matches!(kind, Kind::Number(_) | Kind::Date(_) | Kind::IsoDate);
                match number() {
                    Some(f) if was_number || (kind == Kind::Empty && self.number_column) => {
                        ws.write_number(r, c, f).map(drop)
                    }
                    _ => ws.write_string(r, c, text).map(drop),
                }
            }
        }
    }
}
