//! A broken hard rule in words: the checker's [`Violation`] carries ids and figures, and
//! this is where they become the sentences of `summary.json`, `check --json`, the terminal
//! and `report.html` (keys `check.v.*` and `check.why.*` of `locales/check.toml`).

use rust_i18n::t;
use serde::Serialize;

use crate::check::{BaselineDiff, DiffStart, NotAdmissible, Shortfall, Violation};
use crate::domain::Scope;
use crate::instance::plan::Plan;
use crate::instance::{Instance, PersonId, SchoolId};
use crate::load::plan::PlanRow;
use crate::rules::cause::Cause;
use crate::rules::{Detail, Rule};

/// A broken hard rule as files and screens show it: ids of schools and people as text,
/// the detail in words, and its cause when the diagnosis found one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokenRule {
    /// The rule that is broken.
    pub rule: Rule,
    /// The school's id (the core, for flow rules; the home, for a start).
    pub school: Option<String>,
    /// Subject, trusteed member or pinned host (by id), or `surplus`/`deficit`.
    pub detail: Option<String>,
    /// The person's id, for a rule about one start.
    pub person: Option<String>,
    /// The school year.
    pub year: Option<i32>,
    /// By how much the rule is missed.
    pub amount: f64,
    /// The break in words.
    pub message: String,
    /// The diagnosis only: the fact of the instance that explains the break, when a simple
    /// one does (`crate::causes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// `check` of a plan file: the lines of the plan rows a break about starts comes from
    /// (empty for the rules about schools, and for a plan that is no file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<usize>,
}

impl BrokenRule {
    /// The words of `v`, with its cause.
    pub fn of(inst: &Instance, v: &Violation, cause: Option<Cause>) -> BrokenRule {
        let school_id = |s| inst.school(s).id.clone();
        let detail = match v.detail {
            Detail::None => None,
            Detail::Subject(k) => Some(inst.subjects[k.ix()].clone()),
            Detail::Member(s) | Detail::Host(s) => Some(school_id(s)),
            Detail::Surplus => Some("surplus".to_string()),
            Detail::Deficit => Some("deficit".to_string()),
        };
        BrokenRule {
            rule: v.rule,
            school: v.school.map(school_id),
            detail,
            person: v.person.map(|p| inst.person(p).id.clone()),
            year: v.year,
            amount: v.amount,
            message: shortfall_words(inst, &v.shortfall),
            cause,
            lines: Vec::new(),
        }
    }

    /// Every violation of an audit in words, each with its cause (none: `causes` empty).
    pub fn all(
        inst: &Instance,
        violations: &[Violation],
        causes: &[Option<Cause>],
    ) -> Vec<BrokenRule> {
        let cause = |i: usize| causes.get(i).cloned().flatten();
        violations
            .iter()
            .enumerate()
            .map(|(i, v)| BrokenRule::of(inst, v, cause(i)))
            .collect()
    }

    /// Each break of `broken` (the words of `violations`, one for one) that is about a person's
    /// starts, with the lines of the plan file `file` the starts come from, in `lines` and at
    /// the end of its sentence, so that HR finds the row to edit: the row of the inadmissible
    /// start; every row of a person with two starts or a pin not kept. `rows` are the plan's
    /// rows, one per start of `plan` in its order (`load::plan::read_plan_rows`).
    pub fn add_plan_lines(
        broken: &mut [BrokenRule],
        violations: &[Violation],
        plan: &Plan,
        rows: &[PlanRow],
        file: &str,
    ) {
        for (b, v) in broken.iter_mut().zip(violations) {
            let Some(person) = v.person else { continue };
            let only = match v.shortfall {
                Shortfall::Admissible { host, year, .. } => Some((host, year)),
                _ => None,
            };
            let lines: Vec<usize> = (plan.starts.iter().zip(rows))
                .filter(|(s, _)| s.person == person)
                .filter(|(s, _)| only.is_none_or(|(h, y)| (s.host, s.year) == (h, y)))
                .map(|(_, r)| r.line)
                .collect();
            if lines.is_empty() {
                continue;
            }
            let list: Vec<String> = lines.iter().map(usize::to_string).collect();
            let key = if lines.len() == 1 {
                "check.at_line"
            } else {
                "check.at_lines"
            };
            let at = t!(key, lines = list.join(&t!("check.lines_sep")), file = file);
            b.message = format!("{}{at}", b.message);
            b.lines = lines;
        }
    }
}

/// A school as a sentence names it: its name with its id, `西宁市第十一中学（no11）`, or
/// the id alone when the scenario gives it no name of its own.
fn school_words(inst: &Instance, s: SchoolId) -> String {
    let school = inst.school(s);
    let name = school.name.trim();
    if name.is_empty() || name == school.id {
        school.id.clone()
    } else {
        t!("check.named", name = name, id = school.id).into_owned()
    }
}

/// A person as a sentence names them: `杜建（CZ0001）`, or the id alone without a name.
fn person_words(inst: &Instance, p: PersonId) -> String {
    let person = inst.person(p);
    let name = person.name.trim();
    if name.is_empty() || name == person.id {
        person.id.clone()
    } else {
        t!("check.named", name = name, id = person.id).into_owned()
    }
}

/// `policy.scope` in words, with the policy's own word for it.
fn scope_words(scope: Scope) -> String {
    match scope {
        Scope::CoreMember => t!("check.scope.core_member"),
        Scope::Group => t!("check.scope.group"),
        Scope::County => t!("check.scope.county"),
    }
    .into_owned()
}

/// The sentence of a break, with the figures the checker found. Every variant is named
/// here (no catch-all), so a new rule cannot compile without a route to its words; each
/// group's function then matches only the variants routed to it.
pub fn shortfall_words(inst: &Instance, s: &Shortfall) -> String {
    match s {
        Shortfall::Admissible { .. } | Shortfall::OneStart { .. } | Shortfall::Pin { .. } => {
            start_words(inst, s)
        }
        Shortfall::Quota { .. } | Shortfall::Backbone { .. } | Shortfall::Cadre { .. } => {
            quota_words(inst, s)
        }
        Shortfall::Reciprocal { .. } | Shortfall::TrusteedFlow { .. } => flow_words(inst, s),
        Shortfall::Coverage { .. }
        | Shortfall::Headcount { .. }
        | Shortfall::StabilityCap { .. }
        | Shortfall::SubjectsKept { .. } => school_year_words(inst, s),
    }
}

/// The rules about one start or one person.
fn start_words(inst: &Instance, s: &Shortfall) -> String {
    let id = |p: PersonId| person_words(inst, p);
    let school = |s: SchoolId| school_words(inst, s);
    match s {
        Shortfall::Admissible {
            person,
            host,
            year,
            why,
        } => {
            let why = reasons_words(inst, why);
            t!(
                "check.v.admissible",
                id = id(*person),
                host = school(*host),
                year = year,
                why = why
            )
        }
        Shortfall::OneStart { person } => t!("check.v.one_start", id = id(*person)),
        Shortfall::Pin {
            person,
            host,
            year,
            instead,
        } => {
            let instead = if instead.is_empty() {
                t!("check.v.pin_no_start").into_owned()
            } else {
                let starts = instead.iter().map(|st| {
                    t!("check.v.pin_start", host = school(st.host), year = st.year).into_owned()
                });
                starts.collect::<Vec<String>>().join(", ")
            };
            t!(
                "check.v.pin",
                id = id(*person),
                host = school(*host),
                year = year,
                instead = instead
            )
        }
        _ => unreachable!("not a rule about a start: {s:?}"),
    }
    .into_owned()
}

/// The other rules about one school in one year.
fn school_year_words(inst: &Instance, s: &Shortfall) -> String {
    let school = |s: &SchoolId| school_words(inst, *s);
    match s {
        Shortfall::Coverage {
            school: at,
            subject,
            year: y,
            present,
            min,
        } => {
            let subject = &inst.subjects[subject.ix()];
            let school = school(at);
            t!(
                "check.v.coverage",
                school = school,
                present = present,
                subject = subject,
                y = y,
                min = min
            )
        }
        Shortfall::Headcount {
            school: at,
            year,
            visitors,
            away,
            net,
            limit,
        } => {
            let (school, net) = (school(at), format!("{net:+}"));
            t!(
                "check.v.headcount",
                school = school,
                visitors = visitors,
                away = away,
                year = year,
                net = net,
                limit = limit
            )
        }
        Shortfall::StabilityCap {
            school: at,
            year,
            new_out,
            cap,
            share,
            home_staff,
        } => {
            let school = school(at);
            t!(
                "check.v.stability_cap",
                school = school,
                new_out = new_out,
                year = year,
                cap = cap,
                share = share,
                home_staff = home_staff
            )
        }
        Shortfall::SubjectsKept {
            school: at,
            subject,
            year: y,
        } => {
            let (school, subject) = (school(at), &inst.subjects[subject.ix()]);
            t!(
                "check.v.subjects_kept",
                school = school,
                subject = subject,
                y = y
            )
        }
        _ => unreachable!("not a rule about a school-year: {s:?}"),
    }
    .into_owned()
}

/// The quota rules of one school in one year: starts, backbone share and cadres.
fn quota_words(inst: &Instance, s: &Shortfall) -> String {
    let school = |s: &SchoolId| school_words(inst, *s);
    match s {
        Shortfall::Quota {
            school: at,
            year: y,
            new_out,
            need,
            rate,
            due,
        } => {
            let school = school(at);
            t!(
                "check.v.quota",
                school = school,
                new_out = new_out,
                y = y,
                need = need,
                rate = rate,
                due = due
            )
        }
        Shortfall::Backbone {
            school: at,
            year: y,
            backbone,
            new_out,
            share,
        } => {
            let (school, needs) = (school(at), format!("{:.2}", share * *new_out as f64));
            t!(
                "check.v.backbone",
                school = school,
                backbone = backbone,
                new_out = new_out,
                y = y,
                share = share,
                needs = needs
            )
        }
        Shortfall::Cadre {
            school: at,
            year: y,
            sent,
            need,
        } => {
            let school = school(at);
            t!(
                "check.v.cadre",
                school = school,
                sent = sent,
                y = y,
                need = need
            )
        }
        _ => unreachable!("not a quota rule: {s:?}"),
    }
    .into_owned()
}

/// The rules about the flows between a core and a trusteed member.
fn flow_words(inst: &Instance, s: &Shortfall) -> String {
    let school = |s: &SchoolId| school_words(inst, *s);
    match s {
        Shortfall::Reciprocal {
            member,
            core,
            year: y,
            back,
            sent,
        } => {
            let (member, core) = (school(member), school(core));
            t!(
                "check.v.reciprocal",
                member = member,
                back = back,
                core = core,
                y = y,
                sent = sent
            )
        }
        Shortfall::TrusteedFlow {
            core,
            member,
            year,
            sent,
            min,
        } => {
            let (core, member) = (school(core), school(member));
            t!(
                "check.v.trusteed_flow",
                core = core,
                sent = sent,
                member = member,
                year = year,
                min = min
            )
        }
        _ => unreachable!("not a flow rule: {s:?}"),
    }
    .into_owned()
}

/// Every reason why a start is not admissible, in one sentence.
fn reasons_words(inst: &Instance, why: &[NotAdmissible]) -> String {
    let words: Vec<String> = why.iter().map(|w| reason_words(inst, w)).collect();
    words.join(&t!("check.why.sep"))
}

/// One reason why a start is not admissible.
fn reason_words(inst: &Instance, w: &NotAdmissible) -> String {
    let school = |s: &SchoolId| school_words(inst, *s);
    match w {
        NotAdmissible::OutsideHorizon { year, first, last } => {
            t!(
                "check.why.outside_horizon",
                year = year,
                first = first,
                last = last
            )
        }
        NotAdmissible::Avoided { host } => t!("check.why.avoided", host = school(host)),
        NotAdmissible::Forbidden { host, year } => {
            t!("check.why.forbidden", host = school(host), year = year)
        }
        NotAdmissible::OutOfScope { host, home, scope } => {
            let (host, home, scope) = (school(host), school(home), scope_words(*scope));
            t!("check.why.scope", host = host, home = home, scope = scope)
        }
        NotAdmissible::TooFar { km, max } => {
            let km = format!("{km:.1}");
            t!("check.why.too_far", km = km, max = max)
        }
        NotAdmissible::Principal => t!("check.why.principal"),
        NotAdmissible::Exempt => t!("check.why.exempt"),
        NotAdmissible::Years {
            years,
            year: y,
            need,
        } => {
            t!("check.why.years", years = years, y = y, need = need)
        }
        NotAdmissible::Retires {
            retire: r,
            buffer,
            year: y,
        } => t!("check.why.retires", r = r, buffer = buffer, y = y),
        NotAdmissible::Away { year: y } => t!("check.why.away", y = y),
        NotAdmissible::Cooldown { returned: r, years } => {
            t!("check.why.cooldown", r = r, years = years)
        }
        NotAdmissible::NoHostCoords { host } => t!("check.why.no_host_coords", host = school(host)),
        NotAdmissible::NoDistance { home, host } => {
            t!(
                "check.why.no_distance",
                home = school(home),
                host = school(host)
            )
        }
    }
    .into_owned()
}

/// The diff against the baseline with the reasons of its dropped and moved starts in words
/// (`DiffStart::reason`, as `summary.json` and `check --json` carry it).
pub fn baseline_in_words(inst: &Instance, d: &BaselineDiff) -> BaselineDiff {
    let words = |x: &DiffStart| DiffStart {
        reason: (!x.why.is_empty()).then(|| reasons_words(inst, &x.why)),
        ..x.clone()
    };
    let mut d = d.clone();
    for x in d.kept.iter_mut().chain(&mut d.dropped).chain(&mut d.added) {
        *x = words(x);
    }
    for m in &mut d.moved {
        m.from = words(&m.from);
        m.to = words(&m.to);
    }
    d
}
