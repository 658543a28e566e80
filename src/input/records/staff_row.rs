//! A roster row: its columns, the type it becomes and how its cells are read.

use rust_i18n::t;

use super::cells::Cells;
use super::row_source::Src;
use crate::domain::Post;
use crate::error::Diagnostics;
use crate::input::columns::{self as cols, parse_post};

/// A roster row, checked cell by cell but with its school ids not yet resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawStaff {
    /// Where the row came from.
    pub src: Src,
    /// Unique person id.
    pub id: String,
    /// Display name (may be empty).
    pub name: String,
    /// Home school id.
    pub school: String,
    /// Primary subject, a free word such as `math`.
    pub subject: String,
    /// Post (职务).
    pub post: Post,
    /// Holds the backbone title (骨干教师).
    pub backbone: bool,
    /// Whole years at the home school as of the plan year.
    pub years_at_school: i32,
    /// Year of statutory retirement, if known.
    pub retire_year: Option<i32>,
    /// Excused from exchange this horizon.
    pub exempt: bool,
    /// Needs exchange experience for a title promotion.
    pub needs_promotion: bool,
    /// Residence (lat, lon), for the commute distance.
    pub residence: Option<(f64, f64)>,
    /// Preferred host school ids, best first.
    pub preferences: Vec<String>,
    /// Host school id of an exchange under way.
    pub exchange_host: Option<String>,
    /// Start year of that exchange.
    pub exchange_start: Option<i32>,
    /// The year the person last came back from an exchange.
    pub last_return_year: Option<i32>,
    /// Pin: the host HR has decided this person starts an exchange at (`assign_host`).
    pub assign_host: Option<String>,
    /// The year of that pinned start (`assign_year`; the plan year when not given).
    pub assign_year: Option<i32>,
    /// Hosts this person must not be sent to (`avoid_hosts`).
    pub avoid_hosts: Vec<String>,
    /// False when a cell of the row has a problem (reported): the row is kept only so that
    /// validation reports its unknown schools in the same run, and no instance is built.
    pub cells_ok: bool,
}

impl RawStaff {
    /// A teacher built in code, with the roster's defaults for every optional column (no
    /// name, no backbone title, 0 years at school, no exchange, ...).
    pub fn new(id: &str, school: &str, subject: &str) -> Self {
        RawStaff {
            src: Src::in_memory(),
            id: id.to_string(),
            name: String::new(),
            school: school.to_string(),
            subject: subject.to_string(),
            post: Post::Teacher,
            backbone: false,
            years_at_school: 0,
            retire_year: None,
            exempt: false,
            needs_promotion: false,
            residence: None,
            preferences: Vec::new(),
            exchange_host: None,
            exchange_start: None,
            last_return_year: None,
            assign_host: None,
            assign_year: None,
            avoid_hosts: Vec::new(),
            cells_ok: true,
        }
    }
}

/// The roster columns, in SCENARIO.md's order.
pub(crate) const STAFF_FIELDS: &[&str] = &[
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
    "assign_host",
    "assign_year",
    "avoid_hosts",
];

impl RawStaff {
    /// The fix for this row, which repeats the id of `first`: a row that says the same as
    /// `first` in every column read (pasted twice) is to be deleted; two different people
    /// under one id need an id each.
    pub fn repeated_fix(&self, first: &RawStaff) -> String {
        let same = RawStaff {
            src: first.src.clone(),
            ..self.clone()
        } == *first;
        if same {
            t!("reading.row_repeated_fix", line = self.src.line).into_owned()
        } else {
            t!("instance.person_twice_fix").into_owned()
        }
    }
}

/// The valid `years_at_school`: a working life.
pub const YEARS_AT_SCHOOL: std::ops::RangeInclusive<i32> = 0..=70;

impl Cells<'_> {
    /// The roster row, or `None` when it lacks a required cell; a row with another problem
    /// (all of them reported) comes back with `cells_ok` false.
    pub(crate) fn staff(&self, diags: &mut Diagnostics) -> Option<RawStaff> {
        let before = diags.0.len();
        let id = self.required("id", "input.staff_row_lacks", diags);
        let school = self.required("school", "input.staff_row_lacks", diags);
        let subject = self.required("subject", "input.staff_row_lacks", diags);
        let post = self.post(diags);
        let backbone = self.boolean("backbone", diags);
        let years_at_school = self.years_at_school(diags);
        let retire_year = self.int("retire_year", diags);
        let exempt = self.boolean("exempt", diags);
        let needs_promotion = self.boolean("needs_promotion", diags);
        let residence = self.residence(diags);
        let preferences = self.id_list("preferences");
        let (exchange_host, exchange_start) = self.exchange(diags);
        let last_return_year = self.int("last_return_year", diags);
        let assign_year = self.int("assign_year", diags);
        let cells_ok = diags.0.len() == before;
        Some(RawStaff {
            cells_ok,
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
            assign_host: self.text("assign_host"),
            assign_year,
            avoid_hosts: self.id_list("avoid_hosts"),
        })
    }

    /// A teacher when the cell is empty.
    fn post(&self, diags: &mut Diagnostics) -> Post {
        let Some(t) = self.text("post") else {
            return Post::Teacher;
        };
        parse_post(&t).unwrap_or_else(|| {
            diags.push(
                "E1007",
                &self.src.file,
                Some(self.src.line),
                t!("input.not_post", col = cols::label("post"), value = t),
                t!("input.not_post_fix"),
            );
            Post::Teacher
        })
    }

    /// 0 when the cell is empty.
    fn years_at_school(&self, diags: &mut Diagnostics) -> i32 {
        let years = self.int("years_at_school", diags).unwrap_or(0);
        if years > *YEARS_AT_SCHOOL.end() {
            self.out_of_range(
                "years_at_school",
                years,
                YEARS_AT_SCHOOL.start(),
                YEARS_AT_SCHOOL.end(),
                diags,
            );
        }
        if years < 0 {
            diags.push(
                "E1006",
                &self.src.file,
                Some(self.src.line),
                t!(
                    "input.years_negative",
                    col = cols::label("years_at_school"),
                    value = years
                ),
                t!("input.years_negative_fix"),
            );
        }
        years
    }

    /// Both `home_lat` and `home_lon`, or none; one alone is a problem.
    fn residence(&self, diags: &mut Diagnostics) -> Option<(f64, f64)> {
        let lat = self.float("home_lat", diags);
        let lon = self.float("home_lon", diags);
        match (lat, lon) {
            (Some(a), Some(b)) => {
                if !(-90.0..=90.0).contains(&a) || !(-180.0..=180.0).contains(&b) {
                    diags.push(
                        "E1027",
                        &self.src.file,
                        Some(self.src.line),
                        t!("input.residence_range", lat = a, lon = b),
                        t!("input.coordinates_fix"),
                    );
                }
                Some((a, b))
            }
            (None, None) => None,
            // A cell that is there but not a number was reported by `float` already.
            _ => {
                if self.text("home_lat").is_some() != self.text("home_lon").is_some() {
                    diags.push(
                        "E1027",
                        &self.src.file,
                        Some(self.src.line),
                        t!("input.residence_half"),
                        t!("input.residence_half_fix"),
                    );
                }
                None
            }
        }
    }

    /// School ids separated by `;`, the full-width `；` of a Chinese keyboard too (an
    /// inline TOML list arrives joined by `;`).
    fn id_list(&self, field: &str) -> Vec<String> {
        self.text(field)
            .map(|t| {
                t.split([';', '；'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The exchange under way: host and start year, which come together.
    fn exchange(&self, diags: &mut Diagnostics) -> (Option<String>, Option<i32>) {
        let host = self.text("exchange_host");
        let start = self.int("exchange_start", diags);
        if host.is_some() != self.text("exchange_start").is_some() {
            diags.push(
                "E1026",
                &self.src.file,
                Some(self.src.line),
                t!("input.exchange_half"),
                t!("input.exchange_half_fix"),
            );
        }
        (host, start)
    }
}
