//! The HTML report (issue 14) opened in a real browser: Debian's Chromium, headless, driven
//! through the DevTools protocol (headless_chrome). The tests assert on the rendered page:
//! one map arrow per (home, host, year) flow of the plan, one table row per start, the
//! sections of an infeasible run and of `compare`, the page's language, no JavaScript
//! errors, the load time of a 30-group county; and they take a screenshot.
//!
//! Chromium comes from the system's packages (`./dev test` installs it with apt-get when
//! missing); without it these tests fail, they do not skip.
//!
//! A test binary of its own, not a module of `tests/it/`: the 30-group county's report must
//! load within 3 s of wall time, which holds only while no solve of another test shares the
//! cores; and each test starts a Chromium, too heavy to run beside the other tests' solves.
//! Keeping headless_chrome out of `tests/it/` also keeps that binary quicker to build.
//!
//! `cargo test --release --test browser -- --ignored remake_the_screenshot` rewrites
//! `docs/report-demo.png`, the screenshot the README shows.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use common::{load, root, run, run_in_locale};
use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{self, Emulation, Log, Runtime};
use headless_chrome::{Browser, LaunchOptions};
use serde_json::Value;

/// Debian's Chromium, as `apt-get install chromium` puts it.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The flags Chromium is started with besides headless_chrome's own. The machine's network
/// is closed: without these Chromium keeps trying to reach Google's services (QUIC, the
/// component updater, sync) and hangs on the connections.
/// `--hide-scrollbars` keeps the scroll bar out of the screenshots.
const FLAGS: [&str; 7] = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// The page width: a laptop screen.
const WIDTH: u32 = 1280;

/// How long a page may take to load before a test gives up.
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------
// The harness: a browser, a page, every JavaScript error it reports.
// ---------------------------------------------------------------------------------------

/// A headless Chromium with a profile of its own, closed (process killed, profile removed)
/// when dropped.
struct Chromium {
    browser: Browser,
    // Dropped after the browser, so the process is gone when its profile is removed.
    _profile: tempfile::TempDir,
}

impl Chromium {
    fn launch() -> Chromium {
        assert!(
            Path::new(CHROMIUM).exists(),
            "{CHROMIUM} is missing: the browser tests need Debian's Chromium \
             (`sudo apt-get install chromium`; `./dev test` installs it)"
        );
        let profile = tempfile::Builder::new()
            .prefix("rotation-chromium-")
            .tempdir()
            .unwrap();
        let options = LaunchOptions::default_builder()
            .path(Some(PathBuf::from(CHROMIUM)))
            .headless(true)
            // The tests run as root, where Chromium's sandbox cannot start.
            .sandbox(false)
            .user_data_dir(Some(profile.path().to_path_buf()))
            .window_size(Some((WIDTH, 900)))
            .args(FLAGS.iter().map(OsStr::new).collect())
            // A test may solve for a while between two pages.
            .idle_browser_timeout(Duration::from_secs(300))
            .build()
            .unwrap();
        let browser = Browser::new(options)
            .unwrap_or_else(|e| panic!("cannot start {CHROMIUM} headless: {e:#}"));
        Chromium {
            browser,
            _profile: profile,
        }
    }

    /// Opens `file` in a new tab and waits for its load event.
    fn open(&self, file: &Path) -> Page {
        let tab = self.browser.new_tab().unwrap();
        tab.set_default_timeout(LOAD_TIMEOUT);
        let seen = Arc::new((Mutex::new(Seen::default()), Condvar::new()));
        let sink = Arc::clone(&seen);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let (state, changed) = &*sink;
            let mut state = state.lock().unwrap();
            match event {
                Event::RuntimeExceptionThrown(e) => {
                    let d = &e.params.exception_details;
                    let what = d
                        .exception
                        .as_ref()
                        .and_then(|x| x.description.clone())
                        .unwrap_or_default();
                    state.errors.push(JsError {
                        kind: Kind::Uncaught,
                        text: format!(
                            "{} {what} ({}:{})",
                            d.text,
                            d.url.as_deref().unwrap_or("?"),
                            d.line_number + 1
                        ),
                    });
                }
                Event::RuntimeConsoleAPICalled(e)
                    if e.params.Type == Runtime::ConsoleAPICalledEventTypeOption::Error =>
                {
                    let args: Vec<String> = e.params.args.iter().map(remote_text).collect();
                    state.errors.push(JsError {
                        kind: Kind::ConsoleError,
                        text: args.join(" "),
                    });
                }
                Event::LogEntryAdded(e) if e.params.entry.level == Log::LogEntryLevel::Error => {
                    let entry = &e.params.entry;
                    state.errors.push(JsError {
                        kind: Kind::Log,
                        text: format!(
                            "{:?}: {} ({})",
                            entry.source,
                            entry.text,
                            entry.url.as_deref().unwrap_or("?")
                        ),
                    });
                }
                Event::PageLifecycleEvent(e) if e.params.name == "load" => {
                    state.loaded.push(e.params.loader_id.clone());
                }
                _ => return,
            }
            changed.notify_all();
        }))
        .unwrap();
        tab.enable_runtime().unwrap();
        tab.enable_log().unwrap();

        let url = file_url(file);
        let started = Instant::now();
        let nav = tab
            .call_method(cdp::Page::Navigate {
                url: url.clone(),
                referrer: None,
                transition_Type: None,
                frame_id: None,
                referrer_policy: None,
            })
            .unwrap();
        assert!(nav.error_text.is_none(), "{url}: {:?}", nav.error_text);
        let loader = nav.loader_id.expect("a new document has a loader id");
        let (state, changed) = &*seen;
        let (state, timeout) = changed
            .wait_timeout_while(state.lock().unwrap(), LOAD_TIMEOUT, |s| {
                !s.loaded.contains(&loader)
            })
            .unwrap();
        assert!(
            !timeout.timed_out(),
            "{url}: no load event in {LOAD_TIMEOUT:?}"
        );
        drop(state);
        Page {
            tab,
            seen,
            load_wall: started.elapsed(),
        }
    }
}

/// Where an error came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `Runtime.exceptionThrown`: an uncaught exception.
    Uncaught,
    /// `Runtime.consoleAPICalled` of type error: `console.error(...)`.
    ConsoleError,
    /// `Log.entryAdded` of level error: the browser's own (a resource that failed to load,
    /// a blocked request...).
    Log,
}

#[derive(Debug, Clone)]
struct JsError {
    kind: Kind,
    text: String,
}

#[derive(Default)]
struct Seen {
    errors: Vec<JsError>,
    /// The loader ids of the documents whose load event fired.
    loaded: Vec<String>,
}

/// An open page.
struct Page {
    tab: Arc<Tab>,
    seen: Arc<(Mutex<Seen>, Condvar)>,
    /// Wall time from the navigation request to the load event.
    load_wall: Duration,
}

impl Page {
    /// Every JavaScript error reported so far.
    fn errors(&self) -> Vec<JsError> {
        self.seen.0.lock().unwrap().errors.clone()
    }

    fn assert_no_errors(&self) {
        let errors = self.errors();
        assert!(errors.is_empty(), "JavaScript errors: {errors:#?}");
    }

    /// The value of a JavaScript expression, passed through JSON.
    fn js(&self, expression: &str) -> Value {
        let wrapped = format!("JSON.stringify((() => {{ return {expression}; }})())");
        let result = self
            .tab
            .evaluate(&wrapped, false)
            .unwrap_or_else(|e| panic!("{expression}: {e:#}"));
        match result.value {
            Some(Value::String(json)) => serde_json::from_str(&json).unwrap(),
            _ => panic!("{expression}: {}", remote_text(&result)),
        }
    }

    fn count(&self, selector: &str) -> usize {
        let n = self.js(&format!("document.querySelectorAll({selector:?}).length"));
        n.as_u64().unwrap() as usize
    }

    /// The page's rendered text (`innerText` of the body).
    fn text(&self) -> String {
        self.js("document.body.innerText")
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Clicks the element like a user: the mouse pressed and released over its middle.
    fn click(&self, selector: &str) {
        self.tab
            .find_element(selector)
            .unwrap_or_else(|e| panic!("{selector}: {e:#}"))
            .click()
            .unwrap_or_else(|e| panic!("click {selector}: {e:#}"));
    }

    /// A PNG of the page from its top, `WIDTH` wide and `height` high: the window is made
    /// that high for the shot, then given back its size.
    fn screenshot(&self, height: u32) -> Vec<u8> {
        let window = |height: u32| Emulation::SetDeviceMetricsOverride {
            width: WIDTH,
            height,
            device_scale_factor: 1.0,
            mobile: false,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        };
        self.tab.call_method(window(height)).unwrap();
        let clip = cdp::Page::Viewport {
            x: 0.0,
            y: 0.0,
            width: f64::from(WIDTH),
            height: f64::from(height),
            scale: 1.0,
        };
        let png = self
            .tab
            .capture_screenshot(
                cdp::Page::CaptureScreenshotFormatOption::Png,
                None,
                Some(clip),
                true,
            )
            .unwrap();
        self.tab
            .call_method(Emulation::ClearDeviceMetricsOverride(None))
            .unwrap();
        png
    }

    /// The page's full height in CSS pixels.
    fn content_height(&self) -> u32 {
        let m = self
            .tab
            .call_method(cdp::Page::GetLayoutMetrics(None))
            .unwrap();
        m.css_content_size.height.ceil() as u32
    }
}

/// What a remote object holds, as text.
fn remote_text(o: &Runtime::RemoteObject) -> String {
    match &o.value {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => o.description.clone().unwrap_or_default(),
    }
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    let text = path.to_str().unwrap();
    assert!(
        !text.contains(['%', '#', '?', ' ']),
        "{text}: a path the file URL would have to escape"
    );
    format!("file://{text}")
}

/// Whether `png` decodes (the `png` crate checks the signature and every chunk's CRC) to
/// an image `width` × `height` that is not one flat colour.
fn check_png(png: &[u8], width: u32, height: u32) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a PNG's size")];
    let info = reader.next_frame(&mut pixels).expect("whole image data");
    assert_eq!((info.width, info.height), (width, height), "PNG size");
    let pixels = &pixels[..info.buffer_size()];
    let first = &pixels[..info.color_type.samples()];
    let flat = pixels.chunks(info.color_type.samples()).all(|p| p == first);
    assert!(!flat, "the screenshot is one flat colour");
}

// ---------------------------------------------------------------------------------------
// The harness is not vacuous: each kind of error it collects is seen.
// ---------------------------------------------------------------------------------------

fn page_of(html: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.html");
    std::fs::write(&file, html).unwrap();
    (dir, file)
}

/// Every error Chromium reports for a page of `html`.
fn errors_of(html: &str) -> Vec<JsError> {
    let (_dir, file) = page_of(html);
    let chromium = Chromium::launch();
    let page = chromium.open(&file);
    page.errors()
}

#[test]
fn the_harness_reports_an_uncaught_exception() {
    let errors = errors_of(
        "<!doctype html><html><body><p>x</p>\
         <script>throw new Error('thrown on purpose');</script></body></html>",
    );
    assert!(
        errors
            .iter()
            .any(|e| e.kind == Kind::Uncaught && e.text.contains("thrown on purpose")),
        "{errors:#?}"
    );
}

#[test]
fn the_harness_reports_console_error() {
    let errors = errors_of(
        "<!doctype html><html><body><p>x</p>\
         <script>console.log('fine'); console.error('logged on purpose', 42);</script>\
         </body></html>",
    );
    assert!(
        errors
            .iter()
            .any(|e| e.kind == Kind::ConsoleError && e.text == "logged on purpose 42"),
        "{errors:#?}"
    );
    assert!(
        !errors.iter().any(|e| e.text.contains("fine")),
        "console.log is no error: {errors:#?}"
    );
}

#[test]
fn the_harness_reports_a_resource_that_fails_to_load() {
    // The report must be self-contained: a missing file it names is a browser log error.
    let errors =
        errors_of("<!doctype html><html><body><p>x</p><img src=\"missing.png\"></body></html>");
    assert!(
        errors
            .iter()
            .any(|e| e.kind == Kind::Log && e.text.contains("missing.png")),
        "{errors:#?}"
    );
}

#[test]
fn a_clean_page_has_no_errors() {
    let (_dir, file) = page_of(
        "<!doctype html><html lang=\"en\"><body><p id=\"p\">x</p>\
         <script>document.getElementById('p').textContent = 'ran';</script></body></html>",
    );
    let chromium = Chromium::launch();
    let page = chromium.open(&file);
    page.assert_no_errors();
    assert_eq!(page.text(), "ran");
}

// ---------------------------------------------------------------------------------------
// The report.
// ---------------------------------------------------------------------------------------

/// `rotation` with `args`, in the C locale (English) unless `--lang` says otherwise.
fn rotation(args: &[&str]) -> (i32, String) {
    let (code, stdout, stderr) = run(args);
    (code, format!("{stdout}{stderr}"))
}

/// Solves `scenario` with `--report` into `out` and returns the exit code and output.
fn solve_with_report(scenario: &str, out: &Path, extra: &[&str]) -> (i32, String) {
    let out = out.to_str().unwrap();
    let args = [&["solve", scenario, "--out", out, "--report"][..], extra].concat();
    rotation(&args)
}

/// One row of `roster.csv`.
#[derive(Debug, Clone)]
struct Start {
    person: String,
    name: String,
    home: String,
    host: String,
    year: String,
}

fn read_roster(path: &Path) -> Vec<Start> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "roster.csv has no BOM");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("roster.csv has no column {name}: {headers:?}"))
    };
    let (person, name, home, host, year) = (
        col("person_id"),
        col("name"),
        col("home_school"),
        col("host_school"),
        col("start_year"),
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            Start {
                person: r[person].to_string(),
                name: r[name].to_string(),
                home: r[home].to_string(),
                host: r[host].to_string(),
                year: r[year].to_string(),
            }
        })
        .collect()
}

/// The plan's starts by (home school, host school), all years together.
fn flows_of(starts: &[Start]) -> BTreeMap<(String, String), Vec<Start>> {
    let mut flows: BTreeMap<_, Vec<Start>> = BTreeMap::new();
    for s in starts {
        flows
            .entry((s.home.clone(), s.host.clone()))
            .or_default()
            .push(s.clone());
    }
    flows
}

/// Asserts the map and the plan table show exactly `starts`: one `.flow` per (home, host)
/// pair and direction (issue 24: years are a filter, not more arrows) with its years, its
/// number of staff and a title naming each of them, one table row per start.
fn assert_shows_the_plan(page: &Page, starts: &[Start]) {
    let expected = flows_of(starts);
    let flows = page.js(
        "Array.from(document.querySelectorAll('#map .flow')).map(e => ({
            home: e.dataset.home, host: e.dataset.host, years: e.dataset.years,
            staff: e.dataset.staff,
            title: (e.querySelector(':scope > title') || {}).textContent }))",
    );
    let flows = flows.as_array().unwrap();
    assert_eq!(
        flows.len(),
        expected.len(),
        "#map .flow elements against distinct (home, host) of roster.csv"
    );
    let mut staff_total = 0;
    let mut seen = BTreeSet::new();
    for f in flows {
        let field = |k: &str| {
            f[k].as_str()
                .unwrap_or_else(|| panic!("a .flow without data-{k}: {f}"))
                .to_string()
        };
        let key = (field("home"), field("host"));
        let starts = expected
            .get(&key)
            .unwrap_or_else(|| panic!("a .flow the plan does not have: {f}"));
        assert!(seen.insert(key.clone()), "two .flow elements for {key:?}");
        let staff: usize = field("staff")
            .parse()
            .unwrap_or_else(|_| panic!("data-staff is not a number: {f}"));
        assert_eq!(staff, starts.len(), "data-staff of {key:?}");
        staff_total += staff;
        let title = f["title"]
            .as_str()
            .unwrap_or_else(|| panic!("a .flow without a <title>: {f}"));
        let years = field("years");
        for s in starts {
            assert!(
                years.split(' ').any(|y| y == s.year),
                "data-years of {key:?} lacks {}: {years}",
                s.year
            );
            assert!(
                title.contains(&s.name),
                "the title of {key:?} does not name {}: {title}",
                s.name
            );
        }
    }
    assert_eq!(
        staff_total,
        starts.len(),
        "sum of data-staff against the rows"
    );

    let rows = page
        .js("Array.from(document.querySelectorAll('#plan tbody tr')).map(r => r.dataset.person)");
    let rows: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("a #plan row without data-person"))
        .collect();
    assert_eq!(
        rows.len(),
        starts.len(),
        "#plan tbody rows against roster rows"
    );
    let mut rows: Vec<&str> = rows;
    rows.sort_unstable();
    let mut people: Vec<&str> = starts.iter().map(|s| s.person.as_str()).collect();
    people.sort_unstable();
    assert_eq!(
        rows, people,
        "the #plan rows' data-person against person_id"
    );
}

/// Asserts the map and the per-school charts have one element per school of `scenario`.
fn assert_one_per_school(page: &Page, scenario: &str) {
    let inst = load(scenario, &[]);
    let ids: BTreeSet<String> = inst.schools.iter().map(|s| s.id.clone()).collect();
    for selector in ["#map .school", "#schools figure.school-chart"] {
        let found = page.js(&format!(
            "Array.from(document.querySelectorAll({selector:?})).map(e => e.dataset.school)"
        ));
        let found: Vec<String> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(found.len(), ids.len(), "{selector}: one per school");
        let found: BTreeSet<String> = found.into_iter().collect();
        assert_eq!(found, ids, "{selector}: data-school");
    }
}

/// The texts of column `col` (0-based) of the plan table, top to bottom.
fn column(page: &Page, col: usize) -> Vec<String> {
    let v = page.js(&format!(
        "Array.from(document.querySelectorAll('#plan tbody tr'))
            .map(r => r.cells[{col}].textContent.trim())"
    ));
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn row_order(page: &Page) -> Vec<String> {
    let v = page
        .js("Array.from(document.querySelectorAll('#plan tbody tr')).map(r => r.dataset.person)");
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Sorting the plan table: a click on the first header sorts the rows by the first column,
/// a second click reverses them; a click on the header of a number column (distance_km)
/// sorts by the number (9 before 10), both ways. The rows stay the same rows.
fn assert_sorts(page: &Page) {
    let mut rows = row_order(page);
    rows.sort();

    // The demo's first column is the person id (CZ0001, ...): distinct, and in the same
    // order under any collation. The table starts in another order (by home school).
    let first = column(page, 0);
    let mut ascending = first.clone();
    ascending.sort();
    let mut descending = ascending.clone();
    descending.reverse();
    assert_ne!(
        first, ascending,
        "the table starts sorted by its first column"
    );
    page.click("#plan thead th:nth-child(1)");
    let once = column(page, 0);
    assert!(
        once == ascending || once == descending,
        "one click on the first header does not sort by the first column: {once:?}"
    );
    page.click("#plan thead th:nth-child(1)");
    let twice = column(page, 0);
    let mut reversed = once.clone();
    reversed.reverse();
    assert_eq!(twice, reversed, "a second click reverses the order");

    // The first column of decimal numbers, compared as numbers.
    let sorted_by = |col: usize, descending: bool| -> bool {
        let v = page.js(&format!(
            "(() => {{
                const cells = Array.from(document.querySelectorAll('#plan tbody tr'))
                    .map(r => Number(r.cells[{col}].textContent.trim()));
                return cells.every((c, i) => i === 0 ||
                    ({descending} ? cells[i - 1] >= c : cells[i - 1] <= c));
            }})()"
        ));
        v.as_bool().unwrap()
    };
    let numeric = page.js("(() => {
            const rows = Array.from(document.querySelectorAll('#plan tbody tr'));
            const n = rows.length ? rows[0].cells.length : 0;
            for (let c = 1; c < n; c++) {
                const cells = rows.map(r => r.cells[c].textContent.trim());
                if (cells.every(x => x !== '' && !isNaN(Number(x)))
                    && cells.some(x => x.includes('.'))
                    && new Set(cells).size > 1) return c;
            }
            return -1;
        })()");
    let col = numeric.as_i64().unwrap();
    assert!(
        col > 0,
        "the plan table has no column of decimal numbers (distance_km)"
    );
    let col = col as usize;
    let th = format!("#plan thead th:nth-child({})", col + 1);
    assert!(
        !sorted_by(col, false) && !sorted_by(col, true),
        "{th}: the table starts sorted by it"
    );
    page.click(&th);
    let up = sorted_by(col, false);
    assert!(
        up || sorted_by(col, true),
        "{th}: not sorted by number: {:?}",
        column(page, col)
    );
    page.click(&th);
    assert!(
        sorted_by(col, up),
        "{th}: a second click does not reverse: {:?}",
        column(page, col)
    );

    let mut after = row_order(page);
    after.sort();
    assert_eq!(after, rows, "sorting changed the rows themselves");
}

/// The texts in the report are those of the scenario: its name is on the page.
fn scenario_name(scenario: &str) -> String {
    load(scenario, &[]).name
}

#[test]
fn the_demo_report_shows_every_flow_and_start_and_sorts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let (code, output) = solve_with_report("scenarios/chengzhong.toml", &out, &[]);
    assert_eq!(code, 0, "{output}");
    let report = out.join("report.html");
    assert!(report.exists(), "no report.html beside roster.csv");
    let starts = read_roster(&out.join("roster.csv"));
    assert!(
        starts.len() > 100,
        "the demo plan has {} starts",
        starts.len()
    );

    let chromium = Chromium::launch();
    let page = chromium.open(&report);
    page.assert_no_errors();
    assert_eq!(page.js("document.body.dataset.status"), "optimal");
    assert_shows_the_plan(&page, &starts);
    assert_one_per_school(&page, "scenarios/chengzhong.toml");
    let name = scenario_name("scenarios/chengzhong.toml");
    assert!(page.text().contains(&name), "the page does not name {name}");
    assert_eq!(
        page.count("#violations"),
        0,
        "an optimal plan lists violations"
    );

    let height = page.content_height();
    let png = page.screenshot(height);
    check_png(&png, WIDTH, height);
    assert!(png.len() > 50_000, "a {}-byte screenshot", png.len());
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-demo.png");
    std::fs::write(&shot, &png).unwrap();
    println!(
        "screenshot {} ({WIDTH}×{height}, {} bytes)",
        shot.display(),
        png.len()
    );

    assert_sorts(&page);
    page.assert_no_errors();
}

#[test]
fn the_report_of_a_30_group_county_is_small_and_opens_fast() {
    let scenario = "scenarios/generated/county-30g-s1.toml";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("county");
    let (code, output) = solve_with_report(scenario, &out, &[]);
    assert_eq!(code, 0, "{output}");
    let report = out.join("report.html");
    let size = std::fs::metadata(&report).unwrap().len();
    assert!(size < 2_000_000, "report.html is {size} bytes");
    let starts = read_roster(&out.join("roster.csv"));

    let chromium = Chromium::launch();
    let page = chromium.open(&report);
    let in_page = page.js("performance.getEntriesByType('navigation')[0].loadEventEnd");
    let in_page = Duration::from_secs_f64(in_page.as_f64().unwrap() / 1000.0);
    println!(
        "30-group report: {size} bytes, {} starts; loadEventEnd {:.0} ms, \
         navigate → load event {:.0} ms",
        starts.len(),
        in_page.as_secs_f64() * 1000.0,
        page.load_wall.as_secs_f64() * 1000.0
    );
    assert!(in_page < Duration::from_secs(3), "loadEventEnd {in_page:?}");
    assert!(
        page.load_wall < Duration::from_secs(3),
        "load {:?}",
        page.load_wall
    );
    page.assert_no_errors();
    assert_shows_the_plan(&page, &starts);
    assert_one_per_school(&page, scenario);
}

#[test]
fn report_draws_a_plan_edited_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("solved");
    let (code, output) = rotation(&[
        "solve",
        "scenarios/chengzhong.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{output}");
    // HR drops every third start (and the lines keep the BOM and the header).
    let text = std::fs::read_to_string(out.join("roster.csv")).unwrap();
    let mut lines = text.lines();
    let mut edited = vec![lines.next().unwrap().to_string()];
    edited.extend(
        lines
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, l)| l.to_string()),
    );
    let plan = dir.path().join("edited.csv");
    std::fs::write(&plan, edited.join("\n") + "\n").unwrap();
    let starts = read_roster(&plan);
    assert!(starts.len() > 50 && starts.len() + 40 < text.lines().count());

    let report_dir = dir.path().join("report");
    let (_, output) = rotation(&[
        "report",
        "scenarios/chengzhong.toml",
        "--plan",
        plan.to_str().unwrap(),
        "--out",
        report_dir.to_str().unwrap(),
    ]);
    let report = report_dir.join("report.html");
    assert!(report.exists(), "no report.html: {output}");

    let chromium = Chromium::launch();
    let page = chromium.open(&report);
    page.assert_no_errors();
    assert_shows_the_plan(&page, &starts);
    assert_one_per_school(&page, "scenarios/chengzhong.toml");
}

#[test]
fn an_infeasible_run_reports_its_broken_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("strict");
    // strict-seed cannot be met on the demo (tests/it/demo.rs): reciprocal flow breaks.
    let (code, output) = solve_with_report(
        "scenarios/chengzhong.toml",
        &out,
        &["--policy", "models/strict-seed.toml"],
    );
    assert_eq!(code, 1, "{output}");
    let report = out.join("report.html");
    assert!(
        report.exists(),
        "no report.html for an infeasible run: {output}"
    );
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let broken = summary["violations"].as_array().unwrap().len();
    assert!(broken >= 1);

    let chromium = Chromium::launch();
    let page = chromium.open(&report);
    page.assert_no_errors();
    assert_eq!(page.js("document.body.dataset.status"), "infeasible");
    let shown = page.count("#violations .violation");
    assert!(shown >= 1, "no #violations .violation");
    assert_eq!(
        shown, broken,
        "#violations .violation against summary.json violations"
    );
    assert_eq!(page.count("#violations li.violation"), shown);
}

#[test]
fn the_report_is_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let chromium = Chromium::launch();
    let lang_of = |out: &Path| {
        let page = chromium.open(&out.join("report.html"));
        page.assert_no_errors();
        let lang = page.js("document.documentElement.lang");
        (lang.as_str().unwrap().to_string(), page.text())
    };

    let en = dir.path().join("en");
    let (code, stdout, stderr) = run_in_locale(
        "zh_CN.UTF-8",
        &[
            "solve",
            "scenarios/chengzhong.toml",
            "--out",
            en.to_str().unwrap(),
            "--report",
            "--lang",
            "en",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (lang, en_text) = lang_of(&en);
    assert_eq!(lang, "en", "--lang en under LANG=zh_CN.UTF-8");

    let zh = dir.path().join("zh");
    let (code, stdout, stderr) = run_in_locale(
        "zh_CN.UTF-8",
        &[
            "solve",
            "scenarios/chengzhong.toml",
            "--out",
            zh.to_str().unwrap(),
            "--report",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (lang, zh_text) = lang_of(&zh);
    assert_eq!(lang, "zh-CN", "the default under LANG=zh_CN.UTF-8");

    // The words differ, not only the attribute: the Chinese page has more CJK outside the
    // data (school and group names are Chinese in both).
    let cjk = |t: &str| {
        t.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
    };
    assert!(
        cjk(&zh_text) > cjk(&en_text),
        "the zh page has no more Chinese than the en page"
    );
}

/// Whether Chinese characters render as glyphs of their own, not as the same box: two
/// different characters drawn in the page's font must give different pixels.
#[test]
fn chinese_text_renders_as_glyphs_not_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zh");
    let (code, output) = solve_with_report("scenarios/chengzhong.toml", &out, &["--lang", "zh"]);
    assert_eq!(code, 0, "{output}");
    let chromium = Chromium::launch();
    let page = chromium.open(&out.join("report.html"));
    page.assert_no_errors();
    let v = page.js(
        "(() => {
            const font = getComputedStyle(document.body).fontFamily;
            const draw = ch => {
                const c = document.createElement('canvas');
                c.width = 64; c.height = 64;
                const g = c.getContext('2d');
                g.font = '48px ' + font;
                g.fillStyle = '#000';
                g.fillText(ch, 4, 52);
                return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
            };
            const boxes = ['交', '流', '学', '校'].map(draw);
            return { font, distinct: new Set(boxes).size, inked: boxes.every(b => /[1-9]/.test(b)) };
        })()",
    );
    assert_eq!(
        v["inked"], true,
        "Chinese characters draw nothing in {}",
        v["font"]
    );
    assert_eq!(
        v["distinct"], 4,
        "Chinese characters draw as the same box in {}: no CJK font (apt-get install \
         fonts-noto-cjk; ./dev test installs it)",
        v["font"]
    );
    let families = v["font"].as_str().unwrap();
    for name in ["Microsoft YaHei", "PingFang", "Noto"] {
        assert!(
            families.contains(name),
            "the CSS fonts do not name {name}: {families}"
        );
    }
}

#[test]
fn compare_reports_the_variants_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cmp");
    // Three variants: baseline, strict-seed (infeasible on the demo, so the exit code is 1)
    // and baseline with a higher quota (a plan that differs from the first).
    let (code, output) = rotation(&[
        "compare",
        "scenarios/chengzhong.toml",
        "--policy",
        "models/baseline.toml",
        "--policy",
        "models/strict-seed.toml",
        "--set",
        "quota.rate=0.15",
        "--out",
        out.to_str().unwrap(),
        "--report",
    ]);
    assert_eq!(code, 1, "{output}");
    let report = out.join("report.html");
    assert!(report.exists(), "no report.html for compare: {output}");
    let comparison: Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    // In the order of the columns of `compare`.
    let variants: Vec<String> = comparison["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["variant"]["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(variants.len(), 3, "{comparison}");
    let differences = csv::Reader::from_path(out.join("diff.csv"))
        .unwrap()
        .records()
        .count();
    assert!(differences > 0, "the quota variant changes nothing");

    let chromium = Chromium::launch();
    let page = chromium.open(&report);
    page.assert_no_errors();
    assert_eq!(page.count("#variants"), 1, "no #variants section");
    let charts = page.js(
        "Array.from(document.querySelectorAll('#variants svg.grouped-bars')).map(svg =>
            Array.from(svg.querySelectorAll('g.variant-bar')).map(g => g.dataset.variant))",
    );
    let charts = charts.as_array().unwrap();
    assert!(!charts.is_empty(), "no svg.grouped-bars in #variants");
    // Each chart: per metric, one bar group per variant, in the variants' order.
    for chart in charts {
        let labels: Vec<&str> = chart
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap_or_default())
            .collect();
        assert!(
            !labels.is_empty() && labels.len().is_multiple_of(variants.len()),
            "a grouped-bars chart with {} bar groups for {} variants: {labels:?}",
            labels.len(),
            variants.len()
        );
        for metric in labels.chunks(variants.len()) {
            assert_eq!(
                metric,
                variants.as_slice(),
                "one g.variant-bar per variant and metric: {labels:?}"
            );
        }
    }
    assert_eq!(
        page.count("#diff tbody tr"),
        differences,
        "#diff rows against diff.csv"
    );
    println!(
        "compare report: {} grouped-bars charts, {differences} differences",
        charts.len()
    );
}

/// Writes `docs/report-demo.png`: the top of the demo's report in Chinese, as the README
/// shows it.
#[test]
#[ignore = "rewrites docs/report-demo.png"]
fn remake_the_screenshot() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let (code, output) = solve_with_report("scenarios/chengzhong.toml", &out, &["--lang", "zh"]);
    assert_eq!(code, 0, "{output}");
    let chromium = Chromium::launch();
    let page = chromium.open(&out.join("report.html"));
    page.assert_no_errors();
    // The paragraph and the figures first, down to below the map (issue 24), or the whole
    // page when it is shorter.
    let map_bottom = page.js("document.getElementById('map').getBoundingClientRect().bottom");
    let map_bottom = map_bottom.as_f64().unwrap().ceil() as u32;
    let height = (map_bottom + 40).max(1600).min(page.content_height());
    let png = page.screenshot(height);
    check_png(&png, WIDTH, height);
    let path = root().join("docs/report-demo.png");
    std::fs::write(&path, &png).unwrap();
    println!("{} ({WIDTH}×{height}, {} bytes)", path.display(), png.len());
    assert!(
        png.len() < 400_000,
        "{} bytes: too big for the README",
        png.len()
    );
}
