//! The shape of the code, kept by tests: imports go one way down the layers of `LAYERS`
//! and no file imports a file that imports it (the file graph is read from the code's own
//! paths, `architecture/graph.rs`); the checker mirrors the model file by file and never
//! uses it (it is the solver's independent oracle); no file or function grows past what a
//! reader takes in at once; and docs/ARCHITECTURE.md names only what exists.

use std::path::{Path, PathBuf};

#[path = "architecture/graph.rs"]
mod graph;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    out.sort();
    out
}

fn stems(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = rust_files(&root().join(dir))
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|s| s != "mod")
        .collect();
    v.sort();
    v
}

#[test]
fn every_model_family_has_a_checker_twin() {
    let check = stems("src/check");
    // builder.rs is the model under construction that every family writes into, not a rule.
    for family in stems("src/model").into_iter().filter(|s| s != "builder") {
        assert!(
            check.contains(&family),
            "src/model/{family}.rs has no src/check/{family}.rs: the checker must audit every rule family"
        );
    }
}

#[test]
fn the_checker_never_uses_the_model() {
    for f in rust_files(&root().join("src/check")) {
        let text = std::fs::read_to_string(&f).unwrap();
        // Any path into the model or the candidate generator (`crate::model`,
        // `crate::{model::..}`, `super::super::model`), the model's weights, or the
        // model's presence index: the checker re-derives every rule and every term itself.
        for forbidden in ["model::", "model}", "candidates", ".weight(", "Presence"] {
            assert!(
                !text.contains(forbidden),
                "{} uses `{forbidden}`: the checker re-derives every rule from MODEL.md on its own",
                f.display()
            );
        }
        // The causes of a break are found with the candidate generator; the checker
        // holds one only as data (`rules::cause`).
        assert!(
            !text.contains("causes::"),
            "{} uses src/causes/: the checker holds a cause only as data (rules::cause)",
            f.display()
        );
    }
}

/// Functions of `text` (rustfmt layout) longer than `max` lines, as (name, first line, lines).
fn long_functions(text: &str, max: usize) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let Some(pos) = t.find("fn ") else { continue };
        let head = &t[..pos];
        let is_fn = head
            .split_whitespace()
            .all(|w| w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(&w));
        if !is_fn || t.starts_with("//") {
            continue;
        }
        let indent = &l[..l.len() - t.len()];
        let close = format!("{indent}}}");
        // A declaration without a body ends in `;` before any `{`.
        let body_end = lines[i..]
            .iter()
            .position(|x| x.trim_end().ends_with(';') && !x.contains('{') && x.starts_with(indent))
            .map(|d| i + d);
        let end = lines[i..].iter().position(|x| *x == close).map(|d| i + d);
        if let Some(end) = end {
            if body_end.is_some_and(|b| b < end && !lines[i..=b].iter().any(|x| x.contains('{'))) {
                continue;
            }
            let n = end - i + 1;
            if n > max {
                let name: String = t[pos + 3..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push((name, i + 1, n));
            }
        }
    }
    out
}

#[test]
fn no_function_in_src_is_longer_than_100_lines() {
    let mut long = Vec::new();
    for f in rust_files(&root().join("src")) {
        let text = std::fs::read_to_string(&f).unwrap();
        for (name, line, n) in long_functions(&text, 100) {
            long.push(format!("{}:{line} {name}: {n} lines", f.display()));
        }
    }
    assert!(
        long.is_empty(),
        "split these functions:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_scanner_finds_a_long_function() {
    let body = "    let x = 1;\n".repeat(101);
    let text = format!("pub fn short() {{\n}}\n\npub(crate) fn long() {{\n{body}}}\n");
    assert_eq!(
        long_functions(&text, 100),
        vec![("long".to_string(), 4, 103)]
    );
}

/// Every top-level module of `src/` and its layer: a file may import files of its own
/// top-level module (without a cycle) and modules of a strictly lower layer, nothing else.
/// Modules of one layer are peers that never import each other (the checker never sees the
/// model; no feature leans on another). docs/ARCHITECTURE.md says what each layer holds.
const LAYERS: &[(&str, u32)] = &[
    // 0. vocabulary and plumbing: error codes, the language, domain words, geometry, files
    ("error", 0),
    ("lang", 0),
    ("domain", 0),
    ("geo", 0),
    ("write", 0),
    // 1. reading files into raw scenarios, policies and rows
    ("input", 1),
    // 2. the validated instance, its plans and its candidacy rules
    ("instance", 2),
    // 3. names the model and the checker share; loading files into an instance
    ("rules", 3),
    ("load", 3),
    // 4. the integer program and the independent checker
    ("model", 4),
    ("check", 4),
    // 5. HiGHS on the model; why a checked rule breaks
    ("solve", 5),
    ("causes", 5),
    // 6. one run: solve, audit, diagnose
    ("run", 6),
    // 7. its summary: every figure once
    ("summary", 7),
    // 8. writing one run: roster, terminal text, workbook, HTML page
    ("report", 8),
    // 9. features built on runs
    ("explain", 9),
    ("compare", 9),
    ("roll", 9),
    ("generate", 9),
    ("export", 9),
    ("threshold", 9),
    // 10. timing runs and variants
    ("bench", 10),
    ("sweep", 10),
    // 11. the command line
    ("cli", 11),
];

/// The crate root (lib.rs) declares the modules; main.rs is a binary of its own.
const ROOTS: &[&str] = &[""];

fn layer_of(module: &str) -> Option<u32> {
    let top = module.split("::").next().unwrap_or("");
    LAYERS.iter().find(|(m, _)| *m == top).map(|(_, l)| *l)
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// Imports that go up or sideways, as `from → to (layer a → b)`.
fn against_layers(g: &graph::Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (from, tos) in g {
        if ROOTS.contains(&from.as_str()) {
            continue;
        }
        for to in tos {
            if top(from) == top(to) || ROOTS.contains(&to.as_str()) {
                continue;
            }
            let (a, b) = (layer_of(from), layer_of(to));
            if !matches!((a, b), (Some(a), Some(b)) if b < a) {
                out.push(format!("{from} → {to} (layer {a:?} → {b:?})"));
            }
        }
    }
    out
}

fn src_files() -> Vec<(String, String)> {
    let src = root().join("src");
    rust_files(&src)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "main.rs"))
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_module_has_a_layer() {
    let g = graph::graph(&src_files());
    let mut missing: Vec<&str> = g
        .keys()
        .filter(|m| !ROOTS.contains(&m.as_str()) && layer_of(m).is_none())
        .map(|m| top(m))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "give these modules a layer in LAYERS (tests/architecture.rs) and docs/ARCHITECTURE.md: {missing:?}"
    );
}

#[test]
fn imports_go_one_way_down() {
    let bad = against_layers(&graph::graph(&src_files()));
    assert!(
        bad.is_empty(),
        "imports against the layers (a module may use only lower layers):\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_cycle_between_files() {
    let cycles = graph::cycles(&graph::graph(&src_files()));
    assert!(
        cycles.is_empty(),
        "files that import each other (move what they share into a file both import):\n{}",
        cycles
            .iter()
            .map(|c| c.join(" ⇄ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn no_file_in_src_is_longer_than_600_lines() {
    let long: Vec<String> = src_files()
        .iter()
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(p, text)| format!("src/{p}: {} lines", text.lines().count()))
        .collect();
    assert!(
        long.is_empty(),
        "split these files by job:\n{}",
        long.join("\n")
    );
}

fn planted(files: &[(&str, &str)]) -> graph::Graph {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    graph::graph(&files)
}

#[test]
fn the_scanner_finds_a_planted_upward_import() {
    let g = planted(&[
        ("lib.rs", "pub mod instance;\npub mod cli;\n"),
        (
            "instance/mod.rs",
            "//! x\nuse crate::cli::run; // reaches up\n",
        ),
        ("cli/mod.rs", "use crate::instance::Instance;\n"),
    ]);
    assert_eq!(
        against_layers(&g),
        vec!["instance → cli (layer Some(2) → Some(11))"]
    );
    // Sideways between peers is refused too; downward is fine.
    let g = planted(&[
        ("model/mod.rs", "fn f() { crate::check::check(); }\n"),
        ("check/mod.rs", "pub fn check() {}\n"),
    ]);
    assert_eq!(
        against_layers(&g),
        vec!["model → check (layer Some(4) → Some(4))"]
    );
}

#[test]
fn the_scanner_finds_planted_cycles() {
    // Through a facade: the child imports its parent, which calls the child.
    let g = planted(&[
        (
            "solve/mod.rs",
            "mod block;\npub struct Block;\nfn f() { block::run(); }\n",
        ),
        ("solve/block.rs", "use super::Block;\npub fn run() {}\n"),
    ]);
    assert_eq!(graph::cycles(&g), vec![vec!["solve", "solve::block"]]);
    // Between siblings, through nested use trees and `as`; comments, strings and
    // `#[cfg(test)]` code are not imports.
    let g = planted(&[
        ("check/a.rs", "use super::{b::{self, X as Y}};\n"),
        ("check/b.rs", "use crate::check::{c::Z};\n"),
        ("check/c.rs", "// use super::a;\nconst S: &str = \"super::a::x\";\n#[cfg(test)]\nmod tests { use super::super::a::T; }\n"),
        ("check/mod.rs", "mod a;\nmod b;\nmod c;\n"),
    ]);
    assert!(graph::cycles(&g).is_empty(), "{g:?}");
    let g = planted(&[
        ("check/a.rs", "use super::{b::{self, X as Y}};\n"),
        ("check/b.rs", "use crate::check::{c::Z};\n"),
        ("check/c.rs", "fn f() -> super::a::T { todo!() }\n"),
    ]);
    assert_eq!(
        graph::cycles(&g),
        vec![vec!["check::a", "check::b", "check::c"]]
    );
}

/// The backticked names of docs/ARCHITECTURE.md that look like files (`src/solve/block.rs`,
/// `block.rs`, `locales/cli.toml`) or Rust paths (`solve::deadline`, `run::run`).
fn doc_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code_block = !in_code_block;
            continue;
        }
        if in_code_block {
            continue;
        }
        for (k, part) in line.split('`').enumerate() {
            let name = part.trim_end_matches("()");
            let plain = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_:/.-".contains(c));
            let file = [".rs", ".toml", ".md", ".css", ".js"]
                .iter()
                .any(|x| name.ends_with(x));
            // `../shared/…` lies outside the repository (the contract): not ours to check.
            let ours = !name.starts_with("../");
            if k % 2 == 1 && plain && ours && (file || name.contains("::")) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Whether a backticked name of the map exists: a file from the repository root or under
/// `src/` (a bare file name anywhere in src/, tests/ or docs/), or a Rust path whose module
/// is a file of src/ that declares its last segment.
fn names_something(name: &str, files: &[String]) -> bool {
    let root = root();
    if !name.contains("::") {
        if name.contains('/') {
            return root.join(name).exists() || root.join("src").join(name).exists();
        }
        return root.join(name).exists()
            || files.iter().any(|f| f.rsplit('/').next() == Some(name));
    }
    let segs: Vec<&str> = name.trim_start_matches("crate::").split("::").collect();
    // The longest prefix that is a module file; each segment after it is declared there
    // (a type and its method, an enum and its variant). No module prefix: any file of src/.
    let module_file = |segs: &[&str]| {
        let base = root.join("src").join(segs.join("/"));
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|p| p.is_file())
    };
    let (texts, rest): (Vec<String>, &[&str]) = match (0..=segs.len())
        .rev()
        .find_map(|n| module_file(&segs[..n]).map(|f| (f, n)))
    {
        Some((file, n)) if n > 0 => (vec![std::fs::read_to_string(file).unwrap()], &segs[n..]),
        _ => (
            files
                .iter()
                .filter(|f| f.ends_with(".rs") && f.contains("/src/"))
                .filter_map(|f| std::fs::read_to_string(f).ok())
                .collect(),
            &segs[..],
        ),
    };
    let declared = |text: &str, name: &str| {
        let kws = [
            "fn", "struct", "enum", "type", "const", "trait", "mod", "static",
        ];
        kws.iter().any(|kw| {
            text.contains(&format!("{kw} {name}("))
                || text.contains(&format!("{kw} {name} "))
                || text.contains(&format!("{kw} {name}<"))
                || text.contains(&format!("{kw} {name};"))
                || text.contains(&format!("{kw} {name}:"))
        }) || text.contains(&format!("macro_rules! {name}"))
            || [",", " {", "(", " =", ":"].iter().any(|end| {
                // A field or variant, public or not.
                text.contains(&format!("\n    {name}{end}"))
                    || text.contains(&format!("\n    pub {name}{end}"))
            })
            || text
                .split("pub use ")
                .skip(1)
                .any(|u| u.split(';').next().unwrap_or("").contains(name))
    };
    // The item in its module; a method, field or variant of it anywhere in src/.
    let all: Vec<String> = files
        .iter()
        .filter(|f| f.ends_with(".rs") && f.contains("/src/"))
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    rest.iter().enumerate().all(|(k, seg)| {
        let texts = if k == 0 { &texts } else { &all };
        texts.iter().any(|t| declared(t, seg))
    })
}

#[test]
fn the_architecture_map_names_only_what_exists() {
    let root = root();
    let files: Vec<String> = ["src", "tests", "docs", "locales", "benches"]
        .iter()
        .flat_map(|d| walk(&root.join(d)))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let map = std::fs::read_to_string(root.join("docs/ARCHITECTURE.md")).unwrap();
    let names = doc_names(&map);
    assert!(names.len() > 30, "the map names its files: {names:?}");
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !names_something(n, &files))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md names what does not exist (rename or remove): {missing:?}"
    );
}

#[test]
fn the_map_checker_catches_a_stale_name() {
    let files = vec!["src/solve/block.rs".to_string()];
    let names = doc_names(
        "`src/solve/block.rs`, `block.rs`, `solve::deadline`, `trouble.rs`, `solve::left`",
    );
    let found: Vec<bool> = names.iter().map(|n| names_something(n, &files)).collect();
    assert_eq!(names.len(), 5);
    assert_eq!(found, vec![true, true, true, false, false]);
}

/// Every file under a folder.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
