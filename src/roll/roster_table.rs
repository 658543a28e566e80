//! The roster as `roll` edits it: CSV records by header name, so columns the reader does not
//! know (HR exports carry many), their order, a byte-order mark and CRLF line ends survive;
//! and, for a roster kept as a workbook, the kind of each cell as the sheet held it
//! ([`Kind`]), so that a text cell (an id, a 身份证号) is written back as text.

use std::path::Path;

use rust_i18n::t;

use crate::error::Diagnostics;
use crate::input::records::table::{layout, RowRole, Spec, TextRow};
use crate::input::records::unescape_cell;
use crate::write::{CsvStyle, CsvTable, LineEnd};

/// What a workbook cell held before `roll` read it as text: the writer keeps a text cell
/// text whatever it looks like (an 18-digit 身份证号 as a number would lose its last digits),
/// and a number, yes/no or date cell what it was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// No value.
    Empty,
    /// A text cell.
    Text,
    /// A number cell, with its exact value.
    Number(f64),
    /// A TRUE/FALSE cell.
    Bool(bool),
    /// A date cell of `.xlsx`/`.xls`, as its serial number.
    Date(f64),
    /// A date cell of `.ods`, which comes as ISO text.
    IsoDate,
}

/// One row of the roster's file as read: its line (a sheet's row number), its cells as the
/// reader reads them, and for a workbook each cell's kind (empty for a CSV file).
#[derive(Debug, Clone)]
pub(super) struct ReadRow {
    pub(super) line: usize,
    pub(super) cells: Vec<String>,
    pub(super) kinds: Vec<Kind>,
}

impl ReadRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// The roster as the reader reads it: the rows above the header (a title, notes, a grouped
/// header), kept as they are; the header; and the rows below it as text cells (as the user
/// meant them, unescaped), each flagged a person or not (a total, a note, a row without id
/// or name, a blank row), with its line ends.
pub(super) struct RosterTable {
    crlf: bool,
    /// The rows above the header, as read: written back unchanged where they stood.
    pub(super) above: Vec<ReadRow>,
    /// The header's line (a sheet's row number).
    pub(super) header_line: usize,
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
    /// The line each row starts on, for messages.
    pub(super) lines: Vec<usize>,
    /// Whether each row is a person the reader reads; the rules touch and count only those,
    /// and carry the others unchanged.
    pub(super) people: Vec<bool>,
    /// A workbook's rows as read, cell for cell: the kinds of [`Self::original`]'s cells.
    /// Both are empty for a CSV roster.
    pub(super) kinds: Vec<Vec<Kind>>,
    /// A workbook's cells as read, before any rule changed them (a cell is written back as
    /// the kind it had only while it says what it said).
    pub(super) original: Vec<Vec<String>>,
}

/// The columns the scenario reader requires of a roster, which also tell it the table is a
/// roster (src/input/scenario/staff_and_distances.rs reads the roster with these).
pub(super) const STAFF_REQUIRED: &[&str] = &["id", "school", "subject"];

impl RosterTable {
    /// Reads a roster's CSV text: a byte-order mark skipped, each cell as the user meant it
    /// (the CSV-injection escape taken off). The table is found as the reader finds it in a
    /// roster file; text that holds no roster the reader would take (a table without the
    /// required columns) is read with its header first and every row a person.
    pub(super) fn parse(text: &str) -> Result<RosterTable, String> {
        let (records, crlf) = csv_records(text)?;
        let spec = Spec {
            required: STAFF_REQUIRED,
            header_at: None,
        };
        let mut d = Diagnostics::default();
        match RosterTable::of_rows(Path::new("roster.csv"), records.clone(), &spec, &mut d) {
            Some(t) => Ok(t.with_crlf(crlf)),
            None => RosterTable::of_rows(Path::new(""), records, &Spec::default(), &mut d)
                .map(|t| t.with_crlf(crlf))
                .ok_or_else(|| t!("tools.roll.no_header").into()),
        }
    }

    /// The table of `rows` (every record of a CSV file, blank ones too, or the non-empty rows
    /// of a sheet) read as the reader reads a table of `spec` ([`layout`]): the same header,
    /// the same people, the same totals and notes. `None`, reported in `diags`, when the
    /// reader would find no table.
    pub(super) fn of_rows(
        path: &Path,
        rows: Vec<ReadRow>,
        spec: &Spec<'_>,
        diags: &mut Diagnostics,
    ) -> Option<RosterTable> {
        // The reader sees the non-empty rows only, with their cells as written.
        let filled: Vec<usize> = (0..rows.len()).filter(|&i| !rows[i].is_blank()).collect();
        let text_rows: Vec<TextRow> = (filled.iter())
            .map(|&i| TextRow {
                line: rows[i].line,
                cells: rows[i].cells.clone(),
            })
            .collect();
        let found = layout(path, &text_rows, spec, diags)?;
        let at = filled[found.header];
        let mut roles = found.roles.iter();
        let mut rows = rows.into_iter().map(|mut r| {
            r.cells = r
                .cells
                .iter()
                .map(|c| unescape_cell(c).to_string())
                .collect();
            r
        });
        let above: Vec<ReadRow> = rows.by_ref().take(at).collect();
        let header = rows.next()?;
        let width = header.cells.len();
        let mut t = RosterTable {
            crlf: false,
            above,
            header_line: header.line,
            header: header.cells,
            rows: Vec::new(),
            lines: Vec::new(),
            people: Vec::new(),
            kinds: Vec::new(),
            original: Vec::new(),
        };
        let workbook = !header.kinds.is_empty();
        for mut r in rows {
            let person = !r.is_blank() && roles.next() == Some(&RowRole::Read);
            // A cell beyond the header has no column name: the reader never sees a person's.
            // A total or note row keeps all it has.
            let len = if person {
                width
            } else {
                width.max(r.cells.len())
            };
            r.cells.resize(len, String::new());
            r.kinds.resize(len, Kind::Empty);
            t.lines.push(r.line);
            t.people.push(person);
            if workbook {
                t.kinds.push(r.kinds);
                t.original.push(r.cells.clone());
            }
            t.rows.push(r.cells);
        }
        Some(t)
    }

    /// The table, to be written with CRLF line ends when `crlf`.
    pub(super) fn with_crlf(mut self, crlf: bool) -> RosterTable {
        self.crlf = crlf;
        self
    }

    /// Keeps the rows whose flag is true (a row without a flag too).
    pub(super) fn keep(&mut self, flags: &[bool]) {
        retain_flagged(&mut self.rows, flags);
        retain_flagged(&mut self.lines, flags);
        retain_flagged(&mut self.people, flags);
        retain_flagged(&mut self.kinds, flags);
        retain_flagged(&mut self.original, flags);
    }

    /// The column of a field, named as the roster reader names it (trimmed, any case, or
    /// one of its Chinese or English aliases), so a roster headed 本校任教年限 rolls too.
    pub(super) fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| {
            crate::input::columns::field_of(crate::input::columns::Table::Staff, h) == Some(name)
                || h.trim().to_lowercase() == name
        })
    }

    /// The trimmed cell of a field in `row`; empty when the roster lacks the column.
    pub(super) fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.col(name).map(|i| row[i].trim()).unwrap_or("")
    }

    /// Sets a cell, appending the column when the roster lacks it (after the header's last
    /// column: a longer total or note row keeps its cells beyond, shifted right).
    pub(super) fn set(&mut self, r: usize, name: &str, value: String) {
        let i = self.col(name).unwrap_or_else(|| {
            let i = self.header.len();
            self.header.push(name.to_string());
            let widen = |row: &mut Vec<String>| row.insert(i, String::new());
            self.rows.iter_mut().for_each(widen);
            self.original.iter_mut().for_each(widen);
            self.kinds
                .iter_mut()
                .for_each(|row| row.insert(i, Kind::Empty));
            i
        });
        self.rows[r][i] = value;
    }

    /// The file again: the rows above the header, the header and the rows, in the line ends
    /// read, with a byte-order mark and every cell escaped (a number stays as it is, a
    /// formula-like text is escaped). Every record is as wide as the widest (a CSV file's
    /// records have one width; trailing empty cells show as nothing).
    pub(super) fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let line_end = if self.crlf {
            LineEnd::Crlf
        } else {
            LineEnd::Lf
        };
        let mut csv = CsvTable::new(CsvStyle::SPREADSHEET.line_end(line_end));
        let records = (self.above.iter().map(|r| &r.cells))
            .chain([&self.header])
            .chain(&self.rows);
        let width = records.clone().map(Vec::len).max().unwrap_or(0);
        let bad = |e: std::io::Error| e.to_string();
        let empty: Vec<String> = Vec::new();
        // The rows above the header, and the header, on the lines they had: the scenario's
        // `staff_header_row` names a line, and the blank lines between a title and the header
        // (which the CSV reader skips) must not move the header up. A blank line is written
        // as a row of empty cells.
        let mut line = 1;
        let above = self.above.iter().map(|r| (r.line, &r.cells));
        let put = |r: &Vec<String>, csv: &mut CsvTable| {
            let pad = (r.len()..width).map(|_| "");
            csv.record(r.iter().map(String::as_str).chain(pad))
        };
        for (at, cells) in above.chain([(self.header_line, &self.header)]) {
            while line < at {
                put(&empty, &mut csv).map_err(bad)?;
                line += 1;
            }
            put(cells, &mut csv).map_err(bad)?;
            line += 1;
        }
        for r in &self.rows {
            put(r, &mut csv).map_err(bad)?;
        }
        csv.into_bytes().map_err(bad)
    }
}

/// A CSV text's records, blank ones too, each with the line it starts on as the reader
/// numbers lines ([`crate::input::records::lined_records`]), so that `staff_header_row` names
/// the same line; and whether the file ends its lines with CRLF. A byte-order mark is skipped.
pub(super) fn csv_records(text: &str) -> Result<(Vec<ReadRow>, bool), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
    let mut all = Vec::new();
    for rec in crate::input::records::lined_records(text) {
        let (line, rec) = rec.map_err(|(_, e)| t!("tools.roll.roster_unreadable", error = e))?;
        all.push(ReadRow {
            line,
            cells: rec.iter().map(str::to_string).collect(),
            kinds: Vec::new(),
        });
    }
    Ok((all, crlf))
}

/// Keeps the items of `v` whose flag is true, or that have none.
fn retain_flagged<T>(v: &mut Vec<T>, flags: &[bool]) {
    let mut i = 0;
    v.retain(|_| {
        let keep = flags.get(i).copied().unwrap_or(true);
        i += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::records::table::HeaderAt;

    const EXPORT: &str = "\u{feff}2027年花名册,,,\r\n制表单位：人事科,,,\r\n工号,姓名,所在学校,任教学科\r\nA1,甲,s,语文\r\n,,,\r\nA2,乙,s,数学\r\n合计,,共2人,\r\n注：勿外传,,,\r\n";

    #[test]
    fn the_header_people_and_totals_are_the_readers() {
        let t = RosterTable::parse(EXPORT).unwrap();
        assert_eq!(t.header_line, 3);
        assert_eq!(t.above.len(), 2);
        assert_eq!(t.above[0].cells[0], "2027年花名册");
        assert_eq!(t.lines, [4, 5, 6, 7, 8]);
        assert_eq!(t.people, [true, false, true, false, false]);
        // Written back as read: the title and notes above, the totals below, CRLF kept.
        let out = String::from_utf8(t.to_bytes().unwrap()).unwrap();
        assert_eq!(out, EXPORT);
    }

    #[test]
    fn a_header_row_the_scenario_names_is_found_by_its_crlf_line() {
        // Two rows above the header that name known columns: only the key finds the header.
        let text = "工号,学校,学科\r\n必填,必填,必填\r\n工号,所在学校,任教学科\r\nA1,s,语文\r\n";
        let (rows, _) = csv_records(text).unwrap();
        let spec = Spec {
            required: STAFF_REQUIRED,
            header_at: Some(HeaderAt {
                row: 3,
                key: "staff_header_row",
                file: Path::new("s.toml"),
                line: 5,
            }),
        };
        let mut d = Diagnostics::default();
        let t = RosterTable::of_rows(Path::new("r.csv"), rows, &spec, &mut d).unwrap();
        assert_eq!((t.header_line, t.above.len(), t.rows.len()), (3, 2, 1));
        assert_eq!(t.people, [true]);
    }

    #[test]
    fn a_column_a_rule_appends_goes_after_the_header_in_every_row() {
        let mut t = RosterTable::parse("id,school,subject\nA,s,m\n注：x,,,,extra\n").unwrap();
        t.set(0, "exchange_host", "h".into());
        assert_eq!(t.rows[0], ["A", "s", "m", "h"]);
        assert_eq!(t.rows[1], ["注：x", "", "", "", "", "extra"]);
    }
}
