//! The small subcommands: `export`, `generate`, `codes`, `keys`.

use std::path::PathBuf;

use super::args::{load, PolicyArgs};
use super::output::{input_failed, out, outln, write_failed, EXIT_INPUT, EXIT_OK};
use crate::error::InputError;
use crate::generate;
use rust_i18n::t;

/// `export` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    scenario: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Write MPS to this file.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "lp",
        required_unless_present = "lp"
    )]
    mps: Option<PathBuf>,
    /// Write CPLEX LP to this file.
    #[arg(long, value_name = "FILE")]
    lp: Option<PathBuf>,
    /// The elastic model (every hard rule with a priced slack) instead of the hard one.
    #[arg(long)]
    elastic: bool,
}

/// `generate` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct GenerateArgs {
    /// Number of education groups.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=2000))]
    groups: u64,
    /// Random seed: the same groups and seed give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for county-<N>g-s<S>.toml and its -staff.csv.
    #[arg(long, default_value = "scenarios/generated")]
    out: PathBuf,
    /// First school year planned.
    #[arg(long, default_value_t = 2027)]
    plan_year: i32,
    /// How the schools lie: a spread rural county (when not given) or a dense city district.
    /// No default value in the help: it would print the English word there.
    #[arg(long, value_enum)]
    density: Option<generate::Density>,
    /// Fraction of member schools' covered subjects at their minimum.
    #[arg(long, default_value = "0", value_parser = fraction)]
    shortage: f64,
    /// Fraction of the cores' not-yet-due staff made due.
    #[arg(long, default_value = "0", value_parser = fraction)]
    cap_pressure: f64,
    /// How tight each group is where the cap, the flow back, the backbone share and equity meet.
    #[arg(long, default_value = "0", value_parser = fraction)]
    tight: f64,
}

/// A fraction from 0 to 1.
fn fraction(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(t!("tools.generate.bad_fraction", value = s).into_owned()),
    }
}

pub(crate) fn export(a: ExportArgs) -> i32 {
    let inst = match load(&a.scenario, &a.policy, Vec::new()) {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    let Some(path) = a.mps.or(a.lp) else {
        return EXIT_INPUT;
    };
    if crate::export::format_of(&path).is_none() {
        return input_failed(&InputError::single(
            "E1007",
            &path,
            None,
            t!("tools.export.bad_extension"),
            t!("tools.export.bad_extension_fix"),
        ));
    }
    match crate::export::export(&inst, &path, a.elastic) {
        Ok(x) => {
            let (file, n) = (path.display(), x.broken_constant_rows);
            outln!(
                "{}",
                t!(
                    "tools.export.written",
                    file = file,
                    vars = x.variables,
                    rows = x.rows
                )
            );
            if n > 0 {
                eprintln!("{}", t!("tools.export.broken_rows", n = n));
            }
            EXIT_OK
        }
        Err(e) => write_failed(&path, &t!("tools.what.model"), e),
    }
}

pub(crate) fn generate(a: GenerateArgs) -> i32 {
    let county = generate::generate(&generate::Options {
        groups: a.groups as usize,
        seed: a.seed,
        plan_year: a.plan_year,
        density: a.density.unwrap_or_default(),
        shortage: a.shortage,
        cap_pressure: a.cap_pressure,
        tight: a.tight,
    });
    match county.write(&a.out) {
        Ok(path) => {
            outln!(
                "{}",
                t!(
                    "tools.generate.written",
                    file = path.display(),
                    groups = a.groups,
                    schools = county.schools,
                    staff = county.staff,
                    roster = county.staff_file()
                )
            );
            EXIT_OK
        }
        Err(e) => write_failed(&a.out, &t!("tools.what.county"), e),
    }
}

pub(crate) fn codes() -> i32 {
    out!("{}", crate::error::codes_text());
    EXIT_OK
}

pub(crate) fn keys() -> i32 {
    out!("{}", keys_table(&rust_i18n::locale()));
    EXIT_OK
}

/// The table of policy keys (docs/POLICY.md's) in the language `locale`: keys, defaults and
/// the words a policy file spells stay as the file writes them; the rest is from
/// `locales/tools.toml`. In English it is `keys_markdown()` to the byte (a test keeps it so,
/// and so fails when a key's doc in `input/policy/keys.rs` changes without its words here).
fn keys_table(locale: &str) -> String {
    use crate::input::policy::{keys_markdown, Kind, Policy, KEYS};
    let tr = |key: &str| t!(key, locale = locale).into_owned();
    let defaults = Policy::default();
    let cell = |s: &str| s.replace('|', "\\|");
    // The words of an enum's range (`core-member, group, county`) are read from the
    // English table: `input` keeps them to itself, and they are the same in every language.
    let english = keys_markdown();
    let ranges = english.lines().skip(2).map(|row| {
        let cells: Vec<&str> = row.split(" | ").collect();
        cells.get(3).map_or(String::new(), |c| c.to_string())
    });
    let mut out = format!("{}\n|---|---|---|---|---|\n", tr("tools.keys.header"));
    for (k, english_range) in KEYS.iter().zip(ranges) {
        let (kind, range) = match &k.kind {
            Kind::Text(_) => ("text", tr("tools.keys.range.any")),
            Kind::Whole { min, max, .. } => ("whole", between(locale, *min, *max)),
            Kind::Count { max, .. } => ("whole", between(locale, 0, *max)),
            Kind::Number { range, .. } => ("number", range_words(locale, *range)),
            Kind::YesNo(_) => ("yes_no", english_range),
            Kind::Scope(_) | Kind::Reciprocal(_) => ("word", english_range),
            Kind::Roles(_) => {
                let roles = english_range.trim_start_matches("any of ");
                let any_of = t!("tools.keys.range.any_of", locale = locale, roles = roles);
                ("roles", any_of.into_owned())
            }
        };
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} | {} |\n",
            k.name,
            tr(&format!("tools.keys.type.{kind}")),
            cell(&k.value_text(&defaults)),
            cell(&range),
            cell(&tr(&format!("tools.keys.doc.{}", k.name)))
        ));
    }
    out
}

/// "`min` to `max`" in the language `locale`.
fn between(locale: &str, min: impl std::fmt::Display, max: impl std::fmt::Display) -> String {
    let (min, max) = (min.to_string(), max.to_string());
    t!(
        "tools.keys.range.between",
        locale = locale,
        min = min,
        max = max
    )
    .into_owned()
}

/// The valid values of a number key in words.
fn range_words(locale: &str, range: crate::input::policy::Range) -> String {
    use crate::input::policy::Range;
    let key = match range {
        Range::Rate => "rate",
        Range::NonNegative => "non_negative",
        Range::RoadFactor => "road_factor",
        Range::Positive => "positive",
        Range::PositiveOrInf => "positive_or_inf",
        Range::Weight => "weight",
        Range::PositiveWeight => "positive_weight",
        Range::Seconds => "seconds",
        Range::Km => "km",
    };
    t!(format!("tools.keys.range.{key}"), locale = locale).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_key_table_is_the_docs_table() {
        let table = keys_table("en");
        let docs = crate::input::policy::keys_markdown();
        for (ours, theirs) in table.lines().zip(docs.lines()) {
            assert_eq!(
                ours, theirs,
                "locales/tools.toml's words for a policy key differ from \
                 src/input/policy/keys.rs: give the key its words in both languages"
            );
        }
        assert_eq!(table, docs);
    }

    #[test]
    fn the_chinese_key_table_has_a_row_for_every_key() {
        let table = keys_table("zh");
        assert_eq!(table.lines().count(), crate::input::policy::KEYS.len() + 2);
        // A key without words comes back as `zh.` and the key.
        assert!(!table.contains("zh."), "{table}");
        assert!(
            table.contains("| `quota.rate` | 数值 | `0.1` | 0 到 1 |"),
            "{table}"
        );
    }
}
