//! Plain text tables for the terminal: numbers right-aligned, names left, in columns as
//! wide as the terminal shows them.

use unicode_width::UnicodeWidthStr;

/// Left-aligns `s` in `width` terminal columns (Chinese characters take two).
fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Whether a cell reads as a number (`12`, `-1`, `+1`, `4.5`, `0.0000%`, `7/15`), so it is
/// right-aligned.
fn numeric(c: &str) -> bool {
    let number = |t: &str| {
        let t = t.trim_end_matches('%').trim_start_matches('+');
        !t.is_empty() && t.parse::<f64>().is_ok()
    };
    // `7/15` (starts out against the cap) lines up like a number.
    match c.split_once('/') {
        Some((a, b)) => number(a) && number(b),
        None => number(c),
    }
}

/// A plain text table: header row, rule, rows; columns of numbers right-aligned, text left,
/// so the names (often Chinese, two columns a character) line up.
pub(crate) fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header
        .iter()
        .map(|h| UnicodeWidthStr::width(h.as_str()))
        .collect();
    let mut right = vec![!rows.is_empty(); n];
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(UnicodeWidthStr::width(c.as_str()));
            right[i] &= c.is_empty() || numeric(c);
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from("  ");
        for (i, c) in cells.iter().enumerate().take(n) {
            if i > 0 {
                s.push_str("  ");
            }
            if right[i] {
                let w = UnicodeWidthStr::width(c.as_str());
                s.push_str(&" ".repeat(widths[i].saturating_sub(w)));
                s.push_str(c);
            } else {
                s.push_str(&pad(c, widths[i]));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header);
    out.push('\n');
    out.push_str(&format!(
        "  {}\n",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (n - 1))
    ));
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}
