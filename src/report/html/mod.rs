//! `report.html`: one self-contained page (inline CSS, SVG and a few lines of script, no
//! network) that HR can put in front of the bureau: a paragraph in words and the figures
//! the bureau reports (`lead.rs`), a map of the flows, a chart per school, the plan table,
//! the list to post (公示名单, on a page of its own when printed) and, in an appendix, the
//! solver's figures ([`plan_report`]). Every figure comes from the
//! [`Summary`](crate::summary::Summary) (or, for the map and the table, from the plan
//! itself), so the page never shows a number `summary.json` does not hold. `compare` builds
//! its own page from the same shell (`shell.rs`) and SVG numbers (`svg.rs`).

mod charts;
mod lead;
mod map;
mod notice;
mod plan_page;
mod shell;
mod svg;

pub use plan_page::{plan_report, Origin};
pub(crate) use shell::page;
pub(crate) use svg::fmt1;
