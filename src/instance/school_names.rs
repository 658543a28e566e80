//! A school as HR writes it where an id is expected: its id or its exact name (a roster
//! exported from another system says 西宁市第十一中学, not `no11`), and the hint for a
//! school that is neither: the nearest ids and names, so the fix is in the message.

use std::collections::HashMap;

use rust_i18n::t;

use super::ids::SchoolId;
use super::problem::Instance;

/// Finds schools by id or by name.
#[derive(Debug, Clone, Default)]
pub struct SchoolNames {
    /// Every id, and every name no other school shares, trimmed, to its school. An id wins
    /// over another school's name.
    by_text: HashMap<String, SchoolId>,
    /// (id, name) in school order, for hints.
    schools: Vec<(String, String)>,
}

/// How close a written school must be to an id or name to be offered as "did you mean".
const NEAR: f64 = 0.75;

impl SchoolNames {
    /// The lookup over `(id, name)` pairs in school order (index = [`SchoolId`]).
    pub fn new<'a>(schools: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let schools: Vec<(String, String)> = schools
            .into_iter()
            .map(|(id, name)| (id.trim().to_string(), name.trim().to_string()))
            .collect();
        let mut name_count: HashMap<&str, usize> = HashMap::new();
        for (_, name) in &schools {
            *name_count.entry(name.as_str()).or_default() += 1;
        }
        let mut by_text = HashMap::new();
        for (i, (_, name)) in schools.iter().enumerate() {
            if !name.is_empty() && name_count[name.as_str()] == 1 {
                by_text.insert(name.clone(), SchoolId(i as u32));
            }
        }
        // Ids last, so that an id wins over a name that happens to equal it; the first of two
        // schools with one id wins, as validation (which reports the pair) keeps it.
        for (i, (id, _)) in schools.iter().enumerate().rev() {
            by_text.insert(id.clone(), SchoolId(i as u32));
        }
        SchoolNames { by_text, schools }
    }

    /// The school written as `text`: its id, else its name (each ignoring surrounding spaces).
    pub fn find(&self, text: &str) -> Option<SchoolId> {
        self.by_text.get(text.trim()).copied()
    }

    /// True when `text` is a school's name rather than its id.
    pub fn is_name(&self, text: &str) -> bool {
        let t = text.trim();
        self.find(t).is_some_and(|s| self.schools[s.ix()].0 != t)
    }

    /// The hint for a school that is not found: the nearest schools by id and by name
    /// ("did you mean `no11`（西宁市第十一中学）"), or the first ids when none is near.
    pub fn hint(&self, text: &str) -> String {
        let near = self.nearest(text.trim(), 3);
        if near.is_empty() {
            let ids: Vec<&str> = self
                .schools
                .iter()
                .take(12)
                .map(|(id, _)| id.as_str())
                .collect();
            return t!("schools.known", known = ids.join(", ")).into_owned();
        }
        let near: Vec<String> = near.iter().map(|&s| self.label(s)).collect();
        t!("schools.did_you_mean", near = near.join("、")).into_owned()
    }

    /// `` `no11`（西宁市第十一中学）``: the school as a hint names it.
    fn label(&self, s: SchoolId) -> String {
        let (id, name) = &self.schools[s.ix()];
        if name.is_empty() || name == id {
            format!("`{id}`")
        } else {
            t!("schools.label", id = id, name = name).into_owned()
        }
    }

    /// Up to `n` schools whose id or name is near `text`, nearest first. A name that holds
    /// the text or is held by it (十一中 in 西宁市第十一中学) counts as near.
    fn nearest(&self, text: &str, n: usize) -> Vec<SchoolId> {
        if text.is_empty() {
            return Vec::new();
        }
        let lower = text.to_lowercase();
        let score = |s: &str| -> f64 {
            let s = s.to_lowercase();
            if s.is_empty() {
                return 0.0;
            }
            let contains = s.contains(&lower) || lower.contains(&s);
            let jw = strsim::jaro_winkler(&lower, &s);
            if contains {
                jw.max(NEAR)
            } else {
                jw
            }
        };
        let mut scored: Vec<(f64, SchoolId)> = self
            .schools
            .iter()
            .enumerate()
            .map(|(i, (id, name))| (score(id).max(score(name)), SchoolId(i as u32)))
            .filter(|(s, _)| *s >= NEAR)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(n).map(|(_, s)| s).collect()
    }
}

impl Instance {
    /// The lookup of this instance's schools by id or name.
    pub fn school_names(&self) -> SchoolNames {
        SchoolNames::new(
            self.schools
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> SchoolNames {
        SchoolNames::new([
            ("no11", "西宁市第十一中学"),
            ("hz-a", "湟中区甲中学"),
            ("hz-b", "湟中区乙中学"),
            ("twin", "同名学校"),
            ("twin2", "同名学校"),
        ])
    }

    #[test]
    fn a_school_is_found_by_id_or_by_its_one_name() {
        let n = names();
        assert_eq!(n.find("no11"), Some(SchoolId(0)));
        assert_eq!(n.find(" 西宁市第十一中学 "), Some(SchoolId(0)));
        assert!(n.is_name("西宁市第十一中学"));
        assert!(!n.is_name("no11"));
        // A name two schools share names neither.
        assert_eq!(n.find("同名学校"), None);
        assert_eq!(n.find("no12"), None);
    }

    #[test]
    fn an_unknown_school_gets_the_nearest_by_id_and_by_name() {
        let n = names();
        let h = n.hint("第十一中学");
        assert!(
            h.contains("`no11`") && h.contains("西宁市第十一中学"),
            "{h}"
        );
        let h = n.hint("no1l");
        assert!(h.contains("`no11`"), "{h}");
        let h = n.hint("zzzz");
        assert!(h.contains("no11, hz-a"), "{h}");
    }
}
