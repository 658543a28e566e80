//! Chinese to the last word (issue 23, item 7): under `LANG=zh_CN.UTF-8`, and under
//! `--lang zh` in an English locale, every `--help`, clap's usage errors, `keys`, `codes`
//! and `validate`'s verdict print no English word but what a user types or reads in files:
//! error codes, file names, commands and options, policy keys and the words of policy
//! values. Also: `compare`'s files in Chinese and its cut diff pointing at the real file;
//! the one net figure of terminal, plan.xlsx and report.html; every `--set` value checked.

use std::collections::BTreeSet;

use crate::common::run_in_locale;

/// ASCII words a Chinese text may hold: names of formats and products, the values of
/// `--lang`, range words of the key table, the command names, and the words a policy file
/// spells a value with. Anything else in ASCII letters is an untranslated English word,
/// unless it is a file name or key (it holds `.`, `/`, `_`, `=` or `@`), an option (it
/// starts with `-`), a code (`E1042`), a number (`1e9`), a list of column names
/// (`from,to,km`), code in backticks or a TOML table name in brackets (`[[staff]]`).
const ALLOWED: &[&str] = &[
    // formats, products, encodings, paper
    "CSV",
    "JSON",
    "TOML",
    "MPS",
    "LP",
    "CPLEX",
    "HiGHS",
    "Excel",
    "WPS",
    "UTF-8",
    "GBK",
    "GB18030",
    "A4",
    // the locale variables and `--lang`'s values
    "LANG",
    "en",
    "zh",
    // the program and its commands
    "rotation",
    "solve",
    "validate",
    "check",
    "bench",
    "compare",
    "export",
    "generate",
    "codes",
    "keys",
    "roll",
    "explain",
    "report",
    "help",
    "sweep",
    "plan",
    "run",
    "status",
    "merge",
    "threshold",
    // the schedulers a sweep's launchers are for
    "Slurm",
    "Kubernetes",
    "GNU",
    "parallel",
    // values as a policy file writes them (the key table's ranges)
    "true",
    "false",
    "inf",
    "core-member",
    "group",
    "county",
    "equal",
    "equal-cadre-backbone",
    "none",
    "core",
    "trusteed",
    "member",
    // `--out`'s default folder
    "out",
];

/// `text` without code spans (`` `…` ``) and bracketed ASCII names (`[[staff]]`).
fn without_code(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['`', '[']) {
        out.push_str(&rest[..i]);
        let (open, close) = if rest[i..].starts_with('`') {
            ('`', '`')
        } else {
            ('[', ']')
        };
        let after = &rest[i + open.len_utf8()..];
        match after.find(close) {
            Some(j) if open == '`' || is_table_name(&after[..j]) => {
                out.push(' ');
                rest = &after[j + close.len_utf8()..];
            }
            _ => {
                out.push(open);
                rest = after;
            }
        }
    }
    out + rest
}

/// `staff` of `[[staff]]` or `scenario` of `[scenario]`: a TOML table as a file writes it
/// (not `[OPTIONS]`, clap's English).
fn is_table_name(inner: &str) -> bool {
    let name = inner.trim_matches(['[', ']']);
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// The English words of `text`: ASCII words outside [`ALLOWED`] and `typed` (the command
/// line's own words, which the messages quote), by the rules of [`ALLOWED`].
fn english_words(text: &str, typed: &[&str]) -> BTreeSet<String> {
    let text = without_code(text);
    let is_code =
        |w: &str| w.len() == 5 && w.starts_with("E1") && w[1..].bytes().all(|b| b.is_ascii_digit());
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "_.-/=@<>,+*".contains(c)))
        // A leading `.` stays: `.csv` after Chinese is a file name's end.
        .map(|w| {
            w.trim_start_matches(['<', '+'])
                .trim_end_matches(['>', ',', '.', ':', '+'])
        })
        .filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic()))
        .filter(|w| !w.starts_with('-') && !w.contains(['.', '/', '_', '=', '@', ',']))
        .filter(|w| !is_code(w) && w.parse::<f64>().is_err())
        .filter(|w| !ALLOWED.contains(w) && !typed.contains(w))
        .map(str::to_string)
        .collect()
}

/// How the Chinese is asked for: by the locale, or by `--lang zh` in an English locale.
#[derive(Debug, Clone, Copy)]
enum Ask {
    Locale,
    Flag,
}

/// Runs `args` in Chinese as `ask` asks for it.
fn run_zh(ask: Ask, args: &[&str]) -> (i32, String, String) {
    match ask {
        Ask::Locale => run_in_locale("zh_CN.UTF-8", args),
        Ask::Flag => {
            // First: after `help`, clap reads every word as a command's name.
            let mut with = vec!["--lang", "zh"];
            with.extend(args);
            run_in_locale("C.UTF-8", &with)
        }
    }
}

const COMMANDS: [&str; 13] = [
    "solve", "validate", "check", "bench", "compare", "export", "generate", "codes", "keys",
    "roll", "explain", "report", "sweep",
];

fn assert_chinese(text: &str, args: &[&str]) {
    let english = english_words(text, args);
    assert!(
        english.is_empty(),
        "{args:?} prints English words {english:?}:\n{text}"
    );
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{args:?} prints no Chinese:\n{text}"
    );
}

#[test]
fn the_scan_finds_english_and_lets_keys_files_and_codes_pass() {
    let words = english_words(
        "错误[E1042] --set: 没有 `quota.rte` 值 roster.csv [[staff]] (from,to,km) 1e9 unexpected argument found",
        &[],
    );
    let want: BTreeSet<String> = ["unexpected", "argument", "found"].map(String::from).into();
    assert_eq!(words, want);
    assert!(english_words("用法：rotation solve [OPTIONS] <SCENARIO>", &[]).contains("OPTIONS"));
}

#[test]
fn every_help_is_in_chinese() {
    for ask in [Ask::Locale, Ask::Flag] {
        let mut cases: Vec<Vec<&str>> = vec![vec!["--help"], vec!["-h"], vec!["help"]];
        for c in COMMANDS {
            cases.push(vec![c, "--help"]);
            cases.push(vec![c, "-h"]);
            cases.push(vec!["help", c]);
        }
        for args in cases {
            let (code, out, err) = run_zh(ask, &args);
            assert_eq!(code, 0, "{ask:?} {args:?}: {err}");
            assert_chinese(&out, &args);
        }
    }
}

#[test]
fn usage_errors_are_in_chinese_with_a_code_and_exit_2() {
    let cases: &[&[&str]] = &[
        &["solve", "x.toml", "--baseline"],
        &["bench", "--lp", "a.lp"],
        &["frobnicate"],
        &["solve", "x.toml", "--no-such-option"],
        &["solve", "x.toml", "--tread", "3"],
        &["solve", "x.toml", "--threads", "many"],
        &["solve", "x.toml", "--time-limit", "soon"],
        &["generate", "--groups", "5000"],
        &["validate"],
        &["export", "x.toml", "--mps", "a.mps", "--lp", "b.lp"],
        &["solve", "a.toml", "b.toml"],
        &[],
    ];
    for ask in [Ask::Locale, Ask::Flag] {
        for args in cases {
            let (code, out, err) = run_zh(ask, args);
            assert_eq!(code, 2, "{ask:?} {args:?}: {err}");
            assert!(out.is_empty(), "{args:?}: {out}");
            assert!(err.starts_with("错误[E1042] "), "{ask:?} {args:?}: {err}");
            assert!(err.contains("\n    处理: "), "{args:?}: {err}");
            assert_chinese(&err, args);
        }
    }
    // The option the user lacks is named, with no advice to pass it as a value.
    let (_, _, err) = run_zh(Ask::Locale, &["bench", "--baseline", "a.csv"]);
    assert!(
        err.contains("`rotation bench` 没有选项 --baseline"),
        "{err}"
    );
    assert!(!err.contains("-- --baseline"), "{err}");
    // A bad value is answered with what the option takes.
    let (_, _, err) = run_zh(Ask::Locale, &["solve", "x.toml", "--threads", "many"]);
    assert!(
        err.contains("须为整数") && err.contains("求解器线程数"),
        "{err}"
    );
}

#[test]
fn keys_codes_and_validate_are_in_chinese() {
    let cases: &[&[&str]] = &[
        &["keys"],
        &["codes"],
        &["validate", "scenarios/chengzhong.toml"],
    ];
    for ask in [Ask::Locale, Ask::Flag] {
        for args in cases {
            let (code, out, err) = run_zh(ask, args);
            assert_eq!(code, 0, "{ask:?} {args:?}: {err}");
            assert_chinese(&out, args);
        }
    }
    let (_, out, _) = run_zh(Ask::Locale, &["validate", "scenarios/chengzhong.toml"]);
    // How the files were read comes first (说明 lines), then the verdict.
    assert!(
        out.lines()
            .any(|l| l.starts_with("scenarios/chengzhong.toml：校验通过。")),
        "{out}"
    );
    // English stays English.
    let (_, out, _) = run_in_locale("C.UTF-8", &["validate", "scenarios/chengzhong.toml"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("scenarios/chengzhong.toml: valid. 11 schools")),
        "{out}"
    );
}

/// Reads a CSV written for spreadsheets: without its byte-order mark, as rows of cells.
fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    (reader.records())
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn compare_writes_chinese_files_and_says_where_the_whole_diff_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    let out_s = out.to_str().unwrap();
    let what_if = [
        "compare",
        "scenarios/chengzhong.toml",
        "--set",
        "weights.distance_km=3",
        "--diff-rows",
        "2",
    ];
    let with_out: Vec<&str> = what_if.iter().copied().chain(["--out", out_s]).collect();
    let (code, text, err) = run_in_locale("zh_CN.UTF-8", &with_out);
    assert_eq!(code, 0, "{err}");
    let file = out.join("diff.csv").display().to_string();
    assert!(text.contains(&format!("（全部见 {file}）")), "{text}");
    assert!(!text.contains("--out"), "{text}");
    let table = csv_rows(&out.join("comparison.csv"));
    assert_eq!(table[0][..4], ["方案变体", "情景", "政策", "状态"]);
    let header = table[0].join(" ");
    assert!(english_words(&header, &[]).is_empty(), "{header}");
    assert!(!header.contains("compare.csv."), "{header}");
    assert_eq!(table[1][3], "最优");
    let comparable = table[0].iter().position(|h| h == "目标值可比").unwrap();
    assert!(["是", "否"].contains(&table[1][comparable].as_str()));
    let diff = csv_rows(&out.join("diff.csv"));
    assert_eq!(
        diff[0],
        [
            "方案变体",
            "工号",
            "姓名",
            "所在学校",
            "第一个方案",
            "本方案",
            "差异"
        ]
    );
    let kinds: BTreeSet<&str> = diff[1..].iter().map(|r| r[6].as_str()).collect();
    assert!(kinds.contains("学年不同"), "{kinds:?}");
    assert!(
        kinds.iter().all(|k| english_words(k, &[]).is_empty()),
        "{kinds:?}"
    );
    // comparison.json is for programs: English keys and words.
    let json = std::fs::read_to_string(out.join("comparison.json")).unwrap();
    assert!(json.contains("\"objective\"") && json.contains("\"other-year\""));
    // Without --out the cut diff tells how to get the file; English stays English.
    let (code, text, _) = run_in_locale("C.UTF-8", &what_if);
    assert_eq!(code, 0);
    assert!(text.contains("more (all in diff.csv with --out)"), "{text}");
    let (code, text, _) = run_in_locale("C.UTF-8", &with_out);
    assert_eq!(code, 0);
    assert!(text.contains(&format!("more (all in {file})")), "{text}");
    let table = csv_rows(&out.join("comparison.csv"));
    assert_eq!(table[0][..4], ["variant", "scenario", "policy", "status"]);
    assert!(csv_rows(&out.join("diff.csv"))[1..]
        .iter()
        .any(|r| r[6] == "other-year"));
}

#[test]
fn terminal_workbook_and_page_show_one_net_figure_under_one_name() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x");
    let args = [
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ];
    let (code, text, err) = run_zh(Ask::Flag, &args);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("2028 净变化"), "{text}");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let mut nets = Vec::new();
    for s in summary["schools"].as_array().unwrap() {
        for y in s["years"].as_array().unwrap() {
            nets.push((
                s["id"].as_str().unwrap().to_string(),
                y["year"].as_i64().unwrap(),
                y["net"].as_i64().unwrap(),
            ));
        }
    }
    // The demo's No. 11 sends and receives 13 in 2028, and is one person short on site:
    // an exchange under way counts until it returns.
    assert!(nets.contains(&("no11".into(), 2028, -1)), "{nets:?}");
    let mut wb: Xlsx<_> = open_workbook(out.join("plan.xlsx")).unwrap();
    let sheet = wb.worksheet_range("学校汇总").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let col = rows[0].iter().position(|h| h == "净变化").expect("净变化");
    assert!(!rows[0].iter().any(|h| h == "净流入"), "{:?}", rows[0]);
    let sheet_nets: Vec<(String, i64, i64)> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[2].parse().unwrap(), r[col].parse().unwrap()))
        .collect();
    assert_eq!(sheet_nets, nets);
    // The page draws the same figure under the same name.
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("净变化"));
    let drawn: Vec<i64> = page
        .split("data-figure=\"net\" data-value=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    let mut want: Vec<i64> = nets.iter().map(|n| n.2).collect();
    let mut drawn_sorted = drawn.clone();
    want.sort();
    drawn_sorted.sort();
    assert_eq!(drawn_sorted, want);
}

#[test]
fn a_set_value_is_checked_wherever_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x");
    let out = out.to_str().unwrap();
    let demo = "scenarios/chengzhong.toml";
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "solve",
                demo,
                "--out",
                out,
                "--set",
                "solver.time_limit_s=0",
                "--time-limit",
                "5",
            ],
            "solver.time_limit_s = 0, but",
        ),
        (
            &[
                "validate",
                demo,
                "--set",
                "solver.time_limit_s=0",
                "--set",
                "solver.time_limit_s=5",
            ],
            "solver.time_limit_s = 0, but",
        ),
        (
            &[
                "validate",
                demo,
                "--set",
                "quota.rate=2",
                "--set",
                "quota.rate=0.1",
            ],
            "quota.rate = 2, but",
        ),
        (
            &[
                "compare",
                demo,
                "--set",
                "solver.time_limit_s=0",
                "--time-limit",
                "5",
            ],
            "solver.time_limit_s = 0, but",
        ),
    ];
    for (args, says) in cases {
        let (code, text, err) = run_in_locale("C.UTF-8", args);
        assert_eq!(code, 2, "{args:?}: {text}{err}");
        assert!(err.contains("error[E1040] --set: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!std::path::Path::new(out).join("roster.csv").exists());
    // A valid value replaced by a valid one is fine; the last one holds.
    let args = [
        "validate",
        demo,
        "--set",
        "quota.rate=0.5",
        "--set",
        "quota.rate=0.1",
    ];
    let (code, _, err) = run_in_locale("C.UTF-8", &args);
    assert_eq!(code, 0, "{err}");
}

/// `explain` asked about no one it knows answers in Chinese too.
#[test]
fn explain_asked_about_someone_unknown_answers_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.csv");
    std::fs::write(&plan, "person_id,host_school,start_year\n").unwrap();
    let plan = plan.to_str().unwrap();
    for ask in [Ask::Locale, Ask::Flag] {
        let args = [
            "explain",
            "scenarios/chengzhong.toml",
            "--plan",
            plan,
            "无此人",
        ];
        let (code, _, err) = run_zh(ask, &args);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("错误[E1041]"), "{err}");
        assert_chinese(&err, &args);
    }
}
