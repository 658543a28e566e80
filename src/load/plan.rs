//! A plan roster read back: the output format of `solve`, or a plan made by hand.

use std::collections::HashMap;
use std::path::Path;

use rust_i18n::t;
use serde::Serialize;

use crate::error::{Diagnostics, InputError};
use crate::input::columns;
use crate::input::records::{self, Cells};
use crate::instance::plan::{Plan, Start};
use crate::instance::{Instance, PersonId};

/// The plan roster columns the reader needs.
const NEEDED: [&str; 3] = ["person_id", "host_school", "start_year"];

/// The plan roster columns read when the file has them, to compare with the scenario's
/// roster ([`mismatches`]): a plan made by hand may lack them.
const OPTIONAL: [&str; 3] = ["name", "post", "home_school"];

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
/// as `roster.csv` writes them in either language; other columns, such as the school names,
/// are ignored. A `.xlsx` plan is read from its first sheet, so `plan.xlsx` reads back too.
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
    /// The `home_school` (学校) cell, a school id.
    pub home: Option<String>,
}

/// [`read_plan`], and per start (in the plan's order) the row it came from as a [`PlanRow`].
pub fn read_plan_rows(inst: &Instance, path: &Path) -> Result<(Plan, Vec<PlanRow>), InputError> {
    let mut diags = Diagnostics::default();
    let people: HashMap<&str, PersonId> = inst
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), PersonId(i as u32)))
        .collect();
    let names = NEEDED.map(header_names);
    let optional = OPTIONAL.map(header_names);
    let mut plan = Plan::default();
    let mut rows = Vec::new();
    let mut columns_ok = None;
    records::read_csv(path, &[], &mut diags, |cells, diags| {
        let ok = *columns_ok.get_or_insert_with(|| has_columns(cells, &names, path, diags));
        if ok && plan_row(inst, &people, path, cells, &names, diags, &mut plan) {
            rows.push(extra_cells(
                cells,
                &optional,
                plan.starts[plan.starts.len() - 1],
            ));
        }
    });
    diags.into_result((plan, rows))
}

/// The optional cells of the row that gave `start`.
fn extra_cells(cells: &Cells<'_>, optional: &[Vec<String>; 3], start: Start) -> PlanRow {
    let get = |n: &[String]| {
        cell_of(cells, n)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    PlanRow {
        person: start.person,
        line: cells.src.line,
        name: get(&optional[0]),
        post: get(&optional[1]),
        home: get(&optional[2]),
    }
}

/// Whether the file has every needed column; reported once (E1005) when not.
fn has_columns(
    cells: &Cells<'_>,
    names: &[Vec<String>; 3],
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let missing: Vec<String> = (NEEDED.iter().zip(names))
        .filter(|(_, n)| cell_of(cells, n).is_none())
        .map(|(f, n)| format!("{f} ({})", n[1..].join(", ")))
        .collect();
    if !missing.is_empty() {
        diags.push(
            "E1005",
            path,
            Some(1),
            t!("plan.read.missing", columns = missing.join("; ")),
            t!("plan.read.missing_fix"),
        );
    }
    missing.is_empty()
}

/// One plan row into `plan` (true), or its problem into `diags` (false).
fn plan_row(
    inst: &Instance,
    people: &HashMap<&str, PersonId>,
    path: &Path,
    cells: &Cells<'_>,
    names: &[Vec<String>; 3],
    diags: &mut Diagnostics,
    plan: &mut Plan,
) -> bool {
    let line = Some(cells.src.line);
    let get = |n: &[String]| {
        cell_of(cells, n)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let person = get(&names[0]);
    let host = get(&names[1]);
    let year = get(&names[2]);
    let (Some(person), Some(host), Some(year)) = (person, host, year) else {
        diags.push(
            "E1032",
            path,
            line,
            t!("plan.read.incomplete"),
            t!("plan.read.incomplete_fix"),
        );
        return false;
    };
    let Some(&p) = people.get(person.as_str()) else {
        diags.push(
            "E1031",
            path,
            line,
            t!("plan.read.unknown_person", person = person),
            t!("plan.read.unknown_person_fix"),
        );
        return false;
    };
    let Some(h) = inst.school_by_id(&host) else {
        diags.push(
            "E1032",
            path,
            line,
            t!("plan.read.unknown_host", host = host),
            t!("plan.read.unknown_host_fix"),
        );
        return false;
    };
    let Some(y) = columns::parse_whole(&year) else {
        diags.push(
            "E1012",
            path,
            line,
            t!("plan.read.bad_year", year = year),
            t!("plan.read.bad_year_fix"),
        );
        return false;
    };
    plan.starts.push(Start {
        person: p,
        host: h,
        year: y,
    });
    true
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
