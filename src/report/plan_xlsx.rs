//! `plan.xlsx` put together: the sheets of `workbook.rs` and `workbook_notice.rs` in the
//! order HR reads them.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::notice::NoticeList;
use super::workbook::{archive_sheet, plan_sheet, schools_sheet, write_sheet};
use super::workbook_notice::{tentative_sheet, write_notice};
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::summary::Summary;

/// `plan.xlsx`'s bytes: 交流名单, 学校汇总, 备案表 (the plan year), 暂定 (later years) and
/// 公示名单, headers in the language in force.
pub fn plan_xlsx(inst: &Instance, plan: &Plan, summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for sheet in [
        plan_sheet(inst, plan),
        schools_sheet(summary),
        archive_sheet(inst, plan),
        tentative_sheet(inst, plan),
    ] {
        write_sheet(wb.add_worksheet(), &sheet)?;
    }
    write_notice(wb.add_worksheet(), &NoticeList::of(inst, plan, summary))?;
    wb.save_to_buffer()
}
