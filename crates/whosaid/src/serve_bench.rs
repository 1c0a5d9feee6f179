//! `whosaid bench-serve`: a load test of `whosaid serve` on loopback. It starts
//! the server as a child process on an ephemeral port over a store (by default
//! the 1 M-quote store `bench-store --keep` leaves), then N clients with
//! keep-alive connections send a mix of word searches, speaker searches, date
//! filters, article pages and speaker pages for a bounded time and number of
//! requests. It reports requests per second, latency percentiles, errors and
//! the server's peak resident memory.

use anyhow::{Context, Result};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchServeArgs {
    /// The store to serve (a SQLite file or a postgres:// URL).
    #[arg(long, default_value = "target/bench-store.db")]
    db: String,
    /// Concurrent clients.
    #[arg(long, default_value_t = 50)]
    clients: usize,
    /// Stop after this many seconds.
    #[arg(long, default_value_t = 20.0)]
    seconds: f64,
    /// Stop after this many requests in all.
    #[arg(long, default_value_t = 100_000)]
    requests: usize,
    /// Send this many requests per second in all, on a fixed schedule (0: each
    /// client sends its next request as soon as the last is answered). With a
    /// rate, a request's latency counts from when it was due, so a server that
    /// falls behind is charged for the wait (no coordinated omission).
    #[arg(long, default_value_t = 0.0)]
    rate: f64,
}

/// The routes of the mix, by `i % 10`: what each request is counted under.
const ROUTES: [&str; 5] = [
    "word search",
    "speaker search",
    "date filter + words",
    "article page",
    "speaker page",
];

fn route_of(i: usize) -> usize {
    match i % 10 {
        0..=2 => 0,
        3 | 4 => 1,
        5 => 2,
        6 | 7 => 3,
        _ => 4,
    }
}

/// One request of the mix, a path on the server.
fn mix(i: usize, words: &[String], speakers: &[(i64, String)], articles: &[i64]) -> String {
    let pick = |n: usize| (i.wrapping_mul(2_654_435_761) >> 7) % n.max(1);
    let w = &words[pick(words.len())];
    let (sid, sname) = &speakers[pick(speakers.len())];
    let art = articles[pick(articles.len())];
    let enc = |s: &str| s.replace(' ', "%20");
    match route_of(i) {
        0 => format!("/api/v1/quotes?about={}", enc(w)),
        1 => format!("/api/v1/quotes?speaker={}", enc(sname)),
        2 => format!(
            "/api/v1/quotes?since=2010-01-01&until=2020-12-31&about={}",
            enc(w)
        ),
        3 => format!("/articles/{art}"),
        _ => format!("/speakers/{sid}"),
    }
}

fn peak_rss_mib(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let i = ((sorted_ms.len() as f64 - 1.0) * p).round() as usize;
    sorted_ms[i.min(sorted_ms.len() - 1)]
}

pub fn run(a: BenchServeArgs) -> Result<u8> {
    if !whosaid_store::is_postgres_url(&a.db) {
        anyhow::ensure!(
            std::path::Path::new(&a.db).exists(),
            "{}: no store here; build one with `whosaid bench-store --keep`",
            a.db
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let exe = std::env::current_exe().context("finding the whosaid binary")?;
    let mut server = Command::new(exe)
        .args([
            "serve",
            "--db",
            &a.db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env_remove("WHOSAID_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .context("starting whosaid serve")?;
    let pid = server.id();
    let mut err = BufReader::new(server.stderr.take().context("server stderr")?);
    let mut line = String::new();
    loop {
        line.clear();
        if err.read_line(&mut line)? == 0 {
            let _ = server.wait();
            anyhow::bail!("whosaid serve stopped before listening");
        }
        if line.contains("listening on") {
            break;
        }
    }
    // drain the per-request log so the server never blocks on a full pipe
    let drain = std::thread::spawn(move || {
        let mut sink = std::io::sink();
        let _ = std::io::copy(&mut err, &mut sink);
    });
    let base = format!("http://127.0.0.1:{port}");
    let r = load(&a, &base);
    let rss = peak_rss_mib(pid);
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let status = server.wait()?;
    let _ = drain.join();
    let (n, errors, secs, timed) = r?;
    let mut lat: Vec<f64> = timed.iter().map(|t| t.1).collect();
    lat.sort_by(f64::total_cmp);
    println!(
        "bench-serve: {n} requests from {} clients{} in {secs:.1} s: {:.0} requests/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, {errors} errors; server peak memory {} MiB; server exit {}",
        a.clients,
        if a.rate > 0.0 {
            format!(" at {:.0} requests/s offered", a.rate)
        } else {
            String::new()
        },
        n as f64 / secs,
        percentile(&lat, 0.5),
        percentile(&lat, 0.95),
        percentile(&lat, 0.99),
        rss.map_or("?".into(), |m| format!("{m:.0}")),
        status.code().map_or("signal".into(), |c| c.to_string()),
    );
    for (r, label) in ROUTES.iter().enumerate() {
        let mut ms: Vec<f64> = timed.iter().filter(|t| t.0 == r).map(|t| t.1).collect();
        ms.sort_by(f64::total_cmp);
        println!(
            "bench-serve:   {label:<20} n={:<6} p50 {:.1} ms  p95 {:.1} ms  max {:.1} ms",
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms.last().copied().unwrap_or(0.0),
        );
    }
    Ok(if errors == 0 {
        crate::exit::OK
    } else {
        crate::exit::PARTIAL
    })
}

/// Requests sent, errors, seconds, and each request's route and milliseconds.
type Load = (usize, usize, f64, Vec<(usize, f64)>);

fn load(a: &BenchServeArgs, base: &str) -> Result<Load> {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .max_idle_connections_per_host(a.clients.max(1))
        .build();
    // what to ask for: stored speakers, words they said, articles they are in
    let top: serde_json::Value = agent
        .get(&format!("{base}/api/v1/speakers?limit=200"))
        .call()?
        .into_json()?;
    let speakers: Vec<(i64, String)> = top
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| Some((s["id"].as_i64()?, s["name"].as_str()?.to_string())))
        .collect();
    anyhow::ensure!(!speakers.is_empty(), "the store has no speakers to ask for");
    let mut words = Vec::new();
    let mut articles = Vec::new();
    for (id, _) in speakers.iter().take(40) {
        let page: serde_json::Value = agent
            .get(&format!(
                "{base}/api/v1/quotes?speaker_id={id}&limit=5&facets=false"
            ))
            .call()?
            .into_json()?;
        for q in page["items"].as_array().into_iter().flatten() {
            articles.extend(q["article_id"].as_i64());
            let text = q["text"].as_str().unwrap_or("");
            words.extend(
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() >= 5)
                    .take(2)
                    .map(str::to_lowercase),
            );
        }
    }
    anyhow::ensure!(
        !words.is_empty() && !articles.is_empty(),
        "the store has no quotes to ask for"
    );
    let (words, speakers, articles) = (Arc::new(words), Arc::new(speakers), Arc::new(articles));
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let lat = Arc::new(Mutex::new(Vec::with_capacity(a.requests.min(1 << 20))));
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(a.seconds);
    let threads: Vec<_> = (0..a.clients.max(1))
        .map(|_| {
            let (agent, base) = (agent.clone(), base.to_string());
            let (words, speakers, articles) = (words.clone(), speakers.clone(), articles.clone());
            let (next, errors, lat) = (next.clone(), errors.clone(), lat.clone());
            let max = a.requests;
            let rate = a.rate;
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= max || Instant::now() >= deadline {
                        break;
                    }
                    let path = mix(i, &words, &speakers, &articles);
                    let t = if rate > 0.0 {
                        let due = start + Duration::from_secs_f64(i as f64 / rate);
                        if due >= deadline {
                            break;
                        }
                        if let Some(wait) = due.checked_duration_since(Instant::now()) {
                            std::thread::sleep(wait);
                        }
                        due
                    } else {
                        Instant::now()
                    };
                    let ok = match agent.get(&format!("{base}{path}")).call() {
                        Ok(r) => r.into_string().is_ok(),
                        Err(_) => false,
                    };
                    mine.push((route_of(i), t.elapsed().as_secs_f64() * 1000.0));
                    if !ok {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                if let Ok(mut l) = lat.lock() {
                    l.extend(mine);
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    let secs = start.elapsed().as_secs_f64();
    let lat = std::mem::take(&mut *lat.lock().map_err(|_| anyhow::anyhow!("a client failed"))?);
    Ok((lat.len(), errors.load(Ordering::Relaxed), secs, lat))
}
