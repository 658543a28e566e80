//! A person starts at most one exchange in the horizon (checker only: the model has it as a
//! row that is never relaxed). Every start after a person's first breaks it.

use super::audit::{At, Audit};
use crate::rules::Rule;
use rust_i18n::t;

pub(super) fn add(a: &mut Audit) {
    let inst = a.inst;
    for (i, st) in a.plan.starts.iter().enumerate() {
        if a.first[st.person.ix()] != Some(i) {
            let id = &inst.person(st.person).id;
            let message = t!("check.v.one_start", id = id).into_owned();
            a.broken(Rule::OneStart, At::Start(i))
                .short_by(1.0, message);
        }
    }
}
