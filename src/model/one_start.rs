//! A person starts at most one exchange in the horizon.

use super::builder::{Builder, Sense};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    for p in inst.person_ids() {
        if m.starts_of(p).len() < 2 {
            continue; // one variable is already bounded by 1
        }
        let e = m.sum(m.starts_of(p), |_| true);
        m.structural(e, Sense::Le, 1.0, None);
    }
}
