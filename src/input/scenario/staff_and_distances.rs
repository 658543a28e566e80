//! The staff and distance rows a scenario holds inline or names a file (or sheet) for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_i18n::t;

use super::named_sheet::NamedSheet;
use super::scenario_section::ScenarioSection;
use super::table_reader::{entry_name, TableReader};
use crate::error::Diagnostics;
use crate::input::records::cells::Cells;
use crate::input::records::distance_row::{RawDistance, DISTANCE_FIELDS};
use crate::input::records::row_source::Src;
use crate::input::records::staff_row::{RawStaff, STAFF_FIELDS};
use crate::input::toml_with_lines::TomlTable;

/// The inline `[[key]]` rows, their keys checked against the row fields.
fn inline_rows(
    root: &TableReader,
    key: &str,
    fields: &[&str],
    diags: &mut Diagnostics,
) -> Vec<(TomlTable, Src)> {
    let file: Arc<Path> = Arc::from(root.file);
    root.tables(key, diags)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            t.check_keys(fields, &entry_name(key, i, t), root.file, diags);
            (
                t.clone(),
                Src {
                    file: file.clone(),
                    line: t.line,
                },
            )
        })
        .collect()
}

/// The staff, from the roster file or inline, and the roster's path. `before` counts the
/// problems found before this file: an empty roster is worth a message only when the file
/// read cleanly.
pub(super) fn staff(
    root: &TableReader,
    section: &ScenarioSection,
    dir: &Path,
    before: usize,
    diags: &mut Diagnostics,
) -> (Vec<RawStaff>, Option<PathBuf>) {
    let inline = inline_rows(root, "staff", STAFF_FIELDS, diags);
    let sheet = NamedSheet::of(
        root,
        "staff_sheet",
        section.staff_sheet.as_ref(),
        section.staff_header_row,
    );
    match (section.staff.as_ref(), inline.is_empty()) {
        (Some(f), false) => {
            diags.push(
                "E1029",
                root.file,
                Some(f.line),
                t!("input.staff_twice"),
                t!("input.staff_twice_fix"),
            );
            (Vec::new(), None)
        }
        (Some(f), true) => {
            let p = dir.join(&f.text);
            (roster_staff(&p, &sheet, before, diags), Some(p))
        }
        (None, _) => {
            sheet.without_file("staff", diags);
            (inline_staff(root.file, &inline, diags), None)
        }
    }
}

/// The rows of the roster file `p`; an empty roster is E1028 when nothing else was wrong.
fn roster_staff(
    p: &Path,
    sheet: &NamedSheet,
    before: usize,
    diags: &mut Diagnostics,
) -> Vec<RawStaff> {
    let mut staff = Vec::new();
    let n = sheet.read(p, &["id", "school", "subject"], diags, |cells, diags| {
        staff.extend(cells.staff(diags));
    });
    if n == 0 && diags.0.len() == before {
        diags.push(
            "E1028",
            p,
            None,
            t!("input.roster_empty"),
            t!("input.roster_empty_fix"),
        );
    }
    staff
}

/// Every row that repeats an earlier row's staff id (E1020, as validation reports it), so
/// that a roster with a bad cell elsewhere still gets every problem at once.
pub(super) fn repeated_ids(staff: &[RawStaff], diags: &mut Diagnostics) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, s) in staff.iter().enumerate() {
        let row = *first.entry(&s.id).or_insert(i);
        if row != i {
            let line = staff[row].src.line;
            diags.push(
                "E1020",
                &s.src.file,
                Some(s.src.line),
                t!("instance.person_twice", id = s.id, first_line = line),
                s.repeated_fix(&staff[row]),
            );
        }
    }
}

/// The inline `[[staff]]` rows; none at all is E1028.
fn inline_staff(path: &Path, rows: &[(TomlTable, Src)], diags: &mut Diagnostics) -> Vec<RawStaff> {
    if rows.is_empty() {
        diags.push(
            "E1028",
            path,
            None,
            t!("input.no_staff"),
            t!("input.no_staff_fix"),
        );
    }
    rows.iter()
        .filter_map(|(t, src)| table_cells(t, src.clone(), |c| c.staff(diags)))
        .collect()
}

/// Inline distance rows first, then those of the distances file.
pub(super) fn distances(
    root: &TableReader,
    section: &ScenarioSection,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<RawDistance> {
    let mut distances = Vec::new();
    for (t, src) in inline_rows(root, "distances", DISTANCE_FIELDS, diags) {
        distances.extend(table_cells(&t, src, |c| c.distance(diags)));
    }
    let sheet = NamedSheet::of(
        root,
        "distances_sheet",
        section.distances_sheet.as_ref(),
        section.distances_header_row,
    );
    match &section.distances {
        Some(f) => {
            sheet.read(
                &dir.join(&f.text),
                DISTANCE_FIELDS,
                diags,
                |cells, diags| {
                    distances.extend(cells.distance(diags));
                },
            );
        }
        None => sheet.without_file("distances", diags),
    }
    distances
}

/// Runs `f` on an inline table's values as the text cells of a row.
fn table_cells<T>(t: &TomlTable, src: Src, f: impl FnOnce(&Cells<'_>) -> T) -> T {
    let get = |k: &str| t.get(k).and_then(|n| n.val.as_cell());
    f(&Cells { get: &get, src })
}
