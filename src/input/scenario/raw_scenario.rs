//! A scenario as read: the types [`crate::instance::Instance::from_raw`] validates, with
//! ids not yet resolved and every value with its line.

use std::path::PathBuf;

use crate::error::Notice;

use crate::input::records::distance_row::RawDistance;
use crate::input::records::row_source::IN_MEMORY;
use crate::input::records::staff_row::RawStaff;

/// A text value with the line it stands on.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The value.
    pub text: String,
    /// Its line in the scenario file; 0 for a value built in code.
    pub line: usize,
}

impl Located {
    /// A value on a line of the scenario file.
    pub fn new(text: impl Into<String>, line: usize) -> Self {
        Located {
            text: text.into(),
            line,
        }
    }
}

impl From<&str> for Located {
    /// A value built in code, on no line (0).
    fn from(text: &str) -> Self {
        Located::new(text, 0)
    }
}

/// A `[[groups]]` table as written: school ids not yet resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawGroup {
    /// The group's id.
    pub id: Located,
    /// Display name (the id when the file gives none).
    pub name: String,
    /// The core school's id.
    pub core: Located,
    /// Ids of the members run by the core (被托管成员校).
    pub trusteed: Vec<Located>,
    /// Ids of the ordinary members.
    pub members: Vec<Located>,
}

impl RawGroup {
    /// A group of a core and no members yet, named by its id.
    pub fn new(id: &str, core: &str) -> Self {
        RawGroup {
            id: id.into(),
            name: id.to_string(),
            core: core.into(),
            trusteed: Vec::new(),
            members: Vec::new(),
        }
    }
}

/// A `[[schools]]` table as written.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSchool {
    /// The school's id.
    pub id: Located,
    /// Display name (the id when the file gives none).
    pub name: String,
    /// (latitude, longitude) in degrees; `None` when the file gives neither, and then the
    /// distance table must give every distance the school needs.
    pub coords: Option<(f64, f64)>,
    /// 学科配齐: (subject, minimum staff present), in the file's order.
    pub min_subject: Vec<(String, u32)>,
    /// The line of each `min_subject` key, in the same order (empty for a school built in
    /// code), so that a message about one minimum points at it.
    pub min_subject_lines: Vec<usize>,
}

impl RawSchool {
    /// A school with no subject minimum, named by its id.
    pub fn new(id: &str, lat: f64, lon: f64) -> Self {
        RawSchool {
            id: id.into(),
            name: id.to_string(),
            coords: Some((lat, lon)),
            min_subject: Vec::new(),
            min_subject_lines: Vec::new(),
        }
    }
}

/// A scenario as read, ids not yet resolved: what [`crate::instance::Instance::from_raw`]
/// validates.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScenario {
    /// The scenario file, for messages.
    pub file: PathBuf,
    /// The scenario's name.
    pub name: String,
    /// `Y0`, the first school year planned.
    pub plan_year: i32,
    /// The default policy file, already resolved against the scenario's folder.
    pub policy: Option<PathBuf>,
    /// The education groups.
    pub groups: Vec<RawGroup>,
    /// Every school, in a group or not.
    pub schools: Vec<RawSchool>,
    /// The roster.
    pub staff: Vec<RawStaff>,
    /// Road distances between schools.
    pub distances: Vec<RawDistance>,
    /// The roster file, when staff come from one (for messages).
    pub staff_file: Option<PathBuf>,
    /// The distance table file, when there is one (for messages).
    pub distances_file: Option<PathBuf>,
    /// `distances_complete`: a distance the table lacks is an input error rather than
    /// estimated from the schools' coordinates.
    pub distances_complete: bool,
    /// What the reader said aloud about the files (columns, rows skipped).
    pub notices: Vec<Notice>,
    /// `contact`: who answers questions about the posted list (公示名单), if given.
    pub contact: Option<String>,
}

impl RawScenario {
    /// An empty scenario built in code; its messages name [`IN_MEMORY`] as file.
    pub fn new(name: &str, plan_year: i32) -> Self {
        RawScenario {
            file: PathBuf::from(IN_MEMORY),
            name: name.to_string(),
            plan_year,
            policy: None,
            groups: Vec::new(),
            schools: Vec::new(),
            staff: Vec::new(),
            distances: Vec::new(),
            staff_file: None,
            distances_file: None,
            distances_complete: false,
            notices: Vec::new(),
            contact: None,
        }
    }
}
