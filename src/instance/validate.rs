//! From a [`RawScenario`] to an [`Instance`], entity by entity: schools, groups, staff with
//! their exchanges under way, distances. Every problem is collected rather than returned at
//! the first, so that a user fixes a file set in one pass.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::ids::{GroupId, SchoolId, SubjectId};
use super::problem::{Group, Instance, Person, School};
use super::school_names::SchoolNames;
use super::{distances, pins, subjects};
use crate::domain::Role;
use crate::error::{Diagnostics, InputError};
use crate::input::columns::label;
use crate::input::policy::Policy;
use crate::input::records::{RawDistance, RawStaff, Src};
use crate::input::scenario::{Located, RawGroup, RawScenario};
use crate::input::subjects::subject_key;
use rust_i18n::t;

/// Road distances, stored both ways.
type TableKm = HashMap<(SchoolId, SchoolId), f64>;

impl Instance {
    /// Validates a scenario held in memory against `policy`: every id resolved, every
    /// problem reported at once (the same checks and codes as `crate::load::instance`).
    /// The policy's values are checked against their allowed ranges too (E1006).
    pub fn from_raw(raw: RawScenario, policy: Policy) -> Result<Instance, InputError> {
        validate(raw, policy)
    }
}

fn validate(raw: RawScenario, policy: Policy) -> Result<Instance, InputError> {
    let mut c = Check::new(&raw);
    let mut schools = c.schools();
    let groups = c.groups(&mut schools);
    let people = c.people();
    let table_km = c.distances();
    let Check {
        subjects,
        mut d,
        person_src,
        ..
    } = c;
    policy_ranges(&policy, &mut d);
    let inst = Instance {
        name: raw.name,
        scenario_file: raw.file,
        plan_year: raw.plan_year,
        schools,
        groups,
        subjects: subjects.names,
        people,
        table_km,
        policy,
        baseline: None,
        notices: raw.notices,
        estimated_km: Vec::new(),
        contact: raw.contact,
    };
    let mut inst = inst;
    pins::check(&inst, &person_src, &mut d);
    let school_lines: Vec<usize> = raw.schools.iter().map(|s| s.id.line).collect();
    let estimated = distances::check(&inst, &school_lines, &mut d);
    inst.estimated_km = distances::estimated(
        &inst,
        estimated,
        raw.distances_file.as_deref(),
        raw.distances_complete,
        &mut d,
    );
    let min_lines: Vec<&[usize]> = raw
        .schools
        .iter()
        .map(|s| s.min_subject_lines.as_slice())
        .collect();
    subjects::untaught(&inst, &school_lines, &min_lines, &mut d);
    let keys: Vec<Vec<(String, u32)>> = raw.schools.iter().map(|s| s.min_subject.clone()).collect();
    subjects::named_twice(&inst, &keys, &min_lines, &mut d);
    inst.notices.append(&mut d.1);
    d.into_result(inst)
}

/// A policy read from a file has passed these already; one built in code has not, and the
/// model assumes every value in range.
fn policy_ranges(policy: &Policy, d: &mut Diagnostics) {
    let label = t!("instance.policy_label", name = policy.name).into_owned();
    for (_, cause) in policy.range_problems() {
        d.push(
            "E1006",
            Path::new(&label),
            None,
            cause,
            t!("input.set_range_fix"),
        );
    }
}

/// Subject names in order of first use, each with its dense id. Two spellings of one
/// subject (`语文` and `chinese`, [`subject_key`]) are one subject, named as first written:
/// the scenario's `min_subject` is read first, so a plan names subjects as the scenario does.
#[derive(Default)]
struct Subjects {
    names: Vec<String>,
    ix: HashMap<String, SubjectId>,
}

impl Subjects {
    fn intern(&mut self, name: &str) -> SubjectId {
        let key = subject_key(name);
        if let Some(&id) = self.ix.get(&key) {
            return id;
        }
        let id = SubjectId(self.names.len() as u32);
        self.names.push(name.trim().to_string());
        self.ix.insert(key, id);
        id
    }
}

/// The scenario under check, its school ids resolved, and the problems found so far.
struct Check<'a> {
    raw: &'a RawScenario,
    /// Schools by id, and by exact name where a roster writes one.
    school_ix: SchoolNames,
    subjects: Subjects,
    d: Diagnostics,
    /// Where each validated person's row is, in person order.
    person_src: Vec<Src>,
}

impl<'a> Check<'a> {
    /// Indexes the schools; of two with one id the first wins, and the pair is reported.
    fn new(raw: &'a RawScenario) -> Self {
        let mut d = Diagnostics::default();
        let mut ids = HashSet::new();
        for s in &raw.schools {
            if !ids.insert(s.id.text.as_str()) {
                d.push(
                    "E1020",
                    &raw.file,
                    Some(s.id.line),
                    t!("instance.school_twice", id = s.id.text),
                    t!("instance.school_twice_fix"),
                );
            }
        }
        let school_ix = SchoolNames::new(
            raw.schools
                .iter()
                .map(|s| (s.id.text.as_str(), s.name.as_str())),
        );
        Check {
            raw,
            school_ix,
            subjects: Subjects::default(),
            d,
            person_src: Vec::new(),
        }
    }

    /// The hint for a school written as `text` that is not found: the nearest by id and by
    /// name, else the first ids.
    fn known_schools(&self, text: &str) -> String {
        self.school_ix.hint(text)
    }

    /// Schools without their group yet: [`Check::groups`] places them.
    fn schools(&mut self) -> Vec<School> {
        let raw = self.raw;
        raw.schools
            .iter()
            .map(|s| School {
                id: s.id.text.clone(),
                name: s.name.clone(),
                coords: s.coords,
                group: None,
                role: None,
                min_subject: s
                    .min_subject
                    .iter()
                    .map(|(k, m)| (self.subjects.intern(k), *m))
                    .collect(),
            })
            .collect()
    }

    fn groups(&mut self, schools: &mut [School]) -> Vec<Group> {
        let raw = self.raw;
        let mut seen: HashSet<&str> = HashSet::new();
        let mut groups = Vec::with_capacity(raw.groups.len());
        for g in &raw.groups {
            if !seen.insert(&g.id.text) {
                self.d.push(
                    "E1020",
                    &raw.file,
                    Some(g.id.line),
                    t!("instance.group_twice", id = g.id.text),
                    t!("instance.group_twice_fix"),
                );
            }
            // Every raw group gets its group, so the id is also its index in `raw.groups`.
            let gid = GroupId(groups.len() as u32);
            groups.push(self.group(g, gid, schools));
        }
        groups
    }

    fn group(&mut self, g: &RawGroup, gid: GroupId, schools: &mut [School]) -> Group {
        let core = self.place(g, gid, &g.core, Role::Core, schools);
        let trusteed = self.members(g, gid, &g.trusteed, Role::Trusteed, schools);
        let members = self.members(g, gid, &g.members, Role::Member, schools);
        Group {
            id: g.id.text.clone(),
            name: g.name.clone(),
            core: core.unwrap_or(SchoolId(0)),
            trusteed,
            members,
        }
    }

    /// The schools of one of the group's member lists that could be placed in it.
    fn members(
        &mut self,
        g: &RawGroup,
        gid: GroupId,
        list: &[Located],
        role: Role,
        schools: &mut [School],
    ) -> Vec<SchoolId> {
        let mut out = Vec::new();
        for l in list {
            if l.text == g.core.text {
                self.d.push(
                    "E1023",
                    &self.raw.file,
                    Some(l.line),
                    t!(
                        "instance.core_as_member",
                        school = l.text,
                        group = g.id.text
                    ),
                    t!("instance.core_as_member_fix"),
                );
                continue;
            }
            out.extend(self.place(g, gid, l, role, schools));
        }
        out
    }

    /// Puts the school named at `l` into the group with `role`, unless it is unknown or
    /// already in a group.
    fn place(
        &mut self,
        g: &RawGroup,
        gid: GroupId,
        l: &Located,
        role: Role,
        schools: &mut [School],
    ) -> Option<SchoolId> {
        let Some(s) = self.school_ix.find(&l.text) else {
            self.d.push(
                "E1021",
                &self.raw.file,
                Some(l.line),
                t!(
                    "instance.group_unknown_school",
                    group = g.id.text,
                    school = l.text
                ),
                t!(
                    "instance.group_unknown_school_fix",
                    known = self.known_schools(&l.text)
                ),
            );
            return None;
        };
        let school = &mut schools[s.ix()];
        if let Some(other) = school.group {
            self.d.push(
                "E1022",
                &self.raw.file,
                Some(l.line),
                t!(
                    "instance.school_in_two_groups",
                    school = l.text,
                    group = self.raw.groups[other.ix()].id.text
                ),
                t!("instance.school_in_two_groups_fix"),
            );
            return None;
        }
        school.group = Some(gid);
        school.role = Some(role);
        Some(s)
    }

    fn people(&mut self) -> Vec<Person> {
        let raw = self.raw;
        let mut people = Vec::with_capacity(raw.staff.len());
        // The first row of each id, counted over every row (also those later refused),
        // so that "first on line N" names the right line.
        let mut first_row: HashMap<&str, usize> = HashMap::new();
        for (i, s) in raw.staff.iter().enumerate() {
            let first = *first_row.entry(&s.id).or_insert(i);
            if first != i {
                self.duplicate_person(s, &raw.staff[first]);
            }
            if !s.cells_ok {
                // Reported by the reader; its schools are checked, so that every problem of
                // the row comes in one run, but it makes no person (no instance is built).
                self.home(s);
                self.preferences(s);
                self.avoid_hosts(s);
                continue;
            }
            if let Some(p) = self.person(s) {
                people.push(p);
                self.person_src.push(s.src.clone());
            }
        }
        people
    }

    /// A repeated id: a row that repeats another row whole (pasted twice) is to be deleted;
    /// two different people under one id need an id each.
    fn duplicate_person(&mut self, s: &RawStaff, first: &RawStaff) {
        self.d.push(
            "E1020",
            &s.src.file,
            Some(s.src.line),
            t!(
                "instance.person_twice",
                id = s.id,
                first_line = first.src.line
            ),
            s.repeated_fix(first),
        );
    }

    /// The person, when their home school is known; their other fields are checked anyway.
    fn person(&mut self, s: &RawStaff) -> Option<Person> {
        let home = self.home(s);
        let preferences = self.preferences(s);
        let existing = self.under_way(s, home);
        let avoid = self.avoid_hosts(s);
        let pin = self.pin(s);
        let home = home?;
        Some(Person {
            id: s.id.clone(),
            name: s.name.clone(),
            home,
            subject: self.subjects.intern(&s.subject),
            post: s.post,
            backbone: s.backbone,
            years_at_school: s.years_at_school,
            retire_year: s.retire_year,
            exempt: s.exempt,
            needs_promotion: s.needs_promotion,
            residence: s.residence,
            preferences,
            existing,
            last_return_year: s.last_return_year,
            pin,
            avoid,
            forbid: Vec::new(),
        })
    }

    fn home(&mut self, s: &RawStaff) -> Option<SchoolId> {
        let home = self.school_ix.find(&s.school);
        if home.is_none() {
            self.d.push(
                "E1021",
                &s.src.file,
                Some(s.src.line),
                t!("instance.unknown_home", school = s.school, id = s.id),
                t!(
                    "instance.unknown_home_fix",
                    known = self.known_schools(&s.school)
                ),
            );
        }
        home
    }

    /// Preferred hosts, best first; a host listed twice keeps its first rank.
    fn preferences(&mut self, s: &RawStaff) -> Vec<SchoolId> {
        let mut preferences = Vec::new();
        for p in &s.preferences {
            match self.school_ix.find(p) {
                Some(sid) if !preferences.contains(&sid) => preferences.push(sid),
                Some(_) => {}
                None => self.d.push(
                    "E1024",
                    &s.src.file,
                    Some(s.src.line),
                    t!("instance.unknown_preference", host = p, id = s.id),
                    t!("instance.unknown_preference_fix"),
                ),
            }
        }
        preferences
    }

    /// Hosts to avoid, without repeats; an unknown one is reported.
    fn avoid_hosts(&mut self, s: &RawStaff) -> Vec<SchoolId> {
        let mut avoid = Vec::new();
        for h in &s.avoid_hosts {
            match self.school_ix.find(h) {
                Some(sid) if !avoid.contains(&sid) => avoid.push(sid),
                Some(_) => {}
                None => self.unknown_pin_school(s, "avoid_hosts", h),
            }
        }
        avoid
    }

    /// The pin as (host, year), the year the plan year unless given. Whether it can hold
    /// is checked on the whole instance ([`pins::check`]).
    fn pin(&mut self, s: &RawStaff) -> Option<(SchoolId, i32)> {
        let Some(h) = &s.assign_host else {
            if let Some(y) = s.assign_year {
                self.d.push(
                    "E1035",
                    &s.src.file,
                    Some(s.src.line),
                    t!("instance.pin_year_alone", year = y, id = s.id),
                    t!("instance.pin_year_alone_fix"),
                );
            }
            return None;
        };
        let Some(host) = self.school_ix.find(h) else {
            self.unknown_pin_school(s, "assign_host", h);
            return None;
        };
        Some((host, s.assign_year.unwrap_or(self.raw.plan_year)))
    }

    fn unknown_pin_school(&mut self, s: &RawStaff, column: &str, id: &str) {
        self.d.push(
            "E1034",
            &s.src.file,
            Some(s.src.line),
            t!(
                "instance.unknown_pin_school",
                col = label(column),
                id = s.id,
                school = id
            ),
            t!(
                "instance.unknown_pin_school_fix",
                col = label(column),
                known = self.known_schools(id)
            ),
        );
    }

    /// The exchange under way as (host, start year), when it names another known school.
    fn under_way(&mut self, s: &RawStaff, home: Option<SchoolId>) -> Option<(SchoolId, i32)> {
        let (Some(h), Some(start)) = (&s.exchange_host, s.exchange_start) else {
            return None;
        };
        let (file, line) = (&*s.src.file, Some(s.src.line));
        match self.school_ix.find(h) {
            None => {
                self.d.push(
                    "E1025",
                    file,
                    line,
                    t!("instance.unknown_exchange_host", host = h, id = s.id),
                    t!("instance.unknown_exchange_host_fix"),
                );
                None
            }
            Some(hid) if Some(hid) == home => {
                self.d.push(
                    "E1025",
                    file,
                    line,
                    t!("instance.exchange_at_home", id = s.id, host = h),
                    t!("instance.exchange_at_home_fix"),
                );
                None
            }
            Some(hid) => {
                self.started_by_plan_year(s, start);
                Some((hid, start))
            }
        }
    }

    /// A plan year of 0 stands for one that is missing or mistyped, reported elsewhere.
    fn started_by_plan_year(&mut self, s: &RawStaff, start: i32) {
        let plan_year = self.raw.plan_year;
        if plan_year != 0 && start > plan_year {
            self.d.push(
                "E1006",
                &s.src.file,
                Some(s.src.line),
                t!(
                    "instance.start_after_plan_year",
                    start = start,
                    id = s.id,
                    plan_year = plan_year
                ),
                t!("instance.start_after_plan_year_fix"),
            );
        }
    }

    fn distances(&mut self) -> TableKm {
        let raw = self.raw;
        let mut table_km = HashMap::new();
        for r in &raw.distances {
            self.distance(r, &mut table_km);
        }
        table_km
    }

    /// A pair may come twice, in either direction, as long as both rows agree.
    fn distance(&mut self, r: &RawDistance, table_km: &mut TableKm) {
        let (file, line) = (&*r.src.file, Some(r.src.line));
        let (Some(a), Some(b)) = (self.school_ix.find(&r.from), self.school_ix.find(&r.to)) else {
            self.d.push(
                "E1030",
                file,
                line,
                t!("instance.distance_unknown_school", from = r.from, to = r.to),
                t!("instance.distance_unknown_school_fix"),
            );
            return;
        };
        if a == b {
            return;
        }
        if let Some(&old) = table_km.get(&(a, b)) {
            if old != r.km {
                self.d.push(
                    "E1030",
                    file,
                    line,
                    t!(
                        "instance.distance_twice",
                        from = r.from,
                        to = r.to,
                        old = old,
                        km = r.km
                    ),
                    t!("instance.distance_twice_fix"),
                );
            }
        }
        table_km.insert((a, b), r.km);
        table_km.insert((b, a), r.km);
    }
}
