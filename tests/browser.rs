//! The report in a real browser: headless Chromium lays it out at a desktop and a phone width,
//! and a script in the page measures what a reader sees. The page must not scroll sideways on a
//! phone, and the map keeps its proportions (its drawn width over height equals its own) at both
//! widths.
//!
//! Chromium is found as `$CHROMIUM` or `chromium` on the path; `scripts/test.sh` installs it where
//! it can. Without it this test fails, saying so, unless `AIRPOLICING_SKIP_BROWSER=1` says to skip.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// What the page's script measured at one window width.
#[derive(Debug)]
struct Layout {
    page_width: f64,
    window_width: f64,
    map_width: f64,
    map_height: f64,
}

fn measure(browser: &Path, html: &Path, width: u32, profile: &Path) -> Layout {
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--window-size={width},900"),
            "--virtual-time-budget=2000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium starts");
    let dom = String::from_utf8_lossy(&o.stdout);
    let start = dom.rfind("MEASURED[").unwrap_or_else(|| {
        panic!(
            "the page's script did not run: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let end = dom[start..].find(']').unwrap() + start;
    let v: Vec<f64> = dom[start + 9..end]
        .split(',')
        .map(|x| x.trim().parse().unwrap())
        .collect();
    Layout {
        page_width: v[0],
        window_width: v[1],
        map_width: v[2],
        map_height: v[3],
    }
}

#[test]
fn the_report_reads_on_a_desktop_and_a_phone_with_the_map_in_proportion() {
    let Some(browser) = chromium() else {
        if std::env::var_os("AIRPOLICING_SKIP_BROWSER").is_some() {
            eprintln!("skipped: no Chromium, and AIRPOLICING_SKIP_BROWSER is set");
            return;
        }
        panic!(
            "no Chromium: install it (Debian: apt-get install chromium), point $CHROMIUM at it, or set AIRPOLICING_SKIP_BROWSER=1 to skip this test"
        );
    };
    let dir = std::env::temp_dir().join(format!("airpolicing-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("ukraine.html");
    let o = Command::new(env!("CARGO_BIN_EXE_airpolicing"))
        .args(["run", "ukraine", "-n", "2", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("name=\"viewport\""));
    // The map's own proportions, from its viewBox.
    let map_at = html.find("id=\"map\"").unwrap();
    let vb = &html[map_at..];
    let vb = &vb[vb.find("viewBox=\"").unwrap() + 9..];
    let vb: Vec<f64> = vb[..vb.find('"').unwrap()]
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    let aspect = vb[2] / vb[3];
    // The same page with a script that writes what it measures into the document.
    let probe = html.replace(
        "</body>",
        "<script>const m=document.querySelector('#map svg').getBoundingClientRect();\
         const p=document.createElement('p');p.textContent='MEASURED['+[document.documentElement.scrollWidth,\
         window.innerWidth,m.width,m.height].join(',')+']';document.body.appendChild(p);</script></body>",
    );
    let probe_path = dir.join("probe.html");
    std::fs::write(&probe_path, probe).unwrap();
    for width in [1100, 390] {
        let l = measure(
            &browser,
            &probe_path,
            width,
            &dir.join(format!("profile-{width}")),
        );
        assert!(
            l.page_width <= l.window_width,
            "at {width} px the page scrolls sideways: {l:?}"
        );
        assert!(l.map_width <= l.window_width, "{l:?}");
        assert!(
            (l.map_width / l.map_height - aspect).abs() < 0.01 * aspect,
            "at {width} px the map is out of proportion: {l:?}, its own width/height is {aspect}"
        );
        if width == 1100 {
            assert_eq!(l.map_width, vb[2], "full size on a desktop");
        } else {
            assert!(l.map_width < vb[2], "scaled down on a phone: {l:?}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
