#![warn(missing_docs)]
//! `rotation`: plans teacher and cadre exchange (交流轮岗) inside school groups.
//!
//! The layers, each a module, each using only those below it (`tests/architecture.rs`
//! keeps it so; `docs/ARCHITECTURE.md` is the map): [`error`], [`lang`], [`domain`],
//! [`write`](mod@write) (vocabulary and file plumbing); [`input`] reads files; [`instance`] is the
//! validated problem with its candidacy rules; [`load`] turns files into an instance;
//! [`model`] builds the integer program and [`check`] audits any plan independently;
//! [`solve`] runs HiGHS and [`causes`] says why a rule breaks; [`run::run`] is one whole
//! run (solve, audit, diagnose), [`summary`] its figures and [`report`] its files; then
//! the features ([`explain`], [`compare`], [`roll`], [`generate`], [`export`], [`bench`](mod@bench))
//! and the [`cli`].
//!
//! Library use: load a scenario, solve it, check the plan.
//!
//! ```
//! use std::path::Path;
//! use rotation::run::{run, RunOptions};
//! use rotation::solve::Status;
//!
//! # fn main() -> Result<(), rotation::error::InputError> {
//! let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
//! let inst = rotation::load::instance(&dir.join("scenarios/rules/quota.toml"), None, &[])?;
//! let outcome = run(&inst, &RunOptions::default());
//! assert_eq!(outcome.status(), Status::Optimal);
//!
//! // The checker is independent of the model: it recomputes every rule and the objective.
//! let audit = rotation::check::check(&inst, &outcome.solved.plan);
//! assert!(audit.ok);
//! assert!((audit.objective - outcome.solved.objective.unwrap()).abs() < 1e-6);
//! println!("{} starts", outcome.solved.plan.starts.len());
//! # Ok(())
//! # }
//! ```

// Every user-facing sentence lives in locales/*.toml (English and Chinese side by side);
// `t!` picks the one of the language `lang::set` chose.
rust_i18n::i18n!("locales", fallback = "en");

pub mod bench;
pub mod causes;
pub mod check;
pub mod cli;
pub mod compare;
pub mod domain;
pub mod error;
pub mod explain;
pub mod export;
pub mod generate;
pub(crate) mod geo;
pub mod input;
pub mod instance;
pub mod lang;
pub mod load;
pub mod model;
pub mod report;
pub mod roll;
pub mod rules;
pub mod run;
pub mod solve;
pub mod summary;
pub mod sweep;
pub mod threshold;
pub mod write;
