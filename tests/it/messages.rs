//! Messages follow `--lang`: the same input problem reads in Chinese or English, with the
//! same code, file and line; and every message key the sources use is in `locales/` in both
//! languages (rust-i18n would otherwise print the bare key).

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{self, root};

/// Runs the binary in the project root with `--lang lang` (under the C locale):
/// exit code, stdout, stderr.
fn run(lang: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = args.to_vec();
    all.extend(["--lang", lang]);
    common::run_in_locale("C.UTF-8", &all)
}

/// Runs `args` in both languages; each must exit with `code`; returns (zh, en) of the
/// stream `pick` chooses.
fn both(args: &[&str], code: i32, pick: fn(&(i32, String, String)) -> &String) -> (String, String) {
    let zh = run("zh", args);
    let en = run("en", args);
    assert_eq!(zh.0, code, "zh: {zh:?}");
    assert_eq!(en.0, code, "en: {en:?}");
    (pick(&zh).clone(), pick(&en).clone())
}

fn stderr(r: &(i32, String, String)) -> &String {
    &r.2
}

fn stdout(r: &(i32, String, String)) -> &String {
    &r.1
}

fn assert_has(text: &str, words: &[&str]) {
    for w in words {
        assert!(text.contains(w), "`{w}` not in:\n{text}");
    }
}

const SCHOOLS: &str = r#"[[groups]]
id = "g"
core = "c"
members = ["m"]

[[schools]]
id = "c"
lat = 36.60
lon = 101.78

[[schools]]
id = "m"
lat = 36.65
lon = 101.78
"#;

#[test]
fn a_bad_cell_of_a_chinese_roster_names_the_column_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    let head = "[scenario]\nname = \"s\"\nplan_year = 2027\nstaff = \"roster.csv\"\n\n";
    std::fs::write(&scenario, format!("{head}{SCHOOLS}")).unwrap();
    let roster = "工号,姓名,学校,学科,退休年份\nA,张三,c,math,2040\nB,李四,m,math,不详\n";
    std::fs::write(dir.path().join("roster.csv"), roster).unwrap();
    let file = dir.path().join("roster.csv");
    let at = format!("[E1012] {}:3: ", file.display());
    let (zh, en) = both(&["validate", scenario.to_str().unwrap()], 2, stderr);
    assert_has(
        &zh,
        &[
            &format!("错误{at}"),
            "`retire_year`（退休年份） = `不详` 不是整数",
            "请填写年份",
        ],
    );
    assert_has(
        &en,
        &[
            &format!("error{at}"),
            "`retire_year` = `不详` is not a whole number",
        ],
    );
    assert!(!en.contains("退休年份"), "{en}");
}

#[test]
fn an_unknown_policy_key_suggests_the_near_one_in_both_languages() {
    let args = ["validate", "scenarios/invalid/policy-unknown-key.toml"];
    let (zh, en) = both(&args, 2, stderr);
    let at = "[E1003] scenarios/invalid/policy-unknown-key.policy.toml:2: ";
    assert_has(
        &zh,
        &[
            &format!("错误{at}"),
            "未知的键 `max_distnce_km`",
            "您是否想写 `max_distance_km`？",
        ],
    );
    assert_has(
        &en,
        &[
            &format!("error{at}"),
            "unknown key `max_distnce_km` in [policy]",
            "did you mean `max_distance_km`?",
        ],
    );
    let (zh, en) = both(
        &[
            "validate",
            "scenarios/chengzhong.toml",
            "--set",
            "quota.rat=0.2",
        ],
        2,
        stderr,
    );
    assert_has(
        &zh,
        &[
            "错误[E1040] --set: 未知的政策键 `quota.rat`",
            "您是否想写 `quota.rate`",
        ],
    );
    assert_has(
        &en,
        &[
            "error[E1040] --set: unknown policy key `quota.rat`",
            "did you mean `quota.rate`",
        ],
    );
}

#[test]
fn a_pin_that_cannot_hold_says_why_in_both_languages() {
    let args = ["validate", "scenarios/invalid/pin-cannot-hold.toml"];
    let (zh, en) = both(&args, 2, stderr);
    let at = "[E1033] scenarios/invalid/pin-cannot-hold.toml:20: ";
    assert_has(
        &zh,
        &[
            &format!("错误{at}"),
            "`A` 的指定交流",
            "无法成立",
            "不符合交流条件",
            "免于交流",
        ],
    );
    assert_has(&en, &[&format!("error{at}"), "the pin of `A` (`assign_host` = m, year 2027) cannot hold: not a candidate in 2027 (exempt: the person is excused from exchange)"]);
}

#[test]
fn a_missing_distance_names_the_pair_in_both_languages() {
    let args = ["validate", "scenarios/invalid/distance-missing.toml"];
    let (zh, en) = both(&args, 2, stderr);
    let at = "[E1037] scenarios/invalid/distance-missing.toml:20: ";
    assert_has(
        &zh,
        &[
            &format!("错误{at}"),
            "缺少 c（Core school） – m（Member school） 之间的距离",
            "请在距离表中添加一行 `c,m,KM`",
        ],
    );
    assert_has(
        &en,
        &[
            &format!("error{at}"),
            "no distance for c (Core school) – m (Member school)",
            "add the row `c,m,KM`",
        ],
    );
}

#[test]
fn a_plan_check_refuses_reads_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("hand.csv");
    let rows = "person_id,host_school,start_year\nCZ0002,huangzhong-1,2027\n";
    std::fs::write(&plan, rows).unwrap();
    let args = [
        "check",
        "scenarios/chengzhong.toml",
        plan.to_str().unwrap(),
        "--json",
    ];
    let (zh, en) = both(&args, 1, stdout);
    assert_has(
        &zh,
        &[
            "莫芬（CZ0002） → 湟中区第一中学（huangzhong-1）（2027 年）",
            "超过 30 公里",
            "应达比例要求",
            "\"rule\": \"admissible\"",
        ],
    );
    assert_has(
        &en,
        &[
            "莫芬 (CZ0002) → 湟中区第一中学 (huangzhong-1) in 2027: ",
            "km exceeds 30 km",
            "quota is",
            "\"rule\": \"admissible\"",
        ],
    );
    let (zh, en) = both(&args[..3], 1, stdout);
    assert_has(&zh, &["已按政策 `baseline` 核查 1 项交流安排"]);
    assert_has(&en, &["1 starts checked against policy `baseline`"]);
}

/// Every key that `t!("...")` or a `"input.…"`-style literal in src/ names.
fn keys_used() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let prefixes = ["input.", "instance.", "check.", "tools.", "compare."];
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let lit = &rest[..end];
            let is_key = !lit.is_empty()
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
                && lit.contains('.');
            let by_t = text[..i].ends_with("t!(");
            if is_key && (by_t || prefixes.iter().any(|p| lit.starts_with(p))) {
                keys.insert(lit.to_string());
            }
        }
    }
    keys
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every key of the resource files that has an `en` and a `zh` text.
fn keys_defined() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for e in std::fs::read_dir(root().join("locales")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        collect(&doc, "", &mut keys);
    }
    keys
}

fn collect(t: &toml::Table, at: &str, keys: &mut BTreeSet<String>) {
    let text = |l: &str| {
        t.get(l)
            .and_then(|v| v.as_str())
            .is_some_and(|s| !s.is_empty())
    };
    if text("en") && text("zh") {
        keys.insert(at.to_string());
    }
    for (k, v) in t {
        if let Some(sub) = v.as_table() {
            let name = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            collect(sub, &name, keys);
        }
    }
}

#[test]
fn every_message_key_in_the_sources_is_in_the_resource_files() {
    let used = keys_used();
    let defined = keys_defined();
    assert!(used.len() > 200, "only {} keys found in src/", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !defined.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used in src/ but not in locales/ (en and zh): {missing:?}"
    );
}
