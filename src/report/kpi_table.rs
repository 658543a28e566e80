//! The figures the bureau reports ([`Kpi`]) as cells: `count/base = percent` and the
//! target with ✓/✗, laid out once for the terminal, `plan.xlsx` (指标汇总) and
//! `report.html`, so the three say the same figure the same way.

use rust_i18n::t;

use crate::summary::{Figures, Kpi, Ratio};

/// `72/322 = 22.4%`; `0/0` when there is no base.
pub(crate) fn ratio_text(r: &Ratio) -> String {
    match r.percent {
        Some(p) => format!("{}/{} = {p:.1}%", r.count, r.base),
        None => format!("{}/{}", r.count, r.base),
    }
}

/// A share as a percent without needless decimals: `10%`, `12.5%`.
pub(crate) fn share_text(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// `≥ 10% ✓`, or nothing where the policy sets no target.
pub(crate) fn target_text(r: &Ratio) -> String {
    match (r.target, r.met) {
        (Some(t), Some(met)) => format!("≥ {} {}", share_text(t), if met { "✓" } else { "✗" }),
        _ => String::new(),
    }
}

/// The ratio and its target in one cell.
pub(crate) fn cell(r: &Ratio) -> String {
    let target = target_text(r);
    if target.is_empty() {
        ratio_text(r)
    } else {
        format!("{}（{target}）", ratio_text(r))
    }
}

/// One figure of [`Figures`] as a row label and a cell maker.
pub(crate) struct Figure {
    /// The figure's name in the language in force.
    pub label: String,
    /// The figure's cell for one school, group or the county.
    pub cell: Box<dyn Fn(&Figures) -> String>,
}

/// The figures in the order every output shows them: the three exchange rates, 学科配齐率
/// of each planned year, then the 支教 and 跟岗 counts.
pub(crate) fn figures(kpi: &Kpi) -> Vec<Figure> {
    let ratio = |key: &str, get: fn(&Figures) -> Ratio| Figure {
        label: t!(format!("kpi.figure.{key}")).into_owned(),
        cell: Box::new(move |f| cell(&get(f))),
    };
    let mut all = vec![
        ratio("exchange", |f| f.exchange),
        ratio("exchange_of_staff", |f| f.exchange_of_staff),
        ratio("backbone", |f| f.backbone),
        ratio("cadre", |f| f.cadre),
    ];
    let years = kpi.county.coverage.iter().map(|c| c.year);
    for (i, year) in years.enumerate() {
        let get = move |f: &Figures| f.coverage.get(i).map(|c| c.ratio).unwrap_or_default();
        all.push(Figure {
            label: t!("kpi.figure.coverage", year = year).into_owned(),
            cell: Box::new(move |f| cell(&get(f))),
        });
    }
    for key in ["support", "shadowing"] {
        let get: fn(&Figures) -> u32 = if key == "support" {
            |f| f.support
        } else {
            |f| f.shadowing
        };
        all.push(Figure {
            label: t!(format!("kpi.figure.{key}")).into_owned(),
            cell: Box::new(move |f| get(f).to_string()),
        });
    }
    all
}

/// The county and each group, as (name, figures), county first.
pub(crate) fn columns(kpi: &Kpi) -> Vec<(String, &Figures)> {
    let mut cols = vec![(t!("kpi.county").into_owned(), &kpi.county)];
    cols.extend(kpi.groups.iter().map(|g| (g.name.clone(), &g.figures)));
    cols
}

/// Figures as rows, the county and groups as columns: the table the terminal and the page
/// open with.
pub(crate) fn by_figure(kpi: &Kpi) -> (Vec<String>, Vec<Vec<String>>) {
    let cols = columns(kpi);
    let mut header = vec![t!("kpi.figure.title").into_owned()];
    header.extend(cols.iter().map(|(name, _)| name.clone()));
    let rows = figures(kpi)
        .into_iter()
        .map(|f| {
            let mut row = vec![f.label.clone()];
            row.extend(cols.iter().map(|(_, fig)| (f.cell)(fig)));
            row
        })
        .collect();
    (header, rows)
}
