//! Who is where before any new start, indexed once per instance: each school's home staff,
//! and per school and planned year the people present (home staff not away on an exchange
//! under way, plus visitors of exchanges under way). Rules sum over these lists instead of
//! scanning the whole roster per school.

use super::ids::{PersonId, SchoolId};
use super::problem::Instance;

/// The index; build it with [`Presence::new`].
#[derive(Debug, Clone, Default)]
pub struct Presence {
    plan_year: i32,
    home_staff: Vec<Vec<PersonId>>,
    present: Vec<Vec<Vec<PersonId>>>,
    /// (visitors, home staff away) per school and year, from exchanges under way.
    existing: Vec<Vec<(u32, u32)>>,
}

impl Presence {
    /// Indexes `inst` (one pass over the roster and the horizon).
    pub fn new(inst: &Instance) -> Presence {
        let ny = inst.policy.horizon_years.max(0) as usize;
        let ns = inst.schools.len();
        let mut ix = Presence {
            plan_year: inst.plan_year,
            home_staff: vec![Vec::new(); ns],
            present: vec![vec![Vec::new(); ny]; ns],
            existing: vec![vec![(0, 0); ny]; ns],
        };
        for p in inst.person_ids() {
            let home = inst.person(p).home;
            ix.home_staff[home.ix()].push(p);
            for (yi, y) in inst.years().enumerate() {
                match inst.away_under_way(p, y) {
                    Some(host) => {
                        ix.present[host.ix()][yi].push(p);
                        ix.existing[host.ix()][yi].0 += 1;
                        ix.existing[home.ix()][yi].1 += 1;
                    }
                    None => ix.present[home.ix()][yi].push(p),
                }
            }
        }
        ix
    }

    /// Staff whose home is `s`, in roster order.
    pub fn home_staff(&self, s: SchoolId) -> &[PersonId] {
        &self.home_staff[s.ix()]
    }

    /// People at `s` in year `y` before any new start.
    pub fn present(&self, s: SchoolId, y: i32) -> &[PersonId] {
        &self.present[s.ix()][(y - self.plan_year) as usize]
    }

    /// (visitors, home staff away) at `s` in year `y` from exchanges under way alone.
    pub fn under_way(&self, s: SchoolId, y: i32) -> (u32, u32) {
        self.existing[s.ix()][(y - self.plan_year) as usize]
    }
}
