//! Reading a policy file: every key of every section, each problem with its line.

use std::collections::HashMap;
use std::path::Path;

use rust_i18n::t;

use super::key_values::{key, sections};
use super::keys::{Policy, KEYS};
use crate::error::Diagnostics;
use crate::input::toml_with_lines::{self, TomlTable, Val};

impl Policy {
    /// Reads a policy file. Every key has a default, so an empty file is the baseline.
    pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<Policy> {
        let before = diags.0.len();
        let table = toml_with_lines::read_file(
            path,
            &t!("input.what.policy_file"),
            &t!("input.policy_path_fix"),
            diags,
        )?;
        let mut policy = Policy::default();
        if let Some(stem) = path.file_stem() {
            policy.name = stem.to_string_lossy().into_owned();
        }
        let lines = policy.apply_table(&table, path, diags);
        for (key, cause) in policy.range_problems() {
            diags.push(
                "E1006",
                path,
                lines.get(key).copied(),
                cause,
                t!("input.range_fix"),
            );
        }
        (diags.0.len() == before).then_some(policy)
    }

    /// Applies every key of the file; returns the line of each key set, for range errors.
    fn apply_table(
        &mut self,
        table: &TomlTable,
        path: &Path,
        diags: &mut Diagnostics,
    ) -> HashMap<&'static str, usize> {
        let mut lines = HashMap::new();
        let sections = sections();
        table.check_keys(&sections, &t!("input.where.policy_sections"), path, diags);
        for (section, node) in &table.entries {
            if !sections.contains(&section.as_str()) {
                continue;
            }
            match &node.val {
                Val::Table(t) => self.apply_section(section, t, path, diags, &mut lines),
                _ => diags.push(
                    "E1004",
                    path,
                    Some(node.line),
                    t!("input.section_not_table", section = section),
                    t!("input.section_not_table_fix", section = section),
                ),
            }
        }
        lines
    }

    fn apply_section(
        &mut self,
        section: &str,
        t: &TomlTable,
        path: &Path,
        diags: &mut Diagnostics,
        lines: &mut HashMap<&'static str, usize>,
    ) {
        let known: Vec<&str> = KEYS
            .iter()
            .filter(|k| k.section() == section)
            .map(|k| k.short())
            .collect();
        t.check_keys(&known, &format!("[{section}]"), path, diags);
        for (name, n) in &t.entries {
            let Some(k) = key(&format!("{section}.{name}")) else {
                continue;
            };
            lines.insert(k.name, n.line);
            if let Err(cause) = k.set(self, &n.val) {
                diags.push(
                    "E1004",
                    path,
                    Some(n.line),
                    format!("{}: {cause}", k.name),
                    t!("input.policy_type_fix"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    // Named by their crate path: the file graph reads `super::` in a test module as the
    // folder's facade.
    use crate::error::Diagnostics;
    use crate::input::policy::keys::Policy;

    fn read_str(text: &str) -> (Option<Policy>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.toml");
        std::fs::write(&p, text).unwrap();
        let mut d = Diagnostics::default();
        let pol = Policy::read(&p, &mut d);
        (pol, d)
    }

    #[test]
    fn empty_file_is_the_baseline() {
        let (p, d) = read_str("");
        assert!(d.is_empty());
        let p = p.unwrap();
        assert_eq!(
            Policy {
                name: "baseline".into(),
                ..p.clone()
            },
            Policy::default()
        );
        assert_eq!(p.name, "p");
    }

    #[test]
    fn integers_are_accepted_for_numbers() {
        let (p, d) = read_str("[policy]\nmax_distance_km = 20\n");
        assert!(d.is_empty(), "{:?}", d);
        assert_eq!(p.unwrap().max_distance_km, 20.0);
    }

    #[test]
    fn all_problems_reported_with_lines() {
        let (p, d) = read_str("[policy]\nhorizon_years = 0\nscpoe = \"group\"\n[quota]\nrate = 1.5\nbackbone_share = \"x\"\n");
        assert!(p.is_none());
        let got: Vec<(&str, Option<usize>)> = d.0.iter().map(|x| (x.code, x.line)).collect();
        assert!(got.contains(&("E1003", Some(3))), "{got:?}");
        assert!(got.contains(&("E1004", Some(6))), "{got:?}");
        assert!(got.contains(&("E1006", Some(2))), "{got:?}");
        assert!(got.contains(&("E1006", Some(5))), "{got:?}");
    }
}
