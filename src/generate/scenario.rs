//! The scenario TOML: groups, schools with their coordinates and subject minimums.

use std::fmt::Write as _;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::options::Options;
use super::people::{Person, COVERED};
use super::places::{GroupSchools, School};

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

pub(super) fn scenario_toml(
    opts: &Options,
    schools: &[School],
    groups: &[GroupSchools],
    people: &[Person],
    short: &[[bool; COVERED.len()]],
) -> String {
    let mut o = String::new();
    header_toml(&mut o, opts);
    for (gi, g) in groups.iter().enumerate() {
        group_toml(&mut o, gi, g, schools);
    }
    let present = covered_present(schools.len(), people);
    for ((s, present), short) in schools.iter().zip(&present).zip(short) {
        school_toml(&mut o, s, present, short);
    }
    o
}

/// A TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn header_toml(o: &mut String, opts: &Options) {
    let stem = opts.stem();
    let family = opts.density.word();
    let _ = writeln!(
        o,
        "# Synthetic {family} made by `rotation generate --groups {} --seed {}{}`.\n\
         # No policy is named: the built-in defaults (baseline) apply unless --policy says otherwise.",
        opts.groups,
        opts.seed,
        opts.family_flags()
    );
    let _ = writeln!(o, "[scenario]");
    let _ = writeln!(
        o,
        "name = {}",
        q(&format!(
            "Synthetic {family} ({} groups, seed {}{}), school year {}",
            opts.groups,
            opts.seed,
            knob_words(opts),
            opts.plan_year
        ))
    );
    let _ = writeln!(o, "plan_year = {}", opts.plan_year);
    let _ = writeln!(o, "staff = {}", q(&format!("{stem}-staff.csv")));
}

/// Group `gi` (from 0) as a `[[groups]]` table.
fn group_toml(o: &mut String, gi: usize, g: &GroupSchools, schools: &[School]) {
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&s| q(&schools[s].id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let core = &schools[g.core];
    let _ = writeln!(o, "\n[[groups]]");
    let _ = writeln!(o, "id = {}", q(&format!("g{:03}", gi + 1)));
    let _ = writeln!(o, "name = {}", q(&format!("{}教育集团", core.name)));
    let _ = writeln!(o, "core = {}", q(&core.id));
    let _ = writeln!(o, "trusteed = [{}]", ids(&g.trusteed));
    let _ = writeln!(o, "members = [{}]", ids(&g.members));
}

/// Staff of each covered subject present at each school in the plan year before any new
/// move.
fn covered_present(n_schools: usize, people: &[Person]) -> Vec<[u32; COVERED.len()]> {
    let mut present = vec![[0u32; COVERED.len()]; n_schools];
    for p in people {
        let at = p.existing.map(|(h, _)| h).unwrap_or(p.school);
        if let Some(k) = COVERED.iter().position(|&c| c == p.subject) {
            present[at][k] += 1;
        }
    }
    present
}

/// `, shortage F`, `, cap pressure F` and `, tight F` for the knobs not at their default.
fn knob_words(opts: &Options) -> String {
    let mut words = String::new();
    if opts.shortage > 0.0 {
        let _ = write!(words, ", shortage {}", opts.shortage);
    }
    if opts.cap_pressure > 0.0 {
        let _ = write!(words, ", cap pressure {}", opts.cap_pressure);
    }
    if opts.tight > 0.0 {
        let _ = write!(words, ", tight {}", opts.tight);
    }
    words
}

/// Shortage: for each school, which covered subjects have their minimum at the staff
/// present. Each covered subject of each trusteed or member school is short with
/// probability `fraction`; cores and schools in no group never are. Draws nothing at 0.
pub(super) fn short_subjects(
    knobs: &mut ChaCha8Rng,
    fraction: f64,
    schools: &[School],
    groups: &[GroupSchools],
) -> Vec<[bool; COVERED.len()]> {
    let mut short = vec![[false; COVERED.len()]; schools.len()];
    if fraction <= 0.0 {
        return short;
    }
    for g in groups {
        for &m in g.trusteed.iter().chain(&g.members) {
            for flag in short[m].iter_mut() {
                *flag = knobs.random_bool(fraction);
            }
        }
    }
    short
}

fn school_toml(
    o: &mut String,
    s: &School,
    present: &[u32; COVERED.len()],
    short: &[bool; COVERED.len()],
) {
    let _ = writeln!(o, "\n[[schools]]");
    let _ = writeln!(o, "id = {}", q(&s.id));
    let _ = writeln!(o, "name = {}", q(&s.name));
    let _ = writeln!(o, "lat = {}", round5(s.lat));
    let _ = writeln!(o, "lon = {}", round5(s.lon));
    let _ = writeln!(o, "[schools.min_subject]");
    for ((subject, &n), &short) in COVERED.iter().zip(present).zip(short) {
        // A margin under today's staff, so coverage binds only when moves pile up; a
        // short subject has none: whoever of it leaves must be replaced.
        let min = if short {
            n
        } else {
            (n as f64 * 0.8).floor() as u32
        };
        let _ = writeln!(o, "{subject} = {}", min.max(1).min(n));
    }
}
