//! `rotation`: plans teacher and cadre exchange (交流轮岗) inside school groups.
//!
//! Stages, each its own module: [`input`] reads files, [`instance`] validates them into an
//! indexed problem, [`candidates`] and [`model`] build the integer program, [`solve`] runs
//! HiGHS, [`check`] audits any plan independently, [`report`] writes and prints results.

pub mod bench;
pub mod candidates;
pub mod check;
pub mod cli;
pub mod compare;
pub mod domain;
pub mod error;
pub mod export;
pub mod generate;
pub mod geo;
pub mod input;
pub mod instance;
pub mod model;
pub mod plan;
pub mod report;
pub mod rules;
pub mod run;
pub mod solve;
pub mod summary;
