//! Usage errors (clap's) in the shape of every other error: `error[E1042] <option>: cause`
//! and an indented fix line, exit 2. clap's own explanation stays the cause (it is English);
//! the frame follows the language, which is read from the raw arguments since parsing failed.

use std::ffi::OsString;
use std::path::Path;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use rust_i18n::t;

use crate::error::InputError;
use crate::lang::{self, Lang};

/// The error of a command line clap refused, as a diagnostic of code E1042.
pub(crate) fn usage_error(e: &clap::Error, args: &[OsString]) -> InputError {
    lang::set(lang_of(args).unwrap_or_else(Lang::from_env));
    let (cause, tips, usage) = split_rendered(&e.render().to_string());
    let mut fix: Vec<String> = tips;
    fix.push(usage.map_or_else(
        || t!("bounds.usage_fix").into_owned(),
        |u| t!("bounds.usage_fix_with", usage = u).into_owned(),
    ));
    InputError::single("E1042", Path::new(&culprit(e)), None, cause, fix.join("; "))
}

/// The option or argument at fault, as clap names it (`--threads <THREADS>`), else the
/// subcommand or "command line".
fn culprit(e: &clap::Error) -> String {
    match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) if !v.is_empty() => v.join(", "),
        _ if e.kind() == ErrorKind::InvalidSubcommand => e
            .get(ContextKind::InvalidSubcommand)
            .map_or_else(|| t!("bounds.command").into_owned(), |v| v.to_string()),
        _ => t!("bounds.command_line").into_owned(),
    }
}

/// clap's rendered error split into its first line (without `error: `), its tips and its
/// usage line.
fn split_rendered(text: &str) -> (String, Vec<String>, Option<String>) {
    // The cause is the first paragraph: a list of missing arguments continues its line.
    let (head, rest) = text.split_once("\n\n").unwrap_or((text, ""));
    let head: Vec<&str> = head.lines().map(str::trim).collect();
    let cause = head.join(" ");
    let cause = cause.strip_prefix("error: ").unwrap_or(&cause).to_string();
    let (mut tips, mut usage) = (Vec::new(), None);
    for l in rest.lines().map(str::trim) {
        if let Some(tip) = l.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        } else if let Some(u) = l.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
        }
    }
    (cause, tips, usage)
}

/// `--lang X` or `--lang=X` among the raw arguments.
fn lang_of(args: &[OsString]) -> Option<Lang> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    })?;
    match value.as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rendered_error_splits_into_cause_tips_and_usage() {
        let text = "error: unexpected argument '--tread' found\n\n  tip: a similar argument \
                    exists: '--threads'\n\nUsage: rotation solve --threads <N> <SCENARIO>\n\n\
                    For more information, try '--help'.\n";
        let (cause, tips, usage) = split_rendered(text);
        assert_eq!(cause, "unexpected argument '--tread' found");
        assert_eq!(tips, ["a similar argument exists: '--threads'"]);
        assert_eq!(
            usage.as_deref(),
            Some("rotation solve --threads <N> <SCENARIO>")
        );
    }

    #[test]
    fn the_language_is_read_from_the_raw_arguments() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&os(&["rotation", "--lang", "zh"])), Some(Lang::Zh));
        assert_eq!(lang_of(&os(&["rotation", "--lang=en"])), Some(Lang::En));
        assert_eq!(lang_of(&os(&["rotation", "--lang"])), None);
    }
}
