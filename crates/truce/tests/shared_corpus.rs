//! Checks against the evaluation material in `../shared` (next to the
//! repository), when it is there; skipped cleanly when it is not. Nothing
//! from that material is copied here: the expectations are read from its
//! own `expected.json` at test time. `TRUCE_SHARED` points elsewhere.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("TRUCE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    dir.join("corpus").is_dir().then_some(dir)
}

/// The seed report and what an analyst reads in it.
fn seed(shared: &std::path::Path) -> (PathBuf, serde_json::Value) {
    let expected = std::fs::read_to_string(shared.join("corpus/seed/expected.json")).unwrap();
    (shared.join("corpus/seed/seed.txt"), serde_json::from_str(&expected).unwrap())
}

fn annotate(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_truce")).arg("annotate").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_seed_comes_out_as_an_analyst_reads_it() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no shared evaluation material");
        return;
    };
    let (seed, expected) = seed(&shared);
    let (code, out, err) = annotate(&[seed.as_os_str(), "--date".as_ref(), "2020-12-03".as_ref()]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();

    for repair in expected["repair"].as_array().unwrap() {
        let good = repair["good"].as_str().unwrap();
        assert!(doc["text"].as_str().unwrap().contains(good), "{good} not repaired");
        assert!(!doc["text"].as_str().unwrap().contains(repair["bad"].as_str().unwrap()));
    }
    let text = doc["text"].as_str().unwrap();
    let slice = |span: &serde_json::Value| {
        let s: truce_core::Span = serde_json::from_value(span.clone()).unwrap();
        s.slice(text).to_owned()
    };
    let captions: Vec<String> = doc["structure"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "caption")
        .map(|b| slice(&b["span"]))
        .collect();
    let caption = expected["caption"].as_str().unwrap();
    assert!(captions.iter().any(|c| c.ends_with(caption)), "{captions:?}");

    let dateline = &doc["structure"]["dateline"];
    assert_eq!(dateline["place"]["text"], expected["dateline"]["place"]);
    assert!(dateline["date"]["text"].as_str().unwrap().starts_with("December 3"));

    let body: Vec<&str> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["block_kind"] == "paragraph")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    let begins: Vec<&str> =
        expected["body_sentences_begin"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
    assert_eq!(body.len(), begins.len(), "{body:#?}");
    for (sentence, begin) in body.iter().zip(&begins) {
        assert!(sentence.starts_with(begin), "{sentence:?} should begin {begin:?}");
    }
}

#[test]
fn every_entity_link_of_the_seed_is_right() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no shared evaluation material");
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["eval", "entities", "--json"])
        .arg(shared.join("corpus/seed/expected.json"))
        .arg("--doc")
        .arg(shared.join("corpus/seed/seed.txt"))
        .output()
        .unwrap();
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(figures["correct"], figures["n"], "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn every_time_expression_of_the_seed_has_its_value_and_instant() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no shared evaluation material");
        return;
    };
    let (seed, expected) = seed(&shared);
    let date = expected["document_date"].as_str().unwrap();
    let (code, out, err) = annotate(&[seed.as_os_str(), "--date".as_ref(), date.as_ref()]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let timexes = doc["timexes"].as_array().unwrap();
    for want in expected["timexes"].as_array().unwrap() {
        let text = want["text"].as_str().unwrap();
        let value = want["value"].as_str().unwrap();
        let found = timexes.iter().find(|t| t["text"] == text && t["value"] == value);
        assert!(found.is_some(), "{text:?} with value {value} not found among {timexes:#?}");
        if let Some(instant) = want.get("instant_utc").and_then(|i| i.as_str()) {
            assert_eq!(found.unwrap()["instant"], instant, "{text}");
        }
    }
}

#[test]
fn every_required_event_of_the_seed_is_coded() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no shared evaluation material");
        return;
    };
    let (seed, expected) = seed(&shared);
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .arg("code")
        .arg(&seed)
        .args(["--date", expected["document_date"].as_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let events: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let countries = |actors: &serde_json::Value| {
        let mut c: Vec<String> = actors
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["code"].as_str().and_then(|c| c.get(..3)).map(str::to_owned))
            .collect();
        c.sort();
        c.dedup();
        c
    };
    let listed = |v: &serde_json::Value| {
        let mut c: Vec<String> =
            v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_owned)).collect();
        c.sort();
        c
    };
    for want in expected["events"].as_array().unwrap().iter().filter(|e| e["required"] == true) {
        let roots = listed(&want["roots"]);
        let found = events.iter().any(|e| {
            roots.contains(&e["cameo_root"].as_str().unwrap_or("").to_owned())
                && countries(&e["source"]) == listed(&want["source"])
                && (want.get("target").is_none() || countries(&e["target"]) == listed(&want["target"]))
                && (want.get("date").is_none() || e["date"] == want["date"])
                && (want.get("modality").is_none() || e["modality"] == want["modality"])
                // Where a place is expected, the event is on the map there.
                && (want.get("place").is_none()
                    || (e["location"]["name"] == want["place"] && e["location"]["lat"].is_number()))
        });
        assert!(found, "required event {} not coded; events: {events:#?}", want["id"]);
    }
}

#[test]
fn every_development_report_is_taken_in() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no shared evaluation material");
        return;
    };
    let corpus = shared.join("corpus/karabakh-2020-dev.jsonl");
    let (code, out, err) = annotate(&[corpus.as_os_str(), "--compact".as_ref()]);
    assert_eq!(code, 0, "{err}");
    let lines = std::fs::read_to_string(&corpus).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(out.lines().count(), lines);
    // Every token of every report maps back to the same text in the
    // original, unless repair changed it.
    let mut checked = 0;
    for line in out.lines() {
        let doc: truce_core::Document = serde_json::from_str(line).unwrap();
        for s in &doc.sentences {
            for t in &s.tokens {
                let back = doc.offsets.to_original(t.span);
                let repaired_here =
                    doc.repairs.iter().any(|r| r.original.start() < back.end() && back.start() < r.original.end());
                if !repaired_here {
                    assert_eq!(doc.original_text(t.span), t.span.slice(&doc.text), "{}", doc.source.input);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000);
}
