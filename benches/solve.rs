//! Model building and solving timed separately, per scenario file in `scenarios/`, each
//! under its own policy. Groups are named after the files.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use rotation::candidates;
use rotation::model::{self, BuildOptions};
use rotation::solve;

fn scenarios() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    rotation::bench::toml_files(&[dir]).expect("scenarios/ lists")
}

fn bench(c: &mut Criterion) {
    for path in scenarios() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let inst = rotation::instance::load(&path, None, &[]).expect("bundled scenario loads");
        let cands = candidates::generate(&inst);
        let mut g = c.benchmark_group(name);
        g.sample_size(10);
        g.bench_function("build", |b| {
            b.iter(|| {
                let cands = candidates::generate(&inst);
                model::build(&inst, &cands, &BuildOptions::default())
            })
        });
        g.bench_function("solve", |b| {
            b.iter_batched(
                || model::build(&inst, &cands, &BuildOptions::default()),
                |built| solve::solve_built(&inst, &cands, built, 0.0),
                BatchSize::LargeInput,
            )
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
