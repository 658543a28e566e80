//! `plan.xlsx` put together: the sheets of `workbook.rs` and `workbook_notice.rs` in the
//! order HR reads them.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::notice::NoticeList;
use super::workbook::{archive_sheet, plan_sheet, schools_sheet, write_sheet, Sheet};
use super::workbook_kpi::{kpi_sheet, KPI_SHEET};
use super::workbook_notice::{tentative_sheet, write_notice};
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::summary::Summary;

/// `plan.xlsx`'s bytes: 交流名单, 指标汇总 (the sheet it opens on), 学校汇总, 备案表 (the plan year), 暂定 (later years) and
/// 公示名单, headers in the language in force.
pub fn plan_xlsx(inst: &Instance, plan: &Plan, summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for sheet in [
        // The plan roster stays the first sheet: the plan reader reads a workbook's first
        // sheet, so `plan.xlsx` reads back as a plan. 指标汇总 is the sheet it opens on.
        plan_sheet(inst, plan),
        Sheet::of_text(KPI_SHEET, kpi_sheet(summary)),
        schools_sheet(summary),
        archive_sheet(inst, plan),
        tentative_sheet(inst, plan),
    ] {
        write_sheet(wb.add_worksheet(), &sheet)?;
    }
    write_notice(wb.add_worksheet(), &NoticeList::of(inst, plan, summary))?;
    wb.save_to_buffer()
}
