//! The map of a plan: every school at its coordinates (or, when a school has none, in a
//! schematic of its group), and one arrow per (home, host) pair and direction with its
//! count, the years a filter; above [`TABLE_ABOVE`] arrows a table of the flows beside it.

use std::collections::BTreeMap;

use maud::{html, Markup};
use rust_i18n::t;

use super::svg::fmt1;
use crate::domain::{Post, Role};
use crate::instance::plan::Plan;
use crate::instance::{Instance, PersonId, SchoolId};

/// One colour per group (cycled), light enough to read a label on.
const GROUP_COLORS: [&str; 10] = [
    "#4c6ef5", "#f76707", "#37b24d", "#ae3ec9", "#1098ad", "#f59f00", "#e64980", "#74b816",
    "#7048e8", "#d6336c",
];
/// The arrows' colours by the exchange's kind: 支教 (core → member), 跟岗 (member → core),
/// any other. None is the red (`--bad`) or green (`--ok`) that mean missed and met on the
/// same page.
const KIND_COLORS: [(&str, &str); 3] = [
    ("support", "#1864ab"),
    ("shadowing", "#862e9c"),
    ("exchange", "#495057"),
];
/// Above this many arrows they cross too much to be read: a table of the flows follows the
/// map.
pub(super) const TABLE_ABOVE: usize = 40;

/// Width of the map's drawing in SVG units; its height follows the schools' spread.
const WIDTH: f64 = 1000.0;
/// The tallest the drawing of a county's coordinates gets, in SVG units.
const MAX_HEIGHT: f64 = 700.0;
/// Room kept free around the schools.
const PAD: f64 = 40.0;
/// Room on the right for the labels, which are written to the right of their school.
const LABEL_ROOM: f64 = 150.0;
/// Above this many schools only the core schools carry a label: the others would cover
/// each other and the arrows; every school still names itself on hover.
const LABEL_ALL_UP_TO: usize = 60;

/// Where each school is drawn, in SVG units.
struct Layout {
    pos: Vec<(f64, f64)>,
    height: f64,
    schematic: bool,
}

/// One flow: the people of one home school who start at one host, in any planned year.
struct Flow {
    home: SchoolId,
    host: SchoolId,
    /// Per start year, its people, in year order.
    years: BTreeMap<i32, Vec<PersonId>>,
}

impl Flow {
    fn count(&self) -> usize {
        self.years.values().map(Vec::len).sum()
    }

    fn people(&self) -> impl Iterator<Item = PersonId> + Clone + '_ {
        self.years.values().flatten().copied()
    }

    /// The exchange's kind by the schools' roles (the 备案表's types).
    fn kind(&self, inst: &Instance) -> usize {
        let member = |r| matches!(r, Some(Role::Trusteed | Role::Member));
        match (inst.school(self.home).role, inst.school(self.host).role) {
            (Some(Role::Core), r) if member(r) => 0,
            (r, Some(Role::Core)) if member(r) => 1,
            _ => 2,
        }
    }
}

/// The map section: the drawing, then its legend with a switch per year.
pub(super) fn section(inst: &Instance, plan: &Plan) -> Markup {
    let layout = layout(inst);
    let flows = flows(inst, plan);
    let years: Vec<i32> = inst.years().collect();
    let (note, kind) = if layout.schematic {
        (t!("html.map.schematic"), "schematic")
    } else {
        (t!("html.map.geographic"), "geographic")
    };
    html! {
        section #flows {
            h2 { (t!("html.map.title")) }
            p.note { (note) " " (t!("html.map.how", flows = flows.len(), starts = plan.starts.len())) }
            svg #map viewBox=(format!("0 0 {WIDTH} {}", fmt1(layout.height))) data-layout=(kind)
                role="img" aria-label=(t!("html.map.title")) {
                (markers())
                g.flows { @for f in &flows { (arrow(inst, &layout, f)) } }
                g.schools { @for s in inst.school_ids() { (school(inst, &layout, s)) } }
            }
            (legend(inst, &years))
            @if flows.len() > TABLE_ABOVE {
                p.note { (t!("html.map.table_note", flows = flows.len())) }
                (flow_table(inst, &flows, &years))
            }
        }
    }
}

/// The plan's starts grouped by (home, host), in that order, each with its years.
fn flows(inst: &Instance, plan: &Plan) -> Vec<Flow> {
    let mut by: BTreeMap<(SchoolId, SchoolId), BTreeMap<i32, Vec<PersonId>>> = BTreeMap::new();
    for s in &plan.starts {
        let home = inst.person(s.person).home;
        let years = by.entry((home, s.host)).or_default();
        years.entry(s.year).or_default().push(s.person);
    }
    by.into_iter()
        .map(|((home, host), years)| Flow { home, host, years })
        .collect()
}

/// The flows as a table, for a county whose arrows cross too much: from, to, per year.
fn flow_table(inst: &Instance, flows: &[Flow], years: &[i32]) -> Markup {
    html! {
        table #flow-table .sortable {
            thead { tr {
                th { (t!("html.map.from")) } th { (t!("html.map.to")) }
                @for y in years { th { (y) } }
                th { (t!("col.total")) }
            } }
            tbody {
                @for f in flows {
                    tr data-home=(inst.school(f.home).id) data-host=(inst.school(f.host).id) {
                        td { (inst.school(f.home).name) } td { (inst.school(f.host).name) }
                        @for y in years { td.num { (f.years.get(y).map_or(0, Vec::len)) } }
                        td.num { (f.count()) }
                    }
                }
            }
        }
    }
}

/// The schools at their coordinates, unless a school has none or two share a point (a
/// campus of two schools, or coordinates copied by mistake): their arrows would vanish.
fn layout(inst: &Instance) -> Layout {
    let coords: Option<Vec<(f64, f64)>> = inst.schools.iter().map(|s| s.coords).collect();
    match coords {
        Some(c) if c.len() > 1 && all_apart(&c) => geographic(&c),
        _ => schematic(inst),
    }
}

/// No two points closer than about 10 m.
fn all_apart(points: &[(f64, f64)]) -> bool {
    let mut keys: Vec<(i64, i64)> = (points.iter())
        .map(|&(lat, lon)| ((lat * 1e4).round() as i64, (lon * 1e4).round() as i64))
        .collect();
    keys.sort_unstable();
    keys.windows(2).all(|w| w[0] != w[1])
}

/// Longitude scaled by the cosine of the mean latitude (a county is small enough for a
/// flat map), north up, fitted to the width.
fn geographic(coords: &[(f64, f64)]) -> Layout {
    let lat0 = coords.iter().map(|c| c.0).sum::<f64>() / coords.len() as f64;
    let k = lat0.to_radians().cos();
    let xy: Vec<(f64, f64)> = coords.iter().map(|&(lat, lon)| (lon * k, -lat)).collect();
    let (min_x, max_x) = extent(xy.iter().map(|p| p.0));
    let (min_y, max_y) = extent(xy.iter().map(|p| p.1));
    let (dx, dy) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
    let scale = ((WIDTH - 2.0 * PAD - LABEL_ROOM) / dx).min((MAX_HEIGHT - 2.0 * PAD) / dy);
    let (used_w, used_h) = (dx * scale, dy * scale);
    let left = (WIDTH - LABEL_ROOM - used_w) / 2.0;
    let pos = xy
        .iter()
        .map(|&(x, y)| (left + (x - min_x) * scale, PAD + (y - min_y) * scale))
        .collect();
    Layout {
        pos,
        height: used_h + 2.0 * PAD,
        schematic: false,
    }
}

fn extent(v: impl Iterator<Item = f64>) -> (f64, f64) {
    v.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    })
}

/// Each group in a cell of a grid, its core in the middle and its members around it;
/// schools in no group share a last cell.
fn schematic(inst: &Instance) -> Layout {
    let mut cells: Vec<Vec<SchoolId>> = inst
        .groups
        .iter()
        .map(|g| {
            let mut c = vec![g.core];
            c.extend(g.trusteed.iter().chain(&g.members));
            c
        })
        .collect();
    let loose: Vec<SchoolId> = (inst.school_ids())
        .filter(|&s| inst.school(s).group.is_none())
        .collect();
    if !loose.is_empty() {
        cells.push(loose);
    }
    let cols = (cells.len() as f64).sqrt().ceil().max(1.0) as usize;
    let side = WIDTH / cols as f64;
    let mut pos = vec![(WIDTH / 2.0, side / 2.0); inst.schools.len()];
    for (i, cell) in cells.iter().enumerate() {
        let centre = (
            side * ((i % cols) as f64 + 0.5),
            side * ((i / cols) as f64 + 0.5),
        );
        place_cell(&mut pos, cell, centre, side * 0.32);
    }
    let rows = cells.len().div_ceil(cols).max(1);
    Layout {
        pos,
        height: side * rows as f64,
        schematic: true,
    }
}

/// The first school of a group's cell (its core) in the centre, the others on a ring.
fn place_cell(pos: &mut [(f64, f64)], cell: &[SchoolId], centre: (f64, f64), r: f64) {
    let ring = &cell[1..];
    pos[cell[0].ix()] = centre;
    for (k, s) in ring.iter().enumerate() {
        let a = std::f64::consts::TAU * k as f64 / ring.len() as f64 - std::f64::consts::FRAC_PI_2;
        pos[s.ix()] = (centre.0 + r * a.cos(), centre.1 + r * a.sin());
    }
}

/// Node radius by role: the core stands out, schools in no group are small.
fn radius(role: Option<Role>) -> f64 {
    match role {
        Some(Role::Core) => 9.0,
        Some(Role::Trusteed | Role::Member) => 6.5,
        None => 5.0,
    }
}

/// One arrow per pair and direction, curved to the left of its direction so that the two
/// directions of a pair stay apart, its count at the bend; solid when a backbone teacher or
/// a cadre goes, dashed when only other teachers do; coloured by the exchange's kind.
fn arrow(inst: &Instance, l: &Layout, f: &Flow) -> Markup {
    let (a, b) = (l.pos[f.home.ix()], l.pos[f.host.ix()]);
    let (ra, rb) = (
        radius(inst.school(f.home).role),
        radius(inst.school(f.host).role) + 3.0,
    );
    let bend = 0.15;
    let d = curve(a, b, ra, rb, bend);
    let key = f.people().any(|p| inst.person(p).is_cadre_or_backbone());
    let n = f.count();
    let width = 1.2 + 1.3 * (n as f64).sqrt();
    let (home, host) = (inst.school(f.home), inst.school(f.host));
    let lines: Vec<String> = (f.years.iter())
        .map(|(year, people)| {
            let names: Vec<String> = people
                .iter()
                .map(|&p| person_label(inst.person(p)))
                .collect();
            t!(
                "html.map.flow_title",
                home = home.name,
                host = host.name,
                year = year,
                n = people.len(),
                names = names.join(&*t!("html.map.name_sep"))
            )
            .into_owned()
        })
        .collect();
    let years: Vec<String> = f.years.keys().map(|y| y.to_string()).collect();
    let (kind, color) = KIND_COLORS[f.kind(inst)];
    let class = if key { "flow key" } else { "flow plain" };
    // The count sits at the curve's midpoint: half way to the control point.
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mid = (
        (a.0 + b.0) / 2.0 + dy * bend / 2.0,
        (a.1 + b.1) / 2.0 - dx * bend / 2.0,
    );
    html! {
        g.flow-pair data-years=(years.join(" ")) {
            path class=(class) d=(d) data-home=(home.id) data-host=(host.id) data-years=(years.join(" "))
                data-kind=(kind) data-staff=(n) stroke=(color) stroke-width=(fmt1(width))
                marker-end=(format!("url(#arrow-{kind})")) {
                title { (lines.join("\n")) }
            }
            text.count x=(fmt1(mid.0)) y=(fmt1(mid.1)) fill=(color) { (n) }
        }
    }
}

/// A person as the map names them: name, then backbone or cadre.
fn person_label(p: &crate::instance::Person) -> String {
    let mut s = if p.name.is_empty() {
        p.id.clone()
    } else {
        p.name.clone()
    };
    if p.post != Post::Teacher {
        s += &t!(
            "html.map.tag_post",
            post = crate::report::workbook::post_word(p.post)
        );
    } else if p.backbone {
        s += &t!("html.map.tag_backbone");
    }
    s
}

/// A quadratic curve from the rim of the node at `a` to the rim of the node at `b`.
fn curve(a: (f64, f64), b: (f64, f64), ra: f64, rb: f64, bend: f64) -> String {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    // The control point sits off the midpoint, to the left of the direction of travel.
    let c = (
        (a.0 + b.0) / 2.0 + uy * len * bend,
        (a.1 + b.1) / 2.0 - ux * len * bend,
    );
    let toward = |from: (f64, f64), r: f64| {
        let (vx, vy) = (c.0 - from.0, c.1 - from.1);
        let n = (vx * vx + vy * vy).sqrt().max(1e-9);
        (from.0 + vx / n * r, from.1 + vy / n * r)
    };
    let (s, e) = (toward(a, ra), toward(b, rb));
    format!(
        "M{} {} Q{} {} {} {}",
        fmt1(s.0),
        fmt1(s.1),
        fmt1(c.0),
        fmt1(c.1),
        fmt1(e.0),
        fmt1(e.1)
    )
}

/// One arrowhead per kind colour.
fn markers() -> Markup {
    html! {
        defs {
            @for (kind, color) in KIND_COLORS {
                marker id=(format!("arrow-{kind}")) viewBox="0 0 10 10" refX="8" refY="5"
                    markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto" {
                    path d="M0 0 L10 5 L0 10 z" fill=(color) {}
                }
            }
        }
    }
}

/// A school: its shape by role, its colour by group, its name on hover (and beside it
/// when there are few schools, or when it is a core).
fn school(inst: &Instance, l: &Layout, s: SchoolId) -> Markup {
    let sc = inst.school(s);
    let (x, y) = l.pos[s.ix()];
    let color = sc
        .group
        .map_or("#868e96", |g| GROUP_COLORS[g.ix() % GROUP_COLORS.len()]);
    let r = radius(sc.role);
    let group = sc.group.map(|g| inst.groups[g.ix()].name.as_str());
    let role = sc
        .role
        .map(|r| t!(format!("role.{}", r.as_str())).into_owned());
    let title = [Some(sc.name.as_str()), group, role.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let labelled = inst.schools.len() <= LABEL_ALL_UP_TO || sc.role == Some(Role::Core);
    html! {
        g.school data-school=(sc.id) {
            title { (title) " (" (sc.id) ")" }
            @match sc.role {
                Some(Role::Trusteed) => rect x=(fmt1(x - r)) y=(fmt1(y - r)) width=(fmt1(2.0 * r))
                    height=(fmt1(2.0 * r)) fill=(color) {},
                _ => circle cx=(fmt1(x)) cy=(fmt1(y)) r=(fmt1(r)) fill=(color)
                    class=[(sc.role == Some(Role::Core)).then_some("core")] {},
            }
            @if labelled {
                text x=(fmt1(x + r + 3.0)) y=(fmt1(y + 4.0)) { (sc.name) }
            }
        }
    }
}

/// What the colours, shapes and lines mean, and a switch to show each year's arrows.
fn legend(inst: &Instance, years: &[i32]) -> Markup {
    html! {
        div.legend {
            span.item { svg.swatch viewBox="0 0 20 20" { circle.core cx="10" cy="10" r="8" fill="#adb5bd" {} } (t!("role.core")) }
            span.item { svg.swatch viewBox="0 0 20 20" { rect x="4" y="4" width="12" height="12" fill="#adb5bd" {} } (t!("role.trusteed")) }
            span.item { svg.swatch viewBox="0 0 20 20" { circle cx="10" cy="10" r="6" fill="#adb5bd" {} } (t!("role.member")) }
            span.item { svg.swatch viewBox="0 0 30 20" { line.key x1="2" y1="10" x2="28" y2="10" stroke="#495057" stroke-width="3" {} } (t!("html.map.key_flow")) }
            span.item { svg.swatch viewBox="0 0 30 20" { line.plain x1="2" y1="10" x2="28" y2="10" stroke="#495057" stroke-width="3" {} } (t!("html.map.plain_flow")) }
            @for (kind, color) in KIND_COLORS {
                span.item { span.dot style=(format!("background:{color}")) {} (t!(format!("report.type.{kind}"))) }
            }
            @for y in years {
                label.item.year {
                    input type="checkbox" checked data-year=(y) {}
                    (t!("html.map.year", year = y))
                }
            }
            @if !inst.groups.is_empty() {
                div.groups {
                    @for (i, g) in inst.groups.iter().enumerate() {
                        span.item { span.dot style=(format!("background:{}", GROUP_COLORS[i % GROUP_COLORS.len()])) {} (g.name) }
                    }
                }
            }
        }
    }
}
