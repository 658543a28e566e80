//! Usage errors (clap's) in the shape of every other error: `error[E1042] <option>: cause`
//! and an indented fix line, exit 2. The cause is ours, in the language in force, made from
//! the kind of clap's error and the option, value or command it names: clap's own sentence
//! is English, and its tip `use '-- --set'` (pass the flag as a value) is never what an HR
//! officer who typed an option the command lacks needs.

use std::ffi::OsString;
use std::path::Path;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use rust_i18n::t;

use crate::error::InputError;
use crate::lang::Lang;

/// The error of a command line clap refused, as a diagnostic of code E1042.
/// `cmd` is the command clap parsed `args` with, for the help of the option at fault.
pub(crate) fn usage_error(e: &clap::Error, cmd: &clap::Command, args: &[OsString]) -> InputError {
    let usage = usage_of(e);
    // clap gives a bad value no usage: the subcommand is then the first word naming one.
    let command = usage.as_deref().and_then(command_of).or_else(|| {
        let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
        args.iter()
            .skip(1)
            .map(|a| a.to_string_lossy())
            .find(|a| names.contains(&a.as_ref()))
            .map(|a| a.into_owned())
    });
    let mut fix = tips(e);
    match (option_help(e, cmd, command.as_deref()), &usage) {
        (Some(help), _) => fix.push(help),
        (None, Some(u)) => fix.push(t!("bounds.usage_fix_with", usage = u).into_owned()),
        (None, None) => fix.push(t!("bounds.usage_fix").into_owned()),
    }
    let cause = cause(e, command.as_deref());
    InputError::single("E1042", Path::new(&culprit(e)), None, cause, fix.join("; "))
}

/// One string of the error's context: a list is joined with commas.
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The option as the user types it: `--baseline` of clap's `--baseline <名单.csv>`; a
/// positional argument keeps its `<name>`.
fn flag(arg: &str) -> String {
    match arg.split_once(' ') {
        Some((flag, _)) if flag.starts_with('-') => flag.to_string(),
        _ => arg.to_string(),
    }
}

/// The option or argument at fault, else the subcommand or "command line".
fn culprit(e: &clap::Error) -> String {
    match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => flag(s),
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            v.iter().map(|a| flag(a)).collect::<Vec<_>>().join(", ")
        }
        _ if e.kind() == ErrorKind::InvalidSubcommand => e
            .get(ContextKind::InvalidSubcommand)
            .map_or_else(|| t!("bounds.command").into_owned(), |v| v.to_string()),
        _ => t!("bounds.command_line").into_owned(),
    }
}

/// What went wrong, in the language in force. `command` is the subcommand the usage names.
fn cause(e: &clap::Error, command: Option<&str>) -> String {
    let arg = context(e, ContextKind::InvalidArg).map(|a| flag(&a));
    let arg = arg.unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let command = command.map_or_else(|| "rotation".to_string(), |c| format!("rotation {c}"));
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            t!("cli.err.unknown_option", command = command, arg = arg)
        }
        ErrorKind::UnknownArgument => t!("cli.err.extra_argument", command = command, arg = arg),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            t!("cli.err.unknown_command", command = sub)
        }
        ErrorKind::InvalidValue if value.is_empty() => t!("cli.err.no_value", arg = arg),
        ErrorKind::InvalidValue => t!("cli.err.bad_value", arg = arg, value = value),
        ErrorKind::ValueValidation => {
            let why = validation_reason(e);
            t!("cli.err.invalid_value", arg = arg, value = value, why = why)
        }
        ErrorKind::NoEquals => t!("cli.err.no_equals", arg = arg),
        ErrorKind::TooManyValues => t!("cli.err.too_many_values", arg = arg, value = value),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("cli.err.wrong_number_of_values", arg = arg)
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).map(|a| flag(&a));
            let prior = prior.unwrap_or_default();
            t!("cli.err.conflict", arg = arg, prior = prior)
        }
        ErrorKind::MissingRequiredArgument => t!("cli.err.missing", args = culprit(e)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("cli.err.no_command")
        }
        ErrorKind::InvalidUtf8 => t!("cli.err.not_utf8"),
        _ => t!("codes.E1042.title"),
    }
    .into_owned()
}

/// Why a value failed its parser: a number that is none, or out of its range.
fn validation_reason(e: &clap::Error) -> String {
    use std::error::Error as _;
    let Some(source) = e.source() else {
        return t!("cli.err.why.invalid").into_owned();
    };
    if source.is::<std::num::ParseFloatError>() {
        return t!("cli.err.why.number").into_owned();
    }
    if let Some(int) = source.downcast_ref::<std::num::ParseIntError>() {
        use std::num::IntErrorKind::{NegOverflow, PosOverflow};
        return match int.kind() {
            PosOverflow | NegOverflow => t!("cli.err.why.too_large"),
            _ => t!("cli.err.why.whole"),
        }
        .into_owned();
    }
    // clap's ranged integers say `5000 is not in 1..=2000`.
    let text = source.to_string();
    let range = text.rsplit_once(" is not in ").map(|(_, r)| r.to_string());
    match range.as_deref().and_then(|r| r.split_once("..=")) {
        Some((min, max)) => t!("cli.err.why.range", min = min, max = max).into_owned(),
        None => t!("cli.err.why.invalid").into_owned(),
    }
}

/// For a bad value: the option with its placeholder and its help from `--help`, which says
/// what value it takes (`--threads <线程数>: 求解器线程数…`).
fn option_help(e: &clap::Error, cmd: &clap::Command, command: Option<&str>) -> Option<String> {
    let bad_value = matches!(
        e.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals
    );
    if !bad_value {
        return None;
    }
    let shown = context(e, ContextKind::InvalidArg)?;
    let long = flag(&shown);
    let long = long.strip_prefix("--")?;
    let cmd = match command {
        Some(c) => cmd.find_subcommand(c)?,
        None => cmd,
    };
    let arg = cmd.get_arguments().find(|a| a.get_long() == Some(long))?;
    Some(format!("{shown}: {}", arg.get_help()?))
}

/// The tips of the error, in the language in force: a similar option, command or value, or
/// the values there are. clap's tip to pass an unknown flag as a value is left out.
fn tips(e: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    if let Some(arg) = context(e, ContextKind::SuggestedArg) {
        tips.push(t!("cli.err.similar_option", arg = flag(&arg)).into_owned());
    }
    if let Some(sub) = context(e, ContextKind::SuggestedSubcommand) {
        tips.push(t!("cli.err.similar_command", command = sub).into_owned());
    }
    if let Some(value) = context(e, ContextKind::SuggestedValue) {
        tips.push(t!("cli.err.similar_value", value = value).into_owned());
    } else if let Some(values) = context(e, ContextKind::ValidValue) {
        tips.push(t!("cli.err.valid_values", values = values).into_owned());
    }
    tips
}

/// The usage of the command clap refused, without clap's English title.
fn usage_of(e: &clap::Error) -> Option<String> {
    let usage = context(e, ContextKind::Usage)?;
    let usage = usage.trim();
    Some(
        usage
            .strip_prefix("Usage:")
            .unwrap_or(usage)
            .trim()
            .to_string(),
    )
}

/// The subcommand a usage is of: `bench` of `rotation bench [选项] …`.
fn command_of(usage: &str) -> Option<String> {
    let word = usage.split_whitespace().nth(1)?;
    let is_name = word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    is_name.then(|| word.to_string())
}

/// `--lang X` or `--lang=X` among the raw arguments: the language of `--help` and of a
/// usage error is needed before clap has parsed anything.
pub(crate) fn lang_of(args: &[OsString]) -> Option<Lang> {
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
    fn the_option_at_fault_is_named_as_typed() {
        assert_eq!(flag("--baseline <ROSTER.csv>"), "--baseline");
        assert_eq!(flag("<SCENARIO>"), "<SCENARIO>");
        assert_eq!(
            command_of("rotation bench [OPTIONS] [S]..."),
            Some("bench".into())
        );
        assert_eq!(command_of("rotation [OPTIONS] <COMMAND>"), None);
    }

    #[test]
    fn the_language_is_read_from_the_raw_arguments() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&os(&["rotation", "--lang", "zh"])), Some(Lang::Zh));
        assert_eq!(lang_of(&os(&["rotation", "--lang=en"])), Some(Lang::En));
        assert_eq!(lang_of(&os(&["rotation", "--lang"])), None);
    }
}
