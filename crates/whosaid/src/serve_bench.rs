//! `whosaid bench-serve`: a load test of `whosaid serve` on loopback. It starts
//! the server as a child process on an ephemeral port over a store (by default
//! the 1 M-quote store `bench-store --keep` leaves), then N clients with
//! keep-alive connections send a mix of word searches, speaker searches, date
//! filters, article pages and speaker pages (or one of them, `--only`) for a
//! bounded time and number of requests. It reports requests per second,
//! latency percentiles per route, errors (any status but 200, any broken
//! response), the server's peak resident memory, and the CPU time the server
//! and the load generator each spent per request (both share the machine).
//!
//! The clients are lean (`http.rs`): one connection each, requests written
//! from a reused buffer and response bodies skipped unread, so that the
//! generator takes little of the CPU it measures the server on.

mod http;

use anyhow::{Context, Result};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The routes of the mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Route {
    /// `/api/v1/quotes?about=WORD`
    Words,
    /// `/api/v1/quotes?speaker=NAME`
    Speaker,
    /// `/api/v1/quotes?since=..&until=..&about=WORD`
    Dates,
    /// `/articles/ID` (the HTML page)
    Article,
    /// `/speakers/ID` (the HTML page)
    SpeakerPage,
}

const ROUTES: [Route; 5] = [
    Route::Words,
    Route::Speaker,
    Route::Dates,
    Route::Article,
    Route::SpeakerPage,
];

impl Route {
    fn label(self) -> &'static str {
        match self {
            Route::Words => "word search",
            Route::Speaker => "speaker search",
            Route::Dates => "date filter + words",
            Route::Article => "article page",
            Route::SpeakerPage => "speaker page",
        }
    }
}

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
    /// Send only this route instead of the mix (30% word searches, 20%
    /// speaker searches, 10% dates with words, 20% article pages, 20% speaker
    /// pages), to measure what one costs.
    #[arg(long, value_enum)]
    only: Option<Route>,
}

/// The route of request `i`: the mix by `i % 10`, or the one asked for.
fn route_of(i: usize, only: Option<Route>) -> Route {
    if let Some(r) = only {
        return r;
    }
    match i % 10 {
        0..=2 => Route::Words,
        3 | 4 => Route::Speaker,
        5 => Route::Dates,
        6 | 7 => Route::Article,
        _ => Route::SpeakerPage,
    }
}

/// What the requests ask for: stored speakers, words they said, articles they are in.
struct Targets {
    words: Vec<String>,
    speakers: Vec<(i64, String)>,
    articles: Vec<i64>,
}

/// One request of the mix, a path on the server, written into `out`.
fn mix(i: usize, route: Route, t: &Targets, out: &mut String) {
    use std::fmt::Write as _;
    let pick = |n: usize| (i.wrapping_mul(2_654_435_761) >> 7) % n.max(1);
    let w = &t.words[pick(t.words.len())];
    let (sid, sname) = &t.speakers[pick(t.speakers.len())];
    let art = t.articles[pick(t.articles.len())];
    out.clear();
    let enc = |out: &mut String, s: &str| {
        for c in s.chars() {
            match c {
                ' ' => out.push_str("%20"),
                c if c.is_ascii_alphanumeric() || "-._~".contains(c) => out.push(c),
                c => {
                    let mut b = [0u8; 4];
                    for byte in c.encode_utf8(&mut b).bytes() {
                        let _ = write!(out, "%{byte:02X}");
                    }
                }
            }
        }
    };
    match route {
        Route::Words => {
            out.push_str("/api/v1/quotes?about=");
            enc(out, w);
        }
        Route::Speaker => {
            out.push_str("/api/v1/quotes?speaker=");
            enc(out, sname);
        }
        Route::Dates => {
            out.push_str("/api/v1/quotes?since=2010-01-01&until=2020-12-31&about=");
            enc(out, w);
        }
        Route::Article => {
            let _ = write!(out, "/articles/{art}");
        }
        Route::SpeakerPage => {
            let _ = write!(out, "/speakers/{sid}");
        }
    }
}

fn peak_rss_mib(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds (user + system) a process has used so far, from
/// `/proc/PID/stat` (`self` for this one); None off Linux.
fn cpu_seconds(pid: &str) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // the command name may hold spaces: fields count from after its ')'
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ: 100 on every Linux architecture's /proc ABI
    Some(ticks / 100.0)
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
    anyhow::ensure!(a.clients >= 1, "--clients: at least 1");
    anyhow::ensure!(
        a.seconds > 0.0 && a.seconds.is_finite(),
        "--seconds: a positive number"
    );
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
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let r = targets(&format!("http://{addr}")).and_then(|t| {
        let (server0, self0) = (cpu_seconds(&pid.to_string()), cpu_seconds("self"));
        let r = load(&a, addr, t)?;
        let server_cpu = cpu_seconds(&pid.to_string())
            .zip(server0)
            .map(|(b, a)| b - a);
        let self_cpu = cpu_seconds("self").zip(self0).map(|(b, a)| b - a);
        Ok((r, server_cpu, self_cpu))
    });
    let rss = peak_rss_mib(pid);
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let status = server.wait()?;
    let _ = drain.join();
    let ((n, errors, first_error, secs, timed), server_cpu, self_cpu) = r?;
    let mut lat: Vec<f64> = timed.iter().map(|t| t.1).collect();
    lat.sort_by(f64::total_cmp);
    let per_request = |cpu: Option<f64>| {
        cpu.map_or("?".to_string(), |c| {
            format!(
                "{:.2} ms/request ({:.0}% of a core)",
                c * 1000.0 / n.max(1) as f64,
                100.0 * c / secs
            )
        })
    };
    println!(
        "bench-serve: {n} requests from {} clients{}{} in {secs:.1} s: {:.0} requests/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, {errors} errors; server peak memory {} MiB; server exit {}",
        a.clients,
        a.only.map_or(String::new(), |r| format!(", {} only", r.label())),
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
    println!(
        "bench-serve: CPU: server {}, load generator {}",
        per_request(server_cpu),
        per_request(self_cpu)
    );
    for r in ROUTES {
        let mut ms: Vec<f64> = timed.iter().filter(|t| t.0 == r).map(|t| t.1).collect();
        if ms.is_empty() {
            continue;
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "bench-serve:   {:<20} n={:<6} p50 {:.1} ms  p95 {:.1} ms  max {:.1} ms",
            r.label(),
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms.last().copied().unwrap_or(0.0),
        );
    }
    if let Some(e) = first_error {
        println!("bench-serve: first error: {e}");
    }
    Ok(if errors == 0 && n > 0 {
        crate::exit::OK
    } else {
        crate::exit::PARTIAL
    })
}

/// Asks the server what to ask for (with a plain client: this is not timed).
fn targets(base: &str) -> Result<Targets> {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build();
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
    Ok(Targets {
        words,
        speakers,
        articles,
    })
}

/// Requests sent, errors, the first error, seconds, and each request's route
/// and milliseconds.
type Load = (usize, usize, Option<String>, f64, Vec<(Route, f64)>);

fn load(a: &BenchServeArgs, addr: SocketAddr, targets: Targets) -> Result<Load> {
    let targets = Arc::new(targets);
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let first_error = Arc::new(Mutex::new(None::<String>));
    let lat = Arc::new(Mutex::new(Vec::with_capacity(a.requests.min(1 << 20))));
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(a.seconds);
    let threads: Vec<_> = (0..a.clients)
        .map(|_| {
            let targets = targets.clone();
            let (next, errors, lat, first_error) = (
                next.clone(),
                errors.clone(),
                lat.clone(),
                first_error.clone(),
            );
            let (max, rate, only) = (a.requests, a.rate, a.only);
            std::thread::Builder::new()
                .stack_size(256 << 10)
                .spawn(move || {
                    let mut client = http::Client::new(addr, Duration::from_secs(30));
                    let mut path = String::with_capacity(256);
                    let mut mine = Vec::with_capacity(4096);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= max || Instant::now() >= deadline {
                            break;
                        }
                        let route = route_of(i, only);
                        mix(i, route, &targets, &mut path);
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
                        let problem = match client.get(&path) {
                            Ok(r) if r.status == 200 && r.body > 0 => None,
                            Ok(r) if r.status == 200 => Some(format!("{path}: an empty body")),
                            Ok(r) => Some(format!("{path}: status {}", r.status)),
                            Err(e) => Some(format!("{path}: {e}")),
                        };
                        mine.push((route, t.elapsed().as_secs_f64() * 1000.0));
                        if let Some(p) = problem {
                            errors.fetch_add(1, Ordering::Relaxed);
                            if let Ok(mut f) = first_error.lock() {
                                f.get_or_insert(p);
                            }
                        }
                    }
                    if let Ok(mut l) = lat.lock() {
                        l.extend(mine);
                    }
                })
        })
        .collect::<std::io::Result<_>>()
        .context("starting the clients")?;
    for t in threads {
        let _ = t.join();
    }
    let secs = start.elapsed().as_secs_f64();
    let lat = std::mem::take(&mut *lat.lock().map_err(|_| anyhow::anyhow!("a client failed"))?);
    let first = first_error.lock().ok().and_then(|mut f| f.take());
    Ok((lat.len(), errors.load(Ordering::Relaxed), first, secs, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_and_its_paths() {
        let t = Targets {
            words: vec!["door".into()],
            speakers: vec![(7, "Antony Blinken".into())],
            articles: vec![42],
        };
        let counts = ROUTES.map(|r| (0..1000).filter(|&i| route_of(i, None) == r).count());
        assert_eq!(counts, [300, 200, 100, 200, 200]);
        assert!((0..50).all(|i| route_of(i, Some(Route::Article)) == Route::Article));
        let mut p = String::new();
        mix(0, Route::Speaker, &t, &mut p);
        assert_eq!(p, "/api/v1/quotes?speaker=Antony%20Blinken");
        mix(0, Route::SpeakerPage, &t, &mut p);
        assert_eq!(p, "/speakers/7");
        mix(3, Route::Dates, &t, &mut p);
        assert_eq!(
            p,
            "/api/v1/quotes?since=2010-01-01&until=2020-12-31&about=door"
        );
        let t2 = Targets {
            words: vec!["café&x".into()],
            ..t
        };
        mix(0, Route::Words, &t2, &mut p);
        assert_eq!(p, "/api/v1/quotes?about=caf%C3%A9%26x");
    }

    #[test]
    fn cpu_time_is_read_for_this_process() {
        if cfg!(target_os = "linux") {
            let c = cpu_seconds("self").expect("/proc/self/stat");
            assert!(c >= 0.0);
        }
    }
}
