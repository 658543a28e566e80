//! Numeric trouble: when HiGHS ends in a status it cannot decide (Unknown and the like),
//! the message names the likely cause instead of the bare status. Inputs are bounded
//! (weights ≤ 1e9, km ≤ 10000), so what is left is numbers far apart within those bounds.

use rust_i18n::t;

use crate::input::policy::Policy;

/// The message of a HiGHS status we do not expect (`Unknown`, `SolveError`, …): the status,
/// then, with the policy, its largest and smallest non-zero weight, and what to do.
pub fn status_message(status: &str, policy: Option<&Policy>) -> String {
    let Some((big_key, big, small)) = policy.and_then(weight_spread) else {
        return t!("bounds.trouble.generic", status = status).into_owned();
    };
    t!(
        "bounds.trouble.weights",
        status = status,
        key = big_key,
        big = format!("{big:e}"),
        ratio = format!("{:e}", (big / small).round())
    )
    .into_owned()
}

/// The largest weight with its key, and the smallest non-zero weight; `None` when no
/// weight is above 0.
fn weight_spread(p: &Policy) -> Option<(&'static str, f64, f64)> {
    let w = &p.weights;
    let all = [
        ("weights.distance_km", w.distance_km),
        ("weights.preference_rank", w.preference_rank),
        ("weights.promotion", w.promotion),
        ("weights.overdue", w.overdue),
        ("weights.equity", w.equity),
        ("weights.change", w.change),
        ("weights.slack", w.slack),
    ];
    let live = all.iter().filter(|(_, v)| *v > 0.0);
    let (key, big) = live
        .clone()
        .fold(("", 0.0), |a, &(k, v)| if v > a.1 { (k, v) } else { a });
    let small = live.map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    (big > 0.0).then_some((key, big, small))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_largest_weight_and_the_spread() {
        let mut p = Policy::default();
        p.weights.equity = 1e9;
        let m = status_message("Unknown", Some(&p));
        assert!(m.contains("status Unknown"), "{m}");
        assert!(m.contains("weights.equity") && m.contains("1e9"), "{m}");
        assert!(m.contains("under 1e6"), "{m}");
    }

    #[test]
    fn without_a_policy_the_message_still_names_the_likely_cause() {
        let m = status_message("Unknown", None);
        assert!(m.contains("status Unknown") && m.contains("weights"), "{m}");
    }
}
