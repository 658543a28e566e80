//! Exchange quota (交流比例): a school sends ceil(rate × due pool) a year, a backbone share of
//! them, and optionally ceil(cadre_rate × due cadres) cadres.

use good_lp::Expression;

use super::builder::{Builder, Sense};
use crate::domain::Post;
use crate::instance::candidates::ceil_share;
use crate::instance::SchoolId;
use crate::rules::{Detail, Label, Rule};

pub fn add(m: &mut Builder) {
    let inst = m.inst;
    let q = &inst.policy.quota;
    for s in inst.school_ids() {
        let Some(role) = inst.school(s).role else {
            continue;
        };
        if !q.applies_to.contains(&role) {
            continue;
        }
        let due: Vec<_> = inst
            .person_ids()
            .filter(|&p| m.due[p.ix()] && inst.person(p).home == s)
            .collect();
        if due.is_empty() {
            continue;
        }
        let need = ceil_share(q.rate, due.len()) as f64;
        let due_cadres = due
            .iter()
            .filter(|&&p| inst.person(p).post == Post::Cadre)
            .count();
        let need_cadres = ceil_share(q.cadre_rate, due_cadres) as f64;
        for y in inst.years() {
            let label = |rule| Label {
                rule,
                school: s,
                detail: Detail::None,
                year: y,
            };
            let out = m.new_out(s, y, |_| true);
            if need > 0.0 && m.enabled(Rule::Quota) {
                m.require(out.clone(), Sense::Ge, need, label(Rule::Quota));
            }
            if q.backbone_share > 0.0 && m.enabled(Rule::QuotaBackbone) {
                let backbone = m.new_out(s, y, |i| m.person_of(i).backbone);
                let mut share = backbone.clone();
                share.add_mul(-q.backbone_share, &out);
                m.require(share, Sense::Ge, 0.0, label(Rule::QuotaBackbone));
                let floor = if m.enabled(Rule::Quota) { need } else { 0.0 };
                rounded_share(m, s, y, floor as u32, (&backbone, &out));
            }
            if need_cadres > 0.0 && m.enabled(Rule::QuotaCadre) {
                let cadres = m.new_out(s, y, |i| m.person_of(i).post == Post::Cadre);
                m.require(cadres, Sense::Ge, need_cadres, label(Rule::QuotaCadre));
            }
        }
    }
}

/// The backbone share in whole persons (valid inequalities, not in elastic mode): with `n` starts
/// out of `s` in `y` the rule needs `ceil(share × n)` backbone teachers, but its row lets
/// the LP take `share × n`, a fraction of a person. Where the stability cap keeps a core from
/// sending more, that fraction was the whole LP gap of generated counties (12 groups: 94 of
/// 30,168; bound 30,073.5 → 30,167.0 with these rows). Each row is a side of the convex hull
/// of the points `(n, ceil(share × n))` for `n` between the quota and the most the school can
/// send, so every plan that keeps the rules keeps them, and the optimum is unchanged.
fn rounded_share(
    m: &mut Builder,
    s: SchoolId,
    y: i32,
    floor: u32,
    (backbone, out): (&Expression, &Expression),
) {
    if m.loose {
        return;
    }
    let share = m.inst.policy.quota.backbone_share;
    let most = m.most_out(s, y);
    for side in hull_sides(share, floor, most) {
        let mut e = Expression::with_capacity(2);
        e.add_mul(side.per_backbone, backbone);
        e.add_mul(-side.per_start, out);
        m.structural(e, Sense::Ge, side.rhs, None);
    }
}

/// A side of the hull: `per_backbone × backbone − per_start × starts ≥ rhs`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Side {
    per_backbone: f64,
    per_start: f64,
    rhs: f64,
}

/// The sides of the lower convex hull of `(n, ceil(share × n))` for `n` in `lo..=hi` that the
/// share row itself does not already give.
fn hull_sides(share: f64, lo: u32, hi: u32) -> Vec<Side> {
    let need = |n: u32| (n, ceil_share(share, n as usize) as i64);
    let mut hull: Vec<(u32, i64)> = Vec::new();
    for p in (lo..=hi).map(need) {
        // Drop the last corner while it lies on or above the line from the one before to `p`.
        while let [.., a, b] = hull[..] {
            let (ab_n, ab_b) = ((b.0 - a.0) as i64, b.1 - a.1);
            let (ap_n, ap_b) = ((p.0 - a.0) as i64, p.1 - a.1);
            if ab_b * ap_n < ap_b * ab_n {
                break;
            }
            hull.pop();
        }
        hull.push(p);
    }
    let on_share_row = |(n, b): (u32, i64)| (b as f64 - share * n as f64).abs() < 1e-9;
    if let [(n, b)] = hull[..] {
        // One possible count: the backbone teachers it needs.
        let whole = b > 0 && !on_share_row((n, b));
        return whole
            .then_some(Side {
                per_backbone: 1.0,
                per_start: 0.0,
                rhs: b as f64,
            })
            .into_iter()
            .collect();
    }
    hull.windows(2)
        .filter(|w| !(on_share_row(w[0]) && on_share_row(w[1])))
        .filter(|w| w[0].1 > 0 || w[1].1 > 0)
        .map(|w| {
            let (dn, db) = ((w[1].0 - w[0].0) as f64, (w[1].1 - w[0].1) as f64);
            Side {
                per_backbone: dn,
                per_start: db,
                rhs: dn * w[0].1 as f64 - db * w[0].0 as f64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The least backbone count the sides and the share row allow with `n` starts.
    fn least(share: f64, sides: &[Side], n: u32) -> f64 {
        let n = n as f64;
        sides
            .iter()
            .map(|s| (s.rhs + s.per_start * n) / s.per_backbone)
            .fold(share * n, f64::max)
    }

    /// A core whose quota asks 3 and whose cap allows 17: 17 starts need 4 backbone teachers
    /// (ceil 3.4), and 3 need 1 (ceil 0.6); between 5 and 15 the share row is already exact
    /// at the multiples of 5.
    #[test]
    fn the_sides_are_those_of_the_hull_beyond_the_share_row() {
        let sides = hull_sides(0.2, 3, 17);
        let b1 = Side {
            per_backbone: 2.0,
            per_start: 0.0,
            rhs: 2.0,
        };
        let b4 = Side {
            per_backbone: 2.0,
            per_start: 1.0,
            rhs: -9.0,
        };
        assert_eq!(sides, [b1, b4]);
        assert_eq!(least(0.2, &sides, 17), 4.0);
        assert_eq!(least(0.2, &sides, 3), 1.0);
        assert_eq!(least(0.2, &sides, 16), 3.5);
    }

    /// One possible count asks its whole number of backbone teachers; none is asked when
    /// the share row already gives a whole number, or nothing.
    #[test]
    fn a_single_count_asks_its_whole_need() {
        let one = |rhs| Side {
            per_backbone: 1.0,
            per_start: 0.0,
            rhs,
        };
        assert_eq!(hull_sides(0.2, 7, 7), [one(2.0)]);
        assert_eq!(hull_sides(0.2, 10, 10), []);
        assert_eq!(hull_sides(0.2, 0, 0), []);
        assert_eq!(hull_sides(0.2, 5, 4), []);
    }

    proptest::proptest! {
        /// Every side holds at every count with its least whole backbone count (no plan
        /// that keeps the rule is cut off), and together with the share row they ask exactly
        /// that count at both ends of the range (the hull's corners).
        #[test]
        fn the_sides_cut_off_no_plan_and_are_exact_at_the_ends(
            share in 0.01..=1.0f64,
            lo in 0..40u32,
            len in 0..40u32,
        ) {
            let hi = lo + len;
            let sides = hull_sides(share, lo, hi);
            for n in lo..=hi {
                let whole = ceil_share(share, n as usize) as f64;
                for s in &sides {
                    let lhs = s.per_backbone * whole - s.per_start * n as f64;
                    proptest::prop_assert!(lhs >= s.rhs - 1e-9, "n {n}: {s:?}");
                }
            }
            for n in [lo, hi] {
                let whole = ceil_share(share, n as usize) as f64;
                proptest::prop_assert!((least(share, &sides, n) - whole).abs() < 1e-6, "n {n}");
            }
        }
    }
}
