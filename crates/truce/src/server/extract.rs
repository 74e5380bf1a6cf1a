//! Request extractors that answer bad requests in the API's JSON error
//! form, and the write token check.

use super::AppState;
use super::error::ApiError;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// Query parameters; unknown or malformed ones are a 400 naming them.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(q)| ApiQuery(q))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// A JSON body; a wrong content type, bad JSON or unknown fields are a 4xx
/// naming the problem.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(v)| ApiJson(v))
            .map_err(|e| ApiError::new(e.status(), e.body_text()))
    }
}

/// The analyst a write token belongs to: required by every request that
/// changes the record (`Authorization: Bearer TOKEN`).
pub struct Writer(pub String);

impl FromRequestParts<Arc<AppState>> for Writer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiError> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let Some(token) = header.and_then(|h| h.strip_prefix("Bearer ")).map(str::trim) else {
            return Err(ApiError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "writing needs a token: send `Authorization: Bearer TOKEN` (see `truce serve --help`)",
            ));
        };
        state
            .tokens
            .who(token)
            .map(|name| Writer(name.to_owned()))
            .ok_or_else(|| ApiError::new(axum::http::StatusCode::FORBIDDEN, "this token is not allowed to write"))
    }
}
