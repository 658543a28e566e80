//! The words of the domain that every stage shares: a school's role in its group, a
//! person's post, and the policy's choices of scope and reciprocal flow.

use serde::Serialize;

/// Which hosts a person may be sent to (MODEL.md, `policy.scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Core staff to the group's members, member staff to the core.
    CoreMember,
    /// Any other school of the same group.
    Group,
    /// Any other school of the scenario.
    County,
}

/// What the trusteed member must send back to its core (MODEL.md rule 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reciprocal {
    /// Starts of any post from the trusteed member to the core equal the core's
    /// cadre-or-backbone starts to it.
    Equal,
    /// Only cadres or backbone teachers from the member count (seed 004's strict reading).
    EqualCadreBackbone,
    /// No return flow is required.
    None,
}

impl std::fmt::Display for Reciprocal {
    /// The word as written in policy files, so the summary reads like the policy.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Reciprocal::Equal => "equal",
            Reciprocal::EqualCadreBackbone => "equal-cadre-backbone",
            Reciprocal::None => "none",
        })
    }
}

/// The role a school plays in its group; `Member` is an ordinary (not trusteed) member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The group's core school (核心校).
    Core,
    /// A member run by the core (被托管成员校).
    Trusteed,
    /// An ordinary member school.
    Member,
}

impl Role {
    /// The word used in files and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Core => "core",
            Role::Trusteed => "trusteed",
            Role::Member => "member",
        }
    }
}

/// A person's post (职务): cadres and principals are counted apart by several rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Post {
    /// A teacher (教师).
    Teacher,
    /// A middle-level cadre (中层干部).
    Cadre,
    /// A principal or vice principal (校长).
    Principal,
}

impl Post {
    /// The word used in files and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Post::Teacher => "teacher",
            Post::Cadre => "cadre",
            Post::Principal => "principal",
        }
    }
}
