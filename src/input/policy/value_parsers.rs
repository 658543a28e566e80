//! A key's TOML value read as the type of its field; the error is the cause, in words.

use rust_i18n::t;

use super::words::Word;
use crate::domain::Role;
use crate::input::toml_with_lines::Val;

/// A number; an integer is taken as one too (`max_distance_km = 20`).
pub(super) fn float(v: &Val) -> Result<f64, String> {
    match v {
        Val::Float(f) => Ok(*f),
        Val::Int(i) => Ok(*i as f64),
        other => Err(t!("input.expected_number", found = other.type_name()).into_owned()),
    }
}

/// A whole number that fits an `i32`.
pub(super) fn int(v: &Val) -> Result<i32, String> {
    match v {
        Val::Int(i) => i32::try_from(*i).map_err(|_| t!("input.too_large", value = i).into_owned()),
        other => Err(t!("input.expected_whole", found = other.type_name()).into_owned()),
    }
}

/// `true` or `false`.
pub(super) fn boolean(v: &Val) -> Result<bool, String> {
    match v {
        Val::Bool(b) => Ok(*b),
        other => Err(t!("input.expected_bool", found = other.type_name()).into_owned()),
    }
}

/// A string.
pub(super) fn text(v: &Val) -> Result<String, String> {
    match v {
        Val::Str(s) => Ok(s.clone()),
        other => Err(t!("input.expected_string", found = other.type_name()).into_owned()),
    }
}

/// One of the words of `T`.
pub(super) fn word<T: Word>(v: &Val) -> Result<T, String> {
    match v {
        Val::Str(s) => T::parse(s)
            .ok_or_else(|| t!("input.not_one_of", value = s, choices = T::choices()).into_owned()),
        other => Err(t!(
            "input.expected_one_of",
            choices = T::choices(),
            found = other.type_name()
        )
        .into_owned()),
    }
}

/// A list of school roles; a role listed twice counts once.
pub(super) fn roles(v: &Val) -> Result<Vec<Role>, String> {
    let Val::List(items) = v else {
        return Err(t!("input.expected_roles", found = v.type_name()).into_owned());
    };
    let mut out = Vec::new();
    for item in items {
        let Val::Str(s) = &item.val else {
            return Err(t!("input.roles_only").into_owned());
        };
        let r = Role::parse(s).ok_or_else(|| {
            t!("input.not_role", value = s, choices = Role::choices()).into_owned()
        })?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}
