//! The figures the bureau reports (issue 24 item 1): every figure of the demo recomputed
//! here from the plan's `roster.csv`, the staff roster and the scenario's and policy's
//! values (read directly, not through the library), then found the same in summary.json's
//! `kpi`, in plan.xlsx's 指标汇总 sheet and in report.html.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};

/// The demo's policy values the figures use (models/baseline.toml, read below and checked).
struct Policy {
    horizon: i32,
    term: i32,
    min_years: i32,
    due_years: i32,
    retire_buffer: i32,
    rate: f64,
    backbone_share: f64,
}

fn policy() -> Policy {
    let t: toml::Table = bundled_model("baseline.toml").parse().unwrap();
    let p = &t["policy"];
    let q = &t["quota"];
    let int = |v: &toml::Value, k: &str| v[k].as_integer().unwrap() as i32;
    assert_eq!(
        q["applies_to"].as_array().unwrap().len(),
        1,
        "only core schools are held"
    );
    assert!(!p["include_principals"].as_bool().unwrap());
    assert_eq!(int(p, "cooldown_years"), 0);
    assert_eq!(q["cadre_rate"].as_float().unwrap(), 0.0, "no cadre target");
    Policy {
        horizon: int(p, "horizon_years"),
        term: int(p, "term_years"),
        min_years: int(p, "min_years_at_school"),
        due_years: int(p, "due_years_at_school"),
        retire_buffer: int(p, "retirement_buffer_years"),
        rate: q["rate"].as_float().unwrap(),
        backbone_share: q["backbone_share"].as_float().unwrap(),
    }
}

fn bundled_model(name: &str) -> String {
    std::fs::read_to_string(root().join("models").join(name)).unwrap()
}

/// CSV rows as maps from header to value.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records()
        .map(|r| {
            h.iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// count / base, as the outputs write it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Ratio(u32, u32);

impl Ratio {
    fn add(&mut self, o: Ratio) {
        self.0 += o.0;
        self.1 += o.1;
    }
    fn text(self) -> String {
        format!(
            "{}/{} = {:.1}%",
            self.0,
            self.1,
            100.0 * self.0 as f64 / self.1 as f64
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Figures {
    exchange: Ratio,
    of_staff: Ratio,
    backbone: Ratio,
    cadre: Ratio,
    coverage: Vec<Ratio>,
    support: u32,
    shadowing: u32,
}

impl Figures {
    fn add(&mut self, o: &Figures) {
        self.exchange.add(o.exchange);
        self.of_staff.add(o.of_staff);
        self.backbone.add(o.backbone);
        self.cadre.add(o.cadre);
        self.coverage.resize(o.coverage.len(), Ratio::default());
        for (a, b) in self.coverage.iter_mut().zip(&o.coverage) {
            a.add(*b);
        }
        self.support += o.support;
        self.shadowing += o.shadowing;
    }
}

/// Each school's id and group, in the scenario's order.
type Schools = Vec<(String, Option<String>)>;

/// The demo's figures per school, worked out from the files alone.
fn recompute(roster: &Path) -> (Schools, BTreeMap<String, Figures>) {
    let pol = policy();
    let scenario: toml::Table = bundled("chengzhong.toml").parse().unwrap();
    let y0 = scenario["scenario"]["plan_year"].as_integer().unwrap() as i32;
    let years: Vec<i32> = (y0..y0 + pol.horizon).collect();
    let mut role: HashMap<String, &str> = HashMap::new();
    let mut group: HashMap<String, String> = HashMap::new();
    for g in scenario["groups"].as_array().unwrap() {
        let id = g["id"].as_str().unwrap().to_string();
        role.insert(g["core"].as_str().unwrap().into(), "core");
        group.insert(g["core"].as_str().unwrap().into(), id.clone());
        for (key, r) in [("trusteed", "trusteed"), ("members", "member")] {
            for m in g[key].as_array().unwrap() {
                role.insert(m.as_str().unwrap().into(), r);
                group.insert(m.as_str().unwrap().into(), id.clone());
            }
        }
    }
    let staff = rows(&root().join("scenarios/chengzhong-staff.csv"));
    let person: HashMap<&str, &HashMap<String, String>> =
        staff.iter().map(|p| (p["id"].as_str(), p)).collect();
    let int = |p: &HashMap<String, String>, k: &str| p[k].parse::<i32>().ok();
    let away_existing = |p: &HashMap<String, String>, y: i32| {
        int(p, "exchange_start")
            .filter(|&s| s <= y && y < s + pol.term)
            .map(|_| p["exchange_host"].clone())
    };
    // MODEL.md: due = a candidate in Y0 with years_at_school ≥ due_years_at_school.
    let due = |p: &HashMap<String, String>| {
        p["post"] != "principal"
            && p["exempt"] != "true"
            && int(p, "years_at_school").unwrap() >= pol.min_years.max(pol.due_years)
            && int(p, "retire_year").is_none_or(|r| r - y0 >= pol.retire_buffer)
            && away_existing(p, y0).is_none()
    };
    let starts = rows(roster);
    let mut out = BTreeMap::new();
    let mut schools = Vec::new();
    for sc in scenario["schools"].as_array().unwrap() {
        let id = sc["id"].as_str().unwrap().to_string();
        let home: Vec<&HashMap<String, String>> =
            staff.iter().filter(|p| p["school"] == id).collect();
        let mine: Vec<&HashMap<String, String>> = starts
            .iter()
            .filter(|s| s["home_school"] == id && s["start_year"] == y0.to_string())
            .collect();
        let backbone = mine
            .iter()
            .filter(|s| person[s["person_id"].as_str()]["backbone"] == "true")
            .count();
        let leads = |p: &HashMap<String, String>| p["post"] != "teacher";
        let cadre_starts = mine
            .iter()
            .filter(|s| leads(person[s["person_id"].as_str()]))
            .count();
        let host_role = |s: &&HashMap<String, String>| role.get(&s["host_school"]).copied();
        let r = role.get(&id).copied();
        let support = match r {
            Some("core") => mine
                .iter()
                .filter(|s| matches!(host_role(s), Some("trusteed" | "member")))
                .count(),
            _ => 0,
        };
        let shadowing = match r {
            Some("trusteed" | "member") => {
                mine.iter().filter(|s| host_role(s) == Some("core")).count()
            }
            _ => 0,
        };
        // Who is at the school in year y: home staff not away (a new start or an exchange
        // under way), plus the visitors of both kinds.
        let coverage = years
            .iter()
            .map(|&y| {
                let new_host = |pid: &str| {
                    starts.iter().find(|s| {
                        s["person_id"] == pid && {
                            let st: i32 = s["start_year"].parse().unwrap();
                            st <= y && y < st + pol.term
                        }
                    })
                };
                let at = |p: &HashMap<String, String>| -> String {
                    new_host(&p["id"])
                        .map(|s| s["host_school"].clone())
                        .or_else(|| away_existing(p, y))
                        .unwrap_or_else(|| p["school"].clone())
                };
                let mins = sc["min_subject"].as_table().unwrap();
                let full = mins
                    .iter()
                    .filter(|(k, m)| {
                        let present = staff
                            .iter()
                            .filter(|p| &p["subject"] == *k && at(p) == id)
                            .count();
                        present as i64 >= m.as_integer().unwrap()
                    })
                    .count();
                Ratio(full as u32, mins.len() as u32)
            })
            .collect();
        out.insert(
            id.clone(),
            Figures {
                exchange: Ratio(
                    mine.len() as u32,
                    home.iter().filter(|p| due(p)).count() as u32,
                ),
                of_staff: Ratio(mine.len() as u32, home.len() as u32),
                backbone: Ratio(backbone as u32, mine.len() as u32),
                cadre: Ratio(
                    cadre_starts as u32,
                    home.iter().filter(|p| leads(p)).count() as u32,
                ),
                coverage,
                support: support as u32,
                shadowing: shadowing as u32,
            },
        );
        schools.push((id.clone(), group.get(&id).cloned()));
    }
    // The targets: core schools meet the quota (ceil(rate × due)) and the backbone share.
    for (id, f) in &out {
        if role.get(id) == Some(&"core") {
            let need = (pol.rate * f.exchange.1 as f64 - 1e-9).ceil() as u32;
            assert!(f.exchange.0 >= need, "{id} meets the quota");
            assert!(
                f.backbone.0 as f64 >= pol.backbone_share * f.backbone.1 as f64,
                "{id}"
            );
        }
    }
    (schools, out)
}

fn json_ratio(v: &serde_json::Value) -> Ratio {
    Ratio(
        v["count"].as_u64().unwrap() as u32,
        v["base"].as_u64().unwrap() as u32,
    )
}

fn json_figures(v: &serde_json::Value) -> Figures {
    Figures {
        exchange: json_ratio(&v["exchange"]),
        of_staff: json_ratio(&v["exchange_of_staff"]),
        backbone: json_ratio(&v["backbone"]),
        cadre: json_ratio(&v["cadre"]),
        coverage: v["coverage"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json_ratio(&c["ratio"]))
            .collect(),
        support: v["support"].as_u64().unwrap() as u32,
        shadowing: v["shadowing"].as_u64().unwrap() as u32,
    }
}

/// The cells the outputs write for `f`, in the order of the 指标汇总 columns.
fn cells(f: &Figures) -> Vec<String> {
    let mut c = vec![
        f.exchange.text(),
        f.of_staff.text(),
        f.backbone.text(),
        f.cadre.text(),
    ];
    c.extend(f.coverage.iter().map(|r| r.text()));
    c
}

#[test]
fn every_reported_figure_of_the_demo_is_recomputed_from_the_roster() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (code, _, err) = run(&[
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ]);
    assert_eq!(code, 0, "{err}");
    let (schools, mine) = recompute(&out.join("roster.csv"));
    let mut groups: BTreeMap<String, Figures> = BTreeMap::new();
    let mut county = Figures::default();
    for (id, g) in &schools {
        county.add(&mine[id]);
        if let Some(g) = g {
            groups.entry(g.clone()).or_default().add(&mine[id]);
        }
    }

    // summary.json
    let sum: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let kpi = &sum["kpi"];
    assert_eq!(json_figures(&kpi["county"]), county, "county");
    for g in kpi["groups"].as_array().unwrap() {
        assert_eq!(
            json_figures(g),
            groups[g["id"].as_str().unwrap()],
            "{}",
            g["id"]
        );
    }
    let listed: BTreeSet<&str> = kpi["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), mine.len());
    for s in kpi["schools"].as_array().unwrap() {
        assert_eq!(
            json_figures(s),
            mine[s["id"].as_str().unwrap()],
            "{}",
            s["id"]
        );
    }
    // Targets: the quota rate and the backbone share, met by every core school.
    assert_eq!(kpi["county"]["exchange"]["target"], 0.1);
    assert_eq!(kpi["county"]["exchange"]["met"], true);
    assert_eq!(kpi["county"]["backbone"]["target"], 0.2);
    assert!(
        kpi["county"]["cadre"]["target"].is_null(),
        "cadre_rate 0 sets no target"
    );

    // plan.xlsx, 指标汇总 (beside the plan roster, which stays first so that the plan
    // reader reads it back): a row for the county, each group and school.
    let mut wb: Xlsx<_> = open_workbook(out.join("plan.xlsx")).unwrap();
    assert_eq!(wb.sheet_names()[1], "指标汇总");
    let sheet = wb.worksheet_range("指标汇总").unwrap();
    let row_of = |id: &str| -> Vec<String> {
        let r = sheet
            .rows()
            .find(|r| r.get(1).map(Data::to_string).as_deref() == Some(id))
            .unwrap();
        r.iter().map(Data::to_string).collect()
    };
    let starts_with = |row: &[String], f: &Figures, what: &str| {
        let expected = cells(f);
        for (i, e) in expected.iter().enumerate() {
            assert!(
                row[3 + i].starts_with(e),
                "{what} column {i}: {} against {e}",
                row[3 + i]
            );
        }
        assert_eq!(
            row[3 + expected.len()],
            f.support.to_string(),
            "{what} 支教"
        );
        assert_eq!(
            row[4 + expected.len()],
            f.shadowing.to_string(),
            "{what} 跟岗"
        );
    };
    starts_with(&row_of(""), &county, "county");
    for (id, f) in groups.iter().chain(&mine) {
        starts_with(&row_of(id), f, id);
    }

    // report.html: the county and the groups in the figures' table, the county's in the
    // paragraph too.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let lead = &html[html.find("id=\"lead\"").unwrap()..html.find("id=\"flows\"").unwrap()];
    for f in std::iter::once(&county).chain(groups.values()) {
        for c in cells(f) {
            assert!(lead.contains(&c), "report.html shows {c}");
        }
    }
    eprintln!(
        "demo county: exchange {}, of staff {}, backbone {}, cadre {}, coverage {:?}, 支教 {}, 跟岗 {}",
        county.exchange.text(),
        county.of_staff.text(),
        county.backbone.text(),
        county.cadre.text(),
        county.coverage.iter().map(|r| r.text()).collect::<Vec<_>>(),
        county.support,
        county.shadowing
    );
}

#[test]
fn the_map_of_a_thirty_group_county_has_one_arrow_per_pair_and_direction() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let (code, _, err) = run(&[
        "solve",
        "scenarios/generated/county-30g-s1.toml",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ]);
    assert!(code == 0, "{err}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let mut pairs = BTreeSet::new();
    let mut arrows = 0;
    for path in html.split("<path class=\"flow ").skip(1) {
        let attr = |k: &str| {
            let at = path.find(&format!("data-{k}=\"")).unwrap() + k.len() + 7;
            path[at..at + path[at..].find('"').unwrap()].to_string()
        };
        arrows += 1;
        assert!(
            pairs.insert((attr("home"), attr("host"))),
            "two arrows for {} → {}",
            attr("home"),
            attr("host")
        );
    }
    let (flows, _) = {
        let starts = rows(&out.join("roster.csv"));
        let set: BTreeSet<(String, String)> = starts
            .iter()
            .map(|s| (s["home_school"].clone(), s["host_school"].clone()))
            .collect();
        (set, starts.len())
    };
    assert_eq!(
        arrows,
        flows.len(),
        "one arrow for every pair the roster has"
    );
    if arrows > 40 {
        assert!(
            html.contains("id=\"flow-table\""),
            "a table of the flows beside a crowded map"
        );
    }
    eprintln!("30-group county: {arrows} arrows, one per pair and direction");
}

/// A county of many groups: the terminal shows the county's column and says where each
/// group's figures are, instead of a table wider than any terminal.
#[test]
fn a_county_of_many_groups_shows_the_county_column_in_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (rc, text, err) = run(&[
        "solve",
        "scenarios/generated/district-12g-s1.toml",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(rc, 0, "{err}");
    let header = text
        .lines()
        .find(|l| l.trim_start().starts_with("指标 "))
        .unwrap();
    assert!(
        header.contains("全县") && !header.contains("教育集团"),
        "{header}"
    );
    assert!(text.contains("12 个集团的各项指标见 plan.xlsx"), "{text}");
}

/// The page's opening paragraph names the schools sending most and counts the rest: on a
/// district of 56 sending schools it stays a paragraph.
#[test]
fn the_opening_paragraph_counts_the_schools_past_the_first_twelve() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (rc, _, err) = run(&[
        "solve",
        "scenarios/generated/district-12g-s1.toml",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "zh",
        "--report",
    ]);
    assert_eq!(rc, 0, "{err}");
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    let start = page.find("学年共").unwrap();
    let sentence = &page[start..start + page[start..].find('。').unwrap()];
    assert!(sentence.contains("其余 44 所学校共"), "{sentence}");
    assert_eq!(sentence.matches("中学 ").count(), 12, "{sentence}");
}
