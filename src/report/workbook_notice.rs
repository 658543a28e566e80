//! The sheets of `plan.xlsx` that tell binding from tentative: 暂定, the starts of the
//! horizon's later years (planned again next year, so never filed), in the 备案表's columns;
//! and 公示名单, the list of the plan year's starts to post ([`NoticeList`]).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::notice::NoticeList;
use super::workbook::{archive_headers, archive_row, column_widths, Cell, Sheet};
use crate::instance::plan::Plan;
use crate::instance::Instance;

/// The starts of later horizon years, tentative (暂定), in the 备案表's columns.
pub const TENTATIVE_SHEET: &str = "暂定";
/// The list to post before the plan year's exchanges take effect.
pub const NOTICE_SHEET: &str = "公示名单";

/// 暂定: the plan's starts after the plan year (plan order), as the archive would file them
/// once they become binding.
pub(crate) fn tentative_sheet(inst: &Instance, plan: &Plan) -> Sheet {
    let rows = (plan.starts.iter())
        .filter(|s| !inst.is_binding(s.year))
        .map(|s| archive_row(inst, s.person, s.host, s.year))
        .collect();
    Sheet {
        name: TENTATIVE_SHEET,
        headers: archive_headers(),
        rows,
    }
}

/// 公示名单 as it prints: the title merged across the table, the period, the table with a
/// bold header, then the contact line. No frozen panes: the sheet is for paper.
pub(crate) fn write_notice(ws: &mut Worksheet, list: &NoticeList) -> Result<(), XlsxError> {
    ws.set_name(NOTICE_SHEET)?;
    let last = (list.headers.len() - 1) as u16;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    ws.merge_range(0, 0, 0, last, &list.title, &title)?;
    ws.write_string(1, 0, &list.period)?;
    let bold = Format::new()
        .set_bold()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let cell = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    for (c, h) in list.headers.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, h, &bold)?;
    }
    for (r, row) in list.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            // Every cell a string cell, a name like `=1+1` included.
            ws.write_string_with_format(4 + r as u32, c as u16, text, &cell)?;
        }
    }
    ws.write_string(5 + list.rows.len() as u32, 0, &list.contact)?;
    // The table's widths; the title, period and contact lines run across the columns.
    let table = Sheet {
        name: NOTICE_SHEET,
        headers: list.headers.clone(),
        rows: (list.rows.iter())
            .map(|r| r.iter().map(|t| Cell::Text(t.clone())).collect())
            .collect(),
    };
    for (c, w) in column_widths(&table).into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}
