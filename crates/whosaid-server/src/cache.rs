//! Results that change only when the store does, kept between requests: a
//! speaker's page data (counts, spellings, the weekly chart, who is named
//! beside them: a pass over every statement of the speaker), the stats and the
//! overview (passes over every statement). Each is stored with the store's
//! generation token read before it was computed (`Store::generation`) and
//! served only while the store still reads that token, so an ingest by this
//! server or by any other process invalidates them. Searches are not cached:
//! their plans are bounded instead (see `whosaid-store`).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use whosaid_store::{Overview, SpeakerDetail, Stats, Store, StoreError};

/// The most speakers kept (each a few KiB to a few tens of KiB).
const MAX_SPEAKERS: usize = 2000;

#[derive(Default)]
struct Inner {
    generation: String,
    speakers: HashMap<i64, Option<SpeakerDetail>>,
    order: VecDeque<i64>,
    stats: Option<Stats>,
    overview: Option<(usize, Overview)>,
}

impl Inner {
    /// Forgets everything when the store has moved on.
    fn at(&mut self, generation: &str) {
        if self.generation != generation {
            *self = Inner {
                generation: generation.to_string(),
                ..Inner::default()
            };
        }
    }
}

#[derive(Default)]
pub struct Cache {
    inner: Mutex<Inner>,
}

impl Cache {
    fn with<T>(&self, generation: &str, f: impl FnOnce(&mut Inner) -> T) -> Option<T> {
        let mut g = self.inner.lock().ok()?;
        g.at(generation);
        Some(f(&mut g))
    }

    /// One speaker (None: no such speaker), from the cache or the store.
    pub fn speaker(
        &self,
        st: &mut dyn Store,
        id: i64,
    ) -> Result<Option<SpeakerDetail>, StoreError> {
        let generation = st.generation()?;
        if let Some(Some(d)) = self.with(&generation, |c| c.speakers.get(&id).cloned()) {
            return Ok(d);
        }
        let d = st.speaker(id)?;
        self.with(&generation, |c| {
            if c.speakers.insert(id, d.clone()).is_none() {
                c.order.push_back(id);
                while c.order.len() > MAX_SPEAKERS {
                    if let Some(old) = c.order.pop_front() {
                        c.speakers.remove(&old);
                    }
                }
            }
        });
        Ok(d)
    }

    pub fn stats(&self, st: &mut dyn Store) -> Result<Stats, StoreError> {
        let generation = st.generation()?;
        if let Some(Some(s)) = self.with(&generation, |c| c.stats) {
            return Ok(s);
        }
        let s = st.stats()?;
        self.with(&generation, |c| c.stats = Some(s));
        Ok(s)
    }

    pub fn overview(&self, st: &mut dyn Store, top: usize) -> Result<Overview, StoreError> {
        let generation = st.generation()?;
        let hit = self.with(&generation, |c| {
            c.overview
                .as_ref()
                .filter(|o| o.0 == top)
                .map(|o| o.1.clone())
        });
        if let Some(Some(o)) = hit {
            return Ok(o);
        }
        let o = st.overview(top)?;
        self.with(&generation, |c| c.overview = Some((top, o.clone())));
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid_store::NewArticle;

    fn article(id: &str, text: &str) -> NewArticle {
        let mut d = whosaid_core::Document::new(id, text.to_string());
        whosaid_nlp::Analyzer::new(None).analyze(&mut d);
        NewArticle::from_document(&d, "test", whosaid_pipeline::record_without_text(&d))
    }

    #[test]
    fn cached_results_follow_the_store() {
        let (db, mut writer) = crate::test_store("cache");
        writer
            .ingest(&[article(
                "a",
                "\u{201c}We will talk,\u{201d} Antony Blinken told reporters on Monday.",
            )])
            .unwrap();
        let mut reader = whosaid_store::open_reader(&db).unwrap();
        let cache = Cache::default();
        let s1 = cache.stats(reader.as_mut()).unwrap();
        assert_eq!(s1.articles, 1);
        let id = reader.speakers(1).unwrap()[0].id;
        let d1 = cache.speaker(reader.as_mut(), id).unwrap().unwrap();
        assert_eq!(d1.row.quotes, 1);
        assert!(cache.speaker(reader.as_mut(), id + 1000).unwrap().is_none());
        // another connection writes: the cached answers are not served again
        writer
            .ingest(&[article(
                "b",
                "\u{201c}The door is open,\u{201d} Antony Blinken said in Geneva.",
            )])
            .unwrap();
        assert_eq!(cache.stats(reader.as_mut()).unwrap().articles, 2);
        let d2 = cache.speaker(reader.as_mut(), id).unwrap().unwrap();
        assert_eq!(d2.row.quotes, 2);
        // and an unchanged store answers from the cache: same values
        assert_eq!(cache.speaker(reader.as_mut(), id).unwrap().unwrap(), d2);
        drop((writer, reader));
        let _ = std::fs::remove_dir_all(std::path::Path::new(&db).parent().unwrap());
    }
}
