//! The entities stage on reports written for these tests, in the style of
//! wire copy and of machine translation from Chinese.

use truce_core::{Document, Mention, MentionKind, Source};
use truce_entities::{Resources, annotate};
use truce_lexicon::Lexicon;

fn doc(text: &str, date: &str, style: Option<&str>) -> Document {
    let source = Source { style: style.map(str::to_owned), ..Default::default() };
    let options = truce_text::Options { date: Some(date.into()), ..Default::default() };
    let mut doc = truce_text::annotate(text.into(), source, &options).unwrap();
    annotate(&mut doc, &Resources::new(Lexicon::default_lexicon()));
    doc
}

fn find<'a>(doc: &'a Document, text: &str) -> &'a Mention {
    doc.mentions.iter().find(|m| m.text == text).unwrap_or_else(|| panic!("no mention {text:?} in {:#?}", doc.mentions))
}

#[test]
fn actors_are_built_from_countries_titles_and_agents() {
    let d = doc(
        "Azerbaijan's defense ministry said Armenian troops shelled the town. \
         Moscow said it was concerned, and talks in Moscow will resume. \
         The foreign ministers of Russia, France and the United States met on Friday.",
        "2020-10-12",
        None,
    );
    assert_eq!(find(&d, "Azerbaijan's defense ministry").code.as_deref(), Some("AZEGOV"));
    assert_eq!(find(&d, "Armenian troops").code.as_deref(), Some("ARMMIL"));
    let moscow: Vec<&Mention> = d.mentions.iter().filter(|m| m.text == "Moscow").collect();
    assert_eq!(moscow[0].code.as_deref(), Some("RUSGOV"));
    assert_eq!(moscow[1].kind, MentionKind::Place);
    let us = find(&d, "the United States");
    assert_eq!(us.code.as_deref(), Some("USAGOV"));
    assert_eq!(find(&d, "France").group, us.group);
    assert!(us.group.is_some());
}

#[test]
fn titles_link_transliterated_names_to_the_office_holder_of_the_day() {
    let d = doc(
        "Russian Foreign Minister Lavroff and U.S. Secretary of State Blinkin spoke by phone. \
         Lavroff later told reporters the call was useful.",
        "2022-01-10",
        None,
    );
    let lavrov = find(&d, "Russian Foreign Minister Lavroff");
    assert_eq!((lavrov.code.as_deref(), lavrov.name.as_deref()), (Some("RUSGOV"), Some("Sergey Lavrov")));
    assert!(lavrov.reason.contains("read as"), "{}", lavrov.reason);
    let blinken = find(&d, "U.S. Secretary of State Blinkin");
    assert_eq!((blinken.code.as_deref(), blinken.name.as_deref()), (Some("USAGOV"), Some("Antony Blinken")));
    // On a date when he held no office, the title alone codes the actor.
    let d = doc("U.S. Secretary of State Blinkin arrived.", "2005-01-10", None);
    let m = find(&d, "U.S. Secretary of State Blinkin");
    assert_eq!(m.code.as_deref(), Some("USAGOV"));
    assert_eq!(m.name, None);
}

#[test]
fn peoples_without_a_state_are_actors_of_the_state_they_live_in() {
    let d = doc("Karen guerrillas ambushed an army convoy; Chechen fighters denied it.", "1996-03-01", None);
    assert_eq!(find(&d, "Karen guerrillas").code.as_deref(), Some("MMRINS"));
    assert!(find(&d, "Chechen fighters").code.as_deref().is_some_and(|c| c.starts_with("RUS")));
}

#[test]
fn agents_take_the_country_of_the_place_they_are_in_and_days_are_no_one() {
    let d = doc(
        "The envoy said on Friday that the rebels in Darfur and the gunmen from the Gaza Strip must lay down arms.",
        "2004-09-10",
        None,
    );
    assert_eq!(find(&d, "rebels").code.as_deref(), Some("SDNREB"));
    assert_eq!(find(&d, "gunmen").code.as_deref().map(|c| &c[..3]), Some("PSE"));
    // A prime minister is called Friday; the day is not him.
    assert!(d.mentions.iter().all(|m| m.text != "Friday"), "{:#?}", d.mentions);
}

#[test]
fn a_description_before_a_name_is_not_a_second_actor() {
    let d = doc("The rights watchdog Amnesty International condemned the raids on Monday.", "2004-09-10", None);
    assert_eq!(find(&d, "Amnesty International").code.as_deref(), Some("NGOAMN"));
    assert!(d.mentions.iter().all(|m| !m.text.contains("watchdog")), "{:#?}", d.mentions);
}

#[test]
fn a_known_surname_followed_by_more_name_words_is_someone_else() {
    let d = doc("Veterans cheered former President Ahmed Ben Bella in Oran on Tuesday.", "2000-01-01", None);
    assert!(d.mentions.iter().all(|m| !m.code.as_deref().is_some_and(|c| c.starts_with("BGD"))), "{:#?}", d.mentions);
}

#[test]
fn a_group_with_a_state_possessive_is_its_branch_there() {
    let d = doc("Syria's al-Qaeda affiliate shelled the town on Monday.", "2014-06-02", None);
    let group = find(&d, "Syria's al-Qaeda");
    assert_eq!(group.code.as_deref(), Some("SYRRAD"));
    assert!(d.mentions.iter().all(|m| m.text != "Syria"), "{:#?}", d.mentions);
}

#[test]
fn a_states_ally_is_not_the_state() {
    let d = doc("Gunmen ambushed a patrol of Israel's militia ally near the border.", "1995-06-02", None);
    let ally = find(&d, "Israel's militia");
    assert!(ally.country.is_none() && !ally.code.as_deref().is_some_and(|c| c.starts_with("ISR")), "{ally:#?}");
}

#[test]
fn a_people_named_as_a_minority_is_of_the_state_it_lives_in() {
    let d = doc("Police dispersed a rally of the Hungarian minority in Slovakia on Sunday.", "1999-03-01", None);
    assert!(
        d.mentions.iter().any(|m| m.text.starts_with("Hungarian") && m.country.as_deref() == Some("SVK")),
        "{:#?}",
        d.mentions
    );
}

#[test]
fn office_holders_outside_their_terms() {
    // Between the two Presidents Bush: the surname alone still says which
    // government, though not which man.
    let d = doc("President Bush threatened further sanctions against Iraq.", "1997-05-02", None);
    let bush = find(&d, "President Bush");
    assert_eq!(bush.code.as_deref(), Some("USAGOV"));
    assert_eq!(bush.name, None);
    // A historical head of state is known by name.
    let d = doc("President Abdelaziz Bouteflika received the envoy in Oran on Sunday.", "2001-06-14", None);
    assert_eq!(find(&d, "President Abdelaziz Bouteflika").code.as_deref(), Some("DZAGOV"));
    // Before his federal term, the country the report writes wins.
    let d = doc("Serbian President Vojislav Kostunica met the envoy in Nis.", "2000-01-01", None);
    assert_eq!(find(&d, "Serbian President Vojislav Kostunica").code.as_deref(), Some("SRBGOV"));
}

#[test]
fn parenthetical_aliases_and_their_variants_are_one_place() {
    let d = doc(
        "Shelling was reported in Transnistria (Pridnestrov) on Monday. \
         Residents of Pridnestr said the night was calm. \
         Officials Inpridnestrov denied it.",
        "2021-03-01",
        Some("mt-zh"),
    );
    assert_eq!(find(&d, "Pridnestrov").name.as_deref(), Some("Transnistria"));
    let variant = find(&d, "Pridnestr");
    assert_eq!(variant.name.as_deref(), Some("Transnistria"));
    assert!(variant.reason.contains("spelling variant"), "{}", variant.reason);
    assert_eq!(find(&d, "Inpridnestrov").name.as_deref(), Some("Transnistria"));
}

#[test]
fn names_garbled_through_chinese_short_forms_resolve_to_the_parties() {
    let d = doc(
        "Armenia and Azerbaijan agreed to a ceasefire. Azerbaijan and Armenia exchanged fire later. \
         The Ministry of Defense of Asia said the Afghan army shelled villages. \
         Azerbaijan denied it. The two sides blamed each other.",
        "2020-10-20",
        Some("mt-zh"),
    );
    let asia = find(&d, "Ministry of Defense of Asia");
    assert_eq!(asia.code.as_deref(), Some("ARMGOV"));
    assert!(asia.confidence < 0.9 && asia.reason.contains("亚"), "{}", asia.reason);
    assert_eq!(find(&d, "Afghan army").code.as_deref(), Some("AZEMIL"));
    let sides = find(&d, "The two sides");
    assert_eq!(sides.members, ["ARM", "AZE"]);
}

#[test]
fn the_same_names_in_ordinary_copy_are_left_alone() {
    let d = doc("Afghan officials met Pakistani envoys in Kabul. Asian markets fell on Monday.", "2021-05-01", None);
    assert_eq!(find(&d, "Afghan officials").code.as_deref(), Some("AFGGOV"));
}

#[test]
fn unknown_names_stay_unknown() {
    let d = doc("A spokesman, Qorvath Ilyen, said the Zelbrian militia had withdrawn.", "2021-05-01", None);
    assert!(d.mentions.iter().all(|m| m.name.as_deref() != Some("Qorvath Ilyen")));
    assert!(d.mentions.iter().filter(|m| m.text.contains("Zelbrian")).all(|m| m.code.as_deref() != Some("ZEL")));
    let militia = d.mentions.iter().find(|m| m.text.contains("militia")).unwrap();
    assert_eq!(militia.code.as_deref(), Some("REB"));
}

#[test]
fn states_misspelt_by_one_slip_are_still_states() {
    let d = doc(
        "Ethopia has agreed to reopen its borders. Azerbajan and Armenai exchanged fire. \
         Officials from Indiana and the Phillippines attended.",
        "2021-03-01",
        None,
    );
    assert_eq!(find(&d, "Ethopia").code.as_deref(), Some("ETH"));
    assert_eq!(find(&d, "Azerbajan").code.as_deref(), Some("AZE"));
    assert_eq!(find(&d, "Armenai").code.as_deref(), Some("ARM"), "two letters swapped");
    assert_eq!(find(&d, "Phillippines").code.as_deref(), Some("PHL"));
    assert!(find(&d, "Ethopia").confidence < 0.9, "a misspelling is less sure");
    // A real name one letter from an adjective is not a misspelling.
    assert!(d.mentions.iter().all(|m| m.text != "Indiana" || m.code.as_deref() != Some("IND")), "{:#?}", d.mentions);
}

#[test]
fn in_a_civil_war_the_two_sides_are_the_state_and_the_armed_group() {
    let d = doc(
        "Yemen's government and the Houthis met in Amman on Monday. The two sides agreed to meet again, and flights to Amman and Cairo resumed.",
        "2022-05-30",
        None,
    );
    let mut sides = find(&d, "The two sides").members.clone();
    sides.sort();
    assert_eq!(sides, ["YEM", "YEMREB"]);
    let cairo = d.mentions.iter().find(|m| m.text == "Cairo").unwrap();
    assert_eq!(cairo.kind, MentionKind::Place, "{cairo:#?}");
}

#[test]
fn a_bare_title_is_the_person_last_named_in_that_role() {
    let d = doc(
        "Russian Foreign Minister Sergei Lavrov met his counterparts on Monday. The foreign minister later said the talks had been useful.",
        "2022-04-01",
        None,
    );
    let later = d.mentions.iter().find(|m| m.text.eq_ignore_ascii_case("foreign minister")).unwrap();
    assert_eq!(later.code.as_deref(), Some("RUSGOV"), "{later:#?}");
    assert_eq!(later.name.as_deref(), Some("Sergey Lavrov"));
}

#[test]
fn a_capital_around_which_something_happens_is_a_place() {
    let d = doc("Rebel forces attacked positions south of Tripoli and on the outskirts of Kyiv.", "2023-06-12", None);
    for city in ["Tripoli", "Kyiv"] {
        let m = d.mentions.iter().find(|m| m.text == city).unwrap_or_else(|| panic!("{city}: {:#?}", d.mentions));
        assert_eq!(m.kind, MentionKind::Place, "{m:#?}");
    }
}

#[test]
fn an_ethnic_group_is_of_the_country_it_lives_in() {
    let d = doc(
        "Police detained ethnic Albanian activists in Kumanovo, Macedonia, on Tuesday, and Albanian diplomats protested.",
        "2001-05-08",
        None,
    );
    let group = d.mentions.iter().find(|m| m.text.contains("Albanian activists")).expect("the activists");
    assert_eq!(group.country.as_deref(), Some("MKD"), "{group:#?}");
    assert_eq!(find(&d, "Albanian diplomats").country.as_deref(), Some("ALB"), "not an ethnic group");
}
