//! Input problems: each carries a stable code, the file, the line, the cause and the action,
//! and they are collected so that a user sees every problem of a file set at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the user's files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Stable code (`E1xxx`, one of [`CODES`]), so scripts and manuals can refer to it.
    pub code: &'static str,
    /// The file at fault, or the option (`--set`, `--time-limit`) for a command-line value.
    pub file: PathBuf,
    /// The 1-based line in `file`, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong, naming the value found.
    pub cause: String,
    /// What to do about it here (the code's general advice is in [`CODES`]).
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
    /// Records one problem and goes on.
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

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the problems another reader found.
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
    /// An error of one problem, for checks that stop at the first.
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

    /// The codes of its problems, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|d| d.code).collect()
    }
}

/// One stable error code: what went wrong and what to do about it in general. The
/// specific action at each site stays in its [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code itself, `E1xxx`.
    pub code: &'static str,
    /// What went wrong, in a few words.
    pub title: &'static str,
    /// What to do in general.
    pub fix: &'static str,
}

const fn code(code: &'static str, title: &'static str, fix: &'static str) -> Code {
    Code { code, title, fix }
}

/// Every stable error code, in order; `rotation codes` prints it with [`codes_text`].
/// tests/codes.rs checks that the sources use exactly these codes and triggers each one.
pub const CODES: &[Code] = &[
    code("E1001", "a file cannot be read", "check the path and that the file exists and is readable; paths in a scenario are relative to the scenario file"),
    code("E1002", "TOML syntax error", "correct the TOML syntax at the line shown (quotes, brackets, `key = value`)"),
    code("E1003", "unknown key in a scenario or policy file", "correct the spelling (the nearest known key is suggested) or remove the key"),
    code("E1004", "a value has the wrong type", "write a value of the documented type: string, number, boolean or table (see models/baseline.toml)"),
    code("E1005", "a required key or column is missing", "add the key, column or cell the message names"),
    code("E1006", "a value is out of its allowed range", "give a value in the allowed range, or remove a policy key to get its default"),
    code("E1007", "an unknown word where a fixed choice is expected", "write one of the allowed words (a post is teacher, cadre or principal)"),
    code("E1010", "a CSV file or workbook cannot be read", "save it from Excel or WPS as \"CSV UTF-8\" or \"CSV\" (UTF-8 and GBK are both read), with the column names on its first row"),
    code("E1011", "bad boolean", "write true/false, 1/0 or yes/no"),
    code("E1012", "bad number", "write a plain number, without unit or thousands separator, such as 2027 or 36.617"),
    code("E1020", "duplicate id", "give every school, group and person an id of its own"),
    code("E1021", "unknown school id", "use an id listed under [[schools]], or add that school"),
    code("E1022", "a school is in two groups, or twice in one", "list each school once, in one group only"),
    code("E1023", "a group's core is also listed as its member", "name the core school in `core` only, not in `members`"),
    code("E1024", "unknown preferred host school", "name schools of the scenario as preferences, or leave the cell empty"),
    code("E1025", "unknown or invalid exchange host", "name another school of the scenario as exchange host, or clear the exchange"),
    code("E1026", "exchange_host and exchange_start must come together", "fill in both cells, or clear both"),
    code("E1027", "coordinates out of range", "give both latitude in [-90, 90] and longitude in [-180, 180], in degrees, or neither"),
    code("E1028", "roster with no staff", "add one roster row per staff member, or [[staff]] tables"),
    code("E1029", "staff given both as a roster file and inline", "keep either `staff = \"file.csv\"` under [scenario] or the [[staff]] tables"),
    code("E1030", "a distance row is invalid", "give each pair of the scenario's schools once, with a road distance in km of 0 or more"),
    code("E1031", "unknown person in a plan roster", "correct the person_id, or check the plan against the scenario it was made for"),
    code("E1032", "a plan roster row is invalid", "fill in person_id, host_school and start_year, with a host school of the scenario"),
    code("E1033", "a pin cannot hold", "pin the person to another school than home, not in their avoid_hosts, in a year they are a candidate (post, exempt, years at school, retirement, exchange under way, cooldown), or clear the pin"),
    code("E1034", "unknown school in assign_host or avoid_hosts", "name schools of the scenario in `assign_host` and `avoid_hosts` (ids separated by `;`)"),
    code("E1035", "assign_year without assign_host, or outside the horizon", "give `assign_year` only with `assign_host`, and a year of the horizon (empty: the plan year)"),
    code("E1036", "two columns of a roster or distance table name the same column", "keep one of the two columns (docs/COLUMNS.md lists the names each column goes by), or rename the other"),
    code("E1038", "a sheet key names no sheet of the workbook, or is given for a CSV file", "write in `staff_sheet` or `distances_sheet` a sheet name the workbook has (the message lists them), or remove the key: a CSV file has no sheets"),
    code("E1040", "--set names an unknown policy key or gives a bad value", "write --set section.key=value with a key of the policy file (the nearest is suggested) and a value of its type and range"),
    code("E1050", "an output file or folder cannot be written", "choose a writable path for --out, --csv, the export file or the generate folder; every folder above it must be a folder, not a file"),
];

/// The listing `rotation codes` prints: each code with its title, then an indented
/// `fix:` line, as in a diagnostic.
pub fn codes_text() -> String {
    CODES
        .iter()
        .map(|c| format!("{}  {}\n    fix: {}\n", c.code, c.title, c.fix))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_well_formed() {
        let codes: Vec<&str> = CODES.iter().map(|c| c.code).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
        for c in CODES {
            let digits = c.code.strip_prefix("E1").unwrap_or("");
            assert!(digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()));
            assert!(!c.title.is_empty() && !c.fix.is_empty(), "{}", c.code);
        }
    }

    #[test]
    fn codes_text_gives_each_code_its_title_and_fix() {
        let text = codes_text();
        for c in CODES {
            let entry = format!("{}  {}\n    fix: {}\n", c.code, c.title, c.fix);
            assert!(text.contains(&entry), "{entry}");
        }
        assert_eq!(text.lines().count(), 2 * CODES.len());
    }
}
