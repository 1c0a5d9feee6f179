//! Checkpoints beside the writer (SQLite). In WAL mode each commit appends
//! pages to the log, and a checkpoint copies them into the database file;
//! left to itself (`wal_autocheckpoint`) the writer does that inside its
//! commits, and it was a twentieth of its time. Here a thread of its own, on
//! a connection of its own, does it (PASSIVE: it never blocks the writer) once
//! the log holds [`Checkpointer::BACKGROUND_AT`] frames. The log starts over
//! only when a checkpoint has finished before the writer's next transaction
//! begins; a writer that never pauses would grow it without end, so once the
//! log holds [`Checkpointer::WAIT_AT`] frames the writer waits for the thread
//! and checkpoints the rest itself, as autocheckpoint would have.

use rusqlite::hooks::Wal;
use rusqlite::Connection;
use std::ffi::c_int;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub(crate) struct Checkpointer {
    wake: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Frames in the log that wake the thread.
    pub(crate) const BACKGROUND_AT: c_int = 2048;
    /// Frames in the log at which the writer waits: the autocheckpoint size the
    /// store had set. Every page read looks through the log's index, so a
    /// longer log slows readers and the writer alike (measured: four times
    /// this cost the analysis threads' candidate reads a third more CPU).
    pub(crate) const WAIT_AT: c_int = 8192;

    /// Starts the thread on `path` and sets the hook on the writer's `conn`;
    /// `None` (autocheckpoint stays) when the thread cannot open the store.
    pub(crate) fn start(
        conn: &mut Connection,
        path: &str,
        background_at: c_int,
        wait_at: c_int,
    ) -> Option<Checkpointer> {
        let ck = Connection::open(path).ok()?;
        ck.busy_timeout(std::time::Duration::from_secs(30)).ok()?;
        let running = Arc::new(Mutex::new(()));
        let (wake, rx) = sync_channel::<()>(1);
        let thread_running = Arc::clone(&running);
        let thread = std::thread::Builder::new()
            .name("whosaid-checkpoint".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    let _running = thread_running.lock();
                    // a failed checkpoint leaves the log as it was: the next one, or the writer's, copies it
                    let _ = ck.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok()?;
        let hook_wake = wake.clone();
        let hooked = conn.wal_hook(Some(move |wal: &mut Wal, frames: c_int| {
            if frames >= wait_at {
                let _running = running.lock();
                // PASSIVE: it copies what the thread has not, and never waits for readers
                let _ = wal.checkpoint();
            } else if frames >= background_at {
                // one wake-up pending is enough
                let _ = hook_wake.try_send(());
            }
            Ok(())
        }));
        if hooked.is_err() {
            return None;
        }
        Some(Checkpointer {
            wake: Some(wake),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // the writer's connection (and its hook's sender) goes first, then this
        // sender: the thread's channel closes and it ends after its checkpoint
        self.wake.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> String {
        let p = std::env::temp_dir().join(format!("whosaid-ckpt-{name}-{}.db", std::process::id()));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
        }
        p.display().to_string()
    }

    fn wal_frames(path: &str) -> u64 {
        let len = std::fs::metadata(format!("{path}-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
        len.saturating_sub(32) / (4096 + 24)
    }

    /// A writer that never pauses: the log stays bounded, and every row
    /// reaches the database file.
    #[test]
    fn the_log_stays_bounded_while_the_writer_never_pauses() {
        let path = temp("bounded");
        let mut w = Connection::open(&path).unwrap();
        w.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (x BLOB)",
        )
        .unwrap();
        let ck = Checkpointer::start(&mut w, &path, 16, 64).expect("started");
        let mut most = 0;
        for i in 0..300 {
            let tx = w.transaction().unwrap();
            for _ in 0..4 {
                tx.execute("INSERT INTO t VALUES (zeroblob(3000))", [])
                    .unwrap();
            }
            tx.commit().unwrap();
            most = most.max(wal_frames(&path));
            assert!(
                most < 64 + 32,
                "the log grew to {most} frames at commit {i}"
            );
        }
        drop(w);
        drop(ck);
        let r = Connection::open(&path).unwrap();
        let n: i64 = r
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1200);
        assert!(most >= 16, "the log was written to ({most} frames)");
    }
}
