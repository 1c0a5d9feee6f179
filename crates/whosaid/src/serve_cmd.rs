//! `whosaid serve`: the HTTP API and web pages over a store (`whosaid-server`).

use crate::exit;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: crate::store_cmd::DbArg,
    /// Address to listen on; only loopback unless you name another.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// A file holding the bearer token that writes (POST /api/v1/ingest) need.
    /// Without it or WHOSAID_TOKEN, the server takes no writes.
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Knowledge base (JSON Lines) to link entities to when analysing and ingesting.
    #[arg(long, env = "WHOSAID_KB")]
    kb: Option<PathBuf>,
    /// Store connections for concurrent reads [default: 4 per core].
    #[arg(long)]
    readers: Option<usize>,
    /// The largest request body, in MiB.
    #[arg(long, default_value_t = 16)]
    max_body_mib: usize,
    /// MiB of whole responses kept for repeated reads (searches, article and
    /// speaker pages) while the store is unchanged; 0 keeps none.
    #[arg(long, default_value_t = 32)]
    cache_mib: usize,
}

pub fn run(a: ServeArgs) -> Result<u8> {
    let token = match &a.token_file {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read the token file", p.display()))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("WHOSAID_TOKEN").ok(),
    }
    .filter(|t| !t.is_empty());
    if let (Some(p), None) = (&a.token_file, &token) {
        anyhow::bail!("{}: the token file is empty", p.display());
    }
    let kb = a.kb.as_deref().map(crate::load_kb).transpose()?;
    let mut config = whosaid_server::Config::new(&a.db.db);
    config.listen = a.listen;
    config.token = token;
    config.max_body = a.max_body_mib.max(1) << 20;
    config.cache_bytes = a.cache_mib << 20;
    if let Some(r) = a.readers {
        config.readers = r.max(1);
    }
    if config.token.is_none() {
        eprintln!("whosaid serve: no token (--token-file or WHOSAID_TOKEN): writes are refused");
    }
    whosaid_server::run(config, whosaid_nlp::Analyzer::new(kb))?;
    eprintln!("whosaid serve: stopped");
    Ok(exit::OK)
}
