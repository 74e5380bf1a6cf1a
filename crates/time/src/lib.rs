//! The time stage: every time expression of a document found, normalized to
//! a TimeML TIMEX3 value, anchored on the document date, and — for clock
//! times with a zone — put on the UTC time line.
//!
//! - [`recognize`]: the patterns (dates, clock times with zones, durations,
//!   offsets such as `two days later`, weekdays, `this year`, sets,
//!   reference words), over a sentence's tokens, longest match first;
//! - [`normalize`]: values, anchored on the document date and the clause's
//!   tense; year-less values stay partial (`XXXX-12-03`) when the document
//!   has no date;
//! - zones: `Moscow time`, `Beijing time`, `GMT`, `EDT`, `UTC+4` and
//!   `local time` (through the places the entities stage found) resolved
//!   with the IANA database bundled in `jiff`, so `14:00 Kyiv time` and
//!   `20:00 Beijing time` on the same March day are one instant;
//! - [`timeml`]: TimeML documents and the TempEval-3 scorer.
//!
//! The words and zones are data: `data/time/*.tsv`.

pub mod holidays;
pub mod normalize;
pub mod recognize;
pub mod timeml;
pub mod words;

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use normalize::{Normalized, Tense};
use recognize::{Tokens, scan};
use truce_core::{BlockKind, Document, MentionKind, Span, Timex};
use words::{Words, Zone};

/// What the stage needs besides the document.
pub struct Resources {
    words: Words,
}

impl Default for Resources {
    fn default() -> Resources {
        Resources::new()
    }
}

impl Resources {
    /// The embedded word lists and zones.
    pub fn new() -> Resources {
        Resources { words: Words::load() }
    }
}

/// Words that mark a clause as future.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "going",
    "expected",
    "scheduled",
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "upcoming",
];
/// Words that mark a clause as past (besides verbs in -ed).
const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "says",
    "told",
    "ago",
    "began",
    "broke",
    "came",
    "went",
    "took",
    "made",
    "met",
    "held",
    "gave",
    "left",
    "fell",
    "rose",
    "won",
    "lost",
    "signed",
    "agreed",
    "announced",
    "reported",
    "killed",
];

/// Words in -ed that are no past form.
const NOT_PAST: &[&str] = &["hundred", "indeed", "sacred", "naked", "wicked", "kindred"];

/// The tense of the clause around tokens `start..end`: the nearest tense
/// marker within a few words wins.
fn tense_near(words: &Words, tokens: &Tokens, start: usize, end: usize) -> Tense {
    let lower = &tokens.lower;
    // A capitalized word in -ed is a name (`United States`, `Ahmed`), not
    // a verb, unless it opens the sentence.
    let regular_past = |i: usize, w: &str| {
        w.len() > 4
            && w.ends_with("ed")
            && w.chars().all(char::is_alphabetic)
            && !NOT_PAST.contains(&w)
            && (i == 0 || tokens.text.get(i).is_some_and(|t| !t.starts_with(char::is_uppercase)))
    };
    let marker = |i: usize| {
        let w = lower.get(i)?.as_str();
        if FUTURE.contains(&w) {
            Some(Tense::Future)
        } else if PAST.contains(&w) || words.irregular_past.contains(w) || regular_past(i, w) {
            Some(Tense::Past)
        } else {
            None
        }
    };
    // `will be exchanged on Friday`: a participle after `be` tells no tense;
    // the auxiliary before it does.
    let after_be = |i: usize| i > 0 && lower.get(i - 1).is_some_and(|w| w == "be");
    for distance in 1..=8 {
        let left = start.checked_sub(distance).filter(|&i| !after_be(i)).and_then(marker);
        let right = marker(end + distance - 1);
        if let Some(t) = left.or(right) {
            return t;
        }
    }
    Tense::Unknown
}

/// The UTC interval of a day-precise date in the zone of the document's
/// places.
fn day_interval(doc: &Document, sentence: usize, n: &Normalized, words: &Words) -> Option<[String; 2]> {
    let date = n.date.filter(|_| n.kind == "DATE" && n.value.len() == 10)?;
    let (tz, _) = zone_of(&local_zone(doc, sentence, words)?)?;
    let start = date.to_zoned_datetime(tz.clone()).ok()?.timestamp();
    let end = date.tomorrow().ok()?.to_zoned_datetime(tz).ok()?.timestamp();
    Some([start.to_string(), end.to_string()])
}

/// `1989-Q3` → (1989, 3).
fn quarter_of(value: &str) -> Option<(i32, u32)> {
    let (y, q) = value.split_once("-Q")?;
    (y.len() == 4 && q.len() == 1).then(|| Some((y.parse().ok()?, q.parse().ok()?)))?
}

/// The document date: the user's or the source's, else the dateline's when
/// it has a year.
fn anchor(doc: &Document) -> Option<Date> {
    if let Some(d) = doc.source.date.as_deref().and_then(|d| d.parse::<Date>().ok()) {
        return Some(d);
    }
    None
}

fn zone_of(zone: &Zone) -> Option<(TimeZone, String)> {
    match zone {
        Zone::Iana(name) => TimeZone::get(name).ok().map(|tz| (tz, name.clone())),
        Zone::Fixed(seconds) => {
            let offset = Offset::from_seconds(*seconds).ok()?;
            Some((TimeZone::fixed(offset), offset.to_string()))
        }
    }
}

/// The zone of `local time` in a sentence: the first place (or state) named
/// in it, else in the dateline, else the place the document names most.
fn local_zone(doc: &Document, sentence: usize, words: &Words) -> Option<Zone> {
    let zone_for = |code: &str| words.country_zones.get(code).map(|z| Zone::Iana(z.clone()));
    let places = |s: Option<usize>| {
        doc.mentions
            .iter()
            .filter(move |m| s.is_none_or(|s| m.sentence == s))
            .filter(|m| matches!(m.kind, MentionKind::Place | MentionKind::Actor))
            .filter_map(|m| m.country.clone().or_else(|| m.code.clone().filter(|c| c.len() == 3)))
    };
    if let Some(z) = places(Some(sentence)).find_map(|c| zone_for(&c)) {
        return Some(z);
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in places(None) {
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.iter().find_map(|(c, _)| zone_for(c))
}

/// Fills `doc.timexes`.
pub fn annotate(doc: &mut Document, resources: &Resources) {
    let words = &resources.words;
    let anchor = anchor(doc);
    let mut last: Option<Date> = None;
    // The last quarter named (`the third quarter`): in earnings copy, `a
    // year earlier` means that quarter a year before.
    let mut last_quarter: Option<(i32, u32)> = None;
    let mut timexes = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        if sentence.block_kind == BlockKind::Boilerplate {
            continue;
        }
        let text: Vec<&str> = sentence.tokens.iter().map(|t| t.span.slice(&doc.text)).collect();
        let lower: Vec<String> = text.iter().map(|w| w.to_lowercase()).collect();
        let tokens = Tokens { text, lower };
        let mut hits = scan(words, &tokens);
        recognize::drop_names_and_measures(words, &tokens, &mut hits);
        recognize::day_only_and_clock_dates(words, &tokens, &mut hits);
        for hit in hits {
            let tense = tense_near(words, &tokens, hit.start, hit.end);
            let Some(n) = normalize::normalize(&hit.expr, anchor, last, tense) else { continue };
            let span = Span::new(sentence.tokens[hit.start].span.start(), sentence.tokens[hit.end - 1].span.end());
            let (instant, zone, offset) = instant(doc, index, &hit.expr, &n, words);
            // A clock time in a known zone carries its offset in its value
            // (`2020-11-10T00:00+03:00`), as ISO 8601 writes it.
            let mut value = match offset {
                Some(o) if n.kind == "TIME" && n.clock.is_some() => format!("{}{o}", n.value),
                _ => n.value.clone(),
            };
            // `the 1988 quarter`: the quarter being reported on.
            if let (Some(stem), Some((_, q))) = (value.strip_suffix("-QX"), last_quarter) {
                value = format!("{stem}-Q{q}");
            }
            if let Some((y, q)) = quarter_of(&value) {
                last_quarter = Some((y, q));
            } else if let (recognize::Expr::Offset { amount, unit, direction: -1, .. }, Some((y, q))) =
                (&hit.expr, last_quarter)
                && unit == "Y"
                && *amount == 1.0
            {
                value = format!("{:04}-Q{q}", y - 1);
            }
            if n.kind == "DATE" && n.date.is_some() && !matches!(hit.expr, recognize::Expr::Year(_)) {
                last = n.date;
            }
            let interval = day_interval(doc, index, &n, words);
            timexes.push(Timex {
                interval,
                span,
                text: span.slice(&doc.text).to_owned(),
                sentence: index,
                kind: n.kind.to_owned(),
                value,
                modifier: hit.modifier.clone(),
                anchor: anchor.map(|a| a.to_string()),
                instant,
                zone,
                note: n.note.clone(),
            });
        }
    }
    doc.timexes = timexes;
}

/// The UTC instant of a clock time with a known zone, the zone, and its
/// offset then (`+03:00`).
fn instant(
    doc: &Document,
    sentence: usize,
    expr: &recognize::Expr,
    n: &Normalized,
    words: &Words,
) -> (Option<String>, Option<String>, Option<String>) {
    let recognize::Expr::Time { local, .. } = expr else { return (None, None, None) };
    let zone = n.zone.clone().or_else(|| if *local { local_zone(doc, sentence, words) } else { None });
    let Some((tz, name)) = zone.as_ref().and_then(zone_of) else { return (None, None, None) };
    let Some((date, hour, minute)) = n.clock else { return (None, Some(name), None) };
    let Ok(dt) = date.at(hour as i8, minute as i8, 0, 0).to_zoned_datetime(tz) else { return (None, Some(name), None) };
    let seconds = dt.offset().seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let offset = format!("{sign}{:02}:{:02}", seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    (Some(dt.timestamp().to_string()), Some(name), Some(offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use truce_core::Source;

    fn timexes(text: &str, date: Option<&str>) -> Vec<Timex> {
        let options = truce_text::Options { date: date.map(str::to_owned), ..Default::default() };
        let mut doc = truce_text::annotate(text.into(), Source::default(), &options).unwrap();
        annotate(&mut doc, &Resources::new());
        doc.timexes
    }

    fn values(text: &str, date: Option<&str>) -> Vec<(String, String)> {
        timexes(text, date).into_iter().map(|t| (t.text, t.value)).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn a_ceasefire_time_in_two_zones_is_one_instant() {
        let t = timexes(
            "Negotiators agreed on March 4 that a local truce would start at 14:00 Kyiv time (20:00 Beijing time) on the 5th.",
            Some("2022-03-10"),
        );
        let kyiv = t.iter().find(|t| t.text == "14:00 Kyiv time").unwrap();
        let beijing = t.iter().find(|t| t.text == "20:00 Beijing time").unwrap();
        assert_eq!(kyiv.value, "2022-03-05T14:00+02:00");
        assert_eq!(beijing.value, "2022-03-05T20:00+08:00");
        assert_eq!(kyiv.instant.as_deref(), Some("2022-03-05T12:00:00Z"));
        assert_eq!(beijing.instant, kyiv.instant);
        assert!(t.iter().any(|t| t.text == "March 4" && t.value == "2022-03-04"));
    }

    #[test]
    fn holiday_truces_fall_on_their_days() {
        assert_eq!(
            values(
                "The sides agreed to an Easter truce, and monitors expect quiet over Orthodox Easter.",
                Some("2023-04-10")
            ),
            pairs(&[("Easter", "2023-04-09"), ("Orthodox Easter", "2023-04-16")])
        );
        // Announced in the past tense, meant for the coming feast.
        assert_eq!(
            values("A three-day ceasefire for Eid al-Fitr was announced by the Taliban.", Some("2023-04-10")),
            pairs(&[("three-day", "P3D"), ("Eid al-Fitr", "2023-04-22")])
        );
        assert_eq!(
            values("Shelling stopped on Christmas Eve 2022 but resumed after Orthodox Christmas.", Some("2023-02-01")),
            pairs(&[("Christmas Eve 2022", "2022-12-24"), ("Orthodox Christmas", "2023-01-07")])
        );
        // No document date: a fixed feast keeps its day, a moveable one
        // nothing but its name.
        assert_eq!(values("The truce holds until Christmas.", None), pairs(&[("Christmas", "XXXX-12-25")]));
        assert_eq!(values("A truce for Eid al-Adha.", None), pairs(&[("Eid al-Adha", "XXXX-XX-XX")]));
    }

    #[test]
    fn hyphened_modifiers_centuries_fractions_and_that_day() {
        let t = timexes(
            "Talks stalled in the mid-1990s. A late-November round was planned. Fighting resumed in the early summer.",
            Some("2000-10-02"),
        );
        let found: Vec<(&str, &str, Option<&str>)> =
            t.iter().map(|t| (t.text.as_str(), t.value.as_str(), t.modifier.as_deref())).collect();
        assert_eq!(
            found,
            [
                ("the mid-1990s", "199X", Some("MID")),
                ("late-November", "2000-11", Some("END")),
                ("the early summer", "2000-SU", Some("START"))
            ]
        );
        assert_eq!(
            values(
                "The shrine dates from the 11th century. Negotiators met for 5 1/2 hours on March 3. Later that day the decades-long siege was lifted.",
                Some("2000-03-10")
            ),
            pairs(&[
                ("the 11th century", "10"),
                ("5 1/2 hours", "PT5H30M"),
                ("March 3", "2000-03-03"),
                ("Later that day", "2000-03-03"),
                ("decades-long", "PXDE")
            ])
        );
    }

    #[test]
    fn last_night_mid_afternoon_and_years_before_plurals() {
        assert_eq!(
            values(
                "Shelling resumed last night and again in mid afternoon, after the 2019 elections; the army sent 2020 troops.",
                Some("2021-03-04")
            ),
            pairs(&[("last night", "2021-03-03TNI"), ("mid afternoon", "2021-03-04TAF")])
        );
    }

    #[test]
    fn rates_and_ordinals_are_not_durations() {
        assert_eq!(
            values(
                "The airline runs four flights a week and earns $2 million a year; a second convoy left within a week.",
                Some("2021-03-04")
            ),
            pairs(&[("a week", "P1W")])
        );
    }

    #[test]
    fn names_in_ed_tell_no_tense_and_evenings_keep_their_part() {
        // Written on a Wednesday: `United` is no past verb, so `expected`
        // sets the tense and Thursday is tomorrow.
        assert_eq!(
            values("A delegation is expected to travel on Thursday to the United States.", Some("2022-03-09")),
            pairs(&[("Thursday", "2022-03-10")])
        );
        assert_eq!(
            values("Shelling resumed on Tuesday evening and again on Tuesday night.", Some("2022-03-09")),
            pairs(&[("Tuesday evening", "2022-03-08TEV"), ("Tuesday night", "2022-03-08")])
        );
    }

    #[test]
    fn ages_titles_and_named_units_are_not_times() {
        assert_eq!(
            values(
                "The commander, 52 years old, told ABC's \"This Week\" that the 3rd Brigade of the Six-Day War \
                 veterans would appeal to the 11th Circuit within two weeks.",
                Some("2022-03-09")
            ),
            pairs(&[("two weeks", "P2W")])
        );
        assert_eq!(
            values(
                "Monitors watch the line 24 hours a day; the radar sweeps 40 times per second and patrols run \
                 twice per week under the Horizon 2025 plan.",
                Some("2022-03-09")
            ),
            pairs(&[("per week", "P1W")])
        );
        assert_eq!(
            values("The truce begins at 16 hours and the curfew lasts 12 hours.", Some("2022-03-09")),
            pairs(&[("16 hours", "2022-03-09T16:00"), ("12 hours", "PT12H")])
        );
        // The night is that of the date after it, not the document's.
        assert_eq!(
            values("He was shot on the night of Oct. 23 at his home.", Some("2022-11-09")),
            pairs(&[("Oct. 23", "2022-10-23")])
        );
        // `over` is `more than` before an amount only.
        assert_eq!(
            values("Shelling went on over three days; over the long term the line will hold.", Some("2022-03-09"))
                .into_iter()
                .collect::<Vec<_>>(),
            pairs(&[("over three days", "P3D"), ("the long term", "FUTURE_REF")])
        );
        assert_eq!(
            values("Aid will be cut in the weeks ahead.", Some("2022-03-09")),
            pairs(&[("the weeks ahead", "PXW")])
        );
        // A headline in title case keeps its times.
        assert_eq!(
            values("Truce To Start In Two Days, Ministry Says", Some("2022-03-09")),
            pairs(&[("Two Days", "P2D")])
        );
    }

    #[test]
    fn a_month_before_a_noun_is_a_date_and_a_name_is_not() {
        assert_eq!(
            values(
                "Prosecutors cited the October shelling and a June agreement; figures for March were worse. \
                 Veterans of the October Revolution met Jan Kavan.",
                Some("2021-11-20")
            ),
            pairs(&[("October", "2021-10"), ("June", "2021-06"), ("March", "2021-03")])
        );
    }

    #[test]
    fn every_month_and_weekday_is_a_set() {
        assert_eq!(
            values("Marches are held each July, and the monitors meet every Thursday.", Some("2021-11-20")),
            pairs(&[("each July", "XXXX-07"), ("every Thursday", "XXXX-WXX-4")])
        );
        assert_eq!(
            values("Convoys leave on Monday and Tuesday nights; the council sits on Fridays.", Some("2021-11-20")),
            pairs(&[("Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI"), ("Fridays", "XXXX-WXX-5")])
        );
    }

    #[test]
    fn references_of_several_words() {
        assert_eq!(
            values(
                "In the past, the two sides met often; at the moment talks are stalled, and observers expect news in the coming days.",
                Some("2003-02-01")
            ),
            pairs(&[("the past", "PAST_REF"), ("at the moment", "PRESENT_REF"), ("the coming days", "FUTURE_REF")])
        );
        assert_eq!(
            values("Rebuilding the bridge took a couple of years.", Some("2003-02-01")),
            pairs(&[("a couple of years", "P2Y")])
        );
        assert_eq!(
            values("Donors pledged more for the full year; the rest comes by year end.", Some("2003-02-01")),
            pairs(&[("the full year", "2003"), ("year end", "2003")])
        );
    }

    #[test]
    fn years_read_out_and_the_next_morning() {
        assert_eq!(
            values(
                "The border was drawn in nineteen ninety-one and redrawn by the year two thousand. \
                 Talks opened on June 4; the next morning the guns fell silent.",
                Some("2003-02-01")
            ),
            pairs(&[
                ("nineteen ninety-one", "1991"),
                ("the year two thousand", "2000"),
                ("June 4", "2002-06-04"),
                ("the next morning", "2002-06-05TMO")
            ])
        );
    }

    #[test]
    fn dates_durations_and_offsets() {
        assert_eq!(
            values(
                "On September 27 this year, fighting broke out. In 1994, the two sides agreed. Two days later, talks resumed.",
                Some("2020-12-03")
            ),
            pairs(&[("September 27 this year", "2020-09-27"), ("1994", "1994"), ("Two days later", "2020-09-29")])
        );
        assert_eq!(
            values("The truce will last 72 hours and a two-month review starts next week.", Some("2022-04-02")),
            pairs(&[("72 hours", "PT72H"), ("two-month", "P2M"), ("next week", "2022-W14")])
        );
        assert_eq!(
            values("The army said on Friday that the attack happened yesterday morning.", Some("2020-10-12")),
            pairs(&[("Friday", "2020-10-09"), ("yesterday morning", "2020-10-11TMO")])
        );
        // `last May` in February is a year back; `last December` in
        // January, and `next March` in February, the nearest ones.
        assert_eq!(
            values("The truce of last May collapsed; talks set for next March may revive it.", Some("2023-02-14")),
            pairs(&[("last May", "2022-05"), ("next March", "2023-03")])
        );
        assert_eq!(
            values("Shelling resumed last February.", Some("2023-02-20")),
            pairs(&[("last February", "2022-02")])
        );
        // Written on Monday 20 February 2023 (ISO week 8).
        assert_eq!(
            values("Shelling over the weekend killed two civilians.", Some("2023-02-20")),
            pairs(&[("the weekend", "2023-W07-WE")])
        );
        assert_eq!(
            values("Monitors will visit the line over the weekend.", Some("2023-02-20")),
            pairs(&[("the weekend", "2023-W08-WE")])
        );
    }

    #[test]
    fn local_time_takes_the_zone_of_the_place() {
        let options = truce_text::Options { date: Some("2020-10-17".into()), ..Default::default() };
        let mut doc = truce_text::annotate(
            "A truce began in Yerevan at 00:00 local time on October 18.".into(),
            Source::default(),
            &options,
        )
        .unwrap();
        doc.mentions.push(truce_core::Mention {
            span: Span::new(17, 24),
            text: "Yerevan".into(),
            sentence: 0,
            kind: MentionKind::Place,
            code: Some("ARM".into()),
            name: Some("Yerevan".into()),
            country: Some("ARM".into()),
            sector: None,
            role: None,
            members: Vec::new(),
            group: None,
            confidence: 1.0,
            reason: String::new(),
        });
        annotate(&mut doc, &Resources::new());
        let t = doc.timexes.iter().find(|t| t.kind == "TIME").unwrap();
        assert_eq!(t.instant.as_deref(), Some("2020-10-17T20:00:00Z"));
        assert_eq!(t.zone.as_deref(), Some("Asia/Yerevan"));
    }

    #[test]
    fn without_a_date_values_stay_partial() {
        let t = timexes("The ceasefire began on December 3.", None);
        assert_eq!(t[0].value, "XXXX-12-03");
        assert!(t[0].note.is_some());
    }

    #[test]
    fn impossible_dates_and_absurd_numbers_are_not_values() {
        assert!(
            values("It happened on February 30, 2021.", Some("2021-03-01")).iter().all(|(_, v)| !v.contains("02-30"))
        );
        let v = values("He waited 99999999999999999999 days.", Some("2021-03-01"));
        assert!(v.iter().all(|(_, v)| v.len() < 30), "{v:?}");
    }
}
