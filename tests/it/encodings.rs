//! The roster as HR's spreadsheets save it: UTF-8 with and without BOM, GBK (Excel and WPS
//! "CSV" on a Chinese Windows), CRLF line ends, .xlsx, .ods and .xls workbooks, with Chinese
//! column names. Every form gives the same instance and the same plan; error lines are right
//! for CRLF files and for TOML keys.

use std::path::Path;

use crate::common::*;
use rotation::instance::Instance;

/// The demo scenario in `dir`, its roster written by `roster` from the bundled roster's text
/// (BOM stripped) and its distance table by `km`.
fn demo_variant(dir: &Path, roster: impl Fn(&str) -> Vec<u8>, km: impl Fn(&str) -> Vec<u8>) {
    std::fs::write(
        dir.join("staff.csv"),
        roster(&bundled("chengzhong-staff.csv")),
    )
    .unwrap();
    std::fs::write(dir.join("km.csv"), km(&bundled("chengzhong-km.csv"))).unwrap();
    demo_scenario(dir, "staff.csv", "km.csv");
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the demo roster is all GBK characters");
    bytes.into_owned()
}

fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

/// What an instance holds apart from where it was read from, in a comparable form.
fn content(inst: &Instance) -> String {
    let mut km: Vec<_> = inst.table_km.iter().collect();
    km.sort_by(|a, b| a.0.cmp(b.0));
    format!(
        "{} {} {:?} {:?} {:?} {:?} {:?} {:?}",
        inst.name,
        inst.plan_year,
        inst.schools,
        inst.groups,
        inst.subjects,
        inst.people,
        km,
        inst.policy
    )
}

/// The Chinese column names of the demo roster's columns, in its order (docs/COLUMNS.md).
const STAFF_ZH: &str = "工号,姓名,所在学校,任教学科,职务,是否骨干,本校任教年限,退休年份,免于交流,\
     职称晋升,居住地纬度,居住地经度,意向学校,现交流学校,交流开始年份,上次返回年份";

/// A bundled CSV's text with its header row replaced by `header`.
fn rehead(text: &str, header: &str) -> String {
    let body = text.split_once('\n').map_or("", |(_, rest)| rest);
    format!("{header}\n{body}")
}

/// How one form of the demo roster is set up in a folder: the demo scenario written as
/// `s.toml` there.
type Setup = Box<dyn Fn(&Path)>;

/// The demo's roster and distance table as CSV with Chinese headers, in the encoding `enc`.
fn chinese_csv(enc: fn(&str) -> Vec<u8>) -> Setup {
    Box::new(move |dir: &Path| {
        demo_variant(
            dir,
            |t| enc(&rehead(t, STAFF_ZH)),
            |t| enc(&rehead(t, "起点,终点,公里")),
        )
    })
}

/// The demo reading `staff` (and `km`), absolute paths, with `[scenario]` lines `keys`.
fn workbook(staff: &'static str, km: &'static str, keys: &'static str) -> Setup {
    Box::new(move |dir: &Path| {
        let abs = |f: &str| root().join(f).display().to_string();
        let path = demo_scenario(dir, &abs(staff), &abs(km));
        let toml = std::fs::read_to_string(&path).unwrap();
        let toml = toml.replace("[scenario]\n", &format!("[scenario]\n{keys}"));
        std::fs::write(&path, toml).unwrap();
    })
}

/// Issue 10's must-show: one roster as UTF-8 CSV, UTF-8 CSV with BOM, GBK CSV, CRLF CSV,
/// XLSX, ODS and XLS, all with Chinese column names, gives the instance and the plan of the
/// demo's English-headed UTF-8 CSV. The XLSX is the demo's own roster (scenarios/); the ODS
/// (roster and distances on named sheets of one workbook, yes/no as 是/否, posts in Chinese)
/// and the XLS (yes/no as √/×, retirement as date cells) are tests/fixtures/, made by
/// tests/fixtures/make_fixtures.py.
#[test]
fn one_roster_in_every_form_gives_the_same_instance_and_plan() {
    type Enc = fn(&str) -> Vec<u8>;
    let utf8: Enc = |t| t.as_bytes().to_vec();
    let bom: Enc = |t| format!("\u{feff}{t}").into_bytes();
    let staff_csv = "scenarios/chengzhong-staff.csv";
    let km_csv = "scenarios/chengzhong-km.csv";
    let ods = "tests/fixtures/chengzhong.ods";
    let ods_keys = "staff_sheet = \"名单\"\ndistances_sheet = \"距离\"\n";
    let forms: Vec<(&str, Setup)> = vec![
        ("english utf-8 csv", workbook(staff_csv, km_csv, "")),
        ("utf-8 csv", chinese_csv(utf8)),
        ("utf-8 bom csv", chinese_csv(bom)),
        ("gbk csv", chinese_csv(gbk)),
        ("crlf csv", chinese_csv(crlf)),
        (
            "xlsx",
            workbook("scenarios/chengzhong-staff.xlsx", km_csv, ""),
        ),
        ("ods", workbook(ods, ods, ods_keys)),
        (
            "xls",
            workbook("tests/fixtures/chengzhong-staff.xls", km_csv, ""),
        ),
    ];
    let mut first: Option<(String, Vec<_>, f64)> = None;
    for (what, setup) in forms {
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path());
        let inst = rotation::load::instance(&dir.path().join("s.toml"), None, &[])
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(inst.people.len() >= 300, "{what}: the whole roster is read");
        let (s, _) = solve_and_check(&inst);
        let got = (content(&inst), s.plan.starts.clone(), s.objective.unwrap());
        match &first {
            None => first = Some(got),
            Some(f) => {
                assert!(f.0 == got.0, "{what}: another instance than the CSV's");
                assert_eq!(f.1, got.1, "{what}: another plan than the CSV's");
                assert!((f.2 - got.2).abs() < 1e-9, "{what}: objective {}", got.2);
            }
        }
    }
    let golden = first.unwrap().2;
    assert!(
        (golden - 4722.934110254264).abs() < 1e-6,
        "objective {golden}"
    );
}

const SCENARIO: &str = "[scenario]\nplan_year = 2027\nstaff = \"r.csv\"\n\
[[groups]]\nid = \"g\"\ncore = \"c\"\nmembers = [\"m\"]\n\
[[schools]]\nid = \"c\"\nlat = 36.60\nlon = 101.78\n";

/// `validate` on `scenario` with roster `roster` (bytes); its stderr.
fn validate(scenario: &str, roster: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), scenario).unwrap();
    std::fs::write(dir.path().join("r.csv"), roster).unwrap();
    let (rc, _, err) = run(&["validate", dir.path().join("s.toml").to_str().unwrap()]);
    assert_eq!(rc, 2, "{err}");
    err
}

#[test]
fn crlf_roster_errors_name_the_right_line() {
    let scenario = format!("{SCENARIO}[[schools]]\nid = \"m\"\nlat = 36.65\nlon = 101.78\n");
    let roster = "id,school,subject,years_at_school\na1,c,math,1\n\na2,c,math,x\na3,c,,2\n";
    for (what, bytes) in [("lf", roster.as_bytes().to_vec()), ("crlf", crlf(roster))] {
        let err = validate(&scenario, &bytes);
        assert!(err.contains("r.csv:4: `years_at_school`"), "{what}:\n{err}");
        assert!(
            err.contains("r.csv:5: the staff row has no `subject`"),
            "{what}:\n{err}"
        );
    }
}

#[test]
fn gbk_roster_with_an_error_names_its_line_and_chinese_text() {
    let scenario = format!("{SCENARIO}[[schools]]\nid = \"m\"\nlat = 36.65\nlon = 101.78\n");
    let roster =
        "id,name,school,subject,post\r\na1,王老师,c,math,teacher\r\na2,李老师,c,math,园长\r\n";
    let err = validate(&scenario, &gbk(roster));
    assert!(err.contains("r.csv:3: `post` = `园长`"), "{err}");
}

#[test]
fn toml_key_errors_name_the_key_line_and_the_school_by_id() {
    let schools = "[[schools]]\nid = \"m\"\nname = \"M school\"\nlat = \"36.65\"\nlon = 101.78\n\
        latt = 1\n[[schools]]\nid = \"n\"\nlat = 36.6\nlon = 301.0\n[[schools]]\nlat = 36.6\n";
    let base = SCENARIO.lines().count();
    let err = validate(
        &format!("{SCENARIO}{schools}"),
        b"id,school,subject\na,c,math\n",
    );
    let at = |line: usize| format!("s.toml:{}:", base + line);
    let lat = format!(
        "{} `lat` in [[schools]] `m` (M school) must be a number",
        at(4)
    );
    assert!(err.contains(&lat), "{err}");
    let latt = format!("{} unknown key `latt` in [[schools]] `m` (M school)", at(6));
    assert!(err.contains(&latt), "{err}");
    let lon = format!(
        "{} [[schools]] `n`: coordinates (36.6, 301) are out of range",
        at(10)
    );
    assert!(err.contains(&lon), "{err}");
    // A missing key has no line of its own: the table's, named by position when it has no id.
    let id = format!("{} [[schools]] #4 has no `id`", at(11));
    assert!(err.contains(&id), "{err}");
}
