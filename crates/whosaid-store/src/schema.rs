//! The schema and its migrations, one list per backend. The version stored in
//! `schema_version` is the number of migrations applied; opening a store
//! applies the missing ones in one transaction, and refuses a store written by
//! a newer whosaid.
//!
//! Offsets (`start`, `end`) are Unicode code points, as in the JSON output.
//! `quotes.published` and `quotes.source` copy the article's so that quote
//! searches filter without a join.

pub const SQLITE: &[&str] = &[
    r#"
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    url         TEXT UNIQUE,
    doc_id      TEXT NOT NULL,
    source      TEXT NOT NULL,
    title       TEXT,
    published   TEXT,
    publisher   TEXT,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    text        TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE TABLE entities (
    id    INTEGER PRIMARY KEY,
    etype TEXT NOT NULL,
    name  TEXT NOT NULL,
    norm  TEXT NOT NULL,
    kb_id TEXT UNIQUE,
    UNIQUE (etype, norm)
);
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    norm      TEXT NOT NULL,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, norm)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases(norm);
CREATE TABLE alias_words (
    wkey       TEXT NOT NULL,
    word       TEXT NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    alias_norm TEXT NOT NULL,
    PRIMARY KEY (wkey, word, entity_id, alias_norm)
) WITHOUT ROWID;
CREATE INDEX alias_words_word ON alias_words(word);
CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity_id  INTEGER REFERENCES entities(id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    kind       TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    speaker_id   INTEGER REFERENCES entities(id),
    speaker_name TEXT,
    resolution   TEXT,
    kind         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    cue          TEXT,
    confidence   REAL NOT NULL,
    published    TEXT,
    source       TEXT NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker_id, published);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_published ON quotes(published);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE TABLE ingest_errors (
    id      INTEGER PRIMARY KEY,
    input   TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (input, message)
);
"#,
    // 2: who is named beside a speaker joins mentions by article
    "CREATE INDEX mentions_article ON mentions(article_id);",
    // 3: the context of a statement: to whom (a stored entity and/or the article's
    // words), through what channel, when (said_on: the text's date, else the
    // publication date); stores written before keep their publication date
    r#"
ALTER TABLE quotes ADD COLUMN addressee_id INTEGER REFERENCES entities(id);
ALTER TABLE quotes ADD COLUMN addressee_name TEXT;
ALTER TABLE quotes ADD COLUMN channel TEXT;
ALTER TABLE quotes ADD COLUMN time_text TEXT;
ALTER TABLE quotes ADD COLUMN said_on TEXT;
ALTER TABLE quotes ADD COLUMN date_basis TEXT;
UPDATE quotes SET said_on = substr(published, 1, 10), date_basis = 'published'
 WHERE published IS NOT NULL;
CREATE INDEX quotes_said_on ON quotes(said_on);
CREATE INDEX quotes_addressee ON quotes(addressee_id);
"#,
    // 4: copies (see copies.rs): band keys, profiles, copy and statement links
    r#"
CREATE TABLE copy_bands (
    band       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE TABLE copy_profiles (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    profile    BLOB NOT NULL
);
CREATE TABLE copies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    origin_id  INTEGER NOT NULL REFERENCES articles(id),
    relation   TEXT NOT NULL,
    similarity REAL NOT NULL,
    evidence   TEXT NOT NULL
);
CREATE INDEX copies_origin ON copies(origin_id);
CREATE TABLE quote_origins (
    quote_id        INTEGER PRIMARY KEY REFERENCES quotes(id),
    origin_quote_id INTEGER NOT NULL REFERENCES quotes(id),
    altered         INTEGER
);
CREATE INDEX quote_origins_origin ON quote_origins(origin_quote_id);
CREATE TABLE publisher_roles (
    publisher TEXT PRIMARY KEY,
    origins   INTEGER NOT NULL DEFAULT 0,
    copies    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE statement_keys (
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id),
    skey     INTEGER NOT NULL
);
CREATE INDEX statement_keys_skey ON statement_keys(skey);
"#,
    // 5: nothing on SQLite (its (speaker_id, published) index already serves a
    // speaker's newest quotes); the number keeps both backends' versions alike
    "SELECT 1;",
    // 6: each quote's date by its id, so a word search with dates tests every
    // full-text match's date in this small index instead of reading its row
    "CREATE INDEX quotes_id_said_on ON quotes(id, said_on);",
];

pub const POSTGRES: &[&str] = &[
    r#"
CREATE TABLE articles (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    url         TEXT UNIQUE,
    doc_id      TEXT NOT NULL,
    source      TEXT NOT NULL,
    title       TEXT,
    published   TEXT,
    publisher   TEXT,
    ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    text        TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE TABLE entities (
    id    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    etype TEXT NOT NULL,
    name  TEXT NOT NULL,
    norm  TEXT NOT NULL,
    kb_id TEXT UNIQUE,
    UNIQUE (etype, norm)
);
CREATE TABLE aliases (
    entity_id BIGINT NOT NULL REFERENCES entities(id),
    norm      TEXT NOT NULL,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, norm)
);
CREATE INDEX aliases_norm ON aliases(norm);
CREATE TABLE alias_words (
    wkey       TEXT NOT NULL,
    word       TEXT NOT NULL,
    entity_id  BIGINT NOT NULL REFERENCES entities(id),
    alias_norm TEXT NOT NULL,
    PRIMARY KEY (wkey, word, entity_id, alias_norm)
);
CREATE INDEX alias_words_word ON alias_words(word);
CREATE TABLE mentions (
    article_id BIGINT NOT NULL REFERENCES articles(id),
    entity_id  BIGINT REFERENCES entities(id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    kind       TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
CREATE TABLE quotes (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    article_id   BIGINT NOT NULL REFERENCES articles(id),
    speaker_id   BIGINT REFERENCES entities(id),
    speaker_name TEXT,
    resolution   TEXT,
    kind         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    cue          TEXT,
    confidence   DOUBLE PRECISION NOT NULL,
    published    TEXT,
    source       TEXT NOT NULL,
    tsv          tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
);
CREATE INDEX quotes_speaker ON quotes(speaker_id, published);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_published ON quotes(published);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
CREATE TABLE ingest_errors (
    id      BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    input   TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    UNIQUE (input, message)
);
"#,
    // 2: who is named beside a speaker joins mentions by article
    "CREATE INDEX mentions_article ON mentions(article_id);",
    // 3: the context of a statement (see the SQLite migration)
    r#"
ALTER TABLE quotes ADD COLUMN addressee_id BIGINT REFERENCES entities(id),
                   ADD COLUMN addressee_name TEXT,
                   ADD COLUMN channel TEXT,
                   ADD COLUMN time_text TEXT,
                   ADD COLUMN said_on TEXT,
                   ADD COLUMN date_basis TEXT;
UPDATE quotes SET said_on = substr(published, 1, 10), date_basis = 'published'
 WHERE published IS NOT NULL;
CREATE INDEX quotes_said_on ON quotes(said_on);
CREATE INDEX quotes_addressee ON quotes(addressee_id);
"#,
    // 4: copies (see copies.rs): band keys, profiles, copy and statement links
    r#"
CREATE TABLE copy_bands (
    band       BIGINT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article_id)
);
CREATE TABLE copy_profiles (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id),
    profile    BYTEA NOT NULL
);
CREATE TABLE copies (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id),
    origin_id  BIGINT NOT NULL REFERENCES articles(id),
    relation   TEXT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL,
    evidence   TEXT NOT NULL
);
CREATE INDEX copies_origin ON copies(origin_id);
CREATE TABLE quote_origins (
    quote_id        BIGINT PRIMARY KEY REFERENCES quotes(id),
    origin_quote_id BIGINT NOT NULL REFERENCES quotes(id),
    altered         BOOLEAN
);
CREATE INDEX quote_origins_origin ON quote_origins(origin_quote_id);
CREATE TABLE publisher_roles (
    publisher TEXT PRIMARY KEY,
    origins   BIGINT NOT NULL DEFAULT 0,
    copies    BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE statement_keys (
    quote_id BIGINT PRIMARY KEY REFERENCES quotes(id),
    skey     BIGINT NOT NULL
);
CREATE INDEX statement_keys_skey ON statement_keys(skey);
"#,
    // 5: a speaker's newest quotes in the order the search asks for
    // (published DESC NULLS LAST, id DESC), so a speaker search or page reads
    // its first rows from the index instead of sorting all the speaker's quotes
    "CREATE INDEX quotes_speaker_recent ON quotes (speaker_id, published DESC NULLS LAST, id DESC);",
    // 6: the id ranges a word search looks in, as a bitmap that costs a few
    // pages (ids grow with the heap, so a BRIN summary is exact enough) where
    // the primary key's would cost one entry per quote in the range
    "CREATE INDEX quotes_id_brin ON quotes USING brin (id);",
];
