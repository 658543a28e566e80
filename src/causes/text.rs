//! A cause as a sentence in the language in force (locales/causes.toml).

use rust_i18n::t;

use crate::rules::cause::{Cause, Nearest, Who};

impl Cause {
    /// The cause in one or two sentences, as the terminal shows it after its violation.
    pub fn sentence(&self) -> String {
        match self {
            Cause::SubjectOutOfReach {
                school,
                subject,
                year,
                own,
                pinned_away,
                reach,
                need,
                max_km,
                nearest,
            } => {
                let pinned = match pinned_away {
                    0 => String::new(),
                    n => t!("causes.pinned_away", n = n).into_owned(),
                };
                let key = if *reach == 0 {
                    "causes.subject_none"
                } else {
                    "causes.subject_few"
                };
                let (own, reach, need, km) = (own, reach, need, km(*max_km));
                let line = t!(
                    key,
                    school = school,
                    subject = subject,
                    year = year,
                    own = own,
                    pinned = pinned,
                    reach = reach,
                    km = km,
                    need = need
                );
                line.into_owned() + &near(nearest)
            }
            Cause::TooFewCandidates { .. } => self.too_few(),
            Cause::PinnedElsewhere { .. } => self.pinned_elsewhere(),
            Cause::CapBelowNeed {
                school,
                cap,
                share,
                staff,
                need,
                rule,
                ..
            } => {
                let rule = rule.title();
                let line = t!(
                    "causes.cap_below",
                    school = school,
                    share = share,
                    staff = staff,
                    cap = cap,
                    need = need,
                    rule = rule
                );
                line.into_owned()
            }
            Cause::PinsOverCap {
                school,
                year,
                pinned,
                cap,
            } => t!(
                "causes.pins_over_cap",
                school = school,
                year = year,
                pinned = pinned,
                cap = cap
            )
            .into_owned(),
        }
    }

    fn too_few(&self) -> String {
        let Cause::TooFewCandidates {
            school,
            host,
            who,
            years,
            have,
            per_year,
            need,
            rule,
            max_km,
            nearest,
        } = self
        else {
            return String::new();
        };
        let at = at(host.as_deref(), *max_km);
        let (when, need) = (when(years), needs(years, *per_year, *need));
        let (who, rule) = (who_word(*who), rule.title());
        let line = t!(
            "causes.too_few",
            school = school,
            have = have,
            who = who,
            at = at,
            when = when,
            rule = rule,
            need = need
        );
        line.into_owned() + &near(nearest)
    }

    fn pinned_elsewhere(&self) -> String {
        let Cause::PinnedElsewhere {
            school,
            host,
            who,
            years,
            free,
            need,
            rule,
            pinned,
            avoiding,
        } = self
        else {
            return String::new();
        };
        let mut held = Vec::new();
        if !pinned.is_empty() {
            held.push(t!("causes.held_pinned", ids = pinned.join(", ")).into_owned());
        }
        if !avoiding.is_empty() {
            let host = host.as_deref().unwrap_or_default();
            let ids = avoiding.join(", ");
            held.push(t!("causes.held_avoiding", ids = ids, host = host).into_owned());
        }
        let held = held.join(&t!("causes.and"));
        let (when, rule) = (when(years), rule.title());
        let total = free + (pinned.len() + avoiding.len()) as u32;
        if host.as_deref() == Some(school.as_str()) {
            let line = t!(
                "causes.pinned_host",
                held = held,
                free = free,
                school = school,
                when = when,
                rule = rule,
                need = need
            );
            return line.into_owned();
        }
        let (who, at) = (who_word(*who), at(host.as_deref(), None));
        let line = t!(
            "causes.pinned",
            total = total,
            who = who,
            school = school,
            at = at,
            when = when,
            held = held,
            free = free,
            rule = rule,
            need = need
        );
        line.into_owned()
    }
}

fn km(v: f64) -> String {
    format!("{v:.1}")
}

fn near(n: &Option<Nearest>) -> String {
    let Some(n) = n else {
        return String::new();
    };
    let line = t!(
        "causes.nearest",
        name = n.name,
        id = n.person,
        school = n.school,
        km = km(n.km)
    );
    format!(" {line}")
}

fn who_word(w: Who) -> String {
    let key = match w {
        Who::Staff => "causes.who.staff",
        Who::Backbone => "causes.who.backbone",
        Who::Cadres => "causes.who.cadres",
        Who::CadreOrBackbone => "causes.who.cadre_or_backbone",
    };
    t!(key).into_owned()
}

fn at(host: Option<&str>, max_km: Option<f64>) -> String {
    match (host, max_km) {
        (Some(h), Some(k)) => t!("causes.at_host_km", host = h, km = km(k)).into_owned(),
        (Some(h), None) => t!("causes.at_host", host = h).into_owned(),
        (None, _) => t!("causes.anywhere").into_owned(),
    }
}

fn when(years: &[i32]) -> String {
    match years {
        [y] => t!("causes.in_year", year = y).into_owned(),
        _ => {
            let (first, last) = (years[0], years[years.len() - 1]);
            t!("causes.in_horizon", first = first, last = last).into_owned()
        }
    }
}

fn needs(years: &[i32], per_year: u32, need: u32) -> String {
    if years.len() == 1 {
        t!("causes.need_year", need = need).into_owned()
    } else {
        t!("causes.need_horizon", per = per_year, need = need).into_owned()
    }
}
