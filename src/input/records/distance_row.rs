//! A road distance row: its columns, the type it becomes and how its cells are read.

use rust_i18n::t;

use super::cells::Cells;
use super::row_source::Src;
use crate::error::Diagnostics;
use crate::input::policy::MAX_KM;

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

/// The distance table's columns.
pub(crate) const DISTANCE_FIELDS: &[&str] = &["from", "to", "km"];

impl Cells<'_> {
    /// The distance row, or `None` when a cell has a problem (all of them reported).
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
