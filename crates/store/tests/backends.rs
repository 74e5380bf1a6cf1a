//! The same record behaviour on SQLite and on PostgreSQL: documents,
//! events and their filters, reviews, search and the queue. The PostgreSQL
//! half runs when TRUCE_TEST_POSTGRES gives a server's URL (scripts/test.sh
//! starts one); each test makes a database of its own there.

use truce_core::{BlockKind, DocId, Document, OffsetMap, Sentence, Source, Span, Structure};
use truce_store::{EventQuery, EventRow, Store, Stored};

fn doc(text: &str, title: &str) -> Document {
    Document {
        id: DocId::of_text(text),
        source: Source {
            input: "t.txt".into(),
            encoding: "UTF-8".into(),
            title: Some(title.into()),
            ..Default::default()
        },
        original: text.into(),
        text: text.into(),
        offsets: OffsetMap::identity(text.len()),
        repairs: Vec::new(),
        structure: Structure::default(),
        sentences: vec![Sentence {
            span: Span::new(0, text.len()),
            text: text.into(),
            block: 0,
            block_kind: BlockKind::Paragraph,
            tokens: Vec::new(),
        }],
        mentions: Vec::new(),
        timexes: Vec::new(),
        events: Vec::new(),
        toponyms: Vec::new(),
    }
}

fn row(id: &str, day: &str, cameo: &str, source: &str, place: (&str, f64, f64)) -> EventRow {
    EventRow {
        id: id.into(),
        day: Some(day.into()),
        cameo: cameo.into(),
        plover: Some(if cameo.starts_with("19") { "ASSAULT" } else { "CONSULT" }.into()),
        modality: "asserted".into(),
        sources: vec![source.into()],
        targets: Vec::new(),
        place: Some(place.0.into()),
        country: Some("YEM".into()),
        lat: Some(place.1),
        lon: Some(place.2),
        body: serde_json::json!({ "id": id }).to_string(),
    }
}

fn ids(store: &Store, q: EventQuery) -> Vec<String> {
    store
        .events(&EventQuery { limit: 10, ..q })
        .unwrap()
        .iter()
        .map(|b| serde_json::from_str::<serde_json::Value>(b).unwrap()["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Everything a record must do, whatever holds it.
fn behaves(store: &Store) {
    // Documents: stored once, read back whole.
    let d = doc("Shelling was reported near the airport of Hodeidah. End.", "Airport shelled");
    assert_eq!(store.put(&d).unwrap(), Stored::New);
    assert_eq!(store.put(&d).unwrap(), Stored::AlreadyPresent);
    assert_eq!(store.get(&d.id).unwrap().unwrap(), d);
    let other = doc("The ministers met in Muscat.", "Talks");
    store.put(&other).unwrap();
    assert_eq!(store.count_documents().unwrap(), 2);
    // Events and their filters.
    store
        .put_events(
            &d.id,
            &[
                row("a", "2022-04-03", "190", "YEMREB", ("Marib", 15.45, 45.32)),
                row("b", "2022-04-05", "036", "SAU", ("Riyadh", 24.7, 46.7)),
                row("c", "2022-04-07", "1951", "YEM_X", ("Marib", 15.45, 45.32)),
            ],
        )
        .unwrap();
    assert_eq!(ids(store, EventQuery::default()), ["a", "b", "c"]);
    assert_eq!(ids(store, EventQuery { from: Some("2022-04-04".into()), ..Default::default() }), ["b", "c"]);
    assert_eq!(ids(store, EventQuery { actors: vec!["YEM".into()], ..Default::default() }), ["a", "c"]);
    assert_eq!(ids(store, EventQuery { actors: vec!["YEM_".into()], ..Default::default() }), ["c"]);
    assert_eq!(ids(store, EventQuery { cameo: vec!["19".into()], ..Default::default() }), ["a", "c"]);
    assert_eq!(ids(store, EventQuery { place: Some("MARIB".into()), ..Default::default() }), ["a", "c"]);
    assert_eq!(ids(store, EventQuery { bbox: Some([40.0, 10.0, 46.0, 20.0]), ..Default::default() }), ["a", "c"]);
    assert!(ids(store, EventQuery { place: Some("'; DROP TABLE events; --".into()), ..Default::default() }).is_empty());
    assert!(ids(store, EventQuery { ids: Some(Vec::new()), ..Default::default() }).is_empty());
    assert_eq!(store.event("b").unwrap().unwrap().1, d.id.as_str());
    assert_eq!(store.count_events(&EventQuery { plover: vec!["ASSAULT".into()], ..Default::default() }).unwrap(), 2);
    assert_eq!(store.count_events_up_to(&EventQuery::default(), 2).unwrap(), 3);
    assert_eq!(store.event_places(&EventQuery { limit: 5, ..Default::default() }).unwrap()[0].events, 2);
    assert_eq!(store.event_counts(&EventQuery::default()).unwrap().len(), 3);
    // Reviews: appended, the latest is the state, and the state filters.
    store.add_review("a", "rejected", None, Some("withdrawn"), "ana").unwrap();
    store.add_review("c", "corrected", Some("{\"cameo\":\"190\"}"), None, "ben").unwrap();
    let keep = vec!["unreviewed".to_owned(), "verified".into(), "corrected".into()];
    assert_eq!(ids(store, EventQuery { review: keep, ..Default::default() }), ["b", "c"]);
    assert_eq!(store.current_reviews().unwrap()["a"].action, "rejected");
    assert_eq!(store.latest_reviews(&["c".into(), "b".into()]).unwrap().len(), 1);
    assert_eq!(store.audit_log(0, 10).unwrap()[0].reviewer, "ben");
    assert!(store.add_review("b", "deleted", None, None, "eve").is_err(), "not a review action");
    store.add_review("a", "reopened", None, None, "ana").unwrap();
    assert_eq!(ids(store, EventQuery { review: vec!["unreviewed".into()], ..Default::default() }), ["a", "b"]);
    // Search: words only, matches marked.
    let hits = store.search("hodeidah shelling", 0, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.contains("\u{1}Hodeidah\u{2}"), "{}", hits[0].snippet);
    assert!(store.search("\"muscat\" OR NEAR(", 0, 10).unwrap().is_empty());
    assert_eq!(store.search("MUSCAT", 0, 10).unwrap().len(), 1);
    // The queue: a claim holds until its lease runs out.
    let first = store.enqueue("a.txt", "first\u{0}", "{}").unwrap();
    let second = store.enqueue("b.txt", "second", "{}").unwrap();
    assert_eq!(store.claim_many("w1", 600, 1).unwrap()[0].original, "first\u{0}");
    assert_eq!(store.claim_many("w2", 600, 5).unwrap()[0].seq, second);
    assert!(store.claim_many("w3", 600, 5).unwrap().is_empty());
    let again = store.claim_many("w3", -1, 1).unwrap();
    assert_eq!((again[0].seq, again[0].attempts), (first, 2));
    assert!(!store.finish(first, "w1").unwrap());
    assert!(store.finish(first, "w3").unwrap());
    store.fail(second, "unreadable").unwrap();
    let c = store.queue_counts(600).unwrap();
    assert_eq!((c.waiting, c.claimed, c.failed), (0, 0, 1));
}

#[test]
fn sqlite_behaves() {
    behaves(&Store::open_in_memory().unwrap());
}

/// A database of its own on the test server, or None without one.
fn postgres(name: &str) -> Option<Store> {
    let Ok(url) = std::env::var("TRUCE_TEST_POSTGRES") else {
        eprintln!("TRUCE_TEST_POSTGRES is not set: the PostgreSQL half is skipped (scripts/test.sh sets it)");
        return None;
    };
    let db = truce_store::create_postgres_database(&url, &format!("truce_test_{name}_{}", std::process::id())).unwrap();
    Some(Store::open_location(&db).unwrap())
}

#[test]
fn postgres_behaves_the_same() {
    if let Some(store) = postgres("behaves") {
        assert!(store.is_postgres());
        behaves(&store);
    }
}
