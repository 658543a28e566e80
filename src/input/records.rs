//! Staff and distance rows, from a CSV file or from inline `[[staff]]`/`[[distances]]` tables:
//! both arrive here as text cells with a line, so they share one reader and one set of errors.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::Post;
use crate::error::Diagnostics;

/// Where a row came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Src {
    pub file: Arc<Path>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawStaff {
    pub src: Src,
    pub id: String,
    pub name: String,
    pub school: String,
    pub subject: String,
    pub post: Post,
    pub backbone: bool,
    pub years_at_school: i32,
    pub retire_year: Option<i32>,
    pub exempt: bool,
    pub needs_promotion: bool,
    pub residence: Option<(f64, f64)>,
    pub preferences: Vec<String>,
    pub exchange_host: Option<String>,
    pub exchange_start: Option<i32>,
    pub last_return_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawDistance {
    pub src: Src,
    pub from: String,
    pub to: String,
    pub km: f64,
}

pub const STAFF_FIELDS: &[&str] = &[
    "id",
    "name",
    "school",
    "subject",
    "post",
    "backbone",
    "years_at_school",
    "retire_year",
    "exempt",
    "needs_promotion",
    "home_lat",
    "home_lon",
    "preferences",
    "exchange_host",
    "exchange_start",
    "last_return_year",
];

pub const DISTANCE_FIELDS: &[&str] = &["from", "to", "km"];

/// Reads a yes/no cell; HR spreadsheets write these in many ways.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "是" => Some(true),
        "false" | "0" | "no" | "n" | "否" => Some(false),
        _ => None,
    }
}

pub fn parse_post(s: &str) -> Option<Post> {
    match s.trim().to_lowercase().as_str() {
        "teacher" | "教师" => Some(Post::Teacher),
        "cadre" | "干部" | "中层干部" => Some(Post::Cadre),
        "principal" | "校长" => Some(Post::Principal),
        _ => None,
    }
}

/// A row's cells by field name; a missing or blank cell is `None`.
pub struct Cells<'a> {
    pub get: &'a dyn Fn(&str) -> Option<String>,
    pub src: Src,
}

impl Cells<'_> {
    fn text(&self, field: &str) -> Option<String> {
        (self.get)(field)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    fn required(&self, field: &str, what: &str, diags: &mut Diagnostics) -> Option<String> {
        let v = self.text(field);
        if v.is_none() {
            diags.push(
                "E1005",
                &self.src.file,
                Some(self.src.line),
                format!("the {what} has no `{field}`"),
                format!("fill in `{field}` for this row"),
            );
        }
        v
    }

    fn boolean(&self, field: &str, diags: &mut Diagnostics) -> bool {
        let Some(t) = self.text(field) else {
            return false;
        };
        parse_bool(&t).unwrap_or_else(|| {
            diags.push(
                "E1011",
                &self.src.file,
                Some(self.src.line),
                format!("`{field}` = `{t}` is not a yes/no value"),
                "write true/false, 1/0 or yes/no",
            );
            false
        })
    }

    fn int(&self, field: &str, diags: &mut Diagnostics) -> Option<i32> {
        let t = self.text(field)?;
        match t.parse::<i32>() {
            Ok(v) => Some(v),
            Err(_) => {
                diags.push(
                    "E1012",
                    &self.src.file,
                    Some(self.src.line),
                    format!("`{field}` = `{t}` is not a whole number"),
                    "write a whole number such as 2027, or leave the cell empty",
                );
                None
            }
        }
    }

    fn float(&self, field: &str, diags: &mut Diagnostics) -> Option<f64> {
        let t = self.text(field)?;
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                diags.push(
                    "E1012",
                    &self.src.file,
                    Some(self.src.line),
                    format!("`{field}` = `{t}` is not a number"),
                    "write a decimal number such as 36.617",
                );
                None
            }
        }
    }

    pub fn staff(&self, diags: &mut Diagnostics) -> Option<RawStaff> {
        let before = diags.0.len();
        let id = self.required("id", "staff row", diags);
        let school = self.required("school", "staff row", diags);
        let subject = self.required("subject", "staff row", diags);
        let post = match self.text("post") {
            None => Post::Teacher,
            Some(t) => parse_post(&t).unwrap_or_else(|| {
                diags.push(
                    "E1007",
                    &self.src.file,
                    Some(self.src.line),
                    format!("`post` = `{t}` is not a post"),
                    "write teacher, cadre or principal",
                );
                Post::Teacher
            }),
        };
        let backbone = self.boolean("backbone", diags);
        let years_at_school = self.int("years_at_school", diags).unwrap_or(0);
        if years_at_school < 0 {
            diags.push(
                "E1006",
                &self.src.file,
                Some(self.src.line),
                format!("`years_at_school` = {years_at_school} is negative"),
                "write the whole years at the home school, 0 or more",
            );
        }
        let retire_year = self.int("retire_year", diags);
        let exempt = self.boolean("exempt", diags);
        let needs_promotion = self.boolean("needs_promotion", diags);
        let lat = self.float("home_lat", diags);
        let lon = self.float("home_lon", diags);
        let residence = match (lat, lon) {
            (Some(a), Some(b)) => {
                if !(-90.0..=90.0).contains(&a) || !(-180.0..=180.0).contains(&b) {
                    diags.push(
                        "E1027",
                        &self.src.file,
                        Some(self.src.line),
                        format!("residence ({a}, {b}) is not a valid latitude/longitude"),
                        "latitude lies in [-90, 90] and longitude in [-180, 180], in degrees",
                    );
                }
                Some((a, b))
            }
            (None, None) => None,
            _ => {
                if self.text("home_lat").is_some() != self.text("home_lon").is_some() {
                    diags.push(
                        "E1027",
                        &self.src.file,
                        Some(self.src.line),
                        "only one of `home_lat`, `home_lon` is given",
                        "give both coordinates of the residence, or neither",
                    );
                }
                None
            }
        };
        let preferences = self
            .text("preferences")
            .map(|t| {
                t.split([';', '；'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let exchange_host = self.text("exchange_host");
        let exchange_start = self.int("exchange_start", diags);
        if exchange_host.is_some() != self.text("exchange_start").is_some() {
            diags.push(
                "E1026",
                &self.src.file,
                Some(self.src.line),
                "an exchange under way needs both `exchange_host` and `exchange_start`",
                "fill in both cells, or clear both",
            );
        }
        let last_return_year = self.int("last_return_year", diags);
        if diags.0.len() != before {
            return None;
        }
        Some(RawStaff {
            src: self.src.clone(),
            id: id?,
            name: self.text("name").unwrap_or_default(),
            school: school?,
            subject: subject?,
            post,
            backbone,
            years_at_school,
            retire_year,
            exempt,
            needs_promotion,
            residence,
            preferences,
            exchange_host,
            exchange_start,
            last_return_year,
        })
    }

    pub fn distance(&self, diags: &mut Diagnostics) -> Option<RawDistance> {
        let before = diags.0.len();
        let from = self.required("from", "distance row", diags);
        let to = self.required("to", "distance row", diags);
        let km = if self.text("km").is_none() {
            self.required("km", "distance row", diags);
            None
        } else {
            self.float("km", diags)
        };
        if let Some(k) = km {
            if k < 0.0 {
                diags.push(
                    "E1030",
                    &self.src.file,
                    Some(self.src.line),
                    format!("distance {k} km is negative"),
                    "write the one-way road distance in km, 0 or more",
                );
            }
        }
        if diags.0.len() != before {
            return None;
        }
        Some(RawDistance {
            src: self.src.clone(),
            from: from?,
            to: to?,
            km: km?,
        })
    }
}

/// Reads a CSV (UTF-8, with or without the byte-order mark Excel writes, any column order);
/// calls `row` for each data row with its cells and line.
pub fn read_csv(
    path: &Path,
    required: &[&str],
    diags: &mut Diagnostics,
    mut row: impl FnMut(&Cells<'_>, &mut Diagnostics),
) -> usize {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                "E1001",
                path,
                None,
                format!("cannot read the file: {e}"),
                "check the path (it is relative to the scenario file)",
            );
            return 0;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            diags.push(
                "E1010",
                path,
                Some(line),
                "the file is not UTF-8 text (Excel's \"CSV\" in a local code page?)",
                "save it as \"CSV UTF-8\" in Excel, or convert it to UTF-8",
            );
            return 0;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let file: Arc<Path> = Arc::from(PathBuf::from(path).as_path());
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(e) => {
            diags.push(
                "E1010",
                path,
                Some(1),
                format!("the header row cannot be read: {e}"),
                "the first row must name the columns",
            );
            return 0;
        }
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !headers.iter().any(|h| h == r))
        .collect();
    if !missing.is_empty() {
        diags.push(
            "E1005",
            path,
            Some(1),
            format!("required column(s) missing: {}", missing.join(", ")),
            format!(
                "add the column(s) to the header row; found: {}",
                headers.join(", ")
            ),
        );
        return 0;
    }
    let mut count = 0;
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                let get = |field: &str| -> Option<String> {
                    headers
                        .iter()
                        .position(|h| h == field)
                        .and_then(|i| r.get(i))
                        .map(str::to_string)
                };
                let cells = Cells {
                    get: &get,
                    src: Src {
                        file: file.clone(),
                        line,
                    },
                };
                row(&cells, diags);
                count += 1;
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                diags.push(
                    "E1010",
                    path,
                    line,
                    format!("the row cannot be read: {e}"),
                    "check quotes and separators on that line",
                );
            }
        }
    }
    count
}
