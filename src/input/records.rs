//! Staff and distance rows, from a CSV file or from inline `[[staff]]`/`[[distances]]` tables:
//! both arrive here as text cells with a line, so they share one reader and one set of errors.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::Post;
use rust_i18n::t;

use crate::error::Diagnostics;

/// The file named in messages about rows and scenarios built in code rather than read.
pub const IN_MEMORY: &str = "(in memory)";

/// Where a row came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Src {
    /// The file the row was read from.
    pub file: Arc<Path>,
    /// Its line in that file.
    pub line: usize,
}

impl Src {
    /// Line `line` of `file`.
    pub fn new(file: impl AsRef<Path>, line: usize) -> Self {
        Src {
            file: Arc::from(file.as_ref()),
            line,
        }
    }

    /// A row built in code: [`IN_MEMORY`], line 0.
    pub fn in_memory() -> Self {
        Src::new(IN_MEMORY, 0)
    }
}

/// A roster row, checked cell by cell but with its school ids not yet resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawStaff {
    /// Where the row came from.
    pub src: Src,
    /// Unique person id.
    pub id: String,
    /// Display name (may be empty).
    pub name: String,
    /// Home school id.
    pub school: String,
    /// Primary subject, a free word such as `math`.
    pub subject: String,
    /// Post (职务).
    pub post: Post,
    /// Holds the backbone title (骨干教师).
    pub backbone: bool,
    /// Whole years at the home school as of the plan year.
    pub years_at_school: i32,
    /// Year of statutory retirement, if known.
    pub retire_year: Option<i32>,
    /// Excused from exchange this horizon.
    pub exempt: bool,
    /// Needs exchange experience for a title promotion.
    pub needs_promotion: bool,
    /// Residence (lat, lon), for the commute distance.
    pub residence: Option<(f64, f64)>,
    /// Preferred host school ids, best first.
    pub preferences: Vec<String>,
    /// Host school id of an exchange under way.
    pub exchange_host: Option<String>,
    /// Start year of that exchange.
    pub exchange_start: Option<i32>,
    /// The year the person last came back from an exchange.
    pub last_return_year: Option<i32>,
    /// Pin: the host HR has decided this person starts an exchange at (`assign_host`).
    pub assign_host: Option<String>,
    /// The year of that pinned start (`assign_year`; the plan year when not given).
    pub assign_year: Option<i32>,
    /// Hosts this person must not be sent to (`avoid_hosts`).
    pub avoid_hosts: Vec<String>,
}

impl RawStaff {
    /// A teacher built in code, with the roster's defaults for every optional column (no
    /// name, no backbone title, 0 years at school, no exchange, ...).
    pub fn new(id: &str, school: &str, subject: &str) -> Self {
        RawStaff {
            src: Src::in_memory(),
            id: id.to_string(),
            name: String::new(),
            school: school.to_string(),
            subject: subject.to_string(),
            post: Post::Teacher,
            backbone: false,
            years_at_school: 0,
            retire_year: None,
            exempt: false,
            needs_promotion: false,
            residence: None,
            preferences: Vec::new(),
            exchange_host: None,
            exchange_start: None,
            last_return_year: None,
            assign_host: None,
            assign_year: None,
            avoid_hosts: Vec::new(),
        }
    }
}

/// A road distance row: one way, used in both directions.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDistance {
    /// Where the row came from.
    pub src: Src,
    /// One school's id.
    pub from: String,
    /// The other school's id.
    pub to: String,
    /// Road km between them.
    pub km: f64,
}

impl RawDistance {
    /// A row built in code.
    pub fn new(from: &str, to: &str, km: f64) -> Self {
        RawDistance {
            src: Src::in_memory(),
            from: from.to_string(),
            to: to.to_string(),
            km,
        }
    }
}

/// The roster columns, in SCENARIO.md's order.
pub(crate) const STAFF_FIELDS: &[&str] = &[
    "id",
    "name",
    "school",
    "subject",
    "post",
    "backbone",
    "years_at_school",
    "retire_year",
    "exempt",
    "needs_promotion",
    "home_lat",
    "home_lon",
    "preferences",
    "exchange_host",
    "exchange_start",
    "last_return_year",
    "assign_host",
    "assign_year",
    "avoid_hosts",
];

pub(crate) const DISTANCE_FIELDS: &[&str] = &["from", "to", "km"];

use super::columns::{self as cols, parse_whole, parse_year};
pub(crate) use super::columns::{parse_bool, parse_post};
use super::policy::MAX_KM;

/// The valid years of every year cell (and of `plan_year`): a typo such as 20277 is
/// refused here rather than planned around.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The valid `years_at_school`: a working life.
pub const YEARS_AT_SCHOOL: std::ops::RangeInclusive<i32> = 0..=70;

/// A row's cells by field name; a missing or blank cell is `None`.
pub(crate) struct Cells<'a> {
    pub(crate) get: &'a dyn Fn(&str) -> Option<String>,
    pub(crate) src: Src,
}

impl Cells<'_> {
    fn text(&self, field: &str) -> Option<String> {
        (self.get)(field)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    fn required(&self, field: &str, key: &str, diags: &mut Diagnostics) -> Option<String> {
        let v = self.text(field);
        if v.is_none() {
            diags.push(
                "E1005",
                &self.src.file,
                Some(self.src.line),
                t!(key, col = cols::label(field)),
                t!("input.fill_in", col = cols::label(field)),
            );
        }
        v
    }

    fn boolean(&self, field: &str, diags: &mut Diagnostics) -> bool {
        let Some(t) = self.text(field) else {
            return false;
        };
        parse_bool(&t).unwrap_or_else(|| {
            diags.push(
                "E1011",
                &self.src.file,
                Some(self.src.line),
                t!("input.not_bool", col = cols::label(field), value = t),
                t!("input.not_bool_fix"),
            );
            false
        })
    }

    fn int(&self, field: &str, diags: &mut Diagnostics) -> Option<i32> {
        let t = self.text(field)?;
        let year = cols::YEAR_COLUMNS.contains(&field);
        match if year {
            parse_year(&t)
        } else {
            parse_whole(&t)
        } {
            Some(v) if year && !YEARS.contains(&v) => {
                self.out_of_range(field, v, YEARS.start(), YEARS.end(), diags);
                None
            }
            Some(v) => Some(v),
            None => {
                diags.push(
                    "E1012",
                    &self.src.file,
                    Some(self.src.line),
                    t!("input.not_whole", col = cols::label(field), value = t),
                    if year {
                        t!("input.not_year_fix")
                    } else {
                        t!("input.not_whole_fix")
                    },
                );
                None
            }
        }
    }

    fn float(&self, field: &str, diags: &mut Diagnostics) -> Option<f64> {
        let t = self.text(field)?;
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                diags.push(
                    "E1012",
                    &self.src.file,
                    Some(self.src.line),
                    t!("input.not_number", col = cols::label(field), value = t),
                    t!("input.not_number_fix"),
                );
                None
            }
        }
    }

    pub(crate) fn staff(&self, diags: &mut Diagnostics) -> Option<RawStaff> {
        let before = diags.0.len();
        let id = self.required("id", "input.staff_row_lacks", diags);
        let school = self.required("school", "input.staff_row_lacks", diags);
        let subject = self.required("subject", "input.staff_row_lacks", diags);
        let post = self.post(diags);
        let backbone = self.boolean("backbone", diags);
        let years_at_school = self.years_at_school(diags);
        let retire_year = self.int("retire_year", diags);
        let exempt = self.boolean("exempt", diags);
        let needs_promotion = self.boolean("needs_promotion", diags);
        let residence = self.residence(diags);
        let preferences = self.id_list("preferences");
        let (exchange_host, exchange_start) = self.exchange(diags);
        let last_return_year = self.int("last_return_year", diags);
        let assign_year = self.int("assign_year", diags);
        if diags.0.len() != before {
            return None;
        }
        Some(RawStaff {
            src: self.src.clone(),
            id: id?,
            name: self.text("name").unwrap_or_default(),
            school: school?,
            subject: subject?,
            post,
            backbone,
            years_at_school,
            retire_year,
            exempt,
            needs_promotion,
            residence,
            preferences,
            exchange_host,
            exchange_start,
            last_return_year,
            assign_host: self.text("assign_host"),
            assign_year,
            avoid_hosts: self.id_list("avoid_hosts"),
        })
    }

    /// A teacher when the cell is empty.
    fn post(&self, diags: &mut Diagnostics) -> Post {
        let Some(t) = self.text("post") else {
            return Post::Teacher;
        };
        parse_post(&t).unwrap_or_else(|| {
            diags.push(
                "E1007",
                &self.src.file,
                Some(self.src.line),
                t!("input.not_post", col = cols::label("post"), value = t),
                t!("input.not_post_fix"),
            );
            Post::Teacher
        })
    }

    /// A whole-number cell outside its range: the value found and the range (E1006).
    fn out_of_range(&self, field: &str, v: i32, min: &i32, max: &i32, diags: &mut Diagnostics) {
        diags.push(
            "E1006",
            &self.src.file,
            Some(self.src.line),
            t!(
                "bounds.cell_range",
                col = cols::label(field),
                value = v,
                min = min,
                max = max
            ),
            t!("bounds.cell_range_fix", min = min, max = max),
        );
    }

    /// 0 when the cell is empty.
    fn years_at_school(&self, diags: &mut Diagnostics) -> i32 {
        let years = self.int("years_at_school", diags).unwrap_or(0);
        if years > *YEARS_AT_SCHOOL.end() {
            self.out_of_range(
                "years_at_school",
                years,
                YEARS_AT_SCHOOL.start(),
                YEARS_AT_SCHOOL.end(),
                diags,
            );
        }
        if years < 0 {
            diags.push(
                "E1006",
                &self.src.file,
                Some(self.src.line),
                t!(
                    "input.years_negative",
                    col = cols::label("years_at_school"),
                    value = years
                ),
                t!("input.years_negative_fix"),
            );
        }
        years
    }

    /// Both `home_lat` and `home_lon`, or none; one alone is a problem.
    fn residence(&self, diags: &mut Diagnostics) -> Option<(f64, f64)> {
        let lat = self.float("home_lat", diags);
        let lon = self.float("home_lon", diags);
        match (lat, lon) {
            (Some(a), Some(b)) => {
                if !(-90.0..=90.0).contains(&a) || !(-180.0..=180.0).contains(&b) {
                    diags.push(
                        "E1027",
                        &self.src.file,
                        Some(self.src.line),
                        t!("input.residence_range", lat = a, lon = b),
                        t!("input.coordinates_fix"),
                    );
                }
                Some((a, b))
            }
            (None, None) => None,
            // A cell that is there but not a number was reported by `float` already.
            _ => {
                if self.text("home_lat").is_some() != self.text("home_lon").is_some() {
                    diags.push(
                        "E1027",
                        &self.src.file,
                        Some(self.src.line),
                        t!("input.residence_half"),
                        t!("input.residence_half_fix"),
                    );
                }
                None
            }
        }
    }

    /// School ids separated by `;`, the full-width `；` of a Chinese keyboard too (an
    /// inline TOML list arrives joined by `;`).
    fn id_list(&self, field: &str) -> Vec<String> {
        self.text(field)
            .map(|t| {
                t.split([';', '；'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The exchange under way: host and start year, which come together.
    fn exchange(&self, diags: &mut Diagnostics) -> (Option<String>, Option<i32>) {
        let host = self.text("exchange_host");
        let start = self.int("exchange_start", diags);
        if host.is_some() != self.text("exchange_start").is_some() {
            diags.push(
                "E1026",
                &self.src.file,
                Some(self.src.line),
                t!("input.exchange_half"),
                t!("input.exchange_half_fix"),
            );
        }
        (host, start)
    }

    pub(crate) fn distance(&self, diags: &mut Diagnostics) -> Option<RawDistance> {
        let before = diags.0.len();
        let from = self.required("from", "input.distance_row_lacks", diags);
        let to = self.required("to", "input.distance_row_lacks", diags);
        let km = if self.text("km").is_none() {
            self.required("km", "input.distance_row_lacks", diags);
            None
        } else {
            self.float("km", diags)
        };
        if let Some(k) = km {
            if k > MAX_KM {
                diags.push(
                    "E1030",
                    &self.src.file,
                    Some(self.src.line),
                    t!("bounds.km_too_far", km = k, max = MAX_KM),
                    t!("input.km_negative_fix"),
                );
            }
            if k < 0.0 {
                diags.push(
                    "E1030",
                    &self.src.file,
                    Some(self.src.line),
                    t!("input.km_negative", km = k),
                    t!("input.km_negative_fix"),
                );
            }
        }
        if diags.0.len() != before {
            return None;
        }
        Some(RawDistance {
            src: self.src.clone(),
            from: from?,
            to: to?,
            km: km?,
        })
    }
}

/// Reads a CSV (UTF-8 with or without the byte-order mark Excel writes, or GBK/GB18030; LF or
/// CRLF line ends; any column order);
/// calls `row` for each data row with its cells and line. Returns the number of data rows.
pub(crate) fn read_csv(
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
    mut row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    if super::sheet::is_workbook(path) {
        return super::sheet::read_sheet(path, required, diags, row);
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
    let lines = super::line_index::LineIndex::new(text);
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

/// Hands one data record to `row` as cells named by the header row.
pub(crate) fn pass_record(
    r: &impl Record,
    headers: &[String],
    src: Src,
    diags: &mut Diagnostics,
    row: &mut impl FnMut(&Cells<'_>, &mut Diagnostics),
) {
    let get = |field: &str| -> Option<String> {
        headers
            .iter()
            .position(|h| h == field)
            .and_then(|i| r.cell(i))
            .map(|c| unescape_cell(c).to_string())
    };
    row(&Cells { get: &get, src }, diags);
}

/// A data row's cells by column position: a CSV record or a sheet row's texts.
pub(crate) trait Record {
    /// The cell in column `i`, if the row has one.
    fn cell(&self, i: usize) -> Option<&str>;
}

impl Record for csv::StringRecord {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Record for Vec<String> {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
}

/// A cell as the user meant it: the `'` our writers put before a cell starting with `=`, `+`,
/// `-`, `@`, tab or CR (against CSV injection, `report::escape_cell`) is taken off again: one
/// `'` only, and only when, past the run of `'`, such a character follows (`''=x` was the
/// text `'=x`); any other `'` is part of the text.
pub fn unescape_cell(cell: &str) -> &str {
    let formula = |rest: &str| {
        rest.trim_start_matches('\'')
            .starts_with(['=', '+', '-', '@', '\t', '\r'])
    };
    match cell.strip_prefix('\'') {
        Some(rest) if formula(rest) => rest,
        _ => cell,
    }
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
fn line_at(text: &str, lines: &super::line_index::LineIndex, pos: Option<&csv::Position>) -> usize {
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

/// The header row `names` (on line `line`), trimmed and lowercased, a known column's alias
/// replaced by its field name; `None`, reported, when it names a column twice or lacks a
/// required column.
pub(crate) fn match_headers(
    names: Vec<&str>,
    line: usize,
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let raw: Vec<String> = names.iter().map(|s| s.trim().to_lowercase()).collect();
    let table = cols::table_of(required);
    let fields: Vec<Option<&str>> = raw
        .iter()
        .map(|h| table.and_then(|t| cols::field_of(t, h)))
        .collect();
    let duplicate = duplicate_columns(&raw, &fields, line, path, diags);
    let headers: Vec<String> = raw
        .iter()
        .zip(&fields)
        .map(|(h, f)| f.map_or_else(|| h.clone(), str::to_string))
        .collect();
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !headers.iter().any(|h| h == *r))
        .map(|r| cols::accepted_names(r))
        .collect();
    if missing.is_empty() {
        return (!duplicate).then_some(headers);
    }
    diags.push(
        "E1005",
        path,
        Some(line),
        t!("input.columns_missing", columns = missing.join("; ")),
        t!("input.columns_missing_fix", found = raw.join(", ")),
    );
    None
}

/// Reports each column named by two headers (`学校` and `school`); true when there is one.
fn duplicate_columns(
    raw: &[String],
    fields: &[Option<&str>],
    line: usize,
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let mut found = false;
    for (i, f) in fields.iter().enumerate() {
        let Some(f) = f else { continue };
        let Some(first) = fields[..i].iter().position(|g| g == &Some(*f)) else {
            continue;
        };
        found = true;
        diags.push(
            "E1036",
            path,
            Some(line),
            t!("input.column_twice", a = raw[first], b = raw[i], field = f),
            t!("input.column_twice_fix"),
        );
    }
    found
}
