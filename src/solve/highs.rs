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

/// A model's data as HiGHS holds it, with the matrix in compressed sparse column form.
pub(crate) struct Columns {
    pub(crate) maximise: bool,
    pub(crate) offset: f64,
    pub(crate) cost: Vec<f64>,
    pub(crate) lower: Vec<f64>,
    pub(crate) upper: Vec<f64>,
    pub(crate) row_lower: Vec<f64>,
    pub(crate) row_upper: Vec<f64>,
    /// Column `c`'s entries are `start[c]..start[c + 1]` of `index` (rows) and `value`.
    pub(crate) start: Vec<usize>,
    pub(crate) index: Vec<usize>,
    pub(crate) value: Vec<f64>,
    pub(crate) integer: Vec<bool>,
}

/// Copies `model`'s data out of HiGHS; `None` when HiGHS refused.
pub(crate) fn columns(model: &Model) -> Option<Columns> {
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
    Some(Columns {
        maximise: sense == highs_sys::kHighsObjSenseMaximize,
        offset,
        cost,
        lower,
        upper,
        row_lower,
        row_upper,
        start: start.iter().map(|&s| s as usize).collect(),
        index: index.iter().map(|&r| r as usize).collect(),
        value,
        integer: integrality
            .iter()
            .map(|&t| t == highs_sys::kHighsVarTypeInteger)
            .collect(),
    })
}

/// A HiGHS model on its way to the thread that solves it (`Model` is not `Send`).
pub(crate) struct Sendable(pub(crate) Model);

// SAFETY: a HiGHS instance is heap data with no tie to the thread that made it; it moves
// whole into one thread, and no other thread keeps a pointer to it.
unsafe impl Send for Sendable {}
