//! The list posted before the plan year's exchanges take effect (公示名单): a title, the
//! notice period, one line per binding start ordered by home school, and who to contact.
//! `plan.xlsx` (`workbook_notice.rs`) and `report.html` (`html/notice.rs`) print the same
//! [`NoticeList`]. It speaks to the teachers who read the notice board, so it holds nothing
//! of the solver: no objective, no km, no ids.

use rust_i18n::t;

use crate::input::subjects::subject_word;

use super::workbook::{yes_no, ExchangeType};
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::summary::Summary;

/// The columns of the list, in order (`locales/notice.toml`, `notice.col.*`).
pub const NOTICE_COLUMNS: [&str; 8] = [
    "seq", "name", "home", "host", "type", "term", "subject", "backbone",
];

/// The posted list, every cell in words of the language in force.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeList {
    /// `<scenario name> 教师交流轮岗拟交流人员名单`.
    pub title: String,
    /// The notice period line: `notice.days` working days, the dates left to fill in.
    pub period: String,
    /// The column headers.
    pub headers: Vec<String>,
    /// One row per start of the plan year, by home school (scenario order), then roster
    /// order.
    pub rows: Vec<Vec<String>>,
    /// The contact line: the scenario's `contact`, or a blank to fill in by hand.
    pub contact: String,
}

impl NoticeList {
    /// The list of `plan`'s binding starts. The scenario's name and the notice period are
    /// the summary's; names, schools and subjects the instance's.
    pub fn of(inst: &Instance, plan: &Plan, summary: &Summary) -> NoticeList {
        let mut starts: Vec<_> = (plan.starts.iter())
            .filter(|s| inst.is_binding(s.year))
            .collect();
        // Posted school by school: a teacher finds their school's block.
        starts.sort_by_key(|s| (inst.person(s.person).home, s.person));
        let term = summary.policy_values.term_years;
        let rows = (starts.iter().enumerate())
            .map(|(i, s)| {
                let p = inst.person(s.person);
                vec![
                    (i + 1).to_string(),
                    p.name.clone(),
                    inst.school(p.home).name.clone(),
                    inst.school(s.host).name.clone(),
                    ExchangeType::of(inst, p.home, s.host).word(),
                    format!("{}—{}", s.year, s.year + term - 1),
                    // The subject in the reader's words (数学, not `math`), as posted.
                    subject_word(&inst.subjects[p.subject.ix()]),
                    yes_no(p.backbone),
                ]
            })
            .collect();
        let contact = match &inst.contact {
            Some(c) => c.clone(),
            None => t!("notice.contact_blank").into_owned(),
        };
        NoticeList {
            title: t!("notice.title", scenario = summary.scenario).into_owned(),
            period: t!("notice.period", days = summary.policy_values.notice.days).into_owned(),
            headers: (NOTICE_COLUMNS.iter())
                .map(|c| t!(format!("notice.col.{c}")).into_owned())
                .collect(),
            rows,
            contact: t!("notice.contact", contact = contact).into_owned(),
        }
    }
}
