//! The roster CSV: one row per person, in SCENARIO.md's column order.

use rand::seq::SliceRandom;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::options::Options;
use super::people::Person;
use super::places::{offset, GroupSchools, School};
use crate::write::{CsvStyle, CsvTable};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "韩", "祁", "鲁", "冶", "才", "索", "星", "白",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "玉", "兰", "海", "建", "国", "红", "梅",
];
pub(super) fn staff_csv(
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
