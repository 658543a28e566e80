//! The hint for a misspelt key: the valid keys nearest to it, so that a typo is fixed from the
//! message alone.

use rust_i18n::t;

/// "did you mean" text listing the valid keys nearest to a typo.
pub fn suggest(typo: &str, known: &[&str]) -> String {
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|k| (strsim::jaro_winkler(typo, k), *k))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let near: Vec<&str> = scored
        .iter()
        .filter(|(s, _)| *s >= 0.7)
        .take(3)
        .map(|(_, k)| *k)
        .collect();
    if near.is_empty() {
        t!("input.remove_or_use", known = known.join(", ")).into_owned()
    } else {
        let near = near.join("`, `");
        t!("input.did_you_mean", near = near, known = known.join(", ")).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_names_the_near_key() {
        let s = suggest("max_distnce_km", &["max_distance_km", "scope"]);
        assert!(s.contains("`max_distance_km`"), "{s}");
    }
}
