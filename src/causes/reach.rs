//! The instance with every person's admissible starts (as the candidate generator has
//! them), worked out once for all the violations of a diagnosis; and what a rule asks for.

use crate::instance::candidates::{self, Candidate};
use crate::instance::{Instance, SchoolId};
use crate::rules::cause::Who;
use crate::rules::Rule;

/// What a rule asks for: starts of `who` out of `from` (to `host`), for `rule`.
pub(super) struct Ask {
    pub from: SchoolId,
    pub host: Option<SchoolId>,
    pub who: Who,
    pub rule: Rule,
}

/// The instance with its admissible starts, worked out once for every violation.
pub struct Reach<'a> {
    pub inst: &'a Instance,
    /// Each person's admissible starts.
    pub starts: Vec<Vec<Candidate>>,
}

impl<'a> Reach<'a> {
    /// The admissible starts of `inst`.
    pub fn new(inst: &'a Instance) -> Reach<'a> {
        let mut starts = vec![Vec::new(); inst.people.len()];
        for c in candidates::generate(inst) {
            starts[c.person.ix()].push(c);
        }
        Reach { inst, starts }
    }
}
