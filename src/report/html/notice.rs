//! The page's 公示名单: the list of the plan year's starts as it is posted, a section that
//! prints on a page of its own (nothing else of the report on it) and holds nothing of the
//! solver.

use maud::{html, Markup, PreEscaped};

use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::report::notice::NoticeList;
use crate::summary::Summary;

/// Its own sheet of paper: a page break before and after, the report's screen-only notes
/// hidden, the title centred as on a notice board. Kept here, beside the only section that
/// uses it.
const NOTICE_CSS: &str = "\
#notice h2.notice-title { text-align: center; }
#notice .notice-contact { margin-top: 1.5em; }
@media print {
  #notice { break-before: page; page-break-before: always; break-after: page; page-break-after: always; }
  #notice table { font-size: 11px; }
}";

/// The section: title, period, the table (or a line saying no one starts), contact.
pub(super) fn section(inst: &Instance, plan: &Plan, s: &Summary) -> Markup {
    let list = NoticeList::of(inst, plan, s);
    html! {
        style { (PreEscaped(NOTICE_CSS)) }
        section #notice {
            h2.notice-title { (list.title) }
            p.notice-period { (list.period) }
            @if list.rows.is_empty() {
                p.note { (rust_i18n::t!("notice.none")) }
            } @else {
                table.notice {
                    thead { tr { @for h in &list.headers { th { (h) } } } }
                    tbody {
                        @for row in &list.rows { tr { @for cell in row { td { (cell) } } } }
                    }
                }
            }
            p.notice-contact { (list.contact) }
        }
    }
}
