//! The exact model as a standard MPS or LP file, so any other MIP solver can check our
//! optimum. The objective's constant is kept as the file's objective offset.

use rust_i18n::t;
use std::path::Path;

use crate::instance::candidates;
use crate::instance::Instance;
use crate::model::{self, BuildOptions};
use crate::solve;
use crate::solve::highs::{self, WriteError};
use crate::write::folder_of;

/// What was written.
#[derive(Debug, Clone)]
pub struct Exported {
    /// Columns of the model.
    pub variables: usize,
    /// Rows of the model.
    pub rows: usize,
    /// Rules that fail whatever the plan: they have no variable, so no file row shows them.
    pub broken_constant_rows: usize,
}

/// The file format a path asks for by its extension: `mps` or `lp`.
pub fn format_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ["mps", "lp"].into_iter().find(|f| *f == ext)
}

/// Writes the hard-mode model of `inst` to `path`; the format follows the extension
/// (`.mps` or `.lp`). The file appears complete or not at all.
pub fn export(inst: &Instance, path: &Path, elastic: bool) -> Result<Exported, String> {
    let Some(ext) = format_of(path) else {
        return Err(format!(
            "{}: the file name must end in .mps or .lp",
            path.display()
        ));
    };
    let cands = candidates::generate(inst);
    let built = model::build(
        inst,
        &cands,
        &BuildOptions {
            elastic,
            ..Default::default()
        },
    );
    let info = Exported {
        variables: built.cols.len(),
        rows: built.rows.len(),
        broken_constant_rows: built.broken_constant_rows.len(),
    };
    let mut model = solve::whole_model(inst, &built);
    let dir = folder_of(path);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // HiGHS picks the format from the extension, so the temporary file keeps it.
    let tmp = tempfile::Builder::new()
        .prefix(".export.")
        .suffix(&format!(".{ext}"))
        .tempfile_in(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    highs::write_model(&mut model, tmp.path()).map_err(|e| match e {
        WriteError::NulInPath => t!("tools.export.nul", file = path.display()).into_owned(),
        WriteError::Refused => t!("tools.export.refused", file = path.display()).into_owned(),
    })?;
    tmp.persist(path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(info)
}
