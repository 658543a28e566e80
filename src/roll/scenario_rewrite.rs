//! The scenario file rolled a year on, through `toml_edit` so that the user's comments and
//! layout survive; and its inline `[[staff]]` tables as a roster CSV.

use rust_i18n::t;
use toml_edit::{DocumentMut, Item, TableLike, Value};

use crate::write::{CsvStyle, CsvTable};

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
    let mut csv = CsvTable::new(CsvStyle::SPREADSHEET);
    let bad = |e: std::io::Error| e.to_string();
    csv.record(&header).map_err(bad)?;
    for p in &people {
        let row = header.iter().map(|h| {
            p.iter()
                .find(|(k, _)| k == h)
                .map_or("", |(_, v)| v.as_str())
        });
        csv.record(row).map_err(bad)?;
    }
    let bytes = csv.into_bytes().map_err(bad)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
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
/// tables removed (they are in that file now); `staff_sheet = sheet` when the new roster is
/// a workbook whose sheet the scenario names, else no `staff_sheet`. Groups, schools and
/// inline distances are untouched.
pub fn rewrite_scenario(
    toml: &str,
    y0: i32,
    staff_file: &str,
    sheet: Option<&str>,
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
    match sheet {
        Some(s) => set_keeping_decor(header, "staff_sheet", Value::from(s)),
        // A CSV has no sheets; a workbook of one sheet needs no name for it.
        None => drop(header.remove("staff_sheet")),
    }
    let text = doc.to_string();
    Ok(if bom { format!("\u{feff}{text}") } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let out = rewrite_scenario(SCENARIO, 2027, "county-2028-staff.csv", None, &rebase).unwrap();
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
}
