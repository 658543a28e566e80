//! `rotation threshold`: the value of a policy key where the instance turns infeasible,
//! by bisection on exact solves, and what breaks there.

use std::path::PathBuf;

use rust_i18n::t;

use super::args::{load, parse_sets, solver_sets, PolicyArgs};
use super::output::{input_failed, outln, progress, EXIT_NO_PLAN, EXIT_OK};
use crate::report::render_violations;
use crate::threshold::{self, Figure, Probe, Search, Stopped};

/// `threshold` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    scenario: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// The numeric policy key searched, e.g. policy.max_distance_km.
    #[arg(long)]
    key: String,
    /// One end of the range.
    #[arg(long, allow_negative_numbers = true)]
    from: f64,
    /// The other end of the range.
    #[arg(long, allow_negative_numbers = true)]
    to: f64,
    /// The width of the interval the boundary is narrowed to.
    #[arg(long, default_value_t = 0.01)]
    tolerance: f64,
    /// Seconds HiGHS may run per probe (same as --set solver.time_limit_s=S).
    #[arg(long, value_name = "S")]
    time_limit: Option<f64>,
    /// Watch a figure of the plan instead of feasibility: the boundary is where it
    /// crosses --limit (objective, moves or distance-km).
    #[arg(long, value_enum, requires = "limit")]
    figure: Option<Figure>,
    /// The limit the watched figure is held to (at most).
    #[arg(long, requires = "figure", allow_negative_numbers = true)]
    limit: Option<f64>,
}

pub(crate) fn run(a: Args) -> i32 {
    // Read once with the key at `from`: every input problem (and a key that is not one, or
    // a value out of its range) is said before any probe.
    let mut extra = solver_sets(a.time_limit, None);
    extra.push((a.key.clone(), a.from.to_string()));
    if let Err(e) = load(&a.scenario, &a.policy, extra.clone()) {
        return input_failed(&e);
    }
    extra.pop();
    // A key of whole numbers refuses a value between two: then only whole numbers are probed.
    let half = (a.key.clone(), (a.from.floor() + 0.5).to_string());
    let sets_half: Vec<_> = parse_sets(&a.policy.set)
        .unwrap_or_default()
        .into_iter()
        .chain([half])
        .collect();
    let whole = crate::load::instance(&a.scenario, a.policy.policy.as_deref(), &sets_half).is_err();
    let sets = match parse_sets(&a.policy.set) {
        Ok(mut s) => {
            s.extend(extra);
            s
        }
        Err(e) => return input_failed(&e),
    };
    let tolerance = if a.tolerance > 0.0 { a.tolerance } else { 0.01 };
    let digits = (-tolerance.log10()).ceil().max(0.0) as usize;
    let num = |v: f64| format!("{v:.digits$}");
    let (key, from, to) = (&a.key, num(a.from), num(a.to));
    outln!(
        "{}",
        t!(
            "tools.threshold.searching",
            key = key,
            from = from,
            to = to,
            tolerance = tolerance
        )
    );
    let said = |p: &Probe| {
        let value = num(p.value);
        let line = match p.objective.filter(|_| p.feasible) {
            Some(o) => t!(
                "tools.threshold.feasible",
                value = value,
                objective = format!("{o:.3}")
            ),
            None => t!("tools.threshold.infeasible", value = value),
        };
        progress(&line);
    };
    let search = Search {
        scenario: &a.scenario,
        policy: a.policy.policy.as_deref(),
        sets: &sets,
        key: &a.key,
        from: a.from,
        to: a.to,
        tolerance,
        watch: a.figure.zip(a.limit),
        whole,
    };
    let found = match threshold::search(&search, &said) {
        Ok(f) => f,
        Err(Stopped::Input(e)) => return input_failed(&e),
        Err(Stopped::Undecided(value)) => {
            let value = num(value);
            eprintln!(
                "{}",
                t!("tools.threshold.undecided", key = key, value = value)
            );
            return EXIT_NO_PLAN;
        }
    };
    say(&found, &search, &num);
    EXIT_OK
}

/// The boundary found (or that there is none), and what breaks at it.
fn say(found: &threshold::Threshold, search: &Search, num: &dyn Fn(f64) -> String) {
    let (key, from, to, tolerance) = (
        search.key,
        num(search.from),
        num(search.to),
        search.tolerance,
    );
    let n = found.probes.len();
    let Some((a_side, b_side)) = found.boundary else {
        let side = if found.probes.first().is_some_and(|p| p.feasible) {
            t!("tools.threshold.all_feasible")
        } else {
            t!("tools.threshold.all_infeasible")
        };
        outln!(
            "{}",
            t!(
                "tools.threshold.no_change",
                key = key,
                from = from,
                to = to,
                side = side,
                n = n
            )
        );
        return;
    };
    let watch = search.watch;
    let (held, crossed) = if a_side.side(watch) {
        (a_side, b_side)
    } else {
        (b_side, a_side)
    };
    let (at, ok) = (num(crossed.value), num(held.value));
    match watch {
        Some((figure, limit)) => {
            let digits = if figure == Figure::Moves { 0 } else { 3 };
            let shown =
                |p: &Probe| (p.figure(figure)).map_or("-".into(), |v| format!("{v:.digits$}"));
            let name = clap::ValueEnum::to_possible_value(&figure)
                .map_or_else(String::new, |v| v.get_name().to_string());
            let (figure, here, there) = (name, shown(&held), shown(&crossed));
            let line = t!(
                "tools.threshold.crossed",
                key = key,
                figure = figure,
                limit = limit,
                held = ok,
                here = here,
                crossed = at,
                there = there,
                tolerance = tolerance,
                n = n
            );
            outln!("{line}");
        }
        None => {
            let line = t!(
                "tools.threshold.found",
                key = key,
                infeasible = at,
                feasible = ok,
                tolerance = tolerance,
                n = n
            );
            outln!("{line}");
        }
    }
    if !found.broken.is_empty() {
        outln!("{}", t!("tools.threshold.breaks", value = at));
        outln!("{}", render_violations(&found.broken));
    }
}
