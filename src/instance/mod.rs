//! The validated, indexed problem: every id resolved to a dense newtype index, so the model
//! and the checker never look up strings. The files: the indices (`ids.rs`), the problem
//! itself (`problem.rs`), a plan of new starts (`plan.rs`), who is where before any start
//! (`presence.rs`), who may start where and when (`candidates.rs`, MODEL.md's candidacy
//! and admissible starts), and the validation of a raw scenario (`validate.rs`, with the
//! distances a plan can use in `distances.rs` and HR's pins in `pins.rs`). Reading files
//! is not here: `crate::load` reads them and hands the raw scenario to
//! [`Instance::from_raw`].

pub mod candidates;
mod distances;
pub mod ids;
mod pins;
pub mod plan;
pub mod presence;
mod problem;
pub mod school_names;
mod subjects;
mod validate;

pub use ids::{GroupId, PersonId, SchoolId, SubjectId};
pub use plan::{Plan, Start};
pub use presence::Presence;
pub use problem::{Group, Instance, Person, School};
pub use school_names::SchoolNames;
