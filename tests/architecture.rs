//! The shape of the code, kept by tests: the checker mirrors the model file by file and
//! never uses it (it is the solver's independent oracle), and no function grows past what a
//! reader takes in at once.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
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
    for family in stems("src/model") {
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
        // The causes of a break are found with the candidate generator; the checker may
        // hold one only as data, from the leaf module of their types.
        let other_causes = text.replace("causes::kinds::", "");
        assert!(
            !other_causes.contains("causes::"),
            "{} uses src/causes/ beyond its data types (causes::kinds)",
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
