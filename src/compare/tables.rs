//! What `compare` prints: the warning when weights differ, the side-by-side table of the
//! variants' figures, and each variant's differences from the first.

use std::fmt::Write as _;

use rust_i18n::t;

use super::across::WeightDiff;
use super::diff::PersonDiff;
use super::metrics::Metrics;
use crate::report::{gap_text, opt_num, status_word, table};

/// The warning printed before the table when weights differ: each weight with its value
/// per variant, and what that means for the objective.
pub(crate) fn render_weights_warning(diffs: &[WeightDiff]) -> Option<String> {
    if diffs.is_empty() {
        return None;
    }
    let weights: Vec<String> = diffs
        .iter()
        .map(|d| {
            let each: Vec<String> = d
                .values
                .iter()
                .map(|v| {
                    let (value, variant) = (v.value, &v.variant);
                    t!("compare.weight_value", value = value, variant = variant).into_owned()
                })
                .collect();
            format!("{} {}", d.weight, each.join(" vs "))
        })
        .collect();
    let weights = weights.join("; ");
    Some(t!("compare.weights_differ", weights = weights).into_owned())
}

fn ratio(a: Option<u32>, b: Option<u32>) -> String {
    match (a, b) {
        (Some(a), Some(0)) => format!("{a}/-"),
        (Some(a), Some(b)) => format!("{a}/{b} ({:.0}%)", 100.0 * a as f64 / b as f64),
        _ => "-".into(),
    }
}

/// A count, or `-` where the variant has no plan to count in.
fn count<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".into(), |x| x.to_string())
}

/// The side-by-side table: one column per variant, one row per figure.
/// The objective row, and each term whose weight differs between variants, is marked `*`
/// with a footnote under the table.
pub(crate) fn render_table(ms: &[Metrics], diffs: &[WeightDiff]) -> String {
    let mut header = vec!["".to_string()];
    header.extend(ms.iter().map(|m| m.variant.clone()));
    type Row = (std::borrow::Cow<'static, str>, fn(&Metrics) -> String);
    let rows: Vec<Row> = vec![
        (t!("tools.compare.status"), |m| status_word(&m.status)),
        (t!("tools.compare.objective"), |m| opt_num(m.objective, 3)),
        (t!("tools.compare.distance_km"), |m| {
            opt_num(m.distance_km, 3)
        }),
        (t!("tools.compare.preference_rank"), |m| {
            opt_num(m.preference_rank, 3)
        }),
        (t!("tools.compare.promotion"), |m| opt_num(m.promotion, 3)),
        (t!("tools.compare.overdue"), |m| opt_num(m.overdue, 3)),
        (t!("tools.compare.equity"), |m| opt_num(m.equity, 3)),
        (t!("tools.compare.slack"), |m| opt_num(m.slack, 3)),
        (t!("tools.compare.moves"), |m| count(m.moves)),
        (t!("tools.compare.backbone"), |m| count(m.moves_backbone)),
        (t!("tools.compare.cadre"), |m| count(m.moves_cadre)),
        (t!("tools.compare.quota"), |m| {
            ratio(m.quota_sent, m.quota_need)
        }),
        (t!("tools.compare.flow"), |m| ratio(m.flow_sent, m.flow_min)),
        (t!("tools.compare.flow_back"), |m| count(m.flow_back)),
        (t!("tools.compare.coverage_slack"), |m| {
            count(m.coverage_slack)
        }),
        (t!("tools.compare.at_minimum"), |m| count(m.coverage_at_min)),
        (t!("tools.compare.commute_mean"), |m| {
            opt_num(m.commute_mean_km, 1)
        }),
        (t!("tools.compare.commute_max"), |m| {
            opt_num(m.commute_max_km, 1)
        }),
        (t!("tools.compare.schools_touched"), |m| {
            count(m.schools_touched)
        }),
        (t!("tools.compare.broken_rules"), |m| count(m.broken_rules)),
        (t!("tools.compare.solve_ms"), |m| {
            format!("{:.0}", m.solve_ms)
        }),
        (t!("tools.compare.gap"), |m| gap_text(m.gap)),
    ];
    // The objective (row 1) and its terms (rows 2 to 7, each named after its weight).
    let terms = [
        "distance_km",
        "preference_rank",
        "promotion",
        "overdue",
        "equity",
        "slack",
    ];
    let marked = |i: usize| {
        let term = i.checked_sub(2).and_then(|k| terms.get(k));
        !diffs.is_empty() && (i == 1 || term.is_some_and(|k| diffs.iter().any(|d| d.weight == *k)))
    };
    let body: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, f))| {
            let mark = if marked(i) { " *" } else { "" };
            let mut r = vec![format!("{name}{mark}")];
            r.extend(ms.iter().map(f));
            r
        })
        .collect();
    let mut out = table(&header, &body);
    if !diffs.is_empty() {
        let _ = writeln!(out, "{}", t!("compare.footnote"));
    }
    out
}

/// The printed diff of one variant against the first, at most `limit` people listed; the
/// rest are in `diff_csv`, the file `--out` writes, or, without `--out`, would be.
pub(crate) fn render_diff(
    first: &str,
    changes: &[PersonDiff],
    variant: &str,
    limit: usize,
    diff_csv: Option<&std::path::Path>,
) -> String {
    let mut o = String::new();
    let count = |k: &str| changes.iter().filter(|c| c.change == k).count();
    let line = t!(
        "tools.compare.diff",
        variant = variant,
        first = first,
        only_first = count("only-first"),
        only_this = count("only-this"),
        elsewhere = count("elsewhere"),
        other_year = count("other-year")
    );
    let _ = writeln!(o, "{line}");
    if changes.is_empty() {
        return o;
    }
    let header: Vec<String> = [
        t!("tools.compare.col.person").as_ref(),
        &t!("tools.compare.col.name"),
        &t!("tools.compare.col.home"),
        first,
        variant,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let dash = |s: &str| {
        if s.is_empty() {
            t!("tools.compare.stays").into_owned()
        } else {
            s.to_string()
        }
    };
    // Changes of who moves and where come first; a change of start year alone is the
    // least news (the later years are tentative, and equal-cost years are common).
    let mut shown: Vec<&PersonDiff> = changes.iter().collect();
    shown.sort_by_key(|c| c.change == "other-year");
    let rows: Vec<Vec<String>> = shown
        .into_iter()
        .take(limit)
        .map(|c| {
            vec![
                c.person_id.clone(),
                c.name.clone(),
                c.home_school.clone(),
                dash(&c.first),
                dash(&c.this),
            ]
        })
        .collect();
    o.push_str(&table(&header, &rows));
    if changes.len() > limit {
        let n = changes.len() - limit;
        let more = match diff_csv {
            Some(file) => t!("tools.compare.more_in", n = n, file = file.display()),
            None => t!("tools.compare.more_with_out", n = n),
        };
        let _ = writeln!(o, "{more}");
    }
    o
}
