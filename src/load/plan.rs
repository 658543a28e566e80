//! A plan roster read back: the output format of `solve`, or a plan made by hand.

use std::collections::HashMap;
use std::path::Path;

use rust_i18n::t;
use serde::Serialize;

use crate::error::{Diagnostics, InputError};
use crate::input::columns;
use crate::input::records::{self, Cells};
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, PersonId, SchoolId, SchoolNames};

/// The plan roster columns the reader needs. A plan that names its host schools by name
/// only (交流学校名称, `host_name`) does without `host_school` ([`has_columns`]).
const NEEDED: [&str; 3] = ["person_id", "host_school", "start_year"];

/// The plan roster columns read when the file has them: the person's name, post and home
/// school, to compare with the scenario's roster ([`mismatches`]), and the school names
/// `roster.csv` writes right after each school id, which must agree with the id
/// ([`pair_conflict`]). A plan made by hand may lack them. `roster.csv`'s last column,
/// `status` (binding or tentative), is not read: the start year alone says which a start is.
const OPTIONAL: [&str; 5] = ["name", "post", "home_school", "home_name", "host_name"];

/// The header names a needed plan column goes by, lowercased: its English name, its Chinese
/// header as `roster.csv` writes it (`locales/report.toml`), and the staff column it matches
/// under its names in the roster (`id`, `工号`, `exchange_host`, `交流学校`,
/// `exchange_start`, `交流开始年份`, docs/COLUMNS.md). The CSV reader, given no required
/// column, names columns by the roster's table, so `工号` may come as `id`: both are here.
fn header_names(field: &str) -> Vec<String> {
    let staff = match field {
        "person_id" => "id",
        "host_school" => "exchange_host",
        "start_year" => "exchange_start",
        "home_school" => "school",
        other => other,
    };
    let zh = rust_i18n::t!(format!("report.col.{field}"), locale = "zh");
    let aliases = columns::COLUMNS
        .iter()
        .filter(|c| c.table == columns::Table::Staff && c.field == staff)
        .flat_map(|c| c.aliases.iter().copied());
    let mut names: Vec<String> = Vec::new();
    for n in [field, zh.as_ref(), staff].into_iter().chain(aliases) {
        let n = n.trim().to_lowercase();
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// The row's cell in the first of the columns `names` that the file has.
fn cell_of(cells: &Cells<'_>, names: &[String]) -> Option<String> {
    names.iter().find_map(|n| (cells.get)(n))
}

/// Reads a plan roster (SCENARIO.md output format; only `person_id`, `host_school` and
/// `start_year` are needed, so a hand-made plan works too). Headers in English or Chinese,
/// as `roster.csv` writes them in either language. A school is read by its id or by its
/// exact name ([`SchoolNames`]); a school name cell beside an id must name the same school
/// (E1032 otherwise: someone edited one of the two). A `.xlsx` plan is read from its first
/// sheet, so `plan.xlsx` reads back too.
pub fn read_plan(inst: &Instance, path: &Path) -> Result<Plan, InputError> {
    read_plan_rows(inst, path).map(|(plan, _)| plan)
}

/// What one plan row says of its person besides the start: the name, post and home school
/// cells as the file gives them (trimmed; `None` when the file has no such column or the
/// cell is empty), to compare with the scenario's roster ([`mismatches`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// The person the row starts.
    pub person: PersonId,
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    /// The `name` (姓名) cell.
    pub name: Option<String>,
    /// The `post` (职务) cell, a post word as the roster takes it.
    pub post: Option<String>,
    /// The `home_school` (学校) cell, a school id or name.
    pub home: Option<String>,
}

/// What reading one plan file needs at every row.
struct Reader<'a> {
    inst: &'a Instance,
    people: HashMap<&'a str, PersonId>,
    schools: SchoolNames,
    path: &'a Path,
    /// The header names of each [`NEEDED`] column.
    needed: [Vec<String>; 3],
    /// The header names of each [`OPTIONAL`] column.
    optional: [Vec<String>; 5],
}

/// [`read_plan`], and per start (in the plan's order) the row it came from as a [`PlanRow`].
pub fn read_plan_rows(inst: &Instance, path: &Path) -> Result<(Plan, Vec<PlanRow>), InputError> {
    // A plan in a folder `solve` writes is read whole: a run killed while replacing it is
    // put right first (its old plan or its new one), and none commits while this reads.
    let _hold = crate::write::settled(path);
    let mut diags = Diagnostics::default();
    let r = Reader {
        inst,
        people: inst
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), PersonId(i as u32)))
            .collect(),
        schools: inst.school_names(),
        path,
        needed: NEEDED.map(header_names),
        optional: OPTIONAL.map(header_names),
    };
    let mut plan = Plan::default();
    let mut rows = Vec::new();
    let mut columns_ok = None;
    records::read_csv(path, &[], &mut diags, |cells, diags| {
        let ok = *columns_ok.get_or_insert_with(|| r.has_columns(cells, diags));
        if !ok {
            return;
        }
        if let Some(row) = r.row(cells, diags) {
            plan.starts.push(row.0);
            rows.push(row.1);
        }
    });
    diags.into_result((plan, rows))
}

/// The trimmed cell of the first of the columns `names` that the row has; `None` when it
/// has none or the cell is blank.
fn filled(cells: &Cells<'_>, names: &[String]) -> Option<String> {
    cell_of(cells, names)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Two cells of one row that name a school, its id and its name, and say different things.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Conflict {
    /// The school the id cell names.
    by_id: SchoolId,
    /// The school the name cell names, if it names one.
    by_name: Option<SchoolId>,
}

/// Whether a name cell (`name`) contradicts the school its row's id cell names (`by_id`):
/// it agrees when it is that school's name or id, or finds that school; a name cell left
/// empty, or a school the scenario gives no name, says nothing.
fn pair_conflict(
    inst: &Instance,
    schools: &SchoolNames,
    by_id: SchoolId,
    name: Option<&str>,
) -> Option<Conflict> {
    let name = name?.trim();
    let school = inst.school(by_id);
    let agrees = school.name.trim().is_empty()
        || name == school.name.trim()
        || name == school.id
        || schools.find(name) == Some(by_id);
    (!agrees).then(|| Conflict {
        by_id,
        by_name: schools.find(name),
    })
}

impl Reader<'_> {
    /// Whether the file has every needed column (the host school by id or by name);
    /// reported once (E1005) when not.
    fn has_columns(&self, cells: &Cells<'_>, diags: &mut Diagnostics) -> bool {
        let host_name = &self.optional[4];
        let missing: Vec<String> = (NEEDED.iter().zip(&self.needed))
            .filter(|(f, n)| {
                cell_of(cells, n).is_none()
                    && !(**f == "host_school" && cell_of(cells, host_name).is_some())
            })
            .map(|(f, n)| match *f {
                "host_school" => t!(
                    "plan.read.missing_host",
                    id = format!("{f} ({})", n[1..].join(", ")),
                    name = format!("host_name ({})", host_name[1..].join(", "))
                )
                .into_owned(),
                _ => format!("{f} ({})", n[1..].join(", ")),
            })
            .collect();
        if !missing.is_empty() {
            diags.push(
                "E1005",
                self.path,
                Some(1),
                t!("plan.read.missing", columns = missing.join("; ")),
                t!("plan.read.missing_fix"),
            );
        }
        missing.is_empty()
    }

    /// One plan row as a start and what else it says, or its problems into `diags`.
    fn row(&self, cells: &Cells<'_>, diags: &mut Diagnostics) -> Option<(Start, PlanRow)> {
        let line = cells.src.line;
        let get = |n: &[String]| filled(cells, n);
        let [person, host_id, year] = self.needed.clone().map(|n| get(&n));
        let [name, post, home, home_name, host_name] = self.optional.clone().map(|n| get(&n));
        let (Some(person), Some(host), Some(year)) =
            (person, host_id.clone().or(host_name.clone()), year)
        else {
            self.push(
                diags,
                ("E1032", line),
                t!("plan.read.incomplete"),
                t!("plan.read.incomplete_fix"),
            );
            return None;
        };
        let Some(&p) = self.people.get(person.as_str()) else {
            let cause = t!("plan.read.unknown_person", person = person);
            self.push(
                diags,
                ("E1031", line),
                cause,
                t!("plan.read.unknown_person_fix"),
            );
            return None;
        };
        let Some(h) = self.schools.find(&host) else {
            let cause = t!("plan.read.unknown_host", host = host);
            self.push(diags, ("E1032", line), cause, self.schools.hint(&host));
            return None;
        };
        let host_pair = host_id.is_some().then_some(host_name.as_deref()).flatten();
        let mut ok = self.agree(diags, line, "host", (&host, h), host_pair);
        if let Some(home_text) = &home {
            if let Some(hm) = self.schools.find(home_text) {
                ok &= self.agree(diags, line, "home", (home_text, hm), home_name.as_deref());
            }
        }
        let Some(y) = columns::parse_whole(&year) else {
            let cause = t!("plan.read.bad_year", year = year);
            self.push(diags, ("E1012", line), cause, t!("plan.read.bad_year_fix"));
            return None;
        };
        let start = Start {
            person: p,
            host: h,
            year: y,
        };
        let home = home.or(home_name);
        let row = PlanRow {
            person: p,
            line,
            name,
            post,
            home,
        };
        ok.then_some((start, row))
    }

    /// Whether the school name cell of a row agrees with its id cell (`id` as written and
    /// the school it names); reported (E1032) with both cells and the fix when not. `which`
    /// is `host` or `home`.
    fn agree(
        &self,
        diags: &mut Diagnostics,
        line: usize,
        which: &str,
        (id, by_id): (&str, SchoolId),
        name: Option<&str>,
    ) -> bool {
        let Some(c) = pair_conflict(self.inst, &self.schools, by_id, name) else {
            return true;
        };
        let name = name.unwrap_or_default();
        let school = self.inst.school(c.by_id);
        let id_col = t!(format!("report.col.{which}_school"));
        let name_col = t!(format!("report.col.{which}_name"));
        let other = match c.by_name {
            Some(s) => t!("plan.read.pair_other", id = self.inst.school(s).id),
            None => t!("plan.read.pair_no_school"),
        };
        let cause = t!(
            "plan.read.pair",
            id_col = id_col,
            id = id,
            id_name = school.name.trim(),
            name_col = name_col,
            name = name,
            other = other
        );
        let fix = match c.by_name {
            Some(s) => t!(
                "plan.read.pair_fix",
                id_col = id_col,
                name_col = name_col,
                name = name,
                other_id = self.inst.school(s).id,
                id_name = school.name.trim()
            ),
            None => t!(
                "plan.read.pair_fix_unknown",
                name_col = name_col,
                id_name = school.name.trim(),
                hint = self.schools.hint(name)
            ),
        };
        self.push(diags, ("E1032", line), cause, fix);
        false
    }

    /// A problem of the row at `line` of the plan file.
    fn push(
        &self,
        diags: &mut Diagnostics,
        (code, line): (&'static str, usize),
        cause: impl Into<String>,
        fix: impl Into<String>,
    ) {
        diags.push(code, self.path, Some(line), cause, fix);
    }
}

/// A person field a plan row can state and the scenario's roster also holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanField {
    /// `name` (姓名).
    Name,
    /// `post` (职务).
    Post,
    /// `home_school` (学校).
    HomeSchool,
}

/// A plan row that says of its person something else than the scenario's roster does: a
/// plan edited by hand against an older roster. A warning, never an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The person's id.
    pub person: String,
    /// The field that differs.
    pub field: PlanField,
    /// The plan's cell, as written.
    pub plan: String,
    /// The roster's value: the name, the post word in English (`teacher`, `cadre`,
    /// `principal`), or the home school's id.
    pub roster: String,
    /// The plan row's line.
    pub line: usize,
}

/// Every field of every row in which the plan and the scenario's roster differ, in row
/// order, name before post before home school. Names compare after trimming; a post by its
/// meaning (any word of [`columns::POST_WORDS`], so `教师` matches `teacher`; a word the
/// roster would refuse differs); a home school by id, or by name. A cell the plan leaves
/// empty or lacks says nothing and differs from nothing.
pub fn mismatches(inst: &Instance, rows: &[PlanRow]) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for row in rows {
        let p = inst.person(row.person);
        let home = inst.school(p.home);
        let mut push = |field, plan: &String, roster: &str| {
            out.push(Mismatch {
                person: p.id.clone(),
                field,
                plan: plan.clone(),
                roster: roster.to_string(),
                line: row.line,
            })
        };
        if let Some(n) = row.name.as_ref().filter(|n| n.as_str() != p.name.trim()) {
            push(PlanField::Name, n, p.name.trim());
        }
        let post_differs = |w: &&String| columns::parse_post(w) != Some(p.post);
        if let Some(w) = row.post.as_ref().filter(post_differs) {
            push(PlanField::Post, w, p.post.as_str());
        }
        let home_differs = |h: &&String| h.as_str() != home.id && h.as_str() != home.name;
        if let Some(h) = row.home.as_ref().filter(home_differs) {
            push(PlanField::HomeSchool, h, &home.id);
        }
    }
    out
}
