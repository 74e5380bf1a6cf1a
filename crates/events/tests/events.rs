//! The events stage on sentences written for these tests in the style of
//! wire copy and machine-translated reports.

use truce_core::{Document, Event, Source};
use truce_lexicon::Lexicon;

fn coded(text: &str, date: &str) -> Document {
    let options = truce_text::Options { date: Some(date.into()), ..Default::default() };
    let mut doc = truce_text::annotate(text.into(), Source::default(), &options).unwrap();
    truce_entities::annotate(&mut doc, &truce_entities::Resources::new(Lexicon::default_lexicon()));
    truce_time::annotate(&mut doc, &truce_time::Resources::new());
    truce_events::annotate(&mut doc, &truce_events::Resources::new());
    doc
}

fn codes(actors: &[truce_core::EventActor]) -> Vec<String> {
    let mut c: Vec<String> = actors.iter().filter_map(|a| a.code.clone()).collect();
    c.sort();
    c
}

fn find<'a>(doc: &'a Document, root: &str) -> &'a Event {
    doc.events
        .iter()
        .find(|e| e.cameo.starts_with(root))
        .unwrap_or_else(|| panic!("no {root} event in {:#?}", doc.events))
}

#[test]
fn a_demand_is_one_event_of_the_demanders() {
    let doc = coded(
        "The foreign ministers of Turkey, Iran and Russia issued a statement on Monday, calling on foreign fighters to withdraw from Idlib immediately.",
        "2021-03-02",
    );
    let e = doc.events.iter().find(|e| e.cameo_root == "02" || e.cameo_root == "10").expect("an appeal or demand");
    assert_eq!(codes(&e.source), ["IRNGOV", "RUSGOV", "TURGOV"]);
    assert_eq!(e.modality, "asserted");
    assert_eq!(e.date.as_deref(), Some("2021-03-01"));
    assert!(!doc.events.iter().any(|x| x.cameo.starts_with("087") && x.modality == "asserted"), "{:#?}", doc.events);
}

#[test]
fn modality_follows_the_words_around_the_verb() {
    let planned = coded("Ethiopia and Eritrea will exchange prisoners of war next week.", "2021-03-02");
    assert_eq!(find(&planned, "08").modality, "planned");
    let alleged = coded("Armenia accused Azerbaijan of shelling villages near the border.", "2020-10-12");
    let accusation = find(&alleged, "11");
    assert_eq!(codes(&accusation.source), ["ARM"]);
    assert_eq!(codes(&accusation.target), ["AZE"]);
    let denied = coded("The army denied that its troops had shelled the town.", "2020-10-12");
    assert!(denied.events.iter().any(|e| e.modality == "denied"), "{:#?}", denied.events);
}

#[test]
fn fighting_and_ceasefires_are_coded_with_their_roots() {
    let doc = coded(
        "Russian troops shelled Ukrainian positions near Bakhmut on Tuesday. The two sides later agreed to a ceasefire.",
        "2023-01-12",
    );
    let fight = find(&doc, "19");
    assert_eq!(codes(&fight.source), ["RUSMIL"]);
    assert_eq!(fight.quad_class, 4);
    assert!(fight.location.as_ref().is_some_and(|l| l.text.contains("Bakhmut")));
    assert!(
        doc.events
            .iter()
            .any(|e| e.cameo.starts_with("087") || e.cameo.starts_with("03") || e.cameo.starts_with("057"))
    );
}

#[test]
fn sentences_of_any_shape_are_coded_without_trouble() {
    // A 10,000-word run-on, a flattened table and a list of names.
    let run_on = "Russian troops shelled the villages and the army said it fired back and ".repeat(770);
    let doc = coded(&run_on, "2022-01-01");
    assert!(!doc.events.is_empty());
    let table = "Date | Attacks | Killed\n2022-01-01 | 4 | 12\n2022-01-02 | 7 | 3\n".repeat(50);
    coded(&table, "2022-01-01");
    coded("Lavrov, Blinken, Guterres, Aliyev, Pashinyan, Erdogan, Zelensky, Putin.", "2022-01-01");
}

#[test]
fn armed_groups_are_actors_and_targets_stay_in_their_clause() {
    let doc = coded(
        "SANAA, March 4 -- Houthi rebels fired missiles at Saudi Arabia overnight, and Hamas officials said they welcomed the talks.",
        "2022-03-04",
    );
    let attack = find(&doc, "19");
    assert_eq!(codes(&attack.source), ["YEMREB"]);
    assert_eq!(codes(&attack.target), ["SAU"], "the target is aimed at, not a place: {:#?}", attack);
    let doc = coded("Rapid Support Forces (RSF) shelled the town, and the army said it held the bridge.", "2023-06-01");
    let shelling = find(&doc, "19");
    assert_eq!(codes(&shelling.source), ["SDNREB"]);
    assert!(shelling.target.is_empty(), "the army of the next clause is not the target: {:#?}", shelling.target);
}

#[test]
fn a_domestic_target_takes_the_country_of_its_source() {
    let doc = coded("Malian opposition parties on Tuesday demanded that the president step down.", "2021-05-25");
    let demand = find(&doc, "10");
    assert_eq!(codes(&demand.source), ["MLIOPP"]);
    assert!(codes(&demand.target).iter().all(|c| c.starts_with("MLI")), "{:#?}", demand.target);
    assert!(!demand.target.is_empty());
}

#[test]
fn an_official_without_a_country_acts_in_the_country_of_the_target() {
    let doc = coded("President Tembakazi threatened to ban Malian opposition parties from the vote.", "2021-05-25");
    let threat = find(&doc, "13");
    assert!(codes(&threat.source).iter().all(|c| c.starts_with("MLI")), "{:#?}", threat.source);
    assert!(!threat.source.is_empty());
}

#[test]
fn described_agents_keep_their_nationality_and_speakers_are_not_targets() {
    let doc = coded(
        "Chadian separatist fighters wounded three Sudanese soldiers near Adre on Friday, officials said.",
        "2023-06-10",
    );
    let attack = find(&doc, "19");
    assert_eq!(codes(&attack.source).len(), 1);
    assert!(codes(&attack.source)[0].starts_with("TCD"), "{:#?}", attack.source);
    assert_eq!(codes(&attack.target), ["SDNMIL"]);
    let doc = coded("A roadside bomb hit the convoy, army officials said.", "2023-06-10");
    assert!(doc.events.iter().all(|e| e.target.is_empty()), "{:#?}", doc.events);
}

#[test]
fn a_second_verb_keeps_the_subject_and_an_opening_gerund_has_none() {
    let doc = coded(
        "The rebels said they would free some prisoners and welcomed the proposal. Fighting near the dam intensified on Friday.",
        "2023-06-10",
    );
    let welcome = doc.events.iter().find(|e| e.cameo.starts_with("05")).expect("a welcome");
    assert_eq!(codes(&welcome.source), codes(&find(&doc, "084").source), "{:#?}", doc.events);
    let fighting = find(&doc, "19");
    assert!(fighting.source.is_empty(), "nobody is named as fighting: {:#?}", fighting.source);
}

#[test]
fn an_agent_word_describing_a_thing_is_no_actor() {
    let doc = coded("Sudan and South Sudan agreed to halt all military operations along the border.", "2023-06-10");
    assert!(doc.events.iter().all(|e| codes(&e.target).iter().all(|c| !c.ends_with("MIL"))), "{:#?}", doc.events);
}

#[test]
fn expulsions_and_aid_handovers_are_coded() {
    let doc = coded("Niger expelled the French ambassador on Saturday.", "2023-08-27");
    assert!(find(&doc, "16").plover.as_deref() == Some("SANCTION"), "{:#?}", doc.events);
    let doc = coded("Turkish medics handed over medical supplies to the Red Crescent in Idlib.", "2023-02-10");
    assert_eq!(find(&doc, "07").plover.as_deref(), Some("AID"));
}

#[test]
fn an_organisation_keeps_its_own_code() {
    let doc = coded("Armenia asked the OSCE to send monitors to the line of contact in Azerbaijan.", "2020-12-03");
    let all: Vec<String> = doc.events.iter().flat_map(|e| codes(&e.target)).collect();
    assert!(all.iter().any(|c| c == "IGOOSC" || c.starts_with("IGO")), "{all:?}");
    assert!(all.iter().all(|c| !c.contains("IGO") || c.starts_with("IGO")), "{all:?}");
}

#[test]
fn saying_that_another_must_act_is_a_demand() {
    let doc = coded("The African Union said both armies must ensure safe passage for civilians.", "2023-06-10");
    let demand = find(&doc, "10");
    assert!(codes(&demand.source).iter().all(|c| c.starts_with("IGO")), "{:#?}", demand.source);
    assert!(!doc.events.iter().any(|e| e.cameo == "010"), "{:#?}", doc.events);
}

#[test]
fn accepting_is_yielding_and_refusing_to_accept_is_rejecting() {
    let doc = coded("Jordan says it will not accept any more refugees from the south.", "2018-07-01");
    assert_eq!(find(&doc, "12").plover.as_deref(), Some("REJECT"));
    let doc = coded("The rebels accepted the proposal on Sunday.", "2018-07-01");
    assert_eq!(find(&doc, "08").plover.as_deref(), Some("CONCEDE"));
}

#[test]
fn ceasefire_violations_talks_and_figures_of_speech() {
    let doc = coded(
        "Observers found that both militias had violated the truce agreement reached in the spring.",
        "2021-06-01",
    );
    assert!(doc.events.iter().any(|e| e.cameo == "196"), "{:#?}", doc.events);
    let doc = coded(
        "Armenian and Azerbaijani negotiators return to Geneva this week for talks on the corridor.",
        "2021-06-01",
    );
    assert!(doc.events.iter().all(|e| e.cameo != "084"), "going back somewhere is not returning something");
    assert!(doc.events.iter().any(|e| e.cameo.starts_with("04")), "{:#?}", doc.events);
    let doc = coded("The forum concluded that Russia must fund the battle against the water crisis.", "2021-06-01");
    assert!(doc.events.iter().all(|e| !e.cameo.starts_with("19")), "a battle against a crisis: {:#?}", doc.events);
    let doc =
        coded("Rebel commanders have sworn to fight until they control the villages near the border.", "2021-06-01");
    assert_eq!(find(&doc, "13").cameo, "138", "sworn to fight is a threat of force");
    let doc = coded("Opposition activists staged rallies in Yerevan against the prime minister.", "2021-06-01");
    assert_eq!(find(&doc, "14").cameo, "141");
    let doc = coded("A tribunal in Riga cancelled restrictions on broadcasting in minority tongues.", "2021-06-01");
    assert_eq!(find(&doc, "08").cameo, "081");
}

#[test]
fn restrictions_on_movement_and_assembly_and_failed_talks() {
    let doc = coded("Georgia closed its borders with Armenia and Azerbaijan because of the fighting.", "2020-10-01");
    let closing = find(&doc, "191");
    assert_eq!(codes(&closing.source), ["GEO"]);
    assert_eq!(codes(&closing.target), ["ARM", "AZE"]);
    let doc = coded("Police prevented the demonstration planned by students outside parliament.", "2020-10-01");
    assert_eq!(find(&doc, "17").cameo, "1721");
    // The object between the order and the infinitive it controls.
    let doc = coded("The government ordered the opposition newspaper Azadliq to suspend publication.", "2020-10-01");
    assert_eq!(find(&doc, "17").cameo, "1721");
    let doc = coded("Armenia and Azerbaijan failed to reach agreement on the corridor on Sunday.", "2020-10-01");
    assert!(
        doc.events
            .iter()
            .filter(|e| e.cameo.starts_with("05") || e.cameo.starts_with("03"))
            .all(|e| e.modality == "denied")
    );
}

#[test]
fn a_general_strike_is_a_strike_not_a_general() {
    let doc = coded(
        "Four opposition parties in Bolivia called a general strike that closed shops across La Paz.",
        "2006-04-01",
    );
    let strike = find(&doc, "14");
    assert_eq!(strike.cameo, "143");
    assert!(strike.target.iter().all(|t| t.sector.as_deref() != Some("MIL")), "{strike:#?}");
    assert!(doc.events.iter().all(|e| !e.cameo.starts_with("19")), "{:#?}", doc.events);
}

#[test]
fn the_toll_of_an_attack_is_not_a_second_attack() {
    let doc = coded(
        "Rebels shelled the regional capital on Sunday, killing about 20 people, relief officials said.",
        "2020-10-05",
    );
    let force: Vec<&str> = doc.events.iter().filter(|e| e.cameo_root == "19").map(|e| e.cameo.as_str()).collect();
    assert_eq!(force, ["194"], "{:#?}", doc.events);
}

#[test]
fn measures_in_a_place_are_aimed_at_its_people() {
    let doc =
        coded("Armenia lifted the overnight curfew in Georgia where a dozen villagers died in riots.", "2000-05-01");
    let lifted = find(&doc, "0813");
    assert_eq!(codes(&lifted.target), ["GEO"], "{lifted:#?}");
    let doc = coded("Charities suspended aid deliveries in Yerevan after the shelling, officials said.", "2003-05-01");
    let suspended = find(&doc, "16");
    assert_eq!(codes(&suspended.target), ["ARM"]);
    let doc = coded("The governor threatened to impose a curfew in Kabul after the riots.", "2001-05-01");
    assert_eq!(codes(&find(&doc, "13").target), ["AFG"]);
}

#[test]
fn the_tighter_pattern_names_what_is_withdrawn() {
    // Withdrawing inspectors (a sanction) rather than withdrawing from a
    // place (a retreat); announced for the future, a threat.
    let doc = coded(
        "The head of the mission said he will withdraw the arms inspectors and their staff from Syria.",
        "2002-10-01",
    );
    assert!(doc.events.iter().any(|e| e.cameo == "130" || e.cameo.starts_with("166")), "{:#?}", doc.events);
    assert!(doc.events.iter().all(|e| e.cameo != "0874"), "{:#?}", doc.events);
    let doc = coded("Greece ordered the suspension of flights with Turkey after the incident.", "1991-10-01");
    let suspension = find(&doc, "16");
    assert_eq!(codes(&suspension.source), ["GRC"]);
}

#[test]
fn words_inside_an_actor_and_participles_after_one() {
    let doc =
        coded("Kenyan riot police fired tear gas to break up demonstrators protesting the fee increase.", "2005-11-01");
    assert!(doc.events.iter().all(|e| e.cameo != "145"), "riot police do not riot: {:#?}", doc.events);
    assert!(doc.events.iter().all(|e| !e.cameo.starts_with("204")), "tear gas is no chemical weapon");
    let repression = find(&doc, "17");
    assert_eq!(codes(&repression.source), ["KENCOP"]);
    let protest = find(&doc, "14");
    assert_eq!(protest.source[0].sector.as_deref(), Some("OPP"), "the demonstrators protest");
}

#[test]
fn an_adjective_of_a_language_or_a_frontier_names_no_one() {
    let doc = coded("The tribunal cancelled restrictions on the Georgian language in public life.", "2004-03-01");
    assert!(find(&doc, "08").target.is_empty(), "{:#?}", doc.events);
    let doc = coded(
        "Turkish troops captured a guerrilla stronghold on the Iranian border after days of clashes.",
        "1995-01-01",
    );
    assert_eq!(codes(&find(&doc, "192").target), ["TURINS"], "the guerrillas are Turkey's own");
    let doc = coded("Azerbaijani forces shelled the Armenian border village of Chinari on Monday.", "2020-07-14");
    assert_eq!(codes(&find(&doc, "19").target), ["ARM"], "a border village is still Armenia's");
}

#[test]
fn force_one_party_reports_of_another_is_alleged() {
    let doc = coded("Baku says the Armenian army fired new rocket strikes at Barda overnight.", "2020-10-11");
    assert_eq!(find(&doc, "19").modality, "alleged");
    let doc = coded("Armenian forces shelled Tartar overnight, the Azerbaijani defence ministry said.", "2020-10-11");
    assert_eq!(find(&doc, "19").modality, "alleged");
    // A party reporting its own forces' acts asserts them.
    let doc = coded("Azerbaijan's defence ministry said its army shelled Armenian positions overnight.", "2020-10-11");
    assert_eq!(find(&doc, "19").modality, "asserted");
}

#[test]
fn passives_with_and_without_their_auxiliary() {
    let doc = coded("A convoy of Armenian volunteers was attacked by Azerbaijani drones on Monday.", "2020-10-12");
    let attack = find(&doc, "19");
    assert_eq!(codes(&attack.source), ["AZE"]);
    assert!(codes(&attack.target).iter().all(|c| c.starts_with("ARM")), "{attack:#?}");
    let doc = coded("Several houses, shelled by Armenian troops overnight, burned to the ground.", "2020-10-12");
    let shelling = find(&doc, "19");
    assert_eq!(codes(&shelling.source), ["ARMMIL"]);
    assert!(shelling.target.iter().all(|t| t.code.as_deref() != Some("ARMMIL")), "the agent is no target");
    let doc = coded("The president announced the imposition of martial law across the country.", "2020-09-28");
    assert_eq!(find(&doc, "17").cameo, "1724");
}

#[test]
fn a_truce_coming_into_force_binds_the_two_parties_of_the_report() {
    let doc = coded(
        "Armenia and Azerbaijan accused each other of shelling. Armenia said Azerbaijan attacked first. \
         A new truce will come into force at 06:00 local time on October 26.",
        "2020-10-25",
    );
    let truce = doc.events.iter().find(|e| e.cameo == "0871" && e.sentence == 2).expect("the truce is coded");
    assert_eq!(codes(&truce.source), ["ARM", "AZE"]);
    assert_eq!(truce.modality, "planned");
    assert_eq!(truce.date.as_deref(), Some("2020-10-26"));
}

#[test]
fn the_subject_before_a_relative_clause_and_traded_accusations() {
    let doc = coded(
        "Students who marched past the Armenian parliament are demanding the dismissal of Prime Minister Nikol Pashinyan.",
        "2020-11-11",
    );
    let demand = find(&doc, "10");
    assert_eq!(demand.source[0].sector.as_deref(), Some("EDU"), "the students, not the parliament: {demand:#?}");
    let doc = coded("Armenia and Azerbaijan exchanged accusations of violating the ceasefire.", "2020-10-11");
    assert_eq!(find(&doc, "11").cameo, "1123");
}

#[test]
fn passives_without_an_agent_read_their_subject() {
    let doc = coded(
        "Armenia and Azerbaijan agreed on a truce. Prisoners of war will be exchanged on Friday under the deal.",
        "2020-11-12",
    );
    let exchange = find(&doc, "0841");
    assert_eq!(exchange.modality, "planned");
    assert_eq!(codes(&exchange.source), ["ARM", "AZE"], "each party with the other");
    assert_eq!(exchange.date.as_deref(), Some("2020-11-13"), "a coming Friday");
    let doc = coded(
        "Armenia and Azerbaijan signed the statement. The Kalbajar district shall be returned to Azerbaijan by 15 November.",
        "2020-11-10",
    );
    let handover = find(&doc, "084");
    assert_eq!(codes(&handover.source), ["ARM"], "returned to one party by the other");
    assert_eq!(codes(&handover.target), ["AZE"]);
    assert_eq!(handover.date.as_deref(), Some("2020-11-15"));
    let doc = coded("The ceasefire was violated twice overnight near the border.", "2020-10-20");
    assert!(doc.events.iter().any(|e| e.cameo == "196"), "{:#?}", doc.events);
}

#[test]
fn victims_of_a_passive_and_the_means_of_an_attack() {
    let doc = coded("At least three civilians have been killed in shelling near Tartar, officials said.", "2020-10-12");
    let force: Vec<_> = doc.events.iter().filter(|e| e.cameo_root == "19").collect();
    assert_eq!(force.len(), 1, "the shelling is how they were killed: {force:#?}");
    assert!(force[0].source.is_empty(), "the victims are no source");
    assert_eq!(force[0].target[0].sector.as_deref(), Some("CVL"));
    // `committed to` tells a will, not a deed done to the subject.
    let doc = coded("The minister said Georgia is committed to opening its border crossings.", "2020-10-12");
    assert!(doc.events.iter().all(|e| e.target.iter().all(|t| t.code.as_deref() != Some("GEO"))), "{:#?}", doc.events);
}

#[test]
fn handovers_of_districts_active_and_passive() {
    let doc = coded(
        "Armenia and Azerbaijan signed the statement. The Kalbajar district shall be handed over to Azerbaijan by 15 November.",
        "2020-11-10",
    );
    let handover = find(&doc, "0874");
    assert_eq!((codes(&handover.source), codes(&handover.target)), (vec!["ARM".to_owned()], vec!["AZE".to_owned()]));
    assert_eq!((handover.modality.as_str(), handover.date.as_deref()), ("planned", Some("2020-11-15")));
    let doc = coded("Armenia will hand over the Lachin district to Azerbaijan by 1 December.", "2020-11-10");
    let handover = find(&doc, "0874");
    assert_eq!(codes(&handover.source), ["ARM"]);
    assert_eq!(handover.date.as_deref(), Some("2020-12-01"));
}

#[test]
fn calm_and_negated_fighting_are_no_attacks() {
    let none = coded("No rocket or drone attacks on the border towns were recorded overnight.", "2022-04-07");
    assert!(none.events.iter().filter(|e| e.cameo_root == "19").all(|e| e.modality == "denied"), "{:#?}", none.events);
    let calm = coded("Monitors reported a sharp fall in fighting along the front after the truce began.", "2022-04-07");
    assert!(!calm.events.iter().any(|e| e.cameo_root == "19" && e.modality == "asserted"), "{:#?}", calm.events);
    let any = coded("The army said it would respond to any breach of the truce.", "2022-04-07");
    assert!(!any.events.iter().any(|e| e.cameo == "196" && e.modality == "asserted"), "{:#?}", any.events);
}

#[test]
fn the_accused_is_the_actor_and_a_rebel_claim_against_the_state_is_alleged() {
    let doc =
        coded("Kyiv accused Russian troops of heavy artillery fire on a hospital in the east on Sunday.", "2023-03-06");
    let fire = doc.events.iter().find(|e| e.cameo_root == "19").unwrap_or_else(|| panic!("{:#?}", doc.events));
    assert_eq!(codes(&fire.source), ["RUSMIL"]);
    assert_eq!(fire.modality, "alleged");
    let claim =
        coded("A spokesman for the Houthis said government forces had shelled villages south of Marib.", "2022-04-07");
    assert_eq!(find(&claim, "19").modality, "alleged");
}

#[test]
fn a_noun_of_force_takes_its_own_author_and_a_promise_covers_its_coordinates() {
    let doc = coded("Yerevan reported Azerbaijani artillery fire north of the town overnight.", "2020-10-18");
    let force: Vec<&truce_core::Event> = doc.events.iter().filter(|e| e.cameo_root == "19").collect();
    assert!(
        !force.is_empty() && force.iter().all(|e| codes(&e.source).iter().all(|c| c.starts_with("AZE"))),
        "{force:#?}"
    );
    let promise = coded(
        "Under the deal both sides will stop offensive operations, allow fuel ships to enter the port and reopen the airport.",
        "2022-04-02",
    );
    assert!(
        promise.events.iter().all(|e| e.modality != "asserted" || e.cameo.starts_with("01")),
        "{:#?}",
        promise.events
    );
}

#[test]
fn a_capital_with_an_airport_or_on_a_journey_is_a_place() {
    let doc = coded("The first flight in years took off from Kabul airport for Doha on Monday.", "2022-05-16");
    assert!(
        doc.mentions
            .iter()
            .filter(|m| m.text == "Kabul" || m.text == "Doha")
            .all(|m| m.kind == truce_core::MentionKind::Place),
        "{:#?}",
        doc.mentions
    );
}

#[test]
fn what_is_withdrawn_is_not_the_target_and_a_led_force_is_its_leaders() {
    let doc = coded(
        "The United Nations said on Monday it would withdraw its monitors and aid workers from Libya.",
        "2021-03-02",
    );
    assert_eq!(codes(&find(&doc, "13").target), ["LBY"]);
    // One's own troops, withdrawn from a place no state is named for.
    let own = coded("Armenian officials said they would withdraw troops from the hills.", "2021-03-02");
    assert!(find(&own, "087").target.is_empty(), "{:#?}", own.events);
    let led = coded("Kenyan-led forces attacked militant camps near the border on Monday.", "2021-03-02");
    assert_eq!(codes(&find(&led, "19").source), ["KENMIL"]);
    let failed =
        coded("The two delegations failed to reach agreement on the border after three days of talks.", "2021-03-02");
    assert_eq!(find(&failed, "12").cameo, "120");
}

#[test]
fn aid_reaching_a_place_is_coded_without_an_actor() {
    let doc = coded(
        "About 150 trucks carrying food and medicine entered the enclave through the border crossing on Sunday.",
        "2023-11-26",
    );
    let aid = find(&doc, "0863");
    assert!(aid.source.is_empty(), "{aid:#?}");
    assert_eq!(aid.modality, "asserted");
}

#[test]
fn the_happenings_compliance_reads_are_coded() {
    let cases = [
        ("The last Armenian soldiers left the town on Tuesday night.", "0874"),
        ("The handover of the district was completed on Friday.", "0874"),
        ("Russian peacekeepers set up observation posts along the corridor.", "074"),
        ("A joint monitoring centre began work in the town on Monday.", "050"),
        ("The first refugees returned to their homes in the valley on Monday.", "084"),
        ("Azerbaijan blocked the corridor on Monday.", "191"),
    ];
    for (text, code) in cases {
        let doc = coded(text, "2020-12-14");
        let e = doc.events.iter().find(|e| e.cameo == code).unwrap_or_else(|| panic!("{text}: {:#?}", doc.events));
        assert_eq!(e.modality, "asserted", "{text}");
    }
    let left = coded("The last Armenian soldiers left the town on Tuesday night.", "2020-12-14");
    assert_eq!(codes(&find(&left, "0874").source), ["ARMMIL"]);
}

#[test]
fn civilians_attacked_abroad_are_the_datelines_not_the_attackers() {
    let doc = coded(
        "KYIV, March 8 (Wire) - Russian forces shelled a convoy of civilians leaving the city on Tuesday.",
        "2022-03-08",
    );
    let shelling = find(&doc, "19");
    assert_eq!(codes(&shelling.source), ["RUSMIL"]);
    assert!(codes(&shelling.target).iter().all(|c| !c.starts_with("RUS")), "{shelling:#?}");
    let sides = coded(
        "Ethiopia's government and Tigrayan forces agreed to a permanent cessation of hostilities.",
        "2022-11-03",
    );
    assert!(sides.events.iter().any(|e| codes(&e.source) == ["ETHGOV", "ETHREB"]), "{:#?}", sides.events);
}

#[test]
fn a_truce_named_as_broken_is_not_declared() {
    let doc = coded(
        "The government condemned the drone flight over the city, which it called a breach of the truce.",
        "2022-04-04",
    );
    assert!(!doc.events.iter().any(|e| e.cameo == "0871"), "{:#?}", doc.events);
    assert!(doc.events.iter().any(|e| e.cameo_root == "11"), "{:#?}", doc.events);
}

#[test]
fn a_year_after_since_is_not_the_date_of_the_event() {
    let doc = coded(
        "KHARTOUM, May 21 - A 60-day ceasefire between Sudan's warring factions took effect at 6 a.m. (0400 GMT) on Sunday, the first nationwide pause in the fighting since 2019.",
        "2023-05-21",
    );
    assert!(!doc.events.is_empty());
    for e in &doc.events {
        assert_eq!(e.date.as_deref(), Some("2023-05-21"), "{e:#?}");
    }
}

#[test]
fn parties_acting_together_are_not_their_own_target() {
    let doc = coded(
        "Kenyan and Ugandan officials agreed on Tuesday that their governments should cooperate to help Ugandan refugees in Kenya go home.",
        "2021-06-02",
    );
    let e = doc.events.iter().find(|e| codes(&e.source).len() == 2).expect("a joint event");
    let countries: Vec<String> = codes(&e.source).iter().map(|c| c[..3].to_owned()).collect();
    assert_eq!(countries, ["KEN", "UGA"], "{e:#?}");
    assert!(e.target.is_empty(), "{e:#?}");
    // A truce still binds each side to the other.
    let truce = coded("Kenya and Uganda agreed to a ceasefire along their border on Tuesday.", "2021-06-02");
    let t = find(&truce, "08");
    assert_eq!(codes(&t.target).len(), 2, "{t:#?}");
}
