//! What to generate: the size, the seed and the family's knobs, and the file stem they
//! give.

/// How the schools lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Density {
    /// A rural county that grows with its groups: the median school has about 16 others
    /// within the 30 km cap, whatever the size.
    #[default]
    Spread,
    /// A city district: every school packed within a few km of the centre, so that most
    /// schools reach most others (about 60 others at 12 groups, 140 at 30).
    Dense,
}

impl Density {
    /// The word of the file names and of `--density`.
    pub fn word(self) -> &'static str {
        match self {
            Density::Spread => "county",
            Density::Dense => "district",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of education groups; a quarter as many schools in no group come on top.
    pub groups: usize,
    /// Seed of the random stream: the same seed gives the same files.
    pub seed: u64,
    /// `Y0` of the scenario.
    pub plan_year: i32,
    /// How the schools lie.
    pub density: Density,
    /// Fraction (0–1) of member schools' covered subjects whose minimum is set at the
    /// staff present, so that 学科配齐 binds: nobody of the subject leaves unreplaced.
    pub shortage: f64,
    /// Fraction (0–1) of the cores' staff not yet due who are made due, so that more of a
    /// core's staff press against its stability cap (`policy.max_out_share`).
    pub cap_pressure: f64,
    /// Tightness (0–1) of each group, where the stability cap, the reciprocal flow, the
    /// backbone share and the equity target meet: ordinary members made trusteed, members'
    /// staff brought near the core's and stripped of backbone teachers, cores left with fewer.
    pub tight: f64,
}

impl Default for Options {
    /// One spread group, seed 1, plan year 2027, no shortage, no cap pressure, not tight.
    fn default() -> Self {
        Options {
            groups: 1,
            seed: 1,
            plan_year: 2027,
            density: Density::Spread,
            shortage: 0.0,
            cap_pressure: 0.0,
            tight: 0.0,
        }
    }
}

impl Options {
    /// The file stem: `county-<groups>g-s<seed>` for today's family, the density's word
    /// and `-sh<percent>` / `-cp<percent>` / `-ti<percent>` for the knobs that are not at
    /// their default.
    pub fn stem(&self) -> String {
        let mut stem = format!("{}-{}g-s{}", self.density.word(), self.groups, self.seed);
        if self.shortage > 0.0 {
            stem.push_str(&format!("-sh{}", percent(self.shortage)));
        }
        if self.cap_pressure > 0.0 {
            stem.push_str(&format!("-cp{}", percent(self.cap_pressure)));
        }
        if self.tight > 0.0 {
            stem.push_str(&format!("-ti{}", percent(self.tight)));
        }
        stem
    }

    /// The `rotation generate` flags that give these options, past `--groups` and `--seed`.
    pub(super) fn family_flags(&self) -> String {
        let mut flags = String::new();
        if self.density != Density::Spread {
            flags.push_str(&format!(" --density {}", self.density_flag()));
        }
        if self.shortage > 0.0 {
            flags.push_str(&format!(" --shortage {}", self.shortage));
        }
        if self.cap_pressure > 0.0 {
            flags.push_str(&format!(" --cap-pressure {}", self.cap_pressure));
        }
        if self.tight > 0.0 {
            flags.push_str(&format!(" --tight {}", self.tight));
        }
        flags
    }

    fn density_flag(&self) -> &'static str {
        match self.density {
            Density::Spread => "spread",
            Density::Dense => "dense",
        }
    }
}

/// A fraction as a whole percent, for file names.
fn percent(x: f64) -> u32 {
    (x * 100.0).round() as u32
}
