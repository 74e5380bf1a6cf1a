//! The dashboard's files, compiled into the binary (`web/`), so `truce
//! serve` needs nothing beside it and works offline.

use super::AppState;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

/// Path under `/assets/`, content type, bytes.
const FILES: &[(&str, &str, &[u8])] = &[
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../../../../web/app.js")),
    ("style.css", "text/css; charset=utf-8", include_bytes!("../../../../web/style.css")),
    (
        "vendor/d3-array.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../../web/vendor/d3-array.min.js"),
    ),
    ("vendor/d3-geo.min.js", "text/javascript; charset=utf-8", include_bytes!("../../../../web/vendor/d3-geo.min.js")),
    (
        "vendor/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../../web/vendor/topojson-client.min.js"),
    ),
    ("vendor/countries-50m.json", "application/json", include_bytes!("../../../../web/vendor/countries-50m.json")),
];

const INDEX: &str = include_str!("../../../../web/index.html");

pub fn routes() -> axum::Router<Arc<AppState>> {
    axum::Router::new().route("/", get(index)).route("/assets/{*path}", get(asset))
}

async fn index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], INDEX).into_response()
}

async fn asset(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, mime, bytes)) => {
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "max-age=3600")], *bytes).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
