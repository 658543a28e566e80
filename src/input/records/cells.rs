//! A row as text cells named by field, whatever it was read from (a CSV record, a sheet row,
//! an inline table), and the typed reads every row kind shares.

use rust_i18n::t;

use super::row_source::Src;
use crate::error::Diagnostics;
use crate::input::columns::{self as cols, parse_bool, parse_whole, parse_year};

/// The valid years of every year cell (and of `plan_year`): a typo such as 20277 is
/// refused here rather than planned around.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A row's cells by field name; a missing or blank cell is `None`.
pub(crate) struct Cells<'a> {
    pub(crate) get: &'a dyn Fn(&str) -> Option<String>,
    pub(crate) src: Src,
}

impl Cells<'_> {
    pub(super) fn text(&self, field: &str) -> Option<String> {
        (self.get)(field)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    pub(super) fn required(
        &self,
        field: &str,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Option<String> {
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

    pub(super) fn boolean(&self, field: &str, diags: &mut Diagnostics) -> bool {
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

    pub(super) fn int(&self, field: &str, diags: &mut Diagnostics) -> Option<i32> {
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

    pub(super) fn float(&self, field: &str, diags: &mut Diagnostics) -> Option<f64> {
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

    /// A whole-number cell outside its range: the value found and the range (E1006).
    pub(super) fn out_of_range(
        &self,
        field: &str,
        v: i32,
        min: &i32,
        max: &i32,
        diags: &mut Diagnostics,
    ) {
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
