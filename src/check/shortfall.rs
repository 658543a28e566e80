//! What a break is, as data: for each rule the figures its sentence prints, and for a start
//! that is not admissible every reason why. The checker finds them; the words are made at
//! the edge (`summary::BrokenRule`), in the language of the run.

use crate::domain::Scope;
use crate::instance::{PersonId, SchoolId, SubjectId};

/// The figures of one broken rule, one variant per rule sentence (`check.v.*`).
#[derive(Debug, Clone, PartialEq)]
pub enum Shortfall {
    /// A start that is not admissible, with every reason why (never empty).
    Admissible {
        /// The person.
        person: PersonId,
        /// The host school.
        host: SchoolId,
        /// The school year.
        year: i32,
        /// Every reason why, in the order the rule finds them.
        why: Vec<NotAdmissible>,
    },
    /// Fewer staff of a subject present than the school's minimum.
    Coverage {
        /// The school.
        school: SchoolId,
        /// The subject.
        subject: SubjectId,
        /// The school year.
        year: i32,
        /// Staff of the subject present.
        present: u32,
        /// The minimum.
        min: u32,
    },
    /// Visitors and staff away differ by more than `max_net_change`.
    Headcount {
        /// The school.
        school: SchoolId,
        /// The school year.
        year: i32,
        /// Staff of other schools away at this one.
        visitors: u32,
        /// Home staff away at another school.
        away: u32,
        /// `visitors − away`.
        net: i64,
        /// `max_net_change`.
        limit: i64,
    },
    /// A start after the person's first.
    OneStart {
        /// The person.
        person: PersonId,
    },
    /// A pinned person without the pinned start; `instead` lists the person's starts.
    Pin {
        /// The person.
        person: PersonId,
        /// The host school.
        host: SchoolId,
        /// The school year.
        year: i32,
        /// The person's starts in the plan (none: no start).
        instead: Vec<StartAt>,
    },
    /// Fewer starts than ceil(rate × due pool).
    Quota {
        /// The school.
        school: SchoolId,
        /// The school year.
        year: i32,
        /// Starts out of the school.
        new_out: u32,
        /// What the rule needs.
        need: u32,
        /// `quota.rate`.
        rate: f64,
        /// The due pool.
        due: usize,
    },
    /// Fewer backbone teachers among the starts than `share` of them.
    Backbone {
        /// The school.
        school: SchoolId,
        /// The school year.
        year: i32,
        /// Backbone teachers among the starts.
        backbone: u32,
        /// Starts out of the school.
        new_out: u32,
        /// The policy share.
        share: f64,
    },
    /// Fewer cadres among the starts than needed.
    Cadre {
        /// The school.
        school: SchoolId,
        /// The school year.
        year: i32,
        /// Starts sent.
        sent: u32,
        /// What the rule needs.
        need: u32,
    },
    /// A trusteed member sends back another number than it receives.
    Reciprocal {
        /// The trusteed member.
        member: SchoolId,
        /// The core school.
        core: SchoolId,
        /// The school year.
        year: i32,
        /// Starts back from the member to the core.
        back: u32,
        /// Starts sent.
        sent: u32,
    },
    /// More starts than the stability cap.
    StabilityCap {
        /// The school.
        school: SchoolId,
        /// The school year.
        year: i32,
        /// Starts out of the school.
        new_out: u32,
        /// ceil(share × home staff).
        cap: u32,
        /// The policy share.
        share: f64,
        /// Home staff of the school.
        home_staff: u32,
    },
    /// A subject taught before the plan's starts has no staff present after them.
    SubjectsKept {
        /// The school.
        school: SchoolId,
        /// The subject.
        subject: SubjectId,
        /// The school year.
        year: i32,
    },
    /// A core sends fewer cadres or backbone teachers to a trusteed member than the minimum.
    TrusteedFlow {
        /// The core school.
        core: SchoolId,
        /// The trusteed member.
        member: SchoolId,
        /// The school year.
        year: i32,
        /// Starts sent.
        sent: u32,
        /// The minimum.
        min: u32,
    },
}

/// One start of a person: where and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartAt {
    /// The host school.
    pub host: SchoolId,
    /// The first school year away.
    pub year: i32,
}

/// One reason why a start is not admissible (`check.why.*`), with its figures.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAdmissible {
    /// The start year is outside the horizon `first..=last`.
    OutsideHorizon {
        /// The school year.
        year: i32,
        /// The first planned year.
        first: i32,
        /// The last planned year.
        last: i32,
    },
    /// The host is in the person's `avoid_hosts`.
    Avoided {
        /// The host school.
        host: SchoolId,
    },
    /// The start (host and year) is forbidden for the person.
    Forbidden {
        /// The host school.
        host: SchoolId,
        /// The school year.
        year: i32,
    },
    /// The host is out of `policy.scope` for staff of `home`.
    OutOfScope {
        /// The host school.
        host: SchoolId,
        /// The person's home school.
        home: SchoolId,
        /// `policy.scope`.
        scope: Scope,
    },
    /// The commute `km` exceeds `max`.
    TooFar {
        /// The commute, km.
        km: f64,
        /// `max_distance_km`.
        max: f64,
    },
    /// Principals do not take part.
    Principal,
    /// The person is exempt.
    Exempt,
    /// Only `years` at the school in `year`, `need` needed.
    Years {
        /// Years at the school in `year`.
        years: i32,
        /// The school year.
        year: i32,
        /// `min_years_at_school`.
        need: i32,
    },
    /// Retires in `retire`, within `buffer` years of `year`.
    Retires {
        /// The retirement year.
        retire: i32,
        /// `retirement_buffer_years`.
        buffer: i32,
        /// The school year.
        year: i32,
    },
    /// Still away on the exchange under way in `year`.
    Away {
        /// The school year.
        year: i32,
    },
    /// Returned in `returned`, with a cooldown of `years`.
    Cooldown {
        /// The year of the last return.
        returned: i32,
        /// `cooldown_years`.
        years: i32,
    },
    /// The commute is unknown: the host has no coordinates to measure from the residence.
    NoHostCoords {
        /// The host school.
        host: SchoolId,
    },
    /// The commute is unknown: no distance-table row and not both coordinates.
    NoDistance {
        /// The person's home school.
        home: SchoolId,
        /// The host school.
        host: SchoolId,
    },
}
