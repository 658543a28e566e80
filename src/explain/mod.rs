//! `rotation explain`: why each person of a plan goes or stays. For each person one typed
//! [`Explanation`]: the facts that decide candidacy and the failing conditions year by year;
//! for a mover the objective terms of the start and the hard rules it is needed for; for a
//! stayer why not; and the counterfactual, by re-solving the person's block with the
//! decision reversed. `--json` prints the explanations as they are; [`answer`] says them to
//! the person (their facts and the policy's rules, no objective, nobody else), [`render`]
//! to HR (`--detail`: the objective term by term, the other people a re-plan moves).

mod answer;
mod candidacy;
mod counterfactual;
mod explanation;
mod needed;
mod render;
mod terms;

pub use answer::answer;
pub use candidacy::{Facts, Pin, UnderWay, YearCandidacy};
pub use counterfactual::{Change, Counterfactual, PlanStart};
pub use explanation::{Decision, Explanation, HomeYear, NearestHost};
pub use needed::{Equity, Needed};
pub use render::render;
pub use terms::{start_cost, StartCost, Term};

use crate::check::{self, Report};
use crate::instance::candidates::{self, Candidate};
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, PersonId};

/// A plan under explanation: the plan, its audit, and the admissible starts.
pub struct Explainer<'a> {
    inst: &'a Instance,
    plan: &'a Plan,
    report: Report,
    cands: Vec<Candidate>,
}

impl<'a> Explainer<'a> {
    /// Audits `plan` once for all the people to explain.
    pub fn new(inst: &'a Instance, plan: &'a Plan) -> Self {
        Explainer {
            inst,
            plan,
            report: check::check(inst, plan),
            cands: candidates::generate(inst),
        }
    }

    /// The checker's audit of the plan.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Explains person `p`; with `counterfactual`, re-solves their block too.
    pub fn explain(&self, p: PersonId, counterfactual: bool) -> Explanation {
        let inst = self.inst;
        let person = inst.person(p);
        let own = self.plan.starts.iter().find(|s| s.person == p).copied();
        let decision = match own {
            Some(st) => self.moves(p, &st),
            None => self.stays(p),
        };
        let reversed = match (&own, &decision) {
            (Some(st), _) => Some((*st, Change::Forbidden)),
            (None, Decision::Stays { best }) => Some((self.start_of(p, best), Change::Forced)),
            _ => None,
        };
        let before = self.report.objective;
        Explanation {
            person: person.id.clone(),
            name: person.name.clone(),
            facts: candidacy::facts(inst, p),
            years: candidacy::years(inst, p),
            decision,
            counterfactual: reversed.filter(|_| counterfactual).map(|(st, change)| {
                counterfactual::resolve(inst, self.plan, before, p, st, change)
            }),
            home: self.home_year(p),
        }
    }

    fn home_year(&self, p: PersonId) -> Option<HomeYear> {
        let inst = self.inst;
        let home = &inst.school(inst.person(p).home).id;
        let sy = self
            .report
            .school_years
            .iter()
            .find(|s| &s.school == home && s.year == inst.plan_year)?;
        Some(HomeYear {
            school: home.clone(),
            year: sy.year,
            due: sy.due,
            need: sy.quota_need,
            sent: sy.new_out,
            cap: sy.out_cap,
        })
    }

    fn start_of(&self, p: PersonId, c: &StartCost) -> Start {
        Start {
            person: p,
            host: c.host_school,
            year: c.year,
        }
    }

    fn moves(&self, p: PersonId, st: &Start) -> Decision {
        let inst = self.inst;
        let person = inst.person(p);
        let (home, host) = (&inst.school(person.home).id, &inst.school(st.host).id);
        let equity = if person.backbone {
            needed::equity(inst, &self.report, &[home, host])
        } else {
            Vec::new()
        };
        Decision::Moves {
            start: start_cost(inst, p, st.host, st.year),
            needed: needed::needed(inst, &self.report, p, st),
            equity,
        }
    }

    fn stays(&self, p: PersonId) -> Decision {
        let inst = self.inst;
        if !inst.years().any(|y| candidates::is_candidate(inst, p, y)) {
            return Decision::NotCandidate;
        }
        let best = self
            .cands
            .iter()
            .filter(|c| c.person == p)
            .map(|c| start_cost(inst, p, c.host, c.year))
            .min_by(|a, b| a.total.total_cmp(&b.total));
        match best {
            Some(best) => Decision::Stays { best },
            None => Decision::NoAdmissibleHost {
                nearest: nearest(inst, p),
            },
        }
    }
}

/// The nearest other school with a known distance, and why it is not admissible.
fn nearest(inst: &Instance, p: PersonId) -> Option<NearestHost> {
    let person = inst.person(p);
    let (host, km) = inst
        .school_ids()
        .filter(|&s| s != person.home)
        .filter_map(|s| candidates::distance_km(inst, p, s).map(|km| (s, km)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some(NearestHost {
        host: inst.school(host).id.clone(),
        km,
        avoided: person.avoid.contains(&host),
        out_of_scope: !candidates::in_scope(inst, person.home, host),
        beyond_cap: km > inst.policy.max_distance_km,
    })
}

/// The people a command-line word names: the person with that id, else everyone with that
/// name (none, one, or several when a name is shared).
pub fn find(inst: &Instance, word: &str) -> Vec<PersonId> {
    let word = word.trim();
    if let Some(p) = inst.person_ids().find(|&p| inst.person(p).id == word) {
        return vec![p];
    }
    inst.person_ids()
        .filter(|&p| inst.person(p).name == word)
        .collect()
}
