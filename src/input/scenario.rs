//! The scenario file: county, groups, schools, and where the roster and distances are.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::records::cells::Cells;
use super::records::csv_file::read_csv;
use super::records::distance_row::{RawDistance, DISTANCE_FIELDS};
use super::records::row_source::{Src, IN_MEMORY};
use super::records::staff_row::{RawStaff, STAFF_FIELDS};
use super::toml_with_lines::{self, Node, Table, Val};
use crate::error::Diagnostics;
use rust_i18n::t;

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
}

impl RawSchool {
    /// A school with no subject minimum, named by its id.
    pub fn new(id: &str, lat: f64, lon: f64) -> Self {
        RawSchool {
            id: id.into(),
            name: id.to_string(),
            coords: Some((lat, lon)),
            min_subject: Vec::new(),
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
        }
    }
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
            t!("input.lacks_key", place = self.where_, key = key),
            t!("input.lacks_key_fix", place = self.where_, key = key),
        );
    }

    fn wrong(&self, key: &str, node: &Node, want: &str, diags: &mut Diagnostics) {
        diags.push(
            "E1004",
            self.file,
            Some(node.line),
            t!(
                "input.wrong_type",
                key = key,
                place = self.where_,
                want = want,
                found = node.val.type_name()
            ),
            t!("input.wrong_type_fix", key = key, want = want),
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
                self.wrong(key, node, &t!("input.type.string"), diags);
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

    fn num_opt(&self, key: &str, diags: &mut Diagnostics) -> Option<f64> {
        match self.table.get(key) {
            None => None,
            Some(Node {
                val: Val::Float(f), ..
            }) => Some(*f),
            Some(Node {
                val: Val::Int(i), ..
            }) => Some(*i as f64),
            Some(node) => {
                self.wrong(key, node, &t!("input.type.number"), diags);
                None
            }
        }
    }

    fn str_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<Located> {
        let Some(node) = self.table.get(key) else {
            return Vec::new();
        };
        let Val::List(items) = &node.val else {
            self.wrong(key, node, &t!("input.want.school_ids"), diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.val {
                Val::Str(s) => out.push(Located {
                    text: s.clone(),
                    line: item.line,
                }),
                _ => self.wrong(key, item, &t!("input.want.strings"), diags),
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
            self.wrong(key, node, &t!("input.want.tables", key = key), diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.val {
                Val::Table(t) => out.push(t),
                _ => self.wrong(key, item, &t!("input.want.table", key = key), diags),
            }
        }
        out
    }
}

const TOP_KEYS: &[&str] = &["scenario", "groups", "schools", "staff", "distances"];
const HEADER_KEYS: &[&str] = &[
    "name",
    "plan_year",
    "policy",
    "staff",
    "distances",
    "staff_sheet",
    "distances_sheet",
];
const GROUP_KEYS: &[&str] = &["id", "name", "core", "trusteed", "members"];
const SCHOOL_KEYS: &[&str] = &["id", "name", "lat", "lon", "min_subject"];

/// Reads the scenario file and the roster and distance files it names, and gives the
/// policy file it names (if it could be read that far). The scenario is `None` when any
/// problem was found (all of them are in `diags`).
pub(crate) fn read(path: &Path, diags: &mut Diagnostics) -> (Option<RawScenario>, Option<PathBuf>) {
    let before = diags.0.len();
    let Some(top) = toml_with_lines::read_file(
        path,
        &t!("input.what.scenario_file"),
        &t!("input.scenario_path_fix"),
        diags,
    ) else {
        return (None, None);
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let where_ = t!("input.where.scenario_file").into_owned();
    top.check_keys(TOP_KEYS, &where_, path, diags);
    let root = Reader {
        file: path,
        where_,
        table: &top,
    };
    let header = header(&root, dir, diags);
    let groups = groups(&root, diags);
    let schools = schools(&root, diags);
    let (staff, staff_file) = staff(&root, &header, dir, before, diags);
    let distances = distances(&root, &header, dir, diags);
    if diags.0.len() != before {
        // Validation, which reports repeated ids otherwise, will not run.
        repeated_ids(&staff, diags);
    }
    let policy = header.policy.clone();
    let raw = (diags.0.len() == before).then(|| RawScenario {
        file: path.to_path_buf(),
        name: header.name,
        plan_year: header.plan_year,
        policy: header.policy,
        groups,
        schools,
        staff,
        distances,
        staff_file,
    });
    (raw, policy)
}

/// The `[scenario]` section, with the files it names still relative.
struct Header {
    name: String,
    plan_year: i32,
    policy: Option<PathBuf>,
    staff: Option<Located>,
    distances: Option<Located>,
    /// The roster's sheet when the roster is a workbook (`staff_sheet`).
    staff_sheet: Option<Located>,
    /// The distance table's sheet when it is a workbook (`distances_sheet`).
    distances_sheet: Option<Located>,
}

fn header(root: &Reader, dir: &Path, diags: &mut Diagnostics) -> Header {
    let path = root.file;
    let empty = Table::default();
    let given = header_table(root, diags);
    let table = given.unwrap_or(&empty);
    table.check_keys(HEADER_KEYS, "[scenario]", path, diags);
    let h = Reader {
        file: path,
        where_: "[scenario]".into(),
        table,
    };
    let name = h.str_opt("name", diags).map(|l| l.text).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let plan_year = plan_year(&h, given.is_some(), diags);
    Header {
        name,
        plan_year,
        policy: h.str_opt("policy", diags).map(|l| dir.join(l.text)),
        staff: h.str_opt("staff", diags),
        distances: h.str_opt("distances", diags),
        staff_sheet: h.str_opt("staff_sheet", diags),
        distances_sheet: h.str_opt("distances_sheet", diags),
    }
}

/// The `[scenario]` table; `None`, reported, when it is missing or not a table.
fn header_table<'a>(root: &Reader<'a>, diags: &mut Diagnostics) -> Option<&'a Table> {
    match root.table.get("scenario") {
        Some(Node {
            val: Val::Table(t), ..
        }) => Some(t),
        Some(node) => {
            root.wrong("scenario", node, &t!("input.want.scenario_table"), diags);
            None
        }
        None => {
            diags.push(
                "E1005",
                root.file,
                None,
                t!("input.no_scenario_section"),
                t!("input.no_scenario_section_fix"),
            );
            None
        }
    }
}

/// The plan year, or 0 when it is missing or mistyped. A missing `[scenario]` section was
/// reported already, so its missing year is not reported again.
fn plan_year(h: &Reader, section_given: bool, diags: &mut Diagnostics) -> i32 {
    match h.table.get("plan_year") {
        Some(Node {
            val: Val::Int(y),
            line,
        }) => {
            if !(1900..=2200).contains(y) {
                diags.push(
                    "E1006",
                    h.file,
                    Some(*line),
                    t!("input.implausible_year", year = y),
                    t!("input.implausible_year_fix"),
                );
            }
            *y as i32
        }
        Some(node) => {
            h.wrong("plan_year", node, &t!("input.want.plan_year"), diags);
            0
        }
        None => {
            if section_given {
                h.missing("plan_year", diags);
            }
            0
        }
    }
}

/// The reader of the `i`-th (from 0) table of `[[key]]`, its keys checked.
fn entry<'a>(
    root: &Reader<'a>,
    key: &str,
    i: usize,
    t: &'a Table,
    keys: &[&str],
    diags: &mut Diagnostics,
) -> Reader<'a> {
    let where_ = entry_name(key, i, t);
    t.check_keys(keys, &where_, root.file, diags);
    Reader {
        file: root.file,
        where_,
        table: t,
    }
}

/// `[[key]]` `id` (name) when the table has a string id, else `[[key]] #n`: HR knows its
/// schools by id and name, not by their order in the file.
fn entry_name(key: &str, i: usize, t: &Table) -> String {
    let text = |k: &str| match t.get(k).map(|n| &n.val) {
        Some(Val::Str(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    match (text("id"), text("name")) {
        (Some(id), Some(name)) if name != id => {
            t!("input.entry_named", key = key, id = id, name = name).into_owned()
        }
        (Some(id), _) => t!("input.entry_id", key = key, id = id).into_owned(),
        (None, _) => t!("input.entry_nth", key = key, n = i + 1).into_owned(),
    }
}

fn groups(root: &Reader, diags: &mut Diagnostics) -> Vec<RawGroup> {
    let mut groups = Vec::new();
    for (i, t) in root.tables("groups", diags).into_iter().enumerate() {
        let r = entry(root, "groups", i, t, GROUP_KEYS, diags);
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
    groups
}

fn schools(root: &Reader, diags: &mut Diagnostics) -> Vec<RawSchool> {
    let mut schools = Vec::new();
    for (i, t) in root.tables("schools", diags).into_iter().enumerate() {
        let r = entry(root, "schools", i, t, SCHOOL_KEYS, diags);
        schools.extend(school(&r, diags));
    }
    schools
}

fn school(r: &Reader, diags: &mut Diagnostics) -> Option<RawSchool> {
    let id = r.str_req("id", diags);
    let name = r.str_opt("name", diags).map(|l| l.text);
    let coords = coords(r, diags);
    let min_subject = min_subject(r, diags);
    let id = id?;
    Some(RawSchool {
        name: name.unwrap_or_else(|| id.text.clone()),
        id,
        coords: coords?,
        min_subject,
    })
}

/// `lat` and `lon`: both (in range), or neither, when the distance table gives every
/// distance the school needs (checked once the instance is known). `None`: a problem.
fn coords(r: &Reader, diags: &mut Diagnostics) -> Option<Option<(f64, f64)>> {
    let (lat, lon) = (r.num_opt("lat", diags), r.num_opt("lon", diags));
    let line = |key: &str| r.table.get(key).map(|n| n.line);
    let (a, b) = match (lat, lon, line("lat"), line("lon")) {
        (Some(a), Some(b), _, _) => (a, b),
        (None, None, None, None) => return Some(None),
        (_, _, Some(_), Some(_)) => return None, // a wrong type, reported already
        (_, _, given, _) => {
            let (has, lacks) = if given.is_some() {
                ("lat", "lon")
            } else {
                ("lon", "lat")
            };
            diags.push(
                "E1027",
                r.file,
                line(has),
                t!(
                    "input.coord_half",
                    place = r.where_,
                    has = has,
                    lacks = lacks
                ),
                t!("input.coord_half_fix", has = has, lacks = lacks),
            );
            return None;
        }
    };
    if !(-90.0..=90.0).contains(&a) || !(-180.0..=180.0).contains(&b) {
        diags.push(
            "E1027",
            r.file,
            line(if (-90.0..=90.0).contains(&a) {
                "lon"
            } else {
                "lat"
            }),
            t!("input.coords_range", place = r.where_, lat = a, lon = b),
            t!("input.coordinates_fix"),
        );
    }
    Some(Some((a, b)))
}

/// The largest minimum of one subject at one school: more staff than any school has.
const MAX_MIN_SUBJECT: i64 = 10_000;

/// `[schools.min_subject]`: subject = minimum staff present.
fn min_subject(r: &Reader, diags: &mut Diagnostics) -> Vec<(String, u32)> {
    let mut min_subject = Vec::new();
    let m = match r.table.get("min_subject") {
        None => return min_subject,
        Some(Node {
            val: Val::Table(m), ..
        }) => m,
        Some(node) => {
            r.wrong("min_subject", node, &t!("input.want.min_subject"), diags);
            return min_subject;
        }
    };
    for (subject, n) in &m.entries {
        match n.val {
            Val::Int(v) if (0..=MAX_MIN_SUBJECT).contains(&v) => {
                min_subject.push((subject.clone(), v as u32))
            }
            _ => diags.push(
                "E1004",
                r.file,
                Some(n.line),
                t!("input.min_subject_bad", subject = subject),
                t!("input.min_subject_bad_fix"),
            ),
        }
    }
    min_subject
}

/// The inline `[[key]]` rows, their keys checked against the row fields.
fn inline_rows(
    root: &Reader,
    key: &str,
    fields: &[&str],
    diags: &mut Diagnostics,
) -> Vec<(Table, Src)> {
    let file: Arc<Path> = Arc::from(root.file);
    root.tables(key, diags)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            t.check_keys(fields, &entry_name(key, i, t), root.file, diags);
            (
                t.clone(),
                Src {
                    file: file.clone(),
                    line: t.line,
                },
            )
        })
        .collect()
}

/// The staff, from the roster file or inline, and the roster's path. `before` counts the
/// problems found before this file: an empty roster is worth a message only when the file
/// read cleanly.
fn staff(
    root: &Reader,
    header: &Header,
    dir: &Path,
    before: usize,
    diags: &mut Diagnostics,
) -> (Vec<RawStaff>, Option<PathBuf>) {
    let inline = inline_rows(root, "staff", STAFF_FIELDS, diags);
    let sheet = Sheet::of(root, "staff_sheet", header.staff_sheet.as_ref());
    match (header.staff.as_ref(), inline.is_empty()) {
        (Some(f), false) => {
            diags.push(
                "E1029",
                root.file,
                Some(f.line),
                t!("input.staff_twice"),
                t!("input.staff_twice_fix"),
            );
            (Vec::new(), None)
        }
        (Some(f), true) => {
            let p = dir.join(&f.text);
            (roster_staff(&p, &sheet, before, diags), Some(p))
        }
        (None, _) => {
            sheet.without_file("staff", diags);
            (inline_staff(root.file, &inline, diags), None)
        }
    }
}

fn roster_staff(p: &Path, sheet: &Sheet, before: usize, diags: &mut Diagnostics) -> Vec<RawStaff> {
    let mut staff = Vec::new();
    let n = sheet.read(p, &["id", "school", "subject"], diags, |cells, diags| {
        staff.extend(cells.staff(diags));
    });
    if n == 0 && diags.0.len() == before {
        diags.push(
            "E1028",
            p,
            None,
            t!("input.roster_empty"),
            t!("input.roster_empty_fix"),
        );
    }
    staff
}

/// Every row that repeats an earlier row's staff id (E1020, as validation reports it), so
/// that a roster with a bad cell elsewhere still gets every problem at once.
fn repeated_ids(staff: &[RawStaff], diags: &mut Diagnostics) {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, s) in staff.iter().enumerate() {
        let row = *first.entry(&s.id).or_insert(i);
        if row != i {
            let line = staff[row].src.line;
            diags.push(
                "E1020",
                &s.src.file,
                Some(s.src.line),
                t!("instance.person_twice", id = s.id, first_line = line),
                t!("instance.person_twice_fix"),
            );
        }
    }
}

fn inline_staff(path: &Path, rows: &[(Table, Src)], diags: &mut Diagnostics) -> Vec<RawStaff> {
    if rows.is_empty() {
        diags.push(
            "E1028",
            path,
            None,
            t!("input.no_staff"),
            t!("input.no_staff_fix"),
        );
    }
    rows.iter()
        .filter_map(|(t, src)| table_cells(t, src.clone(), |c| c.staff(diags)))
        .collect()
}

/// Inline distance rows first, then those of the distances file.
fn distances(
    root: &Reader,
    header: &Header,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<RawDistance> {
    let mut distances = Vec::new();
    for (t, src) in inline_rows(root, "distances", DISTANCE_FIELDS, diags) {
        distances.extend(table_cells(&t, src, |c| c.distance(diags)));
    }
    let sheet = Sheet::of(root, "distances_sheet", header.distances_sheet.as_ref());
    match &header.distances {
        Some(f) => {
            sheet.read(
                &dir.join(&f.text),
                DISTANCE_FIELDS,
                diags,
                |cells, diags| {
                    distances.extend(cells.distance(diags));
                },
            );
        }
        None => sheet.without_file("distances", diags),
    }
    distances
}

/// The sheet a `staff_sheet` or `distances_sheet` key names, if any, with where the key stands.
struct Sheet<'a> {
    key: &'static str,
    name: Option<&'a Located>,
    scenario: &'a Path,
}

impl<'a> Sheet<'a> {
    fn of(root: &Reader<'a>, key: &'static str, name: Option<&'a Located>) -> Self {
        Sheet {
            key,
            name,
            scenario: root.file,
        }
    }

    /// Reads the file's rows: the named sheet of a workbook, or as [`read_csv`]
    /// does (a CSV, or a workbook's first sheet) when no sheet is named. A sheet named for a
    /// CSV file is refused: the file is likely not the one meant.
    fn read(
        &self,
        path: &Path,
        required: &[&str],
        diags: &mut Diagnostics,
        row: impl FnMut(&Cells<'_>, &mut Diagnostics),
    ) -> usize {
        let Some(name) = self.name else {
            return read_csv(path, required, diags, row);
        };
        if !super::sheet::is_workbook(path) {
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            self.refuse(
                t!("input.csv_has_no_sheets", file = file).into_owned(),
                diags,
            );
            return 0;
        }
        let wanted = super::sheet::Wanted {
            key: self.key,
            name: &name.text,
            file: self.scenario,
            line: name.line,
        };
        super::sheet::read_named_sheet(path, Some(&wanted), required, diags, row)
    }

    /// A sheet named with no file to take it from (the rows are inline tables).
    fn without_file(&self, file_key: &str, diags: &mut Diagnostics) {
        if self.name.is_some() {
            self.refuse(
                t!("input.no_sheet_file", key = file_key).into_owned(),
                diags,
            );
        }
    }

    fn refuse(&self, why: String, diags: &mut Diagnostics) {
        let Some(name) = self.name else { return };
        diags.push(
            "E1038",
            self.scenario,
            Some(name.line),
            t!(
                "input.sheet_refused",
                key = self.key,
                sheet = name.text,
                why = why
            ),
            t!(
                "input.sheet_refused_fix",
                key = self.key,
                file_key = self.key.trim_end_matches("_sheet")
            ),
        );
    }
}

/// Runs `f` on an inline table's values as the text cells of a row.
fn table_cells<T>(t: &Table, src: Src, f: impl FnOnce(&Cells<'_>) -> T) -> T {
    let get = |k: &str| t.get(k).and_then(|n| n.val.as_cell());
    f(&Cells { get: &get, src })
}
