//! Subject names as HR writes them: a roster exported from a Chinese HR system says 语文 and
//! 道德与法治 where a scenario written by hand says `chinese` and `politics`. One table makes
//! each spelling the same subject, so that a minimum (`min_subject`) counts the teachers it
//! means whichever way either file spells them.

/// Each subject's key and the other words that name it (matched ignoring case and spaces).
/// A word not listed is a subject of its own, as written.
#[rustfmt::skip]
pub const SUBJECT_WORDS: &[(&str, &[&str])] = &[
    ("chinese", &["语文", "中文"]),
    ("math", &["数学", "mathematics", "maths"]),
    ("english", &["英语"]),
    ("physics", &["物理"]),
    ("chemistry", &["化学"]),
    ("biology", &["生物", "生物学"]),
    ("history", &["历史"]),
    ("geography", &["地理"]),
    ("politics", &["政治", "思想政治", "思想品德", "道德与法治", "道法", "思政"]),
    ("pe", &["体育", "体育与健康", "physical education", "sports"]),
    ("it", &["信息技术", "信息科技", "计算机", "information technology", "ict"]),
    ("music", &["音乐"]),
    ("art", &["美术", "fine arts"]),
    ("science", &["科学"]),
    ("psychology", &["心理", "心理健康"]),
    ("japanese", &["日语"]),
    ("russian", &["俄语"]),
];

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key two spellings of one subject share: the table's key for a listed word (`语文` and
/// `Chinese` both give `chinese`), else the word itself, lowercase and without spaces.
pub fn subject_key(word: &str) -> String {
    let w = norm(word);
    SUBJECT_WORDS
        .iter()
        .find(|(key, words)| *key == w || words.iter().any(|x| norm(x) == w))
        .map_or(w, |(key, _)| key.to_string())
}

/// A subject in the words of the language in force: a subject the table knows by its word
/// (英语 for `english` under Chinese, `english` under English), any other as written. For
/// text a person reads (explain, the 公示名单); files keep the subject as written.
pub fn subject_word(name: &str) -> String {
    let key = subject_key(name);
    if SUBJECT_WORDS.iter().any(|(k, _)| *k == key) {
        rust_i18n::t!(format!("subject.{key}")).into_owned()
    } else {
        name.to_string()
    }
}

/// The table as Markdown, for docs/COLUMNS.md.
pub fn subjects_markdown() -> String {
    let mut out = String::from("| subject | also written |\n|---|---|\n");
    for (key, words) in SUBJECT_WORDS {
        let w: Vec<String> = words.iter().map(|x| format!("`{x}`")).collect();
        out += &format!("| `{key}` | {} |\n", w.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subject_of_the_table_has_its_word_in_both_languages() {
        for (key, _) in SUBJECT_WORDS {
            for lang in ["en", "zh"] {
                let w = rust_i18n::t!(format!("subject.{key}"), locale = lang);
                assert!(!w.starts_with("subject."), "{key} ({lang})");
            }
        }
    }

    #[test]
    fn either_spelling_is_one_subject() {
        assert_eq!(subject_key("语文"), "chinese");
        assert_eq!(subject_key(" Chinese "), "chinese");
        assert_eq!(subject_key("道德与法治"), "politics");
        assert_eq!(subject_key("体育与健康"), "pe");
        assert_eq!(subject_key("书法"), "书法");
        assert_eq!(subject_key("Calligraphy"), "calligraphy");
    }
}
