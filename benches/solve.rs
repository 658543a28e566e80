//! Model building and solving timed separately, per scenario file in `scenarios/`, each
//! under its own policy, and the generated counties of `scenarios/generated/` under
//! `models/county.toml` (scope `county`, one big block). Groups are named after the files.
//! The 30-group county's solve takes about 34 s: criterion times only its building, and
//! `rotation bench scenarios/generated --models models/county.toml` its solve.
//!
//! The county families of issue 25 sit in the same folder: the dense districts
//! (`district-12g-s1`, 302k admissible starts at scope county, solved here; `district-30g-s1`,
//! 1.67M, too big to build ten times: `rotation bench` times it) and the hardest single
//! groups the knob search found (`hard-*`, see docs/PERFORMANCE.md, "County families").

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rotation::instance::candidates;
use rotation::instance::Instance;
use rotation::model::{self, BuildOptions};
use rotation::solve;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    rotation::bench::toml_files(&[root().join(dir)]).expect("the folder lists")
}

/// The largest county-scope instance whose solve criterion times (10 samples each): the
/// 12-group county (3,490 staff, about 3 s a solve) is in, the 30-group one (8,355) is not.
const MAX_SOLVED_STAFF: usize = 4_000;

/// Generated files criterion leaves to `rotation bench`: the 30-group district's model
/// (1.67M starts, 3.8 GB at solve) built ten times would take minutes and most of the memory.
const SKIPPED: &[&str] = &["district-30g-s1"];

fn bench(c: &mut Criterion) {
    for path in toml_files("scenarios") {
        let inst = rotation::load::instance(&path, None, &[]).expect("bundled scenario loads");
        time(c, &path, &inst, true);
    }
    let county = root().join("models/county.toml");
    for path in toml_files("scenarios/generated") {
        if path
            .file_stem()
            .is_some_and(|s| SKIPPED.contains(&&*s.to_string_lossy()))
        {
            continue;
        }
        let inst = rotation::load::instance(&path, Some(&county), &[]).expect("county loads");
        time(c, &path, &inst, inst.people.len() <= MAX_SOLVED_STAFF);
    }
}

/// Times building the model of `inst` and, if `solve`, solving it.
fn time(c: &mut Criterion, path: &Path, inst: &Instance, solve: bool) {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let cands = candidates::generate(inst);
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.bench_function("build", |b| {
        b.iter(|| {
            let cands = candidates::generate(inst);
            model::build(inst, &cands, &BuildOptions::default())
        })
    });
    if solve {
        g.bench_function("solve", |b| {
            b.iter_batched(
                || model::build(inst, &cands, &BuildOptions::default()),
                |built| solve::solve_built(inst, &cands, built, 0.0),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
