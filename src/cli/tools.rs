//! The small subcommands: `export`, `generate`, `codes`, `keys`.

use std::path::PathBuf;

use super::args::{load, PolicyArgs};
use super::output::{input_failed, out, outln, write_failed, EXIT_INPUT, EXIT_OK};
use crate::error::InputError;
use crate::generate;
use rust_i18n::t;

/// `export` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    scenario: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Write MPS to this file.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "lp",
        required_unless_present = "lp"
    )]
    mps: Option<PathBuf>,
    /// Write CPLEX LP to this file.
    #[arg(long, value_name = "FILE")]
    lp: Option<PathBuf>,
    /// The elastic model (every hard rule with a priced slack) instead of the hard one.
    #[arg(long)]
    elastic: bool,
}

/// `generate` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct GenerateArgs {
    /// Number of education groups.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=2000))]
    groups: u64,
    /// Random seed: the same groups and seed give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for county-<N>g-s<S>.toml and its -staff.csv.
    #[arg(long, default_value = "scenarios/generated")]
    out: PathBuf,
    /// First school year planned.
    #[arg(long, default_value_t = 2027)]
    plan_year: i32,
}

pub(crate) fn export(a: ExportArgs) -> i32 {
    let inst = match load(&a.scenario, &a.policy, Vec::new()) {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    let Some(path) = a.mps.or(a.lp) else {
        return EXIT_INPUT;
    };
    if crate::export::format_of(&path).is_none() {
        return input_failed(&InputError::single(
            "E1007",
            &path,
            None,
            t!("tools.export.bad_extension"),
            t!("tools.export.bad_extension_fix"),
        ));
    }
    match crate::export::export(&inst, &path, a.elastic) {
        Ok(x) => {
            let (file, n) = (path.display(), x.broken_constant_rows);
            outln!(
                "{}",
                t!(
                    "tools.export.written",
                    file = file,
                    vars = x.variables,
                    rows = x.rows
                )
            );
            if n > 0 {
                eprintln!("{}", t!("tools.export.broken_rows", n = n));
            }
            EXIT_OK
        }
        Err(e) => write_failed(&path, &t!("tools.what.model"), e),
    }
}

pub(crate) fn generate(a: GenerateArgs) -> i32 {
    let county = generate::generate(&generate::Options {
        groups: a.groups as usize,
        seed: a.seed,
        plan_year: a.plan_year,
    });
    match county.write(&a.out) {
        Ok(path) => {
            outln!(
                "{}",
                t!(
                    "tools.generate.written",
                    file = path.display(),
                    groups = a.groups,
                    schools = county.schools,
                    staff = county.staff,
                    roster = county.staff_file()
                )
            );
            EXIT_OK
        }
        Err(e) => write_failed(&a.out, &t!("tools.what.county"), e),
    }
}

pub(crate) fn codes() -> i32 {
    out!("{}", crate::error::codes_text());
    EXIT_OK
}

pub(crate) fn keys() -> i32 {
    out!("{}", crate::input::policy::keys_markdown());
    EXIT_OK
}
