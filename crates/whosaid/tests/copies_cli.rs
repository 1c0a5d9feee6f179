//! End-to-end: the real binary finds copies at ingest. The fixture
//! (`tests/fixtures/ferry-copies.jsonl`, written for these tests) is one short
//! story as five outlets carried it: the original, a reprint under other site
//! chrome, an edited wire copy, an undated machine rewrite (synonyms, a garbled
//! name, damaged quotation marks, a "see also" and an invented author) and an
//! independent report of the same vote sharing one quotation. The example page
//! goes in beside them. Runs on SQLite and, with `WHOSAID_TEST_PG`, PostgreSQL.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const PG_ENV: &str = "WHOSAID_TEST_PG";

fn repo(p: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(p)
        .display()
        .to_string()
}

fn ok(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .env_remove("WHOSAID_DB")
        .env_remove("WHOSAID_KB")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "whosaid {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stores(name: &str) -> Vec<String> {
    let d = std::env::temp_dir().join(format!("whosaid-copies-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let mut v = vec![d.join("s.db").display().to_string()];
    match std::env::var(PG_ENV) {
        Ok(url) => {
            let schema = format!("copies_{name}_{}", std::process::id());
            let mut c = postgres::Client::connect(&url, postgres::NoTls)
                .unwrap_or_else(|e| panic!("{PG_ENV}={url}: {e}"));
            c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                .unwrap();
            let sep = if url.contains('?') { '&' } else { '?' };
            v.push(format!("{url}{sep}schema={schema}"));
        }
        Err(_) => eprintln!("skipped: {PG_ENV} is not set, so the PostgreSQL run did not run"),
    }
    v
}

#[test]
fn each_relation_is_found_and_independent_reports_stay_apart() {
    for db in stores("ferry") {
        let fixture = repo("crates/whosaid/tests/fixtures/ferry-copies.jsonl");
        let seed = repo("examples/seed-article.txt");
        ok(&["ingest", &seed, &fixture, "--db", &db, "-q"]);
        let rows = jsonl(&ok(&["copies", "--db", &db, "--format", "jsonl"]));
        let by_id: HashMap<&str, &serde_json::Value> = rows
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r))
            .collect();
        assert_eq!(rows.len(), 6, "one line per stored article");
        let rel = |id: &str| {
            let r = by_id[id];
            (r["copy_of"].as_str(), r["relation"].as_str())
        };
        let origin = Some("harbour-gazette-ferry");
        assert_eq!(rel("harbour-gazette-ferry"), (None, None));
        assert_eq!(rel("coastline-daily-ferry"), (origin, Some("reprint")));
        assert_eq!(rel("county-wire-ferry"), (origin, Some("edited")));
        assert_eq!(rel("newsfarm-ferry"), (origin, Some("spun")));
        assert_eq!(
            rel("island-voice-ferry"),
            (None, None),
            "same story, own reporting"
        );
        assert_eq!(rel("seed-article"), (None, None));
        // every verdict explains itself
        let ev = &by_id["newsfarm-ferry"]["evidence"];
        assert!(ev["aligned_sentences"].as_u64().unwrap() >= 8, "{ev}");
        assert_eq!(ev["origin_by"], "dated (the other is not)");
        assert!(!ev["passages"].as_array().unwrap().is_empty());
        assert_eq!(
            by_id["county-wire-ferry"]["evidence"]["origin_by"],
            "earlier publication date"
        );

        // statements across outlets: the rewrite's garbled "Vanse" speaks as
        // the origin's Peter Vance, verbatim; its Okonjo quotation is altered
        let quotes = jsonl(&ok(&[
            "export", "--format", "jsonl", "--out", "-", "--db", &db,
        ]));
        let find = |doc: &str, words: &str| {
            quotes
                .iter()
                .find(|q| q["doc_id"] == doc && q["text"].as_str().unwrap().contains(words))
                .unwrap_or_else(|| panic!("{doc}: no quote with {words:?}"))
        };
        let cheque = find("newsfarm-ferry", "signing a cheque");
        assert_eq!(cheque["origin"]["doc_id"], "harbour-gazette-ferry");
        assert_eq!(
            cheque["altered"], false,
            "damaged quotation marks alone do not alter"
        );
        assert_eq!(cheque["speaker"], "Peter Vance");
        let origin_cheque = find("harbour-gazette-ferry", "signing a cheque");
        let chars: Vec<char> = std::fs::read_to_string(&fixture)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|r| r["id"] == "harbour-gazette-ferry")
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .chars()
            .collect();
        let (s, e) = (
            cheque["origin"]["start"].as_u64().unwrap() as usize,
            cheque["origin"]["end"].as_u64().unwrap() as usize,
        );
        assert!(chars[s..e]
            .iter()
            .collect::<String>()
            .contains("signing a cheque"));
        assert_eq!(origin_cheque["origin"], serde_json::Value::Null);
        assert_eq!(origin_cheque["altered"], serde_json::Value::Null);
        assert_eq!(find("newsfarm-ferry", "This is the day")["altered"], true);
        assert_eq!(
            find("coastline-daily-ferry", "This is the day")["altered"],
            false
        );
        // the independent report's shared quotation is not a copy's statement
        assert_eq!(
            find("island-voice-ferry", "This is the day")["origin"],
            serde_json::Value::Null
        );
        // quotes --format jsonl carries the same fields
        let vance = jsonl(&ok(&[
            "quotes",
            "--speaker",
            "Vance",
            "--format",
            "jsonl",
            "--db",
            &db,
            "--limit",
            "50",
        ]));
        assert!(vance
            .iter()
            .any(|q| q["doc_id"] == "newsfarm-ferry"
                && q["origin"]["doc_id"] == "harbour-gazette-ferry"));

        // one quotation across outlets: three copies of the original, and the
        // independent report carrying the same words counts as a second source
        assert_eq!(origin_cheque["independent_sources"], 2);
        assert_eq!(cheque["independent_sources"], 2);
        let id = origin_cheque["quote_id"].as_i64().unwrap().to_string();
        let t: serde_json::Value = serde_json::from_str(&ok(&["trace", &id, "--db", &db])).unwrap();
        assert_eq!(
            t["first_appearance"]["doc_id"], "harbour-gazette-ferry",
            "{t}"
        );
        assert_eq!(t["copies"].as_array().unwrap().len(), 3, "{t}");
        assert_eq!(t["independent_sources"], 2, "{t}");
        let okonjo_id = find("newsfarm-ferry", "This is the day")["quote_id"]
            .as_i64()
            .unwrap();
        let t: serde_json::Value =
            serde_json::from_str(&ok(&["trace", &okonjo_id.to_string(), "--db", &db])).unwrap();
        let spun = t["copies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["doc_id"] == "newsfarm-ferry")
            .unwrap();
        let has = |k: &str, w: &str| spun[k].as_array().unwrap().iter().any(|x| x == w);
        assert!(
            has("words_added", "households") && has("words_dropped", "families"),
            "{t}"
        );

        // show: the origin and its copies
        let shown: serde_json::Value =
            serde_json::from_str(&ok(&["show", "harbour-gazette-ferry", "--db", &db])).unwrap();
        assert_eq!(shown["copies"]["copy_of"], serde_json::Value::Null);
        assert_eq!(shown["copies"]["copies"].as_array().unwrap().len(), 3);
        let shown: serde_json::Value =
            serde_json::from_str(&ok(&["show", "newsfarm-ferry", "--db", &db])).unwrap();
        assert_eq!(
            shown["copies"]["copy_of"]["copy_of"],
            "harbour-gazette-ferry"
        );

        // counts say what is independent
        let st: serde_json::Value =
            serde_json::from_str(&ok(&["stats", "--format", "json", "--db", &db])).unwrap();
        assert_eq!(
            (st["articles"].as_i64(), st["copies"].as_i64()),
            (Some(6), Some(3))
        );
        assert!(st["copied_quotes"].as_i64().unwrap() >= 5, "{st}");
        let speakers = jsonl(&ok(&["speakers", "--format", "jsonl", "--db", &db]));
        let okonjo = speakers
            .iter()
            .find(|s| s["name"] == "Margaret Okonjo")
            .unwrap();
        assert!(okonjo["copied_quotes"].as_i64().unwrap() >= 3, "{okonjo}");
        assert!(
            okonjo["independent_quotes"].as_i64().unwrap() >= 2,
            "{okonjo}"
        );

        // ingesting again changes nothing
        ok(&["ingest", &seed, &fixture, "--db", &db, "-q"]);
        assert_eq!(
            jsonl(&ok(&["copies", "--db", &db, "--format", "jsonl"])),
            rows
        );
    }
}

#[test]
fn the_origin_ingested_after_its_copies_takes_their_lead() {
    // copies first, the original last: the set is rebuilt around it
    let lines: Vec<String> =
        std::fs::read_to_string(repo("crates/whosaid/tests/fixtures/ferry-copies.jsonl"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
    let d = std::env::temp_dir().join(format!("whosaid-copies-cli-{}-late", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let (copies, original) = (d.join("copies.jsonl"), d.join("original.jsonl"));
    std::fs::write(&copies, lines[1..].join("\n") + "\n").unwrap();
    std::fs::write(&original, lines[0].clone() + "\n").unwrap();
    let db = d.join("s.db").display().to_string();
    ok(&["ingest", copies.to_str().unwrap(), "--db", &db, "-q"]);
    ok(&["ingest", original.to_str().unwrap(), "--db", &db, "-q"]);
    let rows = jsonl(&ok(&["copies", "--db", &db, "--format", "jsonl"]));
    for r in &rows {
        let id = r["id"].as_str().unwrap();
        let want = match id {
            "harbour-gazette-ferry" | "island-voice-ferry" => None,
            _ => Some("harbour-gazette-ferry"),
        };
        assert_eq!(r["copy_of"].as_str(), want, "{id}: {r}");
    }
    let quotes = jsonl(&ok(&[
        "export", "--format", "jsonl", "--out", "-", "--db", &db,
    ]));
    assert!(quotes.iter().any(
        |q| q["doc_id"] == "newsfarm-ferry" && q["origin"]["doc_id"] == "harbour-gazette-ferry"
    ));
}

/// `bench-copies` on a small synthetic store: it fills the copy index through
/// the real ingest and times lookups; a copy's set is found among its
/// candidates (the generator's copies keep at least half their source).
#[test]
fn bench_copies_times_lookups_and_finds_copies() {
    for db in stores("bench") {
        let out = ok(&[
            "bench-copies",
            "--db",
            &db,
            "--articles",
            "3000",
            "--lookups",
            "50",
        ]);
        assert!(out.contains("stored 3000 synthetic articles"), "{out}");
        let total = out
            .lines()
            .find(|l| l.contains("candidate lookup on 3050 articles"))
            .unwrap_or_else(|| panic!("no summary line: {out}"));
        assert!(total.contains("p95"), "{total}");
        let copies = out
            .lines()
            .find(|l| l.contains("lookup copy"))
            .unwrap_or_else(|| panic!("no copy line: {out}"));
        let (found, asked) = copies
            .split("its set among them for ")
            .nth(1)
            .and_then(|r| r.split_once(" of "))
            .map(|(f, a)| (f.parse::<u32>().unwrap(), a.trim().parse::<u32>().unwrap()))
            .unwrap_or_else(|| panic!("no recall: {copies}"));
        assert_eq!(asked, 20, "{copies}");
        assert!(found >= 18, "{copies}");
    }
}
