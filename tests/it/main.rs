//! The integration tests in one binary: one module per capability (the former files
//! `tests/<name>.rs`, each its own binary linking HiGHS), sharing the helpers of
//! `tests/common/`. Run one module with `cargo test --release --test it <name>::`.
//!
//! The tests run on the threads of this one process, so a test here must not change what
//! the process shares: the language (`rotation::lang::set` to anything but the default
//! English), environment variables, the current folder; and it writes only into a temporary folder of its own. A test that needs
//! the process to itself is a binary of its own beside this one, saying why at its top:
//! `tests/workbook_zh.rs` (sets the language to Chinese), `tests/county.rs` (a wall-clock
//! limit that needs the CPU to itself), `tests/browser.rs` (drives Chromium and times a
//! page load); `tests/architecture.rs` reads the sources only and stays apart for now.

#[path = "../common/mod.rs"]
mod common;

mod baseline;
mod bounds;
mod causes;
mod check;
mod cli;
mod codes;
mod columns;
mod compare;
mod coordinates;
mod demo;
mod encodings;
mod explain;
mod explain_teacher;
mod export;
mod families;
mod fuzz;
mod hand_edited_plans;
mod hr_exports;
mod interrupts;
mod invalid;
mod kpi;
mod lang;
mod library;
mod messages;
mod notice;
mod outputs;
mod pins;
mod plan_warnings;
mod policy_keys;
mod properties;
mod reading;
mod readme;
mod report;
mod research;
mod roll;
mod roll_exports;
mod roll_formats;
mod rules;
mod spreadsheets;
mod sweep;
mod workbook;
mod write_failures;
mod zh_everywhere;
