//! The JSON API against the real server on an ephemeral loopback port, on
//! SQLite and (with `WHOSAID_TEST_PG`) PostgreSQL; the OpenAPI document
//! checked against what the server serves.

mod common;
mod openapi_check;

use common::*;
use serde_json::Value;

fn problem(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.ctype, "application/problem+json", "{}", r.body);
    let p = r.json();
    assert_eq!(p["status"], status);
    assert!(p["title"].is_string() && p["detail"].is_string(), "{p}");
    let low = r.body.to_lowercase();
    for leak in [
        "select ",
        "sqlite",
        "postgres",
        "panicked",
        "backtrace",
        ".rs:",
    ] {
        assert!(!low.contains(leak), "{leak} leaks: {}", r.body);
    }
}

fn api_end_to_end(db: &str) {
    let s = start(db, Some(TOKEN));
    let api = format!("{}/api/v1", s.base);
    let fixtures = fixtures_jsonl();
    // writes need the token
    let no = request(
        "POST",
        &format!("{api}/ingest"),
        Some("application/x-ndjson"),
        Some(fixtures.as_bytes()),
        None,
    );
    problem(&no, 401);
    let wrong = request(
        "POST",
        &format!("{api}/ingest"),
        Some("application/x-ndjson"),
        Some(fixtures.as_bytes()),
        Some("nope"),
    );
    problem(&wrong, 401);
    let sum = ingest_fixtures(&s);
    assert_eq!(
        (
            sum["read"].as_u64(),
            sum["stored"].as_u64(),
            sum["errors"].as_u64()
        ),
        (Some(3), Some(3), Some(0)),
        "{sum}"
    );
    let again = ingest_fixtures(&s);
    assert_eq!(again["duplicates"], 3, "{again}");
    // one bad line is reported, the rest stored
    let mixed = "{\"id\": \"ok\", \"text\": \"“Fine,” said Ann Lee.\"}\nnot json\n";
    let r = request(
        "POST",
        &format!("{api}/ingest"),
        Some("application/x-ndjson"),
        Some(mixed.as_bytes()),
        Some(TOKEN),
    );
    let v = r.json();
    assert_eq!(
        (v["stored"].as_u64(), v["errors"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
    assert!(
        v["error_messages"][0].as_str().unwrap().contains("body:2"),
        "{v}"
    );
    // URL ingestion goes through the address guard: loopback is refused
    let u = request(
        "POST",
        &format!("{api}/ingest"),
        Some("application/json"),
        Some(br#"{"url": "http://127.0.0.1:9/x.html"}"#),
        Some(TOKEN),
    );
    let v = u.json();
    assert_eq!(
        (v["stored"].as_u64(), v["errors"].as_u64()),
        (Some(0), Some(1)),
        "{v}"
    );
    let msg = v["error_messages"][0].as_str().unwrap();
    assert!(msg.contains("cannot fetch"), "{msg}");
    problem(
        &request(
            "POST",
            &format!("{api}/ingest"),
            Some("application/json"),
            Some(br#"{"url": "file:///etc/passwd"}"#),
            Some(TOKEN),
        ),
        400,
    );

    // quotes by a garbled speaker name, with facets and pages
    let r = get(&format!(
        "{api}/quotes?speaker=Blinken&limit=50&facets=true"
    ));
    assert_eq!(r.status, 200, "{}", r.body);
    let page = r.json();
    let items = page["items"].as_array().unwrap();
    assert!(
        items.iter().any(|q| q["text"]
            .as_str()
            .unwrap()
            .contains("serious diplomatic path")),
        "{page}"
    );
    assert!(
        items.iter().all(|q| q["speaker"] == items[0]["speaker"]),
        "one speaker: {page}"
    );
    let total = page["facets"]["total"].as_i64().unwrap();
    assert_eq!(total as usize, items.len());
    assert!(!page["facets"]["kinds"].as_array().unwrap().is_empty());
    assert!(page["next_cursor"].is_null());
    let p1 = get(&format!("{api}/quotes?speaker=Blinken&limit=1")).json();
    let c = p1["next_cursor"].as_str().expect("a next page");
    let p2 = get(&format!("{api}/quotes?speaker=Blinken&limit=1&cursor={c}")).json();
    assert_ne!(p1["items"][0]["quote_id"], p2["items"][0]["quote_id"]);
    assert!(p2["facets"].is_null(), "facets only when asked");
    // to whom and through what: the seed's Blinken "told reporters"
    let to = get(&format!("{api}/quotes?to=reporters&facets=true")).json();
    let items = to["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{to}");
    assert!(items.iter().all(|q| q["addressee"]
        .as_str()
        .is_some_and(|a| a.contains("reporters"))));
    assert!(
        to["facets"]["addressees"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["value"] == "reporters"),
        "{to}"
    );
    problem(&get(&format!("{api}/quotes?channel=tv")), 400);
    assert_eq!(get(&format!("{api}/quotes?channel=interview")).status, 200);
    let words = get(&format!("{api}/quotes?about=serious%20diplomatic")).json();
    assert!(words["items"][0]["text"]
        .as_str()
        .unwrap()
        .contains("serious diplomatic path"));
    let dated = get(&format!("{api}/quotes?since=2022-02-01&until=2022-02-28")).json();
    assert!(
        dated["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["published"].as_str().unwrap().starts_with("2022-02")),
        "{dated}"
    );
    assert!(!dated["items"].as_array().unwrap().is_empty());
    let src = get(&format!("{api}/quotes?source=daily")).json();
    assert!(
        src["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["source"] == "Daily"),
        "{src}"
    );
    let direct = get(&format!("{api}/quotes?kind=direct&limit=200")).json();
    assert!(direct["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["kind"] == "direct"));

    // bad input is a 4xx problem, never a 500
    for bad in [
        "quotes?since=yesterday",
        "quotes?until=2022-13-45",
        "quotes?limit=0",
        "quotes?limit=100000",
        "quotes?limit=abc",
        "quotes?cursor=zzz",
        "quotes?cursor=o99999999",
        "quotes?kind=shouted",
        "quotes?speaker=%00",
        "quotes?about=a%00b",
        "speakers?limit=-1",
        "speakers/abc",
        "export?format=xml",
        "export?format=csv&limit=0",
        "export",
    ] {
        problem(&get(&format!("{api}/{bad}")), 400);
    }
    let long = "x".repeat(600);
    problem(&get(&format!("{api}/quotes?about={long}")), 400);
    problem(&get(&format!("{api}/speakers/999999999")), 404);
    problem(&get(&format!("{api}/articles/no-such-article")), 404);
    problem(&get(&format!("{api}/nothing-here")), 404);
    problem(
        &request("POST", &format!("{api}/quotes"), None, Some(b"x"), None),
        405,
    );
    problem(
        &request(
            "POST",
            &format!("{api}/analyze"),
            Some("image/png"),
            Some(b"\x89PNG"),
            None,
        ),
        415,
    );
    problem(
        &request(
            "POST",
            &format!("{api}/analyze"),
            Some("text/plain"),
            Some(b"   "),
            None,
        ),
        400,
    );
    problem(
        &request(
            "POST",
            &format!("{api}/analyze"),
            Some("text/plain"),
            Some(b"\xff\xfe bad"),
            None,
        ),
        400,
    );
    problem(
        &request(
            "POST",
            &format!("{api}/analyze"),
            Some("application/json"),
            Some(b"{not json"),
            None,
        ),
        400,
    );
    // just over the 1 MiB limit, so the client has written it all before the 413 (a far larger body races the server closing the connection)
    let big = vec![b'a'; (1 << 20) + 64];
    problem(
        &request(
            "POST",
            &format!("{api}/analyze"),
            Some("text/plain"),
            Some(&big),
            None,
        ),
        413,
    );
    // awkward but valid words are no error
    for odd in [
        "%22open%22%20(door*",
        "AND%20OR%20NOT",
        "%E2%80%9C",
        "'",
        "-",
    ] {
        let r = get(&format!("{api}/quotes?about={odd}"));
        assert_eq!(r.status, 200, "{odd}: {}", r.body);
    }

    // speakers: a garbled search finds one speaker with every spelling
    let sp = get(&format!("{api}/speakers?q=Blingen")).json();
    let b = &sp[0];
    assert!(b["name"].as_str().unwrap().contains("Bl"), "{sp}");
    let id = b["id"].as_i64().unwrap();
    let d = get(&format!("{api}/speakers/{id}")).json();
    let spellings: Vec<&str> = d["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["alias"].as_str().unwrap())
        .collect();
    for name in ["Bellingen", "Blinken"] {
        assert!(
            spellings.iter().any(|s| s.contains(name)),
            "{name} in {spellings:?}"
        );
    }
    assert!(
        d["spellings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["garbled"] == true),
        "{d}"
    );
    assert!(d["weeks"].as_array().unwrap().len() >= 2, "{d}");
    assert!(d["quotes"].as_i64().unwrap() >= 3);
    let top = get(&format!("{api}/speakers?limit=5")).json();
    assert!(!top.as_array().unwrap().is_empty());

    // an article: the contract plus where it came from
    let a = get(&format!("{api}/articles/seed")).json();
    assert_eq!(a["id"], "seed");
    assert!(a["text"]
        .as_str()
        .unwrap()
        .starts_with("Bellingen announced"));
    assert!(a["quotes"].as_array().unwrap().len() >= 10);
    let aid = a["store"]["article_id"].as_i64().unwrap();
    assert_eq!(get(&format!("{api}/articles/{aid}")).json()["id"], "seed");

    let st = get(&format!("{api}/stats")).json();
    assert_eq!(st["articles"], 4);
    assert!(st["quotes"].as_i64().unwrap() > 10);

    // export streams the search
    let csv = get(&format!("{api}/export?format=csv&speaker=Blinken"));
    assert_eq!(csv.status, 200);
    assert!(csv.ctype.starts_with("text/csv"));
    let mut lines = csv.body.lines();
    assert!(lines.next().unwrap().starts_with("quote_id,article_id"));
    assert_eq!(csv.body.matches("serious diplomatic path").count(), 1);
    let jl = get(&format!(
        "{api}/export?format=jsonl&speaker=Blinken&limit=2"
    ));
    assert_eq!(jl.body.lines().count(), 2);
    for l in jl.body.lines() {
        let _: Value = serde_json::from_str(l).unwrap();
    }

    // analyse without storing
    let an = request(
        "POST",
        &format!("{api}/analyze"),
        Some("text/plain"),
        Some("“We will not back down,” said Jens Stoltenberg.".as_bytes()),
        None,
    );
    assert_eq!(an.status, 200, "{}", an.body);
    let v = an.json();
    assert_eq!(v["quotes"][0]["speaker"]["name"], "Jens Stoltenberg");
    let html = request("POST", &format!("{api}/analyze"), Some("text/html"),
        Some(format!("<html><body><article><h1>Alliance meets</h1>{}</article></body></html>",
            ["“We will not back down, whatever comes next,” said Jens Stoltenberg on Monday in Brussels, where the ministers of the alliance gathered for two days of talks.",
             "The ministers discussed the troops on the border, the supply of weapons and the question of what the alliance would do if the talks in Geneva failed again.",
             "Several ministers said after the meeting that they expected a long winter of negotiations, and that none of them believed an agreement was close at this point."]
            .iter().map(|p| format!("<p>{p}</p>")).collect::<String>()).as_bytes()), None);
    assert_eq!(html.status, 200, "{}", html.body);
    let js = request(
        "POST",
        &format!("{api}/analyze"),
        Some("application/json"),
        Some(br#"{"id": "x", "text": "Hello there, said Ann."}"#),
        None,
    );
    assert_eq!(js.json()["id"], "x");
    assert_eq!(
        get(&format!("{api}/stats")).json()["articles"],
        4,
        "analyze stores nothing"
    );

    // the pages escape article text, and forbid script
    let page = get(&format!("{}/articles/hostile", s.base));
    assert_eq!(page.status, 200);
    // a statement's explanation shows its context ("she told reporters on Tuesday")
    assert!(
        page.body.contains("<dt>To whom</dt><dd>“reporters”"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<dt>When</dt><dd>“on Tuesday”"),
        "{}",
        page.body
    );
    assert!(page.ctype.starts_with("text/html"));
    for raw in ["<script>alert(1)", "<img src=x", "href=\"javascript:"] {
        assert!(!page.body.contains(raw), "{raw} unescaped");
    }
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page
        .body
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.csp.as_deref().unwrap().contains("script-src 'none'"));
    for p in [
        "/",
        "/?q=alert",
        "/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/overview",
        "/?q=Blinken",
        &format!("/speakers/{id}"),
    ] {
        let r = get(&format!("{}{p}", s.base));
        assert_eq!(r.status, 200, "{p}");
        assert!(
            !r.body.contains("<script") && !r.body.contains("<img src=x"),
            "{p}"
        );
    }
    assert_eq!(get(&format!("{}/?since=bad", s.base)).status, 400);
    assert_eq!(get(&format!("{}/speakers/xyz", s.base)).status, 400);
    assert_eq!(get(&format!("{}/nowhere", s.base)).status, 404);

    // every route the document names is served, and its responses validate
    openapi_check::check(
        &s.base,
        &[
            ("speaker_id", id.to_string()),
            ("article_id", aid.to_string()),
        ],
    );
}

fn writes_refused_without_a_token(db: &str) {
    let s = start(db, None);
    let r = request(
        "POST",
        &format!("{}/api/v1/ingest", s.base),
        Some("text/plain"),
        Some(b"text"),
        Some(TOKEN),
    );
    problem(&r, 403);
    assert_eq!(
        get(&format!("{}/api/v1/stats", s.base)).json()["articles"],
        0
    );
}

/// Repeated reads are answered from the response cache, the same bytes, until
/// the store changes; then every answer is computed again and is current.
/// (On PostgreSQL the generation is the cluster's snapshot, which any commit
/// anywhere on the cluster moves, such as the other tests running beside
/// this one: a repeat may be computed again there, and must then be equal.)
fn repeated_reads_are_cached_until_the_store_changes(db: &str) {
    let hit_expected = |r: &Resp| {
        if db.starts_with("postgres") {
            r.cache.is_some()
        } else {
            r.cache.as_deref() == Some("hit")
        }
    };
    let s = start(db, Some(TOKEN));
    ingest_fixtures(&s);
    let api = format!("{}/api/v1", s.base);
    let urls = [
        format!("{api}/stats"),
        format!("{api}/quotes?about=diplomatic"),
        format!("{api}/quotes?speaker=Blinken&since=2022-01-01"),
        format!("{}/?q=Blinken", s.base),
    ];
    let first: Vec<Resp> = urls.iter().map(|u| get(u)).collect();
    for (u, r) in urls.iter().zip(&first) {
        assert_eq!(r.status, 200, "{u}: {}", r.body);
        assert_eq!(r.cache.as_deref(), Some("miss"), "{u}");
        let again = get(u);
        assert!(hit_expected(&again), "{u}: {:?}", again.cache);
        assert_eq!(
            (again.body.as_str(), again.ctype.as_str()),
            (r.body.as_str(), r.ctype.as_str()),
            "{u}"
        );
        assert!(
            again.csp.is_some(),
            "{u}: the security headers are set on hits too"
        );
    }
    // errors are not kept; exports and the OpenAPI document are never looked up
    for u in [
        format!("{api}/speakers/999999"),
        format!("{api}/export?about=diplomatic"),
        format!("{api}/openapi.json"),
    ] {
        assert!(
            get(&u).cache.as_deref() != Some("hit") && get(&u).cache.as_deref() != Some("hit"),
            "{u}"
        );
    }
    // the store changes: nothing kept is served again
    let line = serde_json::json!({"id": "later", "published": "2022-03-01",
        "text": "\u{201c}The diplomatic path is still open,\u{201d} Antony Blinken told reporters in Berlin on Tuesday."});
    let r = request(
        "POST",
        &format!("{api}/ingest"),
        Some("application/x-ndjson"),
        Some(format!("{line}\n").as_bytes()),
        Some(TOKEN),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    for (u, old) in urls.iter().zip(&first) {
        let now = get(u);
        assert_eq!(now.cache.as_deref(), Some("miss"), "{u}");
        let again = get(u);
        assert!(hit_expected(&again), "{u}: {:?}", again.cache);
        assert_eq!(again.body, now.body, "{u}");
        if !u.contains("?q=") {
            assert_ne!(now.body, old.body, "{u}: the new article shows");
        }
    }
    assert_eq!(get(&urls[0]).json()["articles"], 4);
}

macro_rules! both {
    ($($t:ident),*) => {
        mod sqlite_backend { $( #[test] fn $t() { if let Some(u) = super::sqlite(stringify!($t)) { super::$t(&u) } } )* }
        mod postgres_backend { $( #[test] fn $t() { if let Some(u) = super::pg(stringify!($t)) { super::$t(&u) } } )* }
    };
}

both!(
    api_end_to_end,
    writes_refused_without_a_token,
    repeated_reads_are_cached_until_the_store_changes
);

#[test]
fn a_bad_store_fails_before_listening() {
    let mut c = whosaid_server::Config::new("/nonexistent-dir/x/y.db");
    c.listen = "127.0.0.1:0".parse().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let r = rt.block_on(whosaid_server::serve_with(
        c,
        whosaid_nlp::Analyzer::new(None),
        async {},
        |_| panic!("listened"),
    ));
    assert!(r
        .unwrap_err()
        .to_string()
        .contains("/nonexistent-dir/x/y.db"));
}
