//! The verdict engine on a small invented ceasefire and invented reports.

use jiff::civil::{Date, date};
use truce_comply::{Observation, Outlets, Rules, Status, agreement, board, history};

/// Shared with the command-line tests of the `truce` crate.
const AGREEMENT: &str = include_str!("fixtures/lake-truce.toml");

const OUTLETS: &str = r#"
[outlet."Lake Wire"]
grade = "B"
[outlet."Lake Daily"]
syndicates = "Lake Wire"
[outlet."Kyiv Defence Press"]
grade = "D"
party = "UKR"
[outlet."Moscow Defence Press"]
grade = "D"
party = "RUS"
"#;

fn checked() -> agreement::Checked {
    agreement::parse("lake.toml", AGREEMENT, &|c: &str| ["UKR", "RUS", "IGO"].iter().any(|k| c.starts_with(k))).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn obs(
    n: usize,
    outlet: &str,
    day: &str,
    cameo: &str,
    modality: &str,
    source: &[&str],
    target: &[&str],
    claimants: &[&str],
    sentence: &str,
) -> Observation {
    let codes = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Observation {
        event: format!("e{n}"),
        doc: format!("d{n}"),
        report: format!("report {n}"),
        outlet: Some(outlet.into()),
        reported: Some(day.into()),
        date: Some(day.into()),
        date_precision: Some("day".into()),
        cameo: cameo.into(),
        modality: modality.into(),
        source: codes(source),
        target: codes(target),
        claimants: codes(claimants),
        sentence: sentence.into(),
        ..Default::default()
    }
}

fn verdict(b: &truce_comply::Board, provision: &str, party: &str) -> (Status, String) {
    let v = b.verdicts.iter().find(|v| v.provision == provision && v.party == party).unwrap();
    (v.status, v.rationale.clone())
}

fn run(observations: &[Observation], as_of: Date) -> truce_comply::Board {
    let outlets = Outlets::parse("outlets.toml", OUTLETS).unwrap();
    board(&checked(), observations, &outlets, &Rules::load(), as_of)
}

#[test]
fn before_it_takes_effect_nothing_is_due() {
    let b = run(&[], date(2023, 3, 1));
    assert!(b.verdicts.iter().all(|v| v.status == Status::NotYetDue), "{b:#?}");
}

#[test]
fn a_quiet_ceasefire_holds_and_silence_about_a_deadline_becomes_overdue() {
    let quiet = obs(1, "Lake Wire", "2023-03-05", "040", "asserted", &["IGOOSC"], &[], &[], "Monitors met both sides.");
    let b = run(std::slice::from_ref(&quiet), date(2023, 3, 10));
    assert_eq!(verdict(&b, "1", "RUS").0, Status::Complied);
    assert_eq!(verdict(&b, "2", "RUS").0, Status::Pending);
    let b = run(&[quiet], date(2023, 3, 16));
    assert_eq!(verdict(&b, "2", "RUS").0, Status::Overdue);
}

#[test]
fn fighting_told_by_an_independent_wire_breaches_but_by_the_other_side_is_alleged() {
    let shelling = obs(
        1,
        "Moscow Defence Press",
        "2023-03-04",
        "195",
        "asserted",
        &["UKRMIL"],
        &["RUSMIL"],
        &[],
        "Ukrainian forces shelled positions near the lake.",
    );
    let b = run(std::slice::from_ref(&shelling), date(2023, 3, 5));
    assert_eq!(verdict(&b, "1", "UKR").0, Status::Alleged);
    let denial =
        obs(2, "Kyiv Defence Press", "2023-03-05", "195", "denied", &["UKRMIL"], &[], &[], "Kyiv denied shelling.");
    let b = run(&[shelling.clone(), denial], date(2023, 3, 6));
    assert_eq!(verdict(&b, "1", "UKR").0, Status::Contested);
    let wire = obs(
        3,
        "Lake Wire",
        "2023-03-06",
        "195",
        "asserted",
        &["UKRMIL"],
        &["RUSMIL"],
        &[],
        "Ukrainian artillery fired on the village.",
    );
    let b = run(&[shelling, wire], date(2023, 3, 7));
    let (status, why) = verdict(&b, "1", "UKR");
    assert_eq!(status, Status::Breached, "{why}");
    assert_eq!(verdict(&b, "1", "RUS").0, Status::Complied);
}

#[test]
fn mutual_accusations_are_contested_and_fighting_before_the_start_does_not_count() {
    let a = obs(
        1,
        "Lake Wire",
        "2023-03-08",
        "112",
        "asserted",
        &["UKRGOV"],
        &["RUSMIL"],
        &[],
        "Kyiv accused Russian troops of violating the ceasefire.",
    );
    let b_ = obs(
        2,
        "Lake Wire",
        "2023-03-08",
        "112",
        "asserted",
        &["RUSGOV"],
        &["UKRMIL"],
        &[],
        "Moscow accused Ukrainian forces of shelling in violation of the truce.",
    );
    let before = obs(
        3,
        "Lake Wire",
        "2023-03-01",
        "190",
        "asserted",
        &["RUSMIL"],
        &["UKRMIL"],
        &[],
        "Heavy fighting raged on the eve of the truce.",
    );
    let b = run(&[a, b_, before], date(2023, 3, 9));
    assert_eq!(verdict(&b, "1", "UKR").0, Status::Contested);
    assert_eq!(verdict(&b, "1", "RUS").0, Status::Contested);
}

#[test]
fn a_withdrawal_complies_on_time_or_late_and_a_party_alone_is_not_proof() {
    let own = obs(
        1,
        "Moscow Defence Press",
        "2023-03-12",
        "0874",
        "asserted",
        &["RUSMIL"],
        &[],
        &[],
        "Russian units withdrew from Lakeshore.",
    );
    let b = run(std::slice::from_ref(&own), date(2023, 3, 13));
    assert_eq!(verdict(&b, "2", "RUS").0, Status::Unverifiable);
    let late = obs(
        2,
        "Lake Wire",
        "2023-03-18",
        "0874",
        "asserted",
        &["RUSMIL"],
        &[],
        &[],
        "The last Russian troops pulled out of Ozerne.",
    );
    let b = run(&[own.clone(), late.clone()], date(2023, 3, 19));
    assert_eq!(verdict(&b, "2", "RUS").0, Status::CompliedLate);
    let elsewhere = obs(
        3,
        "Lake Wire",
        "2023-03-10",
        "0874",
        "asserted",
        &["RUSMIL"],
        &[],
        &[],
        "Russian troops withdrew from a hill far to the north.",
    );
    let b = run(&[elsewhere], date(2023, 3, 19));
    assert_eq!(verdict(&b, "2", "RUS").0, Status::Overdue);
}

#[test]
fn a_later_plan_moves_the_deadline() {
    let plan = obs(
        1,
        "Lake Wire",
        "2023-03-20",
        "0874",
        "planned",
        &["RUSMIL"],
        &[],
        &[],
        "Russia will withdraw from Lakeshore by March 25, the sides agreed.",
    );
    let plan = Observation { reported: Some("2023-03-10".into()), ..plan };
    let b = run(std::slice::from_ref(&plan), date(2023, 3, 16));
    let v = b.verdicts.iter().find(|v| v.provision == "2").unwrap();
    assert_eq!(v.status, Status::Pending, "{}", v.rationale);
    assert_eq!(v.deadline.as_deref(), Some("2023-03-20"));
}

#[test]
fn releases_count_towards_the_quantity_and_syndicated_copies_count_once() {
    let first = obs(
        1,
        "Lake Wire",
        "2023-03-10",
        "0841",
        "asserted",
        &["UKRGOV"],
        &["RUS"],
        &[],
        "Ukraine released 15 detainees.",
    );
    let copy = obs(
        2,
        "Lake Daily",
        "2023-03-10",
        "0841",
        "asserted",
        &["UKRGOV"],
        &["RUS"],
        &[],
        "Ukraine released 15 detainees.",
    );
    let b = run(&[first.clone(), copy], date(2023, 3, 11));
    let v = b.verdicts.iter().find(|v| v.provision == "3").unwrap();
    assert_eq!(v.status, Status::PartlyComplied);
    assert_eq!(v.progress.as_deref(), Some("15 of 40"));
    assert_eq!(v.independent_sources, 1);
    assert_eq!(v.reports, 2);
    let rest = obs(
        3,
        "Lake Wire",
        "2023-03-19",
        "0841",
        "asserted",
        &["UKRGOV"],
        &[],
        &[],
        "The remaining detainees, 40 in all, were released.",
    );
    let b = run(&[first, rest], date(2023, 3, 20));
    assert_eq!(verdict(&b, "3", "UKR").0, Status::Complied);
}

#[test]
fn history_keeps_every_change() {
    let wire = obs(
        1,
        "Lake Wire",
        "2023-03-06",
        "195",
        "asserted",
        &["UKRMIL"],
        &["RUSMIL"],
        &[],
        "Ukrainian artillery fired on the village.",
    );
    let outlets = Outlets::parse("outlets.toml", OUTLETS).unwrap();
    let changes = history(&checked(), &[wire], &outlets, &Rules::load(), date(2023, 3, 1), date(2023, 3, 31));
    let ukr: Vec<_> =
        changes.iter().filter(|c| c.provision == "1" && c.party == "UKR").map(|c| (c.date.as_str(), c.to)).collect();
    assert_eq!(
        ukr,
        [("2023-03-01", Status::NotYetDue), ("2023-03-02", Status::Unverifiable), ("2023-03-06", Status::Breached)]
    );
    let withdrawal: Vec<_> = changes.iter().filter(|c| c.provision == "2").map(|c| c.to).collect();
    assert_eq!(withdrawal, [Status::NotYetDue, Status::Pending, Status::Overdue]);
}

#[test]
fn an_amending_agreement_moves_the_deadline_from_the_day_it_takes_effect() {
    let amending = r#"
id = "lake-amendment"
title = "Withdrawal postponed"
signed = "2023-03-14"
effective = "2023-03-14T12:00"
zone = "Europe/Kyiv"
reaffirms = ["lake-truce"]

[[party]]
code = "UKR"
name = "Ukraine"

[[party]]
code = "RUS"
name = "Russia"

[[amendment]]
agreement = "lake-truce"
provision = "2"
deadline = "2023-03-25"
text = "The withdrawal from Lakeshore is postponed by ten days."
"#;
    let known = |c: &str| ["UKR", "RUS", "IGO"].iter().any(|k| c.starts_with(k));
    let mut both = [checked(), agreement::parse("amend.toml", amending, &known).unwrap()];
    agreement::link(&mut both);
    let outlets = Outlets::parse("outlets.toml", OUTLETS).unwrap();
    let before = board(&both[0], &[], &outlets, &Rules::load(), date(2023, 3, 13));
    assert_eq!(before.verdicts[2].deadline.as_deref(), Some("2023-03-15"));
    let after = board(&both[0], &[], &outlets, &Rules::load(), date(2023, 3, 20));
    let v = &after.verdicts[2];
    assert_eq!((v.status, v.deadline.as_deref()), (Status::Pending, Some("2023-03-25")), "{}", v.rationale);
    assert!(v.rationale.contains("lake-amendment"), "{}", v.rationale);
}

#[test]
fn batches_on_different_days_add_up() {
    let first = obs(
        1,
        "Lake Wire",
        "2023-03-08",
        "0841",
        "asserted",
        &["UKRGOV"],
        &["RUS"],
        &[],
        "Ukraine freed 15 detainees and handed over two bodies.",
    );
    let second = obs(
        2,
        "Lake Wire",
        "2023-03-10",
        "0841",
        "asserted",
        &["UKRGOV"],
        &["RUS"],
        &[],
        "A second group of 10 detainees was freed by Ukraine.",
    );
    let b = run(&[first, second], date(2023, 3, 11));
    let v = b.verdicts.iter().find(|v| v.provision == "3").unwrap();
    assert_eq!((v.status, v.progress.as_deref()), (Status::PartlyComplied, Some("25 of 40")), "{}", v.rationale);
}

#[test]
fn a_report_of_the_truce_extended_moves_its_end() {
    let short = AGREEMENT.replace("duration = \"P3M\"", "duration = \"P5D\"");
    let known = |c: &str| ["UKR", "RUS", "IGO"].iter().any(|k| c.starts_with(k));
    let a = agreement::parse("short.toml", &short, &known).unwrap();
    let extended = Observation {
        extension: Some("P3D".into()),
        ..obs(
            1,
            "Lake Wire",
            "2023-03-06",
            "0871",
            "asserted",
            &["UKR", "RUS"],
            &[],
            &[],
            "The truce was extended by three days.",
        )
    };
    let late_fire = obs(
        2,
        "Lake Wire",
        "2023-03-08",
        "195",
        "asserted",
        &["RUSMIL"],
        &["UKRMIL"],
        &[],
        "Russian guns shelled the shore on Wednesday.",
    );
    let outlets = Outlets::parse("outlets.toml", OUTLETS).unwrap();
    let without = board(&a, std::slice::from_ref(&late_fire), &outlets, &Rules::load(), date(2023, 3, 12));
    assert_eq!(without.ends.as_deref(), Some("2023-03-07"));
    assert_eq!(without.verdicts[1].status, Status::Complied, "after the end, fire breaks nothing");
    let with = board(&a, &[extended, late_fire], &outlets, &Rules::load(), date(2023, 3, 12));
    assert_eq!(with.ends.as_deref(), Some("2023-03-10"));
    assert_eq!(with.verdicts[1].status, Status::Breached, "{}", with.verdicts[1].rationale);
}

#[test]
fn a_word_for_word_copy_is_not_a_second_source() {
    let text = "Russian artillery shelled Ukrainian positions near the lake shore on Saturday morning, monitors said.";
    let original = obs(1, "Lake Wire", "2023-03-05", "194", "asserted", &["RUSMIL"], &["UKRMIL"], &[], text);
    let copy = obs(2, "Shore Reprint", "2023-03-06", "194", "asserted", &["RUSMIL"], &["UKRMIL"], &[], text);
    let b = run(&[original, copy], date(2023, 3, 7));
    let v = b.verdicts.iter().find(|v| v.provision == "1" && v.party == "RUS").unwrap();
    assert_eq!((v.status, v.sources, v.independent_sources), (Status::Breached, 2, 1), "{v:#?}");
    assert!(v.evidence.iter().any(|c| c.copy_of.as_deref() == Some("Lake Wire")));
}
