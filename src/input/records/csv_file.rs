//! Reading a roster or distance file: a CSV in UTF-8 or GB18030, or a workbook's first sheet.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_i18n::t;

use super::cells::{pass_record, Cells};
use super::header_row::match_headers;
use super::row_source::Src;
use crate::error::Diagnostics;
use crate::input::line_index::LineIndex;
use crate::input::sheet;

/// Reads a CSV (UTF-8 with or without the byte-order mark Excel writes, or GBK/GB18030; LF or
/// CRLF line ends; any column order);
/// calls `row` for each data row with its cells and line. Returns the number of data rows.
pub(crate) fn read_csv(
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
    mut row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    if sheet::is_workbook(path) {
        return sheet::read_sheet(path, required, diags, row);
    }
    let Some(text) = read_text(path, diags) else {
        return 0;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let Some(headers) = headers(&mut reader, path, required, diags) else {
        return 0;
    };
    let file: Arc<Path> = Arc::from(PathBuf::from(path).as_path());
    let lines = LineIndex::new(text);
    let mut count = 0;
    for rec in reader.records() {
        match rec {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) => {
                let src = Src {
                    file: file.clone(),
                    line: line_at(text, &lines, r.position()),
                };
                pass_record(&r, &headers, src, diags, &mut row);
                count += 1;
            }
            Err(e) => diags.push(
                "E1010",
                path,
                e.position().map(|p| line_at(text, &lines, Some(p))),
                t!("input.row_unreadable", error = e),
                t!("input.row_unreadable_fix"),
            ),
        }
    }
    count
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

/// The header row's names, trimmed and lowercased, a known column's alias (工号, 学校, ...)
/// replaced by its field name; `None`, reported, when it cannot be read, names a column
/// twice or lacks a required column.
fn headers(
    reader: &mut csv::Reader<&[u8]>,
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    match reader.headers() {
        Ok(h) => match_headers(h.iter().collect(), 1, path, required, diags),
        Err(e) => {
            diags.push(
                "E1010",
                path,
                Some(1),
                t!("input.header_unreadable", error = e),
                t!("input.header_unreadable_fix"),
            );
            None
        }
    }
}
