//! A `staff_sheet` or `distances_sheet` key: which sheet of a workbook holds the rows.

use std::path::Path;

use rust_i18n::t;

use super::raw_scenario::Located;
use super::table_reader::TableReader;
use crate::error::Diagnostics;
use crate::input::records::cells::Cells;
use crate::input::records::csv_file::read_table;
use crate::input::records::table::{HeaderAt, Spec};
use crate::input::sheet;

/// The sheet a `staff_sheet` or `distances_sheet` key names, if any, with where the key stands.
pub(super) struct NamedSheet<'a> {
    key: &'static str,
    name: Option<&'a Located>,
    scenario: &'a Path,
    /// The header row the scenario names (`staff_header_row`...): (row, line of the key).
    header_row: Option<(usize, usize)>,
}

impl<'a> NamedSheet<'a> {
    /// The sheet named by `key` (`name`, if given) of the scenario `root` reads.
    /// `header_row` is the header row the scenario names for the same table.
    pub(super) fn of(
        root: &TableReader<'a>,
        key: &'static str,
        name: Option<&'a Located>,
        header_row: Option<(usize, usize)>,
    ) -> Self {
        NamedSheet {
            key,
            name,
            scenario: root.file,
            header_row,
        }
    }

    /// Reads the file's rows: the named sheet of a workbook, or as [`read_table`]
    /// does (a CSV, or a workbook's first sheet) when no sheet is named. A sheet named for a
    /// CSV file is refused: the file is likely not the one meant.
    pub(super) fn read(
        &self,
        path: &Path,
        required: &[&str],
        diags: &mut Diagnostics,
        row: impl FnMut(&Cells<'_>, &mut Diagnostics),
    ) -> usize {
        let header_key = match self.key {
            "staff_sheet" => "staff_header_row",
            _ => "distances_header_row",
        };
        let spec = Spec {
            required,
            header_at: self.header_row.map(|(row, line)| HeaderAt {
                row,
                key: header_key,
                file: self.scenario,
                line,
            }),
        };
        let Some(name) = self.name else {
            return read_table(path, &spec, diags, row);
        };
        if !sheet::is_workbook(path) {
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            self.refuse(
                t!("input.csv_has_no_sheets", file = file).into_owned(),
                diags,
            );
            return 0;
        }
        let wanted = sheet::Wanted {
            key: self.key,
            name: &name.text,
            file: self.scenario,
            line: name.line,
        };
        sheet::read_named_sheet(path, Some(&wanted), &spec, diags, row)
    }

    /// A sheet named with no file to take it from (the rows are inline tables).
    pub(super) fn without_file(&self, file_key: &str, diags: &mut Diagnostics) {
        if self.name.is_some() {
            self.refuse(
                t!("input.no_sheet_file", key = file_key).into_owned(),
                diags,
            );
        }
    }

    /// Reports the named sheet as refused, `why` saying why (E1038).
    fn refuse(&self, why: String, diags: &mut Diagnostics) {
        let Some(name) = self.name else { return };
        diags.push(
            "E1038",
            self.scenario,
            Some(name.line),
            t!(
                "input.sheet_refused",
                key = self.key,
                sheet = name.text,
                why = why
            ),
            t!(
                "input.sheet_refused_fix",
                key = self.key,
                file_key = self.key.trim_end_matches("_sheet")
            ),
        );
    }
}
