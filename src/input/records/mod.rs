//! Staff and distance rows, from a CSV file, a workbook sheet or inline
//! `[[staff]]`/`[[distances]]` tables: all arrive as text cells with a line, so they share one
//! reader and one set of errors.
//!
//! The files here import each other directly; this file only names them and gives the paths
//! the rest of the crate uses.

pub(super) mod cells;
pub(super) mod csv_file;
pub(super) mod distance_row;
pub(super) mod header_row;
pub(super) mod row_source;
pub(super) mod staff_row;
pub(crate) mod table;

pub(crate) use cells::Cells;
pub use cells::{unescape_cell, YEARS};
pub(crate) use csv_file::{lined_records, read_csv};
pub use distance_row::RawDistance;
pub use row_source::{Src, IN_MEMORY};
pub(crate) use staff_row::STAFF_FIELDS;
pub use staff_row::{RawStaff, YEARS_AT_SCHOOL};
