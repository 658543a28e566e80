//! Unit tests of the guide on small hand-made LPs: which columns each stage keeps, the
//! column copy out of HiGHS, and the reports on the way.

use super::*;
use ::highs::{ColProblem, Sense};

const BINARY: [bool; 4] = [true, true, true, false];

/// min 5 + x0 + 2 x1 + 3 x2 + s over binaries x and a continuous s ≥ 0, subject to
/// 2 x0 + 2 x1 + 2 x2 ≥ 1 and x1 + x2 − s ≤ 0.5. The LP takes half of x0 (5.5); the
/// MIP all of it (6).
fn model() -> Model {
    let mut p = ColProblem::new();
    let cover = p.add_row(1.0..);
    let pair = p.add_row(..=0.5);
    p.add_integer_column(1.0, 0.0..=1.0, [(cover, 2.0)]);
    p.add_integer_column(2.0, 0.0..=1.0, [(cover, 2.0), (pair, 1.0)]);
    p.add_integer_column(3.0, 0.0..=1.0, [(cover, 2.0), (pair, 1.0)]);
    p.add_column(1.0, 0.0.., [(pair, -1.0)]);
    let mut m = p.optimise(Sense::Minimise);
    m.make_quiet();
    highs::set_objective_offset(&mut m, 5.0);
    // As a block's model gets them: HiGHS refuses to run with another thread count
    // than its scheduler started with.
    highs::set_options(&mut m, &options());
    m
}

fn options() -> HighsOptions {
    HighsOptions {
        time_limit: f64::INFINITY,
        mip_rel_gap: 1e-6,
        threads: Some(1),
    }
}

fn guide<'a>(
    start: Option<&'a Values>,
    options: &'a HighsOptions,
    seen: &'a dyn Fn(&Found),
) -> Guide<'a> {
    Guide {
        start,
        deadline: None,
        options,
        seen,
    }
}

#[test]
fn the_data_copied_out_of_highs_are_the_models() {
    let lp = highs::model_data(&model()).unwrap();
    assert_eq!(lp.offset, 5.0);
    assert!(!lp.maximise);
    assert_eq!(lp.cost, [1.0, 2.0, 3.0, 1.0]);
    assert_eq!(lp.lower, [0.0; 4]);
    assert_eq!(lp.upper, [1.0, 1.0, 1.0, f64::INFINITY]);
    assert_eq!(lp.integer, BINARY);
    assert_eq!(lp.row_lower, [1.0, f64::NEG_INFINITY]);
    assert_eq!(lp.row_upper, [f64::INFINITY, 0.5]);
    assert_eq!(
        lp.rows,
        [
            vec![(0, 2.0), (1, 2.0), (2, 2.0)],
            vec![(1, 1.0), (2, 1.0), (3, -1.0)]
        ]
    );
}

/// Without x0 the cheapest cover is x1 (2) with s = 0.5 to meet the second row: 5 + 2.5.
#[test]
fn a_restricted_mip_solves_its_columns_alone_and_gives_every_column_back() {
    let lp = highs::model_data(&model()).unwrap();
    let options = options();
    let g = guide(None, &options, &|_| {});
    let keep = [false, true, true, true];
    let (values, objective) = restricted(&lp, &keep, None, 1.0, &g).unwrap().unwrap();
    assert_eq!(values.len(), 4);
    assert_eq!(values[..3], [0.0, 1.0, 0.0]);
    assert!((values[3] - 0.5).abs() < 1e-9, "{values:?}");
    assert!((objective - 7.5).abs() < 1e-9, "{objective}");
}

/// The first stage keeps the LP's columns and half as many more by reduced cost; the
/// second also keeps the best plan's columns, however costly.
#[test]
fn a_stage_keeps_the_lps_columns_the_cheapest_others_and_the_best_plans() {
    let binary = [true, true, true, true, true, false];
    let lp = Relaxed {
        bound: 0.0,
        values: vec![1.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        reduced: vec![0.0, 3.0, 0.0, 1.0, 2.0, 0.0],
        duals: Vec::new(),
    };
    let quick = kept(&binary, &lp, None, 0.5);
    assert_eq!(quick, [true, false, true, true, false, true]);
    let best = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    let from_best = kept(&binary, &lp, Some(&best), 0.5);
    assert_eq!(from_best, [true, true, true, true, false, true]);
}

/// One report of the guide: (bound, plan's objective).
type Report = (Option<f64>, Option<f64>);

/// The guide's model and findings, and what it reported, in order.
fn guided(start: Option<&Values>) -> (Model, Found, Vec<Report>) {
    let options = options();
    let seen = std::cell::RefCell::new(Vec::new());
    let record = |f: &Found| {
        let plan = f.plan.as_ref().map(|p| p.1);
        seen.borrow_mut().push((f.bound, plan));
    };
    let (model, found) = run(model(), &guide(start, &options, &record)).unwrap();
    (model, found, seen.into_inner())
}

#[test]
fn the_guide_reports_the_bound_then_each_better_plan_and_leaves_the_mip_as_it_was() {
    let (model, found, seen) = guided(None);
    // The first stage's plan is within 0.55 of the bound: the costlier x1 and x2 cannot
    // beat it, so the second stage is skipped and the proof over x0 and s proves it.
    assert_eq!(
        seen,
        [
            (Some(5.5), None),
            (Some(5.5), Some(6.0)),
            (Some(6.0), Some(6.0))
        ]
    );
    assert!(found.optimal);
    assert_eq!(found.plan.unwrap().0[..3], [1.0, 0.0, 0.0]);
    let solved = model.solve();
    assert_eq!(solved.status(), HighsModelStatus::Optimal);
    assert!((solved.objective_value() - 6.0).abs() < 1e-9, "a MIP again");
}

#[test]
fn the_guide_proves_a_start_it_cannot_beat_and_beats_a_worse_one() {
    let optimal = (vec![1.0, 0.0, 0.0, 0.0], 6.0);
    let (_, found, seen) = guided(Some(&optimal));
    assert!(found.optimal);
    assert_eq!(found.plan.unwrap().0, optimal.0);
    assert_eq!(seen, [(Some(5.5), None), (Some(6.0), Some(6.0))]);
    let worse = (vec![0.0, 0.0, 1.0, 0.5], 8.5);
    let (_, found, _) = guided(Some(&worse));
    assert!(found.optimal);
    assert!((found.plan.unwrap().1 - 6.0).abs() < 1e-9);
}

/// Within 0.45 of the bound (0.4 and the margin), a column costing 0.6 more than the LP
/// optimum cannot be in a better plan; the LP's, the plan's and the continuous columns
/// are kept.
#[test]
fn the_proof_keeps_the_columns_that_can_beat_the_plan() {
    let binary = [true, true, true, true, true, false];
    let lp = Relaxed {
        bound: 10.0,
        values: vec![1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        reduced: vec![0.0, 0.3, 2.0, 5.0, 0.6, 0.0],
        duals: Vec::new(),
    };
    let best = (vec![0.0, 1.0, 0.0, 0.0, 0.0, 0.2], 10.4);
    let keep = improving(&binary, &lp, &best, 0.5).unwrap();
    assert_eq!(keep, [true, true, false, false, false, true]);
    // Farther from the bound, most columns could be in a better plan: no proof.
    let far = (best.0.clone(), 12.5);
    assert_eq!(improving(&binary, &lp, &far, 0.5), None);
}

/// The bound and reduced costs from the row duals alone are HiGHS's own on the test
/// model (LP 5.5: the cover row's dual 0.5 prices x0 at 0, x1 at 1, x2 at 2, s at 1).
#[test]
fn the_bound_from_the_row_duals_is_the_lp_optimum() {
    let options = options();
    let g = guide(None, &options, &|_| {});
    let (model, lp) = relaxation(model(), &g).unwrap();
    let lp = lp.unwrap();
    let dual = lagrangian(&highs::model_data(&model).unwrap(), &lp.duals).unwrap();
    assert!((dual.bound - 5.5).abs() < 1e-9, "{}", dual.bound);
    for (mine, highs) in dual.reduced.iter().zip(&lp.reduced) {
        assert!(
            (mine - highs).abs() < 1e-9,
            "{:?} {:?}",
            dual.reduced,
            lp.reduced
        );
    }
    assert_eq!(dual.reduced, [0.0, 1.0, 2.0, 1.0]);
}

/// An LP optimum in whole persons is a plan, priced with the offset; a fractional one
/// is not.
#[test]
fn an_lp_optimum_in_whole_persons_is_the_plan() {
    let lp = highs::model_data(&model()).unwrap();
    let relaxed = |values: Vec<f64>| Relaxed {
        bound: 6.0,
        values,
        reduced: vec![0.0; 4],
        duals: vec![0.0; 2],
    };
    let (values, objective) = whole(&lp, &relaxed(vec![1.0 - 1e-9, 0.0, 0.0, 0.25])).unwrap();
    assert_eq!(values, [1.0, 0.0, 0.0, 0.25]);
    assert!((objective - 6.25).abs() < 1e-12, "{objective}");
    assert_eq!(whole(&lp, &relaxed(vec![0.5, 0.0, 0.0, 0.0])), None);
}

/// Sifting from a start reaches the LP optimum of the whole model, with its duals, and
/// reports the bound of each round on the way, never a lower one after a higher.
#[test]
fn sifting_reaches_the_relaxations_optimum() {
    let data = highs::model_data(&model()).unwrap();
    let options = options();
    let bounds = std::cell::RefCell::new(Vec::new());
    let seen = |b: f64| bounds.borrow_mut().push(b);
    let start = [0.0, 0.0, 1.0, 0.5];
    let g = sift::Sift {
        start: Some(&start),
        deadline: None,
        options: &options,
        seen: &seen,
    };
    let sifted = sift::relaxation(&data, &g).unwrap();
    let lp = sifted.lp.unwrap();
    assert!((lp.bound - 5.5).abs() < 1e-9, "{}", lp.bound);
    assert_eq!(lp.reduced, [0.0, 1.0, 2.0, 1.0]);
    let bounds = bounds.into_inner();
    assert!((bounds.last().unwrap() - 5.5).abs() < 1e-9, "{bounds:?}");
    assert!(bounds.windows(2).all(|w| w[0] < w[1]), "{bounds:?}");
}
