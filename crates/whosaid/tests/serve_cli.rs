//! `whosaid serve` as a user runs it: the real binary on a loopback port,
//! one log line per request, and SIGTERM finishing cleanly with exit code 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

fn http_get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[cfg(unix)]
#[test]
fn serve_answers_logs_and_stops_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("whosaid-serve-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("s.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["serve", "--db", db.to_str().unwrap(), "--listen", &addr])
        .env_remove("WHOSAID_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "serve exited early");
        if line.contains("listening on") {
            break;
        }
    }
    let r = http_get(&addr, "/api/v1/stats");
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    assert!(r.contains("\"articles\":0"), "{r}");
    line.clear();
    err.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("GET /api/v1/stats 200 "),
        "one log line: {line}"
    );
    assert!(line.trim_end().ends_with("ms"), "{line}");
    let r = http_get(&addr, "/api/v1/quotes?since=bad");
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    let st = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let code = child.wait().unwrap();
    assert_eq!(code.code(), Some(0), "{rest}");
    assert!(rest.contains("stopped"), "{rest}");
}

#[test]
fn serve_refuses_a_bad_store_and_an_empty_token_file() {
    let dir = std::env::temp_dir().join(format!("whosaid-serve-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "serve",
            "--db",
            "/nonexistent-dir/x.db",
            "--listen",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent-dir/x.db"));
    let tf = dir.join("token");
    std::fs::write(&tf, "\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "serve",
            "--db",
            dir.join("d.db").to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--token-file")
        .arg(&tf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("token file is empty"));
}

/// `whosaid bench-serve` as a user runs it, on a small store: it starts the
/// server, sends its clients' mix (or one route), counts no errors on a
/// healthy server, reports the CPU each side took, and stops the server.
#[cfg(unix)]
#[test]
fn bench_serve_loads_the_server_and_reports() {
    let dir = std::env::temp_dir().join(format!("whosaid-bench-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("b.db");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let st = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["ingest", examples, "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["bench-serve", "--db", db.to_str().unwrap()])
            .args(["--clients", "3"])
            .args(extra)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        (out.status.code(), text)
    };
    let counted = ["--seconds", "5", "--requests", "60", "--warmup", "0"];
    let (code, text) = run(&counted);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("60 requests from 3 clients"), "{text}");
    assert!(text.contains(" 0 errors"), "{text}");
    assert!(text.contains("server exit 0"), "{text}");
    assert!(text.contains("CPU: server "), "{text}");
    // 60 requests over a store of three articles repeat themselves: the
    // server's response cache answers some, and the report counts them
    let cached = text
        .split("answered from the server's response cache: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert!(cached.is_some_and(|n| n > 0 && n < 60), "{text}");
    for route in [
        "word search",
        "speaker search",
        "date filter + words",
        "article page",
        "speaker page",
    ] {
        assert!(text.contains(route), "{route} missing: {text}");
    }
    let (code, text) = run(&[&counted[..], &["--only", "article", "--cache-mib", "0"]].concat());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("response cache: 0 of 60 (0.0%)"),
        "--cache-mib 0 reaches the server: {text}"
    );
    assert!(text.contains("article page only"), "{text}");
    assert!(!text.contains("word search"), "{text}");
    assert!(!text.contains("warm-up"), "no warm-up asked for: {text}");
    // a warm-up is sent and reported apart, and only what follows it counts
    let (code, text) = run(&[
        "--only",
        "speaker-page",
        "--warmup",
        "1",
        "--requests",
        "1000000",
        "--seconds",
        "1",
    ]);
    assert_eq!(code, Some(0), "{text}");
    let warm = text
        .split("warm-up, not counted: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    let measured = text
        .split("bench-serve: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert!(warm.is_some_and(|n| n > 0), "{text}");
    assert!(measured.is_some_and(|n| n > 0), "{text}");
    assert!(text.contains("in the first 1.0 s"), "{text}");
    assert!(text.contains("p95 by second of the measurement"), "{text}");
    // a store that is not there is an error naming it
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["bench-serve", "--db", dir.join("none.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.db"));
    let _ = std::fs::remove_dir_all(&dir);
}
