//! What every rule of the checker reads, worked out once per plan: each person's start and
//! whereabouts year by year, the due pool, and per school and year the people present and
//! the starts that leave; and what the rules write: the rows, the breaks and the objective.

use super::candidacy::{under_way, why_not_candidate};
use super::report::{BaselineDiff, Flow, Report, SchoolYear, Violation};
use super::shortfall::Shortfall;
use crate::domain::Post;
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, Person, PersonId, SchoolId};
use crate::rules::{Component, Detail, Rule};

/// Where a break is found. Breaks are reported in this order (start by start, then school
/// by school and year by year, then flow by flow), which is also the order the slack sums in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum At {
    /// The plan's start of this index.
    Start(usize),
    /// The school-year row of this index (see [`Audit::row`]).
    Row(usize),
    /// The flow row of this index.
    Flow(usize),
    /// The pin of this person.
    Pin(PersonId),
}

/// The schools of a flow row.
pub(super) struct Pair {
    pub core: SchoolId,
    pub member: SchoolId,
}

/// One plan under audit.
pub(super) struct Audit<'a> {
    pub inst: &'a Instance,
    pub plan: &'a Plan,
    /// Per person, the plan index of their first start; later ones break the one-start rule.
    pub first: Vec<Option<usize>>,
    /// Per person, due (符合交流条件) in the plan year.
    pub due: Vec<bool>,
    /// Per school-year row, the people there, in roster order.
    pub here: Vec<Vec<PersonId>>,
    /// Per school-year row, the plan indices of the starts of its home staff that year.
    out: Vec<Vec<usize>>,
    /// Per school, its home staff in roster order.
    staff: Vec<Vec<PersonId>>,
    /// Per school, then per year; see [`Audit::row`].
    pub rows: Vec<SchoolYear>,
    /// Per group, trusteed member and year, with [`Audit::pairs`] alongside.
    pub flows: Vec<Flow>,
    pub pairs: Vec<Pair>,
    found: Vec<(At, Violation)>,
    /// Weighted, in any order: the report puts them in [`Component::ALL`] order.
    components: Vec<(Component, f64)>,
    pub distances_km: Vec<f64>,
    /// What `changes` finds against a baseline plan.
    pub baseline: Option<BaselineDiff>,
}

/// Where a person with this first new start (if any) is in year `y`.
fn location(inst: &Instance, p: &Person, start: Option<&Start>, y: i32) -> SchoolId {
    if let Some(st) = start {
        if st.year <= y && y < st.year + inst.policy.term_years {
            return st.host;
        }
    }
    match under_way(inst, p) {
        Some((h, from, back)) if from <= y && y < back => h,
        _ => p.home,
    }
}

impl<'a> Audit<'a> {
    /// Indexes `plan` on `inst`: one pass over the roster and one over the plan.
    pub fn new(inst: &'a Instance, plan: &'a Plan) -> Audit<'a> {
        let mut first = vec![None; inst.people.len()];
        for (i, st) in plan.starts.iter().enumerate() {
            first[st.person.ix()].get_or_insert(i);
        }
        let pol = &inst.policy;
        let due = inst
            .people
            .iter()
            .map(|p| {
                why_not_candidate(inst, p, inst.plan_year).is_none()
                    && p.years_at_school >= pol.due_years_at_school
            })
            .collect();
        let mut a = Audit {
            inst,
            plan,
            first,
            due,
            here: Vec::new(),
            out: Vec::new(),
            staff: home_staff(inst),
            rows: Vec::new(),
            flows: Vec::new(),
            pairs: Vec::new(),
            found: Vec::new(),
            components: Vec::new(),
            distances_km: Vec::new(),
            baseline: None,
        };
        a.index_rows();
        a.index_flows();
        a
    }

    fn years(&self) -> usize {
        self.inst.policy.horizon_years as usize
    }

    /// The row of school `s` in year `y` (a planned year).
    pub fn row(&self, s: SchoolId, y: i32) -> usize {
        s.ix() * self.years() + (y - self.inst.plan_year) as usize
    }

    /// The school of row `r` (rows run school by school, year by year: see [`Audit::row`]).
    pub fn row_school(&self, r: usize) -> SchoolId {
        SchoolId((r / self.years()) as u32)
    }

    /// Staff whose home is `s`, in roster order.
    pub fn home_staff(&self, s: SchoolId) -> &[PersonId] {
        &self.staff[s.ix()]
    }

    /// Who is where, the starts per home and host, and the counts of every school-year row.
    fn index_rows(&mut self) {
        let away = self.locate_people();
        let new_in = self.index_starts();
        for s in self.inst.school_ids() {
            for y in self.inst.years() {
                let r = self.row(s, y);
                let row = self.school_year(s, y, away[r], new_in[r]);
                self.rows.push(row);
            }
        }
    }

    /// Fills [`Audit::here`]; returns the home staff away per row.
    fn locate_people(&mut self) -> Vec<u32> {
        let inst = self.inst;
        let n_rows = inst.schools.len() * self.years();
        self.here = vec![Vec::new(); n_rows];
        let mut away = vec![0u32; n_rows];
        for (i, p) in inst.people.iter().enumerate() {
            let start = self.first[i].map(|k| &self.plan.starts[k]);
            for y in inst.years() {
                let at = location(inst, p, start, y);
                let r = self.row(at, y);
                self.here[r].push(PersonId(i as u32));
                if at != p.home {
                    away[self.row(p.home, y)] += 1;
                }
            }
        }
        away
    }

    /// Files every start of the horizon under its home's row (all of them: a second start
    /// of a person counts there too); returns the starts per host row.
    fn index_starts(&mut self) -> Vec<u32> {
        let inst = self.inst;
        let n_rows = inst.schools.len() * self.years();
        self.out = vec![Vec::new(); n_rows];
        let mut new_in = vec![0u32; n_rows];
        for (i, st) in self.plan.starts.iter().enumerate() {
            if inst.years().contains(&st.year) {
                let from = self.row(inst.person(st.person).home, st.year);
                let to = self.row(st.host, st.year);
                self.out[from].push(i);
                new_in[to] += 1;
            }
        }
        new_in
    }

    fn school_year(&self, s: SchoolId, y: i32, away: u32, new_in: u32) -> SchoolYear {
        let r = self.row(s, y);
        let count = |list: &[usize], keep: fn(&Person) -> bool| {
            let starts = &self.plan.starts;
            list.iter()
                .filter(|&&i| keep(self.inst.person(starts[i].person)))
                .count() as u32
        };
        let here = &self.here[r];
        let inst = self.inst;
        let visitors = here.iter().filter(|&&p| inst.person(p).home != s).count() as u32;
        SchoolYear {
            school: inst.school(s).id.clone(),
            year: y,
            home_staff: self.home_staff(s).len() as u32,
            present: here.len() as u32,
            visitors,
            away,
            net: i64::from(visitors) - i64::from(away),
            new_out: self.out[r].len() as u32,
            new_out_backbone: count(&self.out[r], |p| p.backbone),
            new_out_cadre: count(&self.out[r], |p| p.post == Post::Cadre),
            new_in,
            due: None,
            due_pool: (self.home_staff(s).iter())
                .filter(|p| self.due[p.ix()])
                .count() as u32,
            quota_need: None,
            backbone_present: here.iter().filter(|&&p| inst.person(p).backbone).count() as u32,
            backbone_target: None,
            coverage: Vec::new(),
            out_cap: None,
            subjects_taught: None,
            subjects_kept: None,
        }
    }

    /// One row per core, trusteed member and year, with the cadre-or-backbone starts sent.
    fn index_flows(&mut self) {
        let inst = self.inst;
        for g in &inst.groups {
            for &member in &g.trusteed {
                for y in inst.years() {
                    let sent = self
                        .between(g.core, member, y)
                        .filter(|p| p.is_cadre_or_backbone())
                        .count() as u32;
                    self.flows.push(Flow {
                        core: inst.school(g.core).id.clone(),
                        member: inst.school(member).id.clone(),
                        year: y,
                        sent,
                        back: 0,
                        min: 0,
                    });
                    self.pairs.push(Pair {
                        core: g.core,
                        member,
                    });
                }
            }
        }
    }

    /// The people of the plan's starts in year `y` from home `from` to host `to`.
    pub fn between(&self, from: SchoolId, to: SchoolId, y: i32) -> impl Iterator<Item = &Person> {
        let starts = &self.plan.starts;
        self.out[self.row(from, y)]
            .iter()
            .map(move |&i| &starts[i])
            .filter(move |st| st.host == to)
            .map(|st| self.inst.person(st.person))
    }

    /// A break of `rule` found at `at`; school, person and year come from `at`.
    pub fn broken<'x>(&'x mut self, rule: Rule, at: At) -> Broken<'x, 'a> {
        let inst = self.inst;
        let (school, person, year, detail) = match at {
            At::Start(i) => {
                let st = &self.plan.starts[i];
                let home = inst.person(st.person).home;
                (home, Some(st.person), st.year, Detail::None)
            }
            At::Row(r) => {
                let year = inst.plan_year + (r % self.years()) as i32;
                (self.row_school(r), None, year, Detail::None)
            }
            At::Flow(f) => {
                let pair = &self.pairs[f];
                (
                    pair.core,
                    None,
                    self.flows[f].year,
                    Detail::Member(pair.member),
                )
            }
            At::Pin(p) => {
                let person = inst.person(p);
                let (host, year) = person.pin.unwrap_or((person.home, inst.plan_year));
                (person.home, Some(p), year, Detail::Host(host))
            }
        };
        Broken {
            audit: self,
            at,
            rule,
            school,
            detail,
            person,
            year,
        }
    }

    /// Every break so far, in the order of [`At`].
    pub fn violations(&mut self) -> impl Iterator<Item = &Violation> {
        // Stable: breaks at the same place keep the order of the rules in `check`.
        self.found.sort_by_key(|(at, _)| *at);
        self.found.iter().map(|(_, v)| v)
    }

    /// Adds a component's weighted value. Each caller applies its weight from
    /// `policy.weights` itself, so the checker shares no arithmetic with the model.
    pub fn cost(&mut self, comp: Component, weighted: f64) {
        self.components.push((comp, weighted));
    }

    /// The finished audit.
    pub fn report(mut self) -> Report {
        let violations: Vec<Violation> = self.violations().cloned().collect();
        self.components
            .sort_by_key(|(c, _)| Component::ALL.iter().position(|k| k == c));
        let objective = self.components.iter().map(|(_, v)| v).sum();
        Report {
            ok: violations.is_empty(),
            objective,
            components: self.components,
            violations,
            school_years: self.rows,
            flows: self.flows,
            distances_km: self.distances_km,
            baseline: self.baseline,
        }
    }
}

/// A break being written down; [`Broken::short_by`] records it.
pub(super) struct Broken<'x, 'a> {
    audit: &'x mut Audit<'a>,
    at: At,
    rule: Rule,
    school: SchoolId,
    detail: Detail,
    person: Option<PersonId>,
    year: i32,
}

impl Broken<'_, '_> {
    /// The subject or direction the break is about.
    pub fn detail(mut self, detail: Detail) -> Self {
        self.detail = detail;
        self
    }

    /// Records the break: the rule is missed by `amount`, with the figures of `shortfall`.
    pub fn short_by(self, amount: f64, shortfall: Shortfall) {
        let v = Violation {
            rule: self.rule,
            school: Some(self.school),
            detail: self.detail,
            person: self.person,
            year: Some(self.year),
            amount,
            shortfall,
        };
        self.audit.found.push((self.at, v));
    }
}

/// Each school's home staff, in one pass over the roster.
fn home_staff(inst: &Instance) -> Vec<Vec<PersonId>> {
    let mut staff = vec![Vec::new(); inst.schools.len()];
    for p in inst.person_ids() {
        staff[inst.person(p).home.ix()].push(p);
    }
    staff
}

/// ceil(rate × n), as the model rounds it.
pub(super) fn ceil_rate(rate: f64, n: usize) -> u32 {
    // Same tolerance as the model: 0.1 × 30 means 3, not the float's 3.0000000000000004.
    ((rate * n as f64) - 1e-9).ceil().max(0.0) as u32
}
