//! End-to-end tests: the real binary on real files.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(p)
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = bin();
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        let mut si = child.stdin.take().unwrap();
        if let Some(b) = stdin {
            si.write_all(b).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("bad json: {e}\n{}", String::from_utf8_lossy(&o.stdout)))
}

const ARTICLE: &str = "Officials met in Geneva on Monday.\n\n“We will not back down,” Foreign Minister Maria Ortega told reporters. “The talks go on.”\n\nShe said the meeting was “useful”.\n\nRelated Articles\n\nLeave a Reply\n";

#[test]
fn analyze_text_file_as_json() {
    let p = tmp("a.txt", ARTICLE.as_bytes());
    let o = run(&["analyze", p.to_str().unwrap(), "--format", "json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json(&o);
    assert_eq!(v["id"], "a");
    assert_eq!(v["text"], ARTICLE);
    let quotes = v["quotes"].as_array().unwrap();
    let first = &quotes[0];
    assert_eq!(first["kind"], "direct");
    assert_eq!(first["speaker"]["name"], "Maria Ortega");
    assert_eq!(first["cue"]["text"], "told");
    // offsets are code points: slicing the text by them gives the quote's text
    let chars: Vec<char> = ARTICLE.chars().collect();
    let s = first["start"].as_u64().unwrap() as usize;
    let e = first["end"].as_u64().unwrap() as usize;
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        first["text"].as_str().unwrap()
    );
    // the split quote is one statement with two fragments
    assert_eq!(first["fragments"].as_array().unwrap().len(), 2);
    let reasons: Vec<&str> = v["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, vec!["chrome", "comments"]);
}

#[test]
fn stdin_and_pretty() {
    let o = run(
        &["analyze", "-", "--format", "pretty"],
        Some(ARTICLE.as_bytes()),
    );
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("Maria Ortega"), "{s}");
    assert!(s.contains("statements:"), "{s}");
}

#[test]
fn jsonl_batch_keeps_ids_and_reports_bad_lines() {
    let p = tmp(
        "b.jsonl",
        b"{\"id\":\"one\",\"text\":\"\\u201cHello there, friends,\\u201d Joe Smith said.\"}\nnot json\n{\"id\":\"three\"}\n{\"id\":\"four\",\"text\":\"Nothing here.\"}\n",
    );
    let o = run(&["analyze", p.to_str().unwrap(), "--format", "jsonl"], None);
    assert_eq!(
        o.status.code(),
        Some(3),
        "partial failure has its own exit code"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let ids: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, vec!["one", "four"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("b.jsonl:2: not a JSON object"), "{err}");
    assert!(
        err.contains("b.jsonl:3: the record has no \"text\""),
        "{err}"
    );
}

/// Documents are analysed in parallel as they come, but printed in input order: a
/// long article before many short ones, and bad lines among them, give the same
/// output and the same errors, in order, whatever the number of threads.
#[test]
fn jsonl_output_keeps_input_order_on_any_number_of_threads() {
    let long = "“We will not back down,” Maria Ortega said. ".repeat(400);
    let mut src = String::new();
    let mut want_ids = Vec::new();
    let mut want_errors = Vec::new();
    for i in 0..300 {
        let line = i + 1;
        if i % 37 == 5 {
            src.push_str("{\"id\": 1, oops}\n");
            want_errors.push(format!("order.jsonl:{line}: not a JSON object"));
            continue;
        }
        let text = if i % 50 == 0 {
            long.as_str()
        } else {
            "Joe Smith said the plan would fail."
        };
        src.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        src.push('\n');
        want_ids.push(format!("d{i}"));
    }
    let p = tmp("order.jsonl", src.as_bytes());
    let mut first: Option<Vec<u8>> = None;
    for threads in ["1", "2", "5"] {
        let o = run(
            &[
                "analyze",
                p.to_str().unwrap(),
                "--format",
                "jsonl",
                "--threads",
                threads,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(3), "threads {threads}");
        let ids: Vec<String> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .map(|id| id.trim_matches('"').to_string())
            .collect();
        assert_eq!(ids, want_ids, "threads {threads}");
        let err = String::from_utf8_lossy(&o.stderr);
        let errors: Vec<&str> = err.lines().filter(|l| l.contains("order.jsonl:")).collect();
        assert_eq!(errors.len(), want_errors.len(), "{err}");
        for (got, want) in errors.iter().zip(&want_errors) {
            assert!(got.contains(want.as_str()), "{got} / {want}");
        }
        assert!(
            err.contains(&format!(
                "{} documents analysed, {} inputs failed",
                want_ids.len(),
                want_errors.len()
            )),
            "{err}"
        );
        match &first {
            None => first = Some(o.stdout),
            Some(f) => assert!(f == &o.stdout, "threads {threads} printed other bytes"),
        }
    }
}

#[test]
fn bad_inputs_are_named_never_panic() {
    let empty = tmp("empty.txt", b"");
    let binary = tmp("bin.txt", b"\x7fELF\x00\x01\x02");
    let latin1 = tmp("latin1.txt", b"caf\xe9 au lait");
    let good = tmp("good.txt", ARTICLE.as_bytes());
    let o = run(
        &[
            "analyze",
            empty.to_str().unwrap(),
            binary.to_str().unwrap(),
            latin1.to_str().unwrap(),
            good.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("empty.txt: the input is empty"), "{err}");
    assert!(err.contains("bin.txt: looks like binary data"), "{err}");
    assert!(
        err.contains("latin1.txt: invalid UTF-8 at byte offset 3"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        1,
        "the good file is still analysed"
    );
    let missing = run(&["analyze", "/no/such/file.txt"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.txt: cannot read"));
}

#[test]
fn oversized_single_line_is_refused_clearly() {
    let big = "word ".repeat(1000);
    let p = tmp("big.txt", big.as_bytes());
    let o = run(
        &["analyze", p.to_str().unwrap(), "--max-doc-bytes", "1000"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("big.txt: 1001 bytes is over the 1000-byte limit"),
        "{err}"
    );
}

#[test]
fn malformed_kb_names_file_and_line() {
    let kb = tmp(
        "kb.jsonl",
        b"{\"id\":\"Q1\",\"name\":\"Maria Ortega\",\"type\":\"person\"}\n{broken\n",
    );
    let p = tmp("c.txt", ARTICLE.as_bytes());
    let o = run(
        &["analyze", p.to_str().unwrap(), "--kb", kb.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("kb.jsonl:2:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn kb_links_entities() {
    let kb = tmp(
        "kb2.jsonl",
        b"{\"id\":\"Q42\",\"name\":\"Maria Ortega Diaz\",\"type\":\"person\",\"aliases\":[\"Maria Ortega\",\"Ortega\"]}\n",
    );
    let p = tmp("d.txt", ARTICLE.as_bytes());
    let o = run(
        &[
            "analyze",
            p.to_str().unwrap(),
            "--format",
            "json",
            "--kb",
            kb.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success());
    let v = json(&o);
    let e = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kb_id"] == "Q42")
        .expect("linked");
    assert_eq!(e["name"], "Maria Ortega Diaz");
    assert_eq!(v["quotes"][0]["speaker"]["name"], "Maria Ortega Diaz");
}

#[test]
fn seed_example_runs() {
    let p = repo("examples/seed-article.txt");
    let o = run(&["analyze", p.to_str().unwrap(), "--format", "json"], None);
    assert!(o.status.success());
    let v = json(&o);
    assert_eq!(v["meta"]["authors"][0], "Queenie Bell");
    assert_eq!(v["meta"]["origin"][0], "CNN");
    // the three spellings of one name are one entity, even without a knowledge base
    let ents = v["entities"].as_array().unwrap();
    let holder = |s: &str| -> Vec<String> {
        ents.iter()
            .filter(|e| {
                e["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|m| m["text"] == s)
            })
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let b = holder("Bellingen");
    assert_eq!(b.len(), 1);
    assert_eq!(holder("Blingen"), b);
    assert_eq!(holder("Blinken"), b);
}

#[test]
fn help_teaches() {
    let o = run(&["analyze", "--help"], None);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("--format") && s.contains("--kb") && s.contains("stdin"));
    let bad = run(&["analyze", "x", "--format", "yaml"], None);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn reported_speech_by_default() {
    let text = "The minister, Maria Ortega, said on Monday that the talks would resume next week.\n\nAccording to officials, the deal is close.\n";
    let off = run(
        &["analyze", "-", "--format", "json", "--quotes-only"],
        Some(text.as_bytes()),
    );
    assert!(off.status.success());
    assert!(
        json(&off)["quotes"].as_array().unwrap().is_empty(),
        "no quotation marks, no statements with --quotes-only"
    );
    let on = run(&["analyze", "-", "--format", "json"], Some(text.as_bytes()));
    let v = json(&on);
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2, "{quotes:#?}");
    assert_eq!(quotes[0]["kind"], "indirect");
    assert_eq!(quotes[0]["text"], "that the talks would resume next week");
    assert_eq!(quotes[0]["speaker"]["name"], "Maria Ortega");
    assert_eq!(quotes[0]["cue"]["text"], "said");
    assert_eq!(quotes[1]["text"], "the deal is close");
    assert_eq!(quotes[1]["speaker"]["type"], "group");
    // the old flag still runs
    let old = run(
        &["analyze", "-", "--format", "json", "--reported"],
        Some(text.as_bytes()),
    );
    assert_eq!(json(&old)["quotes"], v["quotes"]);
}
