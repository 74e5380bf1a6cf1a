//! A statement ending a war, and reports of the weeks after it (written
//! for this test), through intake, coding, the record and the verdicts.

use std::path::PathBuf;
use std::process::Command;

const STATEMENT: &str = r#"
id = "valley-statement"
title = "Trilateral statement ending the war"
signed = "2020-11-09"
effective = "2020-11-10T00:00"
zone = "Moscow time"

[[party]]
code = "ARM"
name = "Armenia"

[[party]]
code = "AZE"
name = "Azerbaijan"

[[party]]
code = "RUS"
name = "Russia"
role = "guarantor"

[[provision]]
id = "1"
kind = "ceasefire"
obligors = ["ARM", "AZE"]

[[provision]]
id = "2"
kind = "handover"
obligors = ["ARM"]
beneficiaries = ["AZE"]
object = { place = ["Aghdam", "Agdam"] }
deadline = "2020-11-20"

[[provision]]
id = "3"
kind = "deployment"
obligors = ["RUS"]
object = { place = ["line of contact", "Nagorno-Karabakh"], group = "peacekeepers", quantity = 1960, unit = "personnel" }

[[provision]]
id = "4"
kind = "handover"
obligors = ["ARM"]
beneficiaries = ["AZE"]
object = { place = ["Kalbajar", "Kelbajar"] }
deadline = "2020-11-15"

[[provision]]
id = "5"
kind = "handover"
obligors = ["ARM"]
beneficiaries = ["AZE"]
object = { place = ["Lachin"] }
deadline = "2020-12-01"

[[provision]]
id = "6"
kind = "exchange"
obligors = ["ARM", "AZE"]
object = { group = "prisoners of war" }
"#;

const REPORTS: &str = r#"{"id":"h1","outlet":"Wire A","published":"2020-11-20","text":"BAKU, Nov 20 (Wire A) - Azerbaijani army units entered the Aghdam district on Friday as Armenian forces completed their withdrawal under the peace deal, the defence ministry said."}
{"id":"h2","outlet":"Wire B","published":"2020-11-25","text":"YEREVAN, Nov 25 (Wire B) - Armenia handed over the Kalbajar district to Azerbaijan on Wednesday, ten days later than first agreed."}
{"id":"h3","outlet":"Wire B","published":"2020-11-13","text":"MOSCOW, Nov 13 (Wire B) - Russian peacekeepers have deployed in Nagorno-Karabakh, taking up posts on the old front, the Russian defence ministry said, with more than 1,000 troops already in place."}
{"id":"h4","outlet":"Wire A","published":"2020-12-14","text":"BAKU, Dec 14 (Wire A) - Armenia and Azerbaijan exchanged prisoners of war on Monday, the first swap since the ceasefire, with 44 Armenians and 12 Azerbaijanis flown home."}
{"id":"h5","outlet":"Wire A","published":"2020-11-16","text":"YEREVAN, Nov 16 (Wire A) - Azerbaijan agreed to extend the deadline for Armenia's withdrawal from Kalbajar until November 25, Armenian officials said."}
{"id":"h6","outlet":"Wire B","published":"2020-12-01","text":"LACHIN, Dec 1 (Wire B) - The Lachin district was returned to Azerbaijani control on Tuesday, the last of the three districts to be handed back."}
"#;

fn truce() -> Command {
    Command::new(env!("CARGO_BIN_EXE_truce"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("truce-compliance-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn board(db: &PathBuf, as_of: &str) -> Vec<(String, String, String, Option<String>)> {
    let out = truce().args(["status", "--format", "json", "--as-of", as_of]).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let board: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    board["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["provision"].as_str().unwrap().to_owned(),
                v["party"].as_str().unwrap().to_owned(),
                v["status"].as_str().unwrap().to_owned(),
                v["deadline"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn status(board: &[(String, String, String, Option<String>)], provision: &str, party: &str) -> String {
    board.iter().find(|v| v.0 == provision && v.1 == party).map(|v| v.2.clone()).unwrap()
}

#[test]
fn handovers_deployment_and_exchange_are_judged_from_the_reports() {
    let dir = scratch("statement");
    let db = dir.join("record.db");
    std::fs::write(dir.join("statement.toml"), STATEMENT).unwrap();
    std::fs::write(dir.join("reports.jsonl"), REPORTS).unwrap();
    assert!(
        truce()
            .args(["agreement", "add"])
            .arg(dir.join("statement.toml"))
            .arg("--db")
            .arg(&db)
            .status()
            .unwrap()
            .success()
    );
    let ingest = truce().arg("ingest").arg(dir.join("reports.jsonl")).arg("--db").arg(&db).output().unwrap();
    assert!(ingest.status.success(), "{}", String::from_utf8_lossy(&ingest.stderr));

    let early = board(&db, "2020-11-17");
    // The Kalbajar deadline of the 15th was moved by a report of the 16th.
    let kalbajar = early.iter().find(|v| v.0 == "4").unwrap();
    assert_eq!((kalbajar.2.as_str(), kalbajar.3.as_deref()), ("pending", Some("2020-11-25")));
    assert_eq!(status(&early, "2", "ARM"), "pending");
    assert_eq!(status(&early, "3", "RUS"), "partly-complied", "1,000 of 1,960 peacekeepers");

    let late = board(&db, "2020-12-15");
    // Aghdam: the beneficiary's troops entering it on the day is the
    // handover; Kalbajar on the moved deadline; Lachin with no one named.
    assert_eq!(status(&late, "2", "ARM"), "complied");
    assert_eq!(status(&late, "4", "ARM"), "complied");
    assert_eq!(status(&late, "5", "ARM"), "complied");
    assert_eq!(status(&late, "6", "ARM"), "complied");
    assert_eq!(status(&late, "6", "AZE"), "complied");
    assert_eq!(status(&late, "1", "ARM"), "complied");
}
