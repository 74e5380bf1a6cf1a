//! Errors as the API returns them: a status code and a JSON body
//! `{"error": {"status": 400, "message": "…"}}`, never a bare text page.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

/// The body of an error answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status code.
    pub status: u16,
    /// For people.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        // Internal failures are logged in full and answered briefly.
        eprintln!("truce serve: {e:#}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("internal error: {e}"))
    }
}

impl From<truce_store::StoreError> for ApiError {
    fn from(e: truce_store::StoreError) -> ApiError {
        ApiError::from(anyhow::Error::new(e))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { status: self.status.as_u16(), message: self.message } };
        (self.status, Json(body)).into_response()
    }
}
