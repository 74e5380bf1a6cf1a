//! `truce serve`: the record as a service — the HTTP API under `/api/`, its
//! OpenAPI description at `/openapi.json`, and the dashboard at `/`.
//!
//! It lives in the `truce` binary rather than a crate of its own because
//! it is the CLI's commands over HTTP: it shares their pipeline, their
//! compliance wiring (`commands::compliance`), their exports and the
//! reviewed record (`record`), and nothing else uses it.
//!
//! SQLite serves one writer and many readers at a time (WAL), so the state
//! holds one writing connection and a few reading ones; every database
//! call runs on tokio's blocking pool so a slow query never stalls the
//! event loop.

mod api;
mod assets;
mod error;
mod extract;
mod openapi;
mod tokens;

use crate::commands::compliance::Engine;
use crate::pipeline::Pipeline;
use anyhow::Context;
use error::ApiError;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use truce_store::Store;

pub use tokens::Tokens;

/// Largest request body accepted by default (a long report is ~100 kB).
pub const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;

/// What every request shares.
pub struct AppState {
    writer: Mutex<Store>,
    readers: Vec<Mutex<Store>>,
    next_reader: AtomicUsize,
    pub pipeline: Pipeline,
    pub engine: Engine,
    pub tokens: Tokens,
    pub intake: truce_text::Options,
}

/// A mutex whose holder panicked is still usable: SQLite rolled back
/// whatever the panicking request left open.
fn lock(m: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Opens the record at `db` (one writer, `readers` readers).
    pub fn open(
        db: &std::path::Path,
        readers: usize,
        pipeline: Pipeline,
        engine: Engine,
        tokens: Tokens,
        intake: truce_text::Options,
    ) -> anyhow::Result<AppState> {
        let location = db.to_string_lossy();
        let open = || {
            Store::open_location(&location)
                .with_context(|| format!("cannot open the record {}", truce_store::redacted_url(&location)))
        };
        let writer = open()?;
        // Documents stored by an older truce get their events indexed now,
        // before any reader looks.
        crate::commands::compliance::backfill(&writer)?;
        let readers = (0..readers.max(1)).map(|_| open().map(Mutex::new)).collect::<anyhow::Result<_>>()?;
        Ok(AppState {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            pipeline,
            engine,
            tokens,
            intake,
        })
    }

    /// Runs `f` with a reading connection.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        f(&lock(&self.readers[i]))
    }

    /// Runs `f` with the writing connection (one writer at a time).
    pub fn write<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        f(&lock(&self.writer))
    }
}

/// Runs `f` on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || f(&state)).await.map_err(|e| ApiError::from(anyhow::anyhow!("{e}")))?
}

/// Runs `f` with a reading connection on the blocking pool: what every
/// reading handler does.
pub async fn reading<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState, &Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    blocking(state, move |s| s.read(|store| f(s, store))).await
}

/// The whole service: API, OpenAPI document and dashboard.
pub fn router(state: Arc<AppState>, max_body: usize) -> axum::Router {
    api::routes()
        .merge(assets::routes())
        .route("/openapi.json", axum::routing::get(openapi::document))
        .fallback(|| async { ApiError::not_found("no such page or API route (the API is described at /openapi.json)") })
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// What `truce serve` needs.
pub struct ServeOptions {
    pub addr: String,
    pub db: PathBuf,
    pub tokens: Option<PathBuf>,
    pub max_body: usize,
    pub readers: usize,
}

/// Serves until interrupted.
pub fn serve(
    options: ServeOptions,
    pipeline: Pipeline,
    engine: Engine,
    intake: truce_text::Options,
) -> anyhow::Result<()> {
    let tokens = match &options.tokens {
        Some(path) => Tokens::load(path)?,
        None => {
            let (tokens, token) = Tokens::generate("local")?;
            eprintln!("write token for this session (reviews and ingest): {token}");
            tokens
        }
    };
    let is_file = !truce_store::is_postgres_url(&options.db.to_string_lossy());
    if let Some(dir) = options.db.parent().filter(|d| is_file && !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let state = Arc::new(AppState::open(&options.db, options.readers, pipeline, engine, tokens, intake)?);
    let app = router(state, options.max_body);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&options.addr)
            .await
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        let local = listener.local_addr()?;
        let shown = truce_store::redacted_url(&options.db.to_string_lossy());
        eprintln!("truce serving {shown} on http://{local}/ (API under /api/, description at /openapi.json)");
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")
    })
}

#[cfg(test)]
mod tests;
