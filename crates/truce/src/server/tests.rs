//! The API end to end, in process: requests through the router, answers
//! read as a client reads them. The truce and the reports are invented for
//! these tests.

use super::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "0123456789abcdef0123";

const TRUCE: &str = r#"
id = "river-truce"
title = "Ceasefire along the river"
signed = "2023-05-01"
effective = "2023-05-02T00:00"
zone = "Europe/Kyiv"

[[party]]
code = "UKR"
name = "Ukraine"

[[party]]
code = "RUS"
name = "Russia"

[[provision]]
id = "1"
kind = "ceasefire"
obligors = ["UKR", "RUS"]
"#;

const SHELLING: &str = "KYIV, May 6 (Wire C) - Russian artillery shelled Ukrainian positions near Kherson on \
Saturday, four days after the ceasefire took effect, international monitors said.";

struct Service {
    app: axum::Router,
    runtime: tokio::runtime::Runtime,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn service(name: &str) -> Service {
    let dir = std::env::temp_dir().join(format!("truce-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("record.db");
    service_on(db, dir)
}

/// The service on a fresh PostgreSQL database of the test server, or None
/// when TRUCE_TEST_POSTGRES is not set (scripts/test.sh sets it).
fn service_on_postgres(name: &str) -> Option<Service> {
    let url = std::env::var("TRUCE_TEST_POSTGRES").ok()?;
    let db =
        truce_store::create_postgres_database(&url, &format!("truce_serve_{name}_{}", std::process::id())).unwrap();
    let dir = std::env::temp_dir().join(format!("truce-serve-{name}-pg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Some(service_on(std::path::PathBuf::from(db), dir))
}

fn service_on(db: std::path::PathBuf, dir: std::path::PathBuf) -> Service {
    {
        let store = Store::open_location(&db.to_string_lossy()).unwrap();
        store.put_agreement("river-truce", "Ceasefire along the river", "river.toml", TRUCE).unwrap();
    }
    let engine = Engine { outlets: truce_comply::Outlets::default(), rules: truce_comply::Rules::load() };
    let tokens = Tokens::parse(&format!("ana {TOKEN}\n")).unwrap();
    let state = AppState::open(
        &db,
        2,
        Pipeline::new(&[]).unwrap(),
        engine,
        tokens,
        truce_text::Options { date: None, max_bytes: truce_text::DEFAULT_MAX_BYTES },
    )
    .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    Service { app: router(Arc::new(state), 64 * 1024), runtime, _dir: TempDir(dir) }
}

impl Service {
    fn call(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(uri).header("content-type", content_type);
        if let Some(t) = token {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        let request = request.body(Body::from(body)).unwrap();
        self.runtime.block_on(async {
            let response = self.app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            let value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
            (status, value)
        })
    }

    fn get(&self, uri: &str) -> (StatusCode, Value) {
        self.call("GET", uri, None, "application/json", Vec::new())
    }

    fn post_json(&self, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call("POST", uri, token, "application/json", body.to_string().into_bytes())
    }

    fn ingest(&self, text: &str, date: &str) -> Value {
        let (status, body) = self.call(
            "POST",
            &format!("/api/documents?date={date}&outlet=Wire%20C"),
            Some(TOKEN),
            "text/plain",
            text.as_bytes().to_vec(),
        );
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }
}

fn verdict<'a>(board: &'a Value, provision: &str, party: &str) -> &'a Value {
    board["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["provision"] == provision && v["party"] == party)
        .unwrap_or_else(|| panic!("no verdict {provision}/{party} in {board}"))
}

#[test]
fn errors_are_json_with_the_right_status() {
    let s = service("errors");
    let (status, body) = s.get("/api/nothing-here");
    assert_eq!((status, body["error"]["status"].as_u64()), (StatusCode::NOT_FOUND, Some(404)));
    let (status, body) = s.get("/api/events?colour=red");
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["message"].as_str().unwrap().contains("colour"), "{body}");
    for bad in [
        "/api/events?limit=5000",
        "/api/events?from=2023-02-30",
        "/api/events?bbox=1,2,3",
        "/api/events?modality=certain",
        "/api/events?cameo=19%27%20OR%201=1",
        "/api/search",
        "/api/export?format=xlsx",
    ] {
        let (status, body) = s.get(bad);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(body["error"]["message"].is_string(), "{bad}: {body}");
    }
    let (status, _) = s.get("/api/events/no-such-event");
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = s.get("/api/agreements/no-such-truce/board");
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Words that look like SQL are words: nothing matches, nothing breaks.
    let (status, body) = s.get("/api/events?place=%27%3B%20DROP%20TABLE%20events%3B%20--");
    assert_eq!((status, body["total"].as_i64()), (StatusCode::OK, Some(0)));
    let (status, _) = s.get("/api/search?q=%22OR%20NEAR(*");
    assert_eq!(status, StatusCode::OK);
}

#[test]
fn writing_needs_a_known_token_and_bad_bodies_store_nothing() {
    let s = service("writing");
    let text = SHELLING.as_bytes().to_vec();
    let (status, body) = s.call("POST", "/api/documents", None, "text/plain", text.clone());
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _) = s.call("POST", "/api/documents", Some("not-a-known-token-at-all"), "text/plain", text);
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = s.call("POST", "/api/documents", Some(TOKEN), "text/plain", b"   \n".to_vec());
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = s.call("POST", "/api/documents", Some(TOKEN), "text/plain", vec![b'a'; 100 * 1024]);
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let (status, _) = s.call("POST", "/api/documents", Some(TOKEN), "application/json", b"{\"text\": ".to_vec());
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) =
        s.post_json("/api/documents", Some(TOKEN), serde_json::json!({"text": "x", "date": "2023-13-01"}));
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, health) = s.get("/api/health");
    assert_eq!(health["documents"], 0, "{health}");
    // A report sent twice is stored once.
    let first = s.post_json("/api/documents", Some(TOKEN), serde_json::json!({"text": SHELLING, "date": "2023-05-06"}));
    let again = s.post_json("/api/documents", Some(TOKEN), serde_json::json!({"text": SHELLING, "date": "2023-05-06"}));
    assert_eq!((first.0, again.0, again.1["new"].as_bool()), (StatusCode::CREATED, StatusCode::OK, Some(false)));
}

#[test]
fn a_rejected_event_leaves_the_record_and_the_verdict_follows() {
    review_flow(&service("review"));
}

#[test]
fn reviews_work_the_same_on_postgres() {
    if let Some(s) = service_on_postgres("review") {
        review_flow(&s);
        reading(&s);
    }
}

fn review_flow(s: &Service) {
    let stored = s.ingest(SHELLING, "2023-05-06");
    assert!(stored["events"].as_u64().unwrap() >= 1, "{stored}");
    let (_, events) = s.get("/api/events?agreement=river-truce&plover=ASSAULT");
    let shelling = &events["items"][0];
    assert_eq!(shelling["source"][0]["code"].as_str().map(|c| &c[..3]), Some("RUS"), "{events}");
    let id = shelling["id"].as_str().unwrap().to_owned();

    let (_, board) = s.get("/api/agreements/river-truce/board?as_of=2023-05-07");
    let before = verdict(&board, "1", "RUS")["status"].as_str().unwrap().to_owned();
    assert!(["breached", "alleged"].contains(&before.as_str()), "{board}");

    // Reject it: out of the lists, out of the evidence, into the audit log.
    let (status, body) = s.post_json(
        &format!("/api/events/{id}/reviews"),
        Some(TOKEN),
        serde_json::json!({"action": "rejected", "note": "the monitors' report was withdrawn"}),
    );
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["review"]["reviewer"], "ana");
    let (_, board) = s.get("/api/agreements/river-truce/board?as_of=2023-05-07");
    assert_ne!(verdict(&board, "1", "RUS")["status"].as_str().unwrap(), before, "{board}");
    let (_, events) = s.get("/api/events?plover=ASSAULT");
    assert_eq!(events["total"], 0, "{events}");
    let (_, events) = s.get("/api/events?review=rejected");
    assert_eq!(events["items"][0]["review"]["state"], "rejected");

    // Correct it instead: the other side fired, and the verdicts move to it.
    let (status, body) = s.post_json(
        &format!("/api/events/{id}/reviews"),
        Some(TOKEN),
        serde_json::json!({"action": "corrected", "changes": {"source": ["UKRMIL"], "target": ["RUSMIL"]}}),
    );
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, board) = s.get("/api/agreements/river-truce/board?as_of=2023-05-07");
    assert_eq!(verdict(&board, "1", "UKR")["status"].as_str(), Some(before.as_str()), "{board}");
    let (_, page) = s.get(&format!("/api/events/{id}"));
    assert_eq!(page["event"]["source"][0]["code"], "UKRMIL");
    assert_eq!(page["as_coded"]["source"][0]["code"].as_str().map(|c| &c[..3]), Some("RUS"));
    assert_eq!(page["reviews"].as_array().unwrap().len(), 2);
    let span = &page["event"]["evidence"]["span"];
    let text = page["text"].as_str().unwrap();
    let sentence = &text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize];
    assert!(sentence.contains("shelled"), "{sentence}");

    // A correction that is not one is refused and logs nothing.
    for bad in [
        serde_json::json!({"action": "corrected", "changes": {"cameo": "999"}}),
        serde_json::json!({"action": "corrected"}),
        serde_json::json!({"action": "deleted"}),
        serde_json::json!({"action": "verified", "changes": {"cameo": "190"}}),
    ] {
        let (status, body) = s.post_json(&format!("/api/events/{id}/reviews"), Some(TOKEN), bad.clone());
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    let (status, _) = s.post_json(
        &format!("/api/events/{id}/reviews"),
        Some(TOKEN),
        serde_json::json!({"action": "verified", "extra": 1}),
    );
    assert!(status.is_client_error());
    let (_, audit) = s.get("/api/audit");
    assert_eq!(audit["items"].as_array().unwrap().len(), 2, "{audit}");
    assert_eq!(audit["items"][0]["action"], "corrected");
}

#[test]
fn timeline_map_search_exports_and_the_description_answer() {
    let s = service("reading");
    s.ingest(SHELLING, "2023-05-06");
    reading(&s);
}

/// The reading routes, on a record holding the SHELLING report.
fn reading(s: &Service) {
    let (_, timeline) = s.get("/api/timeline");
    assert!(timeline["days"].as_array().unwrap().iter().any(|d| d["day"] == "2023-05-06"), "{timeline}");
    let (_, places) = s.get("/api/places");
    assert!(places["places"].as_array().unwrap().iter().any(|p| p["place"] == "Kherson"), "{places}");
    let (_, hits) = s.get("/api/search?q=artillery%20kherson");
    assert_eq!(hits["items"].as_array().unwrap().len(), 1, "{hits}");
    let (_, documents) = s.get("/api/documents");
    assert_eq!(documents["total"], 1);
    let doc = documents["items"][0]["id"].as_str().unwrap();
    let (status, page) = s.get(&format!("/api/documents/{doc}"));
    assert_eq!((status, page["text"].as_str().is_some()), (StatusCode::OK, true));
    for format in ["jsonl", "gdelt", "acled", "geojson", "hxl", "happenings"] {
        let (status, body) = s.get(&format!("/api/export?format={format}"));
        assert_eq!(status, StatusCode::OK, "{format}: {body}");
    }
    let (_, geojson) = s.get("/api/export?format=geojson");
    assert_eq!(geojson["type"], "FeatureCollection");
    let (_, api) = s.get("/openapi.json");
    assert!(api["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/events", "/api/events/{id}/reviews", "/api/agreements/{id}/board", "/api/export"] {
        assert!(api["paths"][path].is_object(), "{path} is not described");
    }
    assert_eq!(api["paths"]["/api/events/{id}/reviews"]["post"]["security"][0]["token"], serde_json::json!([]));
    let (status, index) = s.call("GET", "/", None, "text/html", Vec::new());
    assert_eq!(status, StatusCode::OK);
    assert!(index.as_str().unwrap().contains("<title>truce"));
}
