//! The validated problem: schools, groups and staff with every id resolved to a dense
//! index ([`super::ids`]), the policy, and the baseline plan when there is one.

use std::collections::HashMap;
use std::path::PathBuf;

use super::ids::{GroupId, PersonId, SchoolId, SubjectId};
use super::plan::{Plan, Start};
use crate::domain::{Post, Role};
use crate::error::Notice;
use crate::geo::haversine_km;
use crate::input::policy::Policy;

/// A school of the scenario, with its place in a group resolved.
#[derive(Debug, Clone)]
pub struct School {
    /// The id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// (latitude, longitude) in degrees, when the scenario gives them. Without them, the
    /// distance table gives every distance the school needs ([`Instance::from_raw`]
    /// refuses the scenario otherwise).
    pub coords: Option<(f64, f64)>,
    /// The group it belongs to; schools in no group take part only under scope `county`.
    pub group: Option<GroupId>,
    /// Its role in that group.
    pub role: Option<Role>,
    /// 学科配齐: the minimum staff of a subject present in every planned year.
    pub min_subject: Vec<(SubjectId, u32)>,
}

/// An education group (教育集团): one core school and its members.
#[derive(Debug, Clone)]
pub struct Group {
    /// The id used in files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The core school (核心校).
    pub core: SchoolId,
    /// Members run by the core (被托管成员校).
    pub trusteed: Vec<SchoolId>,
    /// Ordinary members.
    pub members: Vec<SchoolId>,
}

/// A staff member, as the roster describes them in the plan year.
#[derive(Debug, Clone)]
pub struct Person {
    /// The id used in files.
    pub id: String,
    /// Display name (may be empty).
    pub name: String,
    /// Home school: payroll and personnel relations stay there during an exchange.
    pub home: SchoolId,
    /// Primary subject.
    pub subject: SubjectId,
    /// Post (职务).
    pub post: Post,
    /// Holds the backbone title (骨干教师).
    pub backbone: bool,
    /// Whole years at the home school as of the plan year.
    pub years_at_school: i32,
    /// Year of statutory retirement, if known.
    pub retire_year: Option<i32>,
    /// Excused from exchange this horizon.
    pub exempt: bool,
    /// Needs exchange experience for a title promotion.
    pub needs_promotion: bool,
    /// Residence (lat, lon), for the commute distance.
    pub residence: Option<(f64, f64)>,
    /// Preferred hosts, best first, without repeats.
    pub preferences: Vec<SchoolId>,
    /// An exchange under way: (host, start year).
    pub existing: Option<(SchoolId, i32)>,
    /// The year the person last came back from an exchange.
    pub last_return_year: Option<i32>,
    /// HR's pin (`assign_host`, `assign_year`): the person starts at this host in this
    /// year, whatever its distance or scope (MODEL.md, HR decisions on single persons).
    pub pin: Option<(SchoolId, i32)>,
    /// Hosts the person must not be sent to (`avoid_hosts`), without repeats.
    pub avoid: Vec<SchoolId>,
    /// Starts (host, year) that are not admissible for this person: empty from files; set
    /// in code to ask what a plan would cost without a decision (`rotation explain`).
    pub forbid: Vec<(SchoolId, i32)>,
}

impl Person {
    /// Cadre or backbone: who counts for the core → trusteed flow (seed 004: 中层干部或骨干教师).
    pub fn is_cadre_or_backbone(&self) -> bool {
        self.post == Post::Cadre || self.backbone
    }

    /// Whether HR pinned this person to start at `host` in `year`.
    pub fn is_pinned_to(&self, host: SchoolId, year: i32) -> bool {
        self.pin == Some((host, year))
    }
}

/// A scenario and a policy, validated: what the model, the solver and the checker read.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The scenario's name.
    pub name: String,
    /// The scenario file (for messages and reports).
    pub scenario_file: PathBuf,
    /// `Y0`, the first school year planned.
    pub plan_year: i32,
    /// Every school, indexed by [`SchoolId`].
    pub schools: Vec<School>,
    /// Every group, indexed by [`GroupId`].
    pub groups: Vec<Group>,
    /// Subject names in order of first use, indexed by [`SubjectId`].
    pub subjects: Vec<String>,
    /// Every staff member, indexed by [`PersonId`].
    pub people: Vec<Person>,
    /// Road distances from the scenario's table, stored both ways.
    pub table_km: HashMap<(SchoolId, SchoolId), f64>,
    /// The policy the plan follows.
    pub policy: Policy,
    /// A plan already published (`--baseline`): the objective then prices every start
    /// added to or dropped from it (MODEL.md `changes(baseline)`). `None`: no such term.
    pub baseline: Option<Plan>,
    /// What reading and validation said aloud about the input (columns read and unread,
    /// rows skipped, distances estimated): shown before any plan, `--strict` refuses the
    /// warnings among them.
    pub notices: Vec<Notice>,
    /// School pairs (lower index first) whose distance a start may use but the distance
    /// table lacks, estimated from the schools' coordinates × `detour_factor`. Empty when
    /// there is no table (every distance then comes from coordinates, as documented).
    pub estimated_km: Vec<(SchoolId, SchoolId)>,
    /// Who answers questions about the posted list (公示名单): the scenario's optional
    /// `contact`, e.g. `人事科 0971-xxxxxxx`; `None` leaves a line to fill in by hand.
    pub contact: Option<String>,
}

impl Instance {
    /// The instance re-planned against `baseline` (MODEL.md minimal change). Its starts
    /// must name this instance's people and schools, as `crate::load::baseline` ensures; a
    /// start listed twice counts once.
    pub fn with_baseline(mut self, baseline: Plan) -> Instance {
        self.baseline = Some(baseline);
        self
    }

    /// The distinct starts of the baseline plan, in its order (none without one).
    pub fn baseline_starts(&self) -> Vec<Start> {
        let mut seen = std::collections::HashSet::new();
        let starts = self.baseline.iter().flat_map(|b| b.starts.iter());
        starts.filter(|s| seen.insert(**s)).copied().collect()
    }

    /// The planned school years `Y0 .. Y0+H-1`.
    pub fn years(&self) -> std::ops::Range<i32> {
        self.plan_year..self.plan_year + self.policy.horizon_years
    }

    /// Whether a start in `year` is binding (拟交流): only the plan year is carried out;
    /// starts of later horizon years are tentative (暂定) and planned again next year
    /// (SCENARIO.md, `roll` drops them).
    pub fn is_binding(&self, year: i32) -> bool {
        year == self.plan_year
    }

    /// Every school, in index order.
    pub fn school_ids(&self) -> impl Iterator<Item = SchoolId> {
        (0..self.schools.len() as u32).map(SchoolId)
    }

    /// Every staff member, in index order.
    pub fn person_ids(&self) -> impl Iterator<Item = PersonId> {
        (0..self.people.len() as u32).map(PersonId)
    }

    /// The school at an index.
    pub fn school(&self, s: SchoolId) -> &School {
        &self.schools[s.ix()]
    }

    /// The staff member at an index.
    pub fn person(&self, p: PersonId) -> &Person {
        &self.people[p.ix()]
    }

    /// The index of the school with this file id.
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

    /// Straight-line km between two schools, before the detour factor; `None` when one of
    /// them has no coordinates.
    pub fn school_km(&self, a: SchoolId, b: SchoolId) -> Option<f64> {
        let (sa, sb) = (self.school(a).coords?, self.school(b).coords?);
        Some(haversine_km(sa, sb))
    }
}

impl Plan {
    /// Puts starts in roster order (SCENARIO.md): start year, home school id, person id.
    // Here rather than in plan.rs: the order reads the instance, which holds a plan itself.
    pub fn sorted(mut self, inst: &Instance) -> Plan {
        self.starts.sort_by(|a, b| {
            let (pa, pb) = (inst.person(a.person), inst.person(b.person));
            a.year
                .cmp(&b.year)
                .then_with(|| inst.school(pa.home).id.cmp(&inst.school(pb.home).id))
                .then_with(|| pa.id.cmp(&pb.id))
                .then_with(|| a.host.cmp(&b.host))
        });
        self
    }
}
