//! The files we write open right in Excel: a byte-order mark, formula-like cells escaped
//! (CSV injection) and read back as written, and the user's umask for the file mode.

use crate::common::*;
use rotation::input::records::unescape_cell;
use rotation::write::escape_cell;

#[test]
fn formula_like_cells_are_escaped_and_read_back_as_written() {
    for (cell, written) in [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("''-y", "'''-y"),
        ("'-1", "''-1"),
        ("-1", "-1"),
        ("+2.5", "+2.5"),
        ("O'Brien", "O'Brien"),
        ("'quoted", "'quoted"),
        ("张伟", "张伟"),
        ("", ""),
    ] {
        assert_eq!(escape_cell(cell), written, "{cell:?}");
        assert_eq!(unescape_cell(&escape_cell(cell)), cell, "{cell:?}");
    }
}

/// Runs the binary under umask 022, as an office PC typically has it.
fn run_umask_022(args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(bin())
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), err)
}

#[cfg(unix)]
#[test]
fn a_hostile_roster_is_written_escaped_readable_and_checks_back() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let scenario = hostile_demo(dir.path());
    let out = dir.path().join("plan");
    let (s, o) = (scenario.to_str().unwrap(), out.to_str().unwrap());
    let (rc, err) = run_umask_022(&["solve", s, "--out", o]);
    assert_eq!(rc, 0, "{err}");

    let roster = out.join("roster.csv");
    let mode = std::fs::metadata(&roster).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o777,
        0o644,
        "the umask decides, not tempfile's 0600"
    );
    let bytes = std::fs::read(&roster).unwrap();
    assert!(bytes.starts_with("\u{feff}person_id,".as_bytes()));

    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (id, name) = (&rec[0], &rec[1]);
        assert!(id.starts_with(['\''].as_slice()), "{id}");
        assert!(FORMULAS.contains(&unescape_cell(name)), "{name}");
        assert!(name.starts_with('\''), "{name} is escaped");
        rows += 1;
    }
    assert!(rows > 0, "the plan moves someone");

    // The checker reads the ids back unescaped and finds every person of the plan.
    let (rc, err) = run_umask_022(&["check", s, roster.to_str().unwrap()]);
    assert_eq!(rc, 0, "{err}");
}

#[test]
fn roll_writes_its_roster_escaped_with_a_byte_order_mark() {
    let text = "id,name,school,years_at_school\n'=A,@B,c,3\n-C,x,c,-1\n";
    let r = rotation::roll::roll_roster(text, 2027, 2, &[]).unwrap();
    let out = String::from_utf8(r.csv).unwrap();
    // `'=A` was our escape of the id `=A`: read as `=A`, written escaped again; `-1` stays a
    // number (and gains its year).
    assert_eq!(
        out,
        "\u{feff}id,name,school,years_at_school\n'=A,'@B,c,4\n'-C,x,c,0\n"
    );
}
