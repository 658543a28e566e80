//! The policy file (one constraint variant): every field, its default from MODEL.md, and
//! [`KEYS`], the one table of keys that the file reader, `--set`, the range checks, the
//! did-you-mean hints and docs/POLICY.md all read.

use std::collections::HashMap;
use std::fmt::Display;
use std::path::Path;

use serde::Serialize;

use super::did_you_mean::suggest;
use super::toml_with_lines::{self, Table, Val};
use crate::domain::{Reciprocal, Role, Scope};
use crate::error::Diagnostics;
use rust_i18n::t;

/// One constraint variant: every rule's parameters and the objective's weights. Each field
/// is a key of [`KEYS`] (`section.key`); the section structs mirror the file's sections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// `policy.name`: the name reports use.
    pub name: String,
    /// `policy.horizon_years`: school years planned together.
    pub horizon_years: i32,
    /// `policy.term_years`: school years an exchange lasts.
    pub term_years: i32,
    /// `policy.scope`: which hosts a person may go to.
    pub scope: Scope,
    /// `policy.max_distance_km`: longest one-way commute to a host.
    pub max_distance_km: f64,
    /// `policy.detour_factor`: road km per straight-line km.
    pub detour_factor: f64,
    /// `policy.min_years_at_school`: years at home before anyone may be sent.
    pub min_years_at_school: i32,
    /// `policy.due_years_at_school`: years at home after which a person is due.
    pub due_years_at_school: i32,
    /// `policy.retirement_buffer_years`: nobody this close to retirement is sent.
    pub retirement_buffer_years: i32,
    /// `policy.cooldown_years`: years after a return before the next exchange.
    pub cooldown_years: i32,
    /// `policy.include_principals`: whether principals may be sent.
    pub include_principals: bool,
    /// `policy.max_net_change`: largest gap between visitors and staff away.
    pub max_net_change: i32,
    /// `policy.max_out_share`: new starts out of a school a year ≤ ceil(share × home staff).
    pub max_out_share: f64,
    /// `policy.keep_every_subject`: new starts never take a school's last teacher of a subject.
    pub keep_every_subject: bool,
    /// `[quota]`: the exchange quota.
    pub quota: Quota,
    /// `[group_flow]`: the core ↔ trusteed flows.
    pub group_flow: GroupFlow,
    /// `[equity]`: the backbone target of member schools.
    pub equity: Equity,
    /// `[weights]`: the objective's weights.
    pub weights: Weights,
    /// `[solver]`: HiGHS options.
    pub solver: SolverOptions,
}

/// `[quota]`: the exchange quota (交流比例), MODEL.md rule 3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quota {
    /// `quota.applies_to`: school roles held to the quota.
    pub applies_to: Vec<Role>,
    /// `quota.rate`: share of the due pool that must start a year.
    pub rate: f64,
    /// `quota.backbone_share`: least share of backbone teachers among new starts.
    pub backbone_share: f64,
    /// `quota.cadre_rate`: share of due cadres that must start a year; 0 is off.
    pub cadre_rate: f64,
}

/// `[group_flow]`: core → trusteed flow and its return, MODEL.md rules 4 and 5.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFlow {
    /// `group_flow.core_to_trusteed_min`: cadres or backbone the core sends a year.
    pub core_to_trusteed_min: i32,
    /// `group_flow.reciprocal`: what the trusteed member sends back.
    pub reciprocal: Reciprocal,
}

/// `[equity]`: the backbone share member schools should have present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Equity {
    /// `equity.backbone_target_share`: target share of backbone teachers present.
    pub backbone_target_share: f64,
}

/// `[weights]`: the objective's weights (MODEL.md, Objective).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weights {
    /// `weights.distance_km`: per km of one-way commute.
    pub distance_km: f64,
    /// `weights.preference_rank`: per rank below a person's first choice.
    pub preference_rank: f64,
    /// `weights.promotion`: reward per exchange of someone who needs it for a title.
    pub promotion: f64,
    /// `weights.overdue`: per (years beyond due + 1) of a due person left at home.
    pub overdue: f64,
    /// `weights.equity`: per missing backbone teacher at a member, per year.
    pub equity: f64,
    /// `weights.change`: per start added to or dropped from a `--baseline` plan.
    pub change: f64,
    /// `weights.slack`: elastic mode, per unit of a broken hard rule.
    pub slack: f64,
}

/// `[solver]`: what HiGHS is told.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolverOptions {
    /// `solver.mip_gap`: relative gap at which a plan counts as optimal.
    pub mip_gap: f64,
    /// `solver.time_limit_s`: seconds of search; infinite means no limit.
    pub time_limit_s: f64,
    /// `solver.threads`: 0 lets HiGHS choose.
    pub threads: u32,
    /// `solver.mip_start`: a county-scope solve starts from the group-scope optimum.
    pub mip_start: bool,
    /// `solver.guide_min_binaries`: blocks with at least this many binaries are guided: a
    /// start from their LP relaxation, then the proof over the columns that can improve it.
    pub guide_min_binaries: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            name: "baseline".into(),
            horizon_years: 2,
            term_years: 2,
            scope: Scope::Group,
            max_distance_km: 30.0,
            detour_factor: 1.3,
            min_years_at_school: 3,
            due_years_at_school: 6,
            retirement_buffer_years: 5,
            cooldown_years: 0,
            include_principals: false,
            max_net_change: 1,
            max_out_share: 0.15,
            keep_every_subject: true,
            quota: Quota {
                applies_to: vec![Role::Core],
                rate: 0.10,
                backbone_share: 0.20,
                cadre_rate: 0.0,
            },
            group_flow: GroupFlow {
                core_to_trusteed_min: 3,
                reciprocal: Reciprocal::Equal,
            },
            equity: Equity {
                backbone_target_share: 0.15,
            },
            weights: Weights {
                distance_km: 1.0,
                preference_rank: 2.0,
                promotion: 5.0,
                overdue: 3.0,
                equity: 20.0,
                change: 50.0,
                slack: 1000.0,
            },
            solver: SolverOptions {
                mip_gap: 1e-6,
                time_limit_s: 60.0,
                threads: 0,
                mip_start: true,
                guide_min_binaries: 0,
            },
        }
    }
}

/// One policy key: its spelling, its meaning, and its type, range and place in [`Policy`].
/// Its default is not written here: it is read from [`Policy::default`] through the slot.
#[derive(Debug)]
pub struct Key {
    /// `section.key`, the spelling of both the file and `--set`.
    pub name: &'static str,
    /// What the key means, in one line (the "meaning" column of docs/POLICY.md).
    pub doc: &'static str,
    /// The value's type with its valid range and its slot in [`Policy`].
    pub kind: Kind,
}

/// Where a key's value lives in [`Policy`]: one accessor to read it, one to write it.
#[derive(Debug)]
pub struct Slot<T: 'static> {
    /// Reads the value.
    pub get: fn(&Policy) -> &T,
    /// Lends the value for writing.
    pub get_mut: fn(&mut Policy) -> &mut T,
}

/// A key's type; ranges ride with the types they constrain.
#[derive(Debug)]
pub enum Kind {
    /// Free text.
    Text(Slot<String>),
    /// A whole number from `min` to `max`.
    Whole {
        /// The smallest valid value.
        min: i32,
        /// The largest valid value: a bound keeps the model (and its memory) finite.
        max: i32,
        /// The field.
        slot: Slot<i32>,
    },
    /// A whole number from 0 to `max`. The field is unsigned, so a negative value is
    /// refused as the wrong type (E1004 in a file), not as out of range.
    Count {
        /// The largest valid value.
        max: u32,
        /// The field.
        slot: Slot<u32>,
    },
    /// A number within `range`.
    Number {
        /// The valid values.
        range: Range,
        /// The field.
        slot: Slot<f64>,
    },
    /// `true` or `false`.
    YesNo(Slot<bool>),
    /// A word among the scopes: core-member, group, county.
    Scope(Slot<Scope>),
    /// A word among the reciprocal rules: equal, equal-cadre-backbone, none.
    Reciprocal(Slot<Reciprocal>),
    /// A list of school roles (core, trusteed, member); repeats count once.
    Roles(Slot<Vec<Role>>),
}

/// The valid values of a number. Declared in the order in which range problems have
/// always been listed (see `Key::check_rank`).
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
    /// Kilometres: finite, ≥ 0 and ≤ [`MAX_KM`].
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

/// Every policy key, in the order of models/baseline.toml and docs/POLICY.md.
pub static KEYS: &[Key] = &[
    Key {
        name: "policy.name",
        doc: "name shown in reports; a policy file without it is named after its file stem",
        kind: Kind::Text(Slot {
            get: |p| &p.name,
            get_mut: |p| &mut p.name,
        }),
    },
    Key {
        name: "policy.horizon_years",
        doc: "school years planned together; only the first is binding",
        kind: Kind::Whole {
            min: 1,
            max: 10,
            slot: Slot {
                get: |p| &p.horizon_years,
                get_mut: |p| &mut p.horizon_years,
            },
        },
    },
    Key {
        name: "policy.term_years",
        doc: "school years an exchange lasts",
        kind: Kind::Whole {
            min: 1,
            max: 6,
            slot: Slot {
                get: |p| &p.term_years,
                get_mut: |p| &mut p.term_years,
            },
        },
    },
    Key {
        name: "policy.scope",
        doc: "hosts allowed: core and its members, any school of the group, or any school",
        kind: Kind::Scope(Slot {
            get: |p| &p.scope,
            get_mut: |p| &mut p.scope,
        }),
    },
    Key {
        name: "policy.max_distance_km",
        doc: "longest one-way commute to a host, in km",
        kind: Kind::Number {
            range: Range::Km,
            slot: Slot {
                get: |p| &p.max_distance_km,
                get_mut: |p| &mut p.max_distance_km,
            },
        },
    },
    Key {
        name: "policy.detour_factor",
        doc: "road km per straight-line km where no road distance is known",
        kind: Kind::Number {
            range: Range::RoadFactor,
            slot: Slot {
                get: |p| &p.detour_factor,
                get_mut: |p| &mut p.detour_factor,
            },
        },
    },
    Key {
        name: "policy.min_years_at_school",
        doc: "years at the home school before anyone may be sent",
        kind: Kind::Whole {
            min: 0,
            max: 70,
            slot: Slot {
                get: |p| &p.min_years_at_school,
                get_mut: |p| &mut p.min_years_at_school,
            },
        },
    },
    Key {
        name: "policy.due_years_at_school",
        doc: "years at the home school after which a person is due (符合交流条件)",
        kind: Kind::Whole {
            min: 0,
            max: 70,
            slot: Slot {
                get: |p| &p.due_years_at_school,
                get_mut: |p| &mut p.due_years_at_school,
            },
        },
    },
    Key {
        name: "policy.retirement_buffer_years",
        doc: "nobody within this many years of retirement is sent",
        kind: Kind::Whole {
            min: 0,
            max: 70,
            slot: Slot {
                get: |p| &p.retirement_buffer_years,
                get_mut: |p| &mut p.retirement_buffer_years,
            },
        },
    },
    Key {
        name: "policy.cooldown_years",
        doc: "years after a return before a person's next exchange",
        kind: Kind::Whole {
            min: 0,
            max: 70,
            slot: Slot {
                get: |p| &p.cooldown_years,
                get_mut: |p| &mut p.cooldown_years,
            },
        },
    },
    Key {
        name: "policy.include_principals",
        doc: "whether principals may be sent (the bureau's cadre office usually rotates them)",
        kind: Kind::YesNo(Slot {
            get: |p| &p.include_principals,
            get_mut: |p| &mut p.include_principals,
        }),
    },
    Key {
        name: "policy.max_net_change",
        doc: "largest gap between visitors and staff away, per school and year (编制平衡)",
        kind: Kind::Whole {
            min: 0,
            max: 100_000,
            slot: Slot {
                get: |p| &p.max_net_change,
                get_mut: |p| &mut p.max_net_change,
            },
        },
    },
    Key {
        name: "policy.max_out_share",
        doc: "new starts out of a school a year ≤ ceil(share × its home staff) (队伍稳定); 1 turns it off",
        kind: Kind::Number {
            range: Range::Rate,
            slot: Slot {
                get: |p| &p.max_out_share,
                get_mut: |p| &mut p.max_out_share,
            },
        },
    },
    Key {
        name: "policy.keep_every_subject",
        doc: "new starts never leave a subject taught at a school without a teacher (学科不断档)",
        kind: Kind::YesNo(Slot {
            get: |p| &p.keep_every_subject,
            get_mut: |p| &mut p.keep_every_subject,
        }),
    },
    Key {
        name: "quota.applies_to",
        doc: "school roles held to the exchange quota (交流比例)",
        kind: Kind::Roles(Slot {
            get: |p| &p.quota.applies_to,
            get_mut: |p| &mut p.quota.applies_to,
        }),
    },
    Key {
        name: "quota.rate",
        doc: "new starts a year ≥ ceil(rate × the school's due pool)",
        kind: Kind::Number {
            range: Range::Rate,
            slot: Slot {
                get: |p| &p.quota.rate,
                get_mut: |p| &mut p.quota.rate,
            },
        },
    },
    Key {
        name: "quota.backbone_share",
        doc: "least share of backbone teachers (骨干教师) among a school's new starts",
        kind: Kind::Number {
            range: Range::Rate,
            slot: Slot {
                get: |p| &p.quota.backbone_share,
                get_mut: |p| &mut p.quota.backbone_share,
            },
        },
    },
    Key {
        name: "quota.cadre_rate",
        doc: "cadres sent a year ≥ ceil(cadre_rate × due cadres); 0 turns it off",
        kind: Kind::Number {
            range: Range::Rate,
            slot: Slot {
                get: |p| &p.quota.cadre_rate,
                get_mut: |p| &mut p.quota.cadre_rate,
            },
        },
    },
    Key {
        name: "group_flow.core_to_trusteed_min",
        doc: "cadres or backbone teachers the core sends each trusteed member a year",
        kind: Kind::Whole {
            min: 0,
            max: 100_000,
            slot: Slot {
                get: |p| &p.group_flow.core_to_trusteed_min,
                get_mut: |p| &mut p.group_flow.core_to_trusteed_min,
            },
        },
    },
    Key {
        name: "group_flow.reciprocal",
        doc: "what a trusteed member sends back: as many of any post, only cadres or backbone, or nothing",
        kind: Kind::Reciprocal(Slot {
            get: |p| &p.group_flow.reciprocal,
            get_mut: |p| &mut p.group_flow.reciprocal,
        }),
    },
    Key {
        name: "equity.backbone_target_share",
        doc: "share of backbone teachers each member school should have present (均衡配置)",
        kind: Kind::Number {
            range: Range::Rate,
            slot: Slot {
                get: |p| &p.equity.backbone_target_share,
                get_mut: |p| &mut p.equity.backbone_target_share,
            },
        },
    },
    Key {
        name: "weights.distance_km",
        doc: "objective cost per km of one-way commute per exchange",
        kind: Kind::Number {
            range: Range::Weight,
            slot: Slot {
                get: |p| &p.weights.distance_km,
                get_mut: |p| &mut p.weights.distance_km,
            },
        },
    },
    Key {
        name: "weights.preference_rank",
        doc: "objective cost per rank below a person's first choice",
        kind: Kind::Number {
            range: Range::Weight,
            slot: Slot {
                get: |p| &p.weights.preference_rank,
                get_mut: |p| &mut p.weights.preference_rank,
            },
        },
    },
    Key {
        name: "weights.promotion",
        doc: "objective reward per exchange of someone who needs it for a title",
        kind: Kind::Number {
            range: Range::Weight,
            slot: Slot {
                get: |p| &p.weights.promotion,
                get_mut: |p| &mut p.weights.promotion,
            },
        },
    },
    Key {
        name: "weights.overdue",
        doc: "objective cost per (years beyond due + 1) of a due person left at home",
        kind: Kind::Number {
            range: Range::Weight,
            slot: Slot {
                get: |p| &p.weights.overdue,
                get_mut: |p| &mut p.weights.overdue,
            },
        },
    },
    Key {
        name: "weights.equity",
        doc: "objective cost per missing backbone teacher at a member school, per year",
        kind: Kind::Number {
            range: Range::Weight,
            slot: Slot {
                get: |p| &p.weights.equity,
                get_mut: |p| &mut p.weights.equity,
            },
        },
    },
    Key {
        name: "weights.change",
        doc: "objective cost per start added to or dropped from a --baseline plan (a move counts 2)",
        kind: Kind::Number {
            range: Range::Weight,
            slot: Slot {
                get: |p| &p.weights.change,
                get_mut: |p| &mut p.weights.change,
            },
        },
    },
    Key {
        name: "weights.slack",
        doc: "elastic mode: objective cost per unit of a broken hard rule",
        kind: Kind::Number {
            range: Range::PositiveWeight,
            slot: Slot {
                get: |p| &p.weights.slack,
                get_mut: |p| &mut p.weights.slack,
            },
        },
    },
    Key {
        name: "solver.mip_gap",
        doc: "relative gap at which HiGHS counts a plan as optimal",
        kind: Kind::Number {
            range: Range::NonNegative,
            slot: Slot {
                get: |p| &p.solver.mip_gap,
                get_mut: |p| &mut p.solver.mip_gap,
            },
        },
    },
    Key {
        name: "solver.time_limit_s",
        doc: "seconds HiGHS may search; then the best plan found is reported with its gap",
        kind: Kind::Number {
            range: Range::Seconds,
            slot: Slot {
                get: |p| &p.solver.time_limit_s,
                get_mut: |p| &mut p.solver.time_limit_s,
            },
        },
    },
    Key {
        name: "solver.threads",
        doc: "threads HiGHS may use; 0 lets HiGHS choose",
        kind: Kind::Count {
            max: MAX_THREADS,
            slot: Slot {
                get: |p| &p.solver.threads,
                get_mut: |p| &mut p.solver.threads,
            },
        },
    },
    Key {
        name: "solver.mip_start",
        doc: "scope county: start HiGHS from the group-scope optimum, so a time limit still gives a plan at least as good",
        kind: Kind::YesNo(Slot {
            get: |p| &p.solver.mip_start,
            get_mut: |p| &mut p.solver.mip_start,
        }),
    },
    Key {
        name: "solver.guide_min_binaries",
        doc: "blocks with at least this many start decisions are guided: their LP relaxation, up to two small MIPs over its cheapest columns for a near-optimal plan in seconds, then the proof over the columns that can still improve on it (0: every block)",
        kind: Kind::Count {
            max: 1_000_000_000,
            slot: Slot {
                get: |p| &p.solver.guide_min_binaries,
                get_mut: |p| &mut p.solver.guide_min_binaries,
            },
        },
    },
];

/// The words a policy file spells an enum with, in the order the docs list them.
trait Word: Copy + PartialEq + 'static {
    const WORDS: &'static [(&'static str, Self)];

    fn choices() -> String {
        let words: Vec<&str> = Self::WORDS.iter().map(|(w, _)| *w).collect();
        words.join(", ")
    }

    fn parse(s: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(w, _)| *w == s).map(|(_, x)| *x)
    }

    fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(_, x)| *x == self)
            .map_or("?", |(w, _)| w)
    }
}

impl Word for Scope {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("core-member", Scope::CoreMember),
        ("group", Scope::Group),
        ("county", Scope::County),
    ];
}

impl Word for Reciprocal {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("equal", Reciprocal::Equal),
        ("equal-cadre-backbone", Reciprocal::EqualCadreBackbone),
        ("none", Reciprocal::None),
    ];
}

impl Word for Role {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("core", Role::Core),
        ("trusteed", Role::Trusteed),
        ("member", Role::Member),
    ];
}

fn float(v: &Val) -> Result<f64, String> {
    match v {
        Val::Float(f) => Ok(*f),
        Val::Int(i) => Ok(*i as f64),
        other => Err(t!("input.expected_number", found = other.type_name()).into_owned()),
    }
}

fn int(v: &Val) -> Result<i32, String> {
    match v {
        Val::Int(i) => i32::try_from(*i).map_err(|_| t!("input.too_large", value = i).into_owned()),
        other => Err(t!("input.expected_whole", found = other.type_name()).into_owned()),
    }
}

fn boolean(v: &Val) -> Result<bool, String> {
    match v {
        Val::Bool(b) => Ok(*b),
        other => Err(t!("input.expected_bool", found = other.type_name()).into_owned()),
    }
}

fn text(v: &Val) -> Result<String, String> {
    match v {
        Val::Str(s) => Ok(s.clone()),
        other => Err(t!("input.expected_string", found = other.type_name()).into_owned()),
    }
}

fn word<T: Word>(v: &Val) -> Result<T, String> {
    match v {
        Val::Str(s) => T::parse(s)
            .ok_or_else(|| t!("input.not_one_of", value = s, choices = T::choices()).into_owned()),
        other => Err(t!(
            "input.expected_one_of",
            choices = T::choices(),
            found = other.type_name()
        )
        .into_owned()),
    }
}

fn roles(v: &Val) -> Result<Vec<Role>, String> {
    let Val::List(items) = v else {
        return Err(t!("input.expected_roles", found = v.type_name()).into_owned());
    };
    let mut out = Vec::new();
    for item in items {
        let Val::Str(s) = &item.val else {
            return Err(t!("input.roles_only").into_owned());
        };
        let r = Role::parse(s).ok_or_else(|| {
            t!("input.not_role", value = s, choices = Role::choices()).into_owned()
        })?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}

impl Range {
    /// The "but …" half of the problem for `v`, or None when `v` is valid.
    fn problem(self, v: f64) -> Option<String> {
        let ok = match self {
            Range::Rate => (0.0..=1.0).contains(&v),
            Range::NonNegative => v >= 0.0 && v.is_finite(),
            Range::RoadFactor => v >= 1.0 && v.is_finite(),
            Range::Positive => v > 0.0 && v.is_finite(),
            Range::PositiveOrInf => v > 0.0,
            Range::Weight => (0.0..=MAX_WEIGHT).contains(&v),
            Range::PositiveWeight => v > 0.0 && v <= MAX_WEIGHT,
            Range::Seconds => v > 0.0 && v <= MAX_SECONDS,
            Range::Km => (0.0..=MAX_KM).contains(&v),
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

    fn text(self) -> &'static str {
        match self {
            Range::Rate => "0 to 1",
            Range::NonNegative => "≥ 0, finite",
            Range::RoadFactor => "≥ 1, finite",
            Range::Positive => "> 0, finite",
            Range::PositiveOrInf => "> 0, or inf for no limit",
            Range::Weight => "0 to 1e9",
            Range::PositiveWeight => "> 0, up to 1e9",
            Range::Seconds => "> 0, up to 1e6 (finite)",
            Range::Km => "0 to 10000",
        }
    }
}

impl Key {
    fn section(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(s, _)| s)
    }

    fn short(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(_, k)| k)
    }

    /// Writes `v` into the key's field; the error is the cause, in words.
    fn set(&self, p: &mut Policy, v: &Val) -> Result<(), String> {
        match &self.kind {
            Kind::Text(s) => *(s.get_mut)(p) = text(v)?,
            Kind::Whole { slot, .. } => *(slot.get_mut)(p) = int(v)?,
            Kind::Count { slot: s, .. } => {
                *(s.get_mut)(p) = u32::try_from(int(v)?)
                    .map_err(|_| t!("input.count_negative", key = self.short()).into_owned())?
            }
            Kind::Number { slot, .. } => *(slot.get_mut)(p) = float(v)?,
            Kind::YesNo(s) => *(s.get_mut)(p) = boolean(v)?,
            Kind::Scope(s) => *(s.get_mut)(p) = word(v)?,
            Kind::Reciprocal(s) => *(s.get_mut)(p) = word(v)?,
            Kind::Roles(s) => *(s.get_mut)(p) = roles(v)?,
        }
        Ok(())
    }

    /// The cause when `p`'s value of this key is out of range.
    fn range_problem(&self, p: &Policy) -> Option<String> {
        let key = self.name;
        match &self.kind {
            Kind::Whole { min, max, slot } => {
                let v = *(slot.get)(p);
                (v < *min || v > *max).then(|| whole_problem(key, v, min, max))
            }
            Kind::Count { max, slot } => {
                let v = *(slot.get)(p);
                (v > *max).then(|| whole_problem(key, v, 0, max))
            }
            Kind::Number { range, slot } => {
                let v = *(slot.get)(p);
                // 1e20 reads better than its 21 digits.
                let v_text = if v.is_finite() && v.abs() >= 1e9 {
                    format!("{v:e}")
                } else {
                    format!("{v}")
                };
                range.problem(v).map(|but| {
                    t!("input.out_of_range", key = key, value = v_text, but = but).into_owned()
                })
            }
            _ => None,
        }
    }

    /// Range problems were always reported whole numbers first, then rates, then the other
    /// number ranges; keeping that order keeps every error listing as it was.
    fn check_rank(&self) -> u8 {
        match &self.kind {
            // The bounded ranges rank as the unbounded ones they replaced.
            Kind::Number { range, .. } => {
                1 + match range {
                    Range::Weight | Range::Km => Range::NonNegative,
                    Range::PositiveWeight => Range::Positive,
                    Range::Seconds => Range::PositiveOrInf,
                    r => *r,
                } as u8
            }
            _ => 0,
        }
    }

    /// The key's value in `p`, written as in a TOML file.
    pub fn value_text(&self, p: &Policy) -> String {
        match &self.kind {
            Kind::Text(s) => format!("{:?}", (s.get)(p)),
            Kind::Whole { slot, .. } => (slot.get)(p).to_string(),
            Kind::Count { slot: s, .. } => (s.get)(p).to_string(),
            Kind::Number { slot, .. } => format!("{:?}", (slot.get)(p)),
            Kind::YesNo(s) => (s.get)(p).to_string(),
            Kind::Scope(s) => format!("\"{}\"", (s.get)(p).word()),
            Kind::Reciprocal(s) => format!("\"{}\"", (s.get)(p).word()),
            Kind::Roles(s) => {
                let words: Vec<String> = (s.get)(p)
                    .iter()
                    .map(|r| format!("\"{}\"", r.word()))
                    .collect();
                format!("[{}]", words.join(", "))
            }
        }
    }

    fn type_text(&self) -> &'static str {
        match &self.kind {
            Kind::Text(_) => "text",
            Kind::Whole { .. } | Kind::Count { .. } => "whole number",
            Kind::Number { .. } => "number",
            Kind::YesNo(_) => "yes/no",
            Kind::Scope(_) | Kind::Reciprocal(_) => "word",
            Kind::Roles(_) => "list of roles",
        }
    }

    fn range_text(&self) -> String {
        match &self.kind {
            Kind::Text(_) => "any".into(),
            Kind::Whole { min, max, .. } => format!("{min} to {max}"),
            Kind::Count { max, .. } => format!("0 to {max}"),
            Kind::Number { range, .. } => range.text().into(),
            Kind::YesNo(_) => "true, false".into(),
            Kind::Scope(_) => Scope::choices(),
            Kind::Reciprocal(_) => Reciprocal::choices(),
            Kind::Roles(_) => format!("any of {}", Role::choices()),
        }
    }
}

/// The cause when a whole number `v` of `key` lies outside `min`..=`max`: the value and the range.
fn whole_problem(key: &str, v: impl Display, min: impl Display, max: impl Display) -> String {
    t!(
        "bounds.whole_range",
        key = key,
        value = v,
        min = min,
        max = max
    )
    .into_owned()
}

/// The key named `name` (`section.key`).
fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

fn key_names() -> Vec<&'static str> {
    KEYS.iter().map(|k| k.name).collect()
}

/// The file's sections, in table order.
fn sections() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for k in KEYS {
        if !out.contains(&k.section()) {
            out.push(k.section());
        }
    }
    out
}

/// [`KEYS`] as a Markdown table (key, type, default, valid range, meaning), the table of
/// docs/POLICY.md.
pub fn keys_markdown() -> String {
    let defaults = Policy::default();
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out =
        String::from("| key | type | default | valid range | meaning |\n|---|---|---|---|---|\n");
    for k in KEYS {
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} | {} |\n",
            k.name,
            k.type_text(),
            cell(&k.value_text(&defaults)),
            cell(&k.range_text()),
            cell(k.doc)
        ));
    }
    out
}

impl Policy {
    /// Sets one key (`section.key`) from a TOML value. The error is the cause, in words.
    pub fn set(&mut self, key_name: &str, v: &Val) -> Result<(), String> {
        match key(key_name) {
            Some(k) => k.set(self, v),
            None => Err(t!("input.unknown_policy_key", key = key_name).into_owned()),
        }
    }

    /// Range problems as (key, cause); a policy passing this can be built and solved.
    pub(crate) fn range_problems(&self) -> Vec<(&'static str, String)> {
        let mut keys: Vec<&Key> = KEYS.iter().collect();
        keys.sort_by_key(|k| k.check_rank());
        keys.iter()
            .filter_map(|k| k.range_problem(self).map(|cause| (k.name, cause)))
            .collect()
    }

    /// Reads a policy file. Every key has a default, so an empty file is the baseline.
    pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<Policy> {
        let before = diags.0.len();
        let table = toml_with_lines::read_file(
            path,
            &t!("input.what.policy_file"),
            &t!("input.policy_path_fix"),
            diags,
        )?;
        let mut policy = Policy::default();
        if let Some(stem) = path.file_stem() {
            policy.name = stem.to_string_lossy().into_owned();
        }
        let lines = policy.apply_table(&table, path, diags);
        for (key, cause) in policy.range_problems() {
            diags.push(
                "E1006",
                path,
                lines.get(key).copied(),
                cause,
                t!("input.range_fix"),
            );
        }
        (diags.0.len() == before).then_some(policy)
    }

    /// Applies every key of the file; returns the line of each key set, for range errors.
    fn apply_table(
        &mut self,
        table: &Table,
        path: &Path,
        diags: &mut Diagnostics,
    ) -> HashMap<&'static str, usize> {
        let mut lines = HashMap::new();
        let sections = sections();
        table.check_keys(&sections, &t!("input.where.policy_sections"), path, diags);
        for (section, node) in &table.entries {
            if !sections.contains(&section.as_str()) {
                continue;
            }
            match &node.val {
                Val::Table(t) => self.apply_section(section, t, path, diags, &mut lines),
                _ => diags.push(
                    "E1004",
                    path,
                    Some(node.line),
                    t!("input.section_not_table", section = section),
                    t!("input.section_not_table_fix", section = section),
                ),
            }
        }
        lines
    }

    fn apply_section(
        &mut self,
        section: &str,
        t: &Table,
        path: &Path,
        diags: &mut Diagnostics,
        lines: &mut HashMap<&'static str, usize>,
    ) {
        let known: Vec<&str> = KEYS
            .iter()
            .filter(|k| k.section() == section)
            .map(|k| k.short())
            .collect();
        t.check_keys(&known, &format!("[{section}]"), path, diags);
        for (name, n) in &t.entries {
            let Some(k) = key(&format!("{section}.{name}")) else {
                continue;
            };
            lines.insert(k.name, n.line);
            if let Err(cause) = k.set(self, &n.val) {
                diags.push(
                    "E1004",
                    path,
                    Some(n.line),
                    format!("{}: {cause}", k.name),
                    t!("input.policy_type_fix"),
                );
            }
        }
    }
}

/// Applies `--set section.key=value` overrides, checked against the same table as files:
/// an unknown key, a value of the wrong type or out of range is E1040.
pub fn apply_sets(policy: &mut Policy, sets: &[(String, String)], diags: &mut Diagnostics) {
    let cli = Path::new("--set");
    for (name, value) in sets {
        let Some(k) = key(name) else {
            diags.push(
                "E1040",
                cli,
                None,
                t!("input.unknown_policy_key", key = name),
                suggest(name, &key_names()),
            );
            continue;
        };
        if let Err(cause) = k.set(policy, &parse_set_value(value)) {
            diags.push(
                "E1040",
                cli,
                None,
                format!("{name}={value}: {cause}"),
                t!("input.set_type_fix"),
            );
        }
    }
    for (name, cause) in policy.range_problems() {
        if sets.iter().any(|(k, _)| k == name) {
            diags.push("E1040", cli, None, cause, t!("input.set_range_fix"));
        }
    }
}

/// A `--set` value is read as a TOML value; a bare word is a string.
fn parse_set_value(value: &str) -> Val {
    let doc = format!("v = {value}");
    let mut d = Diagnostics::default();
    match toml_with_lines::parse(&doc, Path::new("--set"), &mut d) {
        Some(t) => t
            .get("v")
            .map(|n| n.val.clone())
            .unwrap_or(Val::Str(value.to_string())),
        None => Val::Str(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> (Option<Policy>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.toml");
        std::fs::write(&p, text).unwrap();
        let mut d = Diagnostics::default();
        let pol = Policy::read(&p, &mut d);
        (pol, d)
    }

    #[test]
    fn empty_file_is_the_baseline() {
        let (p, d) = read_str("");
        assert!(d.is_empty());
        let p = p.unwrap();
        assert_eq!(
            Policy {
                name: "baseline".into(),
                ..p.clone()
            },
            Policy::default()
        );
        assert_eq!(p.name, "p");
    }

    #[test]
    fn integers_are_accepted_for_numbers() {
        let (p, d) = read_str("[policy]\nmax_distance_km = 20\n");
        assert!(d.is_empty(), "{:?}", d);
        assert_eq!(p.unwrap().max_distance_km, 20.0);
    }

    #[test]
    fn all_problems_reported_with_lines() {
        let (p, d) = read_str("[policy]\nhorizon_years = 0\nscpoe = \"group\"\n[quota]\nrate = 1.5\nbackbone_share = \"x\"\n");
        assert!(p.is_none());
        let got: Vec<(&str, Option<usize>)> = d.0.iter().map(|x| (x.code, x.line)).collect();
        assert!(got.contains(&("E1003", Some(3))), "{got:?}");
        assert!(got.contains(&("E1004", Some(6))), "{got:?}");
        assert!(got.contains(&("E1006", Some(2))), "{got:?}");
        assert!(got.contains(&("E1006", Some(5))), "{got:?}");
    }

    /// Every leaf of the serialized policy, as `section.key` (top-level scalars are in
    /// `[policy]`).
    fn leaf_names() -> Vec<String> {
        let serde_json::Value::Object(top) = serde_json::to_value(Policy::default()).unwrap()
        else {
            panic!("a policy serializes to an object")
        };
        let mut out = Vec::new();
        for (name, v) in top {
            match v {
                serde_json::Value::Object(section) => {
                    out.extend(section.keys().map(|k| format!("{name}.{k}")))
                }
                _ => out.push(format!("policy.{name}")),
            }
        }
        out
    }

    #[test]
    fn every_field_has_exactly_one_key() {
        let mut fields = leaf_names();
        let mut names: Vec<String> = KEYS.iter().map(|k| k.name.to_string()).collect();
        fields.sort();
        names.sort();
        assert_eq!(names, fields);
    }

    #[test]
    fn range_problems_keep_their_order() {
        let mut p = Policy::default();
        p.solver.time_limit_s = 0.0;
        p.detour_factor = 0.5;
        p.weights.equity = -1.0;
        p.quota.rate = 2.0;
        p.group_flow.core_to_trusteed_min = -1;
        p.horizon_years = 0;
        let got: Vec<&str> = p.range_problems().iter().map(|(k, _)| *k).collect();
        assert_eq!(
            got,
            [
                "policy.horizon_years",
                "group_flow.core_to_trusteed_min",
                "quota.rate",
                "weights.equity",
                "policy.detour_factor",
                "solver.time_limit_s",
            ]
        );
    }
}
