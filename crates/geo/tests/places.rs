//! The places stage on reports written for these tests in the style of wire
//! copy and monitors' notes (spelling variants and damage included).

use truce_core::{Document, Source, Toponym};
use truce_lexicon::Lexicon;

fn placed(text: &str) -> Document {
    let options = truce_text::Options { date: Some("2020-11-12".into()), ..Default::default() };
    let mut doc = truce_text::annotate(text.into(), Source::default(), &options).unwrap();
    truce_entities::annotate(&mut doc, &truce_entities::Resources::new(Lexicon::default_lexicon()));
    truce_time::annotate(&mut doc, &truce_time::Resources::new());
    truce_events::annotate(&mut doc, &truce_events::Resources::new());
    truce_geo::annotate(&mut doc, &truce_geo::Resources::new().expect("the built-in gazetteer loads"));
    doc
}

fn toponym<'a>(doc: &'a Document, text: &str) -> &'a Toponym {
    doc.toponyms.iter().find(|t| t.text == text).unwrap_or_else(|| panic!("no toponym {text:?} in {:#?}", doc.toponyms))
}

#[test]
fn the_country_named_beside_a_town_picks_the_town() {
    let doc = placed("Shells landed in Tripoli, Lebanon, overnight. Earlier, clashes broke out in Tripoli.");
    let tripolis: Vec<&Toponym> = doc.toponyms.iter().filter(|t| t.text == "Tripoli").collect();
    assert_eq!(tripolis.len(), 2);
    for t in tripolis {
        assert_eq!(t.country.as_deref(), Some("LBN"), "one meaning per document: {t:?}");
    }
    let doc = placed("Militias fought for the airport of Tripoli, the Libyan capital.");
    assert_eq!(toponym(&doc, "Tripoli").country.as_deref(), Some("LBY"));
}

#[test]
fn spelling_variants_and_abbreviations_resolve() {
    let doc = placed(
        "Azerbaijani forces entered Agdam on Friday; residents of Khankendi said the road to Shushi was closed.",
    );
    assert_eq!(toponym(&doc, "Agdam").country.as_deref(), Some("AZE"));
    assert_eq!(toponym(&doc, "Khankendi").country.as_deref(), Some("AZE"));
    let doc = placed("A tornado struck Bowling Green, Ky., late on Friday, police said.");
    let town = toponym(&doc, "Bowling Green");
    assert_eq!(town.country.as_deref(), Some("USA"));
    assert_eq!(town.admin1.as_deref(), Some("Kentucky"), "the abbreviation picks the state's town");
    assert_eq!(toponym(&doc, "Ky.").feature, "ADM1");
}

#[test]
fn postal_codes_after_a_town_are_its_division() {
    let doc = placed("The plant in Louisville, KY, was closed. OFFICIALS IN KABUL SAID NOTHING.");
    let ky = toponym(&doc, "KY");
    assert_eq!((ky.name.as_str(), ky.country.as_deref()), ("Kentucky", Some("USA")));
    assert!(doc.toponyms.iter().all(|t| t.text != "IN"), "{:?}", doc.toponyms);
}

#[test]
fn adjectives_metonyms_and_people_are_not_places() {
    let doc =
        placed("Moscow said Turkish troops shelled Idlib. Former minister John Steele said Steele would not resign.");
    assert_eq!(toponym(&doc, "Moscow").role, "metonym");
    assert_eq!(toponym(&doc, "Turkish").role, "adjective");
    assert_eq!(toponym(&doc, "Turkish").country.as_deref(), Some("TUR"));
    assert!(doc.toponyms.iter().all(|t| t.text != "Steele"), "a surname is not a town: {:#?}", doc.toponyms);
    let event = doc.events.iter().find(|e| e.cameo.starts_with("19")).expect("the shelling is coded");
    let location = event.location.as_ref().expect("the shelling has a place");
    assert_eq!(location.name.as_deref(), Some("Idlib"));
    assert_eq!(location.country.as_deref(), Some("SYR"));
    assert_eq!(location.precision, "point");
    assert!(location.lat.is_some() && location.geonameid.is_some());
}

#[test]
fn the_place_phrase_of_the_event_locates_it() {
    let doc = placed(
        "Baku, 12 November. Armenian forces shelled positions near Tartar from the Aghdara direction, \
         the Azerbaijani defence ministry said.",
    );
    let event = doc.events.iter().find(|e| e.cameo.starts_with("19")).expect("the shelling is coded");
    let location = event.location.as_ref().expect("located");
    assert_eq!(location.country.as_deref(), Some("AZE"));
    assert_ne!(location.name.as_deref(), Some("Baku"), "the dateline is where the report was filed, not the event");
}

#[test]
fn long_official_names_seas_and_divisions_carry_geonames_ids() {
    let doc = placed(
        "Aid convoys from the People's Republic of China reached the Democratic Republic of the Congo \
         after crossing the Indian Ocean, while Alberta sent doctors.",
    );
    assert_eq!(toponym(&doc, "People's Republic of China").country.as_deref(), Some("CHN"));
    assert_eq!(toponym(&doc, "Democratic Republic of the Congo").country.as_deref(), Some("COD"));
    // A sea, not India's adjective.
    assert_eq!(toponym(&doc, "Indian Ocean").feature, "RGN");
    // A division sits at GeoNames' point, under its GeoNames id.
    let alberta = toponym(&doc, "Alberta");
    assert_eq!(alberta.geonameid, Some(5883102));
    assert!((alberta.lat - 52.28).abs() < 0.01 && (alberta.lon + 117.47).abs() < 0.01, "{alberta:?}");
}

#[test]
fn a_division_after_its_town_and_among_its_siblings() {
    let doc = placed("The shipment left Macon, Georgia, for Topeka, Kansas, on Tuesday.");
    let georgia = toponym(&doc, "Georgia");
    assert_eq!((georgia.feature.as_str(), georgia.country.as_deref()), ("ADM1", Some("USA")));
    let doc = placed("Storms closed schools in Texas, Georgia, Alabama and Florida.");
    assert_eq!(toponym(&doc, "Georgia").country.as_deref(), Some("USA"));
    let doc = placed("The recall covers a plant in Blakely, Georgia. Products from the Georgia plant were exported.");
    for georgia in doc.toponyms.iter().filter(|t| t.text == "Georgia") {
        assert_eq!(georgia.country.as_deref(), Some("USA"), "{georgia:?}");
    }
    let doc = placed("The pipeline crosses Georgia, Azerbaijan and Turkey to the sea.");
    assert_eq!(toponym(&doc, "Georgia").country.as_deref(), Some("GEO"));
}

#[test]
fn a_town_after_a_preposition_is_no_namesake_person() {
    // Djibo is also the surname of a Nigerien head of state in the dictionaries.
    let doc = placed("Gunmen killed 12 soldiers near Djibo in northern Burkina Faso.");
    assert_eq!(toponym(&doc, "Djibo").country.as_deref(), Some("BFA"));
    assert_eq!(first_location(&doc).text, "Djibo");
}

#[test]
fn an_elided_article_inside_a_name() {
    let doc = placed("Troops were sent to Côte d'Ivoire and to Cote d’Ivoire's north last year.");
    assert_eq!(doc.toponyms.iter().filter(|t| t.country.as_deref() == Some("CIV")).count(), 2, "{:?}", doc.toponyms);
}

#[test]
fn a_town_listed_with_another_is_a_town() {
    let doc = placed("A convoy was ambushed between Gao and Menaka in Mali on Monday.");
    assert_eq!(toponym(&doc, "Gao").feature, "PPL");
    assert_eq!(toponym(&doc, "Menaka").feature, "PPL");
}

#[test]
fn a_division_word_makes_the_division() {
    let doc = placed("Air strikes hit several villages in Idlib province on Tuesday.");
    let t = toponym(&doc, "Idlib");
    assert_eq!(t.feature, "ADM1");
    assert_eq!(t.precision, "region");
    let doc = placed("Air strikes hit the city of Idlib on Tuesday.");
    assert_eq!(toponym(&doc, "Idlib").feature, "PPL");
}

#[test]
fn without_a_gazetteer_nothing_is_placed_and_nothing_breaks() {
    let options = truce_text::Options { date: Some("2020-11-12".into()), ..Default::default() };
    let mut doc =
        truce_text::annotate("Fighting was reported near Tovuz.".into(), Source::default(), &options).unwrap();
    truce_entities::annotate(&mut doc, &truce_entities::Resources::new(Lexicon::default_lexicon()));
    truce_events::annotate(&mut doc, &truce_events::Resources::new());
    let before = doc.events.clone();
    truce_geo::annotate(&mut doc, &truce_geo::Resources::without_gazetteer());
    assert!(doc.toponyms.is_empty());
    assert_eq!(doc.events, before);
}

#[test]
fn a_place_naming_a_clock_locates_nothing() {
    let doc = placed("The truce took effect at 00:00 Moscow time after talks in Geneva.");
    assert_eq!(toponym(&doc, "Moscow").role, "zone");
    assert!(doc.events.iter().all(|e| e.location.as_ref().is_none_or(|l| l.name.as_deref() != Some("Moscow"))));
}

#[test]
fn a_country_before_its_institution_is_whose_not_where() {
    let doc = placed("The U.S. State Department said talks on the corridor would resume in Geneva.");
    assert_eq!(toponym(&doc, "U.S.").role, "adjective");
    assert_eq!(toponym(&doc, "Geneva").role, "place");
}

#[test]
fn an_armed_group_is_not_its_namesake_town() {
    let doc = placed("GAZA, Nov 24 (Wire) - Hamas released 13 hostages on Friday, and Israel freed 39 prisoners.");
    assert!(doc.toponyms.iter().all(|t| t.text != "Hamas"), "{:#?}", doc.toponyms);
}

#[test]
fn a_county_is_in_the_state_the_report_names() {
    let doc = placed(
        "Flooding closed two roads in Monroe County on Friday, the Missouri highway patrol said. \
         Missouri officials asked drivers to stay home.",
    );
    let county = toponym(&doc, "Monroe County");
    assert_eq!((county.feature.as_str(), county.admin1.as_deref()), ("ADM2", None));
    assert!((county.lat - 39.5).abs() < 0.5 && (county.lon + 92.0).abs() < 0.5, "Monroe County, Missouri: {county:?}");
}

#[test]
fn the_parts_of_a_hyphenated_word_are_places() {
    let doc = placed("Talks on Turkish-Russian relations resumed after shelling on the Azerbaijan-Armenia border.");
    assert_eq!(toponym(&doc, "Turkish").role, "adjective");
    assert_eq!(toponym(&doc, "Russian").country.as_deref(), Some("RUS"));
    assert_eq!(toponym(&doc, "Armenia").country.as_deref(), Some("ARM"));
    let doc = placed("A New York-based lawyer and a Hong Kong-born banker arrived.");
    assert_eq!(toponym(&doc, "New York").country.as_deref(), Some("USA"));
    assert_eq!(toponym(&doc, "Hong Kong").country.as_deref(), Some("HKG"));
    let doc = placed("A Moscow-backed commander and a pro-government militia met.");
    assert_eq!(toponym(&doc, "Moscow").country.as_deref(), Some("RUS"));
    assert!(doc.toponyms.iter().all(|t| t.text != "pro" && t.text != "backed"));
}

#[test]
fn common_words_and_surnames_are_not_towns() {
    // `Drug` is another name of an Indian city, `Steele` a town's: here a
    // word of an agency's name and a man named after a dateline.
    let doc = placed(
        "WASHINGTON Christopher Steele met agents of the Drug Enforcement Administration in Kabul. \
         Steele later flew to Rome.",
    );
    let names: Vec<&str> = doc.toponyms.iter().map(|t| t.text.as_str()).collect();
    assert!(!names.contains(&"Steele") && !names.contains(&"Drug"), "{names:?}");
    assert!(names.contains(&"Kabul") && names.contains(&"Rome"), "{names:?}");
    let doc = placed("Aliyev told Al Jazeera that the Adair County Sheriff had nothing to do with it.");
    let names: Vec<&str> = doc.toponyms.iter().map(|t| t.text.as_str()).collect();
    assert!(!names.contains(&"Al") && names.contains(&"Adair County"), "{names:?}");
    let doc = placed("Ben met Duke researchers before flying in from Bern.");
    let names: Vec<&str> = doc.toponyms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(names, ["Bern"]);
    // Vladimir is a city of 350,000, Paul a Cape Verdean county: here first names.
    let doc = placed("Russian President Vladimir Putin met Paul Kagame in Sochi, the U.S. State Department said.");
    let names: Vec<&str> = doc.toponyms.iter().map(|t| t.text.as_str()).collect();
    assert!(!names.contains(&"Vladimir") && !names.contains(&"Paul"), "{names:?}");
    assert!(names.contains(&"Sochi") && names.contains(&"U.S."), "{names:?}");
}

#[test]
fn lakes_rivers_and_mountains_are_places() {
    let doc = placed(
        "Gunmen crossed the Aras River at dawn; fishermen on Lake Chad and shepherds in the Qandil Mountains fled.",
    );
    for (name, country) in [("Aras River", None), ("Lake Chad", None), ("Qandil Mountains", Some("IRQ"))] {
        let t = toponym(&doc, name);
        assert_eq!((t.feature.as_str(), t.country.as_deref()), ("RGN", country), "{t:?}");
    }
}

fn first_location(doc: &Document) -> truce_core::EventLocation {
    let event = doc.events.first().unwrap_or_else(|| panic!("no event in {:?}", doc.text));
    event.location.clone().expect("located")
}

#[test]
fn a_part_of_a_country_puts_the_event_in_that_part() {
    let country = first_location(&placed("Shelling killed two civilians in Ukraine on Tuesday, officials said."));
    for text in [
        "Shelling killed two civilians in eastern Ukraine on Tuesday, officials said.",
        "Shelling killed two civilians in the east of Ukraine on Tuesday, officials said.",
        "Shelling killed two civilians in Ukraine's east on Tuesday, officials said.",
    ] {
        let part = first_location(&placed(text));
        assert_eq!((part.precision.as_str(), part.country.as_deref()), ("region", Some("UKR")), "{text}");
        assert!(part.lon.unwrap() > country.lon.unwrap() + 2.0, "{text}: {part:?} east of {country:?}");
        assert!(part.text.contains("east") && part.text.contains("Ukraine"), "{part:?}");
    }
}

#[test]
fn a_distance_and_direction_move_the_event_off_the_place() {
    let at = first_location(&placed("Artillery shelled a village near Tovuz on Sunday."));
    let off = first_location(&placed("Artillery shelled a village 15 km south of Tovuz on Sunday."));
    assert_eq!(off.text, "15 km south of Tovuz");
    let moved = truce_geo::eval::distance_km(at.lat.unwrap(), at.lon.unwrap(), off.lat.unwrap(), off.lon.unwrap());
    assert!((moved - 15.0).abs() < 0.5 && off.lat < at.lat, "{at:?} -> {off:?}");
}

#[test]
fn towns_named_together_lie_near_each_other() {
    let doc = placed("Police closed roads in Edmonton after a stabbing; a second man was found hurt in Enfield.");
    for name in ["Edmonton", "Enfield"] {
        assert_eq!(toponym(&doc, name).country.as_deref(), Some("GBR"), "north London: {:?}", toponym(&doc, name));
    }
    let doc = placed("Police closed roads in Edmonton after a stabbing.");
    assert_eq!(toponym(&doc, "Edmonton").country.as_deref(), Some("CAN"), "alone, the big city");
}

#[test]
fn a_local_report_keeps_to_the_division_its_dateline_names() {
    let doc = placed(
        "LEBANON, Tenn. - A Wilson County jury convicted a Mt. Juliet man of arson. The fire destroyed a barn \
         near Watertown. He drove from Murfreesboro to Lebanon that night.",
    );
    for name in ["LEBANON", "Lebanon", "Mt. Juliet", "Watertown", "Murfreesboro"] {
        let t = toponym(&doc, name);
        assert_eq!((t.country.as_deref(), t.admin1.as_deref()), (Some("USA"), Some("Tennessee")), "{t:?}");
    }
}

#[test]
fn a_city_before_an_agent_is_the_city_not_its_country() {
    let doc = placed("Athens police detained two men after the march.");
    let athens = toponym(&doc, "Athens");
    assert_eq!((athens.feature.as_str(), athens.role.as_str()), ("PPLC", "adjective"), "{athens:?}");
}

#[test]
fn a_transliteration_the_gazetteer_lacks_is_read_in_the_country_named() {
    let doc = placed(
        "Ukrainian officials said troops attacked near Avdeevka, Lisichansk and Zaporojie in Ukraine \
         and shelled the town of Sieverodonetsk.",
    );
    for name in ["Zaporojie", "Sieverodonetsk"] {
        let t = toponym(&doc, name);
        assert_eq!(t.country.as_deref(), Some("UKR"), "{t:?}");
        assert!(t.reason.starts_with("a spelling variant"), "{t:?}");
    }
    // Not every unknown word after a preposition: the country must be named.
    let doc = placed("Officials met in Sieverodonetsk on Monday.");
    assert!(doc.toponyms.iter().all(|t| t.text != "Sieverodonetsk"), "{:?}", doc.toponyms);
}

#[test]
fn a_place_opening_a_sentence_is_the_place_named_elsewhere() {
    let doc = placed("Nine people died in Vancouver overnight. Vancouver has seen a rise in overdoses.");
    assert_eq!(doc.toponyms.iter().filter(|t| t.text == "Vancouver").count(), 2, "{:?}", doc.toponyms);
    let doc = placed("Vancouver has seen a rise in overdoses.");
    assert!(doc.toponyms.is_empty(), "alone, a sentence's first word of a small city is no sure place");
}

#[test]
fn a_town_in_capitals_opening_a_report_is_its_dateline() {
    let doc = placed("DETROIT The police arrested two protesters in Ohio on Wednesday.");
    let detroit = toponym(&doc, "DETROIT");
    assert_eq!((detroit.role.as_str(), detroit.country.as_deref()), ("dateline", Some("USA")));
    assert_ne!(first_location(&doc).text, "DETROIT", "where the report was filed is not where anything happened");
}

#[test]
fn an_event_location_carries_its_first_level_division() {
    let town = first_location(&placed("Artillery shelled a village near Bakhmut on Sunday, officials said."));
    assert_eq!((town.country.as_deref(), town.admin1.as_deref()), (Some("UKR"), Some("Donetsk")), "{town:?}");
    let part = first_location(&placed("Shelling killed two civilians in eastern Ukraine on Tuesday."));
    assert_eq!(part.admin1, None, "a part of a country is in no one division: {part:?}");
}

#[test]
fn each_event_takes_the_place_phrase_of_its_own_word() {
    let doc = placed("Rebels attacked El Fasher on Sunday, and clashes spread to villages near Kutum in North Darfur.");
    let attack = doc.events.iter().find(|e| e.trigger.is_some_and(|t| t.slice(&doc.text) == "attacked"));
    let attack = attack.unwrap_or_else(|| panic!("the attack is coded: {:?}", doc.events));
    assert_eq!(attack.location.as_ref().map(|l| l.text.as_str()), Some("El Fasher"));
    let doc = placed("Azerbaijan accused Armenia of shelling the town of Tartar.");
    for e in &doc.events {
        assert_ne!(e.location.as_ref().map(|l| l.text.as_str()), Some("Armenia"), "the accused is no place: {e:?}");
    }
}
