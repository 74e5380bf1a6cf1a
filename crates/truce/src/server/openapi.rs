//! The API's OpenAPI 3.1 description, generated from the handlers'
//! annotations so that it cannot drift from the routes.

use super::api;
use super::error::{ErrorBody, ErrorDetail};
use crate::record::{Changes, PlaceChange};
use axum::Json;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "truce",
        description = "Ceasefire monitoring: coded events with their evidence, agreements, and verdicts of compliance. \
Lists are pages (`offset`, `limit` ≤ 1000); unknown parameters are refused; errors are JSON `{\"error\": {\"status\", \"message\"}}`. \
Writing (ingest, review) needs `Authorization: Bearer TOKEN`."
    ),
    paths(
        api::health,
        api::list_documents,
        api::document,
        api::ingest,
        api::list_events,
        api::timeline,
        api::places,
        api::event,
        api::event_reviews,
        api::review,
        api::list_agreements,
        api::agreement,
        api::board,
        api::history,
        api::search,
        api::audit,
        api::export,
    ),
    components(schemas(api::Page, api::ReviewRequest, api::IngestRequest, Changes, PlaceChange, ErrorBody, ErrorDetail)),
    modifiers(&BearerToken),
    tags(
        (name = "events", description = "Coded events: who did what to whom, when and where"),
        (name = "documents", description = "Reports: ingest, read, search"),
        (name = "agreements", description = "Agreements and their boards of verdicts"),
        (name = "review", description = "Analysts' reviews and the audit log"),
        (name = "service", description = "The service itself"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer token the writing routes ask for.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
