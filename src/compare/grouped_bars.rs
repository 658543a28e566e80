//! Grouped bar charts in SVG: one group per figure, one bar per variant.

use maud::{html, Markup};

use crate::report::fmt_amount;
use crate::report::html::fmt1;

/// One colour per variant in `compare`'s charts, up to six variants.
const VARIANT_COLORS: [&str; 6] = [
    "#495057", "#1c7ed6", "#e8590c", "#2f9e44", "#9c36b5", "#f08c00",
];

/// The colour of variant `v` of `n`: the palette up to six, else `n` hues evenly around
/// the wheel, so that no two variants share a colour.
pub(super) fn variant_color(v: usize, n: usize) -> String {
    if n <= VARIANT_COLORS.len() {
        VARIANT_COLORS[v % VARIANT_COLORS.len()].to_string()
    } else {
        let hue = 360.0 * v as f64 / n as f64;
        let light = if v.is_multiple_of(2) { 40 } else { 55 };
        format!("hsl({hue:.0}, 70%, {light}%)")
    }
}

/// The narrowest bar whose value is written on it: below, the values of side-by-side bars
/// would run into each other ("206236256"); the value is then in the bar's tooltip and in
/// the table under the charts.
const MIN_LABELLED_BAR: f64 = 30.0;

/// Grouped bars: one group per category, one bar per variant in it (`values[category]
/// [variant]`, `None` where a variant has no figure). Bars grow up from zero, down for
/// negative values.
pub(super) fn grouped_bars(
    title: &str,
    categories: &[String],
    variants: &[String],
    values: &[Vec<Option<f64>>],
) -> Markup {
    let (w, h, top, bottom) = (520.0, 220.0, 24.0, 34.0);
    let all = values.iter().flatten().flatten().copied();
    let hi = all.clone().fold(0.0, f64::max);
    let lo = all.fold(0.0, f64::min);
    let span = (hi - lo).max(1e-9);
    let plot = h - top - bottom;
    let zero = top + plot * hi / span;
    let gw = (w - 20.0) / categories.len().max(1) as f64;
    let bw = (gw - 12.0) / variants.len().max(1) as f64;
    html! {
        figure.grouped {
            figcaption { (title) }
            svg.grouped-bars viewBox=(format!("0 0 {w} {h}")) {
                line.axis x1="10" x2=(fmt1(w - 10.0)) y1=(fmt1(zero)) y2=(fmt1(zero)) {}
                @for (c, cat) in categories.iter().enumerate() {
                    @let gx = 10.0 + gw * c as f64 + 6.0;
                    @for (v, label) in variants.iter().enumerate() {
                        @let value = values[c].get(v).copied().flatten();
                        (variant_bar(label, value, gx + bw * v as f64, bw, zero, plot / span, (v, variants.len())))
                    }
                    text.category x=(fmt1(gx + (gw - 12.0) / 2.0)) y=(fmt1(h - 12.0)) { (cat) }
                }
            }
        }
    }
}

fn variant_bar(
    label: &str,
    value: Option<f64>,
    x: f64,
    bw: f64,
    zero: f64,
    per_unit: f64,
    (v, n): (usize, usize),
) -> Markup {
    let color = variant_color(v, n);
    let len = value.map_or(0.0, |x| x.abs() * per_unit);
    let y = if value.unwrap_or(0.0) < 0.0 {
        zero
    } else {
        zero - len
    };
    let shown = value.map_or("-".to_string(), fmt_amount);
    let text_y = if value.unwrap_or(0.0) < 0.0 {
        y + len + 11.0
    } else {
        y - 3.0
    };
    html! {
        g.variant-bar data-variant=(label) {
            title { (label) ": " (shown) }
            rect x=(fmt1(x)) y=(fmt1(y)) width=(fmt1((bw - 2.0).max(1.0))) height=(fmt1(len)) fill=(color) {}
            @if bw >= MIN_LABELLED_BAR {
                text.value x=(fmt1(x + bw / 2.0)) y=(fmt1(text_y)) { (shown) }
            }
        }
    }
}
