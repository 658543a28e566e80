//! What `explain` finds for one person: the facts, candidacy year by year, the decision and
//! its reasons, and the counterfactual; [`super::render`] puts it in words.

use serde::Serialize;

use super::candidacy::{Facts, YearCandidacy};
use super::counterfactual::Counterfactual;
use super::needed::{Equity, Needed};
use super::terms::StartCost;

/// Why one person goes or stays, and what the plan would cost otherwise.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The person's id.
    pub person: String,
    /// The person's name.
    pub name: String,
    /// What decides candidacy.
    pub facts: Facts,
    /// Candidacy year by year.
    pub years: Vec<YearCandidacy>,
    /// What the plan decides for the person, and why.
    pub decision: Decision,
    /// The plan with the decision reversed, when it can be (a mover; a stayer who could go).
    pub counterfactual: Option<Counterfactual>,
    /// The home school's sending rules in the plan year, as the plan meets them: what the
    /// answer to a stayer cites (the school's figures, never another person).
    pub home: Option<HomeYear>,
}

/// The rules on what a school sends, for one school and year, with the plan's figures.
#[derive(Debug, Clone, Serialize)]
pub struct HomeYear {
    /// The school's id.
    pub school: String,
    /// The school year (the plan year).
    pub year: i32,
    /// Quota schools only: the size of the due pool.
    pub due: Option<u32>,
    /// Quota schools only: the starts required, ceil(quota.rate × due).
    pub need: Option<u32>,
    /// New starts of the school's staff in the plan.
    pub sent: u32,
    /// The stability cap, the most the school may send (none when off).
    pub cap: Option<u32>,
}

/// What the plan decides for a person.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// The plan has the person start an exchange.
    Moves {
        /// The start and what it costs.
        start: StartCost,
        /// The hard rules the plan meets only with this start.
        needed: Vec<Needed>,
        /// Backbone teachers against the equity target at home and host (member schools;
        /// only for a backbone teacher, whom alone the equity term counts).
        equity: Vec<Equity>,
    },
    /// Stays: a candidate in no year of the horizon (see the years for why).
    NotCandidate,
    /// Stays: a candidate, but no host is admissible.
    NoAdmissibleHost {
        /// The nearest other school with a known distance, and why it is not admissible.
        nearest: Option<NearestHost>,
    },
    /// Stays although a start is admissible; the cheapest one on its own terms.
    Stays {
        /// The admissible start with the least per-start cost.
        best: StartCost,
    },
}

/// The nearest host of a candidate with none admissible.
#[derive(Debug, Clone, Serialize)]
pub struct NearestHost {
    /// The school's id.
    pub host: String,
    /// One-way commute km.
    pub km: f64,
    /// In the person's `avoid_hosts`.
    pub avoided: bool,
    /// Not an allowed host under `policy.scope`.
    pub out_of_scope: bool,
    /// Beyond `policy.max_distance_km`.
    pub beyond_cap: bool,
}
