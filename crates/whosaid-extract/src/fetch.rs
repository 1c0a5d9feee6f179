//! Fetching a URL, carefully: a timeout, a size cap, a redirect limit, a real
//! User-Agent, and no loopback, private, link-local or otherwise internal
//! addresses unless the caller allows them (`--allow-private`). The address
//! check is done in the resolver, so it holds for every redirect hop and for
//! names that resolve to internal addresses (no DNS rebinding past it: the
//! connection goes to the address that was checked).

use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

pub const USER_AGENT: &str = concat!(
    "Mozilla/5.0 (compatible; whosaid/",
    env!("CARGO_PKG_VERSION"),
    "; +https://github.com/whosaid/whosaid)"
);

/// Limits of one fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub max_redirects: u32,
    pub allow_private: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(20),
            max_bytes: crate::DEFAULT_MAX_DOC_BYTES,
            max_redirects: 5,
            allow_private: false,
        }
    }
}

/// A fetched resource.
#[derive(Debug)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Is this address one a fetch must not reach without `--allow-private`?
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => {
            let o = v.octets();
            v.is_loopback()
                || v.is_private()
                || v.is_link_local()
                || v.is_unspecified()
                || v.is_broadcast()
                || v.is_documentation()
                || v.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])) // carrier-grade NAT
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19)) // benchmarking
                || o[0] >= 240
        }
        IpAddr::V6(v) => {
            let s = v.segments();
            if let Some(v4) = v.to_ipv4_mapped() {
                return is_internal(IpAddr::V4(v4));
            }
            v.is_loopback()
                || v.is_unspecified()
                || v.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link local
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x64 && s[1] == 0xff9b) // NAT64 can reach IPv4 internals
        }
    }
}

struct Guard {
    allow_private: bool,
}

impl ureq::Resolver for Guard {
    fn resolve(&self, netloc: &str) -> std::io::Result<Vec<SocketAddr>> {
        let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
        if self.allow_private {
            return Ok(addrs);
        }
        let ok: Vec<SocketAddr> = addrs
            .iter()
            .copied()
            .filter(|a| !is_internal(a.ip()))
            .collect();
        if ok.is_empty() {
            let first = addrs
                .first()
                .map(|a| a.ip().to_string())
                .unwrap_or_default();
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{netloc} resolves to the internal address {first}; refused (use --allow-private to allow)"),
            ));
        }
        Ok(ok)
    }
}

/// GETs `url` within the limits of `o`. The error is a sentence for the user.
pub fn fetch(url: &str, o: &FetchOptions) -> Result<Fetched, String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err("only http and https URLs can be fetched".into());
    }
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(o.timeout.min(Duration::from_secs(10)))
        .timeout(o.timeout)
        .redirects(o.max_redirects)
        .user_agent(USER_AGENT)
        .resolver(Guard {
            allow_private: o.allow_private,
        })
        .build();
    let resp = agent
        .get(url)
        .set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json;q=0.9,*/*;q=0.5")
        .set("Accept-Encoding", "identity")
        .call();
    let resp = match resp {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => {
            return Err(format!("HTTP {code} {}", r.status_text()));
        }
        Err(e) => return Err(describe(&e, o)),
    };
    if (300..400).contains(&resp.status()) {
        return Err(format!("more than {} redirects", o.max_redirects));
    }
    let final_url = resp.get_url().to_string();
    let content_type = resp.header("content-type").map(str::to_string);
    if let Some(len) = resp
        .header("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok())
    {
        if len > o.max_bytes {
            return Err(format!(
                "{len} bytes is over the {}-byte limit",
                o.max_bytes
            ));
        }
    }
    let mut body = Vec::new();
    resp.into_reader()
        .take(o.max_bytes as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("reading the body: {e}"))?;
    if body.len() > o.max_bytes {
        return Err(format!("the body is over the {}-byte limit", o.max_bytes));
    }
    Ok(Fetched {
        url: final_url,
        content_type,
        body,
    })
}

fn describe(e: &ureq::Error, o: &FetchOptions) -> String {
    let s = e.to_string();
    if s.contains("too many redirects") || s.contains("redirect") && s.contains("many") {
        return format!("more than {} redirects", o.max_redirects);
    }
    if s.to_ascii_lowercase().contains("timed out") {
        return format!("timed out after {:?}", o.timeout);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(a.parse().unwrap()), "{a}");
        }
        for a in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            assert!(!is_internal(a.parse().unwrap()), "{a}");
        }
    }

    #[test]
    fn loopback_is_refused_without_permission() {
        // nothing listens on port 9 here; the refusal comes before any connection
        let e = fetch("http://127.0.0.1:9/x", &FetchOptions::default()).unwrap_err();
        assert!(e.contains("--allow-private"), "{e}");
        let e = fetch("http://localhost:9/x", &FetchOptions::default()).unwrap_err();
        assert!(e.contains("--allow-private"), "{e}");
        assert!(fetch("ftp://x.example/", &FetchOptions::default())
            .unwrap_err()
            .contains("only http"));
    }
}
