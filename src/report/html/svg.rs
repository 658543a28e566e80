//! Numbers as the SVG drawings write them.

/// An SVG coordinate with one decimal: enough on screen and on paper, and it keeps the
/// file small at county scale.
pub(crate) fn fmt1(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}
