//! Small bar charts drawn as SVG: per school and year, what the plan does against each
//! rule's limit.

use maud::{html, Markup};
use rust_i18n::t;

use super::svg::fmt1;
use crate::check::SchoolYear;
use crate::summary::{SchoolSummary, Summary};

/// Width of the row labels of a school chart.
const LABEL_W: f64 = 64.0;
/// Width of one year's bars in a school chart.
const YEAR_W: f64 = 210.0;
/// Height of one bar's row.
const ROW_H: f64 = 18.0;
/// Room above the rows for the year.
const TOP: f64 = 16.0;
/// Years side by side in a school's chart; more go on further bands, so that a long
/// horizon keeps the text readable.
const YEARS_PER_BAND: usize = 2;
/// The four bars of a year.
const ROWS: [&str; 4] = ["out", "in", "net", "backbone"];

/// One bar of a school chart: a value against its marks (a need, a cap, a target).
struct Bar {
    /// Which figure of the school-year it shows (`data-figure`, for tests and scripts).
    figure: &'static str,
    value: f64,
    marks: Vec<(&'static str, f64, String)>,
    /// The value breaks the rule the marks stand for.
    bad: bool,
}

/// Every school's chart, in school order.
pub(super) fn schools_section(s: &Summary) -> Markup {
    let limit = s.policy_values.max_net_change as f64;
    html! {
        section #schools {
            h2 { (t!("html.schools.title")) }
            p.note { (t!("html.schools.how", limit = limit)) }
            div.charts {
                @for school in &s.schools { (school_chart(school, limit)) }
            }
        }
    }
}

fn school_chart(school: &SchoolSummary, limit: f64) -> Markup {
    let n = school.years.len().max(1);
    let band_h = TOP + ROW_H * ROWS.len() as f64 + 4.0;
    let width = LABEL_W + YEAR_W * n.min(YEARS_PER_BAND) as f64;
    let height = band_h * n.div_ceil(YEARS_PER_BAND) as f64;
    let role = school
        .role
        .map(|r| t!(format!("role.{}", r.as_str())).into_owned());
    html! {
        figure.school-chart data-school=(school.id) {
            figcaption {
                strong { (school.name) } " " span.id { (school.id) }
                @if let Some(role) = role { " · " (role) }
                @if let Some(y) = school.years.first() { " · " (t!("html.schools.staff", n = y.home_staff)) }
            }
            svg.bars viewBox=(format!("0 0 {} {}", fmt1(width), fmt1(height))) width=(fmt1(width)) {
                @for band in 0..n.div_ceil(YEARS_PER_BAND) {
                    @for (r, key) in ROWS.iter().enumerate() {
                        text.label x="0" y=(fmt1(band_h * band as f64 + TOP + ROW_H * r as f64 + 13.0)) { (t!(format!("html.schools.row.{key}"))) }
                    }
                }
                @for (i, y) in school.years.iter().enumerate() {
                    @let x = LABEL_W + YEAR_W * (i % YEARS_PER_BAND) as f64;
                    g transform=(format!("translate(0 {})", fmt1(band_h * (i / YEARS_PER_BAND) as f64))) {
                        (year_bars(y, x, limit))
                    }
                }
            }
            p.subjects {
                @for (i, y) in school.years.iter().enumerate() {
                    @if i > 0 { " · " }
                    (subjects_line(y))
                }
            }
        }
    }
}

/// One year's four bars: starts out (against the quota's need and the stability cap),
/// starts in, net change (against ± the headcount limit), backbone present (against the
/// equity target).
fn year_bars(y: &SchoolYear, x: f64, limit: f64) -> Markup {
    let net = y.net as f64;
    let mut out = Bar::of("new_out", y.new_out as f64);
    if let Some(need) = y.quota_need {
        out = out.mark("need", need as f64, t!("html.schools.need", n = need));
        out.bad |= y.new_out < need;
    }
    if let Some(cap) = y.out_cap {
        out = out.mark("cap", cap as f64, t!("html.schools.cap", n = cap));
        out.bad |= y.new_out > cap;
    }
    let mut backbone = Bar::of("backbone_present", y.backbone_present as f64);
    if let Some(target) = y.backbone_target {
        let text = t!("html.schools.target", n = target);
        backbone = backbone.mark("target", target as f64, text);
        backbone.bad = y.backbone_present < target;
    }
    let plain = [out, Bar::of("new_in", y.new_in as f64)];
    let scale = plain.iter().flat_map(Bar::extent).fold(1.0, f64::max);
    let bb_scale = backbone.extent().fold(1.0, f64::max);
    html! {
        g.year data-year=(y.year) {
            text.year x=(fmt1(x)) y="11" { (y.year) }
            @for (r, bar) in plain.iter().enumerate() { (bar.draw(x, r, scale)) }
            (net_bar(net, limit, x))
            (backbone.draw(x, 3, bb_scale))
        }
    }
}

/// Net change drawn from the middle: right for a surplus, left for a deficit, the band
/// of ± the limit behind it.
fn net_bar(net: f64, limit: f64, x: f64) -> Markup {
    let half = (YEAR_W - 40.0) / 2.0;
    let scale = net.abs().max(limit).max(1.0);
    let mid = x + half;
    let y = TOP + ROW_H * 2.0 + 3.0;
    let w = net.abs() / scale * half;
    let band = limit / scale * half;
    let class = if net.abs() > limit { "bar bad" } else { "bar" };
    html! {
        rect.band x=(fmt1(mid - band)) y=(fmt1(y)) width=(fmt1(2.0 * band)) height="12" {
            title { (t!("html.schools.band", limit = limit)) }
        }
        rect class=(class) x=(fmt1(if net < 0.0 { mid - w } else { mid })) y=(fmt1(y))
            width=(fmt1(w)) height="12" data-figure="net" data-value=(net) {}
        line.axis x1=(fmt1(mid)) x2=(fmt1(mid)) y1=(fmt1(y - 2.0)) y2=(fmt1(y + 14.0)) {}
        text.value x=(fmt1(x + 2.0 * half + 4.0)) y=(fmt1(y + 10.0)) { (format!("{net:+}")) }
    }
}

impl Bar {
    fn of(figure: &'static str, value: f64) -> Bar {
        Bar {
            figure,
            value,
            marks: Vec::new(),
            bad: false,
        }
    }

    fn mark(mut self, class: &'static str, at: f64, title: impl Into<String>) -> Bar {
        self.marks.push((class, at, title.into()));
        self
    }

    /// The largest figure the bar must show.
    fn extent(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.value).chain(self.marks.iter().map(|m| m.1))
    }

    fn draw(&self, x: f64, row: usize, scale: f64) -> Markup {
        let full = YEAR_W - 40.0;
        let y = TOP + ROW_H * row as f64 + 3.0;
        let class = if self.bad { "bar bad" } else { "bar" };
        html! {
            rect class=(class) x=(fmt1(x)) y=(fmt1(y)) width=(fmt1(self.value / scale * full)) height="12"
                data-figure=(self.figure) data-value=(self.value) {}
            @for (class, at, title) in &self.marks {
                @let mx = x + at / scale * full;
                line class=(format!("mark {class}")) x1=(fmt1(mx)) x2=(fmt1(mx)) y1=(fmt1(y - 2.0)) y2=(fmt1(y + 14.0)) {
                    title { (title) }
                }
            }
            text.value x=(fmt1(x + full + 4.0)) y=(fmt1(y + 10.0)) { (self.value) }
        }
    }
}

/// A year's subjects: those with a minimum that meet it, and the subjects kept (rule 7).
fn subjects_line(y: &SchoolYear) -> Markup {
    let met = y.coverage.iter().filter(|c| c.present >= c.min).count();
    let short: Vec<&str> = (y.coverage.iter())
        .filter(|c| c.present < c.min)
        .map(|c| c.subject.as_str())
        .collect();
    let kept = match (y.subjects_kept, y.subjects_taught) {
        (Some(k), Some(n)) => t!("html.schools.kept", kept = k, taught = n).into_owned(),
        _ => String::new(),
    };
    html! {
        span class=(if short.is_empty() && y.subjects_kept == y.subjects_taught { "ok" } else { "bad" }) {
            (t!("html.schools.coverage", year = y.year, met = met, all = y.coverage.len()))
            @if !short.is_empty() { " (" (t!("html.schools.short", subjects = short.join("、"))) ")" }
            (kept)
        }
    }
}
