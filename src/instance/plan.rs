//! A plan: the new exchange starts of the horizon, as the solver or a user wrote them.

use super::ids::{PersonId, SchoolId};

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
