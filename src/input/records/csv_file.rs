//! Reading a roster or distance file: a CSV in UTF-8 or GB18030, or a workbook's first sheet.

use std::path::Path;

use rust_i18n::t;

use super::cells::Cells;
use super::table::{read_rows, Spec, TextRow};
use crate::error::Diagnostics;
use crate::input::line_index::LineIndex;
use crate::input::sheet;

/// Reads a CSV (UTF-8 with or without the byte-order mark Excel writes, or GBK/GB18030; LF or
/// CRLF line ends; any column order), or a workbook's roster sheet, as a table
/// ([`read_table`] with only the required columns given).
pub(crate) fn read_csv(
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
    row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    let spec = Spec {
        required,
        header_at: None,
    };
    read_table(path, &spec, diags, row)
}

/// Reads a CSV or a workbook's sheet as a table ([`super::table::read_rows`]: the header
/// found below any title, totals skipped, every column said); calls `row` for each data row
/// with its cells and line. Returns the number of data rows.
pub(crate) fn read_table(
    path: &Path,
    spec: &Spec<'_>,
    diags: &mut Diagnostics,
    row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    if sheet::is_workbook(path) {
        return sheet::read_named_sheet(path, None, spec, diags, row);
    }
    let Some(text) = read_text(path, diags) else {
        return 0;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let rows = text_rows(path, text, diags);
    read_rows(path, rows, spec, diags, row)
}

/// The CSV's non-empty records as text rows with the line each starts on; a record that
/// cannot be read is reported at its line.
fn text_rows(path: &Path, text: &str, diags: &mut Diagnostics) -> Vec<TextRow> {
    let mut rows = Vec::new();
    for rec in lined_records(text) {
        match rec {
            Ok((_, r)) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok((line, r)) => rows.push(TextRow {
                line,
                cells: r.iter().map(str::to_string).collect(),
            }),
            Err((line, e)) => diags.push(
                "E1010",
                path,
                line,
                t!("input.row_unreadable", error = e),
                t!("input.row_unreadable_fix"),
            ),
        }
    }
    rows
}

/// Every record of a CSV text (without its byte-order mark), blank ones too, with the line
/// it starts on; a record that cannot be read, with its line when known. One numbering for
/// the reader and for `roll`, so that `staff_header_row` names the same line in both.
pub(crate) fn lined_records(
    text: &str,
) -> impl Iterator<Item = Result<(usize, csv::StringRecord), (Option<usize>, csv::Error)>> + '_ {
    let reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let lines = LineIndex::new(text);
    reader.into_records().map(move |rec| match rec {
        Ok(r) => Ok((line_at(text, &lines, r.position()), r)),
        Err(e) => Err((e.position().map(|p| line_at(text, &lines, Some(p))), e)),
    })
}

/// The file as text: UTF-8 when it is valid UTF-8, otherwise GB18030 (a superset of GBK,
/// what Excel and WPS save as "CSV" on a Chinese Windows); bytes that are neither are
/// reported at their line.
fn read_text(path: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                "E1001",
                path,
                None,
                t!("input.file_unreadable", error = e),
                t!("input.file_unreadable_fix"),
            );
            return None;
        }
    };
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Some(text),
        Err(e) => e.into_bytes(),
    };
    decode_gb18030(&bytes)
        .map_err(|line| {
            diags.push(
                "E1010",
                path,
                Some(line),
                t!("input.bad_encoding"),
                t!("input.bad_encoding_fix"),
            );
        })
        .ok()
}

/// The bytes decoded as GB18030, or the line of the first byte sequence that is not.
fn decode_gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(1usize)?;
    let mut text = String::with_capacity(room);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        // Cannot happen: the buffer has the room the decoder asked for.
        encoding_rs::DecoderResult::OutputFull => Err(1),
        encoding_rs::DecoderResult::Malformed(..) => Err(text.matches('\n').count() + 1),
    }
}

/// The line a record starts on. The csv crate ends a record at the `\r` of a CRLF and counts
/// the `\n` into the next record, so its own line count, and its byte offset, fall one line
/// short: skip the line end the offset may stand on.
fn line_at(text: &str, lines: &LineIndex, pos: Option<&csv::Position>) -> usize {
    let Some(p) = pos else { return 0 };
    let start = (p.byte() as usize).min(text.len());
    let skipped = text.as_bytes()[start..]
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    lines.of(start + skipped)
}
