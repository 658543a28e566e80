//! The roster rules of `roll` (SCENARIO.md v2, `roll`): who retires, whose start becomes an
//! exchange under way, who comes back, and everyone else a year on.

use std::collections::HashMap;

use rust_i18n::t;

use super::roster_table::RosterTable;
use crate::input::columns::label;
use crate::write::{CsvStyle, CsvTable};

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
    /// cells escaped ([`crate::write::escape_cell`]).
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

/// A year cell: `None` when empty, an error naming the row when not a year.
fn year_cell(
    t: &RosterTable,
    row: &[String],
    name: &str,
    line: usize,
) -> Result<Option<i32>, String> {
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
fn fate(t: &RosterTable, row: &[String], line: usize, ending: &YearEnd) -> Result<Fate, String> {
    let id = t.get(row, "id");
    if let Some(r) = year_cell(t, row, "retire_year", line)? {
        if r <= ending.y0 + 1 {
            return Ok(Fate::Retires(Retiree {
                id: id.to_string(),
                name: t.get(row, "name").to_string(),
                school: t.get(row, "school").to_string(),
                retire_year: r,
            }));
        }
    }
    if let Some(host) = ending.starts.get(id) {
        return Ok(Fate::Starts(host.clone()));
    }
    let away = !t.get(row, "exchange_host").is_empty();
    let start = year_cell(t, row, "exchange_start", line)?;
    match start {
        Some(s) if away && s + ending.term_years - 1 == ending.y0 => Ok(Fate::Returns),
        _ => Ok(Fate::Ages),
    }
}

/// The year that ends: the plan year `Y0`, the term, and the plan's starts in `Y0` by person.
struct YearEnd {
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
/// Plan starts of later years are dropped. The table is found as the reader finds it: rows
/// above the header, and total, note and blank rows, are kept as they are and not counted.
/// An error names the line of a year cell that is not a year.
pub fn roll_roster(
    text: &str,
    y0: i32,
    term_years: i32,
    plan: &[Carried],
) -> Result<RolledRoster, String> {
    let mut t = RosterTable::parse(text)?;
    let mut out = roll_table(&mut t, y0, term_years, plan)?;
    out.csv = t.to_bytes()?;
    Ok(out)
}

/// [`roll_roster`] on a table read already (a workbook's, with its cells' kinds), left
/// rolled in place; the result's `csv` is empty.
pub(super) fn roll_table(
    t: &mut RosterTable,
    y0: i32,
    term_years: i32,
    plan: &[Carried],
) -> Result<RolledRoster, String> {
    let starts: HashMap<String, String> = plan
        .iter()
        .filter(|c| c.year == y0)
        .map(|c| (c.person.clone(), c.host.clone()))
        .collect();
    let ending = YearEnd {
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
        let kept = apply(t, r, &ending, &mut out)?;
        keep.push(kept);
    }
    t.keep(&keep);
    out.dropped += out
        .retired
        .iter()
        .filter(|p| ending.starts.contains_key(&p.id))
        .count();
    Ok(out)
}

/// Applies the rules to row `r`; `false` when the row leaves the roster.
fn apply(
    t: &mut RosterTable,
    r: usize,
    ending: &YearEnd,
    out: &mut RolledRoster,
) -> Result<bool, String> {
    // A total, a note, a row without id or name: not a person the reader reads, so carried
    // as it is and not counted.
    if !t.people[r] {
        return Ok(true);
    }
    let row = t.rows[r].clone();
    let line = t.lines[r];
    let years = year_cell(t, &row, "years_at_school", line)?.unwrap_or(0);
    let id = t.get(&row, "id").to_string();
    match fate(t, &row, line, ending)? {
        Fate::Retires(p) => {
            out.retired.push(p);
            return Ok(false);
        }
        Fate::Starts(host) => {
            t.set(r, "exchange_host", host);
            t.set(r, "exchange_start", ending.y0.to_string());
            t.set(r, "years_at_school", (years + 1).to_string());
            out.started.push(id);
        }
        Fate::Returns => {
            t.set(r, "exchange_host", String::new());
            t.set(r, "exchange_start", String::new());
            t.set(r, "last_return_year", (ending.y0 + 1).to_string());
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

/// The list of those who left: `id,name,school,retire_year`, with a byte-order mark.
pub fn retired_csv(retired: &[Retiree]) -> Vec<u8> {
    let mut csv = CsvTable::new(CsvStyle::SPREADSHEET);
    // Rows of four cells into memory: nothing here can fail.
    let _ = csv.record(["id", "name", "school", "retire_year"]);
    for p in retired {
        let year = p.retire_year.to_string();
        let _ = csv.record([&p.id, &p.name, &p.school, &year]);
    }
    csv.into_bytes().unwrap_or_default()
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
}
