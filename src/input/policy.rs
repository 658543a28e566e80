//! The policy file (one constraint variant): every field, its default from MODEL.md, and
//! the one registry of keys that both the file reader and `--set` go through.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::tree::{self, Table, Val};
use crate::domain::{Reciprocal, Role, Scope};
use crate::error::Diagnostics;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    pub name: String,
    pub horizon_years: i32,
    pub term_years: i32,
    pub scope: Scope,
    pub max_distance_km: f64,
    pub detour_factor: f64,
    pub min_years_at_school: i32,
    pub due_years_at_school: i32,
    pub retirement_buffer_years: i32,
    pub cooldown_years: i32,
    pub include_principals: bool,
    pub max_net_change: i32,
    pub quota: Quota,
    pub group_flow: GroupFlow,
    pub equity: Equity,
    pub weights: Weights,
    pub solver: SolverOptions,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quota {
    pub applies_to: Vec<Role>,
    pub rate: f64,
    pub backbone_share: f64,
    pub cadre_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFlow {
    pub core_to_trusteed_min: i32,
    pub reciprocal: Reciprocal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Equity {
    pub backbone_target_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weights {
    pub distance_km: f64,
    pub preference_rank: f64,
    pub promotion: f64,
    pub overdue: f64,
    pub equity: f64,
    pub slack: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolverOptions {
    pub mip_gap: f64,
    pub time_limit_s: f64,
    /// 0 lets HiGHS choose.
    pub threads: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            name: "baseline".into(),
            horizon_years: 2,
            term_years: 2,
            scope: Scope::Group,
            max_distance_km: 30.0,
            detour_factor: 1.3,
            min_years_at_school: 3,
            due_years_at_school: 6,
            retirement_buffer_years: 5,
            cooldown_years: 0,
            include_principals: false,
            max_net_change: 1,
            quota: Quota {
                applies_to: vec![Role::Core],
                rate: 0.10,
                backbone_share: 0.20,
                cadre_rate: 0.0,
            },
            group_flow: GroupFlow {
                core_to_trusteed_min: 3,
                reciprocal: Reciprocal::Equal,
            },
            equity: Equity {
                backbone_target_share: 0.15,
            },
            weights: Weights {
                distance_km: 1.0,
                preference_rank: 2.0,
                promotion: 5.0,
                overdue: 3.0,
                equity: 20.0,
                slack: 1000.0,
            },
            solver: SolverOptions {
                mip_gap: 1e-6,
                time_limit_s: 60.0,
                threads: 0,
            },
        }
    }
}

/// Every policy key as `section.key`, the spelling of both the file and `--set`.
pub const KEYS: &[&str] = &[
    "policy.name",
    "policy.horizon_years",
    "policy.term_years",
    "policy.scope",
    "policy.max_distance_km",
    "policy.detour_factor",
    "policy.min_years_at_school",
    "policy.due_years_at_school",
    "policy.retirement_buffer_years",
    "policy.cooldown_years",
    "policy.include_principals",
    "policy.max_net_change",
    "quota.applies_to",
    "quota.rate",
    "quota.backbone_share",
    "quota.cadre_rate",
    "group_flow.core_to_trusteed_min",
    "group_flow.reciprocal",
    "equity.backbone_target_share",
    "weights.distance_km",
    "weights.preference_rank",
    "weights.promotion",
    "weights.overdue",
    "weights.equity",
    "weights.slack",
    "solver.mip_gap",
    "solver.time_limit_s",
    "solver.threads",
];

const SECTIONS: &[&str] = &[
    "policy",
    "quota",
    "group_flow",
    "equity",
    "weights",
    "solver",
];

fn float(v: &Val) -> Result<f64, String> {
    match v {
        Val::Float(f) => Ok(*f),
        Val::Int(i) => Ok(*i as f64),
        other => Err(format!("expected a number, found {}", other.type_name())),
    }
}

fn int(v: &Val) -> Result<i32, String> {
    match v {
        Val::Int(i) => i32::try_from(*i).map_err(|_| format!("{i} is too large")),
        other => Err(format!(
            "expected a whole number, found {}",
            other.type_name()
        )),
    }
}

fn boolean(v: &Val) -> Result<bool, String> {
    match v {
        Val::Bool(b) => Ok(*b),
        other => Err(format!(
            "expected true or false, found {}",
            other.type_name()
        )),
    }
}

fn word<'a>(v: &'a Val, choices: &[&str]) -> Result<&'a str, String> {
    match v {
        Val::Str(s) if choices.contains(&s.as_str()) => Ok(s),
        Val::Str(s) => Err(format!("`{s}` is not one of: {}", choices.join(", "))),
        other => Err(format!(
            "expected one of {}, found {}",
            choices.join(", "),
            other.type_name()
        )),
    }
}

fn role(s: &str) -> Result<Role, String> {
    match s {
        "core" => Ok(Role::Core),
        "trusteed" => Ok(Role::Trusteed),
        "member" => Ok(Role::Member),
        _ => Err(format!(
            "`{s}` is not a school role (core, trusteed, member)"
        )),
    }
}

impl Policy {
    /// Sets one key (`section.key`) from a TOML value. The error is the cause, in words.
    pub fn set(&mut self, key: &str, v: &Val) -> Result<(), String> {
        match key {
            "policy.name" => match v {
                Val::Str(s) => self.name = s.clone(),
                other => return Err(format!("expected a string, found {}", other.type_name())),
            },
            "policy.horizon_years" => self.horizon_years = int(v)?,
            "policy.term_years" => self.term_years = int(v)?,
            "policy.scope" => {
                self.scope = match word(v, &["core-member", "group", "county"])? {
                    "core-member" => Scope::CoreMember,
                    "group" => Scope::Group,
                    _ => Scope::County,
                }
            }
            "policy.max_distance_km" => self.max_distance_km = float(v)?,
            "policy.detour_factor" => self.detour_factor = float(v)?,
            "policy.min_years_at_school" => self.min_years_at_school = int(v)?,
            "policy.due_years_at_school" => self.due_years_at_school = int(v)?,
            "policy.retirement_buffer_years" => self.retirement_buffer_years = int(v)?,
            "policy.cooldown_years" => self.cooldown_years = int(v)?,
            "policy.include_principals" => self.include_principals = boolean(v)?,
            "policy.max_net_change" => self.max_net_change = int(v)?,
            "quota.applies_to" => {
                let Val::List(items) = v else {
                    return Err(format!(
                        "expected a list such as [\"core\"], found {}",
                        v.type_name()
                    ));
                };
                let mut roles = Vec::new();
                for item in items {
                    let Val::Str(s) = &item.val else {
                        return Err("the list must hold role names: core, trusteed, member".into());
                    };
                    let r = role(s)?;
                    if !roles.contains(&r) {
                        roles.push(r);
                    }
                }
                self.quota.applies_to = roles;
            }
            "quota.rate" => self.quota.rate = float(v)?,
            "quota.backbone_share" => self.quota.backbone_share = float(v)?,
            "quota.cadre_rate" => self.quota.cadre_rate = float(v)?,
            "group_flow.core_to_trusteed_min" => self.group_flow.core_to_trusteed_min = int(v)?,
            "group_flow.reciprocal" => {
                self.group_flow.reciprocal =
                    match word(v, &["equal", "equal-cadre-backbone", "none"])? {
                        "equal" => Reciprocal::Equal,
                        "equal-cadre-backbone" => Reciprocal::EqualCadreBackbone,
                        _ => Reciprocal::None,
                    }
            }
            "equity.backbone_target_share" => self.equity.backbone_target_share = float(v)?,
            "weights.distance_km" => self.weights.distance_km = float(v)?,
            "weights.preference_rank" => self.weights.preference_rank = float(v)?,
            "weights.promotion" => self.weights.promotion = float(v)?,
            "weights.overdue" => self.weights.overdue = float(v)?,
            "weights.equity" => self.weights.equity = float(v)?,
            "weights.slack" => self.weights.slack = float(v)?,
            "solver.mip_gap" => self.solver.mip_gap = float(v)?,
            "solver.time_limit_s" => self.solver.time_limit_s = float(v)?,
            "solver.threads" => {
                let t = int(v)?;
                self.solver.threads =
                    u32::try_from(t).map_err(|_| "threads cannot be negative".to_string())?;
            }
            _ => return Err(format!("unknown policy key `{key}`")),
        }
        Ok(())
    }

    /// Range problems as (key, cause); a policy passing this can be built and solved.
    pub fn range_problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut at_least = |key: &'static str, v: i32, min: i32| {
            if v < min {
                out.push((key, format!("{key} = {v}, but it must be at least {min}")));
            }
        };
        at_least("policy.horizon_years", self.horizon_years, 1);
        at_least("policy.term_years", self.term_years, 1);
        at_least("policy.min_years_at_school", self.min_years_at_school, 0);
        at_least("policy.due_years_at_school", self.due_years_at_school, 0);
        at_least(
            "policy.retirement_buffer_years",
            self.retirement_buffer_years,
            0,
        );
        at_least("policy.cooldown_years", self.cooldown_years, 0);
        at_least("policy.max_net_change", self.max_net_change, 0);
        at_least(
            "group_flow.core_to_trusteed_min",
            self.group_flow.core_to_trusteed_min,
            0,
        );
        let rates = [
            ("quota.rate", self.quota.rate),
            ("quota.backbone_share", self.quota.backbone_share),
            ("quota.cadre_rate", self.quota.cadre_rate),
            (
                "equity.backbone_target_share",
                self.equity.backbone_target_share,
            ),
        ];
        for (key, v) in rates {
            if !(0.0..=1.0).contains(&v) {
                out.push((key, format!("{key} = {v}, but a rate must lie in [0, 1]")));
            }
        }
        let non_negative = [
            ("policy.max_distance_km", self.max_distance_km),
            ("weights.distance_km", self.weights.distance_km),
            ("weights.preference_rank", self.weights.preference_rank),
            ("weights.promotion", self.weights.promotion),
            ("weights.overdue", self.weights.overdue),
            ("weights.equity", self.weights.equity),
            ("solver.mip_gap", self.solver.mip_gap),
        ];
        for (key, v) in non_negative {
            if !(v >= 0.0 && v.is_finite()) {
                out.push((
                    key,
                    format!("{key} = {v}, but it must be a finite number ≥ 0"),
                ));
            }
        }
        if !(self.detour_factor >= 1.0 && self.detour_factor.is_finite()) {
            out.push((
                "policy.detour_factor",
                format!("policy.detour_factor = {}, but a road is never shorter than the straight line: use ≥ 1", self.detour_factor),
            ));
        }
        if !(self.weights.slack > 0.0 && self.weights.slack.is_finite()) {
            out.push((
                "weights.slack",
                format!("weights.slack = {}, but it must be > 0", self.weights.slack),
            ));
        }
        if self.solver.time_limit_s.is_nan() || self.solver.time_limit_s <= 0.0 {
            out.push((
                "solver.time_limit_s",
                format!(
                    "solver.time_limit_s = {}, but it must be > 0 (inf for no limit)",
                    self.solver.time_limit_s
                ),
            ));
        }
        out
    }

    /// Reads a policy file. Every key has a default, so an empty file is the baseline.
    pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<Policy> {
        let before = diags.0.len();
        let table = tree::read_file(
            path,
            "policy file",
            "check the path (paths inside a scenario are relative to the scenario file)",
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
                "set a value in the allowed range, or remove the key for the default",
            );
        }
        (diags.0.len() == before).then_some(policy)
    }

    fn apply_table(
        &mut self,
        table: &Table,
        path: &Path,
        diags: &mut Diagnostics,
    ) -> HashMap<&'static str, usize> {
        let mut lines = HashMap::new();
        table.check_keys(SECTIONS, "the policy file (sections)", path, diags);
        for (section, node) in &table.entries {
            if !SECTIONS.contains(&section.as_str()) {
                continue;
            }
            let Val::Table(t) = &node.val else {
                diags.push(
                    "E1004",
                    path,
                    Some(node.line),
                    format!("`{section}` must be a table `[{section}]`"),
                    format!("write it as a [{section}] section"),
                );
                continue;
            };
            let known: Vec<&str> = KEYS
                .iter()
                .filter_map(|k| {
                    k.strip_prefix(section.as_str())
                        .and_then(|r| r.strip_prefix('.'))
                })
                .collect();
            t.check_keys(&known, &format!("[{section}]"), path, diags);
            for (k, n) in &t.entries {
                let full = format!("{section}.{k}");
                let Some(&key) = KEYS.iter().find(|&&x| x == full) else {
                    continue;
                };
                lines.insert(key, n.line);
                if let Err(cause) = self.set(key, &n.val) {
                    diags.push(
                        "E1004",
                        path,
                        Some(n.line),
                        format!("{key}: {cause}"),
                        "write a value of the documented type (see models/baseline.toml)",
                    );
                }
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
