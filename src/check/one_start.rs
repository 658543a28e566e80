//! A person starts at most one exchange in the horizon (checker only: the model has it as a
//! row that is never relaxed). Every start after a person's first breaks it.

use super::audit::{At, Audit};
use super::shortfall::Shortfall;
use crate::rules::Rule;

pub(super) fn add(a: &mut Audit) {
    for (i, st) in a.plan.starts.iter().enumerate() {
        if a.first[st.person.ix()] != Some(i) {
            let shortfall = Shortfall::OneStart { person: st.person };
            a.broken(Rule::OneStart, At::Start(i))
                .short_by(1.0, shortfall);
        }
    }
}
