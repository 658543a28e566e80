//! Files → [`Instance`]: reads a scenario with its policy and `--set` overrides, a baseline
//! plan, and plan rosters (`plan.rs`), and validates them through
//! [`Instance::from_raw`]. It sits above both `input` (reading) and `instance`
//! (validating), so that neither reads files of the other's kind.

pub mod plan;

use std::path::Path;

use crate::error::{Diagnostics, InputError};
use crate::input::policy::{self, Policy};
use crate::input::scenario;
use crate::instance::Instance;

/// Reads a baseline plan (a roster in `solve`'s output format; only `person_id`,
/// `host_school` and `start_year` are read) and returns `inst` re-planned against it. A
/// person or host the scenario does not know is an input error (E1031, E1032).
pub fn baseline(inst: Instance, path: &Path) -> Result<Instance, InputError> {
    let plan = plan::read_plan(&inst, path)?;
    Ok(inst.with_baseline(plan))
}

/// Reads a scenario (and its policy, or `policy_override`), applies `--set` overrides, and
/// validates everything into an [`Instance`]. Every problem is reported at once.
pub fn instance(
    scenario_path: &Path,
    policy_override: Option<&Path>,
    sets: &[(String, String)],
) -> Result<Instance, InputError> {
    let mut diags = Diagnostics::default();
    let (raw, named_policy) = scenario::read(scenario_path, &mut diags);
    // The policy the scenario names is read even when the scenario has problems, so that
    // every file's problems are reported at once.
    let policy_path = policy_override.map(Path::to_path_buf).or(named_policy);
    let mut policy = match &policy_path {
        Some(p) => Policy::read(p, &mut diags),
        None => Some(Policy::default()),
    };
    if let Some(pol) = policy.as_mut() {
        policy::apply_sets(pol, sets, &mut diags);
    }
    match (raw, policy) {
        // Validated even after problems of single rows, so that every problem of every row
        // is reported in one run; the instance is used only when there were none.
        (Some(raw), Some(policy)) => match Instance::from_raw(raw, policy) {
            Ok(inst) if diags.is_empty() => Ok(inst),
            Ok(_) => Err(InputError(diags.0)),
            Err(e) => {
                // A repeated id is reported by the reader too when a row had a problem.
                let seen: std::collections::HashSet<_> = diags.0.iter().cloned().collect();
                // Rows the reader could not read teach no subject here: "no one teaches X"
                // would then be false (E1063 is only said of a roster read whole).
                let read_whole = diags.is_empty();
                let e = e.0.into_iter().filter(|d| read_whole || d.code != "E1063");
                diags.0.extend(e.filter(|d| !seen.contains(d)));
                // Row by row, so that all the problems of one row stand together.
                diags
                    .0
                    .sort_by_key(|d| (d.file.clone(), d.line.unwrap_or(0)));
                Err(InputError(diags.0))
            }
        },
        _ => Err(InputError(diags.0)),
    }
}

/// The files a scenario reads: itself, its roster and distance table when they are files
/// of their own, and the policy file it names; for copying a scenario with everything it
/// needs (a sweep's tasks read nothing else). An error when the scenario cannot be read.
pub fn scenario_files(scenario_path: &Path) -> Result<Vec<std::path::PathBuf>, InputError> {
    let mut diags = Diagnostics::default();
    let (raw, named_policy) = scenario::read(scenario_path, &mut diags);
    let Some(raw) = raw else {
        return Err(InputError(diags.0));
    };
    let mut files = vec![raw.file];
    files.extend(raw.staff_file);
    files.extend(raw.distances_file);
    files.extend(named_policy);
    Ok(files)
}

/// One input file a run read, with its SHA-256: what produced a figure, for later.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputFile {
    /// The path as the run was given it (or as the scenario names it).
    pub path: String,
    /// Its SHA-256, lowercase hex (`sha256sum`'s).
    pub sha256: String,
}

/// Every file a run of `scenario` reads: the scenario, its roster and distance table, its
/// policy (or `policy`, which replaces it) and `baseline`, each once, with its SHA-256. A
/// file that cannot be read is left out (the run itself has said so).
pub fn input_files(
    scenario: &Path,
    policy: Option<&Path>,
    baseline: Option<&Path>,
) -> Vec<InputFile> {
    let mut files = scenario_files(scenario).unwrap_or_else(|_| vec![scenario.to_path_buf()]);
    if let Some(p) = policy {
        // The scenario's own policy is not read when another replaces it.
        if files.len() > 1 {
            let named = files
                .iter()
                .position(|f| f.extension().is_some_and(|e| e == "toml") && f != scenario);
            if let Some(i) = named {
                files.remove(i);
            }
        }
        files.push(p.to_path_buf());
    }
    files.extend(baseline.map(Path::to_path_buf));
    let mut seen = std::collections::BTreeSet::new();
    files
        .into_iter()
        .filter(|f| seen.insert(f.clone()))
        .filter_map(|f| {
            let bytes = std::fs::read(&f).ok()?;
            Some(InputFile {
                path: f.display().to_string(),
                sha256: crate::write::sha256_hex(&bytes),
            })
        })
        .collect()
}
