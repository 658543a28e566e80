//! The facts that decide candidacy (MODEL.md 1–6, due, HR's decisions) and, year by year,
//! whether the person may start an exchange and which conditions fail if not.

use serde::Serialize;

use crate::domain::Post;
use crate::instance::candidates::{self, Unmet};
use crate::instance::{Instance, PersonId};

/// A candidacy condition of MODEL.md that fails in a year, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "condition", rename_all = "snake_case")]
pub enum Condition {
    /// 1: a principal, and `policy.include_principals` is false.
    Post,
    /// 2: marked exempt by HR.
    Exempt,
    /// 3: too few years at the school in that year.
    YearsAtSchool {
        /// Years at the school in that year.
        have: i32,
        /// `policy.min_years_at_school`.
        need: i32,
    },
    /// 4: retires too soon after that year.
    Retirement {
        /// The year of retirement.
        retire_year: i32,
        /// `policy.retirement_buffer_years`.
        buffer: i32,
    },
    /// 5: still away on the exchange under way.
    Away,
    /// 6: back from an exchange too recently.
    Cooldown {
        /// The year back home.
        returned: i32,
        /// `policy.cooldown_years`.
        cooldown: i32,
    },
}

impl Condition {
    fn of(inst: &Instance, u: Unmet) -> Condition {
        let pol = &inst.policy;
        match u {
            Unmet::Post => Condition::Post,
            Unmet::Exempt => Condition::Exempt,
            Unmet::YearsAtSchool { have, need } => Condition::YearsAtSchool { have, need },
            Unmet::Retirement { retire_year } => Condition::Retirement {
                retire_year,
                buffer: pol.retirement_buffer_years,
            },
            Unmet::Away => Condition::Away,
            Unmet::Cooldown { returned } => Condition::Cooldown {
                returned,
                cooldown: pol.cooldown_years,
            },
        }
    }
}

/// Candidacy in one year of the horizon.
#[derive(Debug, Clone, Serialize)]
pub struct YearCandidacy {
    /// The school year.
    pub year: i32,
    /// Whether the person may start an exchange that year (MODEL.md candidacy 1–6).
    pub candidate: bool,
    /// The conditions that fail, in MODEL.md order (empty for a candidate).
    pub unmet: Vec<Condition>,
}

/// An exchange under way.
#[derive(Debug, Clone, Serialize)]
pub struct UnderWay {
    /// The host school's id.
    pub host: String,
    /// The first year away.
    pub start: i32,
    /// The first year back home.
    pub back: i32,
}

/// HR's pin.
#[derive(Debug, Clone, Serialize)]
pub struct Pin {
    /// The host school's id.
    pub host: String,
    /// The start year.
    pub year: i32,
}

/// What the roster and the policy say about the person.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    /// The home school's id.
    pub home: String,
    /// The primary subject.
    pub subject: String,
    /// The post.
    pub post: Post,
    /// Holds the backbone title.
    pub backbone: bool,
    /// Years at the home school as of the plan year.
    pub years_at_school: i32,
    /// Due (符合交流条件): a candidate in the plan year with `due_years` at the school.
    pub due: bool,
    /// `policy.due_years_at_school`.
    pub due_years: i32,
    /// Year of retirement, if known.
    pub retire_year: Option<i32>,
    /// The year the person last came back from an exchange, if given.
    pub last_return_year: Option<i32>,
    /// Marked exempt.
    pub exempt: bool,
    /// Needs exchange experience for a promotion.
    pub needs_promotion: bool,
    /// HR's pin, if any.
    pub pin: Option<Pin>,
    /// Hosts the person must not be sent to.
    pub avoid_hosts: Vec<String>,
    /// The exchange under way, if any.
    pub under_way: Option<UnderWay>,
}

/// The facts of `p`.
pub fn facts(inst: &Instance, p: PersonId) -> Facts {
    let person = inst.person(p);
    let id = |s| inst.school(s).id.clone();
    Facts {
        home: id(person.home),
        subject: inst.subjects[person.subject.ix()].clone(),
        post: person.post,
        backbone: person.backbone,
        years_at_school: person.years_at_school,
        due: candidates::is_due(inst, p),
        due_years: inst.policy.due_years_at_school,
        retire_year: person.retire_year,
        last_return_year: person.last_return_year,
        exempt: person.exempt,
        needs_promotion: person.needs_promotion,
        pin: person.pin.map(|(h, year)| Pin { host: id(h), year }),
        avoid_hosts: person.avoid.iter().map(|&h| id(h)).collect(),
        under_way: person.existing.map(|(h, start)| UnderWay {
            host: id(h),
            start,
            back: start + inst.policy.term_years,
        }),
    }
}

/// Candidacy of `p` in every year of the horizon.
pub fn years(inst: &Instance, p: PersonId) -> Vec<YearCandidacy> {
    inst.years()
        .map(|year| {
            let unmet: Vec<Condition> = candidates::unmet(inst, p, year)
                .into_iter()
                .map(|u| Condition::of(inst, u))
                .collect();
            YearCandidacy {
                year,
                candidate: unmet.is_empty(),
                unmet,
            }
        })
        .collect()
}
