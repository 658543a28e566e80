//! The command line's own words in the language in force. clap writes `--help`, usages and
//! errors in English from the doc comments of the argument structs; HR officers read
//! Chinese. So the parsed [`Command`] is built first, then every text of it is set again
//! from `locales/cli.toml`: each command's about, each argument's help and value name, the
//! headings, the `[OPTIONS]` of a usage, the defaults (`[default: …]` is clap's English, so
//! the default is written into the help instead), and the help flag and `help` command clap
//! adds itself. The doc comments stay for readers of the code; what users read is the
//! locale's.

use clap::{Arg, Command};
use rust_i18n::t;

/// Arguments whose help is the same under every command (the policy options, the global
/// options, and the help and version flags clap adds).
const SHARED: [&str; 6] = ["policy", "set", "lang", "all_errors", "help", "version"];

/// `cmd` (clap's command as derived) with every word it prints in the language in force.
pub(crate) fn localized(mut cmd: Command) -> Command {
    // Built first: the help flag, the `help` command and the global options exist only
    // after building, and each subcommand then holds its own copy to translate.
    cmd.build();
    localize(cmd, "")
}

/// The key of an argument's help: shared ones by their id, the rest by command and id.
pub(crate) fn help_key(command: &str, id: &str) -> String {
    if SHARED.contains(&id) || command.is_empty() {
        format!("cli.arg.{id}")
    } else {
        format!("cli.arg.{command}.{id}")
    }
}

/// The key of a command's about: `""` is `rotation` itself.
pub(crate) fn about_key(command: &str) -> String {
    if command.is_empty() {
        "cli.about".to_string()
    } else {
        format!("cli.sub.{command}")
    }
}

/// A word for the few places where clap takes only a `&'static str` (headings and value
/// names; its `string` feature is off): the command is built once per process, so the
/// handful of words kept for its lifetime cost nothing.
fn fixed(word: std::borrow::Cow<'_, str>) -> &'static str {
    Box::leak(word.into_owned().into_boxed_str())
}

/// One command and, depth first, its subcommands. `name` is the command's name as the
/// locale keys it (`""` for `rotation`).
fn localize(cmd: Command, name: &str) -> Command {
    let mut cmd = cmd
        .about(t!(about_key(name)).into_owned())
        .long_about(None)
        .help_template(t!("cli.template").into_owned())
        .subcommand_help_heading(fixed(t!("cli.heading.commands")))
        .subcommand_value_name(fixed(t!("cli.value.command")))
        .mut_args(|a| localize_arg(a, name));
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        let key = sub_key(name, &sub);
        cmd = cmd.mut_subcommand(&sub, |s| localize(s, &key));
    }
    // Last: the usage shows the value names set above.
    let usage = usage_text(&cmd.render_usage().to_string());
    cmd.override_usage(usage)
}

/// How the locale keys subcommand `sub` of the command keyed `parent`: a subcommand's
/// subcommand by both names (`sweep_plan`); the commands under `help` as themselves.
pub(crate) fn sub_key(parent: &str, sub: &str) -> String {
    if parent.is_empty() || parent == "help" {
        sub.to_string()
    } else {
        format!("{parent}_{sub}")
    }
}

/// A usage clap rendered (`Usage: rotation solve [OPTIONS] <情景文件>`) without its English
/// title and with its `[OPTIONS]` in the language in force.
fn usage_text(rendered: &str) -> String {
    let usage = rendered.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    usage.replace("[OPTIONS]", &t!("cli.options_tag"))
}

fn localize_arg(a: Arg, command: &str) -> Arg {
    let id = a.get_id().as_str().to_string();
    let mut help = t!(help_key(command, &id)).into_owned();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_values = a.get_action().takes_values();
    // A flag's default (`false`) says nothing.
    if takes_values && !defaults.is_empty() {
        help += &t!("cli.default", value = defaults.join(" "));
    }
    let heading = if a.is_positional() {
        t!("cli.heading.arguments")
    } else {
        t!("cli.heading.options")
    };
    let a = a
        .help(help)
        .long_help(None)
        .help_heading(fixed(heading))
        .hide_default_value(true)
        .hide_possible_values(true);
    if takes_values {
        a.value_name(fixed(t!(format!("cli.value.{id}"))))
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command's about, argument help and value name has words in both languages:
    /// a new option without them would show its key (`cli.arg.solve.x`) in `--help`.
    #[test]
    fn every_command_and_argument_has_words_in_both_languages() {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        let mut keys = vec![about_key(""), "cli.value.command".to_string()];
        keys.extend(
            cmd.get_arguments()
                .map(|a| help_key("", a.get_id().as_str())),
        );
        let mut subs: Vec<(String, &Command)> = cmd
            .get_subcommands()
            .map(|s| (s.get_name().to_string(), s))
            .collect();
        while let Some((name, sub)) = subs.pop() {
            keys.push(about_key(&name));
            for a in sub.get_arguments() {
                let id = a.get_id().as_str();
                keys.push(help_key(&name, id));
                if a.get_action().takes_values() {
                    keys.push(format!("cli.value.{id}"));
                }
            }
            subs.extend(
                sub.get_subcommands()
                    .map(|s| (sub_key(&name, s.get_name()), s)),
            );
        }
        for key in keys {
            for lang in ["en", "zh"] {
                let text = t!(&key, locale = lang);
                if text.starts_with(&format!("{lang}.")) || text == key {
                    missing.push(format!("{key} ({lang})"));
                }
            }
        }
        assert!(missing.is_empty(), "no words for {missing:?}");
    }

    #[test]
    fn a_usage_loses_its_title_and_names_its_options_in_the_language() {
        let usage = usage_text("Usage: rotation solve [OPTIONS] <S>\n");
        assert_eq!(
            usage,
            format!("rotation solve {} <S>", t!("cli.options_tag"))
        );
    }
}
