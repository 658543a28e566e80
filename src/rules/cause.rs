//! Why a rule breaks, as data: what `summary.json` and the checker's `Violation` carry.
//! Here, beside the rule names, rather than in `crate::causes` (which finds them with the
//! candidate generator): the checker holds a cause only as data and stays independent.

use serde::Serialize;

use super::Rule;

/// Whom a count of people is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Who {
    /// Staff of any post.
    Staff,
    /// Backbone teachers.
    Backbone,
    /// Cadres.
    Cadres,
    /// Cadres or backbone teachers.
    CadreOrBackbone,
}

/// The person closest to a host beyond `max_distance_km`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nearest {
    /// The person's id.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// Their home school's id.
    pub school: String,
    /// One-way km to the host (MODEL.md distance).
    pub km: f64,
}

/// The fact that explains a broken rule, with the figures it cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Cause {
    /// Coverage or every subject kept: the school's own staff of the subject who can be there
    /// (not away on an exchange under way or a pinned start) and everyone of the subject who
    /// could come (a candidate with an admissible start there whose term covers the year)
    /// are fewer than the rule needs.
    SubjectOutOfReach {
        /// The school.
        school: String,
        /// The subject.
        subject: String,
        /// The school year.
        year: i32,
        /// Its own staff of the subject who can be present, at most (visitors of exchanges
        /// under way included).
        own: u32,
        /// Of its own staff of the subject, those pinned to an exchange elsewhere that year.
        pinned_away: u32,
        /// Staff of the subject at other schools who could come.
        reach: u32,
        /// Staff of the subject the rule needs present.
        need: u32,
        /// `policy.max_distance_km`.
        max_km: f64,
        /// The closest person of the subject beyond the cap (a candidate in scope).
        nearest: Option<Nearest>,
    },
    /// Quota or flow: fewer people can make the starts the rule needs than it needs. Over
    /// one year, or over the horizon (each person starts once) when every year alone could.
    TooFewCandidates {
        /// The school they would start from.
        school: String,
        /// The host they would start at; none when any host counts (quota).
        host: Option<String>,
        /// Whom the rule counts.
        who: Who,
        /// The year, or every year of the horizon.
        years: Vec<i32>,
        /// People who could make one of these starts.
        have: u32,
        /// Starts the rule needs a year.
        per_year: u32,
        /// Starts the rule needs over `years`.
        need: u32,
        /// The rule that needs them.
        rule: Rule,
        /// `policy.max_distance_km` when a host is named.
        max_km: Option<f64>,
        /// The closest person beyond the cap, when a host is named.
        nearest: Option<Nearest>,
    },
    /// Enough people, but pins to other starts and `avoid_hosts` leave fewer than the rule
    /// needs (HR's decisions on single persons).
    PinnedElsewhere {
        /// The school they would start from.
        school: String,
        /// The host they would start at; none when any host counts.
        host: Option<String>,
        /// Whom the rule counts.
        who: Who,
        /// The year, or every year of the horizon.
        years: Vec<i32>,
        /// People who could make one of these starts and are free to.
        free: u32,
        /// Starts the rule needs over `years`.
        need: u32,
        /// The rule that needs them.
        rule: Rule,
        /// Ids of those pinned to another start.
        pinned: Vec<String>,
        /// Ids of those who would be admissible there but avoid the host.
        avoiding: Vec<String>,
    },
    /// The stability cap of rule 6 is below the starts out of the school another rule needs.
    CapBelowNeed {
        /// The school.
        school: String,
        /// The school year.
        year: i32,
        /// ceil(`max_out_share` × `staff`).
        cap: u32,
        /// `policy.max_out_share`.
        share: f64,
        /// Roster rows whose home is the school.
        staff: u32,
        /// Starts out of the school the other rule needs.
        need: u32,
        /// The rule that needs them.
        rule: Rule,
    },
    /// HR's pins alone start more exchanges out of the school than rule 6 allows.
    PinsOverCap {
        /// The school.
        school: String,
        /// The school year.
        year: i32,
        /// Pinned starts out of the school that year.
        pinned: u32,
        /// The stability cap.
        cap: u32,
    },
}
