//! The staff of each school, last year's exchanges, and the knobs that bear on people
//! (due staff at cores).

use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::seq::SliceRandom;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::places::{GroupSchools, School};

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
pub(super) const COVERED: [&str; 3] = ["chinese", "math", "english"];
pub(super) struct Person {
    pub(super) school: usize,
    pub(super) subject: &'static str,
    pub(super) post: &'static str,
    pub(super) backbone: bool,
    pub(super) years: i32,
    pub(super) existing: Option<(usize, i32)>,
}

pub(super) fn staff_of(rng: &mut ChaCha8Rng, schools: &[School]) -> Vec<Person> {
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
pub(super) fn pair_exchanges(
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

/// Years at school from which a person is due under the built-in policy
/// (`due_years_at_school`).
const DUE_YEARS: i32 = 6;

/// Cap pressure: each core staff member not yet due becomes due with probability
/// `fraction` (years drawn anew from the due range), so a core's due pool, and what the
/// overdue weight asks it to send, press against its stability cap. Draws nothing at 0.
pub(super) fn make_cores_due(
    knobs: &mut ChaCha8Rng,
    fraction: f64,
    schools: &[School],
    people: &mut [Person],
) {
    if fraction <= 0.0 {
        return;
    }
    for p in people.iter_mut() {
        let core = schools[p.school].core;
        if core && p.post != "principal" && p.years < DUE_YEARS && knobs.random_bool(fraction) {
            p.years = knobs.random_range(DUE_YEARS..=24);
        }
    }
}

/// Tightness: each backbone teacher of a trusteed or member school stops being one with
/// probability `fraction`, and of a core with probability `fraction / 4`, so that members
/// fall short of the equity target and the core's backbone teachers, whom the backbone
/// share, the trusteed flow and equity all ask for, are few. Draws nothing at 0.
pub(super) fn thin_backbone(
    knobs: &mut ChaCha8Rng,
    fraction: f64,
    schools: &[School],
    groups: &[GroupSchools],
    people: &mut [Person],
) {
    if fraction <= 0.0 {
        return;
    }
    let mut in_group = vec![false; schools.len()];
    for g in groups {
        for s in g.all() {
            in_group[s] = true;
        }
    }
    for p in people.iter_mut() {
        if !p.backbone || !in_group[p.school] {
            continue;
        }
        let drop = if schools[p.school].core {
            fraction / 4.0
        } else {
            fraction
        };
        if knobs.random_bool(drop) {
            p.backbone = false;
        }
    }
}
