//! Model building and solving timed separately, per scenario file in `scenarios/`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use rotation::candidates;
use rotation::model::{self, BuildOptions};
use rotation::solve;

fn scenarios() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    for path in scenarios() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let inst = rotation::instance::load(&path, None, &[]).expect("bundled scenario loads");
        let mut g = c.benchmark_group(name);
        g.sample_size(10);
        g.bench_function("build", |b| {
            b.iter(|| {
                let cands = candidates::generate(&inst);
                model::build(&inst, &cands, &BuildOptions::default())
            })
        });
        g.bench_function("solve", |b| {
            b.iter(|| solve::solve(&inst, &BuildOptions::default()))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
