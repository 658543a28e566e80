//! The `[[groups]]` and `[[schools]]` tables.

use rust_i18n::t;

use super::raw_scenario::{RawGroup, RawSchool};
use super::table_reader::{entry, TableReader};
use crate::error::Diagnostics;
use crate::input::toml_with_lines::{Node, Val};

/// The keys of a `[[groups]]` table.
const GROUP_KEYS: &[&str] = &["id", "name", "core", "trusteed", "members"];
/// The keys of a `[[schools]]` table.
const SCHOOL_KEYS: &[&str] = &["id", "name", "lat", "lon", "min_subject"];

/// Every `[[groups]]` table with an id and a core.
pub(super) fn groups(root: &TableReader, diags: &mut Diagnostics) -> Vec<RawGroup> {
    let mut groups = Vec::new();
    for (i, t) in root.tables("groups", diags).into_iter().enumerate() {
        let r = entry(root, "groups", i, t, GROUP_KEYS, diags);
        let id = r.str_req("id", diags);
        let core = r.str_req("core", diags);
        let name = r.str_opt("name", diags).map(|l| l.text);
        let trusteed = r.str_list("trusteed", diags);
        let members = r.str_list("members", diags);
        if let (Some(id), Some(core)) = (id, core) {
            groups.push(RawGroup {
                name: name.unwrap_or_else(|| id.text.clone()),
                id,
                core,
                trusteed,
                members,
            });
        }
    }
    groups
}

/// Every `[[schools]]` table read without a problem.
pub(super) fn schools(root: &TableReader, diags: &mut Diagnostics) -> Vec<RawSchool> {
    let mut schools = Vec::new();
    for (i, t) in root.tables("schools", diags).into_iter().enumerate() {
        let r = entry(root, "schools", i, t, SCHOOL_KEYS, diags);
        schools.extend(school(&r, diags));
    }
    schools
}

/// One `[[schools]]` table; `None` when it has a problem (reported).
fn school(r: &TableReader, diags: &mut Diagnostics) -> Option<RawSchool> {
    let id = r.str_req("id", diags);
    let name = r.str_opt("name", diags).map(|l| l.text);
    let coords = coords(r, diags);
    let (min_subject, min_subject_lines) = min_subject(r, diags).into_iter().unzip();
    let id = id?;
    Some(RawSchool {
        name: name.unwrap_or_else(|| id.text.clone()),
        id,
        coords: coords?,
        min_subject,
        min_subject_lines,
    })
}

/// `lat` and `lon`: both (in range), or neither, when the distance table gives every
/// distance the school needs (checked once the instance is known). `None`: a problem.
fn coords(r: &TableReader, diags: &mut Diagnostics) -> Option<Option<(f64, f64)>> {
    let (lat, lon) = (r.num_opt("lat", diags), r.num_opt("lon", diags));
    let line = |key: &str| r.table.get(key).map(|n| n.line);
    let (a, b) = match (lat, lon, line("lat"), line("lon")) {
        (Some(a), Some(b), _, _) => (a, b),
        (None, None, None, None) => return Some(None),
        (_, _, Some(_), Some(_)) => return None, // a wrong type, reported already
        (_, _, given, _) => {
            let (has, lacks) = if given.is_some() {
                ("lat", "lon")
            } else {
                ("lon", "lat")
            };
            diags.push(
                "E1027",
                r.file,
                line(has),
                t!(
                    "input.coord_half",
                    place = r.where_,
                    has = has,
                    lacks = lacks
                ),
                t!("input.coord_half_fix", has = has, lacks = lacks),
            );
            return None;
        }
    };
    if !(-90.0..=90.0).contains(&a) || !(-180.0..=180.0).contains(&b) {
        diags.push(
            "E1027",
            r.file,
            line(if (-90.0..=90.0).contains(&a) {
                "lon"
            } else {
                "lat"
            }),
            t!("input.coords_range", place = r.where_, lat = a, lon = b),
            t!("input.coordinates_fix"),
        );
    }
    Some(Some((a, b)))
}

/// The largest minimum of one subject at one school: more staff than any school has.
const MAX_MIN_SUBJECT: i64 = 10_000;

/// `[schools.min_subject]`: subject = minimum staff present, each with its line.
fn min_subject(r: &TableReader, diags: &mut Diagnostics) -> Vec<((String, u32), usize)> {
    let mut min_subject = Vec::new();
    let m = match r.table.get("min_subject") {
        None => return min_subject,
        Some(Node {
            val: Val::Table(m), ..
        }) => m,
        Some(node) => {
            r.wrong("min_subject", node, &t!("input.want.min_subject"), diags);
            return min_subject;
        }
    };
    for (subject, n) in &m.entries {
        match n.val {
            Val::Int(v) if (0..=MAX_MIN_SUBJECT).contains(&v) => {
                min_subject.push(((subject.clone(), v as u32), n.line))
            }
            _ => diags.push(
                "E1004",
                r.file,
                Some(n.line),
                t!("input.min_subject_bad", subject = subject),
                t!("input.min_subject_bad_fix"),
            ),
        }
    }
    min_subject
}
