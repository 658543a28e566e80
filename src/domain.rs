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

/// The kind of an exchange by the roles of its two schools: the one rule the archive (备案表),
/// the posted list (公示名单) and the bureau's counts (支教/跟岗) all read, so that they agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 支教: a core school's staff to a member school (trusteed or not), of any group.
    Support,
    /// 跟岗学习: a member school's staff (trusteed or not) to a core school.
    Shadowing,
    /// 交流: any other pair (core to core, member to member, schools in no group).
    Exchange,
}

impl Direction {
    /// The kind of a start from a school of role `from` to one of role `to` (`None`: in no
    /// group).
    pub fn of(from: Option<Role>, to: Option<Role>) -> Direction {
        let member = |r| matches!(r, Some(Role::Trusteed | Role::Member));
        match (from, to) {
            (Some(Role::Core), r) if member(r) => Direction::Support,
            (r, Some(Role::Core)) if member(r) => Direction::Shadowing,
            _ => Direction::Exchange,
        }
    }
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
