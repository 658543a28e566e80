//! `roll`: next year's scenario from this year's and the plan carried out (SCENARIO.md v2,
//! "Next year's scenario"). The rules work on texts, not on parsed staff: the roster's CSV
//! records by header name, so columns the reader does not know (HR exports carry many), their
//! order, a byte-order mark and CRLF line ends all survive; the scenario's TOML through
//! `toml_edit`, so the user's comments and layout survive.
//!
//! [`roll_roster`], [`inline_staff_csv`], [`rewrite_scenario`], [`next_name`] and
//! [`relative_path`] are pure functions of texts; [`prepare`] reads the files and applies
//! them, and [`write()`] writes every output in one atomic step.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use toml_edit::{DocumentMut, Item, TableLike, Value};

use crate::error::{Diagnostics, InputError};
use crate::input::columns::label;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::report::{escape_cell, with_bom};
use rust_i18n::t;

/// One start of the plan carried out, by the ids of the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    /// The person's id.
    pub person: String,
    /// The host school's id.
    pub host: String,
    /// The start year.
    pub year: i32,
}

/// A person who leaves the roster because they retire by the new plan year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Retiree {
    /// The person's id.
    pub id: String,
    /// Display name (may be empty).
    pub name: String,
    /// Home school id.
    pub school: String,
    /// The year of statutory retirement.
    pub retire_year: i32,
}

/// The roster rolled one year on, and what happened to whom.
#[derive(Debug, Clone, PartialEq)]
pub struct RolledRoster {
    /// The new roster file: the input's columns in their order (plus any column a rule had to
    /// fill that the input lacked, appended), its line ends, a byte-order mark, and formula-like
    /// cells escaped (`report::escape_cell`).
    pub csv: Vec<u8>,
    /// Who left the roster (`retire_year ≤ Y0 + 1`), in roster order.
    pub retired: Vec<Retiree>,
    /// Ids of those whose plan start in `Y0` is now an exchange under way.
    pub started: Vec<String>,
    /// Ids of those whose exchange under way ended in `Y0`: back home in `Y0 + 1`.
    pub returned: Vec<String>,
    /// Plan starts after `Y0` (tentative; planned again) and starts of retirees, dropped.
    pub dropped: usize,
    /// Staff rows in the new roster.
    pub staff: usize,
}

/// A CSV file as header and records of text cells (as the user meant them, unescaped), and
/// its line ends.
struct Records {
    crlf: bool,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The line each row starts on, for messages.
    lines: Vec<usize>,
}

impl Records {
    fn parse(text: &str) -> Result<Records, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut all = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| t!("tools.roll.roster_unreadable", error = e))?;
            let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
            let cells = rec
                .iter()
                .map(|c| crate::input::records::unescape_cell(c).to_string());
            all.push((line, cells.collect::<Vec<_>>()));
        }
        let mut all = all.into_iter();
        let (_, header) = all.next().ok_or_else(|| t!("tools.roll.no_header"))?;
        let (lines, rows) = all
            .map(|(line, mut r)| {
                // A cell beyond the header has no column name: the reader never sees it.
                r.resize(header.len(), String::new());
                (line, r)
            })
            .unzip();
        Ok(Records {
            crlf,
            header,
            rows,
            lines,
        })
    }

    /// The column of a field, named as the roster reader names it (trimmed, any case, or
    /// one of its Chinese or English aliases), so a roster headed 本校任教年限 rolls too.
    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| {
            crate::input::columns::field_of(crate::input::columns::Table::Staff, h) == Some(name)
                || h.trim().to_lowercase() == name
        })
    }

    fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.col(name).map(|i| row[i].trim()).unwrap_or("")
    }

    /// Sets a cell, appending the column when the roster lacks it.
    fn set(&mut self, r: usize, name: &str, value: String) {
        let i = self.col(name).unwrap_or_else(|| {
            self.header.push(name.to_string());
            self.rows.iter_mut().for_each(|row| row.push(String::new()));
            self.header.len() - 1
        });
        self.rows[r][i] = value;
    }

    fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let term = if self.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let mut w = csv::WriterBuilder::new()
            .terminator(term)
            .from_writer(Vec::new());
        let bad = |e: csv::Error| e.to_string();
        // Every cell is the user's: a number stays as it is, a formula-like text is escaped.
        let escaped = |r: &[String]| {
            r.iter()
                .map(|c| escape_cell(c).into_owned())
                .collect::<Vec<_>>()
        };
        w.write_record(escaped(&self.header)).map_err(bad)?;
        for r in &self.rows {
            w.write_record(escaped(r)).map_err(bad)?;
        }
        Ok(with_bom(w.into_inner().map_err(|e| e.to_string())?))
    }
}

/// A year cell: `None` when empty, an error naming the row when not a year.
fn year_cell(t: &Records, row: &[String], name: &str, line: usize) -> Result<Option<i32>, String> {
    let v = t.get(row, name);
    if v.is_empty() {
        return Ok(None);
    }
    // As the reader reads it: `2031`, `2031.0` or a date such as a workbook's `2031-07-01`.
    crate::input::columns::parse_year(v)
        .map(Some)
        .ok_or_else(|| {
            t!(
                "tools.roll.not_a_year",
                line = line,
                col = label(name),
                value = v
            )
            .into()
        })
}

/// What the rules do to one row.
enum Fate {
    Retires(Retiree),
    Starts(String),
    Returns,
    Ages,
}

/// The rule that applies to a row, in the order SCENARIO.md states them: retirement first;
/// a start in `Y0` wins over an exchange ending in `Y0` (the plan is taken as carried out).
fn fate(t: &Records, row: &[String], line: usize, ctx: &Ctx) -> Result<Fate, String> {
    let id = t.get(row, "id");
    if let Some(r) = year_cell(t, row, "retire_year", line)? {
        if r <= ctx.y0 + 1 {
            return Ok(Fate::Retires(Retiree {
                id: id.to_string(),
                name: t.get(row, "name").to_string(),
                school: t.get(row, "school").to_string(),
                retire_year: r,
            }));
        }
    }
    if let Some(host) = ctx.starts.get(id) {
        return Ok(Fate::Starts(host.clone()));
    }
    let away = !t.get(row, "exchange_host").is_empty();
    let start = year_cell(t, row, "exchange_start", line)?;
    match start {
        Some(s) if away && s + ctx.term_years - 1 == ctx.y0 => Ok(Fate::Returns),
        _ => Ok(Fate::Ages),
    }
}

/// The plan year and term, and the plan's starts in `Y0` by person.
struct Ctx {
    y0: i32,
    term_years: i32,
    starts: HashMap<String, String>,
}

/// Rolls a roster (CSV text) from plan year `y0` to `y0 + 1`, given the policy's
/// `term_years` and the plan carried out (SCENARIO.md v2, `roll`):
/// - `retire_year ≤ y0 + 1`: the row leaves the roster and is listed in `retired`;
/// - a plan start in `y0`: `exchange_host` = its host, `exchange_start` = `y0`;
///   `years_at_school + 1` (the person has not come back, so continuity goes on);
/// - an exchange under way with `exchange_start + term_years - 1 = y0`: host and start
///   cleared, `last_return_year = y0 + 1`, `years_at_school = 0`;
/// - everyone else: `years_at_school + 1` (an empty cell counts as 0);
/// - every row kept: `assign_host` and `assign_year` cleared; every other cell unchanged.
///
/// Plan starts of later years are dropped. Rows with only empty cells are kept as they are.
/// An error names the line of a year cell that is not a year.
pub fn roll_roster(
    text: &str,
    y0: i32,
    term_years: i32,
    plan: &[Carried],
) -> Result<RolledRoster, String> {
    let mut t = Records::parse(text)?;
    let starts: HashMap<String, String> = plan
        .iter()
        .filter(|c| c.year == y0)
        .map(|c| (c.person.clone(), c.host.clone()))
        .collect();
    let ctx = Ctx {
        y0,
        term_years,
        starts,
    };
    let mut out = RolledRoster {
        csv: Vec::new(),
        retired: Vec::new(),
        started: Vec::new(),
        returned: Vec::new(),
        dropped: plan.iter().filter(|c| c.year != y0).count(),
        staff: 0,
    };
    let mut keep = Vec::new();
    for r in 0..t.rows.len() {
        let kept = apply(&mut t, r, &ctx, &mut out)?;
        keep.push(kept);
    }
    let mut flags = keep.into_iter();
    t.rows.retain(|_| flags.next().unwrap_or(true));
    out.dropped += out
        .retired
        .iter()
        .filter(|p| ctx.starts.contains_key(&p.id))
        .count();
    out.csv = t.to_bytes()?;
    Ok(out)
}

/// Applies the rules to row `r`; `false` when the row leaves the roster.
fn apply(t: &mut Records, r: usize, ctx: &Ctx, out: &mut RolledRoster) -> Result<bool, String> {
    let row = t.rows[r].clone();
    if row.iter().all(|c| c.trim().is_empty()) {
        return Ok(true);
    }
    let line = t.lines[r];
    let years = year_cell(t, &row, "years_at_school", line)?.unwrap_or(0);
    let id = t.get(&row, "id").to_string();
    match fate(t, &row, line, ctx)? {
        Fate::Retires(p) => {
            out.retired.push(p);
            return Ok(false);
        }
        Fate::Starts(host) => {
            t.set(r, "exchange_host", host);
            t.set(r, "exchange_start", ctx.y0.to_string());
            t.set(r, "years_at_school", (years + 1).to_string());
            out.started.push(id);
        }
        Fate::Returns => {
            t.set(r, "exchange_host", String::new());
            t.set(r, "exchange_start", String::new());
            t.set(r, "last_return_year", (ctx.y0 + 1).to_string());
            t.set(r, "years_at_school", "0".to_string());
            out.returned.push(id);
        }
        Fate::Ages => t.set(r, "years_at_school", (years + 1).to_string()),
    }
    for pin in ["assign_host", "assign_year"] {
        if t.col(pin).is_some() {
            t.set(r, pin, String::new());
        }
    }
    out.staff += 1;
    Ok(true)
}

/// A TOML value as a roster cell, as the scenario reader reads inline staff: a list becomes
/// its items separated by `;`.
fn cell(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.value().clone()),
        Value::Integer(i) => Some(i.value().to_string()),
        Value::Float(f) => Some(f.value().to_string()),
        Value::Boolean(b) => Some(b.value().to_string()),
        Value::Array(a) => a
            .iter()
            .map(cell)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.join(";")),
        _ => None,
    }
}

/// The inline staff of a scenario (`[[staff]]` tables, or `staff = [{...}]`) as
/// (key, cell) pairs per person; `None` when the scenario has none.
fn inline_staff(doc: &DocumentMut) -> Option<Vec<Vec<(String, String)>>> {
    let pairs = |t: &dyn TableLike| -> Vec<(String, String)> {
        t.iter()
            .filter_map(|(k, v)| Some((k.to_string(), v.as_value().and_then(cell)?)))
            .collect()
    };
    match doc.get("staff")? {
        Item::ArrayOfTables(a) => Some(a.iter().map(|t| pairs(t)).collect()),
        Item::Value(Value::Array(a)) => Some(
            a.iter()
                .filter_map(|v| v.as_inline_table().map(|t| pairs(t)))
                .collect(),
        ),
        _ => None,
    }
}

/// The inline `[[staff]]` tables of a scenario (TOML text) as a roster CSV: the keys in order
/// of first use as the header, with a byte-order mark (Excel then reads Chinese names
/// right). `Ok(None)` when the scenario names a roster file instead.
pub fn inline_staff_csv(toml: &str) -> Result<Option<String>, String> {
    let doc: DocumentMut = toml
        .strip_prefix('\u{feff}')
        .unwrap_or(toml)
        .parse()
        .map_err(|e| format!("{e}"))?;
    let Some(people) = inline_staff(&doc) else {
        return Ok(None);
    };
    let mut header: Vec<String> = Vec::new();
    for (k, _) in people.iter().flatten() {
        if !header.contains(k) {
            header.push(k.clone());
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let bad = |e: csv::Error| e.to_string();
    w.write_record(header.iter().map(|h| escape_cell(h).into_owned()))
        .map_err(bad)?;
    for p in &people {
        let row = header.iter().map(|h| {
            p.iter()
                .find(|(k, _)| k == h)
                .map(|(_, v)| escape_cell(v).into_owned())
                .unwrap_or_default()
        });
        w.write_record(row).map_err(bad)?;
    }
    let body = w.into_inner().map_err(|e| e.to_string())?;
    Ok(Some(format!("\u{feff}{}", String::from_utf8_lossy(&body))))
}

/// The scenario's name for the next year: every `y0` standing as a number of its own (not
/// inside a longer number) becomes `y0 + 1`; a name without the year is kept.
pub fn next_name(name: &str, y0: i32) -> String {
    let (old, new) = (y0.to_string(), (y0 + 1).to_string());
    let b = name.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < name.len() {
        let end = i + old.len();
        let fits = b.get(i..end) == Some(old.as_bytes());
        let digit = |j: Option<&u8>| j.is_some_and(|c| c.is_ascii_digit());
        let alone = i == 0 || !digit(b.get(i - 1));
        if fits && alone && !digit(b.get(end)) {
            out.push_str(&new);
            i = end;
        } else {
            let c = name[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// Sets `key` to `v`, keeping the comment and spacing around the old value.
fn set_keeping_decor(t: &mut dyn TableLike, key: &str, mut v: Value) {
    if let Some(old) = t.get(key).and_then(Item::as_value) {
        *v.decor_mut() = old.decor().clone();
    }
    t.insert(key, Item::Value(v));
}

/// Rewrites a scenario (TOML text) for plan year `y0 + 1`, keeping comments and layout:
/// `plan_year = y0 + 1`; `name` through [`next_name`]; `policy` and `distances` through
/// `rebase` (paths relative to the new folder); `staff = staff_file`, inline `[[staff]]`
/// tables and `staff_sheet` removed (they are in that CSV file now). Groups, schools and inline distances are
/// untouched.
pub fn rewrite_scenario(
    toml: &str,
    y0: i32,
    staff_file: &str,
    rebase: &dyn Fn(&str) -> String,
) -> Result<String, String> {
    let bom = toml.starts_with('\u{feff}');
    let mut doc: DocumentMut = toml
        .strip_prefix('\u{feff}')
        .unwrap_or(toml)
        .parse()
        .map_err(|e| format!("{e}"))?;
    doc.remove("staff");
    let header = doc
        .get_mut("scenario")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| t!("tools.roll.no_scenario_table"))?;
    set_keeping_decor(header, "plan_year", Value::from(i64::from(y0) + 1));
    let name = header
        .get("name")
        .and_then(Item::as_str)
        .map(str::to_string);
    if let Some(n) = name {
        set_keeping_decor(header, "name", Value::from(next_name(&n, y0)));
    }
    for key in ["policy", "distances"] {
        let old = header.get(key).and_then(Item::as_str).map(str::to_string);
        if let Some(p) = old {
            set_keeping_decor(header, key, Value::from(rebase(&p)));
        }
    }
    set_keeping_decor(header, "staff", Value::from(staff_file));
    // The new roster is a CSV, which has no sheets (a workbook roster rolls into a CSV).
    header.remove("staff_sheet");
    let text = doc.to_string();
    Ok(if bom { format!("\u{feff}{text}") } else { text })
}

/// The path from folder `from` to `to`, both absolute and free of `.` and `..`, with `/`
/// between the parts (TOML files are shared between systems). `to` itself when the two have
/// no root in common (another drive).
pub fn relative_path(from: &Path, to: &Path) -> String {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rooted = |c: &Component| matches!(c, Component::Prefix(_) | Component::RootDir);
    if common == 0 || !a[..common].iter().any(rooted) {
        return to.to_string_lossy().into_owned();
    }
    let ups = (common..a.len()).map(|_| "..".to_string());
    let downs = b[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = ups.chain(downs).collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// `.` and `..` resolved by hand, without touching the disk.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The absolute form of a path that may not exist yet: its longest existing ancestor
/// canonical (links resolved, as the system will resolve them), the rest appended.
fn absolute(p: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let full = normalize(&cwd.join(p));
    let mut head = full.clone();
    let mut tail = Vec::new();
    loop {
        if let Ok(c) = head.canonicalize() {
            return tail.iter().rev().fold(c, |acc: PathBuf, n| acc.join(n));
        }
        match (head.file_name().map(|n| n.to_os_string()), head.parent()) {
            (Some(n), Some(parent)) => {
                tail.push(n);
                head = parent.to_path_buf();
            }
            _ => return full,
        }
    }
}

/// The output files' names for a scenario file rolled from `y0`: `<base>-<y0+1>.toml`,
/// `<base>-<y0+1>-staff.csv` and `<base>-<y0+1>-retired.csv`, where `<base>` is the
/// scenario's file stem without a trailing `-<y0>` or `_<y0>` (so rolling again goes
/// `county-2028` → `county-2029`).
pub fn output_names(scenario: &Path, y0: i32) -> [String; 3] {
    let stem = scenario
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    let base = stem
        .strip_suffix(&format!("-{y0}"))
        .or_else(|| stem.strip_suffix(&format!("_{y0}")))
        .unwrap_or(&stem);
    let y1 = y0 + 1;
    [
        format!("{base}-{y1}.toml"),
        format!("{base}-{y1}-staff.csv"),
        format!("{base}-{y1}-retired.csv"),
    ]
}

/// The list of those who left: `id,name,school,retire_year`, with a byte-order mark.
pub fn retired_csv(retired: &[Retiree]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["id", "name", "school", "retire_year"]);
    for p in retired {
        let year = p.retire_year.to_string();
        let cells = [&p.id, &p.name, &p.school].map(|c| escape_cell(c));
        let [id, name, school] = cells;
        let _ = w.write_record([&*id, &*name, &*school, &year]);
    }
    with_bom(w.into_inner().unwrap_or_default())
}

/// Next year's scenario, ready to write.
#[derive(Debug, Clone)]
pub struct Rolled {
    /// The new plan year, `Y0 + 1`.
    pub plan_year: i32,
    /// The files, by name in the output folder: scenario, roster, retired list.
    pub files: Vec<(String, Vec<u8>)>,
    /// What happened to whom.
    pub roster: RolledRoster,
    /// The roster came from inline `[[staff]]` tables (now written to a file).
    pub was_inline: bool,
}

/// Checks the plan against the scenario as far as rolling needs: one start a person, none
/// before `Y0`, and a start in `Y0` only for someone at home that year and to another school
/// (else the new roster would contradict itself). All problems are E1032.
fn check_plan(inst: &Instance, plan: &Plan, plan_file: &Path) -> Result<Vec<Carried>, InputError> {
    let mut d = Diagnostics::default();
    let y0 = inst.plan_year;
    let mut seen = HashMap::new();
    let mut bad =
        |cause: Cow<str>, action: Cow<str>| d.push("E1032", plan_file, None, cause, action);
    for s in &plan.starts {
        let (p, host) = (inst.person(s.person), &inst.school(s.host).id);
        if seen.insert(s.person, ()).is_some() {
            bad(
                t!("tools.roll.two_starts", id = p.id),
                t!("tools.roll.two_starts_fix"),
            );
        }
        if s.year < y0 {
            bad(
                t!("tools.roll.start_before", id = p.id, year = s.year, y0 = y0),
                t!("tools.roll.start_before_fix"),
            );
        }
        if s.year == y0 && s.host == p.home {
            bad(
                t!("tools.roll.start_at_home", id = p.id, host = host),
                t!("tools.roll.start_at_home_fix"),
            );
        }
        if let Some(h) = inst.away_under_way(s.person, y0).filter(|_| s.year == y0) {
            let at = &inst.school(h).id;
            bad(
                t!(
                    "tools.roll.start_while_away",
                    id = p.id,
                    host = host,
                    y0 = y0,
                    at = at
                ),
                t!("tools.roll.start_while_away_fix"),
            );
        }
    }
    let carried = plan.starts.iter().map(|s| Carried {
        person: inst.person(s.person).id.clone(),
        host: inst.school(s.host).id.clone(),
        year: s.year,
    });
    d.into_result(carried.collect())
}

/// The roster's text: the file the scenario names, or its inline `[[staff]]` as CSV.
fn roster_text(scenario: &Path, toml: &str) -> Result<(String, Option<PathBuf>), InputError> {
    let fail = |code, file: &Path, cause: String| {
        InputError::single(code, file, None, cause, t!("tools.roll.validate_first"))
    };
    if let Some(csv) = inline_staff_csv(toml).map_err(|e| fail("E1002", scenario, e))? {
        return Ok((csv, None));
    }
    let doc: DocumentMut = toml
        .strip_prefix('\u{feff}')
        .unwrap_or(toml)
        .parse()
        .map_err(|e| fail("E1002", scenario, format!("{e}")))?;
    let rel = doc
        .get("scenario")
        .and_then(|s| s.get("staff"))
        .and_then(Item::as_str)
        .ok_or_else(|| fail("E1005", scenario, t!("tools.roll.no_staff").into()))?;
    let path = crate::report::folder_of(scenario).join(rel);
    if crate::input::sheet::is_workbook(&path) {
        // A workbook's roster rolls into a CSV (`rewrite_scenario` points the new scenario
        // at it): the sheet's cells as text, as the reader reads them.
        let sheet = doc
            .get("scenario")
            .and_then(|s| s.get("staff_sheet"))
            .and_then(Item::as_str);
        let text = crate::input::sheet::sheet_as_csv(&path, sheet).map_err(|e| {
            fail(
                "E1010",
                &path,
                t!("tools.roll.cannot_read_roster", error = e).into(),
            )
        })?;
        return Ok((text, Some(path)));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        fail(
            "E1001",
            &path,
            t!("tools.roll.cannot_read_roster", error = e).into(),
        )
    })?;
    Ok((text, Some(path)))
}

/// Reads the scenario file (and its roster) behind `inst`, and rolls both with the plan
/// carried out into the files of plan year `Y0 + 1` for folder `out` (names from
/// [`output_names`]). The policy of `inst` gives `term_years`. Nothing is written; no input
/// is changed. An output that would replace an input is refused (E1050).
pub fn prepare(
    scenario: &Path,
    inst: &Instance,
    plan: &Plan,
    plan_file: &Path,
    out: &Path,
) -> Result<Rolled, InputError> {
    let y0 = inst.plan_year;
    let carried = check_plan(inst, plan, plan_file)?;
    let toml = std::fs::read_to_string(scenario).map_err(|e| {
        let cause = t!("tools.roll.cannot_read_scenario", error = e);
        InputError::single("E1001", scenario, None, cause, t!("tools.roll.check_path"))
    })?;
    let (roster, roster_file) = roster_text(scenario, &toml)?;
    let in_file = roster_file
        .clone()
        .unwrap_or_else(|| scenario.to_path_buf());
    let rolled = roll_roster(&roster, y0, inst.policy.term_years, &carried).map_err(|e| {
        InputError::single("E1012", &in_file, None, e, t!("tools.roll.correct_cell"))
    })?;
    let [name_toml, name_csv, name_retired] = output_names(scenario, y0);
    let (old_dir, new_dir) = (absolute(&crate::report::folder_of(scenario)), absolute(out));
    let rebase = |p: &str| {
        if Path::new(p).is_absolute() || old_dir == new_dir {
            p.to_string()
        } else {
            relative_path(&new_dir, &normalize(&old_dir.join(p)))
        }
    };
    let text = rewrite_scenario(&toml, y0, &name_csv, &rebase).map_err(|e| {
        InputError::single("E1002", scenario, None, e, t!("tools.roll.validate_first"))
    })?;
    let names = [&name_toml, &name_csv, &name_retired];
    let inputs = [Some(scenario), roster_file.as_deref(), Some(plan_file)];
    refuse_overwrite(out, &names, &inputs)?;
    Ok(Rolled {
        plan_year: y0 + 1,
        files: vec![
            (name_toml, text.into_bytes()),
            (name_csv, rolled.csv.clone()),
            (name_retired, retired_csv(&rolled.retired)),
        ],
        roster: rolled,
        was_inline: roster_file.is_none(),
    })
}

/// E1050 when an output file would be one of the inputs.
fn refuse_overwrite(
    out: &Path,
    names: &[&String],
    inputs: &[Option<&Path>],
) -> Result<(), InputError> {
    for n in names {
        let target = absolute(&out.join(n));
        if inputs.iter().flatten().any(|i| absolute(i) == target) {
            return Err(InputError::single(
                "E1050",
                &out.join(n),
                None,
                t!("tools.roll.overwrite"),
                t!("tools.roll.overwrite_fix"),
            ));
        }
    }
    Ok(())
}

/// Writes the rolled files into `out` in one atomic step: all appear, or none changes.
pub fn write(out: &Path, rolled: &Rolled) -> std::io::Result<Vec<PathBuf>> {
    let files: Vec<(&str, Vec<u8>)> = rolled
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    crate::report::write_atomically(out, &files, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id,name,school,years_at_school,retire_year,exchange_host,exchange_start,last_return_year,exempt,assign_host,assign_year,avoid_hosts,hr_note\n";

    fn go(rows: &str, plan: &[(&str, &str, i32)]) -> (RolledRoster, Vec<Vec<String>>) {
        let plan: Vec<Carried> = plan
            .iter()
            .map(|(p, h, y)| Carried {
                person: p.to_string(),
                host: h.to_string(),
                year: *y,
            })
            .collect();
        let r = roll_roster(&format!("{HEAD}{rows}"), 2027, 2, &plan).unwrap();
        let text = String::from_utf8(r.csv.clone()).unwrap();
        let rows = text
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        (r, rows)
    }

    #[test]
    fn a_start_in_y0_becomes_an_exchange_under_way() {
        let (r, rows) = go("A,甲,c,4,,,,,false,,,,x\n", &[("A", "m", 2027)]);
        assert_eq!(
            rows[1],
            ["A", "甲", "c", "5", "", "m", "2027", "", "false", "", "", "", "x"]
        );
        assert_eq!(r.started, ["A"]);
        assert_eq!(r.dropped, 0);
    }

    #[test]
    fn a_start_of_a_later_year_is_dropped() {
        let (r, rows) = go("A,,c,4,,,,,,,,,\n", &[("A", "m", 2028)]);
        assert_eq!(rows[1][5..7], ["", ""]);
        assert_eq!(rows[1][3], "5");
        assert_eq!(r.dropped, 1);
        assert!(r.started.is_empty());
    }

    #[test]
    fn an_exchange_ending_in_y0_is_over() {
        let (r, rows) = go("A,,c,9,,m,2026,2020,,,,,\n", &[]);
        assert_eq!(rows[1][3..8], ["0", "", "", "", "2028"]);
        assert_eq!(r.returned, ["A"]);
    }

    #[test]
    fn an_exchange_going_on_is_kept_and_continuity_goes_on() {
        let (r, rows) = go("A,,c,9,,m,2027,,,,,,\n", &[]);
        assert_eq!(rows[1][3..8], ["10", "", "m", "2027", ""]);
        assert!(r.returned.is_empty());
    }

    #[test]
    fn everyone_else_gains_a_year_and_an_empty_cell_counts_as_0() {
        let (_, rows) = go("A,,c,,,,,,,,,,\nB,,c,0,2040,,,2026,,,,,\n", &[]);
        assert_eq!(rows[1][3], "1");
        assert_eq!(rows[2][3..8], ["1", "2040", "", "", "2026"]);
    }

    #[test]
    fn retirees_by_y0_plus_1_leave_and_are_listed() {
        let rows = "A,甲,c,5,2028,,,,,,,,\nB,,c,5,2029,,,,,,,,\nC,,c,5,2027,,,,,,,,\n";
        let (r, out) = go(rows, &[("A", "m", 2027)]);
        let ids: Vec<&str> = r.retired.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["A", "C"]);
        assert_eq!(r.retired[0].name, "甲");
        assert_eq!(r.retired[0].retire_year, 2028);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1][0], "B");
        assert_eq!((r.staff, r.dropped), (1, 1));
        let list = String::from_utf8(retired_csv(&r.retired)).unwrap();
        assert_eq!(
            list,
            "\u{feff}id,name,school,retire_year\nA,甲,c,2028\nC,,c,2027\n"
        );
    }

    #[test]
    fn pins_are_cleared_and_exempt_and_avoid_hosts_kept() {
        let (_, rows) = go("A,,c,5,,,,,true,m,2028,m;n,\"a, b\"\n", &[]);
        assert_eq!(rows[1][8..12], ["true", "", "", "m;n"]);
        assert!(
            String::from_utf8(go("A,,c,5,,,,,,,,,\"a, b\"\n", &[]).0.csv)
                .unwrap()
                .contains("\"a, b\"")
        );
    }

    #[test]
    fn unknown_columns_order_bom_and_crlf_survive() {
        let text = "\u{feff}Note,ID,school,subject\r\nkeep me,A,c,math\r\n";
        let r = roll_roster(text, 2027, 2, &[]).unwrap();
        let out = String::from_utf8(r.csv).unwrap();
        assert_eq!(
            out,
            "\u{feff}Note,ID,school,subject,years_at_school\r\nkeep me,A,c,math,1\r\n"
        );
    }

    #[test]
    fn columns_a_rule_fills_are_appended_when_missing() {
        let text = "id,school,years_at_school\nA,c,3\n";
        let plan = [Carried {
            person: "A".into(),
            host: "m".into(),
            year: 2027,
        }];
        let r = roll_roster(text, 2027, 2, &plan).unwrap();
        let out = String::from_utf8(r.csv).unwrap();
        assert_eq!(
            out,
            // The byte-order mark is added: every CSV we write has one, for Excel.
            "\u{feff}id,school,years_at_school,exchange_host,exchange_start\nA,c,4,m,2027\n"
        );
    }

    #[test]
    fn a_bad_year_names_its_line() {
        let e = roll_roster("id,years_at_school\nA,1\nB,x\n", 2027, 2, &[]).unwrap_err();
        assert!(e.contains("line 3") && e.contains("years_at_school"), "{e}");
    }

    const SCENARIO: &str = r#"# the county
[scenario]
name = "county, school year 2027"   # the name
plan_year = 2027                     # Y0
policy = "../models/p.toml"

[[schools]]
id = "c" # core
lat = 1.0
lon = 2.0

[[staff]]
id = "A"
school = "c"
subject = "math"
years_at_school = 3
preferences = ["m", "n"]
home_lat = 36.5

[[staff]]
id = "B"
school = "c"
subject = "pe"
exempt = true
"#;

    #[test]
    fn inline_staff_become_a_roster_csv() {
        let csv = inline_staff_csv(SCENARIO).unwrap().unwrap();
        assert_eq!(
            csv,
            "\u{feff}id,school,subject,years_at_school,preferences,home_lat,exempt\nA,c,math,3,m;n,36.5,\nB,c,pe,,,,true\n"
        );
        assert_eq!(
            inline_staff_csv("[scenario]\nstaff = \"s.csv\"\n").unwrap(),
            None
        );
    }

    #[test]
    fn the_scenario_is_rewritten_with_comments_kept() {
        let rebase = |p: &str| format!("../{p}");
        let out = rewrite_scenario(SCENARIO, 2027, "county-2028-staff.csv", &rebase).unwrap();
        assert!(out.starts_with("# the county\n[scenario]\n"), "{out}");
        assert!(
            out.contains("name = \"county, school year 2028\"   # the name\n"),
            "{out}"
        );
        assert!(
            out.contains("plan_year = 2028                     # Y0\n"),
            "{out}"
        );
        assert!(out.contains("policy = \"../../models/p.toml\"\n"), "{out}");
        assert!(out.contains("staff = \"county-2028-staff.csv\""), "{out}");
        assert!(out.contains("id = \"c\" # core\n"), "{out}");
        assert!(
            !out.contains("[[staff]]") && !out.contains("distances"),
            "{out}"
        );
    }

    #[test]
    fn a_name_says_the_new_year_only_where_it_said_the_old() {
        assert_eq!(next_name("城中区 2027 学年", 2027), "城中区 2028 学年");
        assert_eq!(next_name("2027/2027-b", 2027), "2028/2028-b");
        assert_eq!(
            next_name("plan 20270 and 12027", 2027),
            "plan 20270 and 12027"
        );
        assert_eq!(next_name("城中区", 2027), "城中区");
    }

    #[test]
    fn relative_paths_go_up_and_down() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            relative_path(&p("/a/b/out"), &p("/a/models/x.toml")),
            "../../models/x.toml"
        );
        assert_eq!(relative_path(&p("/a/b"), &p("/a/b/k.csv")), "k.csv");
        assert_eq!(relative_path(&p("/a/b/c"), &p("/a/b")), "..");
        assert_eq!(normalize(&p("/a/b/../c/./d")), p("/a/c/d"));
    }

    #[test]
    fn output_names_carry_the_new_year() {
        let names = output_names(Path::new("s/county.toml"), 2027);
        assert_eq!(
            names,
            [
                "county-2028.toml",
                "county-2028-staff.csv",
                "county-2028-retired.csv"
            ]
        );
        assert_eq!(
            output_names(Path::new("county_2028.toml"), 2028)[0],
            "county-2029.toml"
        );
    }
}
