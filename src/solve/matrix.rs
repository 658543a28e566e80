//! The model in column terms, computed once and shared by all blocks, and the HiGHS model of
//! one block built from it.

use std::collections::HashMap;

use good_lp::{
    Constraint, Expression, IntoAffineExpression, ProblemVariables, SolverModel, Variable,
    VariableDefinition,
};
use petgraph::unionfind::UnionFind;

use super::highs;
use crate::instance::Instance;
use crate::model::Built;

/// One independent block of the model: no row links it to another, so it is solved alone
/// and the optima add up. Under scope `group` each education group is a block, which
/// keeps county-scale models fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's columns, ascending.
    pub cols: Vec<usize>,
    /// The block's rows, ascending.
    pub rows: Vec<usize>,
}

/// Each row's terms as (column, coefficient) in column order (so solver input never depends
/// on hash order), each column's definition, and the weighted objective per column with its
/// constant. It holds everything the solve needs of the rows, so that the model's own rows
/// can be dropped once it is made (about 33 MB on a 100-group county).
pub(super) struct Matrix {
    terms: Vec<Vec<(usize, f64)>>,
    /// Each row is `terms (≤ or =) rhs`.
    rhs: Vec<f64>,
    /// Whether each row is an equality.
    equality: Vec<bool>,
    binary: Vec<bool>,
    defs: Vec<VariableDefinition>,
    obj: Vec<f64>,
    constant: f64,
    /// The part of `constant` that goes with each column's block (weighted).
    anchored: Vec<f64>,
}

impl Matrix {
    pub(super) fn new(inst: &Instance, built: &Built) -> Self {
        let mut m = Matrix::of_columns(inst, built);
        for row in &built.rows {
            m.push_row(row, &built.cols);
        }
        m
    }

    /// [`Matrix::new`], taking `built`'s rows: the matrix has what a solve needs of them, and
    /// each is dropped once copied, so good_lp's rows (a hash map each) and the matrix's are
    /// never all alive together, nor while HiGHS runs (the peak of a 100-group county).
    pub(super) fn taking_rows(inst: &Instance, built: &mut Built) -> Self {
        let mut m = Matrix::of_columns(inst, built);
        for row in std::mem::take(&mut built.rows) {
            m.push_row(&row, &built.cols);
        }
        m
    }

    /// The columns' part, with no rows yet.
    fn of_columns(inst: &Instance, built: &Built) -> Self {
        let (obj, constant) = objective_columns(inst, built);
        let n = built.rows.len();
        Matrix {
            terms: Vec::with_capacity(n),
            rhs: Vec::with_capacity(n),
            equality: Vec::with_capacity(n),
            binary: binary_columns(built),
            defs: column_defs(built),
            obj,
            constant,
            anchored: anchored(inst, built),
        }
    }

    fn push_row(&mut self, row: &Constraint, cols: &HashMap<Variable, usize>) {
        let mut t: Vec<(usize, f64)> = row
            .expression()
            .linear_coefficients()
            .filter(|(_, a)| *a != 0.0)
            .map(|(v, a)| (cols[&v], a))
            .collect();
        t.sort_by_key(|(c, _)| *c);
        self.terms.push(t);
        // good_lp keeps every row as `expression <= 0` or `expression = 0`.
        self.rhs.push(-row.expression().constant());
        self.equality.push(row.is_equality());
    }

    /// The objective's constant (weighted), all blocks together.
    pub(super) fn constant(&self) -> f64 {
        self.constant
    }

    /// The part of the objective's constant that no block carries.
    pub(super) fn unanchored(&self) -> f64 {
        self.constant - self.anchored.iter().sum::<f64>()
    }

    /// How many of `block`'s columns are binary.
    pub(super) fn binaries_in(&self, block: &Block) -> usize {
        block.cols.iter().filter(|&&c| self.binary[c]).count()
    }

    /// The independent blocks, ordered by their first column.
    pub(super) fn blocks(&self) -> Vec<Block> {
        let n = self.defs.len();
        let mut uf = UnionFind::<usize>::new(n);
        for t in &self.terms {
            for w in t.windows(2) {
                uf.union(w[0].0, w[1].0);
            }
        }
        let mut block_of_root: HashMap<usize, usize> = HashMap::new();
        let mut out: Vec<Block> = Vec::new();
        for c in 0..n {
            let b = *block_of_root.entry(uf.find(c)).or_insert_with(|| {
                out.push(Block {
                    cols: Vec::new(),
                    rows: Vec::new(),
                });
                out.len() - 1
            });
            out[b].cols.push(c);
        }
        for (r, t) in self.terms.iter().enumerate() {
            if let Some((c, _)) = t.first() {
                out[block_of_root[&uf.find(*c)]].rows.push(r);
            }
        }
        out
    }

    /// A HiGHS model (through good_lp's HiGHS backend) of the block's columns and rows, with
    /// the block's share of the objective's constant as offset.
    pub(super) fn model(&self, block: &Block) -> ::highs::Model {
        let mut vars = ProblemVariables::new();
        let mut local: HashMap<usize, Variable> = HashMap::with_capacity(block.cols.len());
        let mut objective = Expression::with_capacity(block.cols.len());
        for &c in &block.cols {
            let v = vars.add(self.defs[c].clone());
            local.insert(c, v);
            if self.obj[c] != 0.0 {
                objective.add_mul(self.obj[c], v);
            }
        }
        let mut problem = vars.minimise(objective).using(good_lp::highs);
        for &r in &block.rows {
            problem.add_constraint(self.row(r, &local));
        }
        let mut model = problem.into_inner();
        model.make_quiet();
        let offset: f64 = block.cols.iter().map(|&c| self.anchored[c]).sum();
        highs::set_objective_offset(&mut model, offset);
        model
    }

    /// The block's objective at `values` (the block's columns, in order), with its share of
    /// the constant: what HiGHS reports for the same values.
    pub(super) fn block_objective(&self, block: &Block, values: &[f64]) -> f64 {
        let linear: f64 = block
            .cols
            .iter()
            .zip(values)
            .map(|(&c, v)| self.obj[c] * v)
            .sum();
        linear + block.cols.iter().map(|&c| self.anchored[c]).sum::<f64>()
    }

    /// Row `r` over the block's own variables.
    fn row(&self, r: usize, local: &HashMap<usize, Variable>) -> Constraint {
        let mut e = Expression::with_capacity(self.terms[r].len());
        for &(c, a) in &self.terms[r] {
            e.add_mul(a, local[&c]);
        }
        let rhs = self.rhs[r];
        if self.equality[r] {
            e.eq(rhs)
        } else {
            e.leq(rhs)
        }
    }

    /// Rounds the binaries, then sets each continuous column (a slack or a shortfall, each
    /// in one row) to the least value its row allows. HiGHS returns them within its
    /// feasibility tolerance (0.199999999 for 0.2), which at a slack price of 1000 moves
    /// the objective by 1e-6 away from what the checker computes from the plan.
    pub(super) fn settle(&self, values: &mut [f64]) {
        for (v, &b) in values.iter_mut().zip(&self.binary) {
            if b {
                *v = if *v > 0.5 { 1.0 } else { 0.0 };
            }
        }
        let mut rows_of = vec![0u32; values.len()];
        for t in &self.terms {
            for &(c, _) in t {
                rows_of[c] += 1;
            }
        }
        for r in 0..self.terms.len() {
            self.settle_row(r, &rows_of, values);
        }
    }

    /// Settles the continuous columns of row `r`, unless one of them is in other rows too
    /// (then no single row decides its value) or no column can take up what is needed.
    fn settle_row(&self, r: usize, rows_of: &[u32], values: &mut [f64]) {
        let (cont, fixed): (Vec<_>, Vec<_>) =
            self.terms[r].iter().partition(|(c, _)| !self.binary[*c]);
        if cont.is_empty() || cont.iter().any(|(c, _)| rows_of[*c] != 1) {
            return;
        }
        // The continuous part must make up `room`: Σ a·s ≤ room, or = room.
        let room = self.rhs[r] - fixed.iter().map(|(c, a)| a * values[*c]).sum::<f64>();
        let eq = self.equality[r];
        let needed = if room < 0.0 || eq { room } else { 0.0 };
        let taker = if needed == 0.0 {
            None
        } else {
            cont.iter().find(|(_, a)| a.signum() == needed.signum())
        };
        if needed != 0.0 && taker.is_none() {
            return;
        }
        for (c, _) in &cont {
            values[*c] = 0.0;
        }
        if let Some((c, a)) = taker {
            values[*c] = needed / a;
        }
    }
}

fn binary_columns(built: &Built) -> Vec<bool> {
    let mut binary = vec![false; built.cols.len()];
    for v in &built.x {
        binary[built.cols[v]] = true;
    }
    binary
}

/// Each column's definition, in column order.
fn column_defs(built: &Built) -> Vec<VariableDefinition> {
    let mut defs: Vec<(usize, &VariableDefinition)> = built
        .vars
        .iter_variables_with_def()
        .map(|(v, d)| (built.cols[&v], d))
        .collect();
    defs.sort_by_key(|(c, _)| *c);
    defs.into_iter().map(|(_, d)| d.clone()).collect()
}

/// The weighted objective coefficient of each column, and the objective's constant.
fn objective_columns(inst: &Instance, built: &Built) -> (Vec<f64>, f64) {
    let (expr, constant) = built.objective(inst);
    let mut obj = vec![0.0; built.cols.len()];
    for (v, a) in expr.linear_coefficients() {
        obj[built.cols[&v]] += a;
    }
    (obj, constant)
}

/// The weighted share of the objective's constant anchored to each column.
fn anchored(inst: &Instance, built: &Built) -> Vec<f64> {
    let mut anchored = vec![0.0; built.cols.len()];
    for (comp, k, v) in &built.anchors {
        anchored[built.cols[v]] += comp.weight(&inst.policy) * k;
    }
    anchored
}
