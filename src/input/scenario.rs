//! The scenario file: county, groups, schools, and where the roster and distances are.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::records::{self, Cells, RawDistance, RawStaff, Src, DISTANCE_FIELDS, STAFF_FIELDS};
use super::tree::{self, Node, Table, Val};
use crate::error::Diagnostics;

/// A text value with the line it stands on.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawGroup {
    pub id: Located,
    pub name: String,
    pub core: Located,
    pub trusteed: Vec<Located>,
    pub members: Vec<Located>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawSchool {
    pub id: Located,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub min_subject: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawScenario {
    pub file: PathBuf,
    pub name: String,
    pub plan_year: i32,
    /// The default policy file, already resolved against the scenario's folder.
    pub policy: Option<PathBuf>,
    pub groups: Vec<RawGroup>,
    pub schools: Vec<RawSchool>,
    pub staff: Vec<RawStaff>,
    pub distances: Vec<RawDistance>,
    /// The roster file, when staff come from one (for messages).
    pub staff_file: Option<PathBuf>,
}

/// Typed access to a table's keys that reports wrong types and missing keys.
struct Reader<'a> {
    file: &'a Path,
    where_: String,
    table: &'a Table,
}

impl Reader<'_> {
    fn missing(&self, key: &str, diags: &mut Diagnostics) {
        diags.push(
            "E1005",
            self.file,
            Some(self.table.line),
            format!("{} has no `{key}`", self.where_),
            format!("add `{key} = ...` to {}", self.where_),
        );
    }

    fn wrong(&self, key: &str, node: &Node, want: &str, diags: &mut Diagnostics) {
        diags.push(
            "E1004",
            self.file,
            Some(node.line),
            format!(
                "`{key}` in {} must be {want}, found {}",
                self.where_,
                node.val.type_name()
            ),
            format!("write `{key}` as {want}"),
        );
    }

    fn str_opt(&self, key: &str, diags: &mut Diagnostics) -> Option<Located> {
        let node = self.table.get(key)?;
        match &node.val {
            Val::Str(s) => Some(Located {
                text: s.clone(),
                line: node.line,
            }),
            _ => {
                self.wrong(key, node, "a string", diags);
                None
            }
        }
    }

    fn str_req(&self, key: &str, diags: &mut Diagnostics) -> Option<Located> {
        if self.table.get(key).is_none() {
            self.missing(key, diags);
            return None;
        }
        self.str_opt(key, diags)
    }

    fn num_req(&self, key: &str, diags: &mut Diagnostics) -> Option<f64> {
        match self.table.get(key) {
            None => {
                self.missing(key, diags);
                None
            }
            Some(Node {
                val: Val::Float(f), ..
            }) => Some(*f),
            Some(Node {
                val: Val::Int(i), ..
            }) => Some(*i as f64),
            Some(node) => {
                self.wrong(key, node, "a number", diags);
                None
            }
        }
    }

    fn str_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<Located> {
        let Some(node) = self.table.get(key) else {
            return Vec::new();
        };
        let Val::List(items) = &node.val else {
            self.wrong(key, node, "a list of school ids", diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.val {
                Val::Str(s) => out.push(Located {
                    text: s.clone(),
                    line: item.line,
                }),
                _ => self.wrong(key, item, "a list of strings", diags),
            }
        }
        out
    }

    /// The array of tables `[[key]]`, each with its own reader.
    fn tables(&self, key: &str, diags: &mut Diagnostics) -> Vec<&Table> {
        let Some(node) = self.table.get(key) else {
            return Vec::new();
        };
        let Val::List(items) = &node.val else {
            self.wrong(key, node, &format!("an array of tables [[{key}]]"), diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.val {
                Val::Table(t) => out.push(t),
                _ => self.wrong(key, item, &format!("a table [[{key}]]"), diags),
            }
        }
        out
    }
}

const TOP_KEYS: &[&str] = &["scenario", "groups", "schools", "staff", "distances"];
const HEADER_KEYS: &[&str] = &["name", "plan_year", "policy", "staff", "distances"];
const GROUP_KEYS: &[&str] = &["id", "name", "core", "trusteed", "members"];
const SCHOOL_KEYS: &[&str] = &["id", "name", "lat", "lon", "min_subject"];

/// Reads the scenario file and the roster and distance files it names. `None` when any
/// problem was found (all of them are in `diags`).
pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<RawScenario> {
    let before = diags.0.len();
    let top = tree::read_file(
        path,
        "scenario file",
        "check the path and that the file is UTF-8 text",
        diags,
    )?;
    let dir = path.parent().unwrap_or(Path::new("."));
    top.check_keys(TOP_KEYS, "the scenario file", path, diags);
    let root = Reader {
        file: path,
        where_: "the scenario file".into(),
        table: &top,
    };

    let empty = Table::default();
    let header = match top.get("scenario") {
        Some(Node {
            val: Val::Table(t), ..
        }) => t,
        Some(node) => {
            root.wrong("scenario", node, "a [scenario] table", diags);
            &empty
        }
        None => {
            diags.push(
                "E1005",
                path,
                None,
                "the file has no [scenario] section",
                "add [scenario] with name, plan_year and staff",
            );
            &empty
        }
    };
    header.check_keys(HEADER_KEYS, "[scenario]", path, diags);
    let h = Reader {
        file: path,
        where_: "[scenario]".into(),
        table: header,
    };
    let name = h.str_opt("name", diags).map(|l| l.text).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let plan_year = match header.get("plan_year") {
        Some(Node {
            val: Val::Int(y),
            line,
        }) => {
            if !(1900..=2200).contains(y) {
                diags.push(
                    "E1006",
                    path,
                    Some(*line),
                    format!("plan_year = {y} is not a plausible school year"),
                    "write the first school year planned, such as 2027",
                );
            }
            *y as i32
        }
        Some(node) => {
            h.wrong(
                "plan_year",
                node,
                "a whole number (the first school year planned)",
                diags,
            );
            0
        }
        None => {
            if !std::ptr::eq(header, &empty) {
                h.missing("plan_year", diags);
            }
            0
        }
    };
    let policy = h.str_opt("policy", diags).map(|l| dir.join(l.text));
    let staff_file = h.str_opt("staff", diags);
    let distances_file = h.str_opt("distances", diags);

    let mut groups = Vec::new();
    for (i, t) in root.tables("groups", diags).into_iter().enumerate() {
        let where_ = format!("[[groups]] #{}", i + 1);
        t.check_keys(GROUP_KEYS, &where_, path, diags);
        let r = Reader {
            file: path,
            where_,
            table: t,
        };
        let id = r.str_req("id", diags);
        let core = r.str_req("core", diags);
        let name = r.str_opt("name", diags).map(|l| l.text);
        let trusteed = r.str_list("trusteed", diags);
        let members = r.str_list("members", diags);
        if let (Some(id), Some(core)) = (id, core) {
            groups.push(RawGroup {
                name: name.unwrap_or_else(|| id.text.clone()),
                id,
                core,
                trusteed,
                members,
            });
        }
    }

    let mut schools = Vec::new();
    for (i, t) in root.tables("schools", diags).into_iter().enumerate() {
        let where_ = format!("[[schools]] #{}", i + 1);
        t.check_keys(SCHOOL_KEYS, &where_, path, diags);
        let r = Reader {
            file: path,
            where_,
            table: t,
        };
        let id = r.str_req("id", diags);
        let name = r.str_opt("name", diags).map(|l| l.text);
        let lat = r.num_req("lat", diags);
        let lon = r.num_req("lon", diags);
        if let (Some(a), Some(b)) = (lat, lon) {
            if !(-90.0..=90.0).contains(&a) || !(-180.0..=180.0).contains(&b) {
                diags.push(
                    "E1027",
                    path,
                    Some(t.line),
                    format!("school coordinates ({a}, {b}) are out of range"),
                    "latitude lies in [-90, 90] and longitude in [-180, 180], in degrees",
                );
            }
        }
        let mut min_subject = Vec::new();
        match t.get("min_subject") {
            None => {}
            Some(Node {
                val: Val::Table(m), ..
            }) => {
                for (subject, n) in &m.entries {
                    match n.val {
                        Val::Int(v) if v >= 0 && v <= u32::MAX as i64 => {
                            min_subject.push((subject.clone(), v as u32))
                        }
                        _ => diags.push(
                            "E1004",
                            path,
                            Some(n.line),
                            format!(
                                "min_subject.{subject} must be a whole number of staff, 0 or more"
                            ),
                            "write e.g. `math = 6`",
                        ),
                    }
                }
            }
            Some(node) => r.wrong("min_subject", node, "a table of subject = count", diags),
        }
        if let (Some(id), Some(lat), Some(lon)) = (id, lat, lon) {
            schools.push(RawSchool {
                name: name.unwrap_or_else(|| id.text.clone()),
                id,
                lat,
                lon,
                min_subject,
            });
        }
    }

    let file: Arc<Path> = Arc::from(path);
    let inline_rows = |key: &str, fields: &[&str], diags: &mut Diagnostics| -> Vec<(Table, Src)> {
        root.tables(key, diags)
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                t.check_keys(fields, &format!("[[{key}]] #{}", i + 1), path, diags);
                (
                    t.clone(),
                    Src {
                        file: file.clone(),
                        line: t.line,
                    },
                )
            })
            .collect()
    };
    let mut staff = Vec::new();
    let inline_staff = inline_rows("staff", STAFF_FIELDS, diags);
    let mut staff_path = None;
    match (&staff_file, inline_staff.is_empty()) {
        (Some(f), false) => diags.push(
            "E1029",
            path,
            Some(f.line),
            "staff are given both as `staff = \"...\"` and as [[staff]] tables",
            "keep one of the two",
        ),
        (Some(f), true) => {
            let p = dir.join(&f.text);
            let n = records::read_csv(&p, &["id", "school", "subject"], diags, |cells, diags| {
                if let Some(s) = cells.staff(diags) {
                    staff.push(s);
                }
            });
            if n == 0 && diags.0.len() == before {
                diags.push(
                    "E1028",
                    &p,
                    None,
                    "the roster has no staff",
                    "add one row per staff member under the header row",
                );
            }
            staff_path = Some(p);
        }
        (None, _) => {
            for (t, src) in &inline_staff {
                let get = |k: &str| cell(t, k);
                if let Some(s) = (Cells {
                    get: &get,
                    src: src.clone(),
                })
                .staff(diags)
                {
                    staff.push(s);
                }
            }
            if inline_staff.is_empty() {
                diags.push("E1028", path, None, "the scenario has no staff", "name a roster with `staff = \"file.csv\"` under [scenario], or add [[staff]] tables");
            }
        }
    }

    let mut distances = Vec::new();
    for (t, src) in inline_rows("distances", DISTANCE_FIELDS, diags) {
        let get = |k: &str| cell(&t, k);
        if let Some(d) = (Cells { get: &get, src }).distance(diags) {
            distances.push(d);
        }
    }
    if let Some(f) = &distances_file {
        let p = dir.join(&f.text);
        records::read_csv(&p, DISTANCE_FIELDS, diags, |cells, diags| {
            if let Some(d) = cells.distance(diags) {
                distances.push(d);
            }
        });
    }

    (diags.0.len() == before).then(|| RawScenario {
        file: path.to_path_buf(),
        name,
        plan_year,
        policy,
        groups,
        schools,
        staff,
        distances,
        staff_file: staff_path,
    })
}

fn cell(t: &Table, key: &str) -> Option<String> {
    t.get(key).and_then(|n| n.val.as_cell())
}
