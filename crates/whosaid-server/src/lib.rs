//! `whosaid serve`: the JSON API under `/api/v1` (described by the OpenAPI
//! document at `/api/v1/openapi.json`, generated from the handlers) and the
//! web pages, over one store.
//!
//! Reads run concurrently on a pool of store connections (blocking calls on
//! tokio's blocking threads); ingests run one at a time through
//! `whosaid-pipeline`. Every response carries a Content-Security-Policy that
//! allows no script at all (the pages need none: a statement's explanation is
//! shown with CSS `:target`), and every error is `application/problem+json`
//! under `/api/` without store internals.

mod api;
mod cache;
mod chart;
mod html;
mod log;
mod pages;
mod pool;
mod problem;
mod respcache;

/// A fresh SQLite store for a test, and its path: the writer resolves speakers as
/// the pipeline's does (whosaid-link decides).
#[cfg(test)]
fn test_store(tag: &str) -> (String, Box<dyn whosaid_store::Store>) {
    let dir = std::env::temp_dir().join(format!("whosaid-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db").display().to_string();
    let mut writer = whosaid_store::open(&db).unwrap();
    writer.set_speaker_resolver(Some(std::sync::Arc::new(
        whosaid_pipeline::speakers::Resolver,
    )));
    (db, writer)
}

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use whosaid_nlp::Analyzer;

pub use pool::Pool;
pub use problem::Problem;

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// The store: a SQLite file or a `postgres://` URL.
    pub db: String,
    pub listen: SocketAddr,
    /// The bearer token writes need; without one, writes are refused.
    pub token: Option<String>,
    /// Store connections for reads.
    pub readers: usize,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// How long a request may take (ingest gets ten times this).
    pub timeout: Duration,
    /// Let URL ingestion reach private and loopback addresses (tests only).
    pub allow_private_fetch: bool,
    /// Bytes of whole responses kept for repeated reads while the store is
    /// unchanged (`respcache.rs`); 0 keeps none.
    pub cache_bytes: usize,
}

impl Config {
    pub fn new(db: &str) -> Config {
        Config {
            db: db.to_string(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            readers: std::thread::available_parallelism().map_or(4, |n| n.get() * 2),
            max_body: 16 << 20,
            timeout: Duration::from_secs(30),
            allow_private_fetch: false,
            cache_bytes: 32 << 20,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] whosaid_store::StoreError),
    #[error("{addr}: cannot listen: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
pub(crate) struct AppState {
    pub pool: Pool,
    /// Speaker pages, stats and the overview while the store is unchanged.
    pub cache: Arc<cache::Cache>,
    /// Whole responses to repeated reads while the store is unchanged.
    pub responses: respcache::ResponseCache,
    pub db: String,
    pub token: Option<String>,
    pub analyzer: Analyzer,
    /// One ingest at a time: SQLite has one writer, and concurrent pipelines
    /// would only compete for the same cores.
    pub ingest: tokio::sync::Mutex<()>,
    pub timeout: Duration,
    pub allow_private_fetch: bool,
    /// One line per request, written off the request's path.
    pub log: log::LogSender,
}

pub(crate) type Shared = Arc<AppState>;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "whosaid",
        description = "Who said what: the attributed record of statements in the news, searchable. \
Offsets are Unicode code points (Python slicing). Errors are application/problem+json (RFC 9457).",
        license(name = "MIT OR Apache-2.0")
    ),
    tags((name = "record", description = "Reading the store"), (name = "analysis", description = "Analysing and storing articles")),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The router and the OpenAPI document it serves, built from the same calls;
/// and the state, which the caller drops off the async threads.
fn app(
    config: &Config,
    analyzer: Analyzer,
    log: log::LogSender,
) -> Result<(axum::Router, Shared), ServeError> {
    let pool = Pool::open(&config.db, config.readers)?;
    let state: Shared = Arc::new(AppState {
        pool,
        cache: Arc::default(),
        responses: respcache::ResponseCache::new(config.cache_bytes),
        db: config.db.clone(),
        token: config.token.clone().filter(|t| !t.is_empty()),
        analyzer,
        ingest: tokio::sync::Mutex::new(()),
        timeout: config.timeout,
        allow_private_fetch: config.allow_private_fetch,
        log,
    });
    let (api, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(api::routes())
        .split_for_parts();
    let doc_json = Arc::new(doc.to_pretty_json().unwrap_or_default());
    let api = api.route(
        "/api/v1/openapi.json",
        axum::routing::get(move || {
            let d = doc_json.clone();
            async move {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    d.as_ref().clone(),
                )
            }
        }),
    );
    let router = api
        .merge(pages::routes())
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            respcache::layer,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state.clone());
    Ok((router, state))
}

/// The OpenAPI document as served (for tests and tools).
pub fn openapi() -> utoipa::openapi::OpenApi {
    OpenApiRouter::<Shared>::with_openapi(ApiDoc::openapi())
        .merge(api::routes())
        .split_for_parts()
        .1
}

async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        Problem::new(404, "No such route", "no API route has this path").into_response()
    } else {
        pages::not_found()
    }
}

/// Every request: a timeout, the security headers, API errors as problem
/// documents whatever produced them, and one log line.
async fn guard(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let limit = if path == "/api/v1/ingest" {
        s.timeout * 10
    } else {
        s.timeout
    };
    let mut resp = match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => Problem::new(503, "Timed out", "the request took too long").into_response(),
    };
    let status = resp.status();
    if path.starts_with("/api/") && (status.is_client_error() || status.is_server_error()) {
        let is_problem = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
        if !is_problem {
            // axum's own rejections (405, 413, ...) carry plain text
            let title = status.canonical_reason().unwrap_or("Error");
            resp = Problem::new(status.as_u16(), title, title).into_response();
        }
    }
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    s.log.line(format!(
        "{method} {path} {} {:.1}ms",
        status.as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    ));
    resp
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve_with(
    config: Config,
    analyzer: Analyzer,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    // the pool's first connection is opened with blocking clients (postgres
    // runs its own runtime), so not on this runtime's threads
    let c = config.clone();
    let log = log::Log::start();
    let sender = log.sender();
    let opened = tokio::task::spawn_blocking(move || app(&c, analyzer, sender))
        .await
        .map_err(|e| std::io::Error::other(format!("opening the store: {e}")));
    let (app, state) = match opened {
        Ok(Ok(x)) => x,
        Ok(Err(e)) => return Err(e),
        Err(e) => return Err(e.into()),
    };
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(l) => l,
        Err(source) => {
            let _ = tokio::task::spawn_blocking(move || drop((app, state))).await;
            return Err(ServeError::Listen {
                addr: config.listen,
                source,
            });
        }
    };
    on_listening(listener.local_addr()?);
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    // the last reference: its store connections close on a blocking thread;
    // then every logged line is written before this returns
    let _ = tokio::task::spawn_blocking(move || {
        drop(state);
        log.finish();
    })
    .await;
    Ok(served?)
}

/// Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Runs the server on its own runtime until Ctrl-C or SIGTERM.
pub fn run(config: Config, analyzer: Analyzer) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(serve_with(config, analyzer, shutdown_signal(), |addr| {
        eprintln!("whosaid serve: listening on http://{addr}/ (Ctrl-C stops)");
    }))
}
