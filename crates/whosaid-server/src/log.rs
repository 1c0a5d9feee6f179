//! The request log: one line per request on stderr, written by a thread of
//! its own so that no request waits on the terminal or pipe. Lines are
//! written as they come; when several are waiting (under load) they go out
//! in one write, and the buffer is flushed whenever no line is waiting, so
//! an idle server's log is never behind.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

enum Msg {
    Line(String),
    Stop,
}

/// The writing thread; `finish` writes what is left and waits for it.
pub struct Log {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

/// A handle requests log through.
#[derive(Clone)]
pub struct LogSender(Sender<Msg>);

impl LogSender {
    pub fn line(&self, line: String) {
        // the writer is gone only after `finish`: nothing is waiting to read it then
        let _ = self.0.send(Msg::Line(line));
    }
}

impl Log {
    /// Writes to stderr.
    pub fn start() -> Log {
        Log::to(std::io::stderr())
    }

    pub fn to(out: impl Write + Send + 'static) -> Log {
        let (tx, rx) = channel();
        let thread = std::thread::Builder::new()
            .name("whosaid-log".into())
            .spawn(move || write_lines(rx, out))
            .ok();
        Log { tx, thread }
    }

    pub fn sender(&self) -> LogSender {
        LogSender(self.tx.clone())
    }

    /// Writes every line sent before this call, then stops the thread.
    pub fn finish(mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn write_lines(rx: Receiver<Msg>, out: impl Write) {
    let mut out = std::io::BufWriter::with_capacity(32 << 10, out);
    while let Ok(first) = rx.recv() {
        let mut next = Some(first);
        while let Some(m) = next {
            match m {
                Msg::Line(l) => {
                    let _ = out.write_all(l.as_bytes());
                    let _ = out.write_all(b"\n");
                }
                Msg::Stop => {
                    let _ = out.flush();
                    return;
                }
            }
            next = rx.try_recv().ok();
        }
        let _ = out.flush();
    }
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_before_finish_returns() {
        let buf = Shared::default();
        let log = Log::to(buf.clone());
        let s = log.sender();
        for i in 0..1000 {
            s.line(format!("GET /{i} 200 0.1ms"));
        }
        log.finish();
        let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1000);
        assert_eq!(lines[0], "GET /0 200 0.1ms");
        assert_eq!(lines[999], "GET /999 200 0.1ms");
    }

    #[test]
    fn an_idle_log_is_flushed_at_once() {
        struct Flushes(Arc<Mutex<(Vec<u8>, Vec<u8>)>>);
        impl Write for Flushes {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().0.extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                let mut g = self.0.lock().unwrap();
                let pending = std::mem::take(&mut g.0);
                g.1.extend(pending);
                Ok(())
            }
        }
        let seen = Arc::new(Mutex::new((Vec::new(), Vec::new())));
        let log = Log::to(Flushes(seen.clone()));
        log.sender().line("one".into());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while seen.lock().unwrap().1 != b"one\n" {
            assert!(
                std::time::Instant::now() < deadline,
                "the line was not flushed while the log was idle"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        log.finish();
    }
}
