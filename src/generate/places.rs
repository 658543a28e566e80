//! Where the schools are: groups of a core and its members within a commute, and schools
//! in no group, spread over a rural county or packed into a city district.

use rand::seq::IndexedRandom;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::options::Density;

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

pub(super) struct School {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) lat: f64,
    pub(super) lon: f64,
    pub(super) size: usize,
    pub(super) core: bool,
}

/// A group's schools, as indices into the county's schools.
pub(super) struct GroupSchools {
    pub(super) core: usize,
    pub(super) trusteed: Vec<usize>,
    pub(super) members: Vec<usize>,
}

impl GroupSchools {
    pub(super) fn all(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.core)
            .chain(self.trusteed.iter().copied())
            .chain(self.members.iter().copied())
    }
}

/// The land the schools lie on.
pub(super) struct Land {
    /// Half the side of the square cores and schools in no group are drawn from.
    half_side_km: f64,
    /// Factor on a member's 3–14 km from its core.
    member_scale: f64,
}

impl Land {
    pub(super) fn of(density: Density, groups: usize) -> Land {
        let g = groups as f64;
        match density {
            // The county grows with its groups, so density (and commutes) stay alike at
            // any size.
            Density::Spread => Land {
                half_side_km: 12.0 * g.sqrt(),
                member_scale: 1.0,
            },
            // A district grows slowly: at 12 groups (59 schools) every school reaches
            // every other within the 30 km road cap (straight line × detour 1.3), at 30
            // groups (145) the median school 139 others; members 1–5 km from their core.
            Density::Dense => Land {
                half_side_km: DENSE_HALF_SIDE_KM.0 + DENSE_HALF_SIDE_KM.1 * g.sqrt(),
                member_scale: 0.35,
            },
        }
    }
}

/// A dense district's half side: `a + b·√groups` km.
const DENSE_HALF_SIDE_KM: (f64, f64) = (8.0, 0.8);

/// The county's centre (degrees).
const CENTRE: (f64, f64) = (34.35, 108.95);

/// A point `km` away from (lat, lon) in a random direction.
pub(super) fn offset(rng: &mut ChaCha8Rng, lat: f64, lon: f64, km: f64) -> (f64, f64) {
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

/// Group `g` (from 1): a core school and its members around it, pushed onto `schools`.
pub(super) fn add_group(
    rng: &mut ChaCha8Rng,
    g: usize,
    land: &Land,
    schools: &mut Vec<School>,
) -> GroupSchools {
    let (clat, clon) = random_point(rng, land.half_side_km);
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
        let school = member_school(rng, (g, k, n_trusteed), land, (clat, clon));
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
    (g, k, n_trusteed): (usize, usize, usize),
    land: &Land,
    (clat, clon): (f64, f64),
) -> School {
    let km = rng.random_range(3.0..14.0) * land.member_scale;
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
pub(super) fn add_solo_schools(
    rng: &mut ChaCha8Rng,
    n: usize,
    land: &Land,
    schools: &mut Vec<School>,
) {
    for k in 1..=n {
        let (lat, lon) = random_point(rng, land.half_side_km);
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

/// Tightness: with probability `fraction` each ordinary member of each group becomes
/// trusteed while the group has fewer than two (the core owes each `core_to_trusteed_min` a
/// year and each owes as many back), and the members' staff are scaled, `fraction` of the
/// way, towards 1–1.3 times the core's, so that what the members may send under their
/// stability caps (`max_out_share`) together just exceeds what the core may: the core sends
/// what its cap allows and the flow back must match it. Ids follow the roles (`-t<k>`,
/// `-m<k>`). Draws nothing at 0.
pub(super) fn tighten_groups(
    knobs: &mut ChaCha8Rng,
    fraction: f64,
    schools: &mut [School],
    groups: &mut [GroupSchools],
) {
    if fraction <= 0.0 {
        return;
    }
    for (gi, g) in groups.iter_mut().enumerate() {
        let members = std::mem::take(&mut g.members);
        for m in members {
            if g.trusteed.len() < MAX_TRUSTEED && knobs.random_bool(fraction) {
                g.trusteed.push(m);
            } else {
                g.members.push(m);
            }
        }
        for (k, &t) in g.trusteed.iter().enumerate() {
            schools[t].id = format!("g{:03}-t{}", gi + 1, k + 1);
        }
        for (k, &m) in g.members.iter().enumerate() {
            schools[m].id = format!("g{:03}-m{}", gi + 1, k + 1);
        }
        let core = schools[g.core].size as f64;
        let held: usize = g
            .trusteed
            .iter()
            .chain(&g.members)
            .map(|&s| schools[s].size)
            .sum();
        let target = core * knobs.random_range(1.0..=1.3);
        let scale = 1.0 - fraction + fraction * target / held as f64;
        for &s in g.trusteed.iter().chain(&g.members) {
            schools[s].size = ((schools[s].size as f64 * scale).round() as usize).max(16);
        }
    }
}

/// Trusteed members a tight group reaches by making ordinary members trusteed.
const MAX_TRUSTEED: usize = 2;
