//! Drafting an agreement file from an invented agreement's text, through
//! the whole pipeline, and reading the draft back.

use truce_comply::agreement;

const VALLEY: &str = "Joint Statement on the Cessation of Hostilities in the Eastern Valley

Addis Ababa, 3 March 2023

The Republic of the Sudan and the Republic of South Sudan, with the mediation of the African Union, have agreed as follows:

1. A complete cessation of hostilities shall take effect from 06:00 GMT on 5 March 2023. The parties shall stop at the positions they hold.

2. The armed forces of South Sudan shall withdraw from the town of Heglig by 20 March 2023.

3. The parties shall exchange all prisoners of war within 30 days.

4. A joint monitoring commission shall be set up in Abyei.

5. An Ethiopian contingent of 1,200 military personnel shall be deployed along the border.
";

#[test]
fn a_drafted_agreement_has_its_provisions_times_and_parties_and_reads_back() {
    let source = truce_core::Source { input: "valley.txt".into(), ..Default::default() };
    let options = truce_text::Options { date: Some("2023-03-03".into()), ..Default::default() };
    let mut doc = truce_text::annotate(VALLEY.to_owned(), source, &options).unwrap();
    let lexicon = truce_lexicon::Lexicon::default_lexicon();
    truce_entities::annotate(&mut doc, &truce_entities::Resources::new(lexicon));
    truce_time::annotate(&mut doc, &truce_time::Resources::new());
    truce_events::annotate(&mut doc, &truce_events::Resources::new());
    let signed = jiff::civil::date(2023, 3, 3);
    let toml = truce_comply::draft::draft(&doc, "valley.txt", Some(signed));
    let checked = agreement::parse("draft.toml", &toml, &|_| true).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    let a = &checked.agreement;
    assert_eq!(checked.effective.unwrap().to_string(), "2023-03-05T06:00:00Z", "{toml}");
    let kinds: Vec<&str> = a.provisions.iter().map(|p| p.kind.as_str()).collect();
    assert_eq!(kinds, ["ceasefire", "withdrawal", "exchange", "mechanism", "deployment"], "{toml}");
    let p2 = &a.provisions[1];
    assert_eq!(p2.obligors, ["SSD"]);
    assert_eq!(p2.deadline.as_deref(), Some("2023-03-20"));
    // `within 30 days` of the signing.
    assert_eq!(a.provisions[2].deadline.as_deref(), Some("2023-04-02"));
    assert_eq!(a.provisions[4].object.as_ref().and_then(|o| o.quantity), Some(1200));
    let role = |code: &str| a.parties.iter().find(|p| p.code == code).map(|p| p.role.as_str());
    assert_eq!(role("SDN"), Some("party"));
    assert_eq!(role("SSD"), Some("party"));
    assert_eq!(role("IGOAFU"), Some("mediator"));
    assert_eq!(role("ETH"), Some("guarantor"));
}
