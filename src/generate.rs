//! Synthetic counties for trying scale: `rotation generate --groups N --seed S --out DIR`.
//!
//! The shapes follow the seeds: a core school of 90–160 staff with more backbone teachers
//! and cadres, members of 20–60 within a commute of the core that together hold at least
//! two thirds of its staff (so the default policy can be met), some schools in no group,
//! last year's exchanges paired core ⇄ member so that headcounts start balanced, and
//! preferences and residences for part of the staff. The same groups and seed always give
//! the same files, byte for byte (ChaCha8 has a fixed stream across platforms).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::write::{write_atomically, CsvStyle, CsvTable};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of education groups; a quarter as many schools in no group come on top.
    pub groups: usize,
    /// Seed of the random stream: the same seed gives the same files.
    pub seed: u64,
    /// `Y0` of the scenario.
    pub plan_year: i32,
}

/// A generated county: the scenario TOML and its roster CSV, not yet written.
#[derive(Debug, Clone)]
pub struct County {
    /// File name stem, `county-<groups>g-s<seed>`.
    pub stem: String,
    /// The scenario file's text.
    pub scenario_toml: String,
    /// The roster file's bytes.
    pub staff_csv: Vec<u8>,
    /// Number of schools.
    pub schools: usize,
    /// Number of staff.
    pub staff: usize,
}

impl County {
    /// The scenario's file name.
    pub fn scenario_file(&self) -> String {
        format!("{}.toml", self.stem)
    }
    /// The roster's file name, as the scenario names it.
    pub fn staff_file(&self) -> String {
        format!("{}-staff.csv", self.stem)
    }
    /// Writes both files into `dir` atomically; returns the scenario's path.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        write_atomically(
            dir,
            &[
                (
                    &self.scenario_file(),
                    self.scenario_toml.clone().into_bytes(),
                ),
                (&self.staff_file(), self.staff_csv.clone()),
            ],
            &[],
        )?;
        Ok(dir.join(self.scenario_file()))
    }
}

const SUBJECTS: [(&str, u32); 13] = [
    ("chinese", 14),
    ("math", 13),
    ("english", 11),
    ("physics", 6),
    ("chemistry", 6),
    ("biology", 5),
    ("politics", 5),
    ("history", 6),
    ("geography", 6),
    ("pe", 6),
    ("music", 3),
    ("art", 3),
    ("it", 3),
];
/// Subjects with a 学科配齐 minimum at every school.
const COVERED: [&str; 3] = ["chinese", "math", "english"];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "韩", "祁", "鲁", "冶", "才", "索", "星", "白",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "玉", "兰", "海", "建", "国", "红", "梅",
];
const TOWNS: &[&str] = &[
    "城关",
    "河口",
    "新庄",
    "李家",
    "田家",
    "南川",
    "北川",
    "西堡",
    "东关",
    "上庄",
    "下营",
    "马场",
    "柳林",
    "石门",
    "黄沟",
    "青石",
    "白土",
    "红崖",
    "杨家",
    "多巴",
    "拦隆口",
    "共和",
    "甘河",
    "鲁沙尔",
];

struct School {
    id: String,
    name: String,
    lat: f64,
    lon: f64,
    size: usize,
    core: bool,
}

/// A group's schools, as indices into the county's schools.
struct GroupSchools {
    core: usize,
    trusteed: Vec<usize>,
    members: Vec<usize>,
}

impl GroupSchools {
    fn all(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.core)
            .chain(self.trusteed.iter().copied())
            .chain(self.members.iter().copied())
    }
}

struct Person {
    school: usize,
    subject: &'static str,
    post: &'static str,
    backbone: bool,
    years: i32,
    existing: Option<(usize, i32)>,
}

/// The county's centre (degrees).
const CENTRE: (f64, f64) = (34.35, 108.95);

/// A point `km` away from (lat, lon) in a random direction.
fn offset(rng: &mut ChaCha8Rng, lat: f64, lon: f64, km: f64) -> (f64, f64) {
    let angle = rng.random_range(0.0..std::f64::consts::TAU);
    let dlat = km * angle.sin() / 111.0;
    let dlon = km * angle.cos() / (111.0 * lat.to_radians().cos());
    (lat + dlat, lon + dlon)
}

/// A point of the square of half side `half_side_km` around the centre.
fn random_point(rng: &mut ChaCha8Rng, half_side_km: f64) -> (f64, f64) {
    let (lat0, lon0) = CENTRE;
    (
        lat0 + rng.random_range(-half_side_km..half_side_km) / 111.0,
        lon0 + rng.random_range(-half_side_km..half_side_km) / (111.0 * lat0.to_radians().cos()),
    )
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

/// Generates a county of `opts.groups` education groups.
pub fn generate(opts: &Options) -> County {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    // The county grows with its groups, so density (and commutes) stay alike at any size.
    let half_side_km = 12.0 * (opts.groups as f64).sqrt();
    let mut schools: Vec<School> = Vec::new();
    let groups: Vec<GroupSchools> = (1..=opts.groups)
        .map(|g| add_group(&mut rng, g, half_side_km, &mut schools))
        .collect();
    add_solo_schools(&mut rng, opts.groups / 4, half_side_km, &mut schools);
    let mut people = staff_of(&mut rng, &schools);
    pair_exchanges(
        &mut rng,
        opts.plan_year - 1,
        &groups,
        schools.len(),
        &mut people,
    );
    let staff_csv = staff_csv(&mut rng, opts, &schools, &groups, &people);
    let scenario_toml = scenario_toml(opts, &schools, &groups, &people);
    County {
        stem: format!("county-{}g-s{}", opts.groups, opts.seed),
        scenario_toml,
        staff_csv,
        schools: schools.len(),
        staff: people.len(),
    }
}

/// Group `g` (from 1): a core school and its members around it, pushed onto `schools`.
fn add_group(
    rng: &mut ChaCha8Rng,
    g: usize,
    half_side_km: f64,
    schools: &mut Vec<School>,
) -> GroupSchools {
    let (clat, clon) = random_point(rng, half_side_km);
    let core = schools.len();
    schools.push(School {
        id: format!("g{g:03}-core"),
        name: format!("县第{g}中学"),
        lat: clat,
        lon: clon,
        size: rng.random_range(90..=160),
        core: true,
    });
    let n_trusteed = *[0usize, 1, 1, 1, 1, 2].choose(rng).unwrap_or(&1);
    let n_members = rng.random_range(1..=4usize);
    let mut group = GroupSchools {
        core,
        trusteed: Vec::new(),
        members: Vec::new(),
    };
    let core_size = schools[core].size;
    let mut members_size = 0;
    let mut k = 0;
    // The core's exchange quota (10% of its due staff) comes back as members' staff, each
    // member sending at most 15% of its own (stability cap): so the members together hold
    // at least two thirds of the core's staff, as the demo's groups (seed 001) nearly do;
    // ordinary members (若干, seed 004) are added until they do.
    while k < n_trusteed + n_members || 3 * members_size < 2 * core_size {
        if k < n_trusteed {
            group.trusteed.push(schools.len());
        } else {
            group.members.push(schools.len());
        }
        let school = member_school(rng, g, k, n_trusteed, (clat, clon));
        members_size += school.size;
        schools.push(school);
        k += 1;
    }
    group
}

/// The `k`-th (from 0) member of group `g` within a commute of its core; the first
/// `n_trusteed` are trusteed.
fn member_school(
    rng: &mut ChaCha8Rng,
    g: usize,
    k: usize,
    n_trusteed: usize,
    (clat, clon): (f64, f64),
) -> School {
    let km = rng.random_range(3.0..14.0);
    let (lat, lon) = offset(rng, clat, clon, km);
    let town = TOWNS[rng.random_range(0..TOWNS.len())];
    let (id, name) = if k < n_trusteed {
        (
            format!("g{g:03}-t{}", k + 1),
            format!("县第{g}中学{town}分校"),
        )
    } else {
        (
            format!("g{g:03}-m{}", k + 1 - n_trusteed),
            format!("{town}镇第{}中学", k + 1),
        )
    };
    School {
        id,
        name,
        lat,
        lon,
        size: rng.random_range(20..=60),
        core: false,
    }
}

/// Schools in no group take part only under scope `county`.
fn add_solo_schools(rng: &mut ChaCha8Rng, n: usize, half_side_km: f64, schools: &mut Vec<School>) {
    for k in 1..=n {
        let (lat, lon) = random_point(rng, half_side_km);
        let town = TOWNS[rng.random_range(0..TOWNS.len())];
        schools.push(School {
            id: format!("solo-{k:03}"),
            name: format!("{town}镇中心学校"),
            lat,
            lon,
            size: rng.random_range(20..=80),
            core: false,
        });
    }
}

fn staff_of(rng: &mut ChaCha8Rng, schools: &[School]) -> Vec<Person> {
    let subject_pick = WeightedIndex::new(SUBJECTS.iter().map(|(_, w)| *w)).expect("weights");
    let mut people = Vec::new();
    for (si, s) in schools.iter().enumerate() {
        for k in 0..s.size {
            people.push(staff_member(rng, &subject_pick, si, s, k));
        }
    }
    people
}

/// The `k`-th (from 0) staff member of school `si`; the first is its principal.
fn staff_member(
    rng: &mut ChaCha8Rng,
    subject_pick: &WeightedIndex<u32>,
    si: usize,
    s: &School,
    k: usize,
) -> Person {
    let post = if k == 0 {
        "principal"
    } else if rng.random_bool(if s.core { 0.08 } else { 0.06 }) {
        "cadre"
    } else {
        "teacher"
    };
    // Subject mix: the three covered subjects are guaranteed a few staff each.
    let subject = if (1..=6).contains(&k) {
        COVERED[(k - 1) % 3]
    } else {
        SUBJECTS[subject_pick.sample(rng)].0
    };
    Person {
        school: si,
        subject,
        post,
        backbone: rng.random_bool(if s.core { 0.25 } else { 0.08 }),
        years: rng.random_range(0..=24),
        existing: None,
    }
}

/// Last year's (`prev`) exchanges: pairs core ⇄ member in the same year, so that visitors
/// and staff away match and headcount balance holds before any new move.
fn pair_exchanges(
    rng: &mut ChaCha8Rng,
    prev: i32,
    groups: &[GroupSchools],
    n_schools: usize,
    people: &mut [Person],
) {
    let mut by_school: Vec<Vec<usize>> = vec![Vec::new(); n_schools];
    for (i, p) in people.iter().enumerate() {
        if p.post != "principal" && p.years >= 4 {
            by_school[p.school].push(i);
        }
    }
    for list in &mut by_school {
        list.shuffle(rng);
    }
    for g in groups {
        for &m in g.trusteed.iter().chain(&g.members) {
            if !rng.random_bool(0.5) {
                continue;
            }
            if let (Some(a), Some(b)) = (by_school[g.core].pop(), by_school[m].pop()) {
                people[a].existing = Some((m, prev));
                people[b].existing = Some((g.core, prev));
            }
        }
    }
}

fn staff_csv(
    rng: &mut ChaCha8Rng,
    opts: &Options,
    schools: &[School],
    groups: &[GroupSchools],
    people: &[Person],
) -> Vec<u8> {
    let mut group_of = vec![None; schools.len()];
    for (gi, g) in groups.iter().enumerate() {
        for s in g.all() {
            group_of[s] = Some(gi);
        }
    }
    let roster = Roster {
        plan_year: opts.plan_year,
        schools,
        groups,
        group_of,
    };
    // Only our reader reads this file: no byte-order mark, no escaping (no cell is the
    // user's). Rows of a fixed width into memory: nothing here can fail.
    let mut csv = CsvTable::new(CsvStyle::PLAIN);
    // The roster columns in SCENARIO.md's order.
    let _ = csv.record(crate::input::records::STAFF_FIELDS);
    for (i, p) in people.iter().enumerate() {
        let _ = csv.record(roster.row(rng, i, p));
    }
    csv.into_bytes().unwrap_or_default()
}

/// What the roster rows draw on besides the random stream.
struct Roster<'a> {
    plan_year: i32,
    schools: &'a [School],
    groups: &'a [GroupSchools],
    group_of: Vec<Option<usize>>,
}

impl Roster<'_> {
    /// The row of person `i`, in [`crate::input::records::STAFF_FIELDS`]'s order.
    fn row(&self, rng: &mut ChaCha8Rng, i: usize, p: &Person) -> [String; 19] {
        let s = &self.schools[p.school];
        let name = random_name(rng);
        let retire = self.plan_year + rng.random_range(1..=35);
        let exempt = rng.random_bool(0.02);
        let promotion = p.post == "teacher" && (3..=12).contains(&p.years) && rng.random_bool(0.2);
        let (home_lat, home_lon) = residence(rng, s);
        let prefs = self.preferences(rng, p);
        let (host, start) = match p.existing {
            Some((h, y)) => (self.schools[h].id.clone(), y.to_string()),
            None => (String::new(), String::new()),
        };
        let last_return = if p.existing.is_none() && p.years >= 4 && rng.random_bool(0.05) {
            (self.plan_year - rng.random_range(1..=3)).to_string()
        } else {
            String::new()
        };
        [
            format!("P{:06}", i + 1),
            name,
            s.id.clone(),
            p.subject.to_string(),
            p.post.to_string(),
            p.backbone.to_string(),
            p.years.to_string(),
            retire.to_string(),
            exempt.to_string(),
            promotion.to_string(),
            home_lat,
            home_lon,
            prefs,
            host,
            start,
            last_return,
            // No pins and no avoided hosts: HR decides those person by person.
            String::new(),
            String::new(),
            String::new(),
        ]
    }

    /// For part of the staff in a group: one or two other schools of the group, `;`-separated.
    fn preferences(&self, rng: &mut ChaCha8Rng, p: &Person) -> String {
        let Some(gi) = self.group_of[p.school] else {
            return String::new();
        };
        if !rng.random_bool(0.3) {
            return String::new();
        }
        let mut others: Vec<usize> = self.groups[gi].all().filter(|&x| x != p.school).collect();
        others.shuffle(rng);
        let k = rng.random_range(1..=2usize).min(others.len());
        others[..k]
            .iter()
            .map(|&x| self.schools[x].id.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// A surname and one or two given characters.
fn random_name(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{}{}{}",
        SURNAMES[rng.random_range(0..SURNAMES.len())],
        GIVEN[rng.random_range(0..GIVEN.len())],
        if rng.random_bool(0.6) {
            GIVEN[rng.random_range(0..GIVEN.len())]
        } else {
            ""
        }
    )
}

/// For most staff, a residence within 6 km of their school, as (lat, lon) cells.
fn residence(rng: &mut ChaCha8Rng, s: &School) -> (String, String) {
    if rng.random_bool(0.8) {
        let km = rng.random_range(0.0..6.0);
        let (a, b) = offset(rng, s.lat, s.lon, km);
        (format!("{:.5}", a), format!("{:.5}", b))
    } else {
        (String::new(), String::new())
    }
}

fn scenario_toml(
    opts: &Options,
    schools: &[School],
    groups: &[GroupSchools],
    people: &[Person],
) -> String {
    let mut o = String::new();
    header_toml(&mut o, opts);
    for (gi, g) in groups.iter().enumerate() {
        group_toml(&mut o, gi, g, schools);
    }
    let present = covered_present(schools.len(), people);
    for (s, present) in schools.iter().zip(&present) {
        school_toml(&mut o, s, present);
    }
    o
}

/// A TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn header_toml(o: &mut String, opts: &Options) {
    let stem = format!("county-{}g-s{}", opts.groups, opts.seed);
    let _ = writeln!(
        o,
        "# Synthetic county made by `rotation generate --groups {} --seed {}`.\n\
         # No policy is named: the built-in defaults (baseline) apply unless --policy says otherwise.",
        opts.groups, opts.seed
    );
    let _ = writeln!(o, "[scenario]");
    let _ = writeln!(
        o,
        "name = {}",
        q(&format!(
            "Synthetic county ({} groups, seed {}), school year {}",
            opts.groups, opts.seed, opts.plan_year
        ))
    );
    let _ = writeln!(o, "plan_year = {}", opts.plan_year);
    let _ = writeln!(o, "staff = {}", q(&format!("{stem}-staff.csv")));
}

/// Group `gi` (from 0) as a `[[groups]]` table.
fn group_toml(o: &mut String, gi: usize, g: &GroupSchools, schools: &[School]) {
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&s| q(&schools[s].id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let core = &schools[g.core];
    let _ = writeln!(o, "\n[[groups]]");
    let _ = writeln!(o, "id = {}", q(&format!("g{:03}", gi + 1)));
    let _ = writeln!(o, "name = {}", q(&format!("{}教育集团", core.name)));
    let _ = writeln!(o, "core = {}", q(&core.id));
    let _ = writeln!(o, "trusteed = [{}]", ids(&g.trusteed));
    let _ = writeln!(o, "members = [{}]", ids(&g.members));
}

/// Staff of each covered subject present at each school in the plan year before any new
/// move.
fn covered_present(n_schools: usize, people: &[Person]) -> Vec<[u32; COVERED.len()]> {
    let mut present = vec![[0u32; COVERED.len()]; n_schools];
    for p in people {
        let at = p.existing.map(|(h, _)| h).unwrap_or(p.school);
        if let Some(k) = COVERED.iter().position(|&c| c == p.subject) {
            present[at][k] += 1;
        }
    }
    present
}

fn school_toml(o: &mut String, s: &School, present: &[u32; COVERED.len()]) {
    let _ = writeln!(o, "\n[[schools]]");
    let _ = writeln!(o, "id = {}", q(&s.id));
    let _ = writeln!(o, "name = {}", q(&s.name));
    let _ = writeln!(o, "lat = {}", round5(s.lat));
    let _ = writeln!(o, "lon = {}", round5(s.lon));
    let _ = writeln!(o, "[schools.min_subject]");
    for (subject, &n) in COVERED.iter().zip(present) {
        // A margin under today's staff, so coverage binds only when moves pile up.
        let min = (n as f64 * 0.8).floor() as u32;
        let _ = writeln!(o, "{subject} = {}", min.max(1).min(n));
    }
}
