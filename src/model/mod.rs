//! The integer program of MODEL.md. Each rule family lives in its own file with one `add`;
//! [`build`] lists them all, so the whole model reads top to bottom on one screen.

mod builder;
mod changes;
mod coverage;
mod equity;
mod headcount;
mod objective;
mod one_start;
mod pins;
mod quota;
mod reciprocal;
mod stability_cap;
mod subjects_kept;
mod trusteed_flow;

use crate::instance::candidates::Candidate;
use crate::instance::Instance;
use crate::rules::{Component, Rule};
use builder::Builder;
pub use builder::{BuildOptions, Built, Row};

/// The whole model: every family of MODEL.md, top to bottom.
pub fn build(inst: &Instance, cands: &[Candidate], opts: &BuildOptions) -> Built {
    let mut m = Builder::new(inst, cands, opts);
    let on = |r: Rule| !opts.without.contains(&r);
    if on(Rule::OneStart) {
        one_start::add(&mut m); // a person starts at most one exchange in the horizon
    }
    if on(Rule::Pin) {
        pins::add(&mut m); // a pinned person starts exactly the exchange HR decided
    }
    if on(Rule::Coverage) {
        coverage::add(&mut m); // enough staff of each subject present at every school
    }
    if on(Rule::Headcount) {
        headcount::add(&mut m); // visitors and staff away differ by at most max_net_change
    }
    if on(Rule::Quota) || on(Rule::QuotaBackbone) || on(Rule::QuotaCadre) {
        quota::add(&mut m); // schools send ceil(rate × due) a year, with backbone and cadre shares
    }
    if on(Rule::TrusteedFlow) {
        trusteed_flow::add(&mut m); // a core sends ≥ min cadres/backbone to each trusteed member a year
    }
    if on(Rule::Reciprocal) {
        reciprocal::add(&mut m); // a trusteed member sends back as many as it receives
    }
    if on(Rule::StabilityCap) {
        stability_cap::add(&mut m); // a school sends at most ceil(max_out_share × home staff) a year
    }
    if on(Rule::SubjectsKept) {
        subjects_kept::add(&mut m); // no start takes a school's last teacher of a subject it teaches
    }
    if !opts.without_terms.contains(&Component::Equity) {
        equity::add(&mut m); // members short of backbone teachers cost per missing head
    }
    objective::add(&mut m); // distance, preference, promotion and overdue terms
    changes::add(&mut m); // with a baseline plan: each start added or dropped costs weights.change
    m.finish()
}
