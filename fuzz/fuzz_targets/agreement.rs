//! Untrusted agreement files, outlets files and compliance rules: any text
//! is refused with an error naming the line, or read; an agreement that
//! reads gives a board and a history on any day without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truce_comply::{Observation, Outlets, Rules, agreement};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = Outlets::parse("fuzz.toml", &text);
    let _ = Rules::load().add("fuzz.tsv", &text);
    let Ok(mut checked) = agreement::parse("fuzz.toml", &text, &|_| true) else { return };
    agreement::link(std::slice::from_mut(&mut checked));
    let parties: Vec<String> = checked.agreement.parties.iter().map(|p| p.code.clone()).collect();
    let observations: Vec<Observation> = ["195", "112", "0874", "0841", "046", "0872"]
        .iter()
        .enumerate()
        .map(|(i, cameo)| Observation {
            event: format!("e{i}"),
            doc: format!("d{i}"),
            report: "fuzz".into(),
            outlet: Some("Wire".into()),
            reported: Some(format!("2020-11-{:02}", 10 + i)),
            date: Some(format!("2020-11-{:02}", 9 + i)),
            date_precision: Some("day".into()),
            time: None,
            undated: i % 2 == 0,
            cameo: (*cameo).into(),
            plover: None,
            modality: if i % 3 == 0 { "alleged".into() } else { "asserted".into() },
            source: parties.iter().skip(i % parties.len().max(1)).take(1).cloned().collect(),
            target: parties.iter().take(1).cloned().collect(),
            claimants: Vec::new(),
            others: parties.clone(),
            place: None,
            place_text: None,
            sentence: text.chars().take(200).collect(),
            extension: None,
        })
        .collect();
    let outlets = Outlets::default();
    let rules = Rules::load();
    for day in [jiff::civil::date(1900, 1, 1), jiff::civil::date(2020, 11, 12), jiff::civil::date(2100, 1, 1)] {
        let board = truce_comply::board(&checked, &observations, &outlets, &rules, day);
        assert_eq!(board.verdicts.len(), checked.agreement.provisions.iter().map(|p| p.obligors.len()).sum::<usize>());
    }
    let _ = truce_comply::history(
        &checked,
        &observations,
        &outlets,
        &rules,
        jiff::civil::date(2020, 1, 1),
        jiff::civil::date(2021, 1, 1),
    );
});
