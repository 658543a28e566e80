//! The validated, indexed problem: every id resolved to a dense newtype index, so the model
//! and the checker never look up strings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::domain::{Post, Role};
use crate::error::{Diagnostics, InputError};
use crate::geo::haversine_km;
use crate::input::policy::Policy;
use crate::input::scenario::{self, RawScenario};

mod presence;
pub use presence::Presence;

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}
id_type!(SchoolId);
id_type!(GroupId);
id_type!(PersonId);
id_type!(SubjectId);

#[derive(Debug, Clone)]
pub struct School {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub group: Option<GroupId>,
    pub role: Option<Role>,
    pub min_subject: Vec<(SubjectId, u32)>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub core: SchoolId,
    pub trusteed: Vec<SchoolId>,
    pub members: Vec<SchoolId>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub home: SchoolId,
    pub subject: SubjectId,
    pub post: Post,
    pub backbone: bool,
    pub years_at_school: i32,
    pub retire_year: Option<i32>,
    pub exempt: bool,
    pub needs_promotion: bool,
    pub residence: Option<(f64, f64)>,
    pub preferences: Vec<SchoolId>,
    /// An exchange under way: (host, start year).
    pub existing: Option<(SchoolId, i32)>,
    pub last_return_year: Option<i32>,
}

impl Person {
    /// Cadre or backbone: who counts for the core → trusteed flow (seed 004: 中层干部或骨干教师).
    pub fn is_cadre_or_backbone(&self) -> bool {
        self.post == Post::Cadre || self.backbone
    }
}

#[derive(Debug, Clone)]
pub struct Instance {
    pub name: String,
    pub scenario_file: PathBuf,
    pub plan_year: i32,
    pub schools: Vec<School>,
    pub groups: Vec<Group>,
    pub subjects: Vec<String>,
    pub people: Vec<Person>,
    /// Road distances from the scenario's table, stored both ways.
    pub table_km: HashMap<(SchoolId, SchoolId), f64>,
    pub policy: Policy,
}

impl Instance {
    /// The planned school years `Y0 .. Y0+H-1`.
    pub fn years(&self) -> std::ops::Range<i32> {
        self.plan_year..self.plan_year + self.policy.horizon_years
    }

    pub fn school_ids(&self) -> impl Iterator<Item = SchoolId> {
        (0..self.schools.len() as u32).map(SchoolId)
    }

    pub fn person_ids(&self) -> impl Iterator<Item = PersonId> {
        (0..self.people.len() as u32).map(PersonId)
    }

    pub fn school(&self, s: SchoolId) -> &School {
        &self.schools[s.ix()]
    }

    pub fn person(&self, p: PersonId) -> &Person {
        &self.people[p.ix()]
    }

    pub fn school_by_id(&self, id: &str) -> Option<SchoolId> {
        self.schools
            .iter()
            .position(|s| s.id == id)
            .map(|i| SchoolId(i as u32))
    }

    /// Host of the person's exchange under way, if it keeps them away in year `y`.
    pub fn away_under_way(&self, p: PersonId, y: i32) -> Option<SchoolId> {
        let (host, start) = self.person(p).existing?;
        (start <= y && y < start + self.policy.term_years).then_some(host)
    }

    /// The first year back home from the person's exchange under way.
    pub fn under_way_return_year(&self, p: PersonId) -> Option<i32> {
        self.person(p)
            .existing
            .map(|(_, start)| start + self.policy.term_years)
    }

    /// Straight-line km between two schools, before the detour factor.
    pub fn school_km(&self, a: SchoolId, b: SchoolId) -> f64 {
        let (sa, sb) = (self.school(a), self.school(b));
        haversine_km((sa.lat, sa.lon), (sb.lat, sb.lon))
    }
}

/// Reads a scenario (and its policy, or `policy_override`), applies `--set` overrides, and
/// validates everything into an [`Instance`]. Every problem is reported at once.
pub fn load(
    scenario_path: &Path,
    policy_override: Option<&Path>,
    sets: &[(String, String)],
) -> Result<Instance, InputError> {
    let mut diags = Diagnostics::default();
    let raw = scenario::read(scenario_path, &mut diags);
    let policy_path = policy_override
        .map(Path::to_path_buf)
        .or_else(|| raw.as_ref().and_then(|r| r.policy.clone()));
    let mut policy = match &policy_path {
        Some(p) => Policy::read(p, &mut diags),
        None => Some(Policy::default()),
    };
    if let Some(pol) = policy.as_mut() {
        crate::input::policy::apply_sets(pol, sets, &mut diags);
    }
    match (raw, policy) {
        (Some(raw), Some(policy)) if diags.is_empty() => validate(raw, policy),
        _ => Err(InputError(diags.0)),
    }
}

fn validate(raw: RawScenario, policy: Policy) -> Result<Instance, InputError> {
    let mut d = Diagnostics::default();
    let file = raw.file.clone();
    let f = file.as_path();

    let mut school_ix: HashMap<&str, SchoolId> = HashMap::new();
    for (i, s) in raw.schools.iter().enumerate() {
        if school_ix.insert(&s.id.text, SchoolId(i as u32)).is_some() {
            d.push(
                "E1020",
                f,
                Some(s.id.line),
                format!("school id `{}` is used twice", s.id.text),
                "give every school its own id",
            );
        }
    }
    let known_schools = || {
        let mut ids: Vec<&str> = raw.schools.iter().map(|s| s.id.text.as_str()).collect();
        ids.truncate(12);
        ids.join(", ")
    };

    let mut subjects: Vec<String> = Vec::new();
    let mut subject_ix: HashMap<String, SubjectId> = HashMap::new();
    let mut intern = |name: &str| -> SubjectId {
        if let Some(&id) = subject_ix.get(name) {
            return id;
        }
        let id = SubjectId(subjects.len() as u32);
        subjects.push(name.to_string());
        subject_ix.insert(name.to_string(), id);
        id
    };

    let mut schools: Vec<School> = raw
        .schools
        .iter()
        .map(|s| School {
            id: s.id.text.clone(),
            name: s.name.clone(),
            lat: s.lat,
            lon: s.lon,
            group: None,
            role: None,
            min_subject: s.min_subject.iter().map(|(k, m)| (intern(k), *m)).collect(),
        })
        .collect();

    let mut groups = Vec::new();
    let mut group_ids: HashMap<&str, usize> = HashMap::new();
    for g in &raw.groups {
        if group_ids.insert(&g.id.text, groups.len()).is_some() {
            d.push(
                "E1020",
                f,
                Some(g.id.line),
                format!("group id `{}` is used twice", g.id.text),
                "give every group its own id",
            );
        }
        let gid = GroupId(groups.len() as u32);
        let mut resolve =
            |l: &scenario::Located, role: Role, d: &mut Diagnostics| -> Option<SchoolId> {
                let Some(&s) = school_ix.get(l.text.as_str()) else {
                    d.push(
                        "E1021",
                        f,
                        Some(l.line),
                        format!(
                            "group `{}` names school `{}`, which is not among the [[schools]]",
                            g.id.text, l.text
                        ),
                        format!(
                            "add a [[schools]] entry for it or correct the id (known: {})",
                            known_schools()
                        ),
                    );
                    return None;
                };
                let school = &mut schools[s.ix()];
                if let Some(other) = school.group {
                    let other_name = if other == gid {
                        g.id.text.clone()
                    } else {
                        raw.groups[other.ix()].id.text.clone()
                    };
                    d.push(
                        "E1022",
                        f,
                        Some(l.line),
                        format!("school `{}` is already in group `{other_name}`", l.text),
                        "a school belongs to at most one group: list it once",
                    );
                    return None;
                }
                school.group = Some(gid);
                school.role = Some(role);
                Some(s)
            };
        let core = resolve(&g.core, Role::Core, &mut d);
        let mut trusteed = Vec::new();
        let mut members = Vec::new();
        for (list, role, out) in [
            (&g.trusteed, Role::Trusteed, &mut trusteed),
            (&g.members, Role::Member, &mut members),
        ] {
            for l in list {
                if l.text == g.core.text {
                    d.push(
                        "E1023",
                        f,
                        Some(l.line),
                        format!(
                            "`{}` is the core of group `{}` and cannot also be its member",
                            l.text, g.id.text
                        ),
                        "remove it from `trusteed`/`members`",
                    );
                    continue;
                }
                if let Some(s) = resolve(l, role, &mut d) {
                    out.push(s);
                }
            }
        }
        groups.push(Group {
            id: g.id.text.clone(),
            name: g.name.clone(),
            core: core.unwrap_or(SchoolId(0)),
            trusteed,
            members,
        });
    }

    let mut people = Vec::with_capacity(raw.staff.len());
    let mut person_ids: HashMap<&str, usize> = HashMap::new();
    for s in &raw.staff {
        let sf = &*s.src.file;
        let line = Some(s.src.line);
        if let Some(first) = person_ids.insert(&s.id, people.len()) {
            let first_line = raw.staff[first].src.line;
            d.push(
                "E1020",
                sf,
                line,
                format!(
                    "person id `{}` is used twice (first on line {first_line})",
                    s.id
                ),
                "give every person their own id",
            );
        }
        let home = school_ix.get(s.school.as_str()).copied();
        if home.is_none() {
            d.push(
                "E1021",
                sf,
                line,
                format!(
                    "home school `{}` of `{}` is not among the [[schools]]",
                    s.school, s.id
                ),
                format!("correct the school id (known: {})", known_schools()),
            );
        }
        let mut preferences = Vec::new();
        for p in &s.preferences {
            match school_ix.get(p.as_str()) {
                Some(&sid) if !preferences.contains(&sid) => preferences.push(sid),
                Some(_) => {}
                None => d.push(
                    "E1024",
                    sf,
                    line,
                    format!(
                        "preferred host `{p}` of `{}` is not a school of the scenario",
                        s.id
                    ),
                    "correct the id or remove it from `preferences` (ids separated by `;`)",
                ),
            }
        }
        let existing = match (&s.exchange_host, s.exchange_start) {
            (Some(h), Some(start)) => match school_ix.get(h.as_str()) {
                None => {
                    d.push(
                        "E1025",
                        sf,
                        line,
                        format!(
                            "exchange host `{h}` of `{}` is not a school of the scenario",
                            s.id
                        ),
                        "correct the host id",
                    );
                    None
                }
                Some(&hid) if Some(hid) == home => {
                    d.push(
                        "E1025",
                        sf,
                        line,
                        format!("`{}` is on exchange at their own home school `{h}`", s.id),
                        "an exchange host is another school: correct it or clear the exchange",
                    );
                    None
                }
                Some(&hid) => {
                    if raw.plan_year != 0 && start > raw.plan_year {
                        d.push("E1006", sf, line, format!("exchange_start {start} of `{}` is after the plan year {}", s.id, raw.plan_year), "an exchange under way started in or before the plan year; planned ones come from the solver");
                    }
                    Some((hid, start))
                }
            },
            _ => None,
        };
        let Some(home) = home else { continue };
        let subject = intern(&s.subject);
        people.push(Person {
            id: s.id.clone(),
            name: s.name.clone(),
            home,
            subject,
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
        });
    }

    let mut table_km = HashMap::new();
    for r in &raw.distances {
        let sf = &*r.src.file;
        let (Some(&a), Some(&b)) = (school_ix.get(r.from.as_str()), school_ix.get(r.to.as_str()))
        else {
            d.push(
                "E1030",
                sf,
                Some(r.src.line),
                format!(
                    "distance row {} → {} names a school that is not in the scenario",
                    r.from, r.to
                ),
                "correct the ids in `from`/`to`",
            );
            continue;
        };
        if a == b {
            continue;
        }
        if let Some(&old) = table_km.get(&(a, b)) {
            if old != r.km {
                d.push(
                    "E1030",
                    sf,
                    Some(r.src.line),
                    format!(
                        "distance {} ↔ {} is given twice ({old} and {} km)",
                        r.from, r.to, r.km
                    ),
                    "keep one row per pair (either direction)",
                );
            }
        }
        table_km.insert((a, b), r.km);
        table_km.insert((b, a), r.km);
    }

    let inst = Instance {
        name: raw.name,
        scenario_file: raw.file,
        plan_year: raw.plan_year,
        schools,
        groups,
        subjects,
        people,
        table_km,
        policy,
    };
    d.into_result(inst)
}
