//! The file graph of `src/`, read from the code's own paths, and the two rules it keeps:
//! layers one way down, and no cycle between files.
//!
//! An edge `a.rs → b.rs` is any path in `a.rs`'s code that names an item of `b.rs`: a `use`
//! declaration (`crate::`, `super::`, `self::` or a child module's name, nested `{…}` trees
//! too), an inline `crate::x::y` or `super::x` path, or a bare `child::item` where `child`
//! is a module `a.rs` declares. A path names the deepest module file that exists. `mod x;`
//! alone is no edge, and neither is code under `#[cfg(test)]` (unit tests may reach
//! anywhere). Text in comments and string literals is ignored.

use std::collections::{BTreeMap, BTreeSet};

/// Every file as its module path (`instance::plan`; the crate root is ``) → its edges.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The graph of a set of files, given as (path under `src/`, text).
pub fn graph(files: &[(String, String)]) -> Graph {
    let modules: BTreeMap<String, &str> = files
        .iter()
        .map(|(path, text)| (module_of(path), text.as_str()))
        .collect();
    let mut g = Graph::new();
    for (module, text) in &modules {
        let code = without_tests(&strip(text));
        let children = declared_children(&code);
        let mut targets = BTreeSet::new();
        let mut add = |path: &str| {
            if let Some(t) = resolve(module, path, &modules, &children) {
                if t != *module {
                    targets.insert(t);
                }
            }
        };
        for tree in use_trees(&code) {
            for path in expand(&tree) {
                add(&path);
            }
        }
        for path in inline_paths(&code, &children) {
            add(&path);
        }
        g.insert(module.clone(), targets);
    }
    g
}

/// `src/a/b.rs` and `src/a/b/mod.rs` → `a::b`; `lib.rs` → ``.
pub fn module_of(path: &str) -> String {
    let p = path.trim_end_matches(".rs");
    let mut parts: Vec<&str> = p.split('/').collect();
    if matches!(parts.last(), Some(&"mod") | Some(&"lib") | Some(&"main")) {
        parts.pop();
    }
    parts.join("::")
}

/// The text with comments and the contents of string and char literals blanked.
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // A raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            let close: String = std::iter::once('"')
                .chain((0..hashes).map(|_| '#'))
                .collect();
            let close: Vec<char> = close.chars().collect();
            while j < b.len() && b[j..].iter().take(close.len()).ne(close.iter()) {
                j += 1;
            }
            i = j + close.len();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && char_literal_len(&b[i..]).is_some() {
            i += char_literal_len(&b[i..]).unwrap_or(1);
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// The length of a char literal at the start of `b` ('x', '\n', '\u{..}'), or None for a
/// lifetime.
fn char_literal_len(b: &[char]) -> Option<usize> {
    if b.get(1) == Some(&'\\') {
        let end = b.iter().skip(2).position(|&c| c == '\'')?;
        return Some(end + 3);
    }
    (b.get(2) == Some(&'\'')).then_some(3)
}

/// The code without items marked `#[cfg(test)]` (a whole `mod tests { … }` or one item).
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // The item ends at its closing brace (or at `;` for a bodiless item).
        let mut depth = 0;
        let mut end = after.len();
        for (k, ch) in after.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Names of `mod x;` declarations (file modules, not inline ones).
fn declared_children(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for stmt in code.split(';') {
        let words: Vec<&str> = stmt.split_whitespace().collect();
        if let Some(k) = words.iter().rposition(|w| *w == "mod") {
            if k + 2 == words.len() {
                if let Some(name) = words.get(k + 1) {
                    if name.chars().all(is_ident) {
                        out.insert(name.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The trees of every `use` declaration: `a::{b, c::d}`.
fn use_trees(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = code[from..].find("use ") {
        let at = from + k;
        from = at + 4;
        let before = code[..at].chars().next_back();
        if before.is_some_and(is_ident) {
            continue;
        }
        if let Some(end) = code[from..].find(';') {
            // `a::B as C` keeps `a::B`: `as` becomes `@`, the rest loses its blanks.
            let words = code[from..from + end].split_whitespace();
            let tree: String = words.map(|w| if w == "as" { "@" } else { w }).collect();
            out.push(tree);
        }
    }
    out
}

/// The paths of a use tree, `a::{b,c::d}` → `a::b`, `a::c::d`; `a::{self}` → `a`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim_start_matches("::");
    let Some(open) = tree.find('{') else {
        return vec![tree.split('@').next().unwrap_or(tree).to_string()];
    };
    let prefix = &tree[..open];
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut cur) = (0, String::new());
    for ch in body.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    parts.push(cur);
    let mut out = Vec::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        for sub in expand(part) {
            if sub == "self" {
                out.push(prefix.trim_end_matches("::").to_string());
            } else {
                out.push(format!("{prefix}{sub}"));
            }
        }
    }
    out
}

/// Inline paths: `crate::a::b`, `super::a`, and `child::x` for a declared child.
fn inline_paths(code: &str, children: &BTreeSet<String>) -> Vec<String> {
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let starts_word = is_ident(c) && (k == 0 || !is_ident(chars[k - 1].1));
        let after_colons = k >= 2 && chars[k - 1].1 == ':' && chars[k - 2].1 == ':';
        if !starts_word || after_colons {
            k += 1;
            continue;
        }
        let mut end = k;
        // The longest `ident(::ident)*` from here.
        loop {
            while end < chars.len() && is_ident(chars[end].1) {
                end += 1;
            }
            let colons = end + 1 < chars.len() && chars[end].1 == ':' && chars[end + 1].1 == ':';
            if colons && end + 2 < chars.len() && is_ident(chars[end + 2].1) {
                end += 2;
            } else {
                break;
            }
        }
        let stop = chars.get(end).map_or(code.len(), |x| x.0);
        let path = &code[at..stop];
        let head = path.split("::").next().unwrap_or("");
        if path.contains("::") && (head == "crate" || head == "super" || children.contains(head)) {
            out.push(path.to_string());
        }
        k = end.max(k + 1);
    }
    out
}

/// The module file a path from `module` names: the deepest existing prefix.
fn resolve(
    module: &str,
    path: &str,
    modules: &BTreeMap<String, &str>,
    children: &BTreeSet<String>,
) -> Option<String> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let here: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
    let (mut base, rest): (Vec<&str>, &[&str]) = match segs.first().copied() {
        Some("crate") => (Vec::new(), &segs[1..]),
        Some("super") | Some("self") => {
            let mut base = here.clone();
            let mut k = 0;
            while k < segs.len() && (segs[k] == "super" || segs[k] == "self") {
                if segs[k] == "super" {
                    base.pop();
                }
                k += 1;
            }
            (base, &segs[k..])
        }
        Some(first) if children.contains(first) => (here.clone(), &segs[..]),
        _ => return None,
    };
    base.extend(rest.iter().copied());
    (0..=base.len())
        .rev()
        .map(|n| base[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

/// The cycles of the graph: each strongly connected component of more than one file.
pub fn cycles(g: &Graph) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iteratively over a sorted graph so the answer is stable.
    struct State<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        let g = s.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}
