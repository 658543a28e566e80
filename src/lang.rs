//! The language of messages and output headers: Chinese or English, chosen with `--lang`
//! or else from the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), as a Chinese Windows or Linux
//! desktop sets it. The sentences themselves are in `locales/*.toml`.

use std::fmt;

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English (the default when the locale names no Chinese).
    #[default]
    En,
    /// Simplified Chinese (every `zh` locale gets it, `zh_TW` and `zh_HK` too: the bureaus
    /// this serves write simplified characters).
    Zh,
}

impl Lang {
    /// The locale name of the resource files.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a locale string such as `zh_CN.UTF-8` or `en_US` asks for; POSIX
    /// gives the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG` the say.
    pub fn from_locale(vars: &[Option<String>]) -> Lang {
        let chosen = vars.iter().flatten().find(|v| !v.is_empty());
        match chosen {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The language of this process's environment.
    pub fn from_env() -> Lang {
        let var = |k| std::env::var(k).ok();
        Lang::from_locale(&[var("LC_ALL"), var("LC_MESSAGES"), var("LANG")])
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Makes `lang` the language of every message from now on (process-wide).
pub fn set(lang: Lang) {
    rust_i18n::set_locale(lang.code());
}

/// The language in force.
pub fn current() -> Lang {
    if rust_i18n::locale().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_set_locale_variable_decides() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(Lang::from_locale(&[None, None, s("zh_CN.UTF-8")]), Lang::Zh);
        assert_eq!(
            Lang::from_locale(&[s("C"), None, s("zh_CN.UTF-8")]),
            Lang::En
        );
        assert_eq!(Lang::from_locale(&[s(""), None, s("zh_TW")]), Lang::Zh);
        assert_eq!(Lang::from_locale(&[None, None, None]), Lang::En);
    }

    #[test]
    fn both_languages_have_the_resource_strings() {
        assert_eq!(
            rust_i18n::t!("diag.problems", locale = "en", n = 2),
            "2 problems found; nothing was written."
        );
        assert_eq!(
            rust_i18n::t!("diag.problems", locale = "zh", n = 2),
            "发现 2 个问题；未写出任何文件。"
        );
    }
}
