//! End-to-end tests of a statement's context (to whom, how, when) through the
//! real binary: the JSON output, `quotes --to/--channel/--since`, and the
//! speaker-to-addressee edge list opened by networkx.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    c.env_remove("WHOSAID_DB").env_remove("WHOSAID_KB");
    c
}

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("whosaid-context-{}-{name}", std::process::id()));
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

/// Two small articles of our own, with publication dates.
fn articles(dir: &std::path::Path) -> String {
    let lines = [
        serde_json::json!({"id": "one", "published": "2022-01-20",
            "text": "Talks stall.\n\n“Russia is building a serious diplomatic path,” Antony Blinken told reporters Wednesday.\n\n“We are ready to talk,” Sergei Lavrov said in an interview last week."}),
        serde_json::json!({"id": "two", "published": "2022-02-03",
            "text": "More talks.\n\n“There is still time,” Antony Blinken told reporters on Monday."}),
    ];
    let p = dir.join("in.jsonl");
    let body: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&p, body.join("\n") + "\n").unwrap();
    p.display().to_string()
}

#[test]
fn analyze_gives_each_statement_its_context() {
    let d = tmp_dir("analyze");
    let input = articles(&d);
    let out = ok(&["analyze", &input, "--format", "jsonl"]);
    let rec: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let q = rec["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains("diplomatic path"))
        .expect("the statement");
    assert_eq!(q["addressee"]["text"], "reporters");
    assert_eq!(q["time"]["text"], "Wednesday");
    assert_eq!(q["time"]["date"], "2022-01-19");
    assert_eq!(q["time"]["granularity"], "day");
    assert_eq!(q["said_on"], "2022-01-19");
    assert_eq!(q["date_basis"], "text");
    // code point offsets, like every other span
    let text: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
    let (s, e) = (
        q["addressee"]["start"].as_u64().unwrap() as usize,
        q["addressee"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "reporters");
    let lavrov = rec["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains("ready to talk"))
        .unwrap();
    assert_eq!(lavrov["channel"], "interview");
    assert_eq!(lavrov["channel_span"]["text"], "interview");
    assert_eq!(lavrov["addressee"], serde_json::Value::Null);
    assert_eq!(lavrov["time"]["date"], "2022-01-10");
    assert_eq!(lavrov["time"]["granularity"], "week");
}

#[test]
fn quotes_by_addressee_channel_and_date_and_the_edge_list() {
    let d = tmp_dir("store");
    let input = articles(&d);
    let db = d.join("s.db").display().to_string();
    ok(&["ingest", &input, "--db", &db]);
    let texts = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["quotes", "--db", &db, "--format", "jsonl"];
        a.extend_from_slice(args);
        let mut v: Vec<String> = ok(&a)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["text"].as_str().unwrap().to_string()
            })
            .collect();
        v.sort();
        v
    };
    let to = texts(&["--to", "reporters"]);
    assert_eq!(to.len(), 2, "{to:?}");
    assert!(to
        .iter()
        .all(|t| t.contains("diplomatic") || t.contains("still time")));
    assert_eq!(texts(&["--channel", "interview"]).len(), 1);
    // said_on, not the publication date: Lavrov spoke the week of 2022-01-10
    let early = texts(&["--until", "2022-01-15"]);
    assert_eq!(early.len(), 1, "{early:?}");
    assert!(early[0].contains("ready to talk"));
    let o = run(&["quotes", "--db", &db, "--channel", "tv"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown channel is a usage error"
    );

    let csv = d.join("edges.csv");
    let csv_s = csv.display().to_string();
    ok(&["export", "--format", "edges", "--out", &csv_s, "--db", &db]);
    let body = std::fs::read_to_string(&csv).unwrap();
    let mut lines = body.lines();
    assert_eq!(lines.next(), Some("source,target,count,first,last"));
    let edge = lines.next().unwrap();
    assert!(
        edge.ends_with(",reporters,2,2022-01-19,2022-01-31"),
        "{body}"
    );

    // networkx opens it as it is (skipped without networkx)
    let probe = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with networkx is not available (pip install networkx)");
        return;
    }
    let script = "import csv, sys, networkx as nx\n\
        rows = list(csv.DictReader(open(sys.argv[1], newline='')))\n\
        g = nx.DiGraph()\n\
        g.add_weighted_edges_from((r['source'], r['target'], int(r['count'])) for r in rows)\n\
        print(g.number_of_nodes(), g.number_of_edges(), g['Antony Blinken']['reporters']['weight'])\n";
    let o = Command::new("python3")
        .args(["-c", script, &csv_s])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "2 1 2");
}
