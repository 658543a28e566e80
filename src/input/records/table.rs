//! A roster or distance table as HR's exports hold it: a title and notes above the header, the
//! header itself found by the column names it holds, total and note rows (合计, 注：...) among
//! the data. CSV files and workbook sheets both arrive here as text rows with their lines, so
//! both are read alike, and everything skipped is said.

use std::path::Path;
use std::sync::Arc;

use rust_i18n::t;

use super::cells::{pass_record, Cells};
use super::header_row::match_headers;
use super::row_source::Src;
use crate::error::Diagnostics;
use crate::input::columns::{self as cols, Table};

/// One non-empty row of a table file: its cells as text, and its line (a sheet's row number).
#[derive(Debug, Clone)]
pub(crate) struct TextRow {
    /// The line (CSV) or row number (sheet) it starts on, 1-based.
    pub(crate) line: usize,
    /// Its cells, in column order.
    pub(crate) cells: Vec<String>,
}

/// The header row the scenario names (`staff_header_row = N`), and where it says so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeaderAt<'a> {
    /// The row (line) of the header.
    pub(crate) row: usize,
    /// The key, for messages.
    pub(crate) key: &'a str,
    /// The scenario file.
    pub(crate) file: &'a Path,
    /// The key's line in it.
    pub(crate) line: usize,
}

impl HeaderAt<'_> {
    /// Reports the row this key names as no header of `path` (E1005), at the key's line:
    /// `cause` is the message's key, `cells` what the row holds (when it holds anything).
    fn refuse(&self, path: &Path, cause: &str, cells: &str, diags: &mut Diagnostics) {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        diags.push(
            "E1005",
            self.file,
            Some(self.line),
            t!(
                cause,
                key = self.key,
                row = self.row,
                file = file,
                cells = cells
            ),
            t!("reading.header_row_empty_fix", key = self.key),
        );
    }
}

/// How a table is read: the columns it must have, and the header row when the scenario names
/// it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Spec<'a> {
    /// Required fields (`id`, `school`, `subject` for a roster).
    pub(crate) required: &'a [&'a str],
    /// The header row the scenario names, overriding the guess.
    pub(crate) header_at: Option<HeaderAt<'a>>,
}

/// A header names at least this many known columns of its table (or all the required ones,
/// when fewer): a title such as "2027年城中区教职工花名册" or a note names none.
const KNOWN_IN_HEADER: usize = 3;

/// The header is looked for among this many first rows.
const LOOK_AHEAD: usize = 30;

/// The position in `rows` of the header of a `table`: the first row naming enough known
/// columns ([`KNOWN_IN_HEADER`]). `None` when no row does. A table of no known kind (a plan
/// roster) has its header first.
pub(crate) fn guess_header(
    rows: &[TextRow],
    table: Option<Table>,
    required: &[&str],
) -> Option<usize> {
    let Some(table) = table else {
        return (!rows.is_empty()).then_some(0);
    };
    let need = KNOWN_IN_HEADER.min(required.len().max(1));
    rows.iter().take(LOOK_AHEAD).position(|r| {
        let mut fields: Vec<&str> = r
            .cells
            .iter()
            .filter_map(|c| cols::field_of(table, c))
            .collect();
        fields.sort_unstable();
        fields.dedup();
        fields.len() >= need
    })
}

/// What a row below the header is to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowRole {
    /// A row of the table (a person, a distance), read.
    Read,
    /// A total or note row (合计, 小计, 注：…), skipped and said.
    Total,
    /// A row with neither id nor name (neither end of a distance), skipped with E1061.
    Unnamed,
}

/// A table's rows as the reader reads them: where the header is, what its columns are, and
/// what each row below it is. `read_rows` and `roll` (which rewrites the roster and must
/// touch exactly the people the reader read) both take it from [`layout`], so the two can
/// never disagree.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The header's position among the rows.
    pub(crate) header: usize,
    /// The header's cells as columns: trimmed, lowercased, an alias replaced by its field.
    pub(crate) fields: Vec<String>,
    /// The role of each row after the header, in order.
    pub(crate) roles: Vec<RowRole>,
}

/// The layout of `rows` (the non-empty rows of `path`) as a table of `spec`: the header row
/// the scenario names, else the guess, else the first row; its columns matched to fields;
/// each row below it a row of the table, a total or note, or unnamed. Says the rows above the
/// header and the column mapping; `None`, reported, when the header row named is empty or the
/// header lacks a required column or names one twice.
pub(crate) fn layout(
    path: &Path,
    rows: &[TextRow],
    spec: &Spec<'_>,
    diags: &mut Diagnostics,
) -> Option<Layout> {
    let table = cols::table_of(spec.required);
    let at = header_position(path, rows, table, spec, diags)?;
    let header = &rows[at];
    say_rows_above(path, &rows[..at], header.line, diags);
    let names: Vec<&str> = header.cells.iter().map(String::as_str).collect();
    let named = spec.header_at.is_some();
    let Some(fields) = match_headers(names, header.line, path, spec.required, named, diags) else {
        if let Some(h) = spec.header_at {
            let cells = first_words(&header.cells);
            h.refuse(path, "reading.header_row_wrong", &cells, diags);
        }
        return None;
    };
    let roles = (rows[at + 1..].iter())
        .map(|r| role(r, &fields, table))
        .collect();
    Some(Layout {
        header: at,
        fields,
        roles,
    })
}

/// What row `r` is, given the header's `fields`: a total or note when its first filled cell
/// starts with 合计, 小计, 注…, its id cell is empty or that word, and a required cell is
/// empty; unnamed when it has neither id nor name. A table of no known kind (a plan roster) has only rows.
fn role(r: &TextRow, fields: &[String], table: Option<Table>) -> RowRole {
    let identity: &[&str] = match table {
        Some(Table::Staff) => &["id", "name"],
        Some(Table::Distance) => &["from", "to"],
        None => return RowRole::Read,
    };
    let cell = |field: &str| -> &str {
        (fields.iter().position(|h| h == field))
            .and_then(|i| r.cells.get(i))
            .map_or("", |c| c.trim())
    };
    let first = r.cells.iter().map(|c| c.trim()).find(|c| !c.is_empty());
    let id = cell(identity[0]);
    // A total or note leaves a required cell of a real row empty: a person whose id happens
    // to start with such a word (`Note-7`, `注1001`) has a school and a subject, and is read.
    let (a, b) = match table {
        Some(Table::Staff) => ("school", "subject"),
        _ => ("to", "km"),
    };
    let incomplete = cell(a).is_empty() || cell(b).is_empty();
    if incomplete && first.is_some_and(|f| cols::is_total_or_note(f) && (id.is_empty() || id == f))
    {
        return RowRole::Total;
    }
    if identity.iter().all(|f| cell(f).is_empty()) {
        return RowRole::Unnamed;
    }
    RowRole::Read
}

/// Reads `rows` (the non-empty rows of `path`) as a table: finds the header ([`layout`]),
/// hands every row of the table to `row`, and says what it skipped. Returns the number of
/// rows read.
pub(crate) fn read_rows(
    path: &Path,
    rows: Vec<TextRow>,
    spec: &Spec<'_>,
    diags: &mut Diagnostics,
    mut row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    let Some(layout) = layout(path, &rows, spec, diags) else {
        return 0;
    };
    let header = &rows[layout.header];
    let file: Arc<Path> = Arc::from(path);
    let (mut count, mut totals, mut unnamed) = (0, Vec::new(), Vec::new());
    for (r, role) in rows[layout.header + 1..].iter().zip(&layout.roles) {
        match role {
            RowRole::Total => totals.push(r),
            RowRole::Unnamed => unnamed.push(r.line),
            RowRole::Read if too_long(path, r, &header.cells, diags) => {}
            RowRole::Read => {
                let src = Src {
                    file: file.clone(),
                    line: r.line,
                };
                pass_record(&r.cells, &layout.fields, src, diags, &mut row);
                count += 1;
            }
        }
    }
    say_totals(path, &totals, diags);
    say_unnamed(path, cols::table_of(spec.required), &unnamed, diags);
    count
}

/// The header's position: the row the scenario names, else the guess, else the first row
/// (whose missing columns are then reported with the advice to name the header row).
fn header_position(
    path: &Path,
    rows: &[TextRow],
    table: Option<Table>,
    spec: &Spec<'_>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(h) = spec.header_at {
        let found = rows.iter().position(|r| r.line == h.row);
        if found.is_none() {
            h.refuse(path, "reading.header_row_empty", "", diags);
        }
        return found;
    }
    if rows.is_empty() {
        return None;
    }
    Some(guess_header(rows, table, spec.required).unwrap_or(0))
}

/// Says the title and note rows above the header, once, with their first words.
fn say_rows_above(path: &Path, above: &[TextRow], header_line: usize, diags: &mut Diagnostics) {
    let Some(first) = above.first() else { return };
    let texts: Vec<String> = above
        .iter()
        .take(3)
        .map(|r| first_words(&r.cells))
        .collect();
    diags.info(
        path,
        Some(first.line),
        t!(
            "reading.rows_above_header",
            n = above.len(),
            header = header_line,
            texts = texts.join("、")
        ),
    );
}

/// Says the total and note rows skipped among the data.
fn say_totals(path: &Path, totals: &[&TextRow], diags: &mut Diagnostics) {
    let Some(first) = totals.first() else { return };
    let listed: Vec<String> = totals
        .iter()
        .take(5)
        .map(|r| {
            t!(
                "reading.total_row",
                line = r.line,
                words = first_words(&r.cells)
            )
            .into_owned()
        })
        .collect();
    diags.info(
        path,
        Some(first.line),
        t!(
            "reading.total_rows",
            n = totals.len(),
            rows = listed.join("、")
        ),
    );
}

/// Warns of rows with cells but neither an id nor a name (E1061): not a person the plan can
/// name, so skipped, but perhaps one whose id was forgotten.
fn say_unnamed(path: &Path, table: Option<Table>, lines: &[usize], diags: &mut Diagnostics) {
    let Some(&first) = lines.first() else { return };
    let mut listed: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    if lines.len() > 10 {
        listed.push("…".into());
    }
    let (cause, fix) = match table {
        Some(Table::Distance) => ("reading.rows_without_pair", "reading.rows_without_pair_fix"),
        _ => (
            "reading.rows_without_person",
            "reading.rows_without_person_fix",
        ),
    };
    diags.warn(
        "E1061",
        path,
        Some(first),
        t!(cause, n = lines.len(), rows = listed.join(", ")),
        t!(fix),
    );
}

/// The most characters a spreadsheet cell holds (Excel's limit): a longer cell could not be
/// written back into `plan.xlsx`, and is a mistake of the file (a pasted page), not a name.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Reports each cell of the row longer than [`MAX_CELL_CHARS`] (E1064) at its row and
/// column; true when there is one, and the row is then not read.
fn too_long(path: &Path, r: &TextRow, header: &[String], diags: &mut Diagnostics) -> bool {
    let mut found = false;
    for (i, c) in r.cells.iter().enumerate() {
        let n = c.chars().count();
        if n > MAX_CELL_CHARS {
            found = true;
            let column = header.get(i).map_or("", |h| h.trim());
            diags.push(
                "E1064",
                path,
                Some(r.line),
                t!(
                    "reading.cell_too_long",
                    column = column,
                    n = n,
                    max = MAX_CELL_CHARS
                ),
                t!("reading.cell_too_long_fix", max = MAX_CELL_CHARS),
            );
        }
    }
    found
}

/// The first filled cells of a row, shortened, to name it in a message.
fn first_words(cells: &[String]) -> String {
    let text: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .take(3)
        .collect();
    let text = text.join(" ");
    if text.chars().count() > 24 {
        let short: String = text.chars().take(24).collect();
        format!("{short}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<TextRow> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| TextRow {
                line: i + 1,
                cells: r.iter().map(|c| c.to_string()).collect(),
            })
            .collect()
    }

    #[test]
    fn the_header_is_the_first_row_naming_known_columns() {
        let r = rows(&[
            &["2027年城中区教职工花名册", "", ""],
            &["制表单位：城中区教育局", "", ""],
            &["基本信息", "", "任教情况"],
            &["序号", "工号", "教师姓名", "所在学校", "任教学科"],
            &["1", "CZ1", "张三", "no11", "语文"],
        ]);
        let req = ["id", "school", "subject"];
        assert_eq!(guess_header(&r, Some(Table::Staff), &req), Some(3));
        assert_eq!(guess_header(&r[..3], Some(Table::Staff), &req), None);
        let d = rows(&[&["距离表"], &["起点", "终点", "公里"]]);
        assert_eq!(
            guess_header(&d, Some(Table::Distance), &["from", "to", "km"]),
            Some(1)
        );
    }

    #[test]
    fn totals_notes_and_rows_without_a_person_are_skipped_and_said() {
        let r = rows(&[
            &["标题"],
            &["序号", "工号", "姓名", "学校", "学科"],
            &["1", "A1", "张三", "s", "语文"],
            &["合计", "", "", "", "1"],
            &["", "", "", "", "数学"],
            &["注：本表由人事科填写"],
        ]);
        let mut d = Diagnostics::default();
        let mut ids = Vec::new();
        let spec = Spec {
            required: &["id", "school", "subject"],
            header_at: None,
        };
        let n = read_rows(Path::new("r.csv"), r, &spec, &mut d, |c, _| {
            ids.push(c.text("id").unwrap_or_default())
        });
        assert_eq!((n, ids), (1, vec!["A1".to_string()]));
        assert!(d.0.is_empty(), "{:?}", d.0);
        let said: Vec<(Option<usize>, Option<&str>)> =
            d.1.iter().map(|n| (n.line, n.code)).collect();
        // Above the header, the mapping, the unread 序号, the totals, the unnamed row.
        assert!(said.contains(&(Some(1), None)), "{said:?}");
        assert!(said.contains(&(Some(4), None)), "{said:?}");
        assert!(said.contains(&(Some(5), Some("E1061"))), "{said:?}");
    }
}
