//! The HiGHS calls that good_lp does not cover, in one place: the only code of the crate
//! that calls `highs_sys`, and so the only `unsafe` code.

use std::ffi::CString;
use std::path::Path;

use ::highs::{Model, SolvedModel};

/// The options every solve gets.
#[derive(Debug, Clone)]
pub(crate) struct HighsOptions {
    /// Seconds; an infinite limit is left unset (HiGHS has no limit by default).
    pub(crate) time_limit: f64,
    /// HiGHS's `mip_rel_gap`.
    pub(crate) mip_rel_gap: f64,
    /// HiGHS threads; `None` or 0 lets HiGHS choose.
    pub(crate) threads: Option<u32>,
}

/// Sets `options` on `model`.
pub(crate) fn set_options(model: &mut Model, options: &HighsOptions) {
    if options.time_limit.is_finite() {
        model.set_option("time_limit", options.time_limit.max(0.0));
    }
    model.set_option("mip_rel_gap", options.mip_rel_gap);
    // A fixed seed: the same input and thread count give the same plan.
    model.set_option("random_seed", 0);
    // Feasibility jump hunts for a first plan before the root LP; our blocks find one at
    // once (a group's) or start from one (county scope). Off: group scope 30 groups 2.6 →
    // 2.2 s, county scope proven optimal 12 groups 23 → 17.5 s, 30 groups 105 → 83 s.
    model.set_option("mip_heuristic_run_feasibility_jump", false);
    if let Some(n) = options.threads.filter(|&n| n > 0) {
        model.set_option("threads", n as i32);
    }
}

/// Sets the objective's constant term, which good_lp's HiGHS backend leaves at 0.
pub(crate) fn set_objective_offset(model: &mut Model, offset: f64) {
    // SAFETY: the pointer is the live HiGHS instance owned by `model`.
    unsafe {
        highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), offset);
    }
}

/// Why [`write_model`] wrote nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteError {
    /// The path holds a NUL byte, which no C string can carry.
    NulInPath,
    /// HiGHS reported a failure.
    Refused,
}

/// Writes `model` to `path`; HiGHS picks the format (MPS or LP) from the extension.
pub(crate) fn write_model(model: &mut Model, path: &Path) -> Result<(), WriteError> {
    let cpath =
        CString::new(path.to_string_lossy().as_bytes()).map_err(|_| WriteError::NulInPath)?;
    // SAFETY: the pointer is the live HiGHS instance owned by `model`, and `cpath` outlives the call.
    let status = unsafe { highs_sys::Highs_writeModel(model.as_mut_ptr(), cpath.as_ptr()) };
    if status < 0 {
        return Err(WriteError::Refused);
    }
    Ok(())
}

/// The best bound HiGHS proved for a MIP, when it has a finite one.
pub(crate) fn mip_dual_bound(solved: &SolvedModel) -> Option<f64> {
    solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite())
}

/// Gives HiGHS a plan to start from: `values` holds every column, in column order. HiGHS
/// takes it as its first incumbent if it is feasible, and otherwise tries to complete it
/// from its integer values; a start it cannot use is ignored, so the call cannot fail.
pub(crate) fn set_solution(model: &mut Model, values: &[f64]) {
    // SAFETY: the pointer is the live HiGHS instance owned by `model`; `values` has one entry
    // per column (HiGHS reads that many and rejects a shorter array), and NULL is allowed for
    // the rows and duals.
    unsafe {
        highs_sys::Highs_setSolution(
            model.as_mut_ptr(),
            values.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            std::ptr::null(),
        );
    }
}

/// A model's data: each column's cost, bounds and integrality, each row's bounds, and the
/// matrix by rows, as the model builder makes it (so that a block too big to give HiGHS
/// whole is priced from the rows it was built in, never copied into columns).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelData {
    pub(crate) maximise: bool,
    pub(crate) offset: f64,
    pub(crate) cost: Vec<f64>,
    pub(crate) lower: Vec<f64>,
    pub(crate) upper: Vec<f64>,
    pub(crate) integer: Vec<bool>,
    pub(crate) row_lower: Vec<f64>,
    pub(crate) row_upper: Vec<f64>,
    /// Row `r`'s entries (column, coefficient), ascending by column.
    pub(crate) rows: Vec<Vec<(usize, f64)>>,
}

impl ModelData {
    /// `c − Aᵀy`: each column's cost less its rows' `y`. Each column's entries are taken by
    /// ascending row, as a walk down its column would.
    pub(crate) fn reduced(&self, y: &[f64]) -> Vec<f64> {
        let mut d = self.cost.clone();
        for (row, &y) in self.rows.iter().zip(y) {
            if y != 0.0 {
                for &(c, a) in row {
                    d[c] -= y * a;
                }
            }
        }
        d
    }

    /// The entries (row, coefficient) of each of `cols`, ascending by row.
    pub(crate) fn entries_of(&self, cols: &[usize]) -> Vec<Vec<(usize, f64)>> {
        const NONE: usize = usize::MAX;
        let mut local = vec![NONE; self.cost.len()];
        for (j, &c) in cols.iter().enumerate() {
            local[c] = j;
        }
        let mut out = vec![Vec::new(); cols.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for &(c, a) in row {
                if local[c] != NONE {
                    out[local[c]].push((r, a));
                }
            }
        }
        out
    }
}

/// Copies `model`'s data out of HiGHS; `None` when HiGHS refused.
pub(crate) fn model_data(model: &Model) -> Option<ModelData> {
    use highs_sys::HighsInt;
    let ptr = model.as_ptr();
    // SAFETY: the pointer is the live HiGHS instance owned by `model`.
    let (n, m, nz) = unsafe {
        (
            highs_sys::Highs_getNumCol(ptr),
            highs_sys::Highs_getNumRow(ptr),
            highs_sys::Highs_getNumNz(ptr),
        )
    };
    let (nu, mu, nzu) = (n.max(0) as usize, m.max(0) as usize, nz.max(0) as usize);
    let (mut cost, mut lower, mut upper) = (vec![0.0; nu], vec![0.0; nu], vec![0.0; nu]);
    let (mut row_lower, mut row_upper) = (vec![0.0; mu], vec![0.0; mu]);
    let mut start: Vec<HighsInt> = vec![0; nu + 1];
    let mut index: Vec<HighsInt> = vec![0; nzu];
    let mut value = vec![0.0; nzu];
    let mut integrality: Vec<HighsInt> = vec![0; nu];
    let (mut n_out, mut m_out, mut nz_out, mut sense, mut offset) = (0, 0, 0, 0, 0.0);
    // SAFETY: the pointer is the live HiGHS instance owned by `model`, which `&Model` keeps
    // unchanged between the size queries above and this call, so HiGHS writes `n` entries
    // per column array (`start` too, in the column-wise format; its last slot is ours), `m`
    // per row array and `nz` per matrix array, each allocated at that length or more.
    let status = unsafe {
        highs_sys::Highs_getLp(
            ptr,
            highs_sys::kHighsMatrixFormatColwise,
            &mut n_out,
            &mut m_out,
            &mut nz_out,
            &mut sense,
            &mut offset,
            cost.as_mut_ptr(),
            lower.as_mut_ptr(),
            upper.as_mut_ptr(),
            row_lower.as_mut_ptr(),
            row_upper.as_mut_ptr(),
            start.as_mut_ptr(),
            index.as_mut_ptr(),
            value.as_mut_ptr(),
            integrality.as_mut_ptr(),
        )
    };
    if status < 0 || (n_out, m_out, nz_out) != (n, m, nz) {
        return None;
    }
    // HiGHS fills one start per column; the end of the last column closes the array.
    start[nu] = nz;
    let mut rows = vec![Vec::new(); mu];
    for c in 0..nu {
        for k in start[c] as usize..start[c + 1] as usize {
            rows[index[k] as usize].push((c, value[k]));
        }
    }
    Some(ModelData {
        maximise: sense == highs_sys::kHighsObjSenseMaximize,
        offset,
        cost,
        lower,
        upper,
        integer: integrality
            .iter()
            .map(|&t| t == highs_sys::kHighsVarTypeInteger)
            .collect(),
        row_lower,
        row_upper,
        rows,
    })
}

/// A HiGHS model on its way to the thread that solves it (`Model` is not `Send`).
pub(crate) struct Sendable(pub(crate) Model);

// SAFETY: a HiGHS instance is heap data with no tie to the thread that made it; it moves
// whole into one thread, and no other thread keeps a pointer to it.
unsafe impl Send for Sendable {}

/// Appends the columns `which` of `data` to `model` as continuous columns over the same
/// rows. HiGHS keeps the basis of the columns it has and makes the new ones nonbasic at a
/// bound, so the next run starts from the last optimum. `false` when HiGHS refused.
pub(crate) fn add_columns(model: &mut Model, data: &ModelData, which: &[usize]) -> bool {
    use highs_sys::HighsInt;
    let (mut cost, mut lower, mut upper) = (Vec::new(), Vec::new(), Vec::new());
    let (mut start, mut index, mut value): (Vec<HighsInt>, Vec<HighsInt>, Vec<f64>) =
        (Vec::new(), Vec::new(), Vec::new());
    for (&c, entries) in which.iter().zip(data.entries_of(which)) {
        cost.push(data.cost[c]);
        lower.push(data.lower[c]);
        upper.push(data.upper[c]);
        start.push(index.len() as HighsInt);
        for (r, a) in entries {
            index.push(r as HighsInt);
            value.push(a);
        }
    }
    // SAFETY: the pointer is the live HiGHS instance owned by `model`; each array has the
    // length passed with it (`which.len()` columns, `index.len()` entries), and every row
    // index is one of the model's rows (`data` has the same rows).
    let status = unsafe {
        highs_sys::Highs_addCols(
            model.as_mut_ptr(),
            which.len() as HighsInt,
            cost.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
            index.len() as HighsInt,
            start.as_ptr(),
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    status >= 0
}
