//! The one CSV writer. Every CSV file the tool writes is made here, in one of two styles
//! ([`CsvStyle`]): for a person to open in a spreadsheet (a byte-order mark, text cells
//! escaped against CSV injection), or plain (the synthetic roster `generate` writes).

use std::io;

use serde::Serialize;

use super::escape::{escape_cell, EscapeText};

/// The UTF-8 byte-order mark every CSV we write for people starts with: without it Excel on
/// a Chinese Windows reads the file as GBK and shows names as mojibake. Our readers skip it.
pub const BOM: &str = "\u{feff}";

/// `body` behind the [`BOM`].
pub fn with_bom(body: Vec<u8>) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    out.extend(body);
    out
}

/// How each line of a CSV file ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// `\n`, what we write unless a file we rewrite had `\r\n`.
    Lf,
    /// `\r\n`, kept where the user's own file (a roster `roll` rewrites) had it.
    Crlf,
}

/// The shape of a CSV file beyond its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// The file starts with the [`BOM`].
    pub bom: bool,
    /// Every text cell goes through [`escape_cell`] (numbers of a serialized row never do).
    pub escape: bool,
    /// The line end.
    pub line_end: LineEnd,
}

impl CsvStyle {
    /// A file for people, opened in Excel or WPS: the [`BOM`], text cells escaped, `\n`.
    pub const SPREADSHEET: CsvStyle = CsvStyle {
        bom: true,
        escape: true,
        line_end: LineEnd::Lf,
    };

    /// Neither mark nor escape: cells as given, `\n` (a synthetic roster for tests and
    /// trials, which only our reader reads).
    pub const PLAIN: CsvStyle = CsvStyle {
        bom: false,
        escape: false,
        line_end: LineEnd::Lf,
    };

    /// This style with another line end.
    pub fn line_end(self, line_end: LineEnd) -> CsvStyle {
        CsvStyle { line_end, ..self }
    }
}

/// A CSV file built in memory, record by record: [`record`](Self::record) for a row of text
/// cells (a header too), [`serialize`](Self::serialize) for a row that is a struct, then
/// [`into_bytes`](Self::into_bytes). Quotes where a cell needs them, as the `csv` crate does.
pub struct CsvTable {
    writer: csv::Writer<Vec<u8>>,
    style: CsvStyle,
}

impl CsvTable {
    /// An empty table; its header is the first [`record`](Self::record).
    pub fn new(style: CsvStyle) -> CsvTable {
        CsvTable::build(style, false)
    }

    /// An empty table of struct rows whose header is the field names, written before the
    /// first [`serialize`](Self::serialize)d row (no header when no row comes).
    pub fn with_field_names(style: CsvStyle) -> CsvTable {
        CsvTable::build(style, true)
    }

    fn build(style: CsvStyle, field_names: bool) -> CsvTable {
        let terminator = match style.line_end {
            LineEnd::Lf => csv::Terminator::Any(b'\n'),
            LineEnd::Crlf => csv::Terminator::CRLF,
        };
        let writer = csv::WriterBuilder::new()
            .has_headers(field_names)
            .terminator(terminator)
            .from_writer(Vec::new());
        CsvTable { writer, style }
    }

    /// Writes one row of text cells, each escaped when the style says so.
    pub fn record<I>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let escape = self.style.escape;
        let cells = cells.into_iter().map(|c| {
            let c = c.as_ref();
            if escape {
                escape_cell(c).into_owned()
            } else {
                c.to_string()
            }
        });
        self.writer.write_record(cells).map_err(io::Error::other)
    }

    /// Writes one row that is a struct of plain fields, as serde names them; its text fields
    /// escaped when the style says so, its numbers never.
    pub fn serialize<S: Serialize>(&mut self, row: &S) -> io::Result<()> {
        let done = if self.style.escape {
            self.writer.serialize(EscapeText(row))
        } else {
            self.writer.serialize(row)
        };
        done.map_err(io::Error::other)
    }

    /// The file's bytes: the [`BOM`] if the style has one, then the records.
    pub fn into_bytes(self) -> io::Result<Vec<u8>> {
        let body = self
            .writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        Ok(if self.style.bom { with_bom(body) } else { body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_csv_has_a_bom_and_escaped_cells() {
        let mut t = CsvTable::new(CsvStyle::SPREADSHEET);
        t.record(["id", "note"]).unwrap();
        t.record(["A", "=1+1"]).unwrap();
        let bytes = t.into_bytes().unwrap();
        assert_eq!(bytes, "\u{feff}id,note\nA,'=1+1\n".as_bytes());
    }

    #[test]
    fn a_plain_csv_keeps_its_cells_and_crlf_is_an_option() {
        let mut t = CsvTable::new(CsvStyle::PLAIN.line_end(LineEnd::Crlf));
        t.record(["=x", "a, b"]).unwrap();
        assert_eq!(t.into_bytes().unwrap(), b"=x,\"a, b\"\r\n");
    }

    #[derive(Serialize)]
    struct Row {
        name: String,
        value: Option<f64>,
    }

    #[test]
    fn struct_rows_are_headed_by_their_field_names() {
        let mut t = CsvTable::with_field_names(CsvStyle::SPREADSHEET);
        let row = |name: &str, value| Row {
            name: name.into(),
            value,
        };
        t.serialize(&row("@a", Some(-1.5))).unwrap();
        t.serialize(&row("b", None)).unwrap();
        let text = String::from_utf8(t.into_bytes().unwrap()).unwrap();
        assert_eq!(text, "\u{feff}name,value\n'@a,-1.5\nb,\n");
        let empty = CsvTable::with_field_names(CsvStyle::SPREADSHEET);
        assert_eq!(empty.into_bytes().unwrap(), BOM.as_bytes());
    }
}
