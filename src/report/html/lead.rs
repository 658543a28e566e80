//! What leadership reads first on `report.html`: a paragraph in words (who goes in the plan
//! year and from where, each reported figure against its target, what changed since the
//! baseline), then the figures' table. Every number is the [`Summary`]'s.

use maud::{html, Markup};
use rust_i18n::t;

use crate::report::kpi_table::{by_figure, figures, ratio_text, share_text};
use crate::summary::{Kpi, Ratio, Summary};

/// The paragraph and the table; nothing without a checked plan.
pub(super) fn section(s: &Summary) -> Markup {
    let Some(kpi) = &s.kpi else {
        return html! {};
    };
    let (header, rows) = by_figure(kpi);
    html! {
        section #lead {
            h2 { (t!("html.lead.title")) }
            p.lead { @for line in sentences(s, kpi) { (line) " " } }
        }
        section #kpi {
            h2 { (t!("html.lead.kpi_title")) }
            table.kpi {
                thead { tr { @for h in &header { th { (h) } } } }
                tbody {
                    @for row in &rows {
                        tr {
                            td { (row[0]) }
                            @for c in &row[1..] { td.num data-missed=[c.contains('✗').then_some("1")] { (c) } }
                        }
                    }
                }
            }
        }
    }
}

/// Schools named in the paragraph's first sentence; the rest are counted.
const LEAD_SCHOOLS: usize = 12;

/// The paragraph's sentences.
fn sentences(s: &Summary, kpi: &Kpi) -> Vec<String> {
    let sep = t!("html.lead.sep");
    let mut from: Vec<(u32, &str)> = (s.schools.iter())
        .filter_map(|sc| {
            let y0 = sc.years.iter().find(|y| y.year == kpi.year)?;
            (y0.new_out > 0).then_some((y0.new_out, sc.name.as_str()))
        })
        .collect();
    from.sort_by_key(|b| std::cmp::Reverse(b.0));
    // A paragraph, not a list: the schools sending most, and the rest counted (the charts
    // and the table below hold every school).
    let mut from_text: Vec<String> = (from.iter().take(LEAD_SCHOOLS))
        .map(|(n, school)| t!("html.lead.from_school", school = school, n = n).into_owned())
        .collect();
    if from.len() > LEAD_SCHOOLS {
        let rest: u32 = from[LEAD_SCHOOLS..].iter().map(|(n, _)| n).sum();
        let others = from.len() - LEAD_SCHOOLS;
        from_text.push(t!("html.lead.from_others", schools = others, n = rest).into_owned());
    }
    let c = &kpi.county;
    let mut out = vec![
        t!(
            "html.lead.moves",
            year = kpi.year,
            total = c.exchange.count,
            backbone = c.backbone.count,
            cadre = c.cadre.count,
            schools = from.len(),
            from = from_text.join(&sep)
        )
        .into_owned(),
        t!(
            "html.lead.flows",
            support = c.support,
            shadowing = c.shadowing
        )
        .into_owned(),
    ];
    // The three rates and the plan year's 学科配齐率, in the table's words.
    let labels: Vec<String> = figures(kpi).into_iter().map(|f| f.label).collect();
    let coverage = c.coverage.first().map(|y| y.ratio).unwrap_or_default();
    let rates = [c.exchange, c.backbone, c.cadre, coverage];
    for (label, r) in [0, 2, 3, 4].iter().map(|&i| &labels[i]).zip(rates) {
        out.push(kpi_sentence(label, &r));
    }
    let later = (s.school_years())
        .filter(|y| y.year > kpi.year)
        .map(|y| y.new_out)
        .sum::<u32>();
    if later > 0 {
        out.push(t!("html.lead.later", n = later).into_owned());
    }
    out.push(match &s.baseline {
        Some(d) => t!(
            "html.lead.baseline",
            baseline = d.baseline,
            kept = d.counts.kept,
            dropped = d.counts.dropped,
            added = d.counts.added,
            moved = d.counts.moved
        )
        .into_owned(),
        None => t!("html.lead.no_baseline").into_owned(),
    });
    out
}

fn kpi_sentence(figure: &str, r: &Ratio) -> String {
    let value = ratio_text(r);
    match (r.target, r.met) {
        (Some(target), Some(true)) => t!(
            "html.lead.kpi_met",
            figure = figure,
            value = value,
            target = share_text(target)
        ),
        (Some(target), Some(false)) => t!(
            "html.lead.kpi_missed",
            figure = figure,
            value = value,
            target = share_text(target)
        ),
        _ => t!("html.lead.kpi_plain", figure = figure, value = value),
    }
    .into_owned()
}
