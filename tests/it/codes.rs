//! The error-code table `rotation::error::CODES` and the sources agree, and every code in
//! the table is triggered through the binary (exit 2, `error[CODE]` on stderr). A new code
//! without a case here fails `every_code_in_the_table_has_a_case`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::*;
use rotation::error::CODES;

/// Codes in the table that no source emits yet (a new code may wait here for its first
/// site; the test below says when it is emitted and can leave).
const NOT_YET_EMITTED: &[&str] = &[];

/// One way to make the binary report `code`.
struct Case {
    code: String,
    args: Vec<String>,
}

fn case(code: &str, args: &[&str]) -> Case {
    Case {
        code: code.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

fn table() -> BTreeSet<String> {
    CODES.iter().map(|c| c.code.to_string()).collect()
}

/// Every `E1xxx` in a string literal under src/, with its file.
fn codes_in_src() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for code in string_literals(&text).iter().flat_map(|s| codes_in(s)) {
            out.push((file.clone(), code));
        }
    }
    out
}

#[test]
fn every_code_in_src_is_in_the_table() {
    let table = table();
    for (file, code) in codes_in_src() {
        assert!(
            table.contains(&code),
            "{}: {code} is not in error::CODES",
            file.display()
        );
    }
}

#[test]
fn every_code_in_the_table_is_used_in_src() {
    // The table's own file is no use of a code.
    let used: BTreeSet<String> = codes_in_src()
        .into_iter()
        .filter(|(file, _)| !file.ends_with("src/error.rs"))
        .map(|(_, code)| code)
        .collect();
    let unused: Vec<String> = table()
        .into_iter()
        .filter(|c| !used.contains(c) && !NOT_YET_EMITTED.contains(&c.as_str()))
        .collect();
    assert!(unused.is_empty(), "codes no source uses: {unused:?}");
    let emitted: Vec<&str> = NOT_YET_EMITTED
        .iter()
        .copied()
        .filter(|c| used.contains(*c))
        .collect();
    assert!(
        emitted.is_empty(),
        "{emitted:?} are emitted now: take them out of NOT_YET_EMITTED"
    );
}

#[test]
fn every_code_in_the_table_has_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let covered: BTreeSet<String> = cases(dir.path()).into_iter().map(|c| c.code).collect();
    assert_eq!(covered, table(), "codes with a case vs. codes in the table");
}

#[test]
fn every_case_exits_2_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let failures: Vec<String> = cases(dir.path()).iter().filter_map(failure).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs a case: `None` when it exits 2 (4 for an output, E1050) with `error[CODE]` and no
/// panic, else what happened.
fn failure(c: &Case) -> Option<String> {
    let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
    let (rc, _, err) = run(&args);
    // An output that cannot be written has its own exit code; every other problem is 2.
    let expected = if c.code == "E1050" { 4 } else { 2 };
    let ok =
        rc == expected && err.contains(&format!("error[{}]", c.code)) && !err.contains("panicked");
    let cmd = args.join(" ");
    (!ok).then(|| format!("{} expected, `{cmd}` exited {rc}:\n{err}", c.code))
}

/// One scenario of scenarios/invalid/ per code it names, then the cases that need a plan,
/// a command-line value or an output path; their files go into `dir`.
fn cases(dir: &Path) -> Vec<Case> {
    let mut all: Vec<Case> = invalid_scenarios()
        .into_iter()
        .map(|(code, rel)| case(&code, &["validate", &rel]))
        .collect();
    all.extend(plan_cases(dir));
    all.extend(command_line_cases());
    all.extend(output_cases(dir));
    all.push(duplicate_column_case(dir));
    all.extend(reading_cases(dir));
    all.extend(sweep_cases(dir));
    all
}

/// The warnings of reading, refused under `--strict` (E1060 a column not read, E1061 a row
/// naming no one, E1062 a distance estimated), and the errors E1062 under
/// `distances_complete`, E1063 (a minimum of a subject no one teaches) and E1064 (a cell
/// longer than a spreadsheet holds).
fn reading_cases(dir: &Path) -> Vec<Case> {
    let scenario = |name: &str, extra: &str, min: &str| {
        let text = format!(
            "[scenario]\nplan_year = 2027\nstaff = \"{name}.csv\"\n{extra}\n\
            [[groups]]\nid = \"g\"\ncore = \"c\"\nmembers = [\"m\"]\n\
            [[schools]]\nid = \"c\"\nlat = 36.6\nlon = 101.7\n{min}\n\
            [[schools]]\nid = \"m\"\nlat = 36.7\nlon = 101.7\n"
        );
        std::fs::write(dir.join(format!("{name}.toml")), text).unwrap();
        dir.join(format!("{name}.toml"))
            .to_str()
            .unwrap()
            .to_string()
    };
    let roster = |name: &str, text: &str| std::fs::write(dir.join(format!("{name}.csv")), text);
    let ok_rows = "a,c,math\nb,m,math\n";
    roster("unread", "id,school,subject,备注\na,c,math,x\nb,m,math,y\n").unwrap();
    roster("unnamed", "id,name,school,subject\na,A,c,math\n,,m,math\n").unwrap();
    let due = "id,school,subject,years_at_school\na,c,math,9\nb,m,math,9\n";
    roster("estimated", due).unwrap();
    roster("complete", due).unwrap();
    std::fs::write(dir.join("one.csv"), "from,to,km\nc,c,0\n").unwrap();
    roster("untaught", &format!("id,school,subject\n{ok_rows}")).unwrap();
    let long = "长".repeat(40_000);
    roster(
        "long",
        &format!("id,name,school,subject\na,{long},c,math\n"),
    )
    .unwrap();
    let unread = scenario("unread", "", "");
    let unnamed = scenario("unnamed", "", "");
    let estimated = scenario("estimated", "distances = \"one.csv\"", "");
    let complete = scenario(
        "complete",
        "distances = \"one.csv\"\ndistances_complete = true",
        "",
    );
    let untaught = scenario("untaught", "", "[schools.min_subject]\nphsyics = 1");
    let long = scenario("long", "", "");
    vec![
        case("E1060", &["validate", &unread, "--strict"]),
        case("E1061", &["validate", &unnamed, "--strict"]),
        case("E1062", &["validate", &estimated, "--strict"]),
        case("E1062", &["validate", &complete]),
        case("E1063", &["validate", &untaught]),
        case("E1064", &["validate", &long]),
    ]
}

/// A roster naming one column twice, by its name and by its Chinese alias.
fn duplicate_column_case(dir: &Path) -> Case {
    let scenario = "[scenario]\nplan_year = 2027\nstaff = \"dup.csv\"\n\
        [[groups]]\nid = \"g\"\ncore = \"c\"\nmembers = [\"m\"]\n\
        [[schools]]\nid = \"c\"\nlat = 36.6\nlon = 101.7\n\
        [[schools]]\nid = \"m\"\nlat = 36.7\nlon = 101.7\n";
    std::fs::write(dir.join("dup.toml"), scenario).unwrap();
    std::fs::write(dir.join("dup.csv"), "id,school,学校,subject\na,c,c,math\n").unwrap();
    case(
        "E1036",
        &["validate", dir.join("dup.toml").to_str().unwrap()],
    )
}

/// The first file (by name) of scenarios/invalid/ for each code named on its first line.
fn invalid_scenarios() -> BTreeMap<String, String> {
    let mut by_code = BTreeMap::new();
    for path in files_in(&root().join("scenarios/invalid")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".toml") || name.ends_with(".policy.toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or("");
        if let Some(code) = first.strip_prefix("# expect: ") {
            by_code
                .entry(code.trim().to_string())
                .or_insert(format!("scenarios/invalid/{name}"));
        }
    }
    by_code
}

/// `check` against the demo scenario with plans that name what the scenario lacks.
fn plan_cases(dir: &Path) -> Vec<Case> {
    let plans = [
        ("E1031", "unknown-person", "NOBODY,no11,2027"),
        ("E1032", "no-host", "CZ0002,,2027"),
        ("E1032", "unknown-host", "CZ0002,nowhere,2027"),
        ("E1012", "bad-year", "CZ0002,no11,next"),
    ];
    plans
        .iter()
        .map(|(code, name, row)| {
            let path = dir.join(format!("plan-{name}.csv"));
            let csv = format!("person_id,host_school,start_year\n{row}\n");
            std::fs::write(&path, csv).unwrap();
            let path = path.to_str().unwrap();
            case(code, &["check", "scenarios/chengzhong.toml", path])
        })
        .collect()
}

fn command_line_cases() -> Vec<Case> {
    let demo = "scenarios/chengzhong.toml";
    vec![
        case("E1001", &["validate", "scenarios/no-such-scenario.toml"]),
        case("E1040", &["validate", demo, "--set", "quota.rte=0.2"]),
        case("E1040", &["validate", demo, "--set", "quota.rate"]),
        case("E1040", &["validate", demo, "--set", "quota.rate=abc"]),
        // `--time-limit` is `--set solver.time_limit_s`: a bad value is a bad `--set`.
        case("E1040", &["solve", demo, "--time-limit", "0"]),
        case(
            "E1041",
            &["explain", demo, "--plan", "no-such.csv", "nobody"],
        ),
        // clap's usage errors: an unknown option, a value of the wrong type, none at all.
        case("E1042", &["solve", demo, "--no-such-option"]),
        case("E1042", &["solve", demo, "--threads", "many"]),
        case("E1042", &["validate"]),
    ]
}

/// Every kind of output, aimed below a regular file, where no folder can be made.
fn output_cases(dir: &Path) -> Vec<Case> {
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let below = |name: &str| file.join(name).to_str().unwrap().to_string();
    let demo = "scenarios/chengzhong.toml";
    vec![
        case("E1050", &["solve", demo, "--out", &below("out")]),
        case("E1050", &["compare", demo, "--out", &below("cmp")]),
        case("E1050", &["export", demo, "--mps", &below("m.mps")]),
        case(
            "E1050",
            &["generate", "--groups", "1", "--out", &below("g")],
        ),
        case(
            "E1050",
            &[
                "bench",
                demo,
                "--models",
                "models/baseline.toml",
                "--repeat",
                "1",
                "--csv",
                &below("bench.csv"),
            ],
        ),
    ]
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in files_in(dir) {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Every `E1` followed by exactly three digits, as a whole word.
fn codes_in(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    (0..(b.len() + 1).saturating_sub(5))
        .filter(|&i| b[i] == b'E' && b[i + 1] == b'1')
        .filter(|&i| b[i + 2..i + 5].iter().all(u8::is_ascii_digit))
        .filter(|&i| (i == 0 || !word(i - 1)) && !word(i + 5))
        .map(|i| text[i..i + 5].to_string())
        .collect()
}

/// The contents of the string literals of a Rust source. Comments are skipped, so a doc
/// that mentions a code is no use of it; char literals are skipped, so `'"'` opens nothing.
fn string_literals(src: &str) -> Vec<String> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        i = match (c[i], c.get(i + 1)) {
            ('/', Some('/')) => find(&c, i, "\n"),
            ('/', Some('*')) => find(&c, i + 2, "*/"),
            ('\'', _) => after_char_literal(&c, i),
            ('"', _) => push_quoted(&c, i + 1, &mut out),
            ('r', Some('"' | '#')) => push_raw(&c, i + 1, &mut out),
            _ => i + 1,
        };
    }
    out
}

/// The index just after the first `pat` at or after `from` (the end when there is none).
fn find(c: &[char], from: usize, pat: &str) -> usize {
    let p: Vec<char> = pat.chars().collect();
    (from..c.len())
        .find(|&j| c[j..].starts_with(&p))
        .map_or(c.len(), |j| j + p.len())
}

/// Skips `'x'` or `'\n'`; a lifetime `'a` has no closing quote and is passed over.
fn after_char_literal(c: &[char], i: usize) -> usize {
    match (c.get(i + 1), c.get(i + 2)) {
        (Some('\\'), _) => find(c, i + 3, "'"),
        (_, Some('\'')) => i + 3,
        _ => i + 1,
    }
}

/// Reads a `"…"` literal whose text starts at `from`, escapes kept as written.
fn push_quoted(c: &[char], from: usize, out: &mut Vec<String>) -> usize {
    let mut j = from;
    while j < c.len() && c[j] != '"' {
        j += if c[j] == '\\' { 2 } else { 1 };
    }
    out.push(c[from..j.min(c.len())].iter().collect());
    j + 1
}

/// Reads `r"…"` or `r#"…"#` from the `"` or first `#` at `from`; `r#ident` is no literal.
fn push_raw(c: &[char], from: usize, out: &mut Vec<String>) -> usize {
    let hashes = c[from..].iter().take_while(|&&ch| ch == '#').count();
    if c.get(from + hashes) != Some(&'"') {
        return from;
    }
    let close: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let start = from + hashes + 1;
    let end = find(c, start, &close);
    out.push(
        c[start..end.saturating_sub(close.len()).max(start)]
            .iter()
            .collect(),
    );
    end
}

#[test]
fn the_scanner_reads_literals_and_skips_comments_and_chars() {
    let src = "// \"E1998\"\nlet q = '\"'; f(\"a E1001 b\", r#\"E1002\"#, '\\'', \"\\\"E1003\");\n/* E1997 */ x<'a>";
    let codes: Vec<String> = string_literals(src)
        .iter()
        .flat_map(|s| codes_in(s))
        .collect();
    assert_eq!(codes, ["E1001", "E1002", "E1003"]);
    assert!(codes_in("E10010 xE1001 E100").is_empty());
}

/// A sweep grid that matches no scenario (E1070), and a folder no sweep was planned into
/// (E1071).
fn sweep_cases(dir: &Path) -> Vec<Case> {
    let grid = dir.join("sweep.toml");
    std::fs::write(&grid, "[sweep]\nscenarios = [\"nowhere/*.toml\"]\n").unwrap();
    let grid = grid.display().to_string();
    let out = dir.join("sweep-out").display().to_string();
    let empty = dir.join("no-sweep");
    std::fs::create_dir_all(&empty).unwrap();
    let empty = empty.display().to_string();
    vec![
        case("E1070", &["sweep", "plan", &grid, "--out", &out]),
        case("E1071", &["sweep", "run", &empty, "--index", "0"]),
    ]
}
