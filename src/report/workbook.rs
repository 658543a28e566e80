//! `plan.xlsx`, the plan as HR files it: the plan roster (交流名单), the figures per school
//! and year (学校汇总), the 2014 national exchange archive (备案表) of the binding plan year,
//! its tentative later years (暂定) and the list to post (公示名单, `workbook_notice.rs`). The sheet names are
//! the national form's and stay Chinese in both languages; headers and value words follow
//! [`crate::lang::current`]. Every text cell is written as a string, never as a formula, so
//! a name like `=HYPERLINK(..)` reads back as the same text.

use std::borrow::Cow;

use rust_i18n::t;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::domain::{Direction, Post};
use crate::instance::plan::Plan;
use crate::instance::{Instance, PersonId, SchoolId};
use crate::summary::Summary;

pub use super::workbook_kpi::KPI_SHEET;

/// The plan roster sheet: one row per new start, the columns of `roster.csv`.
pub const PLAN_SHEET: &str = "交流名单";
/// Per school and planned year: staff, out, in, net, quota need, backbone and cadres sent,
/// the stability cap (rule 6).
pub const SCHOOLS_SHEET: &str = "学校汇总";
/// The national exchange archive: exchanges under way in the plan year, then the plan year's
/// new starts (the binding ones; later years are on [`super::workbook_notice::TENTATIVE_SHEET`]).
pub const ARCHIVE_SHEET: &str = "备案表";

/// One cell of a sheet (and of `roster.csv`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text, written as a string cell.
    Text(String),
    /// A count or a year.
    Int(i64),
    /// Kilometres.
    Km(f64),
    /// Nothing (a figure that does not apply).
    Empty,
}

impl Cell {
    /// The cell as CSV writes it (before escaping).
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Int(v) => Cow::Owned(v.to_string()),
            Cell::Km(km) => Cow::Owned(format!("{km:.3}")),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(v: Option<u32>) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Int(v.into()))
}

/// A sheet: its name, header row and data rows.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    /// The sheet's name.
    pub name: &'static str,
    /// Column headers, in the language in force.
    pub headers: Vec<String>,
    /// Data rows, each as long as the headers.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A sheet of text cells only (the 指标汇总 of `workbook_kpi.rs`).
    pub(crate) fn of_text(
        name: &'static str,
        (headers, rows): (Vec<String>, Vec<Vec<String>>),
    ) -> Sheet {
        let rows = rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::Text).collect());
        Sheet {
            name,
            headers,
            rows: rows.collect(),
        }
    }
}

/// The columns of the plan roster (`roster.csv`, sheet 交流名单), each school name right
/// after its id, then `status` (binding or tentative, an extension at the end that the plan
/// reader ignores). The plan reader needs `person_id`, `host_school` and `start_year`.
pub const ROSTER_COLUMNS: [&str; 13] = [
    "person_id",
    "name",
    "post",
    "backbone",
    "subject",
    "home_school",
    "home_name",
    "host_school",
    "host_name",
    "start_year",
    "end_year",
    "distance_km",
    "status",
];

/// The header of a plan roster column in the language in force (`locales/report.toml`).
pub fn roster_header(column: &str) -> String {
    t!(format!("report.col.{column}")).into_owned()
}

/// A post in the language in force (the Chinese words are roster words, so they read back).
pub fn post_word(post: Post) -> String {
    match post {
        Post::Teacher => t!("report.post.teacher"),
        Post::Cadre => t!("report.post.cadre"),
        Post::Principal => t!("report.post.principal"),
    }
    .into_owned()
}

/// A start's status in the language in force: `binding` (拟交流) in the plan year, to be
/// carried out; `tentative` (暂定) in a later year, planned again next year.
pub fn status_word(inst: &Instance, year: i32) -> String {
    if inst.is_binding(year) {
        t!("report.status.binding")
    } else {
        t!("report.status.tentative")
    }
    .into_owned()
}

/// Yes or no in the language in force (`true`/`false`, 是/否).
pub fn yes_no(b: bool) -> String {
    if b { t!("report.yes") } else { t!("report.no") }.into_owned()
}

/// The plan roster: one row per new start, in plan order.
pub(crate) fn plan_sheet(inst: &Instance, plan: &Plan) -> Sheet {
    let rows = plan
        .starts
        .iter()
        .map(|s| {
            let p = inst.person(s.person);
            let (home, host) = (inst.school(p.home), inst.school(s.host));
            let km = crate::instance::candidates::distance_km(inst, s.person, s.host);
            vec![
                text(&p.id),
                text(&p.name),
                text(post_word(p.post)),
                text(yes_no(p.backbone)),
                text(&inst.subjects[p.subject.ix()]),
                text(&home.id),
                text(&home.name),
                text(&host.id),
                text(&host.name),
                Cell::Int(s.year.into()),
                Cell::Int((s.year + inst.policy.term_years - 1).into()),
                km.map_or(Cell::Empty, |km| Cell::Km((km * 1000.0).round() / 1000.0)),
                text(status_word(inst, s.year)),
            ]
        })
        .collect();
    Sheet {
        name: PLAN_SHEET,
        headers: ROSTER_COLUMNS.iter().map(|c| roster_header(c)).collect(),
        rows,
    }
}

/// Per school and year, the figures of the summary as they are. `net` is the summary's:
/// visitors − staff away, the net change of staff present that rule 2 bounds, as the
/// terminal and `report.html` show it (not new starts in − out, which leaves out the
/// exchanges under way and their returns).
pub(crate) fn schools_sheet(summary: &Summary) -> Sheet {
    let headers = [
        "school",
        "name",
        "year",
        "staff",
        "out",
        "in",
        "net",
        "quota_need",
        "backbone_out",
        "cadre_out",
        "out_cap",
    ];
    let rows = summary
        .schools
        .iter()
        .flat_map(|s| {
            s.years.iter().map(|y| {
                vec![
                    text(&s.id),
                    text(&s.name),
                    Cell::Int(y.year.into()),
                    Cell::Int(y.home_staff.into()),
                    Cell::Int(y.new_out.into()),
                    Cell::Int(y.new_in.into()),
                    Cell::Int(y.net),
                    opt(y.quota_need),
                    Cell::Int(y.new_out_backbone.into()),
                    Cell::Int(y.new_out_cadre.into()),
                    opt(y.out_cap),
                ]
            })
        })
        .collect();
    Sheet {
        name: SCHOOLS_SHEET,
        headers: headers
            .iter()
            .map(|h| t!(format!("report.schools.{h}")).into_owned())
            .collect(),
        rows,
    }
}

/// The exchange type of the national archive for a start from `home` to `host`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeType {
    /// 支教: a core school's staff to a member school (trusteed or not), of any group.
    Support,
    /// 跟岗学习: a member school's staff (trusteed or not) to a core school.
    Shadowing,
    /// 交流: any other pair (core to core, member to member, schools in no group).
    Exchange,
}

impl ExchangeType {
    /// The type of a start from `home` to `host`, by the two schools' roles.
    pub fn of(inst: &Instance, home: SchoolId, host: SchoolId) -> ExchangeType {
        match Direction::of(inst.school(home).role, inst.school(host).role) {
            Direction::Support => ExchangeType::Support,
            Direction::Shadowing => ExchangeType::Shadowing,
            Direction::Exchange => ExchangeType::Exchange,
        }
    }

    /// The type's word in the language in force.
    pub fn word(self) -> String {
        match self {
            ExchangeType::Support => t!("report.type.support"),
            ExchangeType::Shadowing => t!("report.type.shadowing"),
            ExchangeType::Exchange => t!("report.type.exchange"),
        }
        .into_owned()
    }
}

/// The archive's start and end of an exchange starting in school year `start`: a school year
/// runs from September to the next July, so a 2-year term from 2027 is `2027-09` to
/// `2029-07`.
pub fn term_dates(start: i32, term_years: i32) -> (String, String) {
    (format!("{start}-09"), format!("{}-07", start + term_years))
}

/// The archive: exchanges under way still away in the plan year (roster order), then the
/// plan's new starts (plan order).
pub(crate) fn archive_sheet(inst: &Instance, plan: &Plan) -> Sheet {
    let under_way = inst.person_ids().filter_map(|p| {
        let (host, start) = inst.person(p).existing?;
        inst.away_under_way(p, inst.plan_year)?;
        Some((p, host, start))
    });
    let new = (plan.starts.iter())
        .filter(|s| inst.is_binding(s.year))
        .map(|s| (s.person, s.host, s.year));
    let rows = under_way
        .chain(new)
        .map(|(p, host, start)| archive_row(inst, p, host, start))
        .collect();
    Sheet {
        name: ARCHIVE_SHEET,
        headers: archive_headers(),
        rows,
    }
}

/// The archive's headers in the language in force.
pub(crate) fn archive_headers() -> Vec<String> {
    let headers = [
        "name",
        "person_id",
        "from",
        "to",
        "type",
        "start",
        "end",
        "subject",
        "post",
        "backbone",
    ];
    (headers.iter())
        .map(|h| t!(format!("report.archive.{h}")).into_owned())
        .collect()
}

/// One archive row: `p` away at `host` from school year `start`.
pub(crate) fn archive_row(inst: &Instance, p: PersonId, host: SchoolId, start: i32) -> Vec<Cell> {
    let person = inst.person(p);
    let (from, to) = term_dates(start, inst.policy.term_years);
    vec![
        text(&person.name),
        text(&person.id),
        text(&inst.school(person.home).name),
        text(&inst.school(host).name),
        text(ExchangeType::of(inst, person.home, host).word()),
        text(from),
        text(to),
        text(&inst.subjects[person.subject.ix()]),
        text(post_word(person.post)),
        text(yes_no(person.backbone)),
    ]
}

/// Writes `sheet` with a bold, frozen header row and columns as wide as their content.
pub(crate) fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    let bold = Format::new().set_bold();
    let km = Format::new().set_num_format("0.0");
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                // A string cell: Excel and WPS never run it, whatever it starts with.
                Cell::Text(s) => ws.write_string(r, c, s)?,
                Cell::Int(v) => ws.write_number(r, c, *v as f64)?,
                Cell::Km(v) => ws.write_number_with_format(r, c, *v, &km)?,
                Cell::Empty => ws,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if sheet.name == KPI_SHEET {
        ws.set_active(true);
    }
    for (c, w) in column_widths(sheet).into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    Ok(())
}

/// Each column's width in Excel's character units: the widest of its header and cells in
/// display columns (a Chinese character takes two), plus a margin, at most 60.
pub(crate) fn column_widths(sheet: &Sheet) -> Vec<f64> {
    (0..sheet.headers.len())
        .map(|c| {
            let cells = sheet.rows.iter().filter_map(|r| r.get(c));
            let widest = cells
                .map(|cell| cell.text().width())
                .chain([sheet.headers[c].width()])
                .max()
                .unwrap_or(0);
            (widest as f64 + 2.0).min(60.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_runs_september_to_july() {
        assert_eq!(term_dates(2027, 2), ("2027-09".into(), "2029-07".into()));
        assert_eq!(term_dates(2026, 1), ("2026-09".into(), "2027-07".into()));
    }

    #[test]
    fn chinese_characters_count_double_in_column_widths() {
        let sheet = Sheet {
            name: PLAN_SHEET,
            headers: vec!["id".into(), "name".into()],
            rows: vec![vec![Cell::Int(2027), text("张伟伟")]],
        };
        assert_eq!(column_widths(&sheet), vec![6.0, 8.0]);
    }
}
