//! `plan.xlsx`'s 指标汇总 (the sheet it opens on): the figures the bureau reports ([`crate::summary::Kpi`])
//! for the county, each group and each school, one row each, one column a figure, each
//! written as the terminal and the page write it (`count/base = percent（≥ target ✓）`).

use rust_i18n::t;

use super::kpi_table::figures;
use crate::summary::{Figures, Summary};

/// The sheet's name: the national form's word, Chinese in both languages like the others.
pub const KPI_SHEET: &str = "指标汇总";

/// 指标汇总 of `summary` as text cells (headers, rows): county, groups, schools (no rows
/// without a checked plan). `workbook.rs` writes it as the first sheet.
pub(crate) fn kpi_sheet(summary: &Summary) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers = vec![
        t!("kpi.level").into_owned(),
        t!("report.schools.school").into_owned(),
        t!("kpi.name").into_owned(),
    ];
    let Some(kpi) = &summary.kpi else {
        return (headers, Vec::new());
    };
    let figures = figures(kpi);
    headers.extend(figures.iter().map(|f| f.label.clone()));
    let row = |level: String, id: &str, name: &str, f: &Figures| {
        let mut row = vec![level, id.to_string(), name.to_string()];
        row.extend(figures.iter().map(|fig| (fig.cell)(f)));
        row
    };
    let county = t!("kpi.county").into_owned();
    let mut rows = vec![row(county.clone(), "", &county, &kpi.county)];
    for g in &kpi.groups {
        rows.push(row(
            t!("kpi.level_group").into_owned(),
            &g.id,
            &g.name,
            &g.figures,
        ));
    }
    for s in &kpi.schools {
        rows.push(row(
            t!("kpi.level_school").into_owned(),
            &s.id,
            &s.name,
            &s.figures,
        ));
    }
    (headers, rows)
}
