//! Messages in Chinese and English: `--lang`, else the locale; the same error codes in both;
//! every sentence of `locales/` in both languages.

use crate::common::{root, run_in_locale};

#[test]
fn a_chinese_locale_gives_a_chinese_summary_and_lang_en_an_english_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zh");
    let out = out.to_str().unwrap();
    let (code, zh, _) = run_in_locale(
        "zh_CN.UTF-8",
        &["solve", "scenarios/chengzhong.toml", "--out", out],
    );
    assert_eq!(code, 0, "{zh}");
    for words in [
        "目标值分项",
        "各校每年交流人数",
        "核心校",
        "状态 最优",
        "已写出",
    ] {
        assert!(zh.contains(words), "{words} not in:\n{zh}");
    }
    let args = [
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out,
        "--lang",
        "en",
    ];
    let (code, en, _) = run_in_locale("zh_CN.UTF-8", &args);
    assert_eq!(code, 0, "{en}");
    assert!(en.contains("Objective by component:") && en.contains("status optimal"));
    assert!(!en.contains("目标值分项"), "{en}");
}

#[test]
fn error_codes_and_positions_are_the_same_in_both_languages() {
    let args = ["validate", "scenarios/invalid/bad-number.toml"];
    let (code_zh, _, zh) = run_in_locale("zh_CN.UTF-8", &args);
    let (code_en, _, en) = run_in_locale("C.UTF-8", &args);
    assert_eq!((code_zh, code_en), (2, 2));
    assert!(
        zh.contains("错误[E1012] scenarios/invalid/bad-number.toml:20:"),
        "{zh}"
    );
    assert!(
        en.contains("error[E1012] scenarios/invalid/bad-number.toml:20:"),
        "{en}"
    );
    assert!(zh.contains("发现 1 个问题"), "{zh}");
}

#[test]
fn the_code_listing_is_translated_code_by_code() {
    let (_, zh, _) = run_in_locale("C", &["codes", "--lang", "zh"]);
    let (_, en, _) = run_in_locale("C", &["codes"]);
    let codes = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with('E'))
            .map(|l| l[..5].to_string())
            .collect()
    };
    assert_eq!(codes(&zh), codes(&en));
    assert!(zh.contains("E1012  数字错误"), "{zh}");
    assert!(en.contains("E1012  bad number"), "{en}");
}

#[test]
fn every_resource_string_is_in_both_languages() {
    let dir = root().join("locales");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let mut missing = Vec::new();
        leaves(&doc, String::new(), &mut missing);
        assert!(missing.is_empty(), "{}: {missing:?}", path.display());
        files += 1;
    }
    assert!(files >= 3, "locales/ has {files} files");
}

/// Collects the keys whose table of texts lacks `en` or `zh`, or gives an empty one.
fn leaves(t: &toml::Table, at: String, missing: &mut Vec<String>) {
    let texts = t.get("en").or(t.get("zh")).is_some();
    if texts {
        for lang in ["en", "zh"] {
            match t.get(lang).and_then(|v| v.as_str()) {
                Some(s) if !s.trim().is_empty() => {}
                _ => missing.push(format!("{at} {lang}")),
            }
        }
        return;
    }
    for (k, v) in t {
        if let Some(sub) = v.as_table() {
            leaves(sub, format!("{at}.{k}"), missing);
        }
    }
}

#[test]
fn a_chinese_run_writes_chinese_headers_in_the_roster_and_the_workbook() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zh");
    let args = [
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, _, err) = run_in_locale("zh_CN.UTF-8", &args);
    assert_eq!(code, 0, "{err}");
    let roster = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    let first = roster
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap();
    assert!(
        first.starts_with("工号,姓名,职务,骨干,学科,学校,学校名称"),
        "{first}"
    );
    let mut wb: Xlsx<_> = open_workbook(out.join("plan.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "交流名单",
            "指标汇总",
            "学校汇总",
            "备案表",
            "暂定",
            "公示名单"
        ]
    );
    let plan = wb.worksheet_range("交流名单").unwrap();
    assert_eq!(plan.get((0, 0)).map(|c| c.to_string()), Some("工号".into()));
    // The plan written in Chinese is read back by `check` in English.
    let roster_path = out.join("roster.csv");
    let check = [
        "check",
        "scenarios/chengzhong.toml",
        roster_path.to_str().unwrap(),
    ];
    let (code, text, err) = run_in_locale("C.UTF-8", &check);
    assert_eq!(code, 0, "{text}{err}");
    assert!(text.contains("objective 4722.934110"), "{text}");
}
