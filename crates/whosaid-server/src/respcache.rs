//! Whole responses to repeated reads, kept while the store is unchanged: a
//! bounded (by bytes) least-recently-used map from a GET request's path and
//! query to the response it got, each entry stored with the store's
//! generation token read before the response was computed
//! (`Store::generation`), and all of them forgotten when the store reads
//! another token (an ingest by this server or by any other process). So a
//! repeated search, article or speaker page is answered without asking the
//! store again, and never with an answer the store has moved on from.
//!
//! Only complete `200` responses of a known length up to [`MAX_ENTRY`] bytes
//! are kept (never the streamed exports). Each response says whether it came
//! from here in the `x-whosaid-cache` header (`hit` or `miss`), which the
//! load test counts.

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// The largest response kept.
pub const MAX_ENTRY: usize = 1 << 20;

/// The header saying whether a response came from the cache.
pub const HEADER: &str = "x-whosaid-cache";

#[derive(Clone)]
struct Entry {
    /// The handler's headers (content type and the like).
    headers: HeaderMap,
    body: Bytes,
    used: u64,
}

#[derive(Default)]
struct Inner {
    generation: String,
    entries: HashMap<String, Entry>,
    /// Entries by when they were last used (the oldest first).
    by_use: BTreeMap<u64, String>,
    bytes: usize,
    clock: u64,
}

impl Inner {
    fn cost(key: &str, e: &Entry) -> usize {
        // the key twice (map and recency list), the body, and bookkeeping
        2 * key.len() + e.body.len() + 128
    }

    fn at(&mut self, generation: &str) {
        if self.generation != generation {
            *self = Inner {
                generation: generation.to_string(),
                clock: self.clock,
                ..Inner::default()
            };
        }
    }

    fn get(&mut self, key: &str) -> Option<Entry> {
        self.clock += 1;
        let now = self.clock;
        let e = self.entries.get_mut(key)?;
        let was = std::mem::replace(&mut e.used, now);
        let e = e.clone();
        if let Some(k) = self.by_use.remove(&was) {
            self.by_use.insert(now, k);
        }
        Some(e)
    }

    fn put(&mut self, key: String, mut e: Entry, budget: usize) {
        self.clock += 1;
        e.used = self.clock;
        let cost = Self::cost(&key, &e);
        if cost > budget {
            return;
        }
        if let Some(old) = self.entries.remove(&key) {
            self.bytes -= Self::cost(&key, &old);
            self.by_use.remove(&old.used);
        }
        while self.bytes + cost > budget {
            let Some((_, k)) = self.by_use.pop_first() else {
                break;
            };
            if let Some(old) = self.entries.remove(&k) {
                self.bytes -= Self::cost(&k, &old);
            }
        }
        self.bytes += cost;
        self.by_use.insert(e.used, key.clone());
        self.entries.insert(key, e);
    }
}

/// The cache; a budget of 0 keeps nothing.
pub struct ResponseCache {
    budget: usize,
    inner: Mutex<Inner>,
}

impl ResponseCache {
    pub fn new(budget: usize) -> ResponseCache {
        ResponseCache {
            budget,
            inner: Mutex::default(),
        }
    }

    fn get(&self, generation: &str, key: &str) -> Option<Entry> {
        let mut g = self.inner.lock().ok()?;
        g.at(generation);
        g.get(key)
    }

    fn put(&self, generation: &str, key: String, e: Entry) {
        if let Ok(mut g) = self.inner.lock() {
            // a response computed before the store moved on is not kept
            if g.generation == generation {
                g.put(key, e, self.budget);
            }
        }
    }

    /// Bytes held (for tests).
    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.inner.lock().map_or(0, |g| g.bytes)
    }
}

/// Which requests may be answered from the cache: reads of the record, not
/// the streamed exports, the static style sheet or the OpenAPI document.
fn cacheable(req: &Request) -> bool {
    let path = req.uri().path();
    req.method() == Method::GET
        && !path.starts_with("/api/v1/export")
        && !path.starts_with("/static/")
        && path != "/api/v1/openapi.json"
}

fn marked(mut r: Response, how: &'static str) -> Response {
    r.headers_mut()
        .insert(HEADER, HeaderValue::from_static(how));
    r
}

/// The middleware: answers from the cache, or asks the handler and keeps its
/// answer.
pub async fn layer(State(s): State<crate::Shared>, req: Request, next: Next) -> Response {
    if s.responses.budget == 0 || !cacheable(&req) {
        return next.run(req).await;
    }
    let generation = match s.pool.generation().await {
        Ok(g) => g,
        Err(p) => {
            if req.uri().path().starts_with("/api/") {
                return p.into_response();
            }
            return next.run(req).await;
        }
    };
    let key = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string());
    if let Some(e) = s.responses.get(&generation, &key) {
        let mut r = Response::new(Body::from(e.body));
        *r.headers_mut() = e.headers;
        return marked(r, "hit");
    }
    let resp = next.run(req).await;
    let keep = resp.status() == StatusCode::OK
        && resp
            .body()
            .size_hint()
            .exact()
            .is_some_and(|n| n as usize <= MAX_ENTRY);
    if !keep {
        return marked(resp, "miss");
    }
    let (parts, body) = resp.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY).await {
        Ok(bytes) => {
            s.responses.put(
                &generation,
                key,
                Entry {
                    headers: parts.headers.clone(),
                    // a copy of its own size: the body's buffer may be larger
                    // than what it holds, and the budget counts the bytes kept
                    body: Bytes::copy_from_slice(&bytes),
                    used: 0,
                },
            );
            marked(Response::from_parts(parts, Body::from(bytes)), "miss")
        }
        Err(_) => crate::Problem::internal("a response could not be read").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &str) -> Entry {
        Entry {
            headers: HeaderMap::new(),
            body: Bytes::from(body.to_string()),
            used: 0,
        }
    }

    #[test]
    fn keeps_the_recently_used_within_its_budget() {
        let one = Inner::cost("/a", &entry(&"x".repeat(100)));
        let c = ResponseCache::new(3 * one);
        for k in ["/a", "/b", "/c"] {
            c.put("g1", k.into(), entry(&"x".repeat(100)));
        }
        // the generation is set by the first look-up
        assert!(c.get("g1", "/a").is_none());
        for k in ["/a", "/b", "/c"] {
            c.put("g1", k.into(), entry(&"x".repeat(100)));
        }
        assert_eq!(c.bytes(), 3 * one);
        assert!(c.get("g1", "/a").is_some()); // /a is now the most recent
        c.put("g1", "/d".into(), entry(&"x".repeat(100)));
        assert!(c.get("g1", "/b").is_none(), "the least recently used goes");
        assert!(c.get("g1", "/a").is_some());
        assert!(c.get("g1", "/c").is_some());
        assert!(c.get("g1", "/d").is_some());
        assert!(c.bytes() <= 3 * one);
        // replacing an entry does not count it twice
        c.put("g1", "/d".into(), entry(&"y".repeat(100)));
        assert_eq!(c.bytes(), 3 * one);
        assert_eq!(
            &c.get("g1", "/d").unwrap().body[..],
            "y".repeat(100).as_bytes()
        );
        // too big for the whole budget: not kept, nothing evicted
        c.put("g1", "/big".into(), entry(&"x".repeat(4 * one)));
        assert!(c.get("g1", "/big").is_none());
        assert!(c.get("g1", "/a").is_some());
    }

    #[test]
    fn a_new_generation_forgets_everything_and_late_answers_are_dropped() {
        let c = ResponseCache::new(1 << 20);
        assert!(c.get("g1", "/a").is_none());
        c.put("g1", "/a".into(), entry("old"));
        assert!(c.get("g1", "/a").is_some());
        // the store moved on: nothing from g1 is served
        assert!(c.get("g2", "/a").is_none());
        assert_eq!(c.bytes(), 0);
        // an answer computed at g1 that arrives after g2 was seen is not kept
        c.put("g1", "/a".into(), entry("old"));
        assert!(c.get("g2", "/a").is_none());
        c.put("g2", "/a".into(), entry("new"));
        assert_eq!(&c.get("g2", "/a").unwrap().body[..], b"new");
    }
}
