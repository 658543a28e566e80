//! The words a policy file spells an enum with.

use crate::domain::{Reciprocal, Role, Scope};

/// The words a policy file spells an enum with, in the order the docs list them.
pub(super) trait Word: Copy + PartialEq + 'static {
    const WORDS: &'static [(&'static str, Self)];

    /// The words, in order, for messages and docs.
    fn choices() -> String {
        let words: Vec<&str> = Self::WORDS.iter().map(|(w, _)| *w).collect();
        words.join(", ")
    }

    /// The value spelt `s`, if it is one of the words.
    fn parse(s: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(w, _)| *w == s).map(|(_, x)| *x)
    }

    /// The word for the value, as a file spells it.
    fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(_, x)| *x == self)
            .map_or("?", |(w, _)| w)
    }
}

impl Word for Scope {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("core-member", Scope::CoreMember),
        ("group", Scope::Group),
        ("county", Scope::County),
    ];
}

impl Word for Reciprocal {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("equal", Reciprocal::Equal),
        ("equal-cadre-backbone", Reciprocal::EqualCadreBackbone),
        ("none", Reciprocal::None),
    ];
}

impl Word for Role {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("core", Role::Core),
        ("trusteed", Role::Trusteed),
        ("member", Role::Member),
    ];
}
