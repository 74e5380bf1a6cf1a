//! The `truce` binary, run as a user runs it, on texts written for these
//! tests in the style of real reports (damage included).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn truce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_truce"))
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("truce-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output { status, stdout, stderr } = cmd.output().unwrap();
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&stdout).into(), String::from_utf8_lossy(&stderr).into())
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A machine-translated style report: caption marker turned to mojibake,
/// a dateline without a year, a glued full stop.
const MT_REPORT: &str = "\u{e2}\u{2013}\u{b2}Monitors walk past a shelled school in the north, source: AFP\n\n\
Geneva, March 4th The two delegations agreed on the 3rd to a ceasefire from 00:00 local time.The \
mediators welcomed the agreement and called on both sides to respect it.\n\n\
Gen. Ivanov said the U.S. and the U.N. had been informed. Prisoners will be exchanged within 72 hours.\n";

#[test]
fn demo_runs_the_built_in_example() {
    let (code, out, err) = run(truce().args(["demo", "--report"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("caption"), "{out}");
    assert!(out.contains("dateline: place Sanaa"), "{out}");
    let (code, out, _) = run(truce().args(["demo", "--report", "--json"]));
    assert_eq!(code, 0);
    let doc = json(&out);
    assert!(doc["text"].as_str().unwrap().starts_with('▲'));
}

#[test]
fn demo_prints_the_boards_of_the_demo_agreements() {
    let (code, out, err) = run(truce().args(["demo", "--json"]));
    assert_eq!(code, 0, "{err}");
    let boards: Vec<serde_json::Value> = out.lines().map(json).collect();
    assert_eq!(boards.len(), 3, "{out}");
    let first = &boards[0];
    assert_eq!(first["agreement"], "yemen-truce-2022");
    // Each renewal runs its own two months: the second follows the first
    // (both renew the truce), and reports of a renewal do not stretch the
    // one before.
    let ends: Vec<&str> = boards.iter().map(|b| b["ends"].as_str().unwrap()).collect();
    assert_eq!(ends, ["2022-06-02", "2022-08-02", "2022-10-02"]);
    let status = |provision: &str, party: &str| {
        first["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["provision"] == provision && v["party"] == party)
            .map(|v| v["status"].as_str().unwrap().to_owned())
            .unwrap()
    };
    // The coalition's air strikes stopped; the flights began, late but
    // within the truce; fuel ships came, but not all eighteen.
    assert_eq!(status("1", "SAU"), "complied");
    assert_eq!(status("3", "SAU"), "complied");
    assert_eq!(status("2", "SAU"), "partly-complied");
    // The July shelling of Taiz, confirmed by the monitors, breaches the
    // renewed truce.
    let renewal = &boards[1]["verdicts"].as_array().unwrap();
    assert!(renewal.iter().any(|v| v["party"] == "YEMREB" && v["status"] == "breached"), "{out}");
}

#[test]
fn annotate_repairs_structures_and_maps_back() {
    let dir = scratch("annotate");
    let path = dir.join("report.txt");
    std::fs::write(&path, MT_REPORT).unwrap();
    let (code, out, err) = run(truce().arg("annotate").arg(&path).args(["--date", "2021-03-04"]));
    assert_eq!(code, 0, "{err}");
    let doc = json(&out);
    let text = doc["text"].as_str().unwrap();
    let original = doc["original"].as_str().unwrap();
    assert!(text.starts_with("▲Monitors"), "{text}");
    assert_eq!(doc["structure"]["blocks"][0]["kind"], "caption");
    assert_eq!(doc["structure"]["dateline"]["place"]["text"], "Geneva");
    assert_eq!(doc["structure"]["dateline"]["date"]["text"], "March 4th");
    assert_eq!(doc["source"]["date"], "2021-03-04");
    let body: Vec<&str> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["block_kind"] == "paragraph")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(body.len(), 4, "{body:#?}");
    assert!(body[1].starts_with("The mediators welcomed"));
    assert!(body[2].starts_with("Gen. Ivanov said the U.S. and the U.N."));
    // Every token maps back to the same characters of the original, except
    // the repaired caption marker.
    let offsets: truce_core::OffsetMap = serde_json::from_value(doc["offsets"].clone()).unwrap();
    for s in doc["sentences"].as_array().unwrap() {
        for t in s["tokens"].as_array().unwrap() {
            let span: truce_core::Span = serde_json::from_value(t["span"].clone()).unwrap();
            let repaired = span.slice(text);
            let back = offsets.to_original(span).slice(original);
            if repaired != "▲" && !repaired.starts_with('▲') {
                assert_eq!(repaired, back);
            } else {
                assert!(back.starts_with("\u{e2}\u{2013}\u{b2}"), "{back:?}");
            }
        }
    }
}

#[test]
fn annotate_reads_standard_input() {
    let mut child = truce().args(["annotate", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"KYIV (Wire) - Shelling resumed overnight.").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(doc["source"]["input"], "-");
    assert_eq!(doc["structure"]["dateline"]["place"]["text"], "KYIV");
}

/// A directory with every kind of input, good and bad.
fn mixed_inputs(dir: &Path) {
    std::fs::write(dir.join("a-report.txt"), MT_REPORT).unwrap();
    let (cyrillic, _, _) =
        encoding_rs::WINDOWS_1251.encode("Министерство обороны сообщило, что режим прекращения огня нарушен ночью.");
    std::fs::write(dir.join("b-russian.txt"), &cyrillic).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("The truce held in the south, officials said.".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("c-utf16.txt"), utf16).unwrap();
    std::fs::write(
        dir.join("d-page.html"),
        "<html><head><title>Talks resume</title><script>track()</script></head><body><nav>Home | World</nav>\
         <article><p>GENEVA (Wire) - Talks between the two sides resumed on Tuesday after a week-long pause, \
         the mediators said, and both delegations pledged to respect the ceasefire along the whole front.</p>\
         <p>A second round is expected next month.</p></article></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.join("e-feed.jsonl"),
        "{\"id\": 7, \"text\": \"Both sides accused each other of violating the truce.\", \"published\": \"2021-05-02\"}\n\
         {\"id\": 8, \"text\": \n\
         \n\
         {\"id\": 9, \"title\": \"no text here\"}\n\
         {\"id\": 10, \"text\": \"Aid convoys reached the city.\", \"outlet\": \"Example Wire\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("f-empty.txt"), "").unwrap();
    std::fs::write(dir.join("g-image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let sub = dir.join("nested");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("h-entities.txt"), "It&#8217;s over, the envoy said.&lt;/p&gt;&lt;p&gt;Next.").unwrap();
}

#[test]
fn ingest_keeps_going_past_bad_input_and_stores_once() {
    let dir = scratch("ingest");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    mixed_inputs(&inputs);
    let db = dir.join("record.db");
    let (code, _, err) = run(truce().arg("ingest").arg(&inputs).arg("--db").arg(&db));
    assert_eq!(code, 1, "some inputs are bad: {err}");
    for named in ["e-feed.jsonl:2", "e-feed.jsonl:4", "f-empty.txt", "g-image.png"] {
        assert!(err.contains(named), "failure for {named} not reported: {err}");
    }
    assert!(err.contains("ingested 7 documents (7 new, 0 already stored), 4 failed"), "{err}");

    let (code, out, _) = run(truce().args(["docs", "--json"]).arg("--db").arg(&db));
    assert_eq!(code, 0);
    let docs: Vec<serde_json::Value> = out.lines().map(json).collect();
    assert_eq!(docs.len(), 7);
    assert!(docs.iter().any(|d| d["language"] == "ru"));
    assert!(docs.iter().any(|d| d["title"] == "Talks resume"));

    // Again: nothing new, and TRUCE_DB names the same record.
    let (_, _, err) = run(truce().arg("ingest").arg(&inputs).env("TRUCE_DB", &db));
    assert!(err.contains("(0 new, 7 already stored)"), "{err}");
    let (code, out, _) = run(truce().arg("docs").env("TRUCE_DB", &db));
    assert_eq!(code, 0);
    assert!(out.contains("7 of 7 documents"), "{out}");
}

#[test]
fn decoded_text_is_right_for_every_encoding() {
    let dir = scratch("encodings");
    mixed_inputs(&dir);
    let (_, out, _) = run(truce().arg("annotate").arg(dir.join("b-russian.txt")));
    let doc = json(&out);
    assert_eq!(doc["source"]["encoding"], "windows-1251");
    assert!(doc["text"].as_str().unwrap().starts_with("Министерство обороны"));
    let (_, out, _) = run(truce().arg("annotate").arg(dir.join("c-utf16.txt")));
    assert_eq!(json(&out)["text"], "The truce held in the south, officials said.");
    let (_, out, _) = run(truce().arg("annotate").arg(dir.join("nested/h-entities.txt")));
    assert_eq!(json(&out)["text"], "It’s over, the envoy said.\n\nNext.");
}

#[test]
fn errors_name_the_input_and_set_the_exit_status() {
    let dir = scratch("errors");
    let (code, _, err) = run(truce().arg("annotate").arg(dir.join("missing.txt")));
    assert_eq!(code, 1);
    assert!(err.contains("missing.txt") && err.contains("cannot read"), "{err}");

    let big = dir.join("big.txt");
    std::fs::write(&big, "Shelling continued. ".repeat(100)).unwrap();
    let (code, _, err) = run(truce().arg("annotate").arg(&big).args(["--max-size", "100"]));
    assert_eq!(code, 1);
    assert!(err.contains("too large"), "{err}");

    let (code, _, err) = run(truce().args(["annotate", "x.txt", "--date", "2021-02-30"]));
    assert_eq!(code, 2, "a bad date is a usage error: {err}");
    let (code, _, _) = run(truce().arg("no-such-command"));
    assert_eq!(code, 2);
}

#[test]
fn several_documents_print_as_json_lines() {
    let dir = scratch("jsonl");
    let feed = dir.join("feed.jsonl");
    std::fs::write(&feed, "{\"text\": \"One report.\"}\n{\"text\": \"Another report.\"}\n").unwrap();
    let (code, out, _) = run(truce().arg("annotate").arg(&feed));
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out.lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["source"]["input"], format!("{}:2", feed.display()));
}

#[test]
fn user_dictionaries_add_actors_and_bad_ones_name_the_line() {
    let dir = scratch("dict");
    let actors = dir.join("local.actors");
    std::fs::write(&actors, "; a local militia\nBLUE_FRONT_ [XYZREB]\n+BLUE_FRONT_FIGHTERS_\n").unwrap();
    let report = dir.join("report.txt");
    std::fs::write(&report, "Fighters of the Blue Front shelled the road on Monday.").unwrap();
    let (code, out, err) = run(truce().arg("annotate").arg(&report).arg("--dict").arg(&actors));
    assert_eq!(code, 0, "{err}");
    let doc = json(&out);
    let codes: Vec<&str> = doc["mentions"].as_array().unwrap().iter().filter_map(|m| m["code"].as_str()).collect();
    assert!(codes.contains(&"XYZREB"), "{codes:?}");

    let bad = dir.join("mine.people.tsv");
    std::fs::write(&bad, "# my people\nJane Roe\t-\tXYZGOV\tenvoy\t2021-02-30\t-\tmy notes\n").unwrap();
    let (code, _, err) = run(truce().arg("annotate").arg(&report).arg("--dict").arg(&bad));
    assert_eq!(code, 2);
    assert!(err.contains("mine.people.tsv:2") && err.contains("not a date"), "{err}");
}

#[test]
fn user_pattern_files_add_event_patterns() {
    let dir = scratch("patterns");
    let patterns = dir.join("local-patterns.tsv");
    std::fs::write(&patterns, "# our monitors' wording\n0874\tv:vacate trenches|positions\tmonitors' notes\n").unwrap();
    let report = dir.join("report.txt");
    std::fs::write(&report, "Armenian units vacated positions near the village on Monday.").unwrap();
    let (code, out, err) =
        run(truce().arg("code").arg(&report).arg("--dict").arg(&patterns).arg("--date").arg("2020-11-30"));
    assert_eq!(code, 0, "{err}");
    let event = json(out.lines().next().expect("one event"));
    assert_eq!(event["cameo"], "0874");
    assert_eq!(event["plover"], "RETREAT");

    std::fs::write(&patterns, "0874\tvacate positions\n").unwrap();
    let (code, _, err) = run(truce().arg("code").arg(&report).arg("--dict").arg(&patterns));
    assert_eq!(code, 2);
    assert!(err.contains("local-patterns.tsv:1") && err.contains("v:VERB"), "{err}");
}

#[test]
fn code_keeps_input_order_on_any_number_of_threads() {
    let dir = scratch("threads");
    // Reports of different lengths, so workers finish out of order, with a
    // broken line among them that must be reported and skipped.
    let mut lines = Vec::new();
    for i in 0..40 {
        let padding = "Monitors said the night was quiet. ".repeat(i % 7 * 5);
        let text = format!("{padding}Azerbaijani forces shelled Armenian positions near the village, report {i} said.");
        lines.push(serde_json::json!({ "id": format!("r{i}"), "text": text, "date": "2020-11-12" }).to_string());
        if i == 20 {
            lines.push("{not json".into());
        }
    }
    let input = dir.join("reports.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let coded = |threads: &str| {
        let (code, out, err) = run(truce().arg("code").arg(&input).arg("--threads").arg(threads));
        assert_eq!(code, 1, "one bad line is a failure: {err}");
        assert!(err.contains("reports.jsonl:22"), "{err}");
        out
    };
    let one = coded("1");
    assert_eq!(one, coded("2"));
    assert_eq!(one, coded("5"));
    let docs: Vec<String> = one.lines().map(|l| json(l)["doc"].as_str().unwrap().to_string()).collect();
    let mut firsts = docs.clone();
    firsts.dedup();
    assert_eq!(firsts.len(), 40, "every report coded once, in order: {docs:?}");
}

#[test]
fn tsv_events_carry_their_place_on_the_map() {
    let dir = scratch("tsv");
    let report = dir.join("report.txt");
    std::fs::write(&report, "Armenian forces shelled positions near Tovuz on Monday, the ministry said.").unwrap();
    let (code, out, err) = run(truce().arg("code").arg(&report).args(["--format", "tsv", "--date", "2020-07-14"]));
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let row: Vec<&str> = lines.next().expect("one event").split('\t').collect();
    let field = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(field("location"), "Tovuz");
    assert_eq!(field("location_country"), "AZE");
    assert_eq!(field("location_precision"), "point");
    assert!(field("lat").parse::<f64>().is_ok_and(|lat| (40.0..42.0).contains(&lat)));
    assert!(!field("geonameid").is_empty());
}

/// An invented ceasefire around an invented lake, and reports of it.
const LAKE_TRUCE: &str = include_str!("../../comply/tests/fixtures/lake-truce.toml");

const LAKE_REPORTS: &str = r#"{"id": "l1", "outlet": "Lake Wire", "published": "2023-03-03", "text": "KYIV, March 3 (Lake Wire) - The ceasefire around the lake held on its first day, monitors said."}
{"id": "l2", "outlet": "Lake Wire", "published": "2023-03-05", "text": "KYIV, March 5 (Lake Wire) - Russian forces shelled Ukrainian positions near the lake on Saturday, the monitoring mission said. Nobody was hurt."}
"#;

#[test]
fn agreements_are_checked_stored_and_judged_with_alerts() {
    let dir = scratch("agreements");
    let db = dir.join("record.db");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, LAKE_TRUCE.replace(r#"obligors = ["RUS"]"#, r#"obligors = ["BLR"]"#)).unwrap();
    let (code, _, err) = run(truce().args(["agreement", "add"]).arg(&bad).arg("--db").arg(&db));
    assert_eq!(code, 1, "{err}");
    let line = LAKE_TRUCE.lines().position(|l| l == r#"obligors = ["RUS"]"#).unwrap() + 1;
    assert!(err.contains(&format!("bad.toml:{line}: provision 2 obligors: `BLR` is not among")), "{err}");

    let good = dir.join("lake.toml");
    std::fs::write(&good, LAKE_TRUCE).unwrap();
    let (code, _, err) = run(truce().args(["agreement", "add"]).arg(&good).arg("--db").arg(&db));
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(truce().args(["agreement", "list", "--json"]).arg("--db").arg(&db));
    assert_eq!(json(out.lines().next().unwrap())["effective"], "2023-03-01T22:00:00Z");

    let reports = dir.join("reports.jsonl");
    std::fs::write(&reports, LAKE_REPORTS).unwrap();
    let alerts = dir.join("alerts.jsonl");
    let (code, _, err) = run(truce()
        .arg("ingest")
        .arg(&reports)
        .arg("--db")
        .arg(&db)
        .args(["--as-of", "2023-03-16", "--alerts"])
        .arg(&alerts));
    assert_eq!(code, 0, "{err}");
    let alerts = std::fs::read_to_string(&alerts).unwrap();
    let raised: Vec<(String, String)> = alerts
        .lines()
        .map(json)
        .map(|a| (a["party"].as_str().unwrap().to_owned(), a["to"].as_str().unwrap().to_owned()))
        .collect();
    assert!(raised.contains(&("RUS".into(), "breached".into())), "{alerts}");
    assert!(raised.contains(&("RUS".into(), "overdue".into())), "{alerts}");

    // As it stood before the shelling was reported, and before the deadline.
    let (code, out, err) =
        run(truce().args(["status", "lake-truce", "--format", "json", "--as-of", "2023-03-04"]).arg("--db").arg(&db));
    assert_eq!(code, 0, "{err}");
    let board = json(&out);
    let statuses: Vec<&str> =
        board["verdicts"].as_array().unwrap().iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["complied", "complied", "pending", "pending"], "{out}");
    let (code, _, err) = run(truce().args(["status", "no-such-truce"]).arg("--db").arg(&db));
    assert_eq!(code, 2);
    assert!(err.contains("no agreement `no-such-truce`"), "{err}");
}

#[test]
fn alerts_are_posted_to_a_webhook() {
    use std::io::{Read, Write};
    let dir = scratch("webhook");
    let db = dir.join("record.db");
    let agreement = dir.join("lake.toml");
    std::fs::write(&agreement, LAKE_TRUCE).unwrap();
    let (code, _, err) = run(truce().args(["agreement", "add"]).arg(&agreement).arg("--db").arg(&db));
    assert_eq!(code, 0, "{err}");
    let reports = dir.join("reports.jsonl");
    std::fs::write(&reports, LAKE_REPORTS).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let mut bodies = Vec::new();
        // Every request until the test says it is done.
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut request = vec![0u8; 16384];
            let n = stream.read(&mut request).unwrap();
            let text = String::from_utf8_lossy(&request[..n]).into_owned();
            if text == "DONE" {
                break;
            }
            bodies.push(text);
            stream.write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n").unwrap();
        }
        bodies
    });
    let (code, _, err) = run(truce()
        .arg("ingest")
        .arg(&reports)
        .arg("--db")
        .arg(&db)
        .args(["--as-of", "2023-03-12", "--webhook"])
        .arg(format!("http://127.0.0.1:{port}/hook")));
    assert_eq!(code, 0, "{err}");
    std::net::TcpStream::connect(("127.0.0.1", port)).unwrap().write_all(b"DONE").unwrap();
    let bodies = server.join().unwrap();
    assert!(bodies.iter().all(|b| b.starts_with("POST /hook HTTP/1.1")), "{bodies:?}");
    assert!(bodies.iter().any(|b| b.contains(r#""to":"breached""#)), "{bodies:?}");
}

#[test]
fn the_shipped_agreement_files_are_valid() {
    let dir = scratch("shipped");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = [
        "examples/agreements/nagorno-karabakh-2020-11-10.toml",
        "examples/agreements/nagorno-karabakh-2020-11-15-kalbajar.toml",
        "examples/demo/agreement.toml",
        "examples/demo/renewal-2022-06.toml",
        "examples/demo/renewal-2022-08.toml",
        "eval/karabakh-2020/ceasefire-2020-10-10.toml",
        "eval/karabakh-2020/ceasefire-2020-10-18.toml",
        "eval/karabakh-2020/ceasefire-2020-10-26.toml",
    ];
    let (code, _, err) = run(truce()
        .args(["agreement", "add"])
        .args(files.iter().map(|f| root.join(f)))
        .arg("--db")
        .arg(dir.join("r.db")));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) =
        run(truce().args(["agreement", "show", "nagorno-karabakh-2020-11-10"]).arg("--db").arg(dir.join("r.db")));
    assert_eq!(code, 0);
    assert!(out.contains("2020-11-10T00:00 Europe/Moscow = 2020-11-09T21:00:00Z"), "{out}");
}

#[test]
fn events_export_in_the_fields_forms() {
    let dir = scratch("export");
    let db = dir.join("record.db");
    let reports = dir.join("reports.jsonl");
    std::fs::write(&reports, LAKE_REPORTS).unwrap();
    let (code, _, err) = run(truce().arg("ingest").arg(&reports).arg("--db").arg(&db).args(["--as-of", "2023-03-12"]));
    assert_eq!(code, 0, "{err}");
    let export = |format: &str| {
        let (code, out, err) = run(truce().args(["export", "--format", format]).arg("--db").arg(&db));
        assert_eq!(code, 0, "{err}");
        out
    };
    let gdelt = export("gdelt");
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 61), "{gdelt}");
    assert!(gdelt.lines().any(|l| l.split('\t').nth(28) == Some("19")), "{gdelt}");
    let acled = export("acled");
    assert!(acled.starts_with("event_id_cnty,event_date"), "{acled}");
    assert!(acled.contains("Political violence"), "{acled}");
    let geojson = json(&export("geojson"));
    assert_eq!(geojson["type"], "FeatureCollection");
    let features = geojson["features"].as_array().expect("features");
    assert!(features.iter().all(|f| f["properties"].get("admin1").is_some()), "{geojson}");
    let hxl = export("hxl");
    assert!(hxl.lines().nth(1).is_some_and(|l| l.starts_with("#event+id,#date+occurred")), "{hxl}");
    let happenings: Vec<serde_json::Value> = export("happenings").lines().map(json).collect();
    assert!(
        !happenings.is_empty() && happenings.iter().all(|h| h["num_mentions"].as_u64() >= Some(1)),
        "{happenings:?}"
    );
    let only_force = export("jsonl");
    assert!(only_force.lines().map(json).all(|e| e["id"].is_string()));
    let (_, filtered, _) = run(truce().args(["export", "--cameo", "19", "--from", "2023-03-05"]).arg("--db").arg(&db));
    assert!(filtered.lines().map(json).all(|e| e["cameo"].as_str().unwrap().starts_with("19")), "{filtered}");
}
