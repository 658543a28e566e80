//! The roster as `roll` edits it: CSV records by header name, so columns the reader does not
//! know (HR exports carry many), their order, a byte-order mark and CRLF line ends survive;
//! and, for a roster kept as a workbook, the kind of each cell as the sheet held it
//! ([`Kind`]), so that a text cell (an id, a 身份证号) is written back as text.

use rust_i18n::t;

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

/// A CSV file as header and records of text cells (as the user meant them, unescaped), and
/// its line ends.
pub(super) struct RosterTable {
    crlf: bool,
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
    /// The line each row starts on, for messages.
    pub(super) lines: Vec<usize>,
    /// A workbook's rows as read, cell for cell: the kinds of [`Self::original`]'s cells.
    /// Both are empty for a CSV roster.
    pub(super) kinds: Vec<Vec<Kind>>,
    /// A workbook's cells as read, before any rule changed them (a cell is written back as
    /// the kind it had only while it says what it said).
    pub(super) original: Vec<Vec<String>>,
}

impl RosterTable {
    /// Reads a roster's text: a byte-order mark skipped, each cell as the user meant it
    /// (the CSV-injection escape taken off), short rows filled to the header's width.
    pub(super) fn parse(text: &str) -> Result<RosterTable, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut all = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| t!("tools.roll.roster_unreadable", error = e))?;
            let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
            let cells = rec
                .iter()
                .map(|c| crate::input::records::unescape_cell(c).to_string());
            all.push((line, cells.collect::<Vec<_>>()));
        }
        let mut all = all.into_iter();
        let (_, header) = all.next().ok_or_else(|| t!("tools.roll.no_header"))?;
        let (lines, rows) = all
            .map(|(line, mut r)| {
                // A cell beyond the header has no column name: the reader never sees it.
                r.resize(header.len(), String::new());
                (line, r)
            })
            .unzip();
        Ok(RosterTable {
            crlf,
            header,
            rows,
            lines,
            kinds: Vec::new(),
            original: Vec::new(),
        })
    }

    /// The table of a workbook sheet: `text` its cells as the reader reads them (CSV text),
    /// `kinds` each cell's kind, row for row of the sheet's non-empty rows (the header
    /// first). An error when the two do not line up.
    pub(super) fn of_sheet(text: &str, kinds: Vec<Vec<Kind>>) -> Result<RosterTable, String> {
        let mut t = RosterTable::parse(text)?;
        let data = kinds.into_iter().skip(1).collect::<Vec<_>>();
        if data.len() != t.rows.len() {
            return Err(format!(
                "{} rows read as text, {} with their kinds",
                t.rows.len(),
                data.len()
            ));
        }
        let width = t.header.len();
        t.kinds = (data.into_iter())
            .map(|mut k| {
                k.resize(width, Kind::Empty);
                k
            })
            .collect();
        t.original = t.rows.clone();
        Ok(t)
    }

    /// Keeps the rows whose flag is true (a row without a flag too).
    pub(super) fn keep(&mut self, flags: &[bool]) {
        retain_flagged(&mut self.rows, flags);
        retain_flagged(&mut self.lines, flags);
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

    /// Sets a cell, appending the column when the roster lacks it.
    pub(super) fn set(&mut self, r: usize, name: &str, value: String) {
        let i = self.col(name).unwrap_or_else(|| {
            self.header.push(name.to_string());
            self.rows.iter_mut().for_each(|row| row.push(String::new()));
            self.original
                .iter_mut()
                .for_each(|row| row.push(String::new()));
            self.kinds.iter_mut().for_each(|row| row.push(Kind::Empty));
            self.header.len() - 1
        });
        self.rows[r][i] = value;
    }

    /// The file again: the header and rows, in the line ends read, with a byte-order mark
    /// and every cell escaped (a number stays as it is, a formula-like text is escaped).
    pub(super) fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let line_end = if self.crlf {
            LineEnd::Crlf
        } else {
            LineEnd::Lf
        };
        let mut csv = CsvTable::new(CsvStyle::SPREADSHEET.line_end(line_end));
        let bad = |e: std::io::Error| e.to_string();
        csv.record(&self.header).map_err(bad)?;
        for r in &self.rows {
            csv.record(r).map_err(bad)?;
        }
        csv.into_bytes().map_err(bad)
    }
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
