//! The figures a county reports on its exchanges (督导报告, seed 002: 教师交流比例, 骨干教师
//! 比例, 校长/干部交流比例, 学科配齐率), per school, per group and for the county, each a
//! count over a base with the policy's target beside it where the policy sets one. They are
//! computed here once, from the checker's counts per school and year where those exist
//! (`check::SchoolYear`), so the terminal, `plan.xlsx` and `report.html` only read them.
//! README.md ("Figures the bureau reports") gives each formula.

use serde::Serialize;

use crate::check::{Report, SchoolYear};
use crate::domain::{Direction, Post};
use crate::instance::plan::Plan;
use crate::instance::{Instance, SchoolId};

/// `count / base = percent`, and the policy's target with whether it is met.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    /// What is counted.
    pub count: u32,
    /// What it is counted among.
    pub base: u32,
    /// `100 × count / base`; `None` when the base is 0.
    pub percent: Option<f64>,
    /// The policy's target as a share (0.10 = 10 %), where the policy holds this school (or,
    /// for a group or the county, any of its schools) to one.
    pub target: Option<f64>,
    /// Whether the target is met: for a school, `count ≥ target × base`; for a group or the
    /// county, every school held to the target meets it.
    pub met: Option<bool>,
}

/// 学科配齐率 of one planned year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearRatio {
    /// The school year.
    pub year: i32,
    /// School-subject pairs at or above their minimum over all pairs with a minimum.
    pub ratio: Ratio,
}

/// The reported figures of one school, group or the whole county, for the plan year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// 教师交流比例: plan-year starts over the due pool (target `quota.rate`).
    pub exchange: Ratio,
    /// The same starts over all home staff.
    pub exchange_of_staff: Ratio,
    /// 骨干教师交流比例: backbone teachers among the plan-year starts (target
    /// `quota.backbone_share`).
    pub backbone: Ratio,
    /// 校长/干部交流比例: principals and cadres among the plan-year starts, over the home
    /// staff who are principals or cadres (target `quota.cadre_rate` when above 0).
    pub cadre: Ratio,
    /// 学科配齐率, one entry per planned year (target 100 %: MODEL.md rule 1).
    pub coverage: Vec<YearRatio>,
    /// 支教: plan-year starts from a core school to a member school (trusteed or not).
    pub support: u32,
    /// 跟岗: plan-year starts from a member school (trusteed or not) to a core school.
    pub shadowing: u32,
}

/// The figures of one school.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolKpi {
    /// School id.
    pub id: String,
    /// School name.
    pub name: String,
    /// Group id, if any.
    pub group: Option<String>,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The figures of one group (all its schools together).
#[derive(Debug, Clone, Serialize)]
pub struct GroupKpi {
    /// Group id.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// `summary.json`'s `kpi`: the plan year's figures for the county, each group and school.
#[derive(Debug, Clone, Serialize)]
pub struct Kpi {
    /// The plan year (the binding one) the starts are counted in.
    pub year: i32,
    /// Every school of the scenario together.
    pub county: Figures,
    /// Per group, in the scenario's order.
    pub groups: Vec<GroupKpi>,
    /// Per school, in the scenario's order.
    pub schools: Vec<SchoolKpi>,
}

impl Ratio {
    /// `count / base` with a target share met when `count ≥ target × base`.
    fn of(count: u32, base: u32, target: Option<f64>) -> Ratio {
        // A share with integer counts: the small tolerance keeps 1/10 ≥ 0.10.
        let met = target.map(|t| f64::from(count) + 1e-9 >= t * f64::from(base));
        Ratio {
            count,
            base,
            percent: (base > 0).then(|| 100.0 * f64::from(count) / f64::from(base)),
            target,
            met,
        }
    }

    /// The sum of several schools' ratios: counts and bases add, the target is any
    /// school's, met when every school held to it meets it.
    fn sum<'r>(all: impl Iterator<Item = &'r Ratio>) -> Ratio {
        let (mut count, mut base, mut target, mut met) = (0, 0, None, None);
        for r in all {
            count += r.count;
            base += r.base;
            target = target.or(r.target);
            if let Some(m) = r.met {
                met = Some(met.unwrap_or(true) && m);
            }
        }
        Ratio {
            met,
            ..Ratio::of(count, base, target)
        }
    }
}

impl Figures {
    /// Several schools' figures together.
    fn sum(all: &[&Figures]) -> Figures {
        let years: Vec<i32> = all
            .first()
            .map(|f| f.coverage.iter().map(|c| c.year).collect())
            .unwrap_or_default();
        Figures {
            exchange: Ratio::sum(all.iter().map(|f| &f.exchange)),
            exchange_of_staff: Ratio::sum(all.iter().map(|f| &f.exchange_of_staff)),
            backbone: Ratio::sum(all.iter().map(|f| &f.backbone)),
            cadre: Ratio::sum(all.iter().map(|f| &f.cadre)),
            coverage: years
                .iter()
                .enumerate()
                .map(|(i, &year)| YearRatio {
                    year,
                    ratio: Ratio::sum(
                        all.iter()
                            .filter_map(|f| f.coverage.get(i).map(|c| &c.ratio)),
                    ),
                })
                .collect(),
            support: all.iter().map(|f| f.support).sum(),
            shadowing: all.iter().map(|f| f.shadowing).sum(),
        }
    }
}

impl Kpi {
    /// The figures of `plan` as the checker's `report` counts it.
    pub fn of(inst: &Instance, plan: &Plan, report: &Report) -> Kpi {
        let schools: Vec<SchoolKpi> = inst
            .school_ids()
            .map(|s| {
                let school = inst.school(s);
                let rows: Vec<&SchoolYear> = (report.school_years.iter())
                    .filter(|sy| sy.school == school.id)
                    .collect();
                SchoolKpi {
                    id: school.id.clone(),
                    name: school.name.clone(),
                    group: school.group.map(|g| inst.groups[g.ix()].id.clone()),
                    figures: school_figures(inst, plan, s, &rows),
                }
            })
            .collect();
        let of = |keep: &dyn Fn(&SchoolKpi) -> bool| {
            let f: Vec<&Figures> = schools
                .iter()
                .filter(|s| keep(s))
                .map(|s| &s.figures)
                .collect();
            Figures::sum(&f)
        };
        let groups = (inst.groups.iter())
            .map(|g| GroupKpi {
                id: g.id.clone(),
                name: g.name.clone(),
                figures: of(&|s| s.group.as_deref() == Some(g.id.as_str())),
            })
            .collect();
        Kpi {
            year: inst.plan_year,
            county: of(&|_| true),
            groups,
            schools,
        }
    }
}

/// One school's figures from its school-year rows (plan year first) and the plan's starts.
fn school_figures(inst: &Instance, plan: &Plan, s: SchoolId, rows: &[&SchoolYear]) -> Figures {
    let q = &inst.policy.quota;
    let role = inst.school(s).role;
    let Some(y0) = rows.iter().find(|r| r.year == inst.plan_year) else {
        return Figures::default();
    };
    // MODEL.md rule 3 holds a school whose role is listed and whose due pool is not empty.
    let held = role.is_some_and(|r| q.applies_to.contains(&r)) && y0.due_pool > 0;
    let when = |t: f64| (held && t > 0.0).then_some(t);
    let starts = || {
        (plan.starts.iter())
            .filter(|st| st.year == inst.plan_year && inst.person(st.person).home == s)
    };
    let leads = |post: Post| post != Post::Teacher;
    let cadre_starts = starts()
        .filter(|st| leads(inst.person(st.person).post))
        .count() as u32;
    let cadres = (inst.people.iter())
        .filter(|p| p.home == s && leads(p.post))
        .count() as u32;
    // One rule with the archive's type (备案表, 公示名单): `Direction::of` the two roles.
    let direction =
        |st: &&crate::instance::plan::Start| Direction::of(role, inst.school(st.host).role);
    let support = starts()
        .filter(|st| direction(st) == Direction::Support)
        .count();
    let shadowing = starts()
        .filter(|st| direction(st) == Direction::Shadowing)
        .count();
    let mut exchange = Ratio::of(y0.new_out, y0.due_pool, when(q.rate));
    // The quota rounds up (ceil(rate × due)): met is the checker's own need where it has one.
    if let (Some(need), true) = (y0.quota_need, exchange.met.is_some()) {
        exchange.met = Some(y0.new_out >= need);
    }
    Figures {
        exchange,
        exchange_of_staff: Ratio::of(y0.new_out, y0.home_staff, None),
        backbone: Ratio::of(y0.new_out_backbone, y0.new_out, when(q.backbone_share)),
        cadre: Ratio::of(cadre_starts, cadres, when(q.cadre_rate)),
        coverage: rows
            .iter()
            .map(|r| {
                let full = r.coverage.iter().filter(|c| c.present >= c.min).count() as u32;
                YearRatio {
                    year: r.year,
                    // MODEL.md rule 1 asks every pair to be at its minimum: 100 %.
                    ratio: Ratio::of(full, r.coverage.len() as u32, Some(1.0)),
                }
            })
            .collect(),
        support: support as u32,
        shadowing: shadowing as u32,
    }
}
