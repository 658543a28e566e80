//! The model under construction: the start variables and the index of who starts where,
//! the sums every rule family asks for, and `require`/`cost`, through which a family adds
//! its rows and terms (and elastic mode its slacks). [`Built`] is the finished model.

use std::collections::HashMap;

use crate::instance::candidates::{self, Candidate};
use crate::instance::{Instance, Person, PersonId, Presence, SchoolId};
use crate::rules::{Component, Label, Rule};
use good_lp::{
    variable, Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable,
    VariableDefinition,
};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Every hard rule gets a slack priced at `weights.slack` (MODEL.md elastic mode).
    pub elastic: bool,
    /// Rules to leave out (for tests and experiments; the CLI never drops any).
    pub without: Vec<Rule>,
    /// Objective terms to leave out (only `Component::Equity` has rows of its own).
    pub without_terms: Vec<Component>,
    /// Leaves out the valid inequalities (rows every plan that keeps the rules keeps, which
    /// tighten the LP): the plain model of MODEL.md, for tests that compare the optima.
    pub loose: bool,
}

/// The sense of a row: `lhs ≥`, `≤` or `= rhs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sense {
    Ge,
    Le,
    Eq,
}

/// A row of the model in the solver's terms: `Σ coefficient · column ≤ rhs`, or `= rhs`.
/// Rows are kept so from the start, not as good_lp's constraints (a hash map each): a city
/// district of 30 groups at scope county has 20.5M entries in 11k rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// (column, coefficient), ascending by column, no zero coefficient.
    pub terms: Vec<(usize, f64)>,
    /// The right-hand side.
    pub rhs: f64,
    /// `=` rather than `≤`.
    pub equality: bool,
}

impl Row {
    /// The row of `c` over the columns `cols`: the same arithmetic as good_lp's, which
    /// keeps every row as `expression ≤ 0` or `= 0`.
    fn of(c: &Constraint, cols: &HashMap<Variable, usize>) -> Row {
        let e = c.expression();
        // Exactly sized: a collected filter grows by doubling, up to twice the memory.
        let n = e.linear_coefficients().filter(|(_, a)| *a != 0.0).count();
        let mut terms = Vec::with_capacity(n);
        terms.extend(
            e.linear_coefficients()
                .filter(|(_, a)| *a != 0.0)
                .map(|(v, a)| (cols[&v], a)),
        );
        terms.sort_by_key(|(col, _)| *col);
        Row {
            terms,
            rhs: -e.constant(),
            equality: c.is_equality(),
        }
    }
}

/// Per school and year, the starts that leave it and those that arrive, and per person
/// their starts, so that rules sum over short lists.
#[derive(Default)]
struct Index {
    out_start: Vec<Vec<Vec<usize>>>,
    in_start: Vec<Vec<Vec<usize>>>,
    by_person: Vec<Vec<usize>>,
}

/// The model under construction; rule families add to it through its methods.
pub(crate) struct Builder<'a> {
    pub inst: &'a Instance,
    pub cands: &'a [Candidate],
    pub x: Vec<Variable>,
    /// Due (符合交流条件) per person, computed once for the plan year.
    pub due: Vec<bool>,
    index: Index,
    pub presence: Presence,
    vars: ProblemVariables,
    rows: Vec<Row>,
    slacks: Vec<(Variable, Label)>,
    /// Rows with no variable that hard mode can never meet.
    broken_constant_rows: Vec<(Label, f64)>,
    elastic: bool,
    costs: Vec<(Component, Expression, f64)>,
    anchors: Vec<(Component, f64, Variable)>,
    /// Column of each variable in the solver (creation order).
    cols: HashMap<Variable, usize>,
    without: Vec<Rule>,
    /// No valid inequalities: elastic mode, or [`BuildOptions::loose`].
    pub loose: bool,
}

/// The finished model, ready for the solver.
pub struct Built {
    /// Every column, start decisions first.
    pub vars: ProblemVariables,
    /// Every row.
    pub rows: Vec<Row>,
    /// The start decision of each candidate, in candidate order.
    pub x: Vec<Variable>,
    /// Elastic mode: each rule row's slack and what the row is.
    pub slacks: Vec<(Variable, Label)>,
    /// Rule rows without a variable that no plan can meet, with the shortfall.
    pub broken_constant_rows: Vec<(Label, f64)>,
    /// Per component: the unweighted expression and its constant part.
    pub costs: Vec<(Component, Expression, f64)>,
    /// Parts of those constants (unweighted) that belong with a variable's block, so that
    /// each block is solved with its own share of the objective (see `Builder::anchor`).
    pub anchors: Vec<(Component, f64, Variable)>,
    /// Column of each variable in the solver (creation order).
    pub cols: HashMap<Variable, usize>,
}

impl Built {
    /// The weighted objective (linear part) and its constant.
    pub fn objective(&self, inst: &Instance) -> (Expression, f64) {
        let mut e = Expression::with_capacity(self.x.len());
        let mut c = 0.0;
        for (comp, expr, k) in &self.costs {
            let w = comp.weight(&inst.policy);
            if w != 0.0 {
                e.add_mul(w, expr);
                c += w * k;
            }
        }
        (e, c)
    }
}

impl<'a> Builder<'a> {
    pub(super) fn new(inst: &'a Instance, cands: &'a [Candidate], opts: &BuildOptions) -> Self {
        let ny = inst.policy.horizon_years as usize;
        let ns = inst.schools.len();
        let mut index = Index {
            out_start: vec![vec![Vec::new(); ny]; ns],
            in_start: vec![vec![Vec::new(); ny]; ns],
            by_person: vec![Vec::new(); inst.people.len()],
        };
        let vars = ProblemVariables::new();
        let mut x = Vec::with_capacity(cands.len());
        let mut ctx = Builder {
            inst,
            cands,
            x: Vec::new(),
            due: Vec::new(),
            index: Index::default(),
            presence: Presence::new(inst),
            vars,
            rows: Vec::new(),
            slacks: Vec::new(),
            broken_constant_rows: Vec::new(),
            elastic: opts.elastic,
            costs: Vec::new(),
            anchors: Vec::new(),
            cols: HashMap::new(),
            without: opts.without.clone(),
            // A relaxed rule may be broken; a valid inequality would forbid what its slack allows.
            loose: opts.loose || opts.elastic,
        };
        for (i, c) in cands.iter().enumerate() {
            x.push(ctx.add_var(variable().binary()));
            let yi = (c.year - inst.plan_year) as usize;
            index.out_start[inst.person(c.person).home.ix()][yi].push(i);
            index.in_start[c.host.ix()][yi].push(i);
            index.by_person[c.person.ix()].push(i);
        }
        ctx.due = inst
            .person_ids()
            .map(|p| candidates::is_due(inst, p))
            .collect();
        ctx.x = x;
        ctx.index = index;
        ctx
    }

    /// Whether a family is in the model (all are, but in tests that leave one out).
    pub fn enabled(&self, f: Rule) -> bool {
        !self.without.contains(&f)
    }

    fn add_var(&mut self, def: VariableDefinition) -> Variable {
        let v = self.vars.add(def);
        self.cols.insert(v, self.cols.len());
        v
    }

    pub fn person_of(&self, i: usize) -> &'a Person {
        self.inst.person(self.cands[i].person)
    }

    /// Sum of `x` over candidate indices that pass `keep`.
    pub fn sum(&self, idx: &[usize], keep: impl Fn(usize) -> bool) -> Expression {
        let mut e = Expression::default();
        for &i in idx {
            if keep(i) {
                e.add_mul(1.0, self.x[i]);
            }
        }
        e
    }

    pub fn starts_of(&self, p: PersonId) -> &[usize] {
        &self.index.by_person[p.ix()]
    }

    /// New starts in year `y` of staff whose home is `s`.
    pub fn new_out(&self, s: SchoolId, y: i32, keep: impl Fn(usize) -> bool) -> Expression {
        let yi = (y - self.inst.plan_year) as usize;
        self.sum(&self.index.out_start[s.ix()][yi], keep)
    }

    /// The most starts out of `s` in `y` a plan can have: one per person who may start then
    /// (one per candidate start when a test leaves the one-start rule out), and no more than
    /// the stability cap (when that rule is in the model).
    pub fn most_out(&self, s: SchoolId, y: i32) -> u32 {
        let starts = &self.index.out_start[s.ix()][(y - self.inst.plan_year) as usize];
        let mut people: Vec<_> = starts.iter().map(|&i| self.cands[i].person).collect();
        people.sort_unstable();
        people.dedup();
        let can = if self.enabled(Rule::OneStart) {
            people.len()
        } else {
            starts.len()
        } as u32;
        let share = self.inst.policy.max_out_share;
        let cap = (share < 1.0 && self.enabled(Rule::StabilityCap))
            .then(|| candidates::ceil_share(share, self.home_staff(s)));
        cap.map_or(can, |c| c.min(can))
    }

    /// Starts of staff of `s` that keep them away in `y` (started within the last term).
    pub fn away_new(&self, s: SchoolId, y: i32, keep: impl Fn(usize) -> bool) -> Expression {
        self.window(&self.index.out_start[s.ix()], y, keep)
    }

    /// Starts at host `s` that make the person a visitor there in `y`.
    pub fn visitors_new(&self, s: SchoolId, y: i32, keep: impl Fn(usize) -> bool) -> Expression {
        self.window(&self.index.in_start[s.ix()], y, keep)
    }

    fn window(&self, by_year: &[Vec<usize>], y: i32, keep: impl Fn(usize) -> bool) -> Expression {
        let t = self.inst.policy.term_years;
        let mut e = Expression::default();
        for y0 in self.inst.years().filter(|&y0| y0 <= y && y < y0 + t) {
            for &i in &by_year[(y0 - self.inst.plan_year) as usize] {
                if keep(i) {
                    e.add_mul(1.0, self.x[i]);
                }
            }
        }
        e
    }

    /// Staff of home `s` passing `keep`, present there in `y` before any new start: home
    /// staff not away on an exchange under way, plus visitors of exchanges under way.
    pub fn present_before_starts(
        &self,
        s: SchoolId,
        y: i32,
        keep: impl Fn(&Person) -> bool,
    ) -> f64 {
        self.presence
            .present(s, y)
            .iter()
            .filter(|&&p| keep(self.inst.person(p)))
            .count() as f64
    }

    /// (visitors, home staff away) in year `y` from exchanges under way alone.
    pub fn existing_flows(&self, s: SchoolId, y: i32) -> (f64, f64) {
        let (v, a) = self.presence.under_way(s, y);
        (v as f64, a as f64)
    }

    /// Staff whose home is `s`.
    pub fn home_staff(&self, s: SchoolId) -> usize {
        self.presence.home_staff(s).len()
    }

    pub fn new_var_nonneg(&mut self) -> Variable {
        self.add_var(variable().min(0.0))
    }

    /// A hard rule row `lhs (sense) rhs`; in elastic mode it gets a priced slack.
    pub fn require(&mut self, lhs: Expression, sense: Sense, rhs: f64, label: Label) {
        let mut lhs = lhs;
        if self.elastic {
            let mut add_slack = |ctx: &mut Self, sign: f64| {
                let s = ctx.add_var(variable().min(0.0));
                lhs.add_mul(sign, s);
                ctx.slacks.push((s, label));
            };
            match sense {
                Sense::Ge => add_slack(self, 1.0),
                Sense::Le => add_slack(self, -1.0),
                Sense::Eq => {
                    add_slack(self, 1.0);
                    add_slack(self, -1.0);
                }
            }
        }
        self.structural(lhs, sense, rhs, Some(label));
    }

    /// A row that is never relaxed (definitions and the one-start rule).
    pub fn structural(&mut self, lhs: Expression, sense: Sense, rhs: f64, label: Option<Label>) {
        if (&lhs).linear_coefficients().next().is_none() {
            let k = lhs.constant();
            let short = match sense {
                Sense::Ge => rhs - k,
                Sense::Le => k - rhs,
                Sense::Eq => (k - rhs).abs(),
            };
            if short > 1e-9 {
                if let Some(l) = label {
                    self.broken_constant_rows.push((l, short));
                }
            }
            return;
        }
        let row = match sense {
            Sense::Ge => lhs.geq(rhs),
            Sense::Le => lhs.leq(rhs),
            Sense::Eq => lhs.eq(rhs),
        };
        self.rows.push(Row::of(&row, &self.cols));
    }

    /// Adds `expr + constant` (unweighted) to a component of the objective.
    pub fn cost(&mut self, comp: Component, expr: Expression, constant: f64) {
        self.costs.push((comp, expr, constant));
    }

    /// Says that `k` of a component's constant (already passed to [`Builder::cost`]) goes with
    /// `v`'s block. HiGHS judges the relative gap on the objective it sees, so a block
    /// solved without its constant would stop at a gap MODEL.md does not allow.
    pub fn anchor(&mut self, comp: Component, k: f64, v: Variable) {
        self.anchors.push((comp, k, v));
    }

    pub(super) fn finish(mut self) -> Built {
        let mut slack = Expression::with_capacity(self.slacks.len());
        for (v, _) in &self.slacks {
            slack.add_mul(1.0, *v);
        }
        if !self.slacks.is_empty() {
            self.costs.push((Component::Slack, slack, 0.0));
        }
        Built {
            vars: self.vars,
            rows: self.rows,
            x: self.x,
            slacks: self.slacks,
            broken_constant_rows: self.broken_constant_rows,
            costs: self.costs,
            anchors: self.anchors,
            cols: self.cols,
        }
    }
}
