//! The API's routes and handlers. Every answer is JSON (exports aside);
//! every list is a page (`offset`, `limit` ≤ [`MAX_PAGE`]); every filter
//! is checked and an unknown one is a 400.

use super::error::{ApiError, ErrorBody};
use super::extract::{ApiJson, ApiQuery, Writer};
use super::{AppState, blocking, reading};
use crate::commands::compliance;
use crate::record::{self, Changes, Effect};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use truce_store::{EventQuery, ReviewRow, Store};

/// Largest page of any list.
pub const MAX_PAGE: usize = 1000;
/// Page size when none is asked for.
const DEFAULT_PAGE: usize = 100;

pub fn routes() -> axum::Router<Arc<AppState>> {
    axum::Router::new()
        .route("/api/health", get(health))
        .route("/api/documents", get(list_documents).post(ingest))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(event))
        .route("/api/events/{id}/reviews", get(event_reviews).post(review))
        .route("/api/timeline", get(timeline))
        .route("/api/places", get(places))
        .route("/api/agreements", get(list_agreements))
        .route("/api/agreements/{id}", get(agreement))
        .route("/api/agreements/{id}/board", get(board))
        .route("/api/agreements/{id}/history", get(history))
        .route("/api/search", get(search))
        .route("/api/audit", get(audit))
        .route("/api/export", get(export))
}

/// Events are counted exactly up to this many; past it, `total` says
/// this many and `more` is true.
const COUNT_CAP: usize = 10_000;

/// A page of a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Page {
    /// How many items match in all (for events, at most 10,000: see
    /// `more`).
    pub total: i64,
    /// True when more items match than `total` says.
    #[serde(default)]
    pub more: bool,
    pub offset: usize,
    pub limit: usize,
    /// The items.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
}

/// Paging parameters.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items skipped.
    #[param(maximum = 100_000_000)]
    offset: Option<usize>,
    /// Items returned at most (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<usize>,
}

fn page_of(offset: Option<usize>, limit: Option<usize>) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    if limit == 0 || limit > MAX_PAGE {
        return Err(ApiError::bad_request(format!("limit must be between 1 and {MAX_PAGE}")));
    }
    let offset = offset.unwrap_or(0);
    if offset > 100_000_000 {
        return Err(ApiError::bad_request("offset is too large"));
    }
    Ok((offset, limit))
}

fn day(field: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if v.len() == 10 && v.parse::<jiff::civil::Date>().is_ok() => Ok(Some(v.to_owned())),
        Some(v) => Err(ApiError::bad_request(format!("{field}: {v:?} is not a day (YYYY-MM-DD)"))),
    }
}

/// A comma-separated list, each item checked by `ok`.
fn list(field: &str, value: &Option<String>, ok: impl Fn(&str) -> bool, what: &str) -> Result<Vec<String>, ApiError> {
    let items: Vec<String> =
        value.as_deref().unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    if items.len() > 50 {
        return Err(ApiError::bad_request(format!("{field}: at most 50 items")));
    }
    match items.iter().find(|i| !ok(i)) {
        Some(bad) => Err(ApiError::bad_request(format!("{field}: {bad:?} is not {what}"))),
        None => Ok(items),
    }
}

fn text_param(field: &str, value: &Option<String>, max: usize) -> Result<Option<String>, ApiError> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if v.chars().count() > max => Err(ApiError::bad_request(format!("{field}: at most {max} characters"))),
        v => Ok(v.map(str::to_owned)),
    }
}

// ---------------------------------------------------------------- health

/// Whether the service is up, and what the record holds.
#[utoipa::path(get, path = "/api/health", tag = "service",
    responses((status = 200, description = "Up", body = Object)))]
async fn health(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    reading(&state, move |s, store| {
        Ok(Json(json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "documents": store.count_documents()?,
            "events": store.count_events(&EventQuery::default())?,
            "agreements": store.agreements()?.len(),
            "write_tokens": s.tokens.len(),
        })))
    })
    .await
}

// ---------------------------------------------------------------- documents

/// The stored reports, by date.
#[utoipa::path(get, path = "/api/documents", tag = "documents", params(PageParams),
    responses((status = 200, body = Page), (status = 400, body = ErrorBody)))]
async fn list_documents(
    State(state): State<Arc<AppState>>,
    ApiQuery(p): ApiQuery<PageParams>,
) -> Result<Json<Page>, ApiError> {
    let (offset, limit) = page_of(p.offset, p.limit)?;
    reading(&state, move |_, store| {
        let items = store.documents_page(offset, limit, None)?.into_iter().map(|d| summary_json(&d)).collect();
        Ok(Json(Page { total: store.count_documents()?, more: false, offset, limit, items }))
    })
    .await
}

fn summary_json(d: &truce_store::DocSummary) -> Value {
    json!({
        "id": d.id, "input": d.input, "date": d.date, "outlet": d.outlet, "title": d.title,
        "language": d.language, "sentences": d.sentences, "bytes": d.bytes, "ingested_at": d.ingested_at,
    })
}

/// One report: its repaired text and its events (as reviewed), with the
/// byte spans of each event's sentence in the text.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id (content hash)")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    reading(&state, move |_, store| {
        let summary = store
            .documents_page(0, 1, Some(&id))?
            .pop()
            .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
        let doc = store
            .get(&truce_core::DocId::from_string(id.clone()))?
            .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
        let reviews = store.current_reviews()?;
        let events: Vec<Value> = doc.events.iter().filter_map(|e| reviewed_event(e.clone(), &reviews)).collect();
        Ok(Json(json!({ "document": summary_json(&summary), "text": doc.text, "events": events })))
    })
    .await
}

/// A report to take in: its text and what is known of it.
#[derive(Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IngestRequest {
    /// The report (JSON bodies only; a text/plain body is the report).
    #[serde(default)]
    #[param(ignore)]
    text: Option<String>,
    /// Its date (`YYYY-MM-DD`), the anchor of its relative dates.
    #[serde(default)]
    #[param(value_type = Option<String>, format = Date)]
    #[schema(value_type = Option<String>, format = Date)]
    date: Option<String>,
    /// Its publisher, as named in the outlets file.
    #[serde(default)]
    outlet: Option<String>,
    /// Its title.
    #[serde(default)]
    title: Option<String>,
    /// What to call it in the record (default `api`).
    #[serde(default)]
    name: Option<String>,
    /// Where it was published.
    #[serde(default)]
    url: Option<String>,
}

/// Takes in one report — JSON `{text, date, outlet, title, name, url}`, or
/// the report itself as text/plain with those as query parameters — codes
/// it, stores it, and recomputes the verdicts it can change.
#[utoipa::path(post, path = "/api/documents", tag = "documents", params(IngestRequest),
    request_body(content = IngestRequest, description = "JSON, or the report as text/plain"),
    security(("token" = [])),
    responses((status = 201, description = "Stored", body = Object), (status = 200, description = "Already stored", body = Object),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn ingest(
    State(state): State<Arc<AppState>>,
    _writer: Writer,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<IngestRequest>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    let (request, bytes) = if is_json {
        if query.text.is_some() || query.date.is_some() || query.outlet.is_some() || query.title.is_some() {
            return Err(ApiError::bad_request("with a JSON body, give the fields in the body, not the query"));
        }
        let r: IngestRequest =
            serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(format!("body: {e}")))?;
        let text = r.text.clone().ok_or_else(|| ApiError::bad_request("text: missing"))?;
        (r, text.into_bytes())
    } else {
        if query.text.is_some() {
            return Err(ApiError::bad_request("text: send the report as the body"));
        }
        (query, body.to_vec())
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::unprocessable("the report is empty"));
    }
    let date = day("date", &request.date)?;
    let source = truce_core::Source {
        outlet: text_param("outlet", &request.outlet, 200)?,
        title: text_param("title", &request.title, 500)?,
        url: text_param("url", &request.url, 2000)?,
        date: date.clone(),
        published: date,
        ..Default::default()
    };
    let name = text_param("name", &request.name, 200)?.unwrap_or_else(|| "api".to_owned());
    let raw = truce_text::RawDocument { name, bytes, format: None, source };
    let (status, body) = blocking(&state, move |s| {
        let mut doc = truce_text::intake_bytes(raw, &s.intake).map_err(|e| ApiError::unprocessable(e.to_string()))?;
        s.pipeline.run(&mut doc);
        s.write(|store| {
            let stored = store.put(&doc)?;
            let new = stored == truce_store::Stored::New;
            if new {
                compliance::put_coded(store, &doc).map_err(ApiError::from)?;
            }
            let (_, alerts) = compliance::refresh(store, &s.engine, compliance::today())?;
            let body = json!({
                "id": doc.id.as_str(), "new": new, "events": doc.events.len(),
                "sentences": doc.sentences.len(), "alerts": alerts,
            });
            Ok((if new { StatusCode::CREATED } else { StatusCode::OK }, body))
        })
    })
    .await?;
    Ok((status, Json(body)).into_response())
}

// ---------------------------------------------------------------- events

/// Filters of the event lists (lists are comma-separated).
#[derive(Deserialize, Default, Clone, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// On or after this day (`YYYY-MM-DD`).
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// On or before this day.
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
    /// Actor code prefixes, source or target (`AZE,ARMMIL`).
    #[param(pattern = "^[A-Za-z0-9_]{1,20}(,[A-Za-z0-9_]{1,20})*$")]
    actor: Option<String>,
    /// CAMEO code prefixes (`19,0871`).
    #[param(pattern = "^[0-9]{1,4}(,[0-9]{1,4})*$")]
    cameo: Option<String>,
    /// PLOVER categories (`ASSAULT,CEASEFIRE`).
    #[param(pattern = "^[A-Za-z_]{1,20}(,[A-Za-z_]{1,20})*$")]
    plover: Option<String>,
    /// Modalities (`asserted,alleged`).
    #[param(
        pattern = "^(asserted|planned|requested|alleged|denied|hypothetical)(,(asserted|planned|requested|alleged|denied|hypothetical))*$"
    )]
    modality: Option<String>,
    /// The place's name (any case), as `/api/places` gives it.
    place: Option<String>,
    /// The place's country (ISO alpha-3).
    #[param(pattern = "^[A-Za-z]{3}$")]
    country: Option<String>,
    /// West,south,east,north in degrees.
    #[param(pattern = "^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$")]
    bbox: Option<String>,
    /// Events of an agreement's parties while it is in force.
    agreement: Option<String>,
    /// Events of one document.
    doc: Option<String>,
    /// Review states (`unreviewed,verified,corrected,rejected`, or `any`);
    /// by default every state but rejected.
    #[param(pattern = "^(any|(unreviewed|verified|corrected|rejected)(,(unreviewed|verified|corrected|rejected))*)$")]
    review: Option<String>,
    /// Items skipped.
    #[param(maximum = 100_000_000)]
    offset: Option<usize>,
    /// Items returned at most (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<usize>,
}

const REVIEW_STATES: &[&str] = &["unreviewed", "verified", "corrected", "rejected"];

fn event_query(store: &Store, p: &EventParams) -> Result<EventQuery, ApiError> {
    let (offset, limit) = page_of(p.offset, p.limit)?;
    let code_like = |s: &str| s.len() <= 20 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let mut q = EventQuery {
        from: day("from", &p.from)?,
        to: day("to", &p.to)?,
        actors: list("actor", &p.actor, |s| code_like(s), "an actor code")?
            .into_iter()
            .map(|s| s.to_ascii_uppercase())
            .collect(),
        cameo: list("cameo", &p.cameo, |s| s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()), "a CAMEO code")?,
        plover: list("plover", &p.plover, |s| code_like(s), "a PLOVER category")?
            .into_iter()
            .map(|s| s.to_ascii_uppercase())
            .collect(),
        modality: list("modality", &p.modality, |s| record::MODALITIES.contains(&s), "a modality")?,
        place: text_param("place", &p.place, 100)?,
        country: text_param("country", &p.country, 3)?.map(|c| c.to_ascii_uppercase()),
        doc: text_param("doc", &p.doc, 100)?,
        offset,
        limit,
        ..EventQuery::default()
    };
    if let Some(b) = text_param("bbox", &p.bbox, 100)? {
        let v: Vec<f64> = b
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| ApiError::bad_request("bbox: four numbers west,south,east,north"))?;
        let ok = v.len() == 4
            && v.iter().all(|x| x.is_finite())
            && (-90.0..=90.0).contains(&v[1])
            && (-90.0..=90.0).contains(&v[3])
            && v[1] <= v[3]
            && (-180.0..=180.0).contains(&v[0])
            && (-180.0..=180.0).contains(&v[2]);
        if !ok {
            return Err(ApiError::bad_request("bbox: four numbers west,south,east,north within ±180 and ±90"));
        }
        q.bbox = Some([v[0], v[1], v[2], v[3]]);
    }
    q.review = match p.review.as_deref().map(str::trim) {
        None | Some("") => vec!["unreviewed".into(), "verified".into(), "corrected".into()],
        Some("any") => Vec::new(),
        Some(_) => list("review", &p.review, |s| REVIEW_STATES.contains(&s), "a review state")?,
    };
    if let Some(id) = text_param("agreement", &p.agreement, 100)? {
        let a = compliance::agreements(store, Some(&id)).map_err(|e| ApiError::not_found(e.to_string()))?.remove(0);
        q.actors.extend(a.agreement.parties.iter().map(|p| p.code.clone()));
        let start = a.effective_date.or(a.signed).map(|d| d.to_string());
        q.from = q.from.max(start);
        if let Some(end) = a.ends.map(|d| d.to_string()) {
            q.to = Some(q.to.map_or(end.clone(), |t| t.min(end)));
        }
    }
    Ok(q)
}

/// An event as the record now has it, with its review; None if rejected
/// (the caller asked for what is in the record).
fn reviewed_event(e: truce_core::Event, reviews: &HashMap<String, ReviewRow>) -> Option<Value> {
    let review = reviews.get(&e.id);
    let mut e = e;
    match record::effect(review) {
        Effect::Rejected => return None,
        Effect::Corrected(c) => record::correct_event(&mut e, &c, &record::cameo_facts),
        Effect::AsCoded => {}
    }
    let mut v = serde_json::to_value(&e).ok()?;
    v["review"] = review_json(review);
    Some(v)
}

fn review_state(review: Option<&ReviewRow>) -> &str {
    match review.map(|r| r.action.as_str()) {
        None | Some("reopened") => "unreviewed",
        Some(a) => a,
    }
}

fn review_json(review: Option<&ReviewRow>) -> Value {
    json!({
        "state": review_state(review),
        "reviewer": review.map(|r| &r.reviewer),
        "at": review.map(|r| &r.at),
        "note": review.and_then(|r| r.note.as_ref()),
    })
}

/// Reads stored event bodies into reviewed events (rejected ones, when
/// asked for, keep their body and say so).
fn page_events(store: &Store, bodies: Vec<String>) -> Result<Vec<Value>, ApiError> {
    let events: Vec<truce_core::Event> = bodies
        .iter()
        .map(|b| {
            serde_json::from_str(b).map_err(|e| ApiError::from(anyhow::anyhow!("a stored event is unreadable: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    let reviews = store.latest_reviews(&ids)?;
    Ok(events
        .into_iter()
        .map(|e| {
            let review = reviews.get(&e.id);
            reviewed_event(e.clone(), &reviews).unwrap_or_else(|| {
                let mut v = serde_json::to_value(&e).unwrap_or(Value::Null);
                v["review"] = review_json(review);
                v
            })
        })
        .collect())
}

/// Coded events, filtered, by day.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventParams),
    responses((status = 200, body = Page), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_events(
    State(state): State<Arc<AppState>>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Page>, ApiError> {
    reading(&state, move |_, store| {
        let q = event_query(store, &p)?;
        let items = page_events(store, store.events(&q)?)?;
        // Counted from the page on, so the count stays bounded however
        // deep the page.
        let counted = store.count_events_up_to(&EventQuery { offset: 0, ..q.clone() }, q.offset + COUNT_CAP)?;
        let more = counted > (q.offset + COUNT_CAP) as i64;
        let total = counted.min((q.offset + COUNT_CAP) as i64);
        Ok(Json(Page { total, more, offset: q.offset, limit: q.limit, items }))
    })
    .await
}

/// Events a day by PLOVER category and modality, for a timeline.
#[utoipa::path(get, path = "/api/timeline", tag = "events", params(EventParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn timeline(
    State(state): State<Arc<AppState>>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Value>, ApiError> {
    reading(&state, move |_, store| {
        let q = event_query(store, &p)?;
        let days: Vec<Value> = store
            .event_counts(&q)?
            .into_iter()
            .map(
                |(day, plover, modality, n)| json!({ "day": day, "plover": plover, "modality": modality, "events": n }),
            )
            .collect();
        Ok(Json(json!({ "days": days })))
    })
    .await
}

/// The places of events (those with coordinates), most events first:
/// `limit` is the number of places.
#[utoipa::path(get, path = "/api/places", tag = "events", params(EventParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn places(
    State(state): State<Arc<AppState>>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Value>, ApiError> {
    reading(&state, move |_, store| {
        let q = event_query(store, &p)?;
        let items: Vec<Value> = store
            .event_places(&q)?
            .into_iter()
            .map(|c| {
                json!({ "place": c.place, "lat": c.lat, "lon": c.lon, "country": c.country,
                        "events": c.events, "first_day": c.first_day, "last_day": c.last_day })
            })
            .collect();
        Ok(Json(json!({ "places": items })))
    })
    .await
}

/// One event: as the record has it and as the coder wrote it, its
/// reviews, its report with the sentence's span, and the other reports of
/// the same happening (copies of one outlet marked).
#[utoipa::path(get, path = "/api/events/{id}", tag = "events",
    params(("id" = String, Path, description = "Event id")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn event(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    reading(&state, move |s, store| {
        let (body, doc_id) = store.event(&id)?.ok_or_else(|| ApiError::not_found(format!("no event {id:?}")))?;
        let coded: truce_core::Event = serde_json::from_str(&body)
            .map_err(|e| ApiError::from(anyhow::anyhow!("event {id} is unreadable: {e}")))?;
        let reviews = store.reviews_of(&id)?;
        let latest: HashMap<String, ReviewRow> = reviews.last().map(|r| (id.clone(), r.clone())).into_iter().collect();
        let current = reviewed_event(coded.clone(), &latest).unwrap_or_else(|| {
            let mut v = serde_json::to_value(&coded).unwrap_or(Value::Null);
            v["review"] = review_json(reviews.last());
            v
        });
        let doc = store.documents_page(0, 1, Some(&doc_id))?.pop();
        let text = store.get(&truce_core::DocId::from_string(doc_id.clone()))?.map(|d| d.text);
        let mentions = mentions(store, s, &coded)?;
        Ok(Json(json!({
            "event": current,
            "as_coded": coded,
            "reviews": reviews.iter().map(review_row_json).collect::<Vec<_>>(),
            "document": doc.as_ref().map(summary_json),
            "text": text,
            "mentions": mentions,
        })))
    })
    .await
}

/// The other reports of the happening an event belongs to: observations
/// of nearby days clustered as the exports cluster them.
fn mentions(store: &Store, s: &AppState, e: &truce_core::Event) -> Result<Vec<Value>, ApiError> {
    let Some(day) = e.date.as_deref().and_then(|d| d.get(..10)).and_then(|d| d.parse::<jiff::civil::Date>().ok())
    else {
        return Ok(Vec::new());
    };
    let shift = |n: i64| day.checked_add(jiff::Span::new().days(n)).map(|d| d.to_string()).unwrap_or_default();
    let bodies = store.observations_between(&shift(-3), &format!("{}~", shift(3)))?;
    let observations: Vec<truce_comply::Observation> =
        bodies.iter().filter_map(|b| serde_json::from_str(b).ok()).collect();
    let happenings = truce_comply::cluster(&observations, &s.engine.outlets);
    let Some(h) = happenings.iter().find(|h| h.events.contains(&e.id)) else { return Ok(Vec::new()) };
    let by_id: HashMap<&str, &truce_comply::Observation> = observations.iter().map(|o| (o.event.as_str(), o)).collect();
    let mut out = Vec::new();
    for other in h.events.iter().filter(|x| **x != e.id).take(50) {
        let Some(o) = by_id.get(other.as_str()) else { continue };
        let span = store
            .event(other)?
            .and_then(|(b, _)| serde_json::from_str::<truce_core::Event>(&b).ok())
            .map(|ev| ev.evidence.span);
        out.push(json!({
            "event": o.event, "doc": o.doc, "report": o.report, "outlet": o.outlet, "reported": o.reported,
            "cameo": o.cameo, "modality": o.modality, "sentence": o.sentence, "span": span,
        }));
    }
    Ok(out)
}

fn review_row_json(r: &ReviewRow) -> Value {
    json!({
        "seq": r.seq, "event": r.event, "action": r.action,
        "changes": r.changes.as_deref().and_then(|c| serde_json::from_str::<Value>(c).ok()),
        "note": r.note, "reviewer": r.reviewer, "at": r.at,
    })
}

/// An event's reviews, oldest first.
#[utoipa::path(get, path = "/api/events/{id}/reviews", tag = "review",
    params(("id" = String, Path, description = "Event id")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn event_reviews(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    reading(&state, move |_, store| {
        store.event(&id)?.ok_or_else(|| ApiError::not_found(format!("no event {id:?}")))?;
        let rows: Vec<Value> = store.reviews_of(&id)?.iter().map(review_row_json).collect();
        Ok(Json(json!({ "reviews": rows })))
    })
    .await
}

/// A review: verify, reject, correct (with the corrected fields) or
/// reopen an event.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// `verified`, `rejected`, `corrected` or `reopened`.
    #[schema(pattern = "^(verified|rejected|corrected|reopened)$")]
    action: String,
    /// With `corrected`: the fields to correct.
    #[serde(default)]
    changes: Option<Changes>,
    /// Why, for the audit log.
    #[serde(default)]
    note: Option<String>,
}

/// Reviews an event. The review is appended to the audit log under the
/// token's owner, and every verdict is recomputed from the corrected
/// record; the answer lists the verdicts the review changed.
#[utoipa::path(post, path = "/api/events/{id}/reviews", tag = "review",
    params(("id" = String, Path, description = "Event id")),
    request_body = ReviewRequest, security(("token" = [])),
    responses((status = 201, body = Object), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn review(
    State(state): State<Arc<AppState>>,
    Writer(reviewer): Writer,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReviewRequest>,
) -> Result<Response, ApiError> {
    if !truce_store::REVIEW_ACTIONS.contains(&request.action.as_str()) {
        return Err(ApiError::unprocessable(format!(
            "action: {:?} is not one of {}",
            request.action,
            truce_store::REVIEW_ACTIONS.join(", ")
        )));
    }
    match (&request.changes, request.action.as_str()) {
        (Some(c), "corrected") => c.check(&record::cameo_facts).map_err(ApiError::unprocessable)?,
        (None, "corrected") => return Err(ApiError::unprocessable("changes: a correction needs the corrected fields")),
        (Some(_), _) => return Err(ApiError::unprocessable("changes: only a correction has changes")),
        (None, _) => {}
    }
    let note = text_param("note", &request.note, 2000)?;
    let body = blocking(&state, move |s| {
        s.write(|store| {
            store.event(&id)?.ok_or_else(|| ApiError::not_found(format!("no event {id:?}")))?;
            let today = compliance::today();
            let before = boards(store, s, today)?;
            let changes =
                request.changes.as_ref().map(serde_json::to_string).transpose().map_err(anyhow::Error::from)?;
            let row = store.add_review(&id, &request.action, changes.as_deref(), note.as_deref(), &reviewer)?;
            let (after, alerts) = compliance::refresh(store, &s.engine, today)?;
            Ok(json!({
                "review": review_row_json(&row),
                "verdicts_changed": changed(&before, &after),
                "alerts": alerts,
            }))
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn boards(store: &Store, s: &AppState, as_of: jiff::civil::Date) -> Result<Vec<truce_comply::Board>, ApiError> {
    let agreements = compliance::agreements(store, None)?;
    let observations = compliance::observations(store)?;
    Ok(agreements
        .iter()
        .map(|a| truce_comply::board(a, &observations, &s.engine.outlets, &s.engine.rules, as_of))
        .collect())
}

/// The verdicts that differ between two sets of boards.
fn changed(before: &[truce_comply::Board], after: &[truce_comply::Board]) -> Vec<Value> {
    let mut out = Vec::new();
    for b in after {
        let old = before.iter().find(|o| o.agreement == b.agreement);
        for v in &b.verdicts {
            let was = old.and_then(|o| o.verdicts.iter().find(|w| w.provision == v.provision && w.party == v.party));
            if was.is_none_or(|w| w.status != v.status || w.confidence != v.confidence) {
                out.push(json!({
                    "agreement": b.agreement, "provision": v.provision, "party": v.party,
                    "from": was.map(|w| w.status), "to": v.status, "rationale": v.rationale,
                }));
            }
        }
    }
    out
}

// ---------------------------------------------------------------- agreements

/// The stored agreements.
#[utoipa::path(get, path = "/api/agreements", tag = "agreements",
    responses((status = 200, body = Object)))]
async fn list_agreements(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    reading(&state, move |_, store| {
        let items: Vec<Value> = compliance::agreements(store, None)?.iter().map(agreement_json).collect();
        Ok(Json(json!({ "items": items })))
    })
    .await
}

fn agreement_json(a: &truce_comply::Checked) -> Value {
    json!({
        "id": a.agreement.id,
        "title": a.agreement.title,
        "signed": a.signed.map(|d| d.to_string()),
        "effective": a.effective.map(|t| t.to_string()),
        "effective_day": a.effective_date.map(|d| d.to_string()),
        "ends": a.ends.map(|d| d.to_string()),
        "agreement": a.agreement,
    })
}

fn one_agreement(store: &Store, id: &str) -> Result<truce_comply::Checked, ApiError> {
    compliance::agreements(store, Some(id)).map_err(|e| ApiError::not_found(e.to_string())).map(|mut v| v.remove(0))
}

/// One agreement as written, with its effective instant in UTC.
#[utoipa::path(get, path = "/api/agreements/{id}", tag = "agreements",
    params(("id" = String, Path, description = "Agreement id")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn agreement(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    reading(&state, move |_, store| Ok(Json(agreement_json(&one_agreement(store, &id)?)))).await
}

/// The day of a board.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AsOfParams {
    /// The day the board stands on (default today): only reports
    /// published by then count.
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
}

/// An agreement's board: a verdict per provision and obligor as of a day,
/// each with its evidence.
#[utoipa::path(get, path = "/api/agreements/{id}/board", tag = "agreements",
    params(("id" = String, Path, description = "Agreement id"), AsOfParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn board(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<AsOfParams>,
) -> Result<Json<Value>, ApiError> {
    let as_of = day("as_of", &p.as_of)?;
    reading(&state, move |s, store| {
        let a = one_agreement(store, &id)?;
        let as_of = as_of.and_then(|d| d.parse().ok()).unwrap_or_else(compliance::today);
        let observations = compliance::observations(store)?;
        let board = truce_comply::board(&a, &observations, &s.engine.outlets, &s.engine.rules, as_of);
        Ok(Json(serde_json::to_value(board).map_err(anyhow::Error::from)?))
    })
    .await
}

/// Period of a history.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryParams {
    /// First day (default: the agreement's signing or effective day).
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// Last day (default today).
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
}

/// How an agreement's verdicts moved, day by day, and the verdicts the
/// record has kept (appended whenever one changed).
#[utoipa::path(get, path = "/api/agreements/{id}/history", tag = "agreements",
    params(("id" = String, Path, description = "Agreement id"), HistoryParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn history(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<HistoryParams>,
) -> Result<Json<Value>, ApiError> {
    let from = day("from", &p.from)?;
    let to = day("to", &p.to)?;
    reading(&state, move |s, store| {
        let a = one_agreement(store, &id)?;
        let to: jiff::civil::Date = to.and_then(|d| d.parse().ok()).unwrap_or_else(compliance::today);
        let from: jiff::civil::Date =
            from.and_then(|d| d.parse().ok()).or(a.signed).or(a.effective_date).unwrap_or(to);
        if to.since(from).map_or(true, |span| span.get_days() > 3660) || from > to {
            return Err(ApiError::bad_request("from and to: at most ten years, from before to"));
        }
        let observations = compliance::observations(store)?;
        let changes = truce_comply::history(&a, &observations, &s.engine.outlets, &s.engine.rules, from, to);
        let kept: Vec<Value> = store
            .verdict_history(&id)?
            .iter()
            .map(|v| {
                json!({ "provision": v.provision, "party": v.party, "status": v.status, "as_of": v.as_of,
                        "since": v.since, "confidence": v.confidence, "rationale": v.rationale, "decided_at": v.decided_at })
            })
            .collect();
        Ok(Json(json!({ "agreement": id, "from": from.to_string(), "to": to.to_string(), "changes": changes, "recorded": kept })))
    })
    .await
}

// ---------------------------------------------------------------- search, audit, export

/// Words to search for.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words that must all occur (searched as words; no query syntax).
    #[param(required = true, min_length = 1)]
    q: Option<String>,
    #[param(maximum = 100_000_000)]
    offset: Option<usize>,
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<usize>,
}

/// Full-text search over the reports; each hit has a passage with the
/// matched words between U+0001 and U+0002.
#[utoipa::path(get, path = "/api/search", tag = "documents", params(SearchParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody)))]
async fn search(
    State(state): State<Arc<AppState>>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let (offset, limit) = page_of(p.offset, p.limit)?;
    let q = text_param("q", &p.q, 500)?.ok_or_else(|| ApiError::bad_request("q: the words to search for"))?;
    reading(&state, move |_, store| {
        let items: Vec<Value> = store
            .search(&q, offset, limit)?
            .into_iter()
            .map(|h| json!({ "id": h.id, "title": h.title, "date": h.date, "outlet": h.outlet, "snippet": h.snippet }))
            .collect();
        Ok(Json(json!({ "query": q, "offset": offset, "limit": limit, "items": items })))
    })
    .await
}

/// The review log, newest first.
#[utoipa::path(get, path = "/api/audit", tag = "review", params(PageParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody)))]
async fn audit(State(state): State<Arc<AppState>>, ApiQuery(p): ApiQuery<PageParams>) -> Result<Json<Value>, ApiError> {
    let (offset, limit) = page_of(p.offset, p.limit)?;
    reading(&state, move |_, store| {
        let items: Vec<Value> = store.audit_log(offset, limit)?.iter().map(review_row_json).collect();
        Ok(Json(json!({ "offset": offset, "limit": limit, "items": items })))
    })
    .await
}

/// What to export.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// jsonl, gdelt, acled, geojson, hxl or happenings.
    #[param(pattern = "^(jsonl|gdelt|acled|geojson|hxl|happenings)$")]
    format: Option<String>,
    /// On or after this day.
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// On or before this day.
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
    /// Modalities (comma-separated).
    #[param(
        pattern = "^(asserted|planned|requested|alleged|denied|hypothetical)(,(asserted|planned|requested|alleged|denied|hypothetical))*$"
    )]
    modality: Option<String>,
    /// CAMEO code prefixes (comma-separated).
    #[param(pattern = "^[0-9]{1,4}(,[0-9]{1,4})*$")]
    cameo: Option<String>,
}

/// The record's events (as reviewed) in a form the field's tools read, as
/// `truce export` writes them.
#[utoipa::path(get, path = "/api/export", tag = "events", params(ExportParams),
    responses((status = 200, description = "The file"), (status = 400, body = ErrorBody)))]
async fn export(State(state): State<Arc<AppState>>, ApiQuery(p): ApiQuery<ExportParams>) -> Result<Response, ApiError> {
    use clap::ValueEnum;
    let name = p.format.as_deref().unwrap_or("jsonl");
    let format = crate::cli::ExportFormat::from_str(name, true).map_err(|_| {
        ApiError::bad_request(format!("format: {name:?} is not one of jsonl, gdelt, acled, geojson, hxl, happenings"))
    })?;
    let filters = crate::commands::export::Filters {
        from: day("from", &p.from)?,
        to: day("to", &p.to)?,
        modality: list("modality", &p.modality, |s| record::MODALITIES.contains(&s), "a modality")?,
        cameo: list("cameo", &p.cameo, |s| s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()), "a CAMEO code")?,
    };
    let (mime, extension) = match format {
        crate::cli::ExportFormat::Jsonl | crate::cli::ExportFormat::Happenings => ("application/x-ndjson", "jsonl"),
        crate::cli::ExportFormat::Gdelt => ("text/tab-separated-values; charset=utf-8", "tsv"),
        crate::cli::ExportFormat::Acled | crate::cli::ExportFormat::Hxl => ("text/csv; charset=utf-8", "csv"),
        crate::cli::ExportFormat::Geojson => ("application/geo+json", "geojson"),
    };
    let bytes = reading(&state, move |s, store| {
        let mut buffer = Vec::new();
        crate::commands::export::write(store, &filters, format, &s.engine.outlets, Box::new(&mut buffer))?;
        Ok(buffer)
    })
    .await?;
    let disposition = format!("attachment; filename=\"truce-{}.{extension}\"", name.to_ascii_lowercase());
    Ok(([(header::CONTENT_TYPE, mime.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}
