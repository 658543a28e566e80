//! The valid values of a number key, the bounds that keep a model finite, and the words for
//! both in messages and docs.

use rust_i18n::t;

/// The valid values of a number. Declared in the order in which range problems have
/// always been listed (see `Key::check_rank` in key_values.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// A rate or share in [0, 1].
    Rate,
    /// Finite and ≥ 0.
    NonNegative,
    /// Finite and ≥ 1: a road is never shorter than the straight line.
    RoadFactor,
    /// Finite and > 0.
    Positive,
    /// > 0, infinity included (no limit).
    PositiveOrInf,
    /// An objective weight: finite, ≥ 0 and ≤ [`MAX_WEIGHT`].
    Weight,
    /// An objective weight that must be > 0: finite and ≤ [`MAX_WEIGHT`].
    PositiveWeight,
    /// Seconds: > 0 and ≤ [`MAX_SECONDS`] (finite, so that a run always ends).
    Seconds,
    /// Kilometres: > 0 and ≤ [`MAX_KM`]. A cap of 0 km admits no start at all (every host
    /// is another school, farther than 0): a plan of nothing, which no policy means.
    Km,
}

/// The largest objective weight. Weights far apart defeat the solver's tolerances (HiGHS
/// then answers "unknown"), and no HR trade-off needs a ratio near 10⁹.
pub const MAX_WEIGHT: f64 = 1e9;
/// The longest time limit, in seconds (about 11½ days).
pub const MAX_SECONDS: f64 = 1e6;
/// The longest distance in km: farther than any commute inside one county.
pub const MAX_KM: f64 = 10_000.0;
/// The most solver threads: more only costs memory and can abort HiGHS under a process limit.
pub const MAX_THREADS: u32 = 256;

impl Range {
    /// The "but …" half of the problem for `v`, or None when `v` is valid.
    pub(super) fn problem(self, v: f64) -> Option<String> {
        let ok = match self {
            Range::Rate => (0.0..=1.0).contains(&v),
            Range::NonNegative => v >= 0.0 && v.is_finite(),
            Range::RoadFactor => v >= 1.0 && v.is_finite(),
            Range::Positive => v > 0.0 && v.is_finite(),
            Range::PositiveOrInf => v > 0.0,
            Range::Weight => (0.0..=MAX_WEIGHT).contains(&v),
            Range::PositiveWeight => v > 0.0 && v <= MAX_WEIGHT,
            Range::Seconds => v > 0.0 && v <= MAX_SECONDS,
            Range::Km => v > 0.0 && v <= MAX_KM,
        };
        (!ok).then(|| {
            match self {
                Range::Rate => t!("input.range.rate"),
                Range::NonNegative => t!("input.range.non_negative"),
                Range::RoadFactor => t!("input.range.road_factor"),
                Range::Positive => t!("input.range.positive"),
                Range::PositiveOrInf => t!("input.range.positive_or_inf"),
                Range::Weight => t!("bounds.range.weight", max = MAX_WEIGHT),
                Range::PositiveWeight => t!("bounds.range.positive_weight", max = MAX_WEIGHT),
                Range::Seconds => t!("bounds.range.seconds", max = MAX_SECONDS),
                Range::Km => t!("bounds.range.km", max = MAX_KM),
            }
            .into_owned()
        })
    }

    /// The valid values in words, for docs/POLICY.md.
    pub(super) fn text(self) -> &'static str {
        match self {
            Range::Rate => "0 to 1",
            Range::NonNegative => "≥ 0, finite",
            Range::RoadFactor => "≥ 1, finite",
            Range::Positive => "> 0, finite",
            Range::PositiveOrInf => "> 0, or inf for no limit",
            Range::Weight => "0 to 1e9",
            Range::PositiveWeight => "> 0, up to 1e9",
            Range::Seconds => "> 0, up to 1e6 (finite)",
            Range::Km => "above 0, to 10000",
        }
    }
}
