//! The vocabulary that the model and the checker share: the names of the hard rules, what a
//! rule row is about, and the named parts of the objective. Both sides name a broken rule
//! the same way, so the elastic diagnosis and `check` agree word for word. The weights stay
//! apart: [`Component::weight`] prices terms for the model and the reports, while the
//! checker applies `policy.weights` by its own hand.

pub mod cause;

use serde::Serialize;

use crate::input::policy::Policy;
use crate::instance::{SchoolId, SubjectId};

/// A hard rule of MODEL.md, as named in diagnoses and in `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A start that is not admissible (candidacy, scope, distance, horizon); `check` only.
    Admissible,
    /// More than one start per person; `check` only.
    OneStart,
    /// Rule 1: staff of a subject present at a school meet its minimum.
    Coverage,
    /// Rule 2: visitors and staff away differ by at most `max_net_change`.
    Headcount,
    /// Rule 3: a quota school sends ceil(rate × due pool) a year.
    Quota,
    /// Rule 3: a backbone share of those starts.
    QuotaBackbone,
    /// Rule 3: ceil(cadre_rate × due cadres) cadre starts a year.
    QuotaCadre,
    /// Rule 4: a core sends cadres/backbone to each trusteed member.
    TrusteedFlow,
    /// Rule 5: a trusteed member sends back as many as it receives.
    Reciprocal,
    /// HR's pin: the person starts at the pinned host in the pinned year; never relaxed.
    Pin,
    /// Rule 6: new starts out of a school a year ≤ ceil(max_out_share × home staff).
    StabilityCap,
    /// Rule 7: a subject taught at a school keeps at least one teacher there.
    SubjectsKept,
}

impl Rule {
    /// The rule's name in tables and messages, in the language in force.
    pub fn title(self) -> String {
        let key = match self {
            Rule::Admissible => "rule.admissible",
            Rule::OneStart => "rule.one_start",
            Rule::Coverage => "rule.coverage",
            Rule::Headcount => "rule.headcount",
            Rule::Quota => "rule.quota",
            Rule::QuotaBackbone => "rule.quota_backbone",
            Rule::QuotaCadre => "rule.quota_cadre",
            Rule::TrusteedFlow => "rule.trusteed_flow",
            Rule::Reciprocal => "rule.reciprocal",
            Rule::Pin => "rule.pin",
            Rule::StabilityCap => "rule.stability_cap",
            Rule::SubjectsKept => "rule.subjects_kept",
        };
        rust_i18n::t!(key).into_owned()
    }
}

/// What, besides school and year, a rule instance is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Detail {
    /// Nothing more than school and year.
    None,
    /// The subject of a coverage row.
    Subject(SubjectId),
    /// The trusteed member of a flow rule (the school is its core).
    Member(SchoolId),
    /// The host HR pinned a person to (the school is the person's home); `check` only.
    Host(SchoolId),
    /// Headcount: more visitors than staff away.
    Surplus,
    /// Headcount: more staff away than visitors.
    Deficit,
}

/// One row of a hard rule: which rule, where, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    /// The rule this row belongs to.
    pub rule: Rule,
    /// The school it is about (the core, for flow rules).
    pub school: SchoolId,
    /// What else it is about.
    pub detail: Detail,
    /// The school year.
    pub year: i32,
}

/// The named parts of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// One-way commute km of every start.
    DistanceKm,
    /// Rank of the host in the person's preferences.
    PreferenceRank,
    /// Starts of staff who need exchange for a promotion (a reward).
    Promotion,
    /// Years over due of due staff who stay home.
    Overdue,
    /// Backbone teachers missing at member schools.
    Equity,
    /// Starts added to or dropped from a baseline plan (a move counts 2).
    Change,
    /// Units by which elastic mode breaks hard rules.
    Slack,
}

impl Component {
    /// Every component, in the order of tables and `summary.json`.
    pub const ALL: [Component; 7] = [
        Component::DistanceKm,
        Component::PreferenceRank,
        Component::Promotion,
        Component::Overdue,
        Component::Equity,
        Component::Change,
        Component::Slack,
    ];

    /// The component's key in `summary.json` and in `[weights]`.
    pub fn key(self) -> &'static str {
        match self {
            Component::DistanceKm => "distance_km",
            Component::PreferenceRank => "preference_rank",
            Component::Promotion => "promotion",
            Component::Overdue => "overdue",
            Component::Equity => "equity",
            Component::Change => "change",
            Component::Slack => "slack",
        }
    }

    /// The policy weight of this component.
    pub fn weight(self, policy: &Policy) -> f64 {
        let w = &policy.weights;
        match self {
            Component::DistanceKm => w.distance_km,
            Component::PreferenceRank => w.preference_rank,
            // A reward: the term enters the objective with a minus sign.
            Component::Promotion => -w.promotion,
            Component::Overdue => w.overdue,
            Component::Equity => w.equity,
            Component::Change => w.change,
            Component::Slack => w.slack,
        }
    }
}
