//! The engine behind `analyze_many`: jobs go to worker threads in a bounded
//! window and come back in input order, whatever order they finish in.
//!
//! Plain Rust, no Python: the caller (the module's iterator) pulls inputs
//! from Python and converts results with the GIL held, and waits here with the
//! GIL released. Bounded: at most `window` jobs are queued, being worked on or
//! waiting to be taken in order, so memory stays flat over any stream. A panic
//! in the work function costs its job (`Err(Panicked)`), never a worker.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The work function panicked on this job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panicked;

/// What `wait` found.
#[derive(Debug, PartialEq)]
pub enum Next<O> {
    /// The result of the next job in input order.
    Ready(Result<O, Panicked>),
    /// Nothing in flight: every submitted job was taken.
    Idle,
    /// The next result is not ready yet (the wait timed out).
    Pending,
}

pub struct Ordered<J, O> {
    jobs: Option<SyncSender<(u64, J)>>,
    results: Receiver<(u64, Result<O, Panicked>)>,
    /// Results that came back before the ones ahead of them.
    early: HashMap<u64, Result<O, Panicked>>,
    next_in: u64,
    next_out: u64,
    window: usize,
    cancel: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl<J: Send + 'static, O: Send + 'static> Ordered<J, O> {
    /// Starts `threads` workers running `work`, with at most `window` jobs in flight.
    pub fn new<F>(threads: usize, window: usize, work: F) -> Self
    where
        F: Fn(J) -> O + Send + Sync + 'static,
    {
        let threads = threads.max(1);
        let window = window.max(threads);
        let (job_tx, job_rx) = mpsc::sync_channel::<(u64, J)>(window);
        let (res_tx, results) = mpsc::channel();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let work = Arc::new(work);
        let cancel = Arc::new(AtomicBool::new(false));
        let workers = (0..threads)
            .map(|i| {
                let (job_rx, res_tx, work, cancel) = (
                    Arc::clone(&job_rx),
                    res_tx.clone(),
                    Arc::clone(&work),
                    Arc::clone(&cancel),
                );
                std::thread::Builder::new()
                    .name(format!("whosaid-{i}"))
                    .spawn(move || loop {
                        // the lock is held only while taking a job, not while working on it
                        let next = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((idx, job)) = next else { return };
                        if cancel.load(Ordering::Relaxed) {
                            continue; // drain quickly: nobody wants the result
                        }
                        let r = catch_unwind(AssertUnwindSafe(|| work(job))).map_err(|_| Panicked);
                        if res_tx.send((idx, r)).is_err() {
                            return;
                        }
                    })
                    .expect("spawning an analysis thread")
            })
            .collect();
        Ordered {
            jobs: Some(job_tx),
            results,
            early: HashMap::new(),
            next_in: 0,
            next_out: 0,
            window,
            cancel,
            workers,
        }
    }

    /// Jobs submitted and not yet taken by `wait`.
    pub fn in_flight(&self) -> usize {
        (self.next_in - self.next_out) as usize
    }

    /// Can another job be submitted without waiting?
    pub fn has_room(&self) -> bool {
        self.jobs.is_some() && self.in_flight() < self.window
    }

    /// Queues a job; returns its index (its place in the output). Call only when
    /// `has_room`: then it never blocks.
    pub fn submit(&mut self, job: J) -> u64 {
        let idx = self.next_in;
        self.next_in += 1;
        let sent = self.jobs.as_ref().map(|tx| tx.send((idx, job)));
        if !matches!(sent, Some(Ok(()))) {
            // workers gone (cancelled): the job's place still gets an answer
            self.early.insert(idx, Err(Panicked));
        }
        idx
    }

    /// Takes a place in the output for a result known without any work (a bad
    /// input found while reading it), so it comes out in order with the others.
    pub fn submit_ready(&mut self, out: O) -> u64 {
        let idx = self.next_in;
        self.next_in += 1;
        self.early.insert(idx, Ok(out));
        idx
    }

    /// The next result in input order, waiting at most `timeout` for it.
    pub fn wait(&mut self, timeout: Duration) -> Next<O> {
        if self.next_out == self.next_in {
            return Next::Idle;
        }
        loop {
            if let Some(r) = self.early.remove(&self.next_out) {
                self.next_out += 1;
                return Next::Ready(r);
            }
            match self.results.recv_timeout(timeout) {
                Ok((idx, r)) => {
                    self.early.insert(idx, r);
                }
                Err(RecvTimeoutError::Timeout) => return Next::Pending,
                Err(RecvTimeoutError::Disconnected) => {
                    // every worker is gone: what was in flight is lost
                    self.early.insert(self.next_out, Err(Panicked));
                }
            }
        }
    }
}

impl<J, O> Ordered<J, O> {
    /// Stops the workers: jobs not started are dropped, the ones being worked
    /// on finish, and the threads are joined. Later submissions answer `Err(Panicked)`.
    pub fn stop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.jobs = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl<J, O> Drop for Ordered<J, O> {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn drain<O: Send + 'static>(o: &mut Ordered<u64, O>) -> Vec<Result<O, Panicked>> {
        let mut out = Vec::new();
        loop {
            match o.wait(Duration::from_secs(10)) {
                Next::Ready(r) => out.push(r),
                Next::Idle => return out,
                Next::Pending => panic!("a result took over 10 s"),
            }
        }
    }

    #[test]
    fn results_come_back_in_input_order_whatever_finishes_first() {
        // early jobs are the slow ones, so later ones finish first
        let mut o = Ordered::new(4, 16, |i: u64| {
            std::thread::sleep(Duration::from_millis(20u64.saturating_sub(i * 2)));
            i * 10
        });
        for i in 0..10 {
            assert!(o.has_room());
            o.submit(i);
        }
        let got: Vec<u64> = drain(&mut o).into_iter().map(Result::unwrap).collect();
        assert_eq!(got, (0..10).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn the_window_bounds_what_is_in_flight() {
        let mut o = Ordered::new(2, 3, |i: u64| i);
        for i in 0..3 {
            o.submit(i);
        }
        assert!(!o.has_room());
        assert_eq!(o.in_flight(), 3);
        assert_eq!(o.wait(Duration::from_secs(10)), Next::Ready(Ok(0)));
        assert!(o.has_room());
    }

    #[test]
    fn work_runs_on_several_threads_at_once() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (r, m) = (Arc::clone(&running), Arc::clone(&most));
        let mut o = Ordered::new(3, 12, move |i: u64| {
            let now = r.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(30));
            r.fetch_sub(1, Ordering::SeqCst);
            i
        });
        for i in 0..9 {
            o.submit(i);
        }
        assert_eq!(drain(&mut o).len(), 9);
        assert!(most.load(Ordering::SeqCst) >= 2, "never two jobs at once");
    }

    #[test]
    fn a_panic_costs_its_job_not_the_worker() {
        let mut o = Ordered::new(1, 8, |i: u64| {
            assert!(i != 2, "job two fails");
            i
        });
        for i in 0..5 {
            o.submit(i);
        }
        let got = drain(&mut o);
        assert_eq!(got, vec![Ok(0), Ok(1), Err(Panicked), Ok(3), Ok(4)]);
    }

    #[test]
    fn ready_results_keep_their_place() {
        let mut o = Ordered::new(2, 8, |i: u64| i);
        o.submit(0);
        o.submit_ready(99);
        o.submit(2);
        let got: Vec<u64> = drain(&mut o).into_iter().map(Result::unwrap).collect();
        assert_eq!(got, [0, 99, 2]);
    }

    #[test]
    fn stop_drops_queued_jobs_and_joins_the_workers() {
        let done = Arc::new(AtomicUsize::new(0));
        let d = Arc::clone(&done);
        let mut o = Ordered::new(1, 64, move |i: u64| {
            std::thread::sleep(Duration::from_millis(20));
            d.fetch_add(1, Ordering::SeqCst);
            i
        });
        for i in 0..50 {
            o.submit(i);
        }
        std::thread::sleep(Duration::from_millis(30));
        o.stop();
        let n = done.load(Ordering::SeqCst);
        assert!(n < 10, "{n} of 50 jobs ran after stop");
        assert!(!o.has_room());
        assert_eq!(o.submit(7), 50);
    }
}
