//! The `[scenario]` section: the scenario's name, plan year, and the files it names.

use std::path::{Path, PathBuf};

use rust_i18n::t;

use super::raw_scenario::Located;
use super::table_reader::TableReader;
use crate::error::Diagnostics;
use crate::input::toml_with_lines::{Node, TomlTable, Val};

/// The keys of `[scenario]`.
const SECTION_KEYS: &[&str] = &[
    "name",
    "plan_year",
    "policy",
    "staff",
    "distances",
    "staff_sheet",
    "distances_sheet",
    "staff_header_row",
    "distances_header_row",
    "distances_complete",
    "contact",
];

/// The `[scenario]` section, with the files it names still relative.
pub(super) struct ScenarioSection {
    /// `name`, else the scenario file's stem.
    pub(super) name: String,
    /// `plan_year`; 0 when missing or mistyped (reported).
    pub(super) plan_year: i32,
    /// `policy`, already joined to the scenario's folder.
    pub(super) policy: Option<PathBuf>,
    /// `staff`, the roster file, as written.
    pub(super) staff: Option<Located>,
    /// `distances`, the distance table, as written.
    pub(super) distances: Option<Located>,
    /// The roster's sheet when the roster is a workbook (`staff_sheet`).
    pub(super) staff_sheet: Option<Located>,
    /// The distance table's sheet when it is a workbook (`distances_sheet`).
    pub(super) distances_sheet: Option<Located>,
    /// The roster's header row, when the scenario names it (`staff_header_row`): (row, line
    /// of the key).
    pub(super) staff_header_row: Option<(usize, usize)>,
    /// The distance table's header row (`distances_header_row`).
    pub(super) distances_header_row: Option<(usize, usize)>,
    /// `distances_complete`: a distance the table lacks is an error rather than estimated
    /// from coordinates.
    pub(super) distances_complete: bool,
    /// `contact`: who answers questions about the posted list (公示名单); blank counts as
    /// not given.
    pub(super) contact: Option<String>,
}

/// Reads `[scenario]` of the file `root` reads; `dir` is the scenario's folder. A missing
/// key or section is reported, and its value left empty.
pub(super) fn scenario_section(
    root: &TableReader,
    dir: &Path,
    diags: &mut Diagnostics,
) -> ScenarioSection {
    let path = root.file;
    let empty = TomlTable::default();
    let given = section_table(root, diags);
    let table = given.unwrap_or(&empty);
    table.check_keys(SECTION_KEYS, "[scenario]", path, diags);
    let h = TableReader {
        file: path,
        where_: "[scenario]".into(),
        table,
    };
    let name = h.str_opt("name", diags).map(|l| l.text).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let plan_year = plan_year(&h, given.is_some(), diags);
    ScenarioSection {
        name,
        plan_year,
        policy: h.str_opt("policy", diags).map(|l| dir.join(l.text)),
        staff: h.str_opt("staff", diags),
        distances: h.str_opt("distances", diags),
        staff_sheet: h.str_opt("staff_sheet", diags),
        distances_sheet: h.str_opt("distances_sheet", diags),
        staff_header_row: header_row(&h, "staff_header_row", diags),
        distances_header_row: header_row(&h, "distances_header_row", diags),
        distances_complete: flag(&h, "distances_complete", diags),
        contact: (h
            .str_opt("contact", diags)
            .map(|l| l.text.trim().to_string()))
        .filter(|c| !c.is_empty()),
    }
}

/// A header row key: a whole number from 1, with the line it stands on.
fn header_row(h: &TableReader, key: &str, diags: &mut Diagnostics) -> Option<(usize, usize)> {
    let node = h.table.get(key)?;
    match node.val {
        Val::Int(n) if n >= 1 => Some((n as usize, node.line)),
        _ => {
            h.wrong(key, node, &t!("reading.want.row_number"), diags);
            None
        }
    }
}

/// A true/false key, false when not given.
fn flag(h: &TableReader, key: &str, diags: &mut Diagnostics) -> bool {
    match h.table.get(key) {
        None => false,
        Some(Node {
            val: Val::Bool(b), ..
        }) => *b,
        Some(node) => {
            h.wrong(key, node, &t!("input.type.boolean"), diags);
            false
        }
    }
}

/// The `[scenario]` table; `None`, reported, when it is missing or not a table.
fn section_table<'a>(root: &TableReader<'a>, diags: &mut Diagnostics) -> Option<&'a TomlTable> {
    match root.table.get("scenario") {
        Some(Node {
            val: Val::Table(t), ..
        }) => Some(t),
        Some(node) => {
            root.wrong("scenario", node, &t!("input.want.scenario_table"), diags);
            None
        }
        None => {
            diags.push(
                "E1005",
                root.file,
                None,
                t!("input.no_scenario_section"),
                t!("input.no_scenario_section_fix"),
            );
            None
        }
    }
}

/// The plan year, or 0 when it is missing or mistyped. A missing `[scenario]` section was
/// reported already, so its missing year is not reported again.
fn plan_year(h: &TableReader, section_given: bool, diags: &mut Diagnostics) -> i32 {
    match h.table.get("plan_year") {
        Some(Node {
            val: Val::Int(y),
            line,
        }) => {
            if !(1900..=2200).contains(y) {
                diags.push(
                    "E1006",
                    h.file,
                    Some(*line),
                    t!("input.implausible_year", year = y),
                    t!("input.implausible_year_fix"),
                );
            }
            *y as i32
        }
        Some(node) => {
            h.wrong("plan_year", node, &t!("input.want.plan_year"), diags);
            0
        }
        None => {
            if section_given {
                h.missing("plan_year", diags);
            }
            0
        }
    }
}
