//! A plan: the new exchange starts of the horizon, as the solver or a user wrote them.

use crate::instance::{Instance, PersonId, SchoolId};

/// One new exchange start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Start {
    /// Who goes.
    pub person: PersonId,
    /// The host school.
    pub host: SchoolId,
    /// The first school year away.
    pub year: i32,
}

/// The new starts of the horizon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// In roster order once [`Plan::sorted`].
    pub starts: Vec<Start>,
}

impl Plan {
    /// Puts starts in roster order (SCENARIO.md): start year, home school id, person id.
    pub fn sorted(mut self, inst: &Instance) -> Plan {
        self.starts.sort_by(|a, b| {
            let (pa, pb) = (inst.person(a.person), inst.person(b.person));
            a.year
                .cmp(&b.year)
                .then_with(|| inst.school(pa.home).id.cmp(&inst.school(pb.home).id))
                .then_with(|| pa.id.cmp(&pb.id))
                .then_with(|| a.host.cmp(&b.host))
        });
        self
    }
}
