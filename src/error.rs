//! Input problems: each carries a stable code, the file, the line, the cause and the action,
//! and they are collected so that a user sees every problem of a file set at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the user's files.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
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
        let error = rust_i18n::t!("diag.error");
        write!(f, "{error}[{}] {}", self.code, self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}\n    {}: {}", self.cause, fix_word(), self.action)
    }
}

/// How much a [`Notice`] matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// What the reader did with the input, said so the user can see it (the columns it
    /// mapped, the title rows it skipped).
    Info,
    /// Something the user most likely wants to know before trusting the plan: a column the
    /// tool does not read, a distance it estimated. `--strict` makes it an error.
    Warning,
}

/// Something said aloud about the input that does not stop the run: a column left unread,
/// rows skipped, a distance estimated. The input is never changed in silence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    /// Info or warning.
    pub level: Level,
    /// The stable code of a warning (one of [`CODES`]; the error it becomes under
    /// `--strict`); `None` for an info line.
    pub code: Option<&'static str>,
    /// The file it is about.
    pub file: PathBuf,
    /// The 1-based line (row of a sheet), when it has one.
    pub line: Option<usize>,
    /// What the reader found or did.
    pub cause: String,
    /// What to do, when something should be done.
    pub action: Option<String>,
}

impl Notice {
    /// The error this warning is under `--strict`.
    pub fn as_error(&self) -> Diagnostic {
        Diagnostic {
            code: self.code.unwrap_or("E1060"),
            file: self.file.clone(),
            line: self.line,
            cause: self.cause.clone(),
            action: self.action.clone().unwrap_or_default(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.level, self.code) {
            (Level::Warning, Some(code)) => {
                write!(f, "{}[{code}] ", rust_i18n::t!("diag.warning"))?
            }
            _ => write!(f, "{} ", rust_i18n::t!("diag.info"))?,
        }
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.cause)?;
        if let Some(action) = &self.action {
            write!(f, "\n    {}: {}", fix_word(), action)?;
        }
        Ok(())
    }
}

/// All problems found so far (`.0`; reading goes on after a problem so that all are
/// reported), and the notices said along the way (`.1`).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>, pub Vec<Notice>);

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

    /// Says a warning aloud (`code` is the error it becomes under `--strict`) and goes on.
    pub fn warn(
        &mut self,
        code: &'static str,
        file: &Path,
        line: Option<usize>,
        cause: impl Into<String>,
        action: impl Into<String>,
    ) {
        self.1.push(Notice {
            level: Level::Warning,
            code: Some(code),
            file: file.to_path_buf(),
            line,
            cause: cause.into(),
            action: Some(action.into()),
        });
    }

    /// Says what the reader did (an info line) and goes on.
    pub fn info(&mut self, file: &Path, line: Option<usize>, cause: impl Into<String>) {
        self.1.push(Notice {
            level: Level::Info,
            code: None,
            file: file.to_path_buf(),
            line,
            cause: cause.into(),
            action: None,
        });
    }

    /// True when no problem was reported (notices do not count).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the problems another reader found.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
        self.1.extend(other.1);
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

/// How many problems a listing shows before it counts the rest (unless [`show_all`]).
pub const MAX_SHOWN: usize = 100;

static SHOW_ALL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether an [`InputError`] lists every problem (`--all-errors`) or the first
/// [`MAX_SHOWN`]: a roster of 200,000 bad rows would otherwise print megabytes.
pub fn show_all(all: bool) {
    SHOW_ALL.store(all, std::sync::atomic::Ordering::Relaxed);
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        let shown = if SHOW_ALL.load(std::sync::atomic::Ordering::Relaxed) {
            n
        } else {
            n.min(MAX_SHOWN)
        };
        for (i, d) in self.0[..shown].iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if shown < n {
            write!(
                f,
                "\n{}",
                rust_i18n::t!("bounds.more_problems", n = n - shown)
            )?;
        }
        let key = if n == 1 {
            "diag.one_problem"
        } else {
            "diag.problems"
        };
        write!(f, "\n{}", rust_i18n::t!(key, n = n))
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

/// One stable error code. What went wrong and what to do about it in general are in
/// `locales/codes.toml`, in each language; the specific action at each site stays in its
/// [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code itself, `E1xxx`: the same in every language.
    pub code: &'static str,
}

impl Code {
    /// What went wrong, in a few words, in the language in force.
    pub fn title(&self) -> String {
        rust_i18n::t!(format!("codes.{}.title", self.code)).into_owned()
    }

    /// What to do in general, in the language in force.
    pub fn fix(&self) -> String {
        rust_i18n::t!(format!("codes.{}.fix", self.code)).into_owned()
    }
}

const fn code(code: &'static str) -> Code {
    Code { code }
}

/// Every stable error code, in order; `rotation codes` prints it with [`codes_text`].
/// tests/it/codes.rs checks that the sources use exactly these codes and triggers each one.
pub const CODES: &[Code] = &[
    code("E1001"),
    code("E1002"),
    code("E1003"),
    code("E1004"),
    code("E1005"),
    code("E1006"),
    code("E1007"),
    code("E1010"),
    code("E1011"),
    code("E1012"),
    code("E1020"),
    code("E1021"),
    code("E1022"),
    code("E1023"),
    code("E1024"),
    code("E1025"),
    code("E1026"),
    code("E1027"),
    code("E1028"),
    code("E1029"),
    code("E1030"),
    code("E1031"),
    code("E1032"),
    code("E1033"),
    code("E1034"),
    code("E1035"),
    code("E1036"),
    code("E1037"),
    code("E1038"),
    code("E1040"),
    code("E1041"),
    code("E1042"),
    code("E1050"),
    code("E1060"),
    code("E1061"),
    code("E1062"),
    code("E1063"),
    code("E1064"),
    code("E1070"),
    code("E1071"),
];

/// The word before the action of a diagnostic (`fix:`), in the language in force.
fn fix_word() -> std::borrow::Cow<'static, str> {
    rust_i18n::t!("diag.fix")
}

/// The listing `rotation codes` prints: each code with its title, then an indented
/// fix line, as in a diagnostic.
pub fn codes_text() -> String {
    CODES
        .iter()
        .map(|c| {
            format!(
                "{}  {}\n    {}: {}\n",
                c.code,
                c.title(),
                fix_word(),
                c.fix()
            )
        })
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
            for lang in ["en", "zh"] {
                let title = rust_i18n::t!(format!("codes.{}.title", c.code), locale = lang);
                let fix = rust_i18n::t!(format!("codes.{}.fix", c.code), locale = lang);
                // A missing key comes back as the key itself.
                assert!(
                    !title.starts_with("codes.") && !fix.starts_with("codes."),
                    "{} {lang}",
                    c.code
                );
            }
        }
    }

    #[test]
    fn codes_text_gives_each_code_its_title_and_fix() {
        let text = codes_text();
        for c in CODES {
            let entry = format!("{}  {}\n    fix: {}\n", c.code, c.title(), c.fix());
            assert!(text.contains(&entry), "{entry}");
        }
        assert_eq!(text.lines().count(), 2 * CODES.len());
    }
}
