//! Synthetic counties for trying scale: `rotation generate --groups N --seed S --out DIR`.
//!
//! The shapes follow the seeds: a core school of 90–160 staff with more backbone teachers
//! and cadres, members of 20–60 within a commute of the core that together hold at least
//! two thirds of its staff (so the default policy can be met), some schools in no group,
//! last year's exchanges paired core ⇄ member so that headcounts start balanced, and
//! preferences and residences for part of the staff. The same groups and seed always give
//! the same files, byte for byte (ChaCha8 has a fixed stream across platforms).

mod options;
mod people;
mod places;
mod roster;
mod scenario;

use std::path::{Path, PathBuf};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::write::write_atomically;
pub use options::{Density, Options};
use people::{make_cores_due, pair_exchanges, staff_of, thin_backbone};
use places::{add_group, add_solo_schools, tighten_groups, GroupSchools, Land, School};
use roster::staff_csv;
use scenario::{scenario_toml, short_subjects};

/// The random stream of the knobs, apart from the main one so that knobs at their default
/// draw nothing and leave today's files byte for byte.
fn knob_stream(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ 0x6b6e_6f62_7321)
}

/// A generated county: the scenario TOML and its roster CSV, not yet written.
#[derive(Debug, Clone)]
pub struct County {
    /// File name stem, [`Options::stem`].
    pub stem: String,
    /// The scenario file's text.
    pub scenario_toml: String,
    /// The roster file's bytes.
    pub staff_csv: Vec<u8>,
    /// Number of schools.
    pub schools: usize,
    /// Number of staff.
    pub staff: usize,
}

impl County {
    /// The scenario's file name.
    pub fn scenario_file(&self) -> String {
        format!("{}.toml", self.stem)
    }
    /// The roster's file name, as the scenario names it.
    pub fn staff_file(&self) -> String {
        format!("{}-staff.csv", self.stem)
    }
    /// Writes both files into `dir` atomically; returns the scenario's path.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        write_atomically(
            dir,
            &[
                (
                    &self.scenario_file(),
                    self.scenario_toml.clone().into_bytes(),
                ),
                (&self.staff_file(), self.staff_csv.clone()),
            ],
            &[],
        )?;
        Ok(dir.join(self.scenario_file()))
    }
}

/// Generates a county of `opts.groups` education groups.
pub fn generate(opts: &Options) -> County {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut knobs = knob_stream(opts.seed);
    let land = Land::of(opts.density, opts.groups);
    let mut schools: Vec<School> = Vec::new();
    let mut groups: Vec<GroupSchools> = (1..=opts.groups)
        .map(|g| add_group(&mut rng, g, &land, &mut schools))
        .collect();
    add_solo_schools(&mut rng, opts.groups / 4, &land, &mut schools);
    tighten_groups(&mut knobs, opts.tight, &mut schools, &mut groups);
    let mut people = staff_of(&mut rng, &schools);
    make_cores_due(&mut knobs, opts.cap_pressure, &schools, &mut people);
    thin_backbone(&mut knobs, opts.tight, &schools, &groups, &mut people);
    pair_exchanges(
        &mut rng,
        opts.plan_year - 1,
        &groups,
        schools.len(),
        &mut people,
    );
    let staff_csv = staff_csv(&mut rng, opts, &schools, &groups, &people);
    let short = short_subjects(&mut knobs, opts.shortage, &schools, &groups);
    let scenario_toml = scenario_toml(opts, &schools, &groups, &people, &short);
    County {
        stem: opts.stem(),
        scenario_toml,
        staff_csv,
        schools: schools.len(),
        staff: people.len(),
    }
}
