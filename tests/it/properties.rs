//! Property tests over generated small counties: every plan the solver returns passes the
//! independent checker with the same objective; an infeasible county's elastic slacks are
//! exactly the checker's violations; two runs give the same plan; the valid inequalities and
//! the guide leave the optimum of the plain model unchanged.

use proptest::prelude::*;
use proptest::test_runner::{RngSeed, TestCaseError};
use rotation::check::check;
use rotation::generate::{self, Density, Options};
use rotation::instance::Instance;
use rotation::model::BuildOptions;
use rotation::solve::{solve, Solved, Status};

#[derive(Debug, Clone)]
struct Person {
    school: usize,
    subject: usize,
    post: usize,
    backbone: bool,
    years: i32,
    promotion: bool,
    existing: Option<usize>,
}

const SCHOOLS: [(&str, f64, f64, &str); 4] = [
    ("core", 36.60, 101.78, "核心校"),
    ("trust", 36.55, 101.75, "托管校"),
    ("memb", 36.64, 101.80, "成员校"),
    ("far", 36.40, 101.50, "远校"),
];
const SUBJECTS: [&str; 3] = ["math", "chinese", "english"];
const POSTS: [&str; 3] = ["teacher", "cadre", "principal"];

fn person() -> impl Strategy<Value = Person> {
    (
        0..4usize,
        0..3usize,
        prop_oneof![6 => Just(0usize), 3 => Just(1usize), 1 => Just(2usize)],
        any::<bool>(),
        0..12i32,
        prop::bool::weighted(0.2),
        prop::option::weighted(0.1, 0..4usize),
    )
        .prop_map(
            |(school, subject, post, backbone, years, promotion, existing)| Person {
                school,
                subject,
                post,
                backbone,
                years,
                promotion,
                existing,
            },
        )
}

fn county() -> impl Strategy<Value = (Vec<Person>, usize, usize, u32, i32)> {
    // staff, scope, reciprocal, min flow, min subject
    (
        prop::collection::vec(person(), 6..22),
        0..3usize,
        0..3usize,
        0..3u32,
        0..3i32,
    )
}

fn write_county(
    dir: &std::path::Path,
    staff: &[Person],
    scope: usize,
    reciprocal: usize,
    flow: u32,
    min_subject: i32,
) -> std::path::PathBuf {
    let mut s = String::from("[scenario]\nname = \"generated\"\nplan_year = 2027\npolicy = \"p.toml\"\n\n[[groups]]\nid = \"g\"\ncore = \"core\"\ntrusteed = [\"trust\"]\nmembers = [\"memb\"]\n");
    for (id, lat, lon, name) in SCHOOLS {
        s +=
            &format!("\n[[schools]]\nid = \"{id}\"\nname = \"{name}\"\nlat = {lat}\nlon = {lon}\n");
        // A minimum of a subject no one teaches is an input error (E1063), not a case.
        let math_taught = staff.iter().any(|p| SUBJECTS[p.subject] == "math");
        if id == "memb" && min_subject > 0 && math_taught {
            s += &format!("[schools.min_subject]\nmath = {min_subject}\n");
        }
    }
    for (i, p) in staff.iter().enumerate() {
        s += &format!(
            "\n[[staff]]\nid = \"P{i}\"\nname = \"教师{i}\"\nschool = \"{}\"\nsubject = \"{}\"\npost = \"{}\"\nbackbone = {}\nyears_at_school = {}\nneeds_promotion = {}\n",
            SCHOOLS[p.school].0, SUBJECTS[p.subject], POSTS[p.post], p.backbone, p.years, p.promotion
        );
        if let Some(h) = p.existing.filter(|&h| h != p.school) {
            s += &format!(
                "exchange_host = \"{}\"\nexchange_start = 2026\n",
                SCHOOLS[h].0
            );
        }
    }
    std::fs::write(dir.join("s.toml"), s).unwrap();
    let scope = ["core-member", "group", "county"][scope];
    let recip = ["equal", "equal-cadre-backbone", "none"][reciprocal];
    std::fs::write(dir.join("p.toml"), format!("[policy]\nscope = \"{scope}\"\nmax_net_change = 2\n[group_flow]\ncore_to_trusteed_min = {flow}\nreciprocal = \"{recip}\"\n[quota]\nrate = 0.3\n")).unwrap();
    dir.join("s.toml")
}

/// A fixed sample, so that CI is reproducible; `PROPTEST_RNG_SEED=N PROPTEST_CASES=M`
/// explores other counties.
fn config(cases: u32) -> ProptestConfig {
    let d = ProptestConfig::default();
    let set = |k: &str| std::env::var_os(k).is_some();
    ProptestConfig {
        cases: if set("PROPTEST_CASES") {
            d.cases
        } else {
            cases
        },
        rng_seed: if set("PROPTEST_RNG_SEED") {
            d.rng_seed
        } else {
            RngSeed::Fixed(2026)
        },
        failure_persistence: None,
        ..d
    }
}

/// A proven optimum is within the policy's gap of the bound it reports.
fn gap_within_policy(inst: &Instance, s: &Solved) -> bool {
    s.gap
        .is_some_and(|g| g <= inst.policy.solver.mip_gap + 1e-9)
}

/// Writes a small county and runs [`solve_and_check`] on it.
fn small_county(
    staff: &[Person],
    scope: usize,
    recip: usize,
    flow: u32,
    min_subject: i32,
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = write_county(dir.path(), staff, scope, recip, flow, min_subject);
    let inst = rotation::load::instance(&path, None, &[]).unwrap();
    solve_and_check(&inst)
}

/// The property on one county: a plan passes the checker with the same objective; an
/// optimal one is within the gap and comes back the same on a second run; an infeasible
/// county's elastic plan breaks exactly the rules its slacks name, by the same amounts.
/// A plan stopped by the time limit (feasible) must still agree with the checker: some
/// elastic models of generated counties need minutes to close the last 0.02%.
/// `Err` names what failed.
fn solve_and_check(inst: &Instance) -> Result<(), TestCaseError> {
    let s = solve(inst, &BuildOptions::default());
    match s.status {
        Status::Optimal | Status::Feasible => {
            let r = check(inst, &s.plan);
            prop_assert!(r.ok, "violations: {:#?}", r.violations);
            prop_assert!(
                (r.objective - s.objective.unwrap()).abs() < 1e-6,
                "check {} vs solve {}",
                r.objective,
                s.objective.unwrap()
            );
            if s.status == Status::Optimal {
                prop_assert!(gap_within_policy(inst, &s), "gap {:?}", s.gap);
                let again = solve(inst, &BuildOptions::default());
                prop_assert_eq!(&again.plan, &s.plan);
            }
        }
        Status::Infeasible => {
            let e = solve(
                inst,
                &BuildOptions {
                    elastic: true,
                    ..Default::default()
                },
            );
            prop_assert!(e.status.has_plan(), "elastic status {:?}", e.status);
            if e.status == Status::Optimal {
                prop_assert!(gap_within_policy(inst, &e), "elastic gap {:?}", e.gap);
            }
            let r = check(inst, &e.plan);
            prop_assert!(!r.violations.is_empty());
            let amount: f64 = r.violations.iter().map(|v| v.amount).sum();
            let slack: f64 = e.slack.iter().map(|(_, a)| a).sum();
            prop_assert!(
                (amount - slack).abs() < 1e-6,
                "check {amount} vs slack {slack}"
            );
            prop_assert!(
                (r.objective - e.objective.unwrap()).abs() < 1e-6,
                "check {} vs elastic solve {}",
                r.objective,
                e.objective.unwrap()
            );
            for (l, a) in &e.slack {
                prop_assert!(
                    r.violations.iter().any(|w| w.rule == l.rule
                        && w.school == Some(l.school)
                        && w.year == Some(l.year)
                        && (w.amount - a).abs() < 1e-6),
                    "slack {:?} of {} not among {:#?}",
                    l,
                    a,
                    r.violations
                );
            }
        }
        other => prop_assert!(false, "unexpected status {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn solved_plans_pass_the_checker((staff, scope, recip, flow, min_subject) in county()) {
        small_county(&staff, scope, recip, flow, min_subject)?;
    }
}

/// Policy knobs a generated county is solved under.
#[derive(Debug, Clone)]
struct Knobs {
    model: &'static str,
    scope: &'static str,
    max_km: f64,
    net: u32,
    rate: f64,
    cadre_rate: f64,
    flow: u32,
    cooldown: u32,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        prop::sample::select(vec!["baseline", "shanghai-2023", "strict-seed"]),
        prop::sample::select(vec!["core-member", "group", "county"]),
        prop::sample::select(vec![8.0, 15.0, 30.0]),
        0..3u32,
        prop::sample::select(vec![0.1, 0.2, 0.3]),
        prop::sample::select(vec![0.0, 0.1]),
        0..5u32,
        0..2u32,
    )
        .prop_map(
            |(model, scope, max_km, net, rate, cadre_rate, flow, cooldown)| Knobs {
                model,
                scope,
                max_km,
                net,
                rate,
                cadre_rate,
                flow,
                cooldown,
            },
        )
}

/// Loads the county `rotation generate` makes of `groups` groups and `seed` (its files in
/// `dir`) under the policy and knobs of `k`.
fn generated_instance(dir: &std::path::Path, groups: usize, seed: u64, k: &Knobs) -> Instance {
    let options = Options {
        groups,
        seed,
        plan_year: 2027,
        ..Default::default()
    };
    family_instance(dir, options, k)
}

/// [`generated_instance`] of a county `rotation generate` makes with `options`.
fn family_instance(dir: &std::path::Path, options: Options, k: &Knobs) -> Instance {
    let path = generate::generate(&options).write(dir).unwrap();
    let sets: Vec<(String, String)> = [
        ("policy.scope", format!("\"{}\"", k.scope)),
        ("policy.max_distance_km", k.max_km.to_string()),
        ("policy.max_net_change", k.net.to_string()),
        ("policy.cooldown_years", k.cooldown.to_string()),
        ("quota.rate", k.rate.to_string()),
        ("quota.cadre_rate", k.cadre_rate.to_string()),
        ("group_flow.core_to_trusteed_min", k.flow.to_string()),
    ]
    .into_iter()
    .map(|(key, v)| (key.to_string(), v))
    .collect();
    let policy =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("models/{}.toml", k.model));
    rotation::load::instance(&path, Some(&policy), &sets).unwrap()
}

/// Generates a county of `groups` groups and runs [`solve_and_check`] on it under `k`.
fn generated_county(groups: usize, seed: u64, k: &Knobs) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    solve_and_check(&generated_instance(dir.path(), groups, seed, k))
}

/// The valid inequalities (the backbone share in whole persons) and the guide with its
/// proof over the columns that can still improve change how soon the optimum is found and
/// proven, never what it is: the plain model of MODEL.md, solved by HiGHS alone over every
/// column, has the same optimum within the gap.
fn same_optimum_as_the_plain_model(
    groups: usize,
    seed: u64,
    k: &Knobs,
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let inst = generated_instance(dir.path(), groups, seed, k);
    let tight = solve(&inst, &BuildOptions::default());
    same_as_the_plain_model(&inst, &tight, "tightened and guided")
}

/// `solved` (of `inst`) has the status and, within the gap, the optimum of the plain model
/// of MODEL.md (no valid inequalities) solved by HiGHS alone over every column.
fn same_as_the_plain_model(
    inst: &Instance,
    solved: &Solved,
    what: &str,
) -> Result<(), TestCaseError> {
    let mut alone = inst.clone();
    alone.policy.solver.guide_min_binaries = u32::MAX;
    let loose = BuildOptions {
        loose: true,
        ..Default::default()
    };
    let plain = solve(&alone, &loose);
    prop_assert_eq!(solved.status, plain.status);
    if let (Some(a), Some(b)) = (solved.objective, plain.objective) {
        let gap = inst.policy.solver.mip_gap;
        prop_assert!(
            (a - b).abs() <= 2.0 * gap * a.abs().max(b.abs()) + 1e-9,
            "{what} {a}, plain {b}"
        );
    }
    Ok(())
}

proptest! {
    // A second or so each: a sample of 16 keeps the suite quick.
    #![proptest_config(config(16))]

    /// Generated counties of realistic shape under each bundled policy with random knobs.
    #[test]
    fn generated_counties_under_varied_policies_pass_the_checker(
        groups in 1..3usize,
        seed in any::<u64>(),
        k in knobs(),
    ) {
        generated_county(groups, seed, &k)?;
    }
}

/// Found by the property above: HiGHS judged the gap on the objective without its
/// constant (overdue staff), so it stopped 2e-6 short of MODEL.md's 1e-6 gap.
#[test]
fn each_block_is_held_to_the_gap_with_its_share_of_the_constant() {
    let k = Knobs {
        model: "shanghai-2023",
        scope: "group",
        max_km: 30.0,
        net: 2,
        rate: 0.1,
        cadre_rate: 0.1,
        flow: 1,
        cooldown: 0,
    };
    generated_county(1, 11777946139162701926, &k).unwrap();
}

fn teacher(school: usize, subject: usize, backbone: bool, years: i32) -> Person {
    Person {
        school,
        subject,
        post: 0,
        backbone,
        years,
        promotion: false,
        existing: None,
    }
}

/// Found by the property in CI: HiGHS returned a backbone-share slack of 0.199999999 for
/// 0.2 (1e-6 off the checker at a price of 1000), and a block holding only a coverage
/// slack (an LP) reported a MIP bound of 0, so an optimal plan showed a 47% gap.
#[test]
fn elastic_slacks_are_exact_and_slack_only_blocks_bound_themselves() {
    let staff = [
        teacher(0, 1, true, 6),
        teacher(0, 1, false, 3),
        teacher(0, 0, false, 2),
        teacher(1, 0, false, 2),
        teacher(1, 0, true, 3),
        teacher(1, 0, true, 3),
    ];
    small_county(&staff, 0, 2, 1, 2).unwrap();
}

/// Per person: maybe a pin (school index, year offset) and some hosts to avoid.
type Hr = Vec<(Option<(usize, i32)>, Vec<usize>)>;

fn hr() -> impl Strategy<Value = Hr> {
    let pin = prop::option::weighted(0.3, (0..4usize, 0..2i32));
    let avoid = prop::collection::vec(0..4usize, 0..3);
    prop::collection::vec((pin, avoid), 22)
}

/// The county's scenario with HR's decisions written into its `[[staff]]` tables: every
/// avoided host, and the pins that can hold (another school than home and not avoided, a
/// candidate that year), so the scenario stays valid.
fn with_hr(path: &std::path::Path, hr: &Hr) -> Instance {
    let inst = rotation::load::instance(path, None, &[]).unwrap();
    let mut text = std::fs::read_to_string(path).unwrap();
    for (i, (pin, avoid)) in hr.iter().enumerate().take(inst.people.len()) {
        let p = rotation::instance::PersonId(i as u32);
        let home = inst.person(p).home.ix();
        let mut extra = String::new();
        let names: Vec<String> = avoid
            .iter()
            .map(|&h| format!("\"{}\"", SCHOOLS[h].0))
            .collect();
        extra += &format!("avoid_hosts = [{}]\n", names.join(", "));
        if let Some((h, dy)) = *pin {
            let y = 2027 + dy;
            if h != home
                && !avoid.contains(&h)
                && rotation::instance::candidates::is_candidate(&inst, p, y)
            {
                extra += &format!("assign_host = \"{}\"\nassign_year = {y}\n", SCHOOLS[h].0);
            }
        }
        let id = format!("id = \"P{i}\"\n");
        text = text.replace(&id, &format!("{id}{extra}"));
    }
    std::fs::write(path, text).unwrap();
    rotation::load::instance(path, None, &[]).unwrap_or_else(|e| panic!("{e}"))
}

/// The plan of a hard solve, or of the elastic one when the county is infeasible: pins
/// stay hard in both, so every pin is kept and no avoided host is used.
fn pins_and_avoids_hold(inst: &Instance) -> Result<(), TestCaseError> {
    let mut s = solve(inst, &BuildOptions::default());
    if s.status == Status::Infeasible {
        let elastic = BuildOptions {
            elastic: true,
            ..Default::default()
        };
        s = solve(inst, &elastic);
    }
    prop_assert!(s.status.has_plan(), "status {:?}", s.status);
    for p in inst.person_ids() {
        let person = inst.person(p);
        let mine = s.plan.starts.iter().filter(|st| st.person == p);
        for st in mine.clone() {
            prop_assert!(
                !person.avoid.contains(&st.host),
                "{} sent to an avoided host",
                person.id
            );
        }
        if let Some((host, year)) = person.pin {
            let kept = mine.clone().any(|st| st.host == host && st.year == year);
            prop_assert!(kept && mine.count() == 1, "pin of {} not kept", person.id);
        }
    }
    let r = check(inst, &s.plan);
    prop_assert!(
        r.violations.iter().all(|v| !matches!(
            v.rule,
            rotation::rules::Rule::Pin | rotation::rules::Rule::Admissible
        )),
        "{:#?}",
        r.violations
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(32))]

    /// Random valid pins and avoided hosts: every solved plan passes the checker, keeps
    /// every pin and sends nobody to a host they avoid; re-solved with itself as the
    /// baseline, it changes nothing and keeps its objective.
    #[test]
    fn pins_are_kept_and_avoided_hosts_unused(
        (staff, scope, recip, flow, min_subject) in county(),
        hr in hr(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_county(dir.path(), &staff, scope, recip, flow, min_subject);
        let inst = with_hr(&path, &hr);
        pins_and_avoids_hold(&inst)?;
        solve_and_check(&inst)?;
        own_baseline_changes_nothing(inst)?;
    }
}

/// MODEL.md minimal change on one county: an optimal plan re-solved with itself as the
/// baseline comes back unchanged, with no change counted and the same objective.
fn own_baseline_changes_nothing(inst: Instance) -> Result<(), TestCaseError> {
    let s = solve(&inst, &BuildOptions::default());
    if s.status != Status::Optimal {
        return Ok(()); // nothing published to re-plan against
    }
    let again = inst.with_baseline(s.plan.clone());
    let t = solve(&again, &BuildOptions::default());
    prop_assert_eq!(t.status, Status::Optimal);
    prop_assert_eq!(&t.plan, &s.plan);
    let (a, b) = (s.objective.unwrap(), t.objective.unwrap());
    prop_assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "{} vs {}", a, b);
    let r = check(&again, &t.plan);
    prop_assert_eq!(r.baseline.map(|d| d.changes), Some(0));
    prop_assert!((r.objective - b).abs() <= 1e-6 * (1.0 + b.abs()));
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_plan_re_solved_against_itself_changes_nothing(
        (staff, scope, recip, flow, min_subject) in county()
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_county(dir.path(), &staff, scope, recip, flow, min_subject);
        own_baseline_changes_nothing(rotation::load::instance(&path, None, &[]).unwrap())?;
    }
}

/// The knobs of `rotation generate` that make its families (issue 25): a dense city
/// district or a spread county, subject shortages, cap pressure at cores, tight groups.
fn family() -> impl Strategy<Value = (Density, f64, f64, f64)> {
    (
        prop::sample::select(vec![Density::Spread, Density::Dense]),
        prop::sample::select(vec![0.0, 0.5, 1.0]),
        prop::sample::select(vec![0.0, 0.5, 1.0]),
        prop::sample::select(vec![0.0, 0.6, 1.0]),
    )
}

/// Sifting (the LP of a county-scope block over a working set, every other column priced)
/// and the guide after it reach the plain model's optimum: here every block with a start
/// is sifted (`solver.sift_min_binaries = 0`), on counties of every family.
fn sifting_keeps_the_plain_optimum(options: Options, k: &Knobs) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut inst = family_instance(dir.path(), options, k);
    inst.policy.solver.sift_min_binaries = 0;
    let sifted = solve(&inst, &BuildOptions::default());
    same_as_the_plain_model(&inst, &sifted, "sifted")?;
    if let Some(a) = sifted.objective {
        let report = check(&inst, &sifted.plan);
        prop_assert!(report.violations.is_empty(), "{:?}", report.violations);
        prop_assert!((report.objective - a).abs() <= 1e-6 * a.abs().max(1.0));
    }
    Ok(())
}

proptest! {
    // One to three groups at scope county, solved twice each: a few seconds a case.
    #![proptest_config(config(12))]

    #[test]
    fn sifting_keeps_the_optimum_in_every_family(
        groups in 1..4usize,
        seed in any::<u64>(),
        k in knobs(),
        (density, shortage, cap_pressure, tight) in family(),
    ) {
        let options = Options {
            groups,
            seed,
            plan_year: 2027,
            density,
            shortage,
            cap_pressure,
            tight,
        };
        let k = Knobs { scope: "county", ..k };
        sifting_keeps_the_plain_optimum(options, &k)?;
    }
}

proptest! {
    // One to three groups at the knobs' scope, solved twice each: a few seconds a case.
    #![proptest_config(config(12))]

    #[test]
    fn the_valid_inequalities_and_the_proof_leave_the_optimum_unchanged(
        groups in 1..4usize,
        seed in any::<u64>(),
        k in knobs(),
    ) {
        same_optimum_as_the_plain_model(groups, seed, &k)?;
    }
}
