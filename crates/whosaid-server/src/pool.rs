//! A pool of store connections for reads: each request borrows one, runs its
//! blocking store calls on tokio's blocking threads, and gives it back.
//! SQLite in WAL mode lets these readers run beside the one writer.

use crate::problem::Problem;
use std::sync::Mutex;
use tokio::sync::Semaphore;
use whosaid_store::{Store, StoreError};

/// Dropped, a pool closes its connections; drop it off the async threads
/// (`serve_with` does).
pub struct Pool {
    db: String,
    idle: Mutex<Vec<Box<dyn Store>>>,
    permits: Semaphore,
}

impl Pool {
    /// Opens one connection at once (so a bad `--db` fails before listening);
    /// the others open on demand, up to `size`.
    pub fn open(db: &str, size: usize) -> Result<Pool, StoreError> {
        let first = whosaid_store::open_reader(db)?;
        Ok(Pool {
            db: db.to_string(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size.max(1)),
        })
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
        let db = self.db.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let mut conn = match conn {
                Some(c) => c,
                None => whosaid_store::open_reader(&db)?,
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
