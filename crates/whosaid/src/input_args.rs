//! How inputs are read: one set of options shared by `analyze`, `extract` and `ingest`.

use crate::extract_cmd::WebArgs;
use whosaid_extract::{InputOptions, SourceOptions};

#[derive(clap::Args)]
pub struct InputArgs {
    /// Treat stdin as JSON Lines ({"id","text"} or {"id","html","url"} a line) rather than one article.
    #[arg(long)]
    pub stdin_jsonl: bool,
    /// Id of a document read from stdin.
    #[arg(long, default_value = "stdin")]
    pub id: String,
    /// Refuse documents (and decompressed pages) larger than this many bytes.
    #[arg(long, default_value_t = whosaid_extract::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: usize,
    #[command(flatten)]
    pub web: WebArgs,
}

impl InputArgs {
    pub fn options(&self) -> InputOptions {
        InputOptions {
            source: SourceOptions {
                max_doc_bytes: self.max_doc_bytes,
            },
            stdin_jsonl: self.stdin_jsonl,
            stdin_id: self.id.clone(),
            web: self.web.options(),
        }
    }
}
