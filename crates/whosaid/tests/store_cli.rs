//! End-to-end tests of the record: the real binary ingesting real files into
//! SQLite and (when `WHOSAID_TEST_PG` is set, as `.ci/run` does) PostgreSQL,
//! then answering from the store. Includes the kill -9 test and several
//! ingest processes over overlapping inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PG_ENV: &str = "WHOSAID_TEST_PG";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    c.env_remove("WHOSAID_DB").env_remove("WHOSAID_KB");
    c
}

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(p)
}

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("whosaid-store-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "whosaid {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn stats(db: &str) -> serde_json::Value {
    serde_json::from_str(&ok(&["stats", "--format", "json", "--db", db])).unwrap()
}

/// The stores to test on: a SQLite file, and a fresh PostgreSQL schema when
/// the test server is configured.
fn stores(name: &str) -> Vec<String> {
    let mut v = vec![tmp_dir(&format!("{name}-store"))
        .join("s.db")
        .display()
        .to_string()];
    match std::env::var(PG_ENV) {
        Ok(url) => {
            let schema = format!("cli_{name}_{}", std::process::id());
            let mut c = postgres::Client::connect(&url, postgres::NoTls)
                .unwrap_or_else(|e| panic!("{PG_ENV}={url}: {e}"));
            c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                .unwrap();
            let sep = if url.contains('?') { '&' } else { '?' };
            v.push(format!("{url}{sep}schema={schema}"));
        }
        Err(_) => eprintln!(
            "skipped: {PG_ENV} is not set, so `{name}` ran on SQLite only (.ci/run sets it)"
        ),
    }
    v
}

/// `n` distinct short articles, one JSON Lines record each, with quotes by a
/// handful of recurring speakers.
fn synthetic(path: &Path, ids: std::ops::Range<usize>) {
    let speakers = [
        "Jens Stoltenberg",
        "Antony Blinken",
        "Sergei Lavrov",
        "Ursula von der Leyen",
    ];
    let mut s = String::new();
    for i in ids {
        let who = speakers[i % speakers.len()];
        let text = format!(
            "Talks on item {i} went on in Brussels.\n\n“We will settle item {i} soon,” {who} told reporters on day {i}. \
             NATO said the talks on item {i} would resume."
        );
        s.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": text}).to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn ingest_then_ask_on_the_example() {
    for db in stores("example") {
        let first = run(&["ingest", repo("examples").to_str().unwrap(), "--db", &db]);
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        let err = String::from_utf8_lossy(&first.stderr);
        assert!(
            err.contains("1 stored, 0 already in the store, 0 errors"),
            "{err}"
        );
        let before = stats(&db);
        assert_eq!(before["articles"], 1);
        assert!(before["quotes"].as_i64().unwrap() >= 5, "{before}");
        // again: nothing added
        let again = run(&["ingest", repo("examples").to_str().unwrap(), "--db", &db]);
        assert!(String::from_utf8_lossy(&again.stderr).contains("0 stored, 1 already in the store"));
        assert_eq!(stats(&db), before);
        // the seed page calls Blinken "Bellingen"; asking for Blinken finds those quotes
        let out = ok(&[
            "quotes",
            "--speaker",
            "Blinken",
            "--format",
            "jsonl",
            "--db",
            &db,
        ]);
        let hits: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(hits.len() >= 3, "{out}");
        assert!(
            hits.iter().any(|h| h["text"]
                .as_str()
                .unwrap()
                .contains("serious diplomatic path")),
            "{out}"
        );
        let text = std::fs::read_to_string(repo("examples/seed-article.txt")).unwrap();
        for h in &hits {
            // offsets are code points into the article, as in the JSON contract
            let (s, e) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            let slice: String = text.chars().skip(s).take(e - s).collect();
            assert_eq!(slice, h["text"].as_str().unwrap());
            assert_eq!(h["doc_id"], "seed-article");
        }
        let words = ok(&[
            "quotes",
            "--about",
            "diplomatic path",
            "--format",
            "jsonl",
            "--db",
            &db,
        ]);
        assert_eq!(words.lines().count(), 1, "{words}");
        let table = ok(&["speakers", "--top", "5", "--format", "table", "--db", &db]);
        assert!(table.contains("Blinken"), "{table}");
        let shown: serde_json::Value =
            serde_json::from_str(&ok(&["show", "seed-article", "--db", &db])).unwrap();
        assert_eq!(shown["text"].as_str().unwrap(), text);
        assert_eq!(
            shown["quotes"].as_array().unwrap().len() as i64,
            before["quotes"].as_i64().unwrap()
        );
        let missing = run(&["show", "no-such-article", "--db", &db]);
        assert_eq!(missing.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-article"));
    }
}

#[test]
fn bad_articles_are_recorded_and_the_rest_stored() {
    let d = tmp_dir("bad");
    let jl = d.join("mixed.jsonl");
    std::fs::write(
        &jl,
        "{\"id\":\"good1\",\"text\":\"“Fine,” said Ann Lee.\"}\nnot json at all\n{\"id\":\"good2\",\"text\":\"Another article.\"}\n",
    )
    .unwrap();
    let bin_file = d.join("broken.txt");
    std::fs::write(&bin_file, b"bad \xff bytes").unwrap();
    for db in stores("bad") {
        let o = run(&[
            "ingest",
            jl.to_str().unwrap(),
            bin_file.to_str().unwrap(),
            "--db",
            &db,
        ]);
        assert_eq!(
            o.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("mixed.jsonl:2"), "{err}");
        assert!(err.contains("broken.txt"), "{err}");
        let s = stats(&db);
        assert_eq!(
            (s["articles"].as_i64(), s["errors"].as_i64()),
            (Some(2), Some(2)),
            "{s}"
        );
        // the same bad inputs again are not recorded twice
        run(&[
            "ingest",
            jl.to_str().unwrap(),
            bin_file.to_str().unwrap(),
            "--db",
            &db,
        ]);
        assert_eq!(stats(&db)["errors"], 2);
        let table = ok(&["stats", "--db", &db]);
        assert!(table.contains("invalid UTF-8"), "{table}");
    }
    let o = run(&["stats", "--db", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(d.to_str().unwrap()));
    let o = run(&["quotes", "--since", "last week", "--db", "x.db"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--since"));
}

#[test]
fn exports_hold_every_quote() {
    let d = tmp_dir("export");
    let src = d.join("in.jsonl");
    synthetic(&src, 0..40);
    let db = d.join("e.db").display().to_string();
    ok(&["ingest", src.to_str().unwrap(), "--db", &db]);
    let quotes = stats(&db)["quotes"].as_u64().unwrap();
    assert!(quotes >= 40, "{quotes}");
    let jl = d.join("q.jsonl");
    ok(&[
        "export",
        "--format",
        "jsonl",
        "--out",
        jl.to_str().unwrap(),
        "--db",
        &db,
    ]);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&jl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u64, quotes);
    assert!(lines.iter().any(|l| l["speaker"] == "Jens Stoltenberg"));
    let csv = d.join("q.csv");
    ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
        "--db",
        &db,
    ]);
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("quote_id,article_id,doc_id,source,published,speaker_id,speaker,"));
    let pq = d.join("q.parquet");
    ok(&[
        "export",
        "--format",
        "parquet",
        "--out",
        pq.to_str().unwrap(),
        "--db",
        &db,
    ]);
    let bytes = std::fs::read(&pq).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
    let o = run(&["export", "--format", "parquet", "--out", "-", "--db", &db]);
    assert_eq!(o.status.code(), Some(1));
}

/// kill -9 in the middle of an ingest, then the same ingest again: the store
/// ends exactly like one uninterrupted ingest, each article once.
#[test]
fn kill_9_midway_loses_nothing_and_stores_nothing_twice() {
    let d = tmp_dir("kill");
    let src = d.join("many.jsonl");
    // (enough small articles that one thread is still ingesting when the first batch
    // lands, however fast the machine: the kill must fall mid-ingest)
    let n = 20_000;
    synthetic(&src, 0..n);
    let src = src.to_str().unwrap();
    // the reference: one uninterrupted ingest
    let reference = d.join("ref.db").display().to_string();
    ok(&["ingest", src, "--db", &reference, "--quiet"]);
    let want = stats(&reference);
    assert_eq!(want["articles"], n as u64);
    for db in stores("kill") {
        ok(&["stats", "--db", &db]); // create the schema before timing anything
        let mut child = bin()
            .args([
                "ingest",
                src,
                "--db",
                &db,
                "--batch",
                "50",
                "--threads",
                "1",
                "--quiet",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let mut at_kill;
        loop {
            at_kill = stats(&db)["articles"].as_u64().unwrap();
            if at_kill > 0 || start.elapsed() > Duration::from_secs(60) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert!(
            at_kill > 0 && at_kill < n as u64,
            "{db}: the kill must land mid-ingest ({at_kill} of {n} stored)"
        );
        let after_kill = stats(&db)["articles"].as_u64().unwrap();
        assert!(
            after_kill < n as u64,
            "{db}: killed with {after_kill} of {n}"
        );
        let o = run(&["ingest", src, "--db", &db, "--quiet"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = stats(&db);
        for k in ["articles", "quotes", "speakers", "entities", "errors"] {
            assert_eq!(
                got[k], want[k],
                "{db}: {k} after kill -9 and rerun ({got} vs {want})"
            );
        }
    }
}

/// Several ingest processes over overlapping inputs store each article once.
#[test]
fn concurrent_ingests_over_overlapping_inputs_store_each_article_once() {
    let d = tmp_dir("concurrent");
    let parts = [(0, 1500), (500, 2000), (1000, 2500)];
    let files: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let p = d.join(format!("part{i}.jsonl"));
            synthetic(&p, a..b);
            p.display().to_string()
        })
        .collect();
    let all = d.join("all.jsonl");
    synthetic(&all, 0..2500);
    let reference = d.join("ref.db").display().to_string();
    ok(&[
        "ingest",
        all.to_str().unwrap(),
        "--db",
        &reference,
        "--quiet",
    ]);
    let want = stats(&reference);
    for db in stores("concurrent") {
        ok(&["stats", "--db", &db]);
        let children: Vec<_> = files
            .iter()
            .map(|f| {
                bin()
                    .args(["ingest", f, "--db", &db, "--batch", "100", "--quiet"])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(
                o.status.success(),
                "{db}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let got = stats(&db);
        for k in ["articles", "quotes", "speakers", "entities"] {
            assert_eq!(got[k], want[k], "{db}: {k} ({got} vs {want})");
        }
    }
}
