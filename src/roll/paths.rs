//! Paths for next year's files: their names, and the paths the new scenario gives to the
//! files it names, relative to its new folder.

use std::path::{Component, Path, PathBuf};

/// The path from folder `from` to `to`, both absolute and free of `.` and `..`, with `/`
/// between the parts (TOML files are shared between systems). `to` itself when the two have
/// no root in common (another drive).
pub fn relative_path(from: &Path, to: &Path) -> String {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rooted = |c: &Component| matches!(c, Component::Prefix(_) | Component::RootDir);
    if common == 0 || !a[..common].iter().any(rooted) {
        return to.to_string_lossy().into_owned();
    }
    let ups = (common..a.len()).map(|_| "..".to_string());
    let downs = b[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = ups.chain(downs).collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// `.` and `..` resolved by hand, without touching the disk.
pub(super) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The absolute form of a path that may not exist yet: its longest existing ancestor
/// canonical (links resolved, as the system will resolve them), the rest appended.
pub(super) fn absolute(p: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let full = normalize(&cwd.join(p));
    let mut head = full.clone();
    let mut tail = Vec::new();
    loop {
        if let Ok(c) = head.canonicalize() {
            return tail.iter().rev().fold(c, |acc: PathBuf, n| acc.join(n));
        }
        match (head.file_name().map(|n| n.to_os_string()), head.parent()) {
            (Some(n), Some(parent)) => {
                tail.push(n);
                head = parent.to_path_buf();
            }
            _ => return full,
        }
    }
}

/// The output files' names for a scenario file rolled from `y0`: `<base>-<y0+1>.toml`,
/// `<base>-<y0+1>-staff.csv` and `<base>-<y0+1>-retired.csv`, where `<base>` is the
/// scenario's file stem without a trailing `-<y0>` or `_<y0>` (so rolling again goes
/// `county-2028` → `county-2029`).
pub fn output_names(scenario: &Path, y0: i32) -> [String; 3] {
    let stem = scenario
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    let base = stem
        .strip_suffix(&format!("-{y0}"))
        .or_else(|| stem.strip_suffix(&format!("_{y0}")))
        .unwrap_or(&stem);
    let y1 = y0 + 1;
    [
        format!("{base}-{y1}.toml"),
        format!("{base}-{y1}-staff.csv"),
        format!("{base}-{y1}-retired.csv"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_and_down() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            relative_path(&p("/a/b/out"), &p("/a/models/x.toml")),
            "../../models/x.toml"
        );
        assert_eq!(relative_path(&p("/a/b"), &p("/a/b/k.csv")), "k.csv");
        assert_eq!(relative_path(&p("/a/b/c"), &p("/a/b")), "..");
        assert_eq!(normalize(&p("/a/b/../c/./d")), p("/a/c/d"));
    }

    #[test]
    fn output_names_carry_the_new_year() {
        let names = output_names(Path::new("s/county.toml"), 2027);
        assert_eq!(
            names,
            [
                "county-2028.toml",
                "county-2028-staff.csv",
                "county-2028-retired.csv"
            ]
        );
        assert_eq!(
            output_names(Path::new("county_2028.toml"), 2028)[0],
            "county-2029.toml"
        );
    }
}
