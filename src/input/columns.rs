//! The roster and distance columns under the names HR's spreadsheets give them, and the value
//! words they write: one table, read by the CSV reader and rendered into docs/COLUMNS.md.

use crate::domain::Post;

/// Which file a column belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// The roster (`staff = "..."`).
    Staff,
    /// The road distance table (`distances = "..."`).
    Distance,
}

/// One column: its name in SCENARIO.md, the other header names that mean it, and the values
/// it takes.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The file it belongs to.
    pub table: Table,
    /// Its name in SCENARIO.md, the name the program uses.
    pub field: &'static str,
    /// Other header names that mean the same column (matched ignoring case and surrounding
    /// spaces).
    pub aliases: &'static [&'static str],
    /// The values the column takes, for the docs.
    pub values: &'static str,
}

const fn col(
    table: Table,
    field: &'static str,
    aliases: &'static [&'static str],
    values: &'static str,
) -> Column {
    Column {
        table,
        field,
        aliases,
        values,
    }
}

use Table::{Distance, Staff};

const WHOLE: &str = "whole number (`12` or `12.0`)";
const YEAR: &str =
    "year: `2031`, `2031.0`, or a date `2031-07-01`, `2031/7/1`, `2031/7`, `2031年7月`";
const BOOL: &str = "yes/no (see below); empty = no";
const IDS: &str = "school ids separated by `;` or `；`";

/// Every roster and distance column, in SCENARIO.md's order.
#[rustfmt::skip]
pub const COLUMNS: &[Column] = &[
    col(Staff, "id", &["工号", "编号", "教师编号", "人员编号", "职工号", "教职工编号", "教工号", "人员代码"], "text, unique (required)"),
    col(Staff, "name", &["姓名", "教师姓名", "教职工姓名"], "text"),
    col(Staff, "school", &["学校", "所在学校", "工作单位", "学校编号", "所在单位", "学校名称", "单位名称", "任职学校"], "school id (required)"),
    col(Staff, "subject", &["学科", "任教学科", "主教学科", "任教科目", "学科名称"], "text (required)"),
    col(Staff, "post", &["职务", "岗位", "行政职务", "现任职务"], "post word (see below); empty = teacher"),
    col(Staff, "backbone", &["骨干", "是否骨干", "骨干教师", "是否骨干教师"], BOOL),
    col(Staff, "years_at_school", &["本校任教年限", "任教年限", "在校年限", "本校工作年限", "在本校任教年限"], WHOLE),
    col(Staff, "retire_year", &["退休年份", "退休年度", "退休时间", "退休年月", "退休日期"], YEAR),
    col(Staff, "exempt", &["免于交流", "暂缓交流", "是否免于交流", "免交流", "是否免交流"], BOOL),
    col(Staff, "needs_promotion", &["职称晋升", "需晋升", "职称晋升需要", "需晋升职称", "是否需晋升职称"], BOOL),
    col(Staff, "home_lat", &["居住地纬度"], "latitude, degrees"),
    col(Staff, "home_lon", &["居住地经度"], "longitude, degrees"),
    col(Staff, "preferences", &["意向学校", "志愿", "交流意向学校"], IDS),
    col(Staff, "exchange_host", &["交流学校", "现交流学校"], "school id"),
    col(Staff, "exchange_start", &["交流开始年份"], YEAR),
    col(Staff, "last_return_year", &["上次返回年份"], YEAR),
    col(Staff, "assign_host", &["指定交流学校"], "school id"),
    col(Staff, "assign_year", &["指定交流年份"], YEAR),
    col(Staff, "avoid_hosts", &["回避学校"], IDS),
    col(Distance, "from", &["起点"], "school id (required)"),
    col(Distance, "to", &["终点"], "school id (required)"),
    col(Distance, "km", &["公里", "距离", "距离（公里）", "距离(公里)", "里程"], "road km, 0 or more (required)"),
];

/// The words of a yes/no cell.
pub const BOOL_WORDS: &[(&str, bool)] = &[
    ("true", true),
    ("1", true),
    ("yes", true),
    ("y", true),
    ("是", true),
    ("√", true),
    ("✓", true),
    ("✔", true),
    ("对", true),
    ("有", true),
    ("false", false),
    ("0", false),
    ("no", false),
    ("n", false),
    ("否", false),
    ("×", false),
    ("✗", false),
    ("✘", false),
    ("错", false),
    ("无", false),
];

/// The words of a post cell. MODEL.md: `cadre` is a middle manager or vice principal
/// (中层干部/副校长); a school's head and its Party secretary lead it, as `principal`.
pub const POST_WORDS: &[(&str, Post)] = &[
    ("teacher", Post::Teacher),
    ("教师", Post::Teacher),
    ("老师", Post::Teacher),
    ("cadre", Post::Cadre),
    ("干部", Post::Cadre),
    ("中层", Post::Cadre),
    ("中层干部", Post::Cadre),
    ("副校长", Post::Cadre),
    ("教导主任", Post::Cadre),
    ("教务主任", Post::Cadre),
    ("主任", Post::Cadre),
    ("principal", Post::Principal),
    ("校长", Post::Principal),
    ("书记", Post::Principal),
];

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A header as compared with the column names: lowercase, without any space (HR headers
/// carry full-width spaces and line breaks, `退休\n时间`) and without the `*` that marks a
/// required column in many templates.
pub fn norm_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Columns HR exports carry that the plan does not need. They are said like any unread
/// column, but never guessed to mean a field: 职称 (a title such as 中学一级) is not
/// `needs_promotion` (职称晋升).
pub const OTHER_HR_COLUMNS: &[&str] = &[
    "序号",
    "性别",
    "民族",
    "身份证号",
    "身份证号码",
    "出生日期",
    "出生年月",
    "政治面貌",
    "学历",
    "最高学历",
    "职称",
    "专业技术职务",
    "岗位等级",
    "联系电话",
    "手机号码",
    "学段",
    "参加工作时间",
    "籍贯",
    "备注",
];

/// Words that open a row which is not a person but a total or a note of the export
/// (合计 ..., 注：...): such a row is skipped and said.
pub const TOTAL_OR_NOTE_WORDS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "共计",
    "总数",
    "注",
    "说明",
    "备注",
    "填表",
    "制表",
    "审核",
    "负责人",
    "total",
    "subtotal",
    "note",
];

/// True when `cell` opens a total or note row (see [`TOTAL_OR_NOTE_WORDS`]).
pub fn is_total_or_note(cell: &str) -> bool {
    let c = norm_header(cell);
    TOTAL_OR_NOTE_WORDS.iter().any(|w| c.starts_with(w))
}

/// The field an unread header probably means: a column of `table` not already filled whose
/// name or alias holds the header or is held by it (`退休年` in `退休年份`), or is spelt
/// nearly alike. `None` when nothing is near.
pub fn probable_field(table: Table, header: &str, filled: &[&str]) -> Option<&'static str> {
    let h = norm_header(header);
    if h.chars().count() < 2 || OTHER_HR_COLUMNS.iter().any(|w| norm_header(w) == h) {
        return None;
    }
    let mut best: Option<(f64, &'static str)> = None;
    for c in COLUMNS
        .iter()
        .filter(|c| c.table == table && !filled.contains(&c.field))
    {
        for name in std::iter::once(c.field).chain(c.aliases.iter().copied()) {
            let n = norm_header(name);
            let held = n.chars().count() >= 2 && (n.contains(&h) || h.contains(&n));
            let score = if held {
                1.0
            } else {
                strsim::jaro_winkler(&h, &n)
            };
            if score >= 0.88 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, c.field));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// The column a header names in `table`: its field name, or `None` for a column the program
/// does not read.
pub fn field_of(table: Table, header: &str) -> Option<&'static str> {
    let h = norm_header(header);
    COLUMNS
        .iter()
        .filter(|c| c.table == table)
        .find(|c| c.field == h || c.aliases.iter().any(|a| norm_header(a) == h))
        .map(|c| c.field)
}

/// The accepted header names of `field`, for messages: `id (工号, 编号, ...)`.
pub fn accepted_names(field: &str) -> String {
    match COLUMNS.iter().find(|c| c.field == field) {
        Some(c) if !c.aliases.is_empty() => format!("{field} ({})", c.aliases.join(", ")),
        _ => field.to_string(),
    }
}

/// A column as messages name it: `` `retire_year` `` in English, `` `retire_year`（退休年份）``
/// in Chinese (its first alias), so that a Chinese-headed roster's column is recognisable.
pub fn label(field: &str) -> String {
    match COLUMNS.iter().find(|c| c.field == field) {
        Some(c) if !c.aliases.is_empty() => {
            rust_i18n::t!("input.column", field = field, name = c.aliases[0]).into_owned()
        }
        _ => format!("`{field}`"),
    }
}

/// The table whose columns `required` are: the reader names columns by alias only there (a
/// plan roster keeps its own names).
pub fn table_of(required: &[&str]) -> Option<Table> {
    if required.is_empty() {
        // A plan roster: none of its columns is required by this reader.
        return None;
    }
    [Staff, Distance].into_iter().find(|&t| {
        required
            .iter()
            .all(|r| COLUMNS.iter().any(|c| c.table == t && c.field == *r))
    })
}

/// The columns that hold a year, where a date reads as its year.
pub const YEAR_COLUMNS: &[&str] = &[
    "retire_year",
    "exchange_start",
    "last_return_year",
    "assign_year",
];

/// A yes/no cell, in any of [`BOOL_WORDS`].
pub fn parse_bool(s: &str) -> Option<bool> {
    let s = norm(s);
    BOOL_WORDS.iter().find(|(w, _)| *w == s).map(|&(_, b)| b)
}

/// A post cell, in any of [`POST_WORDS`].
pub fn parse_post(s: &str) -> Option<Post> {
    let s = norm(s);
    POST_WORDS.iter().find(|(w, _)| *w == s).map(|&(_, p)| p)
}

/// A whole number: `12`, or `12.0` as a spreadsheet writes a number cell; `12.5` is not.
pub fn parse_whole(s: &str) -> Option<i32> {
    let s = s.trim();
    if let Ok(v) = s.parse::<i32>() {
        return Some(v);
    }
    let (int, frac) = s.split_once('.')?;
    let whole = !frac.is_empty() && frac.bytes().all(|b| b == b'0');
    whole.then(|| int.parse::<i32>().ok()).flatten()
}

/// A year: a whole number, or the year of a date `2031-07-01`, `2031/7/1`, `2031/7`,
/// `2031-07`, `2031年7月`, `2031年7月1日` (month 1 to 12, day 1 to 31).
pub fn parse_year(s: &str) -> Option<i32> {
    let s = s.trim();
    if let Some(v) = parse_whole(s) {
        return Some(v);
    }
    let (year, rest) = s.split_at(s.find(['-', '/', '年'])?);
    let year: i32 = year.parse().ok().filter(|_| year.len() == 4)?;
    let rest = rest.trim_end_matches('日');
    let parts: Vec<&str> = rest[rest.chars().next()?.len_utf8()..]
        .split(['-', '/', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    let ok = match parts.as_slice() {
        [] => rest.starts_with('年'),
        [m] => in_range(m, 12),
        [m, d] => in_range(m, 12) && in_range(d, 31),
        _ => false,
    };
    ok.then_some(year)
}

/// The table of columns as Markdown, as docs/COLUMNS.md shows it.
pub fn columns_markdown() -> String {
    let mut out = String::from("| file | column | also accepted | values |\n|---|---|---|---|\n");
    for c in COLUMNS {
        let file = match c.table {
            Staff => "roster",
            Distance => "distances",
        };
        let aliases: Vec<String> = c.aliases.iter().map(|a| format!("`{a}`")).collect();
        out += &format!(
            "| {file} | `{}` | {} | {} |\n",
            c.field,
            aliases.join(", "),
            c.values
        );
    }
    out
}

/// The yes/no and post words as Markdown, as docs/COLUMNS.md shows them.
pub fn words_markdown() -> String {
    let list = |b: bool| -> String {
        let w: Vec<String> = BOOL_WORDS
            .iter()
            .filter(|x| x.1 == b)
            .map(|x| format!("`{}`", x.0))
            .collect();
        w.join(", ")
    };
    let mut out = format!(
        "| value | words |\n|---|---|\n| yes | {} |\n| no | {} |\n",
        list(true),
        list(false)
    );
    for (post, name) in [
        (Post::Teacher, "teacher"),
        (Post::Cadre, "cadre"),
        (Post::Principal, "principal"),
    ] {
        let w: Vec<String> = POST_WORDS
            .iter()
            .filter(|x| x.1 == post)
            .map(|x| format!("`{}`", x.0))
            .collect();
        out += &format!("| post `{name}` | {} |\n", w.join(", "));
    }
    out
}
