//! Copy candidates read beside the writer (SQLite). The analysis threads read
//! each new article's candidates from the committed store through their own
//! connections ([`SqliteCopyReader`]: WAL lets them read while the writer
//! writes); the writer then adds only the articles stored since each snapshot,
//! which it remembers ([`RecentBands`]). The merged answer is the one a
//! lookup inside the transaction gives (`copies::merge_snapshot`), so the
//! writer's probes of `copy_bands`, a tenth of its time, move to the readers.

use crate::copies::{CandidateSnapshot, CopyReader};
use crate::sqlite::err;
use crate::Result;
use rusqlite::Connection;
use std::collections::HashMap;

/// The band keys of the articles this writer stored lately: complete for
/// every article id above `complete_above` (nobody else wrote since).
#[derive(Default)]
pub(crate) struct RecentBands {
    /// Key → article ids, ascending.
    pub(crate) by_band: HashMap<i64, Vec<i64>>,
    /// Every stored article above this id is in `by_band`.
    pub(crate) complete_above: i64,
    /// The newest article id after this writer's last commit; `None` before
    /// the first batch and after a failed one.
    pub(crate) last_max: Option<i64>,
}

impl RecentBands {
    /// At a batch's start, with the store's newest article id: when another
    /// writer (or a failed batch) intervened, start over from here.
    pub(crate) fn begin(&mut self, db_max: i64) {
        if self.last_max != Some(db_max) {
            self.by_band.clear();
            self.complete_above = db_max;
        }
    }

    /// An article stored in this transaction with these keys (ids ascend).
    pub(crate) fn add(&mut self, article: i64, bands: &[i64]) {
        for &b in bands {
            let v = self.by_band.entry(b).or_default();
            match v.last() {
                Some(&last) if last == article => {}
                Some(&last) if last > article => {
                    if let Err(i) = v.binary_search(&article) {
                        v.insert(i, article);
                    }
                }
                _ => v.push(article),
            }
        }
    }

    /// After a commit: `newest` is the store's newest id, and no later
    /// snapshot is older than `oldest_snapshot` (the oldest this batch used;
    /// `None`: the batch brought none, and what is kept would only grow).
    pub(crate) fn committed(&mut self, newest: i64, oldest_snapshot: Option<i64>) {
        self.last_max = Some(newest);
        let keep_above = oldest_snapshot.unwrap_or(newest).min(newest);
        if keep_above > self.complete_above {
            self.by_band.retain(|_, v| {
                v.retain(|&a| a > keep_above);
                !v.is_empty()
            });
            self.complete_above = keep_above;
        }
    }

    /// A failed batch: what it added may be rolled back.
    pub(crate) fn failed(&mut self) {
        self.last_max = None;
        self.by_band.clear();
    }
}

/// A connection of its own that reads candidates from the committed store.
pub(crate) struct SqliteCopyReader {
    pub(crate) conn: Connection,
}

impl CopyReader for SqliteCopyReader {
    fn snapshot(&mut self, bands: &[i64], per_key: usize) -> Result<CandidateSnapshot> {
        let mut keys = bands.to_vec();
        keys.sort_unstable();
        keys.dedup();
        // one read transaction: the newest id and every key's rows agree
        let tx = self
            .conn
            .transaction()
            .map_err(err("reading copy candidates"))?;
        let max_id: i64 = tx
            .prepare_cached("SELECT COALESCE(max(id), 0) FROM articles")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(err("reading copy candidates"))?;
        let sql = format!(
            "SELECT article_id FROM copy_bands WHERE band = ?1 ORDER BY article_id DESC LIMIT {per_key}"
        );
        let mut rows = Vec::with_capacity(keys.len());
        {
            let mut st = tx
                .prepare_cached(&sql)
                .map_err(err("reading copy candidates"))?;
            for b in keys {
                let ids = st
                    .query_map([b], |r| r.get(0))
                    .and_then(|m| m.collect::<std::result::Result<Vec<i64>, _>>())
                    .map_err(err("reading copy candidates"))?;
                rows.push((b, ids));
            }
        }
        tx.commit().map_err(err("reading copy candidates"))?;
        Ok(CandidateSnapshot {
            max_id,
            per_key,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_later_snapshots_need_and_starts_over_when_another_wrote() {
        let mut r = RecentBands::default();
        r.begin(10);
        r.add(11, &[5, 7, 5]);
        r.add(12, &[5]);
        assert_eq!(r.by_band[&5], [11, 12]);
        r.committed(12, Some(10));
        assert_eq!(
            (r.complete_above, r.by_band[&7].as_slice()),
            (10, &[11][..])
        );
        // the next batch's snapshots saw 11: it is dropped, 12 kept
        r.begin(12);
        r.add(13, &[7]);
        r.committed(13, Some(11));
        assert_eq!(r.by_band[&5], [12]);
        assert_eq!(r.by_band[&7], [13]);
        // another writer stored 14..20: nothing kept is complete any more
        r.begin(20);
        assert!(r.by_band.is_empty());
        assert_eq!(r.complete_above, 20);
        // a batch without snapshots keeps nothing
        r.add(21, &[1]);
        r.committed(21, None);
        assert!(r.by_band.is_empty());
        assert_eq!(r.complete_above, 21);
        r.failed();
        r.begin(21);
        assert_eq!(r.complete_above, 21);
    }
}
