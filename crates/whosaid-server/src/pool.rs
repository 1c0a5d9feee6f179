//! A pool of store connections for reads: each request borrows one, runs its
//! blocking store calls on tokio's blocking threads, and gives it back.
//! SQLite in WAL mode lets these readers run beside the one writer.

use crate::problem::Problem;
use std::sync::Mutex;
use tokio::sync::Semaphore;
use whosaid_store::{Store, StoreError};

/// Dropped, a pool closes its connections; drop it off the async threads
/// (`serve_with` does). Where the last reference goes on an async thread all
/// the same (a keep-alive connection outliving the server's shutdown holds the
/// router, and with it the state), the connections close on a thread of their
/// own: the postgres client blocks on a runtime of its own when it closes,
/// which a tokio worker may not do (it panicked, and the panic in a destructor
/// aborted the process).
pub struct Pool {
    readers: whosaid_store::Readers,
    idle: Mutex<Vec<Box<dyn Store>>>,
    permits: Semaphore,
    /// A connection of its own for reading the store's generation, so that a
    /// response the cache holds is not queued behind the searches holding
    /// the pool's connections.
    /// Requests wait for it here, not on blocking threads.
    generation: std::sync::Arc<tokio::sync::Mutex<GenerationSlot>>,
}

#[derive(Default)]
struct GenerationSlot {
    conn: Option<Box<dyn Store>>,
    /// The last token read, and when that read began.
    last: Option<(std::time::Instant, String)>,
}

impl Drop for Pool {
    fn drop(&mut self) {
        if tokio::runtime::Handle::try_current().is_err() {
            return;
        }
        let idle = std::mem::take(self.idle.get_mut().unwrap_or_else(|e| e.into_inner()));
        let generation = self
            .generation
            .try_lock()
            .ok()
            .and_then(|mut s| s.conn.take());
        if idle.is_empty() && generation.is_none() {
            return;
        }
        // (where no thread can be had, leaving them open beats a panic here)
        let stores = (idle, generation);
        let (tx, rx) = std::sync::mpsc::channel();
        let closer = std::thread::Builder::new()
            .name("whosaid-pool-close".into())
            .spawn(move || drop(rx.recv()));
        match closer {
            Ok(_) => {
                if let Err(unsent) = tx.send(stores) {
                    std::mem::forget(unsent.0);
                }
            }
            Err(_) => std::mem::forget(stores),
        }
    }
}

impl Pool {
    /// Opens all `size` connections and the one for the generation, and
    /// reads into memory what their searches share (`Store::warm`), before
    /// the server listens: a bad `--db` fails at once, and no early request
    /// waits for a connection to open or warm (each SQLite reader used to
    /// read every quote's date on its first date search, ~0.4 s, while the
    /// requests behind it queued). A connection dropped after an error is
    /// opened again on demand, already warm.
    pub fn open(db: &str, size: usize) -> Result<Pool, StoreError> {
        let readers = whosaid_store::Readers::new(db);
        let size = size.max(1);
        let mut idle = Vec::with_capacity(size);
        for _ in 0..size {
            idle.push(readers.open()?);
        }
        idle[0].warm()?;
        let generation = GenerationSlot {
            conn: Some(readers.open()?),
            last: None,
        };
        Ok(Pool {
            readers,
            idle: Mutex::new(idle),
            permits: Semaphore::new(size),
            generation: std::sync::Arc::new(tokio::sync::Mutex::new(generation)),
        })
    }

    /// The store's generation token (`Store::generation`), read on the
    /// pool's own connection for it (opened again after an error). Requests that queued while one read was under way share the
    /// next: a read that began after a request arrived sees everything
    /// committed before it did, so its token is as good as one of its own.
    pub async fn generation(&self) -> Result<String, Problem> {
        let arrived = std::time::Instant::now();
        let mut slot = self.generation.clone().lock_owned().await;
        if let Some((began, token)) = &slot.last {
            if *began >= arrived {
                return Ok(token.clone());
            }
        }
        let readers = self.readers.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let began = std::time::Instant::now();
            let conn = match slot.conn.as_mut() {
                Some(c) => c,
                None => slot.conn.insert(readers.open()?),
            };
            let r = conn.generation();
            match &r {
                Ok(t) => slot.last = Some((began, t.clone())),
                Err(_) => {
                    // dropped here, off the async threads
                    slot.conn.take();
                    slot.last = None;
                }
            }
            r
        })
        .await;
        match joined {
            Ok(r) => r.map_err(Problem::store),
            Err(_) => Err(Problem::internal("a store call stopped unexpectedly")),
        }
    }

    /// Runs `f` on a pooled connection. A store error is logged in full and
    /// answered with a 500 that names no SQL.
    pub async fn run<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| Problem::internal("the store pool is closed"))?;
        let conn = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let readers = self.readers.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let mut conn = match conn {
                Some(c) => c,
                None => readers.open()?,
            };
            let r = f(conn.as_mut());
            // a connection that failed a query may be broken: drop it here, off
            // the async threads (the postgres client blocks when it closes)
            Ok::<_, StoreError>((r.is_ok().then_some(conn), r))
        })
        .await;
        match joined {
            Ok(Ok((conn, r))) => {
                if let (Some(c), Ok(mut v)) = (conn, self.idle.lock()) {
                    v.push(c);
                }
                r.map_err(Problem::store)
            }
            Ok(Err(e)) => Err(Problem::store(e)),
            Err(_) => Err(Problem::internal("a store call stopped unexpectedly")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last reference to a pool going on an async thread (a keep-alive
    /// connection outliving the server) closes its PostgreSQL connections
    /// without a panic: the postgres client may not block on a tokio worker.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_pool_dropped_on_an_async_thread_closes_its_connections() {
        let Ok(url) = std::env::var("WHOSAID_TEST_PG") else {
            eprintln!("skipped: WHOSAID_TEST_PG is not set, so the PostgreSQL pool was not dropped on an async thread (.ci/run sets it)");
            return;
        };
        let schema = format!("s_pool_drop_{}", std::process::id());
        let sep = if url.contains('?') { '&' } else { '?' };
        let db = format!("{url}{sep}schema={schema}");
        let pool = tokio::task::spawn_blocking(move || Pool::open(&db, 2))
            .await
            .unwrap()
            .unwrap();
        // on this worker thread, as the last connection task would
        tokio::spawn(async move { drop(pool) }).await.unwrap();
        tokio::task::spawn_blocking(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
            c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                .unwrap();
            drop(c);
        })
        .await
        .unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_generation_follows_writes_and_is_shared_by_waiting_requests() {
        let (db, mut writer) = crate::test_store("pool");
        let pool = std::sync::Arc::new(Pool::open(&db, 2).unwrap());
        let article = |id: &str| {
            let mut d = whosaid_core::Document::new(
                id,
                format!("\u{201c}We will talk about {id},\u{201d} Antony Blinken told reporters."),
            );
            whosaid_nlp::Analyzer::new(None).analyze(&mut d);
            whosaid_store::NewArticle::from_document(
                &d,
                "test",
                whosaid_pipeline::record_without_text(&d),
            )
        };
        let g0 = pool.generation().await.unwrap();
        let mut seen = vec![g0.clone()];
        for id in ["a", "b", "c"] {
            writer.ingest(&[article(id)]).unwrap();
            // many requests at once, all after the write: every one sees it
            let all = futures_util::future::join_all((0..20).map(|_| {
                let p = pool.clone();
                async move { p.generation().await.unwrap() }
            }))
            .await;
            assert!(all.iter().all(|g| g == &all[0]), "{all:?}");
            assert!(!seen.contains(&all[0]), "{id}: {all:?} after {seen:?}");
            seen.push(all[0].clone());
        }
        drop(writer);
        tokio::task::spawn_blocking(move || drop(pool))
            .await
            .unwrap();
        let _ = std::fs::remove_dir_all(std::path::Path::new(&db).parent().unwrap());
    }
}
