//! The roster as `roll` edits it: CSV records by header name, so columns the reader does not
//! know (HR exports carry many), their order, a byte-order mark and CRLF line ends survive.

use rust_i18n::t;

use crate::write::{CsvStyle, CsvTable, LineEnd};

/// A CSV file as header and records of text cells (as the user meant them, unescaped), and
/// its line ends.
pub(super) struct RosterTable {
    crlf: bool,
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
    /// The line each row starts on, for messages.
    pub(super) lines: Vec<usize>,
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
        })
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
