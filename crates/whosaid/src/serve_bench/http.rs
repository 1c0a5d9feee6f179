//! A lean HTTP/1.1 client for the load test: one keep-alive connection per
//! client, the request written from a reused buffer, the response read
//! through a reused buffer and its body skipped as it arrives (counted, never
//! copied or parsed). It understands what a server may answer a GET with:
//! `Content-Length`, `Transfer-Encoding: chunked`, or a body up to the close;
//! `Connection: close` reconnects before the next request. Anything else is
//! an error naming the problem, and the connection is dropped.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// What the load test keeps of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// Body bytes (after removing any chunked framing).
    pub body: usize,
    /// The server said it answered from its response cache
    /// (`x-whosaid-cache: hit`).
    pub cached: bool,
}

/// The largest status line or header line accepted.
const MAX_LINE: usize = 16 << 10;

/// Reads one response from `r` into nothing: the status, the body's length
/// and whether the server will close the connection after it. `buf` holds
/// bytes read past the previous response (`*pos..*end`) and is reused.
pub struct Reader<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
}

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

impl<R: Read> Reader<R> {
    pub fn new(inner: R) -> Self {
        Reader {
            inner,
            buf: vec![0; 64 << 10].into_boxed_slice(),
            pos: 0,
            end: 0,
        }
    }

    /// More bytes into the buffer (moving the unread ones to the front when
    /// the buffer is full); false at the end of the stream.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        } else if self.end == self.buf.len() {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            return Err(bad("a response line longer than the read buffer"));
        }
        let n = loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.end += n;
        Ok(n > 0)
    }

    /// Calls `f` with the next line (without its CRLF or LF) and consumes it.
    fn line<T>(&mut self, f: impl FnOnce(&[u8]) -> io::Result<T>) -> io::Result<T> {
        let mut scanned = 0;
        loop {
            let avail = &self.buf[self.pos + scanned..self.end];
            if let Some(i) = avail.iter().position(|&b| b == b'\n') {
                let stop = self.pos + scanned + i;
                let mut line = &self.buf[self.pos..stop];
                if let [rest @ .., b'\r'] = line {
                    line = rest;
                }
                let out = f(line);
                self.pos = stop + 1;
                return out;
            }
            scanned = self.end - self.pos;
            if scanned > MAX_LINE {
                return Err(bad(format!("a header line over {MAX_LINE} bytes")));
            }
            if !self.fill()? {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the connection closed inside a response head",
                ));
            }
        }
    }

    /// Skips `n` body bytes.
    fn skip(&mut self, mut n: usize) -> io::Result<()> {
        while n > 0 {
            if self.pos == self.end && !self.fill()? {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the connection closed inside a response body",
                ));
            }
            let take = n.min(self.end - self.pos);
            self.pos += take;
            n -= take;
        }
        Ok(())
    }

    /// One response; the bool says the connection must not be reused.
    pub fn response(&mut self) -> io::Result<(Answer, bool)> {
        let (status, http10) = self.line(|l| {
            let l = std::str::from_utf8(l).map_err(|_| bad("a status line that is not text"))?;
            let mut it = l.splitn(3, ' ');
            let version = it.next().unwrap_or("");
            let code = it.next().unwrap_or("");
            if !version.starts_with("HTTP/1.") || code.len() != 3 {
                return Err(bad(format!("not an HTTP/1.x status line: {l:?}")));
            }
            let status: u16 = code
                .parse()
                .map_err(|_| bad(format!("a status that is not a number: {l:?}")))?;
            Ok((status, version == "HTTP/1.0"))
        })?;
        let mut length: Option<usize> = None;
        let mut chunked = false;
        let mut close = http10;
        let mut cached = false;
        loop {
            let done = self.line(|l| {
                if l.is_empty() {
                    return Ok(true);
                }
                let colon = l
                    .iter()
                    .position(|&b| b == b':')
                    .ok_or_else(|| bad("a header line without a colon"))?;
                let (name, value) = (&l[..colon], l[colon + 1..].trim_ascii());
                if name.eq_ignore_ascii_case(b"content-length") {
                    let n = std::str::from_utf8(value)
                        .ok()
                        .and_then(|v| v.parse::<usize>().ok())
                        .ok_or_else(|| bad("a Content-Length that is not a number"))?;
                    if length.is_some_and(|m| m != n) {
                        return Err(bad("two different Content-Length headers"));
                    }
                    length = Some(n);
                } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
                    chunked = value
                        .rsplit(|&b| b == b',')
                        .next()
                        .is_some_and(|last| last.trim_ascii().eq_ignore_ascii_case(b"chunked"));
                    if !chunked {
                        return Err(bad("a transfer coding other than chunked"));
                    }
                } else if name.eq_ignore_ascii_case(b"x-whosaid-cache") {
                    cached = value.eq_ignore_ascii_case(b"hit");
                } else if name.eq_ignore_ascii_case(b"connection") {
                    if value.eq_ignore_ascii_case(b"close") {
                        close = true;
                    } else if value.eq_ignore_ascii_case(b"keep-alive") {
                        close = false;
                    }
                }
                Ok(false)
            })?;
            if done {
                break;
            }
        }
        let no_body = status / 100 == 1 || status == 204 || status == 304;
        let body = if no_body {
            0
        } else if chunked {
            self.chunked_body()?
        } else if let Some(n) = length {
            self.skip(n)?;
            n
        } else {
            // the body runs to the close
            let mut n = self.end - self.pos;
            self.pos = self.end;
            while self.fill()? {
                n += self.end - self.pos;
                self.pos = self.end;
            }
            close = true;
            n
        };
        Ok((
            Answer {
                status,
                body,
                cached,
            },
            close,
        ))
    }

    fn chunked_body(&mut self) -> io::Result<usize> {
        let mut total = 0usize;
        loop {
            let size = self.line(|l| {
                let hex = l.split(|&b| b == b';').next().unwrap_or(b"").trim_ascii();
                std::str::from_utf8(hex)
                    .ok()
                    .filter(|h| !h.is_empty() && h.len() <= 15)
                    .and_then(|h| usize::from_str_radix(h, 16).ok())
                    .ok_or_else(|| bad("a chunk size that is not hexadecimal"))
            })?;
            if size == 0 {
                // trailers, then the empty line
                while !self.line(|l| Ok(l.is_empty()))? {}
                return Ok(total);
            }
            self.skip(size)?;
            total += size;
            self.line(|l| {
                if l.is_empty() {
                    Ok(())
                } else {
                    Err(bad("a chunk not followed by CRLF"))
                }
            })?;
        }
    }
}

/// One client's connection: reconnects when the server closed the last one
/// or a request failed.
pub struct Client {
    addr: SocketAddr,
    host: String,
    timeout: Duration,
    conn: Option<(TcpStream, Reader<TcpStream>)>,
    req: Vec<u8>,
}

impl Client {
    pub fn new(addr: SocketAddr, timeout: Duration) -> Client {
        Client {
            addr,
            host: addr.to_string(),
            timeout,
            conn: None,
            req: Vec::with_capacity(512),
        }
    }

    fn connect(&self) -> io::Result<(TcpStream, Reader<TcpStream>)> {
        let s = TcpStream::connect_timeout(&self.addr, self.timeout)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(self.timeout))?;
        s.set_write_timeout(Some(self.timeout))?;
        let r = s.try_clone()?;
        Ok((s, Reader::new(r)))
    }

    /// GET `path`. A connection the server had already closed (an idle
    /// keep-alive timeout) is retried once on a new one, as browsers do; any
    /// other failure is returned.
    pub fn get(&mut self, path: &str) -> io::Result<Answer> {
        self.req.clear();
        self.req.extend_from_slice(b"GET ");
        self.req.extend_from_slice(path.as_bytes());
        self.req.extend_from_slice(b" HTTP/1.1\r\nHost: ");
        self.req.extend_from_slice(self.host.as_bytes());
        self.req.extend_from_slice(b"\r\n\r\n");
        let reused = self.conn.is_some();
        match self.send() {
            Err(e) if reused && is_stale(&e) => {
                self.conn = None;
                self.send()
            }
            r => r,
        }
    }

    fn send(&mut self) -> io::Result<Answer> {
        if self.conn.is_none() {
            self.conn = Some(self.connect()?);
        }
        let (s, r) = self.conn.as_mut().expect("connected above");
        let out = s.write_all(&self.req).and_then(|_| r.response());
        match out {
            Ok((a, close)) => {
                if close {
                    self.conn = None;
                }
                Ok(a)
            }
            Err(e) => {
                self.conn = None;
                Err(e)
            }
        }
    }
}

/// The errors of writing to, or reading the first byte from, a connection the
/// server closed while it was idle.
fn is_stale(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset | io::ErrorKind::UnexpectedEof
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hands out its bytes in pieces of the given sizes (then the rest).
    struct Pieces {
        data: Vec<u8>,
        at: usize,
        sizes: Vec<usize>,
    }

    impl Read for Pieces {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let want = if self.sizes.is_empty() {
                usize::MAX
            } else {
                self.sizes.remove(0).max(1)
            };
            let n = want.min(out.len()).min(self.data.len() - self.at);
            out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn read_all(data: &[u8], sizes: Vec<usize>) -> io::Result<Vec<(Answer, bool)>> {
        let mut r = Reader::new(Pieces {
            data: data.to_vec(),
            at: 0,
            sizes,
        });
        let mut out = Vec::new();
        while r.pos < r.end || r.fill()? {
            let (a, close) = r.response()?;
            out.push((a, close));
            if close {
                break;
            }
        }
        Ok(out)
    }

    const TWO: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nX-Whosaid-Cache: hit\r\ncontent-length: 5\r\n\r\n{\"a\"}\
HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: 1\r\n\r\n";

    #[test]
    fn reads_lengths_chunks_and_statuses() {
        let got = read_all(TWO, vec![]).unwrap();
        assert_eq!(
            got,
            [
                (
                    Answer {
                        status: 200,
                        body: 5,
                        cached: true
                    },
                    false
                ),
                (
                    Answer {
                        status: 404,
                        body: 19,
                        cached: false
                    },
                    false
                )
            ]
        );
        // a body to the close, and Connection: close
        let got = read_all(b"HTTP/1.0 200 OK\r\n\r\nhello", vec![]).unwrap();
        assert_eq!(
            got[0],
            (
                Answer {
                    status: 200,
                    body: 5,
                    cached: false
                },
                true
            )
        );
        let got = read_all(
            b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n",
            vec![],
        )
        .unwrap();
        assert_eq!(
            got[0],
            (
                Answer {
                    status: 204,
                    body: 0,
                    cached: false
                },
                true
            )
        );
    }

    #[test]
    fn malformed_responses_are_errors_that_say_why() {
        for (input, why) in [
            (
                &b"SSH-2.0-OpenSSH\r\n\r\n"[..],
                "not an HTTP/1.x status line",
            ),
            (b"HTTP/1.1 2x0 OK\r\n\r\n", "not a number"),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                "Content-Length",
            ),
            (b"HTTP/1.1 200 OK\r\nbroken\r\n\r\n", "without a colon"),
            (
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "hexadecimal",
            ),
            (
                b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
                "inside a response body",
            ),
            (b"HTTP/1.1 200 OK\r\nContent-Le", "inside a response head"),
        ] {
            let e = read_all(input, vec![]).unwrap_err();
            assert!(e.to_string().contains(why), "{e} for {input:?}");
        }
    }

    proptest! {
        /// However the bytes arrive, the same responses are read.
        #[test]
        fn pieces_do_not_change_what_is_read(sizes in proptest::collection::vec(1usize..40, 0..60)) {
            prop_assert_eq!(read_all(TWO, sizes).unwrap(), read_all(TWO, vec![]).unwrap());
        }

        /// Arbitrary bytes give responses or an error, never a panic or a hang.
        #[test]
        fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..400),
                                       sizes in proptest::collection::vec(1usize..50, 0..20)) {
            let _ = read_all(&data, sizes);
        }

        /// Mutated responses: still no panic.
        #[test]
        fn mutated_responses_never_panic(at in 0usize..TWO.len(), byte in any::<u8>()) {
            let mut d = TWO.to_vec();
            d[at] = byte;
            let _ = read_all(&d, vec![]);
        }
    }
}
