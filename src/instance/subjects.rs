//! The subjects of a validated instance: a minimum (`min_subject`) of a subject no one in the
//! roster teaches is an input error naming the nearest subject taught (E1063).

use rust_i18n::t;

use super::problem::Instance;
use crate::error::Diagnostics;
use crate::input::subjects::subject_key;

/// Reports each subject given a minimum (`min_subject`) that no one in the roster teaches
/// (E1063): most often a spelling the roster does not use (`phsyics`), which would otherwise
/// make every such school fail 学科配齐 with no hint why. A minimum of 0 asks for nothing.
pub(super) fn untaught(
    inst: &Instance,
    school_lines: &[usize],
    min_lines: &[&[usize]],
    d: &mut Diagnostics,
) {
    let mut taught = vec![false; inst.subjects.len()];
    for p in &inst.people {
        taught[p.subject.ix()] = true;
    }
    let names: Vec<&str> = inst
        .subjects
        .iter()
        .enumerate()
        .filter(|&(i, _)| taught[i])
        .map(|(_, n)| n.as_str())
        .collect();
    let mut said = vec![false; inst.subjects.len()];
    for (i, school) in inst.schools.iter().enumerate() {
        for (k, &(subject, min)) in school.min_subject.iter().enumerate() {
            if min == 0 || taught[subject.ix()] || said[subject.ix()] {
                continue;
            }
            said[subject.ix()] = true;
            let key = &inst.subjects[subject.ix()];
            let line = min_lines
                .get(i)
                .and_then(|l| l.get(k))
                .or(school_lines.get(i))
                .copied()
                .filter(|&l| l > 0);
            d.push(
                "E1063",
                &inst.scenario_file,
                line,
                t!(
                    "reading.subject_untaught",
                    key = key,
                    school = school.id,
                    min = min
                ),
                subject_fix(key, &names),
            );
        }
    }
}

/// The fix for an untaught subject: the taught subjects nearest to it, else all of them.
fn subject_fix(key: &str, taught: &[&str]) -> String {
    // Against the spelling and its key, so that `maths_` finds 数学 (math).
    let key = key.to_lowercase();
    let score = |n: &str| {
        strsim::jaro_winkler(&key, &n.to_lowercase())
            .max(strsim::jaro_winkler(&key, &subject_key(n)))
    };
    let mut near: Vec<(f64, &str)> = taught
        .iter()
        .map(|n| (score(n), *n))
        .filter(|(s, _)| *s >= 0.7)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let all = taught.join(", ");
    match near.first() {
        Some((_, n)) => t!("reading.subject_nearest", near = n, taught = all).into_owned(),
        None => t!("reading.subject_none_near", taught = all).into_owned(),
    }
}

/// Reports a school whose `min_subject` names one subject twice under two spellings
/// (`chinese = 12` and `语文 = 40`): they are one subject ([`subject_key`]), and two minimums
/// of it would both bind, the larger in silence. At the second key's line (E1020).
pub(super) fn named_twice(
    inst: &Instance,
    keys: &[Vec<(String, u32)>],
    min_lines: &[&[usize]],
    d: &mut Diagnostics,
) {
    for (i, school) in inst.schools.iter().enumerate() {
        for (k, &(subject, _)) in school.min_subject.iter().enumerate() {
            let Some(first) = school.min_subject[..k].iter().position(|m| m.0 == subject) else {
                continue;
            };
            let name = |j: usize| {
                keys.get(i)
                    .and_then(|k| k.get(j))
                    .map_or("", |k| k.0.as_str())
            };
            let line = min_lines.get(i).and_then(|l| l.get(k)).copied();
            d.push(
                "E1020",
                &inst.scenario_file,
                line,
                t!(
                    "reading.subject_twice",
                    a = name(first),
                    b = name(k),
                    school = school.id
                ),
                t!("reading.subject_twice_fix"),
            );
        }
    }
}
