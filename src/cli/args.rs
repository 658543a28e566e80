//! What several commands take: the policy options and `--set`, the sugar `--time-limit`
//! and `--threads`, and loading the scenario, the baseline and a plan roster they name.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use super::output::render_warnings_no_json;
use crate::error::{Diagnostics, InputError, Level, Notice};
use crate::instance::{Instance, Plan};
use crate::load::plan::{mismatches, read_plan_rows, Mismatch};

/// The policy options every subcommand that loads a scenario takes.
#[derive(clap::Args, Debug)]
pub(crate) struct PolicyArgs {
    /// Policy file (a constraint variant); overrides the scenario's `policy`.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Override one policy key, e.g. --set quota.rate=0.15 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Refuse the input on any warning about it (a column not read, a row skipped, a
    /// distance estimated): exit 2 instead of planning.
    #[arg(long)]
    pub strict: bool,
}

/// `KEY=VALUE` pairs of `--set`.
pub(crate) fn parse_sets(sets: &[String]) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    for s in sets {
        match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.push((k.trim().to_string(), v.trim().to_string()))
            }
            _ => {
                return Err(InputError::single(
                    "E1040",
                    Path::new("--set"),
                    None,
                    t!("tools.not_key_value", value = s),
                    t!("tools.not_key_value_fix"),
                ))
            }
        }
    }
    Ok(out)
}

/// `--time-limit S` and `--threads N` are sugar for `--set solver.time_limit_s=S` and
/// `--set solver.threads=N`: one path, one range check, one message.
pub(crate) fn solver_sets(time_limit: Option<f64>, threads: Option<u32>) -> Vec<(String, String)> {
    let mut sets = Vec::new();
    if let Some(t) = time_limit {
        // As TOML reads numbers: Debug keeps `1e-6` and `60.0`; `nan`, `inf` are words.
        let text = match t {
            t if t.is_nan() => "nan".to_string(),
            t if t.is_infinite() => (if t > 0.0 { "inf" } else { "-inf" }).to_string(),
            t => format!("{t:?}"),
        };
        sets.push(("solver.time_limit_s".to_string(), text));
    }
    if let Some(n) = threads {
        sets.push(("solver.threads".to_string(), n.to_string()));
    }
    sets
}

/// `--notice-days N` is sugar for `--set notice.days=N`, like [`solver_sets`].
pub(crate) fn notice_sets(days: Option<u32>) -> Vec<(String, String)> {
    days.map(|n| ("notice.days".to_string(), n.to_string()))
        .into_iter()
        .collect()
}

/// Loads a scenario with its policy options and extra `--set`s.
pub(crate) fn load(
    scenario: &Path,
    p: &PolicyArgs,
    extra: Vec<(String, String)>,
) -> Result<Instance, InputError> {
    let mut sets = parse_sets(&p.set)?;
    sets.extend(extra);
    let replaced = replaced_out_of_range(&sets);
    let inst = with_problems(
        replaced,
        crate::load::instance(scenario, p.policy.as_deref(), &sets),
    )?;
    let warnings = inst.notices.iter().filter(|n| n.level == Level::Warning);
    if p.strict && warnings.clone().next().is_some() {
        return Err(InputError(warnings.map(Notice::as_error).collect()));
    }
    // Said on stderr by every command, before anything else: a column left unread or a
    // distance estimated changes the plan, and must not go unseen.
    for n in warnings {
        eprintln!("{n}");
    }
    Ok(inst)
}

/// The info lines of reading (the columns read, the rows skipped), for the commands that show
/// how the input was read: `validate` and `solve`.
pub(crate) fn reading_info(inst: &Instance) -> String {
    inst.notices
        .iter()
        .filter(|n| n.level == Level::Info)
        .map(|n| format!("{n}\n"))
        .collect()
}

/// `loaded`, unless `before` holds problems: then those and the loading's, all at once.
pub(crate) fn with_problems<T>(
    before: Diagnostics,
    loaded: Result<T, InputError>,
) -> Result<T, InputError> {
    match loaded {
        Ok(value) => before.into_result(value),
        Err(e) => {
            let mut all = before;
            all.0.extend(e.0);
            Err(InputError(all.0))
        }
    }
}

/// The out-of-range values among `sets` that a later pair of the same key replaces
/// (`--set solver.time_limit_s=0 --time-limit 5`). The policy's range check sees only the
/// value that stands last, so such a value would pass in silence; each is checked alone,
/// against the defaults (a range never depends on another key). A value of the wrong type
/// is reported by the loading, which applies every pair.
pub(crate) fn replaced_out_of_range(sets: &[(String, String)]) -> Diagnostics {
    use crate::input::policy::{apply_sets, Policy};
    let mut problems = Diagnostics::default();
    for (i, (key, value)) in sets.iter().enumerate() {
        if !sets[i + 1..].iter().any(|(later, _)| later == key) {
            continue;
        }
        let mut alone = Policy::default();
        apply_sets(
            &mut alone,
            &[(key.clone(), value.clone())],
            &mut Diagnostics::default(),
        );
        for (name, cause) in alone.range_problems() {
            if name == key {
                let fix = t!("input.set_range_fix");
                problems.push("E1040", Path::new("--set"), None, cause, fix);
            }
        }
    }
    problems
}

/// Adds the `--baseline` plan, if any, to a loaded instance (its ids checked: E1031, E1032).
/// A baseline whose names or posts differ from the roster is warned about on stderr, as
/// `check` does: it may have been made against an older roster.
pub(crate) fn with_baseline(
    inst: Instance,
    baseline: Option<&Path>,
) -> Result<Instance, InputError> {
    let Some(path) = baseline else {
        return Ok(inst);
    };
    let (plan, rows) = crate::load::plan::read_plan_rows(&inst, path)?;
    let warnings = crate::load::plan::mismatches(&inst, &rows);
    eprint!("{}", render_warnings_no_json(&warnings, path));
    Ok(inst.with_baseline(plan))
}

/// A plan roster read against its scenario (with the `--baseline`, if any), and where its
/// names and posts differ from the scenario's roster: what `check` and `report` start from.
pub(crate) fn load_plan(
    scenario: &Path,
    policy: &PolicyArgs,
    baseline: Option<&Path>,
    roster: &Path,
    extra: Vec<(String, String)>,
) -> Result<(Instance, Plan, Vec<Mismatch>), InputError> {
    let inst = load(scenario, policy, extra).and_then(|i| with_baseline(i, baseline))?;
    let (plan, rows) = read_plan_rows(&inst, roster)?;
    let warnings = mismatches(&inst, &rows);
    Ok((inst, plan, warnings))
}

/// Each `--set` is one variant; its `KEY=VALUE` pairs are split at commas. A key given a
/// range (`quota.rate=0.10:0.20:0.05`) or a list (`quota.rate=0.10,0.15,0.20`) makes one
/// variant per value.
pub(crate) fn set_groups(sets: &[String]) -> Result<Vec<Vec<(String, String)>>, InputError> {
    let mut groups = Vec::new();
    for s in sets {
        let g = parse_sets(&crate::compare::join_lists(crate::compare::split_changes(
            s,
        )))?;
        if g.is_empty() {
            return Err(InputError::single(
                "E1040",
                Path::new("--set"),
                None,
                t!("tools.compare.empty_set"),
                t!("tools.not_key_value_fix"),
            ));
        }
        let expanded = crate::compare::expand_values(&g).map_err(|cause| {
            let fix = t!("tools.compare.range_fix");
            InputError::single("E1040", Path::new("--set"), None, cause, fix)
        })?;
        groups.extend(expanded);
    }
    Ok(groups)
}
