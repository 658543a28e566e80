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
use crate::model::{Built, Row};

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
    rows: Vec<Row>,
    binary: Vec<bool>,
    /// Each column's bounds and integrality (what good_lp's definition holds of it, without
    /// its name and start value, which the model never sets: 64 bytes a column less).
    bounds: Vec<(f64, f64, bool)>,
    obj: Vec<f64>,
    constant: f64,
    /// The part of `constant` that goes with each column's block (weighted).
    anchored: Vec<f64>,
}

impl Matrix {
    pub(super) fn new(inst: &Instance, built: &Built) -> Self {
        let mut m = Matrix::of_columns(inst, built);
        m.rows = built.rows.clone();
        m
    }

    /// [`Matrix::new`], taking `built`'s rows and column definitions (the matrix has what a
    /// solve needs of them), so that they are not held twice while HiGHS runs: 330 MB of rows
    /// and 107 MB of definitions on a 30-group city district at scope county.
    pub(super) fn taking_rows(inst: &Instance, built: &mut Built) -> Self {
        let mut m = Matrix::of_columns(inst, built);
        m.rows = std::mem::take(&mut built.rows);
        built.vars = ProblemVariables::new();
        m
    }

    /// The columns' part, with no rows yet.
    fn of_columns(inst: &Instance, built: &Built) -> Self {
        let (obj, constant) = objective_columns(inst, built);
        Matrix {
            rows: Vec::new(),
            binary: binary_columns(built),
            bounds: column_bounds(built),
            obj,
            constant,
            anchored: anchored(inst, built),
        }
    }

    /// Column `c`'s definition for good_lp: its bounds and integrality.
    fn definition(&self, c: usize) -> VariableDefinition {
        let (lower, upper, integer) = self.bounds[c];
        let d = good_lp::variable().min(lower).max(upper);
        if integer {
            d.integer()
        } else {
            d
        }
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
        let n = self.bounds.len();
        let mut uf = UnionFind::<usize>::new(n);
        for row in &self.rows {
            for w in row.terms.windows(2) {
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
        for (r, row) in self.rows.iter().enumerate() {
            if let Some((c, _)) = row.terms.first() {
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
            let v = vars.add(self.definition(c));
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

    /// The block's columns, rows and objective as [`highs::ModelData`]: exactly what
    /// [`highs::model_data`] copies out of [`Matrix::model`] of the same block (a test keeps
    /// them equal), made without HiGHS. The block's rows are taken, not copied (a 30-group
    /// city district has 20.5M entries): the matrix keeps only those [`Matrix::settle`]
    /// reads, the rows holding a continuous column. So [`Matrix::model`] of this block
    /// cannot be made after.
    pub(super) fn take_data(&mut self, block: &Block) -> highs::ModelData {
        const NONE: usize = usize::MAX;
        let mut local = vec![NONE; self.bounds.len()];
        for (j, &c) in block.cols.iter().enumerate() {
            local[c] = j;
        }
        let (mut row_lower, mut row_upper) = (Vec::new(), Vec::new());
        let mut rows = Vec::with_capacity(block.rows.len());
        for &r in &block.rows {
            let row = &mut self.rows[r];
            let settled = row.terms.iter().any(|&(c, _)| !self.binary[c]);
            let mut terms = if settled {
                row.terms.clone()
            } else {
                std::mem::take(&mut row.terms)
            };
            // Block columns ascend, so local indexes keep the terms' order.
            for t in &mut terms {
                t.0 = local[t.0];
            }
            rows.push(terms);
            row_lower.push(if row.equality {
                row.rhs
            } else {
                f64::NEG_INFINITY
            });
            row_upper.push(row.rhs);
        }
        let bounds = |c: usize| self.bounds[c];
        highs::ModelData {
            maximise: false,
            offset: block.cols.iter().map(|&c| self.anchored[c]).sum(),
            cost: block.cols.iter().map(|&c| self.obj[c]).collect(),
            lower: block.cols.iter().map(|&c| bounds(c).0).collect(),
            upper: block.cols.iter().map(|&c| bounds(c).1).collect(),
            integer: block.cols.iter().map(|&c| bounds(c).2).collect(),
            row_lower,
            row_upper,
            rows,
        }
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
        let row = &self.rows[r];
        let mut e = Expression::with_capacity(row.terms.len());
        for &(c, a) in &row.terms {
            e.add_mul(a, local[&c]);
        }
        let rhs = row.rhs;
        if row.equality {
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
        for row in &self.rows {
            for &(c, _) in &row.terms {
                rows_of[c] += 1;
            }
        }
        for r in 0..self.rows.len() {
            self.settle_row(r, &rows_of, values);
        }
    }

    /// Settles the continuous columns of row `r`, unless one of them is in other rows too
    /// (then no single row decides its value) or no column can take up what is needed.
    fn settle_row(&self, r: usize, rows_of: &[u32], values: &mut [f64]) {
        let (cont, fixed): (Vec<_>, Vec<_>) = self.rows[r]
            .terms
            .iter()
            .partition(|(c, _)| !self.binary[*c]);
        if cont.is_empty() || cont.iter().any(|(c, _)| rows_of[*c] != 1) {
            return;
        }
        // The continuous part must make up `room`: Σ a·s ≤ room, or = room.
        let room = self.rows[r].rhs - fixed.iter().map(|(c, a)| a * values[*c]).sum::<f64>();
        let eq = self.rows[r].equality;
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

/// Each column's bounds and integrality, in column order.
fn column_bounds(built: &Built) -> Vec<(f64, f64, bool)> {
    let mut bounds = vec![(0.0, 0.0, false); built.cols.len()];
    for (v, d) in built.vars.iter_variables_with_def() {
        bounds[built.cols[&v]] = (d.get_min(), d.get_max(), d.is_integer());
    }
    bounds
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::candidates;
    use crate::model::{self, BuildOptions};

    fn demo(scope: &str) -> Instance {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/chengzhong.toml");
        let sets = [("policy.scope".to_string(), format!("\"{scope}\""))];
        crate::load::instance(&path, None, &sets).unwrap()
    }

    /// A sifted block is priced from the data the matrix gives: it must be HiGHS's own
    /// copy of the block's model, entry for entry, in elastic mode too.
    #[test]
    fn the_data_of_a_block_are_those_highs_holds() {
        for (scope, elastic) in [("county", false), ("group", false), ("county", true)] {
            let inst = demo(scope);
            let cands = candidates::generate(&inst);
            let opts = BuildOptions {
                elastic,
                ..Default::default()
            };
            let built = model::build(&inst, &cands, &opts);
            let m = Matrix::new(&inst, &built);
            let mut taken = Matrix::new(&inst, &built);
            for block in m.blocks() {
                let theirs = highs::model_data(&m.model(&block)).unwrap();
                let mine = taken.take_data(&block);
                assert_eq!(mine, theirs, "scope {scope}, elastic {elastic}");
            }
            // What settling reads is left: the rows with a continuous column.
            for (kept, all) in taken.rows.iter().zip(&m.rows) {
                let continuous = all.terms.iter().any(|&(c, _)| !m.binary[c]);
                assert_eq!(kept.terms.is_empty(), !continuous || all.terms.is_empty());
            }
        }
    }
}
