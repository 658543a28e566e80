//! The HR-export corpus (tests/fixtures/hr/, made by make_hr_exports.py there, which says
//! what each file is and how it was made): rosters as HR officers keep them, exported from
//! the HR system and saved by Excel, WPS or LibreOffice, each beside a scenario that is the
//! demo (scenarios/chengzhong.toml) reading it. These are acceptance tests for the reader:
//! one table, fixture → expectation, and one test per fixture.
//!
//! - `Demo`: `solve` exits 0, its roster.csv is byte for byte the demo's and its objective
//!   the demo's; each word (a column the program does not read) is named in a warning, in
//!   `solve`'s output (`warning`) and in `validate --lang zh`'s (`警告`).
//! - `DemoDigitIds`: the same with the demo's ids CZnnnn written 2027nnnn.
//! - `MappedOrWarned`: `solve` exits 0 with the demo's plan (the header was understood), or
//!   else its output warns naming the header and the column it probably means.
//! - `Stops`: `validate --lang zh` and `solve` exit 2, their errors name `file:LINE`, and the
//!   words (`a|b`: either) are in their output.
//!
//! Whatever the expectation, a run that exits 0 with a plan other than the demo's must say
//! why in a warning. The words a warning uses are not fixed: the tests ask only for the
//! column's header text and `warning`/`警告`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

enum Expect {
    Demo {
        warnings: &'static [&'static str],
    },
    DemoDigitIds {
        warnings: &'static [&'static str],
    },
    MappedOrWarned {
        header: &'static str,
        field: &'static [&'static str],
    },
    Stops {
        at: &'static str,
        words: &'static [&'static str],
    },
}

use Expect::*;

/// Columns of the HR system's export that the program does not read (序号, a row number,
/// may be taken as one it knows to skip, so it is not asked for).
const EXPORT_EXTRA: &[&str] = &["性别", "身份证号", "学段"];

/// The table and one test per fixture; the lines of the stops are the ones
/// make_hr_exports.py prints.
macro_rules! corpus {
    ($($test:ident: $toml:literal => $expect:expr;)*) => {
        const CORPUS: &[(&str, Expect)] = &[$(($toml, $expect)),*];
        $(
            #[test]
            fn $test() {
                if let Err(e) = check_fixture($toml, &$expect) {
                    panic!("tests/fixtures/hr/{}:\n{e}", $toml);
                }
            }
        )*
    };
}

corpus! {
    hr_export_xlsx: "hr-export.toml" => Demo { warnings: EXPORT_EXTRA };
    hr_export_xls: "hr-export-xls.toml" => Demo { warnings: EXPORT_EXTRA };
    hr_export_ods: "hr-export-ods.toml" => Demo { warnings: EXPORT_EXTRA };
    hr_export_gbk_csv: "hr-export-gbk.toml" => Demo { warnings: EXPORT_EXTRA };
    hr_export_utf8bom_csv: "hr-export-utf8bom.toml" => Demo { warnings: EXPORT_EXTRA };
    subjects_in_chinese: "subjects-zh.toml" => Demo { warnings: &[] };
    schools_by_name: "school-names.toml" => Demo { warnings: &[] };
    header_on_row_3: "header-row-3.toml" => Demo { warnings: &[] };
    extra_columns: "extra-columns.toml" => Demo { warnings: &["备注", "联系电话", "籍贯"] };
    statistics_sheet_first: "statistics-first.toml" => Demo { warnings: &[] };
    two_row_header: "two-row-header.toml" => Demo { warnings: &[] };
    duplicate_row: "duplicate-row.toml" => Stops {
        at: "duplicate-row.xlsx:102",
        words: &["CZ0042", "删除|delete"],
    };
    school_typo: "school-typo.toml" => Stops {
        at: "school-typo.xls:8",
        words: &["西宁市第十一中", "no11|西宁市第十一中学"],
    };
    subject_untaught: "subject-untaught.toml" => Stops {
        at: "subject-untaught.toml:74",
        words: &["phsyics", "physics|物理"],
    };
    misnamed_column: "misnamed-column.toml" => MappedOrWarned {
        header: "退休年",
        field: &["retire_year", "退休年份"],
    };
    wps_number_ids: "wps-numbers.toml" => DemoDigitIds { warnings: &["身份证号"] };
    sheet1_spaces_hidden: "sheet1-spaces.toml" => Demo { warnings: &["身份证号"] };
    formulas_saved_by_libreoffice: "formulas.toml" => Demo { warnings: &["调入本校年份"] };
}

fn hr() -> PathBuf {
    root().join("tests/fixtures/hr")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The demo's plan: roster.csv's bytes and summary.json's objective, solved once.
fn demo() -> &'static (Vec<u8>, f64) {
    static DEMO: OnceLock<(Vec<u8>, f64)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("demo");
        let demo = root().join("scenarios/chengzhong.toml");
        let (rc, _, err) = run(&["solve", s(&demo), "--out", s(&out)]);
        assert_eq!(rc, 0, "the demo: {err}");
        plan(&out).expect("the demo's plan")
    })
}

/// roster.csv's bytes and summary.json's objective in `out`, if a plan is there.
fn plan(out: &Path) -> Option<(Vec<u8>, f64)> {
    let roster = std::fs::read(out.join("roster.csv")).ok()?;
    let summary = std::fs::read_to_string(out.join("summary.json")).ok()?;
    let summary: serde_json::Value = serde_json::from_str(&summary).ok()?;
    Some((roster, summary["objective"].as_f64()?))
}

/// The demo's roster.csv with its ids CZnnnn written as the digits 2027nnnn.
fn digit_ids(roster: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(roster.to_vec()).unwrap();
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        match line.strip_prefix("CZ") {
            Some(rest) => out.push_str(&format!("2027{rest}")),
            None => out.push_str(line),
        }
    }
    out.into_bytes()
}

/// One run of the binary: exit code and stdout and stderr together.
struct Run {
    rc: i32,
    stderr: String,
    all: String,
}

fn rotation(args: &[&str]) -> Run {
    let (rc, out, err) = run(args);
    Run {
        rc,
        all: format!("{out}\n{err}"),
        stderr: err,
    }
}

/// Whether `text` warns naming `header` and one of the names `field` of its column.
fn warned(text: &str, header: &str, field: &[&str]) -> bool {
    warns(text) && text.contains(header) && field.iter().any(|f| text.contains(f))
}

fn warns(text: &str) -> bool {
    text.to_lowercase().contains("warning") || text.contains("警告")
}

/// The first lines of `text`, to show in a failure.
fn excerpt(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(8)
        .collect();
    format!("    | {}", lines.join("\n    | "))
}

/// Whether `text` holds `word` or, for `a|b`, one of its alternatives.
fn has(text: &str, word: &str) -> bool {
    word.split('|').any(|w| text.contains(w))
}

/// roster.csv with each subject cell (the fifth column) as its key: 历史 as `history`.
fn subjects_as_keys(roster: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roster);
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        if i > 0 && cells.len() > 4 {
            cells[4] = rotation::input::subjects::subject_key(&cells[4]);
        }
        out += &cells.join(",");
        out.push('\n');
    }
    out.into_bytes()
}

/// What differs between a plan (roster.csv `got`, objective `o`) and the one `wanted`.
fn difference(got: &[u8], o: f64, wanted: &[u8], objective: f64) -> String {
    let (got, wanted) = (
        String::from_utf8_lossy(got),
        String::from_utf8_lossy(wanted),
    );
    let first = got
        .lines()
        .zip(wanted.lines())
        .enumerate()
        .find(|(_, (g, w))| g != w)
        .map(|(i, (g, w))| format!("roster.csv line {}: `{g}`, the demo's `{w}`", i + 1))
        .unwrap_or_else(|| {
            format!(
                "roster.csv has {} lines, the demo's {}",
                got.lines().count(),
                wanted.lines().count()
            )
        });
    format!("another plan than the demo's: objective {o} (the demo's {objective}); {first}")
}

/// Whether `text` names the place `at` (`file:LINE`), not a line that starts with its digits.
fn names(text: &str, at: &str) -> bool {
    text.match_indices(at)
        .any(|(i, _)| !text[i + at.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

/// The error message of `stderr` that names `at`: its line and the indented lines under it.
fn error_at(stderr: &str, at: &str) -> String {
    let mut out = Vec::new();
    let mut inside = false;
    for line in stderr.lines() {
        if names(line, at) {
            inside = true;
        } else if !line.starts_with(' ') {
            inside = false;
        }
        if inside {
            out.push(line);
        }
    }
    out.join("\n")
}

/// The `file:LINE` places in `stderr` of the file of `at` (`file:LINE`) at another line.
fn other_lines(stderr: &str, at: &str) -> Vec<String> {
    let (file, line) = at.rsplit_once(':').unwrap();
    let mut out = Vec::new();
    for (i, _) in stderr.match_indices(&format!("{file}:")) {
        let rest = &stderr[i + file.len() + 1..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !n.is_empty() && n != line && !out.contains(&n) {
            out.push(n);
        }
    }
    out.into_iter().map(|n| format!("{file}:{n}")).collect()
}

/// Runs the fixture's scenario as its expectation says; every failure, one a line.
fn check_fixture(toml: &str, expect: &Expect) -> Result<(), String> {
    let scenario = hr().join(toml);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let solve = rotation(&["solve", s(&scenario), "--out", s(&out)]);
    let validate = rotation(&["validate", s(&scenario), "--lang", "zh"]);
    // A subject is named as the scenario spells it, else as the roster does: a roster
    // saying 历史 where the scenario sets no minimum for history gets 历史 back. The plan is
    // the demo's when the rows agree with each subject written as its key.
    let got = plan(&out).map(|(r, o)| (subjects_as_keys(&r), o));
    let (demo_roster, demo_objective) = demo();
    let wanted = subjects_as_keys(&match expect {
        DemoDigitIds { .. } => digit_ids(demo_roster),
        _ => demo_roster.clone(),
    });
    let same_plan = got
        .as_ref()
        .is_some_and(|(r, o)| *r == wanted && (o - demo_objective).abs() < 1e-6);
    let mut fails = Vec::new();
    let mut fail = |what: String| fails.push(what);
    // Any fixture: a plan other than the demo's is said in a warning.
    if solve.rc == 0 && !same_plan && !warns(&solve.all) {
        fail(format!(
            "solve exited 0 with a plan other than the demo's and no warning:\n{}",
            excerpt(&solve.all)
        ));
    }
    match expect {
        Demo { warnings } | DemoDigitIds { warnings } => {
            if solve.rc != 0 {
                fail(format!(
                    "solve exited {}, not 0:\n{}",
                    solve.rc,
                    excerpt(&solve.all)
                ));
            } else if !same_plan {
                fail(match &got {
                    Some((r, o)) => difference(r, *o, &wanted, *demo_objective),
                    None => "solve exited 0 but wrote no plan".to_string(),
                });
            }
            if validate.rc != 0 {
                fail(format!(
                    "validate --lang zh exited {}, not 0:\n{}",
                    validate.rc,
                    excerpt(&validate.all)
                ));
            }
            for (run, word) in [(&solve, "warning"), (&validate, "警告")] {
                let missing: Vec<&&str> =
                    warnings.iter().filter(|w| !run.all.contains(**w)).collect();
                if !warnings.is_empty() && (!run.all.contains(word) || !missing.is_empty()) {
                    fail(format!(
                        "no `{word}` naming the unread column(s) {missing:?} in the output of {}",
                        if word == "warning" {
                            "solve"
                        } else {
                            "validate --lang zh"
                        }
                    ));
                }
            }
        }
        MappedOrWarned { header, field } => {
            if solve.rc != 0 {
                fail(format!(
                    "solve exited {}, not 0:\n{}",
                    solve.rc,
                    excerpt(&solve.all)
                ));
            } else if !same_plan && !warned(&solve.all, header, field) {
                fail(format!(
                    "neither the demo's plan (the header `{header}` read as {field:?}) nor a \
                     warning naming `{header}` and {field:?}:\n{}",
                    excerpt(&solve.all)
                ));
            }
        }
        Stops { at, words } => {
            for (name, run) in [("validate --lang zh", &validate), ("solve", &solve)] {
                if run.rc != 2 {
                    fail(format!(
                        "{name} exited {}, not 2:\n{}",
                        run.rc,
                        excerpt(&run.all)
                    ));
                }
                if !names(&run.stderr, at) {
                    fail(format!(
                        "{name}'s errors do not name `{at}`:\n{}",
                        excerpt(&run.stderr)
                    ));
                }
            }
            // The error at `at` (its line and the hint lines under it) says the words, and
            // no other line of that file is in error.
            let both = format!(
                "{}\n{}",
                error_at(&validate.stderr, at),
                error_at(&solve.stderr, at)
            );
            for w in words.iter().filter(|w| !has(&both, w)) {
                fail(format!(
                    "the error at `{at}` does not say `{w}`:\n{}",
                    excerpt(&validate.all)
                ));
            }
            let mut others = other_lines(&format!("{}\n{}", validate.stderr, solve.stderr), at);
            if others.len() > 5 {
                let n = others.len();
                others.truncate(5);
                others.push(format!("… {n} in all"));
            }
            if !others.is_empty() {
                fail(format!(
                    "errors at other lines than `{at}`: {others:?}:\n{}",
                    excerpt(&validate.all)
                ));
            }
            if got.is_some() {
                fail("a plan was written".to_string());
            }
        }
    }
    if fails.is_empty() {
        Ok(())
    } else {
        Err(fails.join("\n"))
    }
}

/// A column the program does not read is named, with a warning, by `validate` in both
/// languages: HR learns that 备注, 联系电话 and 籍贯 were not read (and would learn it of a
/// misspelt header of a column it needs).
#[test]
fn every_unknown_column_is_named_by_validate() {
    let scenario = hr().join("extra-columns.toml");
    let mut fails = Vec::new();
    for (lang, word) in [("en", "warning"), ("zh", "警告")] {
        let v = rotation(&["validate", s(&scenario), "--lang", lang]);
        if v.rc != 0 {
            fails.push(format!("--lang {lang}: exit {}", v.rc));
        }
        if !v.all.contains(word) {
            fails.push(format!("--lang {lang}: no `{word}`"));
        }
        for column in ["备注", "联系电话", "籍贯"] {
            if !v.all.contains(column) {
                fails.push(format!("--lang {lang}: `{column}` not named"));
            }
        }
        if !fails.is_empty() {
            fails.push(excerpt(&v.all));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// The table holds every scenario of the corpus, each names a roster that is there, and every
/// file stays small.
#[test]
fn the_corpus_is_whole_and_small() {
    let mut tomls = Vec::new();
    for path in files_in(&hr()) {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size < 200_000, "{name} is {size} bytes");
        if name.ends_with(".toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let staff = text
                .lines()
                .find_map(|l| l.strip_prefix("staff = \""))
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{name} names no staff"));
            assert!(hr().join(staff).is_file(), "{name}: {staff} is not there");
            tomls.push(name);
        }
    }
    let mut table: Vec<String> = CORPUS.iter().map(|(t, _)| t.to_string()).collect();
    table.sort();
    assert_eq!(
        tomls, table,
        "the scenarios in tests/fixtures/hr and the table differ"
    );
    assert!(CORPUS.len() >= 14);
}
