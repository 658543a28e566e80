//! Input problems: each carries a stable code, the file, the line, the cause and the action,
//! and they are collected so that a user sees every problem of a file set at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the user's files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Stable code (`E1xxx`), listed in the README, so scripts and manuals can refer to it.
    pub code: &'static str,
    pub file: PathBuf,
    pub line: Option<usize>,
    pub cause: String,
    pub action: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}] {}", self.code, self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}\n    fix: {}", self.cause, self.action)
    }
}

/// All problems found so far; reading goes on after a problem so that all are reported.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(
        &mut self,
        code: &'static str,
        file: &Path,
        line: Option<usize>,
        cause: impl Into<String>,
        action: impl Into<String>,
    ) {
        self.0.push(Diagnostic {
            code,
            file: file.to_path_buf(),
            line,
            cause: cause.into(),
            action: action.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// `Ok(value)` when nothing was reported, else every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, InputError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(InputError(self.0))
        }
    }
}

/// Bad input: the tool stops with exit code 2 and prints every diagnostic.
#[derive(Debug, Clone)]
pub struct InputError(pub Vec<Diagnostic>);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "\n{n} problem{} found; nothing was written.",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn single(
        code: &'static str,
        file: &Path,
        line: Option<usize>,
        cause: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        let mut d = Diagnostics::default();
        d.push(code, file, line, cause, action);
        InputError(d.0)
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|d| d.code).collect()
    }
}

/// The stable error codes, with a one-line meaning each (printed by `rotation codes`
/// and mirrored in the README).
pub const CODES: &[(&str, &str)] = &[
    ("E1001", "a file cannot be read"),
    ("E1002", "TOML syntax error"),
    ("E1003", "unknown key in a scenario or policy file"),
    ("E1004", "a value has the wrong type"),
    ("E1005", "a required key or column is missing"),
    ("E1006", "a value is out of its allowed range"),
    ("E1007", "an unknown word where a fixed choice is expected"),
    ("E1010", "CSV file cannot be parsed"),
    ("E1011", "bad boolean (use true/false, 1/0, yes/no)"),
    ("E1012", "bad number"),
    ("E1020", "duplicate id"),
    ("E1021", "unknown school id"),
    ("E1022", "a school is in two groups, or twice in one"),
    ("E1023", "a group's core is also listed as its member"),
    ("E1024", "unknown preferred host school"),
    ("E1025", "unknown or invalid exchange host"),
    (
        "E1026",
        "exchange_host and exchange_start must come together",
    ),
    ("E1027", "coordinates out of range"),
    ("E1028", "roster with no staff"),
    ("E1029", "staff given both as a roster file and inline"),
    ("E1030", "a distance row is invalid"),
    ("E1031", "unknown person in a plan roster"),
    ("E1032", "a plan roster row is invalid"),
    (
        "E1040",
        "--set names an unknown policy key or gives a bad value",
    ),
];
