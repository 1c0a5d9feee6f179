//! Rust-side timers for `bench/bench.py`: where one call of `analyze` spends
//! its time. Off unless a thread arms them (`_stages(True)`, for that thread
//! alone, so `analyze_many`'s workers never record); then each stage of the
//! call notes the time it ended, and `_stages_take()` hands them over.
//!
//! Off, a mark costs one thread-local read; on, a clock read (~25 ns), and the
//! bench measures the overhead itself with them off.

use std::cell::{Cell, RefCell};
use std::time::Instant;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static MARKS: RefCell<Vec<(&'static str, Instant)>> = const { RefCell::new(Vec::new()) };
}

/// Notes that the stage `name` of the current call ended now (when armed).
#[inline]
pub fn mark(name: &'static str) {
    if ARMED.with(Cell::get) {
        MARKS.with(|m| m.borrow_mut().push((name, Instant::now())));
    }
}

/// Arms or disarms the marks on this thread; either way drops those noted.
pub fn arm(on: bool) {
    ARMED.with(|a| a.set(on));
    MARKS.with(|m| m.borrow_mut().clear());
}

/// The marks noted since the last take, as (stage, nanoseconds since the one
/// before it); the first is relative to itself (0).
pub fn take() -> Vec<(&'static str, u64)> {
    MARKS.with(|m| {
        let marks = std::mem::take(&mut *m.borrow_mut());
        let mut last = marks.first().map(|&(_, t)| t);
        marks
            .into_iter()
            .map(|(name, t)| {
                let d = last.map_or(0, |l| t.duration_since(l).as_nanos() as u64);
                last = Some(t);
                (name, d)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_noted_only_on_an_armed_thread_in_order() {
        arm(false);
        mark("a");
        assert!(take().is_empty());
        arm(true);
        mark("enter");
        std::thread::sleep(std::time::Duration::from_millis(2));
        mark("slept");
        std::thread::spawn(|| mark("elsewhere")).join().unwrap();
        let got = take();
        assert_eq!(
            got.iter().map(|m| m.0).collect::<Vec<_>>(),
            ["enter", "slept"]
        );
        assert_eq!(got[0].1, 0);
        assert!(got[1].1 >= 2_000_000, "{got:?}");
        assert!(take().is_empty());
        arm(false);
    }
}
