//! `whosaid bench-serve`: a load test of `whosaid serve` on loopback. It starts
//! the server as a child process on an ephemeral port over a store (by default
//! the 1 M-quote store `bench-store --keep` leaves), then N clients with
//! keep-alive connections send a mix of word searches, speaker searches, date
//! filters, article pages and speaker pages (or one of them, `--only`) for a
//! bounded time and number of requests, after a warm-up of the same mix that
//! is reported apart and not counted (`--warmup`, 5 s: the server's response
//! cache starts empty). It reports requests per second, the p95 of each second,
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
    /// Stop after this many seconds (of measurement, after the warm-up).
    #[arg(long, default_value_t = 20.0)]
    seconds: f64,
    /// Send the same mix (at the same rate) for this many seconds first, and
    /// count none of it: the server's response cache starts empty, and a
    /// server that has been running answers the popular requests from it.
    /// What the warm-up saw is reported on a line of its own.
    #[arg(long, default_value_t = 5.0)]
    warmup: f64,
    /// Stop after this many requests in all (warm-up included).
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
    /// The exponent of the Zipf law that picks each request's word, speaker
    /// or article by popularity rank (words ranked by how often the sampled
    /// statements use them): 1 is typical of search logs, 0 picks uniformly.
    #[arg(long, default_value_t = 1.0)]
    zipf: f64,
    /// The whosaid binary to serve with (default: this one), to compare two
    /// builds under the same load.
    #[arg(long)]
    server: Option<std::path::PathBuf>,
    /// Passed on to `whosaid serve --cache-mib` (0: no response cache).
    #[arg(long)]
    cache_mib: Option<usize>,
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

/// What the requests ask for, each list most popular first: words of the
/// stored statements (by how often the sampled ones use them), stored
/// speakers (most quoted first) and articles they are quoted in.
struct Targets {
    words: Vec<String>,
    speakers: Vec<(i64, String)>,
    articles: Vec<i64>,
}

/// A Zipf law over ranks `0..n`: rank `r` is picked with weight `1/(r+1)^s`.
struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (0..n.max(1))
            .map(|r| {
                acc += 1.0 / ((r + 1) as f64).powf(s);
                acc
            })
            .collect();
        for c in &mut cdf {
            *c /= acc;
        }
        Zipf { cdf }
    }

    /// The rank at `u` in `[0, 1)`.
    fn rank(&self, u: f64) -> usize {
        self.cdf
            .partition_point(|&c| c <= u)
            .min(self.cdf.len() - 1)
    }
}

/// The laws each request's choices follow.
struct Laws {
    words: Zipf,
    speakers: Zipf,
    articles: Zipf,
}

impl Laws {
    fn new(t: &Targets, s: f64) -> Laws {
        Laws {
            words: Zipf::new(t.words.len(), s),
            speakers: Zipf::new(t.speakers.len(), s),
            articles: Zipf::new(t.articles.len(), s),
        }
    }
}

/// A uniform number in `[0, 1)` for request `i` and choice `salt`
/// (splitmix64: the same run asks the same things).
fn uniform(i: usize, salt: u64) -> f64 {
    let mut z = (i as u64).wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// One request of the mix, a path on the server, written into `out`: its
/// word, speaker and article drawn by the Zipf laws; a date filter spans one
/// to ten years between 1990 and 2024, drawn uniformly.
fn mix(i: usize, route: Route, t: &Targets, laws: &Laws, out: &mut String) {
    use std::fmt::Write as _;
    let w = &t.words[laws.words.rank(uniform(i, 1))];
    let (sid, sname) = &t.speakers[laws.speakers.rank(uniform(i, 2))];
    let art = t.articles[laws.articles.rank(uniform(i, 3))];
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
            let since = 1990 + (uniform(i, 4) * 35.0) as usize;
            let until = (since + (uniform(i, 5) * 10.0) as usize).min(2024);
            let _ = write!(
                out,
                "/api/v1/quotes?since={since}-01-01&until={until}-12-31&about="
            );
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
        a.zipf >= 0.0 && a.zipf.is_finite(),
        "--zipf: a number of 0 or more"
    );
    anyhow::ensure!(
        a.seconds > 0.0 && a.seconds.is_finite(),
        "--seconds: a positive number"
    );
    anyhow::ensure!(
        a.warmup >= 0.0 && a.warmup.is_finite(),
        "--warmup: a number of seconds, 0 or more"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let exe = match &a.server {
        Some(p) => p.clone(),
        None => std::env::current_exe().context("finding the whosaid binary")?,
    };
    let mut serve_args = vec![
        "serve".to_string(),
        "--db".into(),
        a.db.clone(),
        "--listen".into(),
        format!("127.0.0.1:{port}"),
    ];
    if let Some(m) = a.cache_mib {
        serve_args.extend(["--cache-mib".to_string(), m.to_string()]);
    }
    let mut server = Command::new(&exe)
        .args(&serve_args)
        .env_remove("WHOSAID_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {} serve", exe.display()))?;
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
        // CPU from the end of the warm-up, sampled by a thread of its own
        let spid = pid.to_string();
        let warmup = Duration::from_secs_f64(a.warmup);
        let sampler = std::thread::spawn(move || {
            std::thread::sleep(warmup);
            (cpu_seconds(&spid), cpu_seconds("self"))
        });
        let r = load(&a, addr, t)?;
        let (server0, self0) = sampler.join().unwrap_or((None, None));
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
    let (load, server_cpu, self_cpu) = r?;
    let Load {
        n,
        errors,
        first_error,
        secs,
        timed,
        distinct,
        warm,
    } = load;
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
    if a.warmup > 0.0 {
        let mut ms: Vec<f64> = warm.iter().map(|t| t.1).collect();
        ms.sort_by(f64::total_cmp);
        println!(
            "bench-serve: warm-up, not counted: {} requests in the first {:.1} s, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms, {:.1}% from the cache",
            warm.len(),
            a.warmup,
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms.last().copied().unwrap_or(0.0),
            100.0 * warm.iter().filter(|t| t.2).count() as f64 / warm.len().max(1) as f64,
        );
    }
    println!(
        "bench-serve: CPU: server {}, load generator {}",
        per_request(server_cpu),
        per_request(self_cpu)
    );
    let hits = timed.iter().filter(|t| t.2).count();
    println!(
        "bench-serve: answered from the server's response cache: {hits} of {n} ({:.1}%); distinct requests: {}",
        100.0 * hits as f64 / n.max(1) as f64,
        distinct
    );
    println!(
        "bench-serve: p95 by second of the measurement (ms): {}",
        by_second(&timed, a.warmup)
            .iter()
            .map(|p| format!("{p:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for r in ROUTES {
        let mut ms: Vec<f64> = timed.iter().filter(|t| t.0 == r).map(|t| t.1).collect();
        if ms.is_empty() {
            continue;
        }
        let hit = timed.iter().filter(|t| t.0 == r && t.2).count();
        ms.sort_by(f64::total_cmp);
        println!(
            "bench-serve:   {:<20} n={:<6} p50 {:.1} ms  p95 {:.1} ms  max {:.1} ms  cached {:.0}%",
            r.label(),
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms.last().copied().unwrap_or(0.0),
            100.0 * hit as f64 / ms.len() as f64,
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

/// The most words and articles the requests choose from.
const MAX_TARGETS: usize = 5000;

/// Asks the server what to ask for (with a plain client: this is not timed):
/// the 200 most quoted speakers, and the words and articles of their newest
/// 50 statements each.
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
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    let mut articles = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (id, _) in &speakers {
        let page: serde_json::Value = agent
            .get(&format!(
                "{base}/api/v1/quotes?speaker_id={id}&limit=50&facets=false"
            ))
            .call()?
            .into_json()?;
        for q in page["items"].as_array().into_iter().flatten() {
            if let Some(a) = q["article_id"].as_i64() {
                if seen.insert(a) {
                    articles.push(a);
                }
            }
            let text = q["text"].as_str().unwrap_or("");
            for w in text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() >= 5)
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let words: Vec<String> = words.into_iter().take(MAX_TARGETS).map(|w| w.0).collect();
    articles.truncate(MAX_TARGETS);
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

/// One request: its route, milliseconds, whether the server answered from
/// its response cache, and when it was sent (or due), in seconds from the
/// start of the warm-up.
type Timed = (Route, f64, bool, f64);

/// What the load measured (after the warm-up).
struct Load {
    /// Requests sent, errors, the first error, and seconds.
    n: usize,
    errors: usize,
    first_error: Option<String>,
    secs: f64,
    timed: Vec<Timed>,
    /// How many distinct paths were asked for.
    distinct: usize,
    /// The warm-up's requests.
    warm: Vec<Timed>,
}

/// The p95 latency of the requests sent in each second of the measurement.
fn by_second(timed: &[Timed], warmup: f64) -> Vec<f64> {
    let mut secs: Vec<Vec<f64>> = Vec::new();
    for t in timed {
        let s = (t.3 - warmup).max(0.0) as usize;
        if secs.len() <= s {
            secs.resize(s + 1, Vec::new());
        }
        secs[s].push(t.1);
    }
    secs.into_iter()
        .map(|mut ms| {
            ms.sort_by(f64::total_cmp);
            percentile(&ms, 0.95)
        })
        .collect()
}

fn load(a: &BenchServeArgs, addr: SocketAddr, targets: Targets) -> Result<Load> {
    let laws = Arc::new(Laws::new(&targets, a.zipf));
    let targets = Arc::new(targets);
    let next = Arc::new(AtomicUsize::new(0));
    let first_error = Arc::new(Mutex::new(None::<String>));
    let lat = Arc::new(Mutex::new(Vec::with_capacity(a.requests.min(1 << 20))));
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(a.warmup + a.seconds);
    let threads: Vec<_> = (0..a.clients)
        .map(|_| {
            let (targets, laws) = (targets.clone(), laws.clone());
            let (next, lat, first_error) = (next.clone(), lat.clone(), first_error.clone());
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
                        mix(i, route, &targets, &laws, &mut path);
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
                        let mut cached = false;
                        let problem = match client.get(&path) {
                            Ok(r) if r.status == 200 && r.body > 0 => {
                                cached = r.cached;
                                None
                            }
                            Ok(r) if r.status == 200 => Some(format!("{path}: an empty body")),
                            Ok(r) => Some(format!("{path}: status {}", r.status)),
                            Err(e) => Some(format!("{path}: {e}")),
                        };
                        let sent = t.duration_since(start).as_secs_f64();
                        mine.push((
                            i,
                            (route, t.elapsed().as_secs_f64() * 1000.0, cached, sent),
                            problem.is_some(),
                        ));
                        if let Some(p) = problem {
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
    let secs = (start.elapsed().as_secs_f64() - a.warmup).max(1e-9);
    let all = std::mem::take(&mut *lat.lock().map_err(|_| anyhow::anyhow!("a client failed"))?);
    let first = first_error.lock().ok().and_then(|mut f| f.take());
    let (measured, warm): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| r.1 .3 >= a.warmup);
    let errors = measured.iter().filter(|r| r.2).count() + warm.iter().filter(|r| r.2).count();
    let mut path = String::new();
    let distinct = measured
        .iter()
        .map(|r| {
            mix(r.0, route_of(r.0, a.only), &targets, &laws, &mut path);
            path.clone()
        })
        .collect::<std::collections::HashSet<_>>()
        .len();
    Ok(Load {
        n: measured.len(),
        errors,
        first_error: first,
        secs,
        timed: measured.into_iter().map(|r| r.1).collect(),
        distinct,
        warm: warm.into_iter().map(|r| r.1).collect(),
    })
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
        let laws = Laws::new(&t, 1.0);
        let counts = ROUTES.map(|r| (0..1000).filter(|&i| route_of(i, None) == r).count());
        assert_eq!(counts, [300, 200, 100, 200, 200]);
        assert!((0..50).all(|i| route_of(i, Some(Route::Article)) == Route::Article));
        let mut p = String::new();
        mix(0, Route::Speaker, &t, &laws, &mut p);
        assert_eq!(p, "/api/v1/quotes?speaker=Antony%20Blinken");
        mix(0, Route::SpeakerPage, &t, &laws, &mut p);
        assert_eq!(p, "/speakers/7");
        for i in 0..200 {
            mix(i, Route::Dates, &t, &laws, &mut p);
            let rest = p.strip_prefix("/api/v1/quotes?since=").unwrap();
            let since: usize = rest[..4].parse().unwrap();
            let until: usize = rest[17..21].parse().unwrap();
            assert!((1990..=2024).contains(&since) && (since..since + 10).contains(&until));
            assert!(p.ends_with("-12-31&about=door"), "{p}");
        }
        let t2 = Targets {
            words: vec!["café&x".into()],
            ..t
        };
        mix(0, Route::Words, &t2, &laws, &mut p);
        assert_eq!(p, "/api/v1/quotes?about=caf%C3%A9%26x");
    }

    #[test]
    fn zipf_picks_the_popular_more_often() {
        let z = Zipf::new(1000, 1.0);
        let mut n = vec![0usize; 1000];
        for i in 0..100_000 {
            n[z.rank(uniform(i, 9))] += 1;
        }
        // rank 0 has weight 1/H(1000) = 13.4%, rank 9 a tenth of that
        assert!((12_500..14_300).contains(&n[0]), "{}", n[0]);
        assert!((1_100..1_600).contains(&n[9]), "{}", n[9]);
        assert!(n[999] < 100);
        assert!(
            n.iter().filter(|&&c| c > 0).count() > 900,
            "the tail is drawn too"
        );
        // uniform with exponent 0, and every u in [0, 1) has a rank
        let flat = Zipf::new(4, 0.0);
        assert_eq!(flat.rank(0.0), 0);
        assert_eq!(flat.rank(0.26), 1);
        assert_eq!(flat.rank(0.999_999), 3);
        assert_eq!(Zipf::new(0, 1.0).rank(0.5), 0);
    }

    #[test]
    fn cpu_time_is_read_for_this_process() {
        if cfg!(target_os = "linux") {
            let c = cpu_seconds("self").expect("/proc/self/stat");
            assert!(c >= 0.0);
        }
    }
}
