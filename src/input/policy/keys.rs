//! Every policy key, declared once: its section and key, the field it fills, the field's
//! type, its default (MODEL.md's), its kind with the valid range, and its one-line doc. The
//! [`policy_keys!`] macro turns the declaration into [`Policy`] and its section structs,
//! their `Default`, and [`KEYS`], the one table that the file reader, `--set`, the range
//! checks, the did-you-mean hints and docs/POLICY.md all read.

use serde::Serialize;

use super::declare::policy_keys;
use super::range::{Range, MAX_THREADS};
use crate::domain::{Reciprocal, Role, Scope};

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

policy_keys! {
    /// One constraint variant: every rule's parameters and the objective's weights. Each field
    /// is a key of [`KEYS`] (`section.key`); the section structs mirror the file's sections.
    pub struct Policy [policy] {
        name: String = "baseline".into(), Text,
            "name shown in reports; a policy file without it is named after its file stem";
        horizon_years: i32 = 2, Whole { min: 1, max: 10 },
            "school years planned together; only the first is binding";
        term_years: i32 = 2, Whole { min: 1, max: 6 },
            "school years an exchange lasts";
        scope: Scope = Scope::Group, Scope,
            "hosts allowed: core and its members, any school of the group, or any school";
        max_distance_km: f64 = 30.0, Number { range: Range::Km },
            "longest one-way commute to a host, in km";
        detour_factor: f64 = 1.3, Number { range: Range::RoadFactor },
            "road km per straight-line km where no road distance is known";
        min_years_at_school: i32 = 3, Whole { min: 0, max: 70 },
            "years at the home school before anyone may be sent";
        due_years_at_school: i32 = 6, Whole { min: 0, max: 70 },
            "years at the home school after which a person is due (符合交流条件)";
        retirement_buffer_years: i32 = 5, Whole { min: 0, max: 70 },
            "nobody within this many years of retirement is sent";
        cooldown_years: i32 = 0, Whole { min: 0, max: 70 },
            "years after a return before a person's next exchange";
        include_principals: bool = false, YesNo,
            "whether principals may be sent (the bureau's cadre office usually rotates them)";
        max_net_change: i32 = 1, Whole { min: 0, max: 100_000 },
            "largest gap between visitors and staff away, per school and year (编制平衡)";
        max_out_share: f64 = 0.15, Number { range: Range::Rate },
            "new starts out of a school a year ≤ ceil(share × its home staff) (队伍稳定); 1 turns it off";
        keep_every_subject: bool = true, YesNo,
            "new starts never leave a subject taught at a school without a teacher (学科不断档)";
    }

    /// `[quota]`: the exchange quota (交流比例), MODEL.md rule 3.
    pub struct Quota [quota] {
        applies_to: Vec<Role> = vec![Role::Core], Roles,
            "school roles held to the exchange quota (交流比例)";
        rate: f64 = 0.10, Number { range: Range::Rate },
            "new starts a year ≥ ceil(rate × the school's due pool)";
        backbone_share: f64 = 0.20, Number { range: Range::Rate },
            "least share of backbone teachers (骨干教师) among a school's new starts";
        cadre_rate: f64 = 0.0, Number { range: Range::Rate },
            "cadres sent a year ≥ ceil(cadre_rate × due cadres); 0 turns it off";
    }

    /// `[group_flow]`: core → trusteed flow and its return, MODEL.md rules 4 and 5.
    pub struct GroupFlow [group_flow] {
        core_to_trusteed_min: i32 = 3, Whole { min: 0, max: 100_000 },
            "cadres or backbone teachers the core sends each trusteed member a year";
        reciprocal: Reciprocal = Reciprocal::Equal, Reciprocal,
            "what a trusteed member sends back: as many of any post, only cadres or backbone, or nothing";
    }

    /// `[equity]`: the backbone share member schools should have present.
    pub struct EquityTarget [equity] {
        backbone_target_share: f64 = 0.15, Number { range: Range::Rate },
            "share of backbone teachers each member school should have present (均衡配置)";
    }

    /// `[notice]`: the list posted before the plan year's exchanges take effect (公示名单).
    pub struct NoticeList [notice] {
        days: u32 = 5, Count { max: 365 },
            "working days the list of the plan year's starts is posted (公示期); the solver never reads it";
    }

    /// `[weights]`: the objective's weights (MODEL.md, Objective).
    pub struct Weights [weights] {
        distance_km: f64 = 1.0, Number { range: Range::Weight },
            "objective cost per km of one-way commute per exchange";
        preference_rank: f64 = 2.0, Number { range: Range::Weight },
            "objective cost per rank below a person's first choice";
        promotion: f64 = 5.0, Number { range: Range::Weight },
            "objective reward per exchange of someone who needs it for a title";
        overdue: f64 = 3.0, Number { range: Range::Weight },
            "objective cost per (years beyond due + 1) of a due person left at home";
        equity: f64 = 20.0, Number { range: Range::Weight },
            "objective cost per missing backbone teacher at a member school, per year";
        change: f64 = 50.0, Number { range: Range::Weight },
            "objective cost per start added to or dropped from a --baseline plan (a move counts 2)";
        slack: f64 = 1000.0, Number { range: Range::PositiveWeight },
            "elastic mode: objective cost per unit of a broken hard rule";
    }

    /// `[solver]`: what HiGHS is told.
    pub struct SolverOptions [solver] {
        mip_gap: f64 = 1e-6, Number { range: Range::NonNegative },
            "relative gap at which HiGHS counts a plan as optimal";
        time_limit_s: f64 = 60.0, Number { range: Range::Seconds },
            "seconds HiGHS may search; then the best plan found is reported with its gap";
        threads: u32 = 0, Count { max: MAX_THREADS },
            "threads HiGHS may use; 0 lets HiGHS choose";
        mip_start: bool = true, YesNo,
            "scope county: start HiGHS from the group-scope optimum, so a time limit still gives a plan at least as good";
        guide_min_binaries: u32 = 0, Count { max: 1_000_000_000 },
            "blocks with at least this many start decisions are guided: their LP relaxation, up to two small MIPs over its cheapest columns for a near-optimal plan in seconds, then the proof over the columns that can still improve on it (0: every block)";
        sift_min_binaries: u32 = 50_000, Count { max: 1_000_000_000 },
            "guided blocks with at least this many start decisions and a start plan get their LP relaxation by sifting: over a working set of columns, the others priced against its duals and the cheapest let in, so the whole block is never given to HiGHS unless the guide cannot settle it";
    }
}

#[cfg(test)]
mod tests {
    // Named by their crate path: the file graph reads `super::` in a test module as the
    // folder's facade.
    use crate::input::policy::keys::{Policy, KEYS};

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
}
