//! The real server on an ephemeral loopback port, over a SQLite file or a
//! PostgreSQL schema (`WHOSAID_TEST_PG`, as in the store's shared suite), and
//! an HTTP client for the tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::mpsc;

pub const PG_ENV: &str = "WHOSAID_TEST_PG";
pub const TOKEN: &str = "test-token-3f9a";

pub fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("whosaid-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn sqlite(name: &str) -> Option<String> {
    Some(tmp_dir(name).join("t.db").display().to_string())
}

/// A fresh schema on the test server, or None (with a message) without one.
pub fn pg(name: &str) -> Option<String> {
    let Ok(url) = std::env::var(PG_ENV) else {
        eprintln!("skipped: {PG_ENV} is not set, so the PostgreSQL run of `{name}` did not run (.ci/run sets it)");
        return None;
    };
    let schema = format!("s_{name}_{}", std::process::id());
    let mut c = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("{PG_ENV}={url}: cannot connect: {e}"));
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}schema={schema}"))
}

/// A running server; dropping it stops it gracefully and waits.
pub struct Server {
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

pub fn start(db: &str, token: Option<&str>) -> Server {
    let mut config = whosaid_server::Config::new(db);
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.token = token.map(str::to_string);
    config.readers = 4;
    config.max_body = 1 << 20;
    let (tx, rx) = mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let r = rt.block_on(whosaid_server::serve_with(
            config,
            whosaid_nlp::Analyzer::new(None),
            async {
                let _ = stopped.await;
            },
            |addr| tx.send(addr).unwrap(),
        ));
        r.expect("the server runs");
    });
    let addr = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the server listens");
    Server {
        base: format!("http://{addr}"),
        stop: Some(stop),
        thread: Some(thread),
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            if !std::thread::panicking() {
                t.join().expect("the server stops cleanly");
            }
        }
    }
}

/// A response: status, content type, body.
pub struct Resp {
    pub status: u16,
    pub ctype: String,
    pub csp: Option<String>,
    /// `x-whosaid-cache`: whether the server answered from its response cache.
    pub cache: Option<String>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub fn request(
    method: &str,
    url: &str,
    ctype: Option<&str>,
    body: Option<&[u8]>,
    token: Option<&str>,
) -> Resp {
    let agent = ureq::AgentBuilder::new()
        .timeout(std::time::Duration::from_secs(60))
        .build();
    let mut r = agent.request(method, url);
    if let Some(c) = ctype {
        r = r.set("Content-Type", c);
    }
    if let Some(t) = token {
        r = r.set("Authorization", &format!("Bearer {t}"));
    }
    let res = match body {
        Some(b) => r.send_bytes(b),
        None => r.call(),
    };
    let resp = match res {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    Resp {
        status: resp.status(),
        ctype: resp.content_type().to_string(),
        csp: resp.header("content-security-policy").map(str::to_string),
        cache: resp.header("x-whosaid-cache").map(str::to_string),
        body: resp.into_string().unwrap_or_default(),
    }
}

pub fn get(url: &str) -> Resp {
    request("GET", url, None, None, None)
}

pub fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The example article (three spellings of Blinken), a second Blinken article
/// a week later, and the hostile-text article, dated, as JSON Lines.
pub fn fixtures_jsonl() -> String {
    let seed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed-article.txt"),
    )
    .unwrap();
    let lines = [
        serde_json::json!({"id": "seed", "text": seed, "published": "2022-01-26", "publisher": "Wire"}),
        serde_json::json!({"id": "geneva", "text": fixture("blinken-geneva.txt"), "published": "2022-01-21", "publisher": "Daily"}),
        serde_json::json!({"id": "hostile", "text": fixture("hostile.txt"), "published": "2022-02-08",
            "title": "<script>alert(1)</script>\"><img src=x onerror=alert(1)>", "url": "javascript:alert(1)"}),
    ];
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Ingests the fixtures through the API.
pub fn ingest_fixtures(s: &Server) -> serde_json::Value {
    let r = request(
        "POST",
        &format!("{}/api/v1/ingest", s.base),
        Some("application/x-ndjson"),
        Some(fixtures_jsonl().as_bytes()),
        Some(TOKEN),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}
