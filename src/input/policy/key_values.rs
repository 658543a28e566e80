//! Reading, writing and range-checking one key's value in a [`Policy`], through the slot its
//! declaration gives it.

use std::fmt::Display;

use rust_i18n::t;

use super::keys::{Key, Kind, Policy, KEYS};
use super::range::Range;
use super::value_parsers::{boolean, float, int, roles, text, word};
use super::words::Word;
use crate::input::toml_with_lines::Val;

impl Policy {
    /// Sets one key (`section.key`) from a TOML value. The error is the cause, in words.
    pub fn set(&mut self, key_name: &str, v: &Val) -> Result<(), String> {
        match key(key_name) {
            Some(k) => k.set(self, v),
            None => Err(t!("input.unknown_policy_key", key = key_name).into_owned()),
        }
    }

    /// Range problems as (key, cause); a policy passing this can be built and solved.
    pub(crate) fn range_problems(&self) -> Vec<(&'static str, String)> {
        let mut keys: Vec<&Key> = KEYS.iter().collect();
        keys.sort_by_key(|k| k.check_rank());
        keys.iter()
            .filter_map(|k| k.range_problem(self).map(|cause| (k.name, cause)))
            .collect()
    }
}

impl Key {
    /// The section, `policy` of `policy.name`.
    pub(super) fn section(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(s, _)| s)
    }

    /// The key within its section, `name` of `policy.name`.
    pub(super) fn short(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(_, k)| k)
    }

    /// Writes `v` into the key's field; the error is the cause, in words.
    pub(super) fn set(&self, p: &mut Policy, v: &Val) -> Result<(), String> {
        match &self.kind {
            Kind::Text(s) => *(s.get_mut)(p) = text(v)?,
            Kind::Whole { slot, .. } => *(slot.get_mut)(p) = int(v)?,
            Kind::Count { slot: s, .. } => {
                *(s.get_mut)(p) = u32::try_from(int(v)?)
                    .map_err(|_| t!("input.count_negative", key = self.short()).into_owned())?
            }
            Kind::Number { slot, .. } => *(slot.get_mut)(p) = float(v)?,
            Kind::YesNo(s) => *(s.get_mut)(p) = boolean(v)?,
            Kind::Scope(s) => *(s.get_mut)(p) = word(v)?,
            Kind::Reciprocal(s) => *(s.get_mut)(p) = word(v)?,
            Kind::Roles(s) => *(s.get_mut)(p) = roles(v)?,
        }
        Ok(())
    }

    /// The cause when `p`'s value of this key is out of range.
    fn range_problem(&self, p: &Policy) -> Option<String> {
        let key = self.name;
        match &self.kind {
            Kind::Whole { min, max, slot } => {
                let v = *(slot.get)(p);
                (v < *min || v > *max).then(|| whole_problem(key, v, min, max))
            }
            Kind::Count { max, slot } => {
                let v = *(slot.get)(p);
                (v > *max).then(|| whole_problem(key, v, 0, max))
            }
            Kind::Number { range, slot } => {
                let v = *(slot.get)(p);
                // 1e20 reads better than its 21 digits.
                let v_text = if v.is_finite() && v.abs() >= 1e9 {
                    format!("{v:e}")
                } else {
                    format!("{v}")
                };
                range.problem(v).map(|but| {
                    t!("input.out_of_range", key = key, value = v_text, but = but).into_owned()
                })
            }
            _ => None,
        }
    }

    /// Range problems were always reported whole numbers first, then rates, then the other
    /// number ranges; keeping that order keeps every error listing as it was.
    fn check_rank(&self) -> u8 {
        match &self.kind {
            // The bounded ranges rank as the unbounded ones they replaced.
            Kind::Number { range, .. } => {
                1 + match range {
                    Range::Weight | Range::Km => Range::NonNegative,
                    Range::PositiveWeight => Range::Positive,
                    Range::Seconds => Range::PositiveOrInf,
                    r => *r,
                } as u8
            }
            _ => 0,
        }
    }

    /// The key's value in `p`, written as in a TOML file.
    pub fn value_text(&self, p: &Policy) -> String {
        match &self.kind {
            Kind::Text(s) => format!("{:?}", (s.get)(p)),
            Kind::Whole { slot, .. } => (slot.get)(p).to_string(),
            Kind::Count { slot: s, .. } => (s.get)(p).to_string(),
            Kind::Number { slot, .. } => format!("{:?}", (slot.get)(p)),
            Kind::YesNo(s) => (s.get)(p).to_string(),
            Kind::Scope(s) => format!("\"{}\"", (s.get)(p).word()),
            Kind::Reciprocal(s) => format!("\"{}\"", (s.get)(p).word()),
            Kind::Roles(s) => {
                let words: Vec<String> = (s.get)(p)
                    .iter()
                    .map(|r| format!("\"{}\"", r.word()))
                    .collect();
                format!("[{}]", words.join(", "))
            }
        }
    }
}

/// The cause when a whole number `v` of `key` lies outside `min`..=`max`: the value and the range.
fn whole_problem(key: &str, v: impl Display, min: impl Display, max: impl Display) -> String {
    t!(
        "bounds.whole_range",
        key = key,
        value = v,
        min = min,
        max = max
    )
    .into_owned()
}

/// The key named `name` (`section.key`).
pub(super) fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// Every key's name, for the did-you-mean hint.
pub(super) fn key_names() -> Vec<&'static str> {
    KEYS.iter().map(|k| k.name).collect()
}

/// The file's sections, in table order.
pub(super) fn sections() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for k in KEYS {
        if !out.contains(&k.section()) {
            out.push(k.section());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    // Named by their crate path: the file graph reads `super::` in a test module as the
    // folder's facade.
    use crate::input::policy::keys::Policy;

    #[test]
    fn range_problems_keep_their_order() {
        let mut p = Policy::default();
        p.solver.time_limit_s = 0.0;
        p.detour_factor = 0.5;
        p.weights.equity = -1.0;
        p.quota.rate = 2.0;
        p.group_flow.core_to_trusteed_min = -1;
        p.horizon_years = 0;
        let got: Vec<&str> = p.range_problems().iter().map(|(k, _)| *k).collect();
        assert_eq!(
            got,
            [
                "policy.horizon_years",
                "group_flow.core_to_trusteed_min",
                "quota.rate",
                "weights.equity",
                "policy.detour_factor",
                "solver.time_limit_s",
            ]
        );
    }
}
