//! The shared store test suite: every test runs against SQLite and, when
//! `WHOSAID_TEST_PG` holds a PostgreSQL URL, against PostgreSQL (each test in
//! its own schema). Without the variable the PostgreSQL runs say so and skip.

use std::path::PathBuf;
use whosaid_store::{NewArticle, NewEntity, NewMention, NewQuote, QuoteQuery, Store};

pub const PG_ENV: &str = "WHOSAID_TEST_PG";

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("whosaid-suite-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A SQLite store in a fresh file; the URL lets a test open it again.
fn sqlite(name: &str) -> Option<String> {
    Some(tmp_dir(name).join("t.db").display().to_string())
}

/// A fresh schema on the test server, or None (with a message) without one.
fn pg(name: &str) -> Option<String> {
    let Ok(url) = std::env::var(PG_ENV) else {
        eprintln!("skipped: {PG_ENV} is not set, so the PostgreSQL run of `{name}` did not run (.ci/run sets it)");
        return None;
    };
    let schema = format!("t_{name}_{}", std::process::id());
    let mut c = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("{PG_ENV}={url}: cannot connect: {e}"));
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}schema={schema}"))
}

/// A store as the pipeline's writer has it: `whosaid-link` decides speakers.
fn open(url: &str) -> Box<dyn Store> {
    let mut s = whosaid_store::open(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    s.set_speaker_resolver(Some(std::sync::Arc::new(
        whosaid_pipeline::speakers::Resolver,
    )));
    s
}

fn entity(name: &str, etype: &str, kb: Option<&str>, spellings: &[&str]) -> NewEntity {
    NewEntity::new(
        name.into(),
        etype.into(),
        kb.map(Into::into),
        spellings.iter().map(|s| s.to_string()).collect(),
    )
}

/// An article whose entities each get one name mention and whose quotes
/// (text, speaker entity index) are attributed as given.
fn article(
    doc_id: &str,
    text: &str,
    published: Option<&str>,
    entities: Vec<NewEntity>,
    quotes: &[(&str, Option<usize>)],
) -> NewArticle {
    let mentions = (0..entities.len())
        .map(|i| NewMention {
            entity: Some(i),
            start: i as i64,
            end: i as i64 + 1,
            kind: "name".into(),
        })
        .collect();
    let quotes = quotes
        .iter()
        .map(|(q, sp)| NewQuote {
            start: 0,
            end: q.chars().count() as i64,
            text: q.to_string(),
            kind: "direct".into(),
            speaker_entity: *sp,
            speaker_name: sp.map(|i| entities[i].name.clone()),
            resolution: sp.map(|_| "named".to_string()),
            cue: Some("said".into()),
            confidence: 0.9,
            statement_key: whosaid_store::statement_key("direct", q),
            addressee_entity: None,
            addressee_name: None,
            channel: None,
            time_text: None,
            said_on: None,
            date_basis: None,
        })
        .collect();
    NewArticle {
        copy: None,
        key: whosaid_store::article_key(text),
        doc_id: doc_id.into(),
        source: format!("{doc_id}.txt"),
        url: None,
        title: None,
        published: published.map(Into::into),
        publisher: None,
        text: text.into(),
        record: "{}".into(),
        entities,
        mentions,
        quotes,
    }
}

fn speaker_names(hits: &[whosaid_store::QuoteHit]) -> Vec<String> {
    let mut v: Vec<String> = hits.iter().map(|h| h.doc_id.clone()).collect();
    v.sort();
    v
}

fn reingest_adds_nothing(url: &str) {
    let mut s = open(url);
    let a = article(
        "a",
        "Alpha text. “Hello,” said Ann Lee.",
        None,
        vec![entity("Ann Lee", "person", None, &["Ann Lee"])],
        &[("“Hello,”", Some(0))],
    );
    let b = article("b", "Beta text.", None, vec![], &[]);
    let out = s.ingest(&[a.clone(), b.clone()]).unwrap();
    assert_eq!((out.added, out.duplicates), (2, 0));
    // the same text again, the same text respaced and recased, under new ids
    let mut respaced = article(
        "a2",
        "ALPHA   text \n “hello” said ann lee",
        None,
        vec![],
        &[],
    );
    respaced.doc_id = "a-copy".into();
    let out = s.ingest(&[a.clone(), b, respaced]).unwrap();
    assert_eq!((out.added, out.duplicates), (0, 3));
    // the same URL with another text is the same article
    let mut u1 = article("u1", "First version.", None, vec![], &[]);
    u1.url = Some("https://example.com/x".into());
    let mut u2 = article("u2", "Second, corrected version.", None, vec![], &[]);
    u2.url = Some("https://example.com/x".into());
    assert_eq!(s.ingest(&[u1]).unwrap().added, 1);
    assert_eq!(s.ingest(&[u2]).unwrap().added, 0);
    // duplicates inside one batch count once
    let c = article("c", "Gamma.", None, vec![], &[]);
    let out = s.ingest(&[c.clone(), c]).unwrap();
    assert_eq!((out.added, out.duplicates), (1, 1));
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.quotes, st.speakers), (4, 1, 1));
    assert_eq!(st.schema_version, 6);
    assert_eq!(
        s.known_keys(&[a.key.clone(), "nope".into()]).unwrap(),
        vec![a.key]
    );
    // reopening keeps everything and migrates nothing
    drop(s);
    assert_eq!(open(url).stats().unwrap().articles, 4);
}

fn one_speaker_across_articles(url: &str) {
    let mut s = open(url);
    // 1: KB-linked Blinken beside NATO and Russia
    let a1 = article(
        "kb",
        "one",
        Some("2022-01-10"),
        vec![
            entity(
                "Antony Blinken",
                "person",
                Some("Q7821917"),
                &["Blinken", "Antony Blinken"],
            ),
            entity("NATO", "organization", None, &["NATO"]),
            entity("Russia", "place", None, &["Russia"]),
        ],
        &[("“We will respond,”", Some(0))],
    );
    // 2: the same full name, no KB
    let a2 = article(
        "name",
        "two",
        Some("2022-02-10"),
        vec![entity(
            "Antony Blinken",
            "person",
            None,
            &["Antony Blinken"],
        )],
        &[("“Diplomacy first,”", Some(0))],
    );
    // 3: a garbled surname next to NATO and Russia: the same speaker (a
    // respelling with no given name takes two others seen with him)
    let a3 = article(
        "garbled",
        "three",
        Some("2022-03-10"),
        vec![
            entity("Bellingen", "person", None, &["Bellingen"]),
            entity("NATO", "organization", None, &["NATO"]),
            entity("Russia", "place", None, &["Russia"]),
        ],
        &[("“Russia is poised to invade,”", Some(0))],
    );
    // 4: the same garbled name with nothing in common: someone else
    let a4 = article(
        "football",
        "four",
        Some("2022-04-10"),
        vec![
            entity("Bellingen", "person", None, &["Bellingen"]),
            entity("Chelsea", "organization", None, &["Chelsea"]),
        ],
        &[("“We played well,”", Some(0))],
    );
    // 5: a different KB person with the same surname
    let a5 = article(
        "painter",
        "five",
        Some("2022-05-10"),
        vec![entity(
            "Anna Blinken",
            "person",
            Some("P2"),
            &["Anna Blinken"],
        )],
        &[("“I paint,”", Some(0))],
    );
    for a in [a1, a2, a3, a4, a5] {
        // one article a batch: each later one sees the earlier ones committed
        assert_eq!(s.ingest(&[a]).unwrap().added, 1);
    }
    let q = |speaker: &str| QuoteQuery {
        speaker: Some(speaker.into()),
        limit: 50,
        ..Default::default()
    };
    let hits = s.quotes(&q("Antony Blinken")).unwrap();
    assert_eq!(speaker_names(&hits), ["garbled", "kb", "name"]);
    assert!(hits
        .iter()
        .all(|h| h.speaker.as_deref() == Some("Antony Blinken")));
    assert!(hits.iter().all(|h| h.kb_id.as_deref() == Some("Q7821917")));
    // a surname alone finds him (and the painter); spellings match exactly first
    assert_eq!(
        speaker_names(&s.quotes(&q("Blinken")).unwrap()),
        ["garbled", "kb", "name", "painter"]
    );
    assert_eq!(
        speaker_names(&s.quotes(&q("Bellingen")).unwrap()),
        ["football", "garbled", "kb", "name"]
    );
    // a spelling nobody used falls back to garbled matches
    assert_eq!(
        speaker_names(&s.quotes(&q("Blingen")).unwrap()),
        ["football", "garbled", "kb", "name", "painter"]
    );
    assert!(s.quotes(&q("Stoltenberg")).unwrap().is_empty());
    let top = s.speakers(10).unwrap();
    let b = top
        .iter()
        .find(|r| r.name == "Antony Blinken")
        .expect("Blinken is a speaker");
    assert_eq!((b.quotes, b.articles), (3, 3));
    assert_eq!(
        (b.first.as_deref(), b.last.as_deref()),
        (Some("2022-01-10"), Some("2022-03-10"))
    );
    assert!(
        b.aliases.contains(&"Bellingen".to_string()),
        "{:?}",
        b.aliases
    );
    assert_eq!(top[0].name, "Antony Blinken", "most quoted first");
    assert_eq!(
        top.len(),
        3,
        "Blinken, the footballer Bellingen, Anna Blinken: {top:?}"
    );
    assert_eq!(s.speakers(1).unwrap().len(), 1);
    // a spelling naming someone else is not taken as an alias
    let slip = article(
        "slip",
        "six",
        None,
        vec![entity(
            "Tony Blair",
            "person",
            None,
            &["Tony Blair", "Blair", "Cherie Blair"],
        )],
        &[("“Yes,”", Some(0))],
    );
    let cherie = article(
        "cherie",
        "seven",
        None,
        vec![entity("Cherie Blair", "person", None, &["Cherie Blair"])],
        &[("“No,”", Some(0))],
    );
    s.ingest(&[slip]).unwrap();
    s.ingest(&[cherie]).unwrap();
    assert_eq!(
        speaker_names(&s.quotes(&q("Cherie Blair")).unwrap()),
        ["cherie"]
    );
    assert_eq!(
        speaker_names(&s.quotes(&q("Tony Blair")).unwrap()),
        ["slip"]
    );
}

/// A surname alone never joins two articles' people when their given names
/// differ, nor when it is all the names say and the context does not pick one;
/// an organisation never becomes a person's alias.
fn surnames_alone_do_not_merge_people(url: &str) {
    let mut s = open(url);
    let person = |n: &str, sp: &[&str]| entity(n, "person", None, sp);
    let org = |n: &str| entity(n, "organization", None, &[n]);
    let batches = [
        article(
            "tony",
            "t1",
            None,
            vec![
                person("Tony Blair", &["Tony Blair", "Blair"]),
                org("Labour"),
            ],
            &[("“We will win,”", Some(0))],
        ),
        article(
            "cherie",
            "t2",
            None,
            vec![
                person("Cherie Blair", &["Cherie Blair", "Blair"]),
                org("Labour"),
            ],
            &[("“I will campaign,”", Some(0))],
        ),
        // nobody's given name, and both Blairs were seen beside Labour: no pick
        article(
            "blair",
            "t3",
            None,
            vec![person("Blair", &["Blair"]), org("Labour")],
            &[("“Vote,”", Some(0))],
        ),
        // another given name: neither Tony nor Cherie (and not the "Blair" beside Labour)
        article(
            "bob",
            "t4",
            None,
            vec![person("Bob Blair", &["Bob Blair"]), org("Chase Manhattan")],
            &[("“Rates will rise,”", Some(0))],
        ),
        // a formal name of the nickname: the same man, with no context needed
        article(
            "anthony",
            "t5",
            None,
            vec![person("Anthony Blair", &["Anthony Blair"])],
            &[("“Education,”", Some(0))],
        ),
        // one surname beside one stored person: context is enough
        article(
            "serena",
            "t6",
            None,
            vec![
                person("Serena Williams", &["Serena Williams"]),
                org("Wimbledon"),
            ],
            &[("“I won,”", Some(0))],
        ),
        article(
            "williams",
            "t7",
            None,
            vec![person("Williams", &["Williams"]), org("Wimbledon")],
            &[("“I served well,”", Some(0))],
        ),
        article(
            "rowan",
            "t8",
            None,
            vec![
                person("Rowan Williams", &["Rowan Williams", "Williams"]),
                org("Wimbledon"),
            ],
            &[("“Pray,”", Some(0))],
        ),
        // a bank the analysis took for a person stays apart from the DJ
        article(
            "dj",
            "t9",
            None,
            vec![person("Rob Da Bank", &["Rob Da Bank"]), org("Labour")],
            &[("“Dance,”", Some(0))],
        ),
        article(
            "bank",
            "t10",
            None,
            vec![person("Central Bank", &["Central Bank"]), org("Labour")],
            &[("“Rates stay,”", Some(0))],
        ),
    ];
    for a in batches {
        assert_eq!(s.ingest(&[a]).unwrap().added, 1);
    }
    let q = |speaker: &str| QuoteQuery {
        speaker: Some(speaker.into()),
        limit: 50,
        ..Default::default()
    };
    let speakers = s.speakers(100).unwrap();
    let of = |name: &str| {
        speakers
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("{name} is a speaker: {speakers:?}"))
    };
    assert_eq!(of("Tony Blair").quotes, 2, "Tony and Anthony Blair");
    assert!(of("Tony Blair")
        .aliases
        .contains(&"Anthony Blair".to_string()));
    for name in [
        "Cherie Blair",
        "Bob Blair",
        "Blair",
        "Rowan Williams",
        "Rob Da Bank",
        "Central Bank",
    ] {
        assert_eq!(of(name).quotes, 1, "{name}: {speakers:?}");
    }
    assert_eq!(
        of("Serena Williams").quotes,
        2,
        "Serena and Williams at Wimbledon"
    );
    for r in &speakers {
        let given: std::collections::BTreeSet<String> = r
            .aliases
            .iter()
            .filter_map(|a| a.split_whitespace().next().filter(|_| a.contains(' ')))
            .map(str::to_lowercase)
            .collect();
        assert!(
            given.len() <= 1
                || given == ["anthony", "tony"].iter().map(|x| x.to_string()).collect(),
            "{} holds given names {given:?}",
            r.name
        );
    }
    // the surname finds every Blair; the full names find each of them
    assert_eq!(
        speaker_names(&s.quotes(&q("Blair")).unwrap()),
        ["anthony", "blair", "bob", "cherie", "tony"]
    );
    assert_eq!(
        speaker_names(&s.quotes(&q("Tony Blair")).unwrap()),
        ["anthony", "tony"]
    );
    assert_eq!(
        speaker_names(&s.quotes(&q("Cherie Blair")).unwrap()),
        ["cherie"]
    );
}

fn quote_search_filters_and_ranks(url: &str) {
    let mut s = open(url);
    let mut arts = Vec::new();
    for (i, (q, date)) in [
        ("“The open door policy stays,” ", "2021-06-01"),
        ("“Our door is open to talks about policy,”", "2022-02-01"),
        ("“We discussed the budget,”", "2022-03-01"),
        ("“Open markets matter,”", "2023-01-01"),
    ]
    .iter()
    .enumerate()
    {
        let mut a = article(
            &format!("q{i}"),
            &format!("text {i}"),
            Some(date),
            vec![entity("Jens Stoltenberg", "person", None, &[])],
            &[(q, Some(0))],
        );
        a.publisher = Some(if i % 2 == 0 { "Reuters" } else { "BBC News" }.into());
        arts.push(a);
    }
    s.ingest(&arts).unwrap();
    let q = |about: &str| QuoteQuery {
        about: Some(about.into()),
        limit: 10,
        ..Default::default()
    };
    let hits = s.quotes(&q("open door policy")).unwrap();
    assert_eq!(
        speaker_names(&hits),
        ["q0", "q1"],
        "every word must be said"
    );
    assert_eq!(hits[0].doc_id, "q0", "the tighter match ranks first");
    assert!(s.quotes(&q("zebra")).unwrap().is_empty());
    // odd punctuation in the words is not an error
    assert_eq!(s.quotes(&q("\"open\" (door*")).unwrap().len(), 2);
    let since = QuoteQuery {
        since: Some("2022-01-01".into()),
        until: Some("2022-12-31".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(speaker_names(&s.quotes(&since).unwrap()), ["q1", "q2"]);
    let until_day = QuoteQuery {
        until: Some("2022-02-01".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(speaker_names(&s.quotes(&until_day).unwrap()), ["q0", "q1"]);
    let src = QuoteQuery {
        source: Some("reuters".into()),
        limit: 10,
        ..Default::default()
    };
    let hits = s.quotes(&src).unwrap();
    assert_eq!(speaker_names(&hits), ["q0", "q2"]);
    assert_eq!(
        hits[0].doc_id, "q2",
        "newest first without words to rank by"
    );
    let all = QuoteQuery {
        speaker: Some("Stoltenberg".into()),
        about: Some("open".into()),
        since: Some("2022-01-01".into()),
        limit: 1,
        ..Default::default()
    };
    assert_eq!(s.quotes(&all).unwrap().len(), 1);
    let h = &s.quotes(&q("budget")).unwrap()[0];
    assert_eq!((h.start, h.end, h.kind.as_str()), (0, 26, "direct"));
    assert_eq!(h.cue.as_deref(), Some("said"));
    assert_eq!(h.source, "Reuters");
}

fn articles_errors_and_exports(url: &str) {
    let mut s = open(url);
    let mut a = article(
        "doc-7",
        "Seven.",
        Some("2020-01-01"),
        vec![entity("Ann Lee", "person", None, &[])],
        &[("“One, two”", Some(0)), ("“Three \"four\"\nfive”", None)],
    );
    a.record = r#"{"id":"doc-7","quotes":[]}"#.into();
    s.ingest(&[a]).unwrap();
    let by_doc = s.article("doc-7").unwrap().expect("found by input id");
    assert_eq!(by_doc.text, "Seven.");
    assert_eq!(by_doc.record, r#"{"id":"doc-7","quotes":[]}"#);
    let by_id = s.article(&by_doc.id.to_string()).unwrap().unwrap();
    assert_eq!(by_id, by_doc);
    assert!(
        by_doc.ingested_at.starts_with("20"),
        "{}",
        by_doc.ingested_at
    );
    assert!(s.article("nope").unwrap().is_none());
    assert!(s.article("999999").unwrap().is_none());

    s.record_error("bad.jsonl:3", "not a JSON object").unwrap();
    s.record_error("bad.jsonl:3", "not a JSON object").unwrap();
    s.record_error("x.txt", "invalid UTF-8 at byte offset 3")
        .unwrap();
    assert_eq!(s.stats().unwrap().errors, 2);
    assert_eq!(s.errors(10).unwrap()[0].input, "bad.jsonl:3");

    let mut jl = Vec::new();
    assert_eq!(
        whosaid_store::export::write_jsonl(s.as_mut(), &mut jl).unwrap(),
        2
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(jl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["speaker"], "Ann Lee");
    assert_eq!(lines[1]["speaker"], serde_json::Value::Null);
    let mut csv = Vec::new();
    assert_eq!(
        whosaid_store::export::write_csv(s.as_mut(), &mut csv).unwrap(),
        2
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("quote_id,article_id,doc_id,"));
    assert!(csv.contains(",\"“One, two”\","), "{csv}");
    assert!(csv.contains("\"“Three \"\"four\"\"\nfive”\""), "{csv}");
    let path = tmp_dir("parquet").join("q.parquet");
    let f = std::fs::File::create(&path).unwrap();
    assert_eq!(
        whosaid_store::export::write_parquet(s.as_mut(), f).unwrap(),
        2
    );
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let r = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(r.metadata().file_metadata().num_rows(), 2);
    assert_eq!(
        r.metadata().file_metadata().schema_descr().num_columns(),
        whosaid_store::export::COLUMNS.len()
    );
}

/// Several writers over overlapping inputs store each article once.
fn concurrent_writers_store_once(url: &str) {
    let arts: Vec<NewArticle> = (0..60)
        .map(|i| {
            article(
                &format!("c{i}"),
                &format!("Article number {i}."),
                None,
                vec![
                    entity("Jens Stoltenberg", "person", None, &["Stoltenberg"]),
                    entity(&format!("Org {}", i % 5), "organization", None, &[]),
                ],
                &[("“Together,”", Some(0))],
            )
        })
        .collect();
    drop(open(url)); // create the schema once
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let url = url.to_string();
            // each writer takes 2/3 of the articles, starting at a different place
            let mine: Vec<NewArticle> = (0..40).map(|k| arts[(t * 15 + k) % 60].clone()).collect();
            std::thread::spawn(move || {
                let mut s = open(&url);
                let mut added = 0;
                for chunk in mine.chunks(7) {
                    added += s.ingest(chunk).unwrap().added;
                }
                added
            })
        })
        .collect();
    let added: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    let mut s = open(url);
    let st = s.stats().unwrap();
    assert_eq!(added, 60, "each article was claimed by exactly one writer");
    assert_eq!((st.articles, st.quotes, st.speakers), (60, 60, 1));
    assert_eq!(st.entities, 6, "one Stoltenberg and five organisations");
}

fn newer_schema_is_refused(url: &str) {
    drop(open(url));
    let bump = |url: &str| {
        if whosaid_store::is_postgres_url(url) {
            let (base, schema) = url.rsplit_once("schema=").unwrap();
            let base = base.trim_end_matches(['?', '&']);
            let mut c = postgres::Client::connect(base, postgres::NoTls).unwrap();
            c.batch_execute(&format!("UPDATE {schema}.schema_version SET version = 99"))
                .unwrap();
        } else {
            let c = rusqlite::Connection::open(url).unwrap();
            c.execute("UPDATE schema_version SET version = 99", [])
                .unwrap();
        }
    };
    bump(url);
    let e = whosaid_store::open(url)
        .err()
        .expect("a newer schema is refused");
    assert!(e.to_string().contains("schema version 99"), "{e}");
}

/// Facets, pages, one speaker's page and the overview, on one small store.
fn browsing_the_record(url: &str) {
    let mut s = open(url);
    let blinken = || {
        entity(
            "Antony Blinken",
            "person",
            Some("Q1"),
            &["Antony Blinken", "Blinken"],
        )
    };
    let nato = || entity("NATO", "organization", None, &["NATO"]);
    let russia = || entity("Russia", "place", None, &["Russia"]);
    let mut arts = vec![
        article(
            "a1",
            "one",
            Some("2022-01-31"),
            vec![blinken(), nato(), russia()],
            &[("“Talks first,”", Some(0)), ("“Allies agree,”", Some(1))],
        ),
        article(
            "a2",
            "two",
            Some("2022-02-02"),
            vec![blinken(), nato()],
            &[("“More talks,”", Some(0))],
        ),
        article(
            "a3",
            "three",
            Some("2022-02-08"),
            vec![
                entity("Bellingen", "person", None, &["Bellingen"]),
                nato(),
                russia(),
            ],
            &[("“Talks again,”", Some(0)), ("“No talks,”", None)],
        ),
    ];
    arts[2].quotes[0].speaker_name = Some("Bellingen".into());
    arts[2].quotes[1].kind = "indirect".into();
    arts[0].publisher = Some("Reuters".into());
    for a in arts {
        assert_eq!(s.ingest(&[a]).unwrap().added, 1);
    }
    // facets count the whole result whatever the page
    let q = QuoteQuery {
        about: Some("talks".into()),
        limit: 1,
        ..Default::default()
    };
    let f = s.quote_facets(&q, 10).unwrap();
    assert_eq!(f.total, 4);
    assert_eq!(
        (f.speakers[0].value.as_str(), f.speakers[0].count),
        ("Antony Blinken", 3)
    );
    assert!(f.speakers[0].id.is_some());
    assert_eq!(
        f.kinds
            .iter()
            .map(|k| (k.value.as_str(), k.count))
            .collect::<Vec<_>>(),
        [("direct", 3), ("indirect", 1)]
    );
    assert_eq!(
        f.sources
            .iter()
            .find(|x| x.value == "Reuters")
            .map(|x| x.count),
        Some(1)
    );
    let none = QuoteQuery {
        speaker: Some("Nobody Atall".into()),
        ..Default::default()
    };
    assert_eq!(s.quote_facets(&none, 10).unwrap().total, 0);
    // pages: offset skips, kind filters, speaker id is exact
    let all = QuoteQuery {
        limit: 10,
        ..Default::default()
    };
    let every: Vec<i64> = s.quotes(&all).unwrap().iter().map(|h| h.quote_id).collect();
    assert_eq!(every.len(), 5);
    let page2 = QuoteQuery {
        limit: 2,
        offset: 2,
        ..Default::default()
    };
    let p2: Vec<i64> = s
        .quotes(&page2)
        .unwrap()
        .iter()
        .map(|h| h.quote_id)
        .collect();
    assert_eq!(p2, every[2..4]);
    let worded = QuoteQuery {
        about: Some("talks".into()),
        limit: 10,
        ..Default::default()
    };
    let ranked: Vec<i64> = s
        .quotes(&worded)
        .unwrap()
        .iter()
        .map(|h| h.quote_id)
        .collect();
    let off = QuoteQuery {
        offset: 1,
        ..worded.clone()
    };
    assert_eq!(
        s.quotes(&off)
            .unwrap()
            .iter()
            .map(|h| h.quote_id)
            .collect::<Vec<_>>(),
        ranked[1..]
    );
    let ind = QuoteQuery {
        kind: Some("indirect".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(s.quotes(&ind).unwrap().len(), 1);
    let found = s.find_speakers("Blingen", 10).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].name, "Antony Blinken");
    let id = found[0].id;
    let by_id = QuoteQuery {
        speaker_id: Some(id),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(s.quotes(&by_id).unwrap().len(), 3);
    // the speaker's page
    let d = s.speaker(id).unwrap().expect("a stored speaker");
    assert_eq!(
        (d.row.name.as_str(), d.row.kb_id.as_deref(), d.row.quotes),
        ("Antony Blinken", Some("Q1"), 3)
    );
    let bell = d
        .aliases
        .iter()
        .find(|a| a.alias == "Bellingen")
        .expect("the garbled spelling");
    assert!(bell.garbled);
    assert_eq!(bell.quotes, 1);
    assert!(
        !d.aliases
            .iter()
            .find(|a| a.alias == "Blinken")
            .unwrap()
            .garbled
    );
    assert_eq!(
        d.weeks,
        [("2022-01-31".to_string(), 2), ("2022-02-07".to_string(), 1)]
    );
    assert_eq!(d.beside.len(), 2);
    assert_eq!(
        (d.beside[0].name.as_str(), d.beside[0].articles),
        ("NATO", 3)
    );
    assert_eq!(
        (d.beside[1].name.as_str(), d.beside[1].articles),
        ("Russia", 2)
    );
    assert!(s.speaker(999_999).unwrap().is_none());
    // who gets quoted
    let o = s.overview(5).unwrap();
    assert_eq!(o.quotes, 5);
    let n = |t: &str| o.by_type.iter().find(|x| x.0 == t).map_or(0, |x| x.1);
    assert_eq!((n("person"), n("organization"), n("unnamed")), (3, 1, 1));
    assert_eq!(
        o.months,
        [("2022-01".to_string(), 2), ("2022-02".to_string(), 3)]
    );
    assert_eq!(o.top_people[0].name, "Antony Blinken");
    assert_eq!(o.top_organizations[0].name, "NATO");
}

/// Statements keep whom they were made to (a stored entity, found by any of its
/// spellings, or the article's words), their channel and their date; `--since`
/// and `--until` go by that date; the edge list joins speaker and addressee.
fn statement_context_is_kept_and_queried(url: &str) {
    let mut s = open(url);
    let blinken = || entity("Antony Blinken", "person", None, &["Antony Blinken"]);
    let lavrov = || {
        entity(
            "Sergei Lavrov",
            "person",
            None,
            &["Sergei Lavrov", "Lavrov"],
        )
    };
    let mut a = article(
        "c1",
        "context one",
        Some("2022-01-20T10:00:00Z"),
        vec![lavrov(), blinken()],
        &[
            ("“Talks,”", Some(0)),
            ("“More talks,”", Some(0)),
            ("“No,”", Some(1)),
        ],
    );
    a.quotes[0].addressee_entity = Some(1);
    a.quotes[0].addressee_name = Some("Blinken".into());
    a.quotes[0].channel = Some("letter".into());
    a.quotes[0].time_text = Some("last week".into());
    a.quotes[0].said_on = Some("2022-01-10".into());
    a.quotes[0].date_basis = Some("text".into());
    a.quotes[1].addressee_name = Some("reporters".into());
    a.quotes[1].channel = Some("press-conference".into());
    a.quotes[1].said_on = Some("2022-01".into());
    a.quotes[1].date_basis = Some("text".into());
    // another article, another spelling of the addressee
    let mut b = article(
        "c2",
        "context two",
        Some("2022-02-03"),
        vec![
            lavrov(),
            entity("Antony Blinken", "person", None, &["Antony Blinken"]),
        ],
        &[("“Again,”", Some(0))],
    );
    b.quotes[0].addressee_entity = Some(1);
    b.quotes[0].addressee_name = Some("the secretary of state".into());
    s.ingest(&[a, b]).unwrap();
    let mut run = |f: &dyn Fn(&mut QuoteQuery)| {
        let mut q = QuoteQuery {
            limit: 10,
            ..Default::default()
        };
        f(&mut q);
        let mut v: Vec<String> = s.quotes(&q).unwrap().into_iter().map(|h| h.text).collect();
        v.sort();
        v
    };
    // to whom: a garbled spelling finds the stored entity in both articles
    assert_eq!(
        run(&|q| q.to = Some("Blingen".into())),
        ["“Again,”", "“Talks,”"]
    );
    assert_eq!(run(&|q| q.to = Some("reporters".into())), ["“More talks,”"]);
    assert!(run(&|q| q.to = Some("Zelensky".into())).is_empty());
    // a speaker is no addressee
    assert!(run(&|q| q.to = Some("Lavrov".into())).is_empty());
    assert_eq!(run(&|q| q.channel = Some("letter".into())), ["“Talks,”"]);
    // dates go by said_on: the text's date, a month, else the publication day
    assert_eq!(
        run(&|q| q.until = Some("2022-01-15".into())),
        ["“More talks,”", "“Talks,”"]
    );
    assert_eq!(
        run(&|q| q.since = Some("2022-01-15".into())),
        ["“Again,”", "“More talks,”", "“No,”"]
    );
    let hits = s
        .quotes(&QuoteQuery {
            channel: Some("letter".into()),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    let h = &hits[0];
    assert_eq!(h.addressee.as_deref(), Some("Antony Blinken"));
    assert_eq!(h.time_text.as_deref(), Some("last week"));
    assert_eq!(
        (h.said_on.as_deref(), h.date_basis.as_deref()),
        (Some("2022-01-10"), Some("text"))
    );
    // facets count the same matches
    let f = s
        .quote_facets(
            &QuoteQuery {
                to: Some("Blinken".into()),
                ..Default::default()
            },
            5,
        )
        .unwrap();
    assert_eq!(f.total, 2);
    assert_eq!(f.addressees.len(), 1);
    assert_eq!(
        (f.addressees[0].value.as_str(), f.addressees[0].count),
        ("Antony Blinken", 2)
    );
    // the edge list: one edge Lavrov -> Blinken across both articles
    let edges = whosaid_store::export::edges(&mut *s).unwrap();
    assert_eq!(edges.len(), 2, "{edges:?}");
    let e = &edges[0];
    assert_eq!(
        (e.speaker.as_str(), e.addressee.as_str(), e.count),
        ("Sergei Lavrov", "Antony Blinken", 2)
    );
    assert_eq!(
        (e.first.as_deref(), e.last.as_deref()),
        (Some("2022-01-10"), Some("2022-02-03"))
    );
    let mut csv = Vec::new();
    whosaid_store::export::write_edges(&mut *s, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("source,target,count,first,last\n"), "{csv}");
    assert!(
        csv.contains("Sergei Lavrov,reporters,1,2022-01,2022-01\n"),
        "{csv}"
    );
}

/// A stand-in for the real decider (whosaid-link, wired by the pipeline): an
/// article sharing two band keys or more with a stored one is a reprint of
/// that one's origin; its statements pair with the origin's in order. It
/// exercises every read and write of the store's copy index.
struct TestLinker;

impl whosaid_store::CopyLinker for TestLinker {
    fn link(
        &self,
        ix: &mut dyn whosaid_store::CopyIndex,
        article: i64,
        bands: &[i64],
    ) -> whosaid_store::Result<()> {
        assert!(
            ix.profile(article).unwrap().is_some(),
            "profile stored first"
        );
        let Some(&c) = ix.candidates(bands, article, 5, 64)?.first() else {
            return Ok(());
        };
        let origin = ix.origin_of(c)?.unwrap_or(c);
        if origin == article {
            return Ok(());
        }
        ix.set_copy(&whosaid_store::CopyLinkRow {
            article,
            origin,
            relation: "reprint".into(),
            similarity: 0.9,
            evidence: format!("{{\"via\": {c}}}"),
        })?;
        ix.count_publisher("copier.example", false)?;
        let mine = ix.statements(article)?;
        let theirs = ix.statements(origin)?;
        let links: Vec<whosaid_store::StatementLinkRow> = mine
            .iter()
            .zip(&theirs)
            .map(|(m, t)| whosaid_store::StatementLinkRow {
                quote_id: m.id,
                origin_quote_id: t.id,
                altered: Some(m.text != t.text),
                speaker_id: t.speaker_id,
            })
            .collect();
        ix.set_statement_links(article, &links)
    }
}

fn with_bands(mut a: NewArticle, bands: &[i64]) -> NewArticle {
    a.copy = Some(whosaid_store::CopyFeatures {
        bands: bands.to_vec(),
        profile: vec![1, 2, 3],
        snapshot: None,
    });
    a
}

/// The copy index: candidates by band keys, one origin per set, statement
/// links that give a copy's quotes the origin's speaker, and what the read
/// side shows of them.
fn copies_are_indexed_and_linked(url: &str) {
    let mut s = open(url);
    s.set_copy_linker(Some(std::sync::Arc::new(TestLinker)));
    let blinken = || entity("Antony Blinken", "person", None, &["Antony Blinken"]);
    let origin = with_bands(
        article(
            "o",
            "Origin text.",
            Some("2022-01-05"),
            vec![blinken()],
            &[("“Russia must stop,”", Some(0))],
        ),
        &[1, 2, 3, 4],
    );
    // the copy names a garbled speaker: it takes the origin's
    let copy = with_bands(
        article(
            "c",
            "Copy text.",
            Some("2022-01-06"),
            vec![entity(
                "Tony Bellingen",
                "person",
                None,
                &["Tony Bellingen"],
            )],
            &[("“Russia must stop now,”", Some(0))],
        ),
        &[1, 2, 9, 10],
    );
    let other = with_bands(article("x", "Other text.", None, vec![], &[]), &[50, 51]);
    let plain = article("p", "No features.", None, vec![], &[]);
    assert_eq!(s.ingest(&[origin]).unwrap().added, 1);
    assert_eq!(s.ingest(&[copy, other, plain]).unwrap().added, 3);
    // a second copy found through the first, attached to the origin
    let copy2 = with_bands(
        article("c2", "Second copy.", None, vec![], &[]),
        &[9, 10, 77],
    );
    s.ingest(&[copy2]).unwrap();
    let mut rows = Vec::new();
    s.for_each_copy_row(&mut |r| {
        rows.push((
            r.doc_id.clone(),
            r.origin_doc_id.clone(),
            r.relation.clone(),
        ));
        Ok(())
    })
    .unwrap();
    let o = |x: &str| Some(x.to_string());
    rows.sort();
    assert_eq!(
        rows,
        [
            ("c".into(), o("o"), o("reprint")),
            ("c2".into(), o("o"), o("reprint")),
            ("o".into(), None, None),
            ("p".into(), None, None),
            ("x".into(), None, None),
        ]
    );
    let origin_id = s.article("o").unwrap().unwrap().id;
    let (own, copies) = s.copy_rows(origin_id).unwrap();
    assert_eq!(own.unwrap().origin_id, None);
    assert_eq!(copies.len(), 2);
    assert_eq!(
        copies[0].evidence.as_deref(),
        Some(&*format!("{{\"via\": {origin_id}}}"))
    );
    let st = s.stats().unwrap();
    assert_eq!((st.copies, st.copied_quotes), (2, 1));
    // the copy's quote: linked, altered, spoken by the origin's Blinken
    let hits = s
        .quotes(&QuoteQuery {
            speaker: Some("Blinken".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    let c = hits.iter().find(|h| h.doc_id == "c").unwrap();
    let origin_quote = hits.iter().find(|h| h.doc_id == "o").unwrap();
    let from = c.origin.as_ref().unwrap();
    assert_eq!(
        (from.doc_id.as_str(), from.quote_id),
        ("o", origin_quote.quote_id)
    );
    assert_eq!(c.altered, Some(true));
    assert_eq!(
        (origin_quote.origin.clone(), origin_quote.altered),
        (None, None)
    );
    let sp = s.speakers(5).unwrap();
    assert_eq!(
        (sp[0].name.as_str(), sp[0].quotes, sp[0].copied),
        ("Antony Blinken", 2, 1)
    );
    // the export carries the link
    let mut out = Vec::new();
    whosaid_store::export::write_jsonl(s.as_mut(), &mut out).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let linked = lines.iter().find(|l| l["doc_id"] == "c").unwrap();
    assert_eq!(linked["origin"]["doc_id"], "o");
    assert_eq!(linked["altered"], true);
    assert_eq!(
        lines.iter().find(|l| l["doc_id"] == "o").unwrap()["origin"],
        serde_json::Value::Null
    );
    // and so do CSV and Parquet, as flat columns
    let cols = whosaid_store::export::COLUMNS;
    let col = |name: &str| cols.iter().position(|c| *c == name).unwrap();
    let mut out = Vec::new();
    whosaid_store::export::write_csv(s.as_mut(), &mut out).unwrap();
    let csv = String::from_utf8(out).unwrap();
    // the copy columns are the last five (the text before them holds commas)
    let tail = cols.len() - col("origin_doc_id");
    assert_eq!(tail, 5);
    let row = |doc: &str| -> Vec<String> {
        let line = csv
            .lines()
            .skip(1)
            .find(|l| l.split(',').nth(col("doc_id")) == Some(doc))
            .unwrap();
        let mut t: Vec<String> = line
            .rsplitn(tail + 1, ',')
            .take(tail)
            .map(str::to_string)
            .collect();
        t.reverse();
        t
    };
    let at = |name: &str| col(name) - col("origin_doc_id");
    let (c_row, o_row) = (row("c"), row("o"));
    assert_eq!(c_row[at("origin_doc_id")], "o", "{csv}");
    assert_eq!(c_row[at("origin_start")], from.start.to_string());
    assert_eq!(c_row[at("altered")], "true");
    assert_eq!(
        c_row[at("independent_sources")],
        c.independent_sources.to_string()
    );
    assert_eq!(
        (
            o_row[at("origin_doc_id")].as_str(),
            o_row[at("altered")].as_str()
        ),
        ("", "")
    );
    let path = tmp_dir("parquet-copies").join("q.parquet");
    whosaid_store::export::write_parquet(s.as_mut(), std::fs::File::create(&path).unwrap())
        .unwrap();
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let r = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut seen = 0;
    for row in r.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        let doc = row.get_string(col("doc_id")).unwrap().clone();
        let origin = row.get_string(col("origin_doc_id")).ok().cloned();
        let altered = row.get_bool(col("altered")).ok();
        let sources = row.get_long(col("independent_sources")).unwrap();
        if doc == "c" {
            assert_eq!((origin.as_deref(), altered), (Some("o"), Some(true)));
            assert_eq!(row.get_long(col("origin_end")).unwrap(), from.end);
            assert_eq!(sources, c.independent_sources);
            seen += 1;
        } else if doc == "o" {
            assert_eq!((origin, altered), (None, None));
            seen += 1;
        }
    }
    assert_eq!(seen, 2);
}

/// Writers ingesting copies of one article at once agree on one origin.
fn concurrent_writers_agree_on_copies(url: &str) {
    drop(open(url));
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let url = url.to_string();
            std::thread::spawn(move || {
                let mut s = open(&url);
                s.set_copy_linker(Some(std::sync::Arc::new(TestLinker)));
                for k in 0..5 {
                    let a = with_bands(
                        article(
                            &format!("w{t}-{k}"),
                            &format!("Copy {t} {k}."),
                            None,
                            vec![],
                            &[],
                        ),
                        &[7, 8, 100 + t * 10 + k],
                    );
                    s.ingest(&[a]).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let mut s = open(url);
    let mut origins = std::collections::BTreeSet::new();
    let mut roots = 0;
    s.for_each_copy_row(&mut |r| {
        match &r.origin_doc_id {
            Some(o) => {
                origins.insert(o.clone());
            }
            None => roots += 1,
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(roots, 1, "one article heads the set");
    assert_eq!(
        origins.len(),
        1,
        "every copy names the same origin: {origins:?}"
    );
}

/// A resolver that asks the store every kind of candidate question, records
/// the answers, and decides as told: the store's side of speaker identity.
struct Probe {
    answers: std::sync::Mutex<Vec<String>>,
    decide: Vec<whosaid_store::SpeakerDecision>,
}

impl whosaid_store::SpeakerResolver for Probe {
    fn resolve(
        &self,
        c: &mut dyn whosaid_store::SpeakerCandidates,
        entities: &[NewEntity],
    ) -> whosaid_store::Result<Vec<whosaid_store::SpeakerDecision>> {
        let kb = c.by_kb(&["Q1", "Q404"])?;
        let names = c.by_name(&[
            ("person", "antony blinken"),
            ("organization", "nato"),
            ("person", "nato"),
            ("person", "nobody here"),
        ])?;
        let key = whosaid_names::skeleton("blinken");
        let rows = c.by_word_key("person", &[key.as_str(), "zzzz"])?;
        let mut rows0: Vec<(i64, String)> = rows[0].to_vec();
        rows0.sort();
        let (Some(b), Some(n)) = (names[0], names[1]) else {
            panic!("stored names not offered: {names:?}");
        };
        let beside = c.shares_article(b, &[n])?;
        let alone = c.shares_article(b, &[b + n + 1000])?;
        self.answers.lock().unwrap().push(format!(
            "kb {kb:?} names {:?} rows {rows0:?} {} beside {beside} alone {alone} entities {}",
            names[2..].to_vec(),
            rows[1].len(),
            entities.len()
        ));
        Ok(self.decide.clone())
    }
}

/// What the store offers the resolver, and that it keeps exactly the decisions
/// (an existing entity, a KB link, only the spellings chosen as aliases, a new
/// entity); no resolver, or a wrong number of decisions, stores nothing.
fn the_store_offers_candidates_and_keeps_decisions(url: &str) {
    let mut s = open(url);
    let first = article(
        "first",
        "first text",
        None,
        vec![
            entity("Antony Blinken", "person", Some("Q1"), &["Bellingen"]),
            entity("NATO", "organization", None, &[]),
        ],
        &[("“One,”", Some(0))],
    );
    assert_eq!(s.ingest(&[first]).unwrap().added, 1);
    let blinken = s.find_speakers("Antony Blinken", 5).unwrap()[0].id;
    let second = |doc: &str| {
        article(
            doc,
            &format!("{doc} text"),
            None,
            vec![
                entity(
                    "Tony Blinken",
                    "person",
                    Some("Q77"),
                    &["Bad Slip", "T. Blinken"],
                ),
                entity("Wendy Sherman", "person", None, &["Sherman"]),
            ],
            &[("“Two,”", Some(0)), ("“Three,”", Some(1))],
        )
    };
    let decide = vec![
        whosaid_store::SpeakerDecision {
            entity: Some(blinken),
            link_kb: true,
            aliases: vec![0, 2],
            reason: "names-agree",
        },
        whosaid_store::SpeakerDecision {
            entity: None,
            link_kb: false,
            aliases: vec![0, 1],
            reason: "new",
        },
    ];
    let probe = std::sync::Arc::new(Probe {
        answers: Default::default(),
        decide: decide.clone(),
    });
    s.set_speaker_resolver(Some(probe.clone()));
    assert_eq!(s.ingest(&[second("second")]).unwrap().added, 1);
    let answers = probe.answers.lock().unwrap().clone();
    let rows = format!("[({blinken}, \"antony blinken\"), ({blinken}, \"bellingen\")]");
    assert_eq!(
        answers,
        [format!(
            "kb [Some({blinken}), None] names [None, None] rows {rows} 0 beside true alone false entities 2"
        )]
    );
    // kept: Tony Blinken's quote under the stored Blinken, with the chosen
    // spellings only; the KB link is not taken (Blinken has one); Sherman is new
    let b = s.find_speakers("Blinken", 5).unwrap();
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!((b[0].id, b[0].quotes), (blinken, 2));
    assert_eq!(b[0].kb_id.as_deref(), Some("Q1"));
    let mut aliases = b[0].aliases.clone();
    aliases.sort();
    assert_eq!(
        aliases,
        ["Antony Blinken", "Bellingen", "T. Blinken", "Tony Blinken"]
    );
    assert!(s.find_speakers("Bad Slip", 5).unwrap().is_empty());
    let w = s.find_speakers("Sherman", 5).unwrap();
    assert_eq!(w.len(), 1);
    assert_ne!(w[0].id, blinken);

    // a wrong number of decisions, or none at all: an error, nothing stored
    s.set_speaker_resolver(Some(std::sync::Arc::new(Probe {
        answers: Default::default(),
        decide: decide[..1].to_vec(),
    })));
    let e = s.ingest(&[second("third")]).unwrap_err();
    assert!(e.to_string().contains("decided 1 of 2"), "{e}");
    s.set_speaker_resolver(None);
    let e = s.ingest(&[second("fourth")]).unwrap_err();
    assert!(e.to_string().contains("set_speaker_resolver"), "{e}");
    assert_eq!(s.stats().unwrap().articles, 2);
}

/// Every search plan gives what a scan of all statements gives: a name that
/// several stored speakers answer to (each one's newest, merged), words with
/// a date range (found from the date index or the full-text index), words
/// alone; undated statements sort last.
fn search_plans_agree_with_a_scan(url: &str) {
    let mut s = open(url);
    let people = || {
        vec![
            entity("Tony Blair", "person", None, &["Tony Blair"]),
            entity("Cherie Blair", "person", None, &["Cherie Blair"]),
            entity("Jens Stoltenberg", "person", None, &["Jens Stoltenberg"]),
        ]
    };
    let words = ["door", "budget", "talks", "open", "policy"];
    let mut arts = Vec::new();
    for i in 0..36usize {
        let published =
            (i % 5 != 0).then(|| format!("20{:02}-0{}-1{}", 19 + i % 5, 1 + i % 9, i % 10));
        let quotes: Vec<(String, Option<usize>)> = (0..3)
            .map(|k| {
                let w1 = words[(i + k) % words.len()];
                let w2 = words[(i * 3 + k * 2) % words.len()];
                (
                    format!("“The {w1} and the {w2} number {i}{k},”"),
                    Some((i + k) % 3),
                )
            })
            .collect();
        let qrefs: Vec<(&str, Option<usize>)> =
            quotes.iter().map(|(t, sp)| (t.as_str(), *sp)).collect();
        let mut a = article(
            &format!("p{i}"),
            &format!("plans article {i}"),
            published.as_deref(),
            people(),
            &qrefs,
        );
        for (k, q) in a.quotes.iter_mut().enumerate() {
            q.said_on = match (i + k) % 4 {
                0 => None,
                1 => Some(format!("20{:02}-0{}", 19 + (i + k) % 5, 1 + k)),
                _ => Some(format!(
                    "20{:02}-0{}-2{}",
                    19 + (i * 7 + k) % 5,
                    1 + (i + k) % 9,
                    k
                )),
            };
        }
        arts.push(a);
    }
    s.ingest(&arts).unwrap();
    let all = s
        .quotes(&QuoteQuery {
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.len(), 108);
    // the scan's order: newest published first, undated last, then newest id
    for w in all.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let ok = match (&a.published, &b.published) {
            (Some(x), Some(y)) => x > y || (x == y && a.quote_id > b.quote_id),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => a.quote_id > b.quote_id,
        };
        assert!(
            ok,
            "not newest first: {:?} then {:?}",
            a.published, b.published
        );
    }
    let ids = |h: &[whosaid_store::QuoteHit]| h.iter().map(|h| h.quote_id).collect::<Vec<_>>();
    // a name two stored speakers answer to: their statements, newest first, paged
    let blairs: Vec<i64> = all
        .iter()
        .filter(|h| h.speaker.as_deref().is_some_and(|n| n.ends_with("Blair")))
        .map(|h| h.quote_id)
        .collect();
    assert_eq!(blairs.len(), 72);
    for offset in [0, 7, 70] {
        let page = s
            .quotes(&QuoteQuery {
                speaker: Some("Blair".into()),
                limit: 7,
                offset,
                ..Default::default()
            })
            .unwrap();
        let want: Vec<i64> = blairs.iter().skip(offset).take(7).copied().collect();
        assert_eq!(ids(&page), want, "speaker Blair at offset {offset}");
    }
    // words with dates: the matches in the range, whichever index drives
    let in_range = |h: &whosaid_store::QuoteHit, since: Option<&str>, until: Option<&str>| {
        let Some(d) = h.said_on.as_deref() else {
            return false;
        };
        since.is_none_or(|s| d >= &s[..d.len().min(s.len())])
            && until.is_none_or(|u| d <= u || d.starts_with(u))
    };
    let says = |h: &whosaid_store::QuoteHit, w: &str| {
        h.text.split(|c: char| !c.is_alphanumeric()).any(|t| t == w)
    };
    for (w, since, until) in [
        ("door", Some("2020-01-01"), Some("2021-12-31")),
        ("budget", None, Some("2020-06-30")),
        ("talks", Some("2022-02-01"), None),
        ("policy", Some("2021-03-15"), Some("2021-03-31")),
        ("door", Some("2030-01-01"), None),
    ] {
        let got = s
            .quotes(&QuoteQuery {
                about: Some(w.into()),
                since: since.map(Into::into),
                until: until.map(Into::into),
                limit: 200,
                ..Default::default()
            })
            .unwrap();
        let mut got = ids(&got);
        got.sort_unstable();
        let mut want: Vec<i64> = all
            .iter()
            .filter(|h| says(h, w) && in_range(h, since, until))
            .map(|h| h.quote_id)
            .collect();
        want.sort_unstable();
        assert_eq!(got, want, "{w} from {since:?} to {until:?}");
    }
    // words alone: every match
    let mut got = ids(&s
        .quotes(&QuoteQuery {
            about: Some("open".into()),
            limit: 200,
            ..Default::default()
        })
        .unwrap());
    got.sort_unstable();
    let mut want: Vec<i64> = all
        .iter()
        .filter(|h| says(h, "open"))
        .map(|h| h.quote_id)
        .collect();
    want.sort_unstable();
    assert_eq!(got, want);
}

/// Records what the copy index offers a new article, and links nothing.
struct CandidateProbe(std::sync::Mutex<Vec<Vec<i64>>>);

impl whosaid_store::CopyLinker for CandidateProbe {
    fn link(
        &self,
        ix: &mut dyn whosaid_store::CopyIndex,
        article: i64,
        bands: &[i64],
    ) -> whosaid_store::Result<()> {
        let c = ix.candidates(bands, article, 3, 2)?;
        self.0.lock().unwrap().push(c);
        Ok(())
    }
}

/// Candidates: the most shared keys first (then the oldest), at most `limit`;
/// a key shared by many articles gives only its `per_key` newest.
fn copy_candidates_are_ranked_and_capped_per_key(url: &str) {
    let mut s = open(url);
    // five articles share the common key 100; "b" also shares 200 and 300
    let common: Vec<NewArticle> = (0..5)
        .map(|i| {
            with_bands(
                article(&format!("k{i}"), &format!("Common {i}."), None, vec![], &[]),
                &[100, 1000 + i],
            )
        })
        .collect();
    for a in common {
        s.ingest(&[a]).unwrap();
    }
    let b = with_bands(article("b", "Bee.", None, vec![], &[]), &[100, 200, 300]);
    let c = with_bands(article("c", "Sea.", None, vec![], &[]), &[300, 400]);
    s.ingest(&[b]).unwrap();
    s.ingest(&[c]).unwrap();
    let id = |s: &mut Box<dyn Store>, d: &str| s.article(d).unwrap().unwrap().id;
    let (bid, cid) = (id(&mut s, "b"), id(&mut s, "c"));
    let probe = std::sync::Arc::new(CandidateProbe(Default::default()));
    s.set_copy_linker(Some(probe.clone()));
    let new = with_bands(
        article("n", "New.", None, vec![], &[]),
        &[100, 200, 300, 300, 999],
    );
    s.ingest(&[new]).unwrap();
    let got = probe.0.lock().unwrap().clone();
    // b shares three keys, c one; of key 100's six articles only the two
    // newest (b and k4) are read, so k0..k3 are never offered
    let k4 = id(&mut s, "k4");
    let mut rest = [cid, k4];
    rest.sort_unstable();
    assert_eq!(got, [vec![bid, rest[0], rest[1]]]);
}

/// A batch is linked in order of publication (undated last), and each of its
/// articles is offered only the stored articles and those of the batch linked
/// before it: an article not yet linked is held back, as if the batch had
/// arrived one article at a time.
fn a_batch_is_linked_as_if_its_articles_came_one_at_a_time(url: &str) {
    let mut s = open(url);
    let a = |d: &str, date: Option<&str>, bands: &[i64]| {
        with_bands(
            article(d, &format!("Text of {d}."), date, vec![], &[]),
            bands,
        )
    };
    s.ingest(&[a("stored", Some("2022-01-09"), &[100, 1])])
        .unwrap();
    let probe = std::sync::Arc::new(CandidateProbe(Default::default()));
    s.set_copy_linker(Some(probe.clone()));
    // keys put "late" and "undated" ahead of "stored" for "early", were they offered
    s.ingest(&[
        a("undated", None, &[100, 2, 3]),
        a("late", Some("2022-01-03"), &[100, 2, 3]),
        a("early", Some("2022-01-02"), &[100, 2, 3]),
    ])
    .unwrap();
    let id = |s: &mut Box<dyn Store>, d: &str| s.article(d).unwrap().unwrap().id;
    let (st, early, late) = (
        id(&mut s, "stored"),
        id(&mut s, "early"),
        id(&mut s, "late"),
    );
    let got = probe.0.lock().unwrap().clone();
    // (the last: key 100's two newest other articles are the two linked
    // before it, so "stored" is not read)
    assert_eq!(got, [vec![st], vec![early, st], vec![early, late]]);
}

/// Candidates read beside the writer (`Store::copy_reader`, SQLite) and
/// completed by the writer with what it stored since are what the writer's
/// own lookup gives; what another writer stored since is not missed.
fn candidates_read_beside_the_writer_agree_with_the_store(url: &str) {
    let mut s = open(url);
    for i in 0..5 {
        let a = article(&format!("k{i}"), &format!("Common {i}."), None, vec![], &[]);
        s.ingest(&[with_bands(a, &[100, 1000 + i])]).unwrap();
    }
    let Some(mut reader) = s.copy_reader().unwrap() else {
        return; // PostgreSQL: the writer reads candidates itself
    };
    let snap = |r: &mut Box<dyn whosaid_store::CopyReader>, bands: &[i64]| {
        Some(r.snapshot(bands, 2).unwrap())
    };
    let with_snapshot = |a: NewArticle, bands: &[i64], sn| {
        let mut a = with_bands(a, bands);
        a.copy.as_mut().unwrap().snapshot = sn;
        a
    };
    // b and c are read now and stored after; n too, stored last
    let (bb, cb, nb) = (
        &[100, 200, 300][..],
        &[300, 400][..],
        &[100, 200, 300, 300, 999][..],
    );
    let b = with_snapshot(
        article("b", "Bee.", None, vec![], &[]),
        bb,
        snap(&mut reader, bb),
    );
    let c = with_snapshot(
        article("c", "Sea.", None, vec![], &[]),
        cb,
        snap(&mut reader, cb),
    );
    let n_snap = snap(&mut reader, nb);
    assert_eq!(
        n_snap.as_ref().unwrap().ids(100).unwrap().len(),
        2,
        "per key"
    );
    s.ingest(&[b, c]).unwrap();
    let id = |s: &mut Box<dyn Store>, d: &str| s.article(d).unwrap().unwrap().id;
    let (bid, cid, k4) = (id(&mut s, "b"), id(&mut s, "c"), id(&mut s, "k4"));
    let probe = std::sync::Arc::new(CandidateProbe(Default::default()));
    s.set_copy_linker(Some(probe.clone()));
    let n = with_snapshot(article("n", "New.", None, vec![], &[]), nb, n_snap.clone());
    s.ingest(&[n]).unwrap();
    let mut rest = [cid, k4];
    rest.sort_unstable();
    assert_eq!(
        probe.0.lock().unwrap().clone(),
        [vec![bid, rest[0], rest[1]]]
    );

    // another writer stores x (keys 100 and 200) after this one's last batch:
    // a snapshot read before x is not trusted, and x is offered
    let mut other = open(url);
    other
        .ingest(&[with_bands(
            article("x", "Ex.", None, vec![], &[]),
            &[100, 200],
        )])
        .unwrap();
    let xid = id(&mut s, "x");
    let m = with_snapshot(article("m", "Em.", None, vec![], &[]), nb, n_snap);
    s.ingest(&[m]).unwrap();
    let got = probe.0.lock().unwrap()[1].clone();
    assert!(got.contains(&xid), "{got:?} lacks {xid}");
}

macro_rules! suite {
    ($($t:ident),*) => {
        mod sqlite_backend { $( #[test] fn $t() { if let Some(u) = super::sqlite(stringify!($t)) { super::$t(&u) } } )* }
        mod postgres_backend { $( #[test] fn $t() { if let Some(u) = super::pg(stringify!($t)) { super::$t(&u) } } )* }
    };
}

suite!(
    reingest_adds_nothing,
    one_speaker_across_articles,
    surnames_alone_do_not_merge_people,
    quote_search_filters_and_ranks,
    articles_errors_and_exports,
    concurrent_writers_store_once,
    newer_schema_is_refused,
    browsing_the_record,
    statement_context_is_kept_and_queried,
    copies_are_indexed_and_linked,
    concurrent_writers_agree_on_copies,
    the_store_offers_candidates_and_keeps_decisions,
    search_plans_agree_with_a_scan,
    copy_candidates_are_ranked_and_capped_per_key,
    candidates_read_beside_the_writer_agree_with_the_store,
    a_batch_is_linked_as_if_its_articles_came_one_at_a_time
);

#[test]
fn unusable_store_paths_name_the_path() {
    let d = tmp_dir("bad");
    let e = whosaid_store::open(&d.display().to_string())
        .err()
        .expect("a folder is no store");
    assert!(e.to_string().contains(&d.display().to_string()), "{e}");
    let junk = d.join("junk.db");
    std::fs::write(&junk, b"this is not a database, just some text").unwrap();
    let e = whosaid_store::open(&junk.display().to_string())
        .err()
        .expect("junk is no store");
    assert!(e.to_string().contains("junk.db"), "{e}");
    let e = whosaid_store::open("postgres://nobody@127.0.0.1:1/none")
        .err()
        .expect("no server");
    assert!(e.to_string().contains("127.0.0.1:1"), "{e}");
}

/// The SQLite writer does not check foreign keys (`become_writer`: every id
/// it writes is one it has just read or inserted): stores written by the
/// suite's ingests, with speakers, aliases, quotes, copies and statement
/// links, must hold no reference to a missing row.
#[test]
fn sqlite_ingest_leaves_every_reference_whole() {
    for (name, fill) in [
        ("fk_copies", copies_are_indexed_and_linked as fn(&str)),
        ("fk_speakers", one_speaker_across_articles),
        ("fk_context", statement_context_is_kept_and_queried),
    ] {
        let db = sqlite(name).unwrap();
        fill(&db);
        let c = rusqlite::Connection::open(&db).unwrap();
        let rows: i64 = c
            .query_row(
                "SELECT (SELECT COUNT(*) FROM mentions) + (SELECT COUNT(*) FROM quotes)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(rows > 0, "{name}: the store holds mentions and quotes");
        let mut st = c.prepare("PRAGMA foreign_key_check").unwrap();
        let broken: Vec<String> = st
            .query_map([], |r| {
                Ok(format!(
                    "{} row {:?} -> {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            broken.is_empty(),
            "{name}: references to no row: {broken:?}"
        );
    }
}
