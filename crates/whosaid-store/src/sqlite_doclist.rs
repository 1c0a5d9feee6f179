//! Full-text matches held in memory for word searches with dates (SQLite's
//! read side). Such a search walks every match of its words, newest first,
//! testing each one's date in the `SaidOnColumn`, because a date range of a
//! few years passes a few percent of the store: walking a common word's
//! 30,000-90,000 matches through SQLite costs 3-8 ms, most of the request.
//! The same words come back with other dates (searches follow a Zipf law),
//! so the matches of a query are kept here, in a least-recently-used map
//! bounded by bytes and shared by a process's reader connections (in
//! `Readers`), and walked in memory the next time.
//!
//! Quotes are only ever appended (ids grow; nothing is rewritten or deleted),
//! so a list read up to quote id `upto` is brought up to date by reading the
//! matches past `upto` alone; a connection whose snapshot is older than a
//! list skips the ids past its own newest quote.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// The bytes of matches kept (8 a match: 2 M matches, the most searched
/// words' all; a common word has 30,000-100,000).
pub(crate) const DOCLIST_BUDGET: usize = 16 << 20;

/// Every quote id a full-text query matches, ascending, as a snapshot whose
/// newest quote id was `upto` saw them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Doclist {
    pub upto: i64,
    pub ids: Vec<i64>,
}

impl Doclist {
    /// The matches a snapshot whose newest quote is `newest` sees.
    pub fn seen_at(&self, newest: i64) -> &[i64] {
        &self.ids[..self.ids.partition_point(|&i| i <= newest)]
    }

    fn cost(key: &str, d: &Doclist) -> usize {
        2 * key.len() + 8 * d.ids.len() + 96
    }
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, (Arc<Doclist>, u64)>,
    /// Keys by when they were last used, the oldest first.
    by_use: BTreeMap<u64, String>,
    bytes: usize,
    clock: u64,
}

/// The shared map (cheap to clone: one `Arc`).
#[derive(Clone)]
pub(crate) struct DoclistCache {
    budget: usize,
    inner: Arc<Mutex<Inner>>,
}

impl Default for DoclistCache {
    fn default() -> DoclistCache {
        DoclistCache::new(DOCLIST_BUDGET)
    }
}

impl DoclistCache {
    pub fn new(budget: usize) -> DoclistCache {
        DoclistCache {
            budget,
            inner: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // every change below completes under the lock before it can panic
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &str) -> Option<Arc<Doclist>> {
        let mut g = self.lock();
        g.clock += 1;
        let now = g.clock;
        let (d, used) = g.map.get_mut(key)?;
        let was = std::mem::replace(used, now);
        let d = d.clone();
        g.by_use.remove(&was);
        g.by_use.insert(now, key.to_string());
        Some(d)
    }

    /// Keeps `d` for `key` (replacing an older list), dropping the least
    /// recently used beyond the budget; a list larger than the whole budget
    /// is not kept.
    pub fn put(&self, key: &str, d: Arc<Doclist>) {
        let cost = Doclist::cost(key, &d);
        if cost > self.budget {
            return;
        }
        let mut g = self.lock();
        if let Some((old, used)) = g.map.remove(key) {
            // a list another connection brought further along stays
            if old.upto > d.upto {
                g.map.insert(key.to_string(), (old, used));
                return;
            }
            g.bytes -= Doclist::cost(key, &old);
            g.by_use.remove(&used);
        }
        while g.bytes + cost > self.budget {
            let Some((_, k)) = g.by_use.pop_first() else {
                break;
            };
            if let Some((old, _)) = g.map.remove(&k) {
                g.bytes -= Doclist::cost(&k, &old);
            }
        }
        g.clock += 1;
        let now = g.clock;
        g.bytes += cost;
        g.by_use.insert(now, key.to_string());
        g.map.insert(key.to_string(), (d, now));
    }

    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(upto: i64, n: i64) -> Arc<Doclist> {
        Arc::new(Doclist {
            upto,
            ids: (1..=n).collect(),
        })
    }

    #[test]
    fn keeps_the_recently_used_within_its_budget() {
        let one = Doclist::cost("a", &list(10, 10));
        let c = DoclistCache::new(3 * one);
        for k in ["a", "b", "c"] {
            c.put(k, list(10, 10));
        }
        assert_eq!(c.bytes(), 3 * one);
        assert!(c.get("a").is_some()); // a is now the most recent
        c.put("d", list(10, 10));
        assert!(c.get("b").is_none(), "the least recently used goes");
        assert!(c.get("a").is_some() && c.get("c").is_some() && c.get("d").is_some());
        assert_eq!(c.bytes(), 3 * one);
        // a newer list replaces the older one, counted once
        c.put("d", list(12, 10));
        assert_eq!(c.get("d").unwrap().upto, 12);
        assert_eq!(c.bytes(), 3 * one);
        // an older list does not replace a newer one
        c.put("d", list(11, 10));
        assert_eq!(c.get("d").unwrap().upto, 12);
        // too big for the whole budget: not kept, nothing evicted
        c.put("big", list(10, 1000));
        assert!(c.get("big").is_none());
        assert!(c.get("a").is_some());
    }

    #[test]
    fn an_older_snapshot_sees_only_its_own_matches() {
        let d = Doclist {
            upto: 50,
            ids: vec![3, 9, 20, 41, 50],
        };
        assert_eq!(d.seen_at(50), [3, 9, 20, 41, 50]);
        assert_eq!(d.seen_at(40), [3, 9, 20]);
        assert_eq!(d.seen_at(2), [] as [i64; 0]);
    }
}
