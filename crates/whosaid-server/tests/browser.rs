//! The pages in headless Chromium, driven through ChromeDriver's WebDriver
//! protocol (plain HTTP and JSON): on a store of the example article and the
//! fixtures, search finds the statement under Blinken, the speaker page lists
//! the spellings and draws its chart, the article page explains a statement
//! when it is selected (by mouse and by keyboard), and the hostile article
//! runs no script and adds no element. Screenshots at 1440 and 375 px wide go
//! to `target/screenshots/`. Without chromium and chromedriver (Debian's
//! `chromium`, `chromium-driver`; `.ci/run` installs them) the test says so and skips.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver {
    child: Child,
    base: String,
    session: String,
    _profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wd(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let r = ureq::request(method, url).timeout(Duration::from_secs(60));
    let res = match body {
        Some(b) => r.send_json(b),
        None => r.call(),
    };
    match res {
        Ok(resp) => Ok(resp.into_json::<Value>().map_err(|e| e.to_string())?["value"].clone()),
        Err(ureq::Error::Status(_, resp)) => Err(resp.into_string().unwrap_or_default()),
        Err(e) => Err(e.to_string()),
    }
}

impl Driver {
    fn start() -> Driver {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let t = Instant::now();
        while wd("GET", &format!("{base}/status"), None).is_err() {
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "chromedriver answers"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tmp_dir("chromium-profile");
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.display()),
                "--window-size=1440,1000"]}}}});
        let s = wd("POST", &format!("{base}/session"), Some(caps)).expect("a browser session");
        let session = s["sessionId"].as_str().expect("a session id").to_string();
        Driver {
            child,
            base,
            session,
            _profile: profile,
        }
    }

    fn url(&self, p: &str) -> String {
        format!("{}/session/{}{p}", self.base, self.session)
    }

    fn go(&self, url: &str) {
        wd("POST", &self.url("/url"), Some(json!({"url": url}))).unwrap();
    }

    fn js(&self, script: &str) -> Value {
        wd(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
        .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    fn find(&self, css: &str) -> String {
        let v = wd(
            "POST",
            &self.url("/element"),
            Some(json!({"using": "css selector", "value": css})),
        )
        .unwrap_or_else(|e| panic!("{css}: {e}"));
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap()
            .to_string()
    }

    fn keys(&self, el: &str, text: &str) {
        wd(
            "POST",
            &self.url(&format!("/element/{el}/value")),
            Some(json!({"text": text})),
        )
        .unwrap();
    }

    fn press(&self, key: &str) {
        wd(
            "POST",
            &self.url("/actions"),
            Some(json!({"actions": [{"type": "key", "id": "kb",
            "actions": [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]})),
        )
        .unwrap();
    }

    fn click(&self, el: &str) {
        wd(
            "POST",
            &self.url(&format!("/element/{el}/click")),
            Some(json!({})),
        )
        .unwrap();
    }

    fn no_alert(&self) {
        assert!(
            wd("GET", &self.url("/alert/text"), None).is_err(),
            "an alert opened"
        );
    }

    fn width(&self, w: u32) {
        wd(
            "POST",
            &self.url("/goog/cdp/execute"),
            Some(json!({"cmd": "Emulation.setDeviceMetricsOverride",
            "params": {"width": w, "height": 900, "deviceScaleFactor": 1, "mobile": w < 600}})),
        )
        .unwrap();
        let inner = self.js("return window.innerWidth").as_u64().unwrap();
        assert_eq!(inner, u64::from(w));
    }

    /// Screenshots of the whole page at 1440 and 375 px wide; the page must
    /// not scroll sideways at either.
    fn shots(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        for w in [1440, 375] {
            self.width(w);
            let over = self.js("return document.documentElement.scrollWidth - window.innerWidth");
            assert!(
                over.as_i64().unwrap() <= 0,
                "{name} at {w} px scrolls sideways by {over}"
            );
            let shot = wd("POST", &self.url("/goog/cdp/execute"), Some(json!({"cmd": "Page.captureScreenshot",
                "params": {"captureBeyondViewport": true, "format": "png",
                           "clip": {"x": 0, "y": 0, "width": w, "scale": 1,
                                    "height": self.js("return Math.min(document.documentElement.scrollHeight, 4000)")}}})))
            .unwrap();
            let png = base64(shot["data"].as_str().unwrap());
            assert!(png.starts_with(b"\x89PNG"), "a PNG");
            std::fs::write(dir.join(format!("{name}-{w}.png")), png).unwrap();
        }
        wd(
            "POST",
            &self.url("/goog/cdp/execute"),
            Some(json!({"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}})),
        )
        .unwrap();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let b: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(b.len() * 3 / 4);
    for ch in b.chunks(4) {
        let n = ch.iter().enumerate().fold(0u32, |acc, (i, &c)| {
            acc | (u32::from(val(c)) << (18 - 6 * i))
        });
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..ch.len()]);
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk="), b"hi");
    assert_eq!(base64("YWJj"), b"abc");
}

fn text_of(d: &Driver) -> String {
    d.js("return document.body.innerText")
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn pages_in_a_browser() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        eprintln!("skipped: {CHROMIUM} or {CHROMEDRIVER} is missing, so the browser tests did not run (apt-get install chromium chromium-driver; .ci/run does)");
        return;
    }
    let s = start(&sqlite("browser").unwrap(), Some(TOKEN));
    ingest_fixtures(&s);
    let d = Driver::start();

    // Search: type into the labelled box, press Enter
    d.go(&format!("{}/", s.base));
    assert_eq!(
        d.js("return document.querySelector('label[for=q]').textContent"),
        "Words or a speaker"
    );
    let q = d.find("#q");
    d.keys(&q, "serious diplomatic path\u{E007}");
    let t = Instant::now();
    while !d
        .js("return location.search")
        .as_str()
        .unwrap()
        .contains("serious")
    {
        assert!(t.elapsed() < Duration::from_secs(10), "the form submits");
        std::thread::sleep(Duration::from_millis(50));
    }
    let first = d.js("return document.querySelector('li.quote').innerText");
    let first = first.as_str().unwrap();
    assert!(first.contains("serious diplomatic path"), "{first}");
    assert!(first.contains("Bl"), "under Blinken: {first}");
    assert!(
        d.js("return document.querySelectorAll('li.quote mark').length")
            .as_u64()
            .unwrap()
            >= 3
    );
    // the query lives in the URL: loading it again gives the same page
    let url = d.js("return location.href").as_str().unwrap().to_string();
    d.go(&url);
    assert_eq!(
        d.js("return document.querySelector('#q').value"),
        "serious diplomatic path"
    );
    d.shots("search");

    // Speaker: every spelling, garbled ones marked, a chart with bars
    let id = get(&format!("{}/api/v1/speakers?q=Blinken", s.base)).json()[0]["id"]
        .as_i64()
        .unwrap();
    d.go(&format!("{}/speakers/{id}", s.base));
    let table = d.js("return document.querySelector('table.spellings').innerText");
    let table = table.as_str().unwrap();
    for name in ["Bellingen", "Blinken"] {
        assert!(table.contains(name), "{name}: {table}");
    }
    assert!(
        d.js("return document.querySelectorAll('tr.garbled').length")
            .as_u64()
            .unwrap()
            >= 1,
        "{table}"
    );
    let bars = d
        .js("return document.querySelectorAll('svg.chart rect.bar').length")
        .as_u64()
        .unwrap();
    assert!(bars >= 2, "the chart has data: {bars} bars");
    assert!(
        d.js("return document.querySelector('svg.chart rect.bar').getBBox().height")
            .as_f64()
            .unwrap()
            > 1.0
    );
    d.shots("speaker");

    // Article: select the statement with the mouse, then with the keyboard
    d.go(&format!("{}/articles/seed", s.base));
    let hidden = d.js("return [...document.querySelectorAll('.explain')].every(e => getComputedStyle(e).display == 'none')");
    assert_eq!(hidden, true, "no explanation before a selection");
    let stmt = d.js("return [...document.querySelectorAll('a.stmt')].find(a => a.textContent.includes('serious diplomatic path')).getAttribute('href')");
    let stmt = stmt
        .as_str()
        .expect("the statement is highlighted")
        .to_string();
    let sel = format!("a.stmt[href='{stmt}']");
    d.click(&d.find(&sel));
    let shown = d.js("return [...document.querySelectorAll('.explain')].filter(e => getComputedStyle(e).display != 'none').map(e => e.innerText)");
    let shown = shown.as_array().unwrap();
    assert_eq!(shown.len(), 1, "one explanation: {shown:?}");
    let ex = shown[0].as_str().unwrap();
    for part in [
        "serious diplomatic path",
        "Resolved by",
        "Cue",
        "Confidence",
        "Offsets",
    ] {
        assert!(ex.contains(part), "{part}: {ex}");
    }
    d.shots("article");
    d.go(&format!("{}/articles/seed", s.base));
    d.js(&format!("document.querySelector(\"{sel}\").focus()"));
    d.press("\u{E007}");
    assert_eq!(d.js("return location.hash").as_str().unwrap(), stmt);
    let visible = format!(
        "return getComputedStyle(document.getElementById('{}')).display",
        &stmt[1..]
    );
    assert_eq!(
        d.js(&visible),
        "block",
        "Enter on the statement opens its explanation"
    );
    // Tab from the top reaches the skip link first
    d.go(&format!("{}/overview", s.base));
    d.press("\u{E004}");
    assert_eq!(d.js("return document.activeElement.className"), "skip");
    let ov = text_of(&d);
    assert!(
        ov.contains("Who gets quoted") && ov.contains("Most quoted people"),
        "{ov}"
    );
    assert!(
        d.js("return document.querySelectorAll('svg.chart rect.bar').length")
            .as_u64()
            .unwrap()
            >= 2
    );
    d.shots("overview");

    // Hostile text: shown as text, no script run, no element added
    d.go(&format!("{}/articles/hostile", s.base));
    d.no_alert();
    let body = text_of(&d);
    assert!(body.contains("<script>alert(1)</script>"), "{body}");
    assert!(body.contains("\"><img src=x onerror=alert(1)>"), "{body}");
    assert_eq!(
        d.js("return document.querySelectorAll('script, img, iframe, object').length"),
        0
    );
    let title = d.js("return document.title");
    assert!(
        title.as_str().unwrap().contains("<script>"),
        "the title is text: {title}"
    );
    d.shots("hostile");
    d.go(&format!("{}/?q=alert", s.base));
    d.no_alert();
    assert_eq!(
        d.js("return document.querySelectorAll('script, img').length"),
        0
    );
    assert!(text_of(&d).contains("<script>alert(1)</script>"));
}
