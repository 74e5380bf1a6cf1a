//! What the compliance commands share: the engine's settings, the stored
//! agreements and observations, recording verdicts and sending alerts.

use crate::cli::ComplyArgs;
use anyhow::Context;
use jiff::civil::Date;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use truce_comply::{Board, Checked, Observation, Outlets, Rules, Status};
use truce_core::Document;
use truce_lexicon::Lexicon;
use truce_store::{EventRow, ObservationRow, Store, VerdictRow};

/// The engine's settings: outlet grades and evidence rules.
pub struct Engine {
    pub outlets: Outlets,
    pub rules: Rules,
}

impl Engine {
    /// From `--outlets` (else `$TRUCE_OUTLETS`) and `--rules`.
    pub fn load(args: &ComplyArgs) -> anyhow::Result<Engine> {
        let path = args
            .outlets
            .clone()
            .or_else(|| std::env::var_os("TRUCE_OUTLETS").filter(|p| !p.is_empty()).map(PathBuf::from));
        let outlets = match path {
            Some(p) => {
                let text =
                    std::fs::read_to_string(&p).with_context(|| format!("reading the outlets file {}", p.display()))?;
                Outlets::parse(&p.display().to_string(), &text).map_err(anyhow::Error::msg)?
            }
            None => Outlets::default(),
        };
        let mut rules = Rules::load();
        for p in &args.rules {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading the rules file {}", p.display()))?;
            rules.add(&p.display().to_string(), &text).map_err(anyhow::Error::msg)?;
        }
        Ok(Engine { outlets, rules })
    }
}

/// Whether an actor code is one the dictionaries know: its country or
/// organisation prefix is that of some entry.
pub fn known_code(lexicon: &Lexicon) -> impl Fn(&str) -> bool + '_ {
    move |code: &str| {
        let prefix = code.get(..3).unwrap_or(code);
        lexicon.entries().iter().any(|e| e.code.get(..3) == Some(prefix))
    }
}

/// The observation rows of a coded document.
pub fn observation_rows(doc: &Document) -> Vec<ObservationRow> {
    Observation::of_document(doc)
        .into_iter()
        .map(|o| ObservationRow {
            event: o.event.clone(),
            reported: o.reported.clone(),
            date: o.date.clone(),
            cameo: o.cameo.clone(),
            body: serde_json::to_string(&o).expect("observations serialize"),
        })
        .collect()
}

/// The index rows of a coded document's events.
pub fn event_rows(doc: &Document) -> Vec<EventRow> {
    let codes = |actors: &[truce_core::EventActor]| actors.iter().filter_map(|a| a.code.clone()).collect();
    doc.events
        .iter()
        .map(|e| {
            let day = e.date.as_deref().and_then(first_day);
            let place = e.location.as_ref();
            EventRow {
                id: e.id.clone(),
                day,
                cameo: e.cameo.clone(),
                plover: e.plover.clone(),
                modality: e.modality.clone(),
                sources: codes(&e.source),
                targets: codes(&e.target),
                place: place.map(|l| l.name.clone().unwrap_or_else(|| l.text.clone())),
                country: place.and_then(|l| l.country.clone()),
                lat: place.and_then(|l| l.lat),
                lon: place.and_then(|l| l.lon),
                body: serde_json::to_string(e).expect("events serialize"),
            }
        })
        .collect()
}

/// The first day of a TIMEX3 date value, for ordering and day filters:
/// `2022-04` → `2022-04-01`, `2022-W21` → its Monday, `2022-W14-WE` → its
/// Saturday, `2022-Q2` → `2022-04-01`, `2022-SU` → `2022-06-01`; None for
/// values without a year.
pub fn first_day(value: &str) -> Option<String> {
    use jiff::civil::{ISOWeekDate, Weekday};
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year: i16 = value.get(..4).filter(|y| digits(y))?.parse().ok()?;
    let rest = value.get(4..).unwrap_or("");
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let day = |m: i8, d: i8| jiff::civil::Date::new(year, m, d).ok().map(|d| d.to_string());
    if let Some(week) = rest.strip_prefix('W') {
        let n: i8 = week.get(..2).filter(|w| digits(w))?.parse().ok()?;
        let weekday = if week.get(2..) == Some("-WE") { Weekday::Saturday } else { Weekday::Monday };
        return ISOWeekDate::new(year, n, weekday).ok().map(|w| w.date().to_string());
    }
    if let Some(q) = rest.strip_prefix('Q').and_then(|q| q.get(..1)).and_then(|q| q.parse::<i8>().ok()) {
        return (1..=4).contains(&q).then(|| day(3 * q - 2, 1)).flatten();
    }
    if let Some(h) = rest.strip_prefix('H').and_then(|h| h.get(..1)).and_then(|h| h.parse::<i8>().ok()) {
        return (1..=2).contains(&h).then(|| day(6 * h - 5, 1)).flatten();
    }
    let season = [("SP", 3), ("SU", 6), ("FA", 9), ("WI", 12)].iter().find(|(s, _)| rest.starts_with(s));
    if let Some((_, m)) = season {
        return day(*m, 1);
    }
    let month: i8 = rest.get(..2).filter(|m| digits(m)).and_then(|m| m.parse().ok()).unwrap_or(1);
    let d: i8 = rest.get(3..5).filter(|d| digits(d)).and_then(|d| d.parse().ok()).unwrap_or(1);
    day(month, d).or_else(|| day(1, 1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn coarse_dates_are_ordered_by_their_first_day() {
        let f = |v: &str| super::first_day(v);
        assert_eq!(f("2022-04-03").as_deref(), Some("2022-04-03"));
        assert_eq!(f("2022-04-03T19:00").as_deref(), Some("2022-04-03"));
        assert_eq!(f("2022-04").as_deref(), Some("2022-04-01"));
        assert_eq!(f("2022").as_deref(), Some("2022-01-01"));
        assert_eq!(f("2022-W21").as_deref(), Some("2022-05-23"));
        assert_eq!(f("2022-W14-WE").as_deref(), Some("2022-04-09"));
        assert_eq!(f("2022-Q3").as_deref(), Some("2022-07-01"));
        assert_eq!(f("2022-SU").as_deref(), Some("2022-06-01"));
        assert_eq!(f("2022-13-45").as_deref(), Some("2022-01-01"));
        assert_eq!(f("XXXX-04-03"), None);
        assert_eq!(f("PRESENT_REF"), None);
    }
}

/// Stores a new document's events and observations.
pub fn put_coded(store: &Store, doc: &Document) -> Result<(), truce_store::StoreError> {
    store.put_events(&doc.id, &event_rows(doc))?;
    store.put_observations(&doc.id, &observation_rows(doc))
}

/// Writes the events and observations of documents stored by a truce
/// without them.
pub fn backfill(store: &Store) -> anyhow::Result<()> {
    let missing = store.unobserved_documents()?;
    if missing.is_empty() {
        return Ok(());
    }
    store.begin()?;
    for id in missing {
        if let Some(doc) = store.get(&id)? {
            put_coded(store, &doc)?;
        }
    }
    store.commit()?;
    Ok(())
}

/// Every stored observation, as analysts' reviews left it: rejected events
/// dropped, corrected ones corrected.
pub fn observations(store: &Store) -> anyhow::Result<Vec<Observation>> {
    backfill(store)?;
    let stored: Vec<Observation> = store
        .observations()?
        .iter()
        .map(|body| serde_json::from_str(body).context("a stored observation is unreadable"))
        .collect::<anyhow::Result<_>>()?;
    let reviews = store.current_reviews()?;
    Ok(crate::record::corrected_observations(stored, &reviews, &crate::record::cameo_facts))
}

/// The stored agreements (one, when `only` names it), checked again.
pub fn agreements(store: &Store, only: Option<&str>) -> anyhow::Result<Vec<Checked>> {
    let rows = store.agreements()?;
    if let Some(id) = only
        && !rows.iter().any(|r| r.id == id)
    {
        let known: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        anyhow::bail!(
            "no agreement `{id}` in the record (stored: {}); add it with `truce agreement add FILE`",
            if known.is_empty() { "none".to_owned() } else { known.join(", ") }
        );
    }
    let all_known = |_: &str| true;
    let mut all: Vec<Checked> = rows
        .iter()
        .map(|r| truce_comply::agreement::parse(&r.file, &r.source, &all_known).map_err(anyhow::Error::from))
        .collect::<anyhow::Result<_>>()?;
    truce_comply::agreement::link(&mut all);
    Ok(all.into_iter().filter(|a| only.is_none_or(|id| a.agreement.id == id)).collect())
}

/// Today (UTC).
pub fn today() -> Date {
    jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::now()).date()
}

/// A date argument, already checked by the command line.
pub fn date_arg(s: Option<&str>) -> anyhow::Result<Option<Date>> {
    s.map(|s| Date::from_str(s).with_context(|| format!("{s} is not a date"))).transpose()
}

/// A verdict that turned alarming.
#[derive(Debug, Serialize)]
pub struct Alert {
    pub alert: &'static str,
    pub agreement: String,
    pub provision: String,
    pub kind: String,
    pub party: String,
    pub from: Option<String>,
    pub to: Status,
    pub since: Option<String>,
    pub as_of: String,
    pub confidence: f32,
    pub rationale: String,
    pub evidence: Vec<String>,
}

/// Appends each verdict that changed since the last recorded one to the
/// history, and returns the alerts for those that turned breached, overdue
/// or contested.
pub fn record(store: &Store, boards: &[Board]) -> anyhow::Result<Vec<Alert>> {
    let mut alerts = Vec::new();
    store.begin()?;
    for board in boards {
        let history = store.verdict_history(&board.agreement)?;
        for v in &board.verdicts {
            // The last verdict known on that day: replaying an old feed
            // (`--as-of` in the past) compares with what was known then.
            let last = history
                .iter()
                .rev()
                .find(|h| h.provision == v.provision && h.party == v.party && h.as_of <= board.as_of);
            if last.is_some_and(|h| h.status == v.status.as_str()) {
                continue;
            }
            store.record_verdict(&VerdictRow {
                agreement: board.agreement.clone(),
                provision: v.provision.clone(),
                party: v.party.clone(),
                status: v.status.as_str().to_owned(),
                as_of: board.as_of.clone(),
                since: v.since.clone(),
                confidence: f64::from(v.confidence),
                rationale: v.rationale.clone(),
                detail: serde_json::to_string(v)?,
                decided_at: String::new(),
            })?;
            if v.status.alarming() {
                alerts.push(Alert {
                    alert: "verdict-changed",
                    agreement: board.agreement.clone(),
                    provision: v.provision.clone(),
                    kind: v.kind.clone(),
                    party: v.party.clone(),
                    from: last.map(|h| h.status.clone()),
                    to: v.status,
                    since: v.since.clone(),
                    as_of: board.as_of.clone(),
                    confidence: v.confidence,
                    rationale: v.rationale.clone(),
                    evidence: v.evidence.iter().take(3).map(|c| c.sentence.clone()).collect(),
                });
            }
        }
    }
    store.commit()?;
    Ok(alerts)
}

/// Recomputes every stored agreement's board as of `as_of`, records the
/// changes, and returns the alerts.
pub fn refresh(store: &Store, engine: &Engine, as_of: Date) -> anyhow::Result<(Vec<Board>, Vec<Alert>)> {
    let agreements = agreements(store, None)?;
    if agreements.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let observations = observations(store)?;
    let boards: Vec<Board> = agreements
        .iter()
        .map(|a| truce_comply::board(a, &observations, &engine.outlets, &engine.rules, as_of))
        .collect();
    let alerts = record(store, &boards)?;
    Ok((boards, alerts))
}

/// Sends alerts: JSON lines appended to `sink` (`-` is standard output),
/// and a POST of each to `webhook`. A webhook that cannot be reached is
/// reported, not fatal: the verdicts are recorded either way.
pub fn deliver(alerts: &[Alert], sink: Option<&Path>, webhook: Option<&str>) -> anyhow::Result<()> {
    if alerts.is_empty() {
        return Ok(());
    }
    if let Some(path) = sink {
        let lines: String =
            alerts.iter().map(|a| serde_json::to_string(a).map(|s| s + "\n")).collect::<Result<_, _>>()?;
        if path.as_os_str() == "-" {
            std::io::stdout().lock().write_all(lines.as_bytes())?;
        } else {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening the alerts file {}", path.display()))?;
            f.write_all(lines.as_bytes())?;
        }
    }
    if let Some(url) = webhook {
        for a in alerts {
            if let Err(e) = post_json(url, &serde_json::to_string(a)?) {
                eprintln!("truce: alert not delivered to {url}: {e:#}");
            }
        }
    }
    Ok(())
}

/// A plain HTTP/1.1 POST. Written here rather than taken from a client
/// crate because it is one request to a URL the user controls; TLS would
/// bring a TLS stack into the build, so https URLs are refused with a
/// clear message (put a local relay in front).
fn post_json(url: &str, body: &str) -> anyhow::Result<()> {
    use std::io::Read;
    use std::net::{TcpStream, ToSocketAddrs};
    use std::time::Duration;
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        anyhow::anyhow!("only http:// webhooks are supported (for https, relay through a local http endpoint)")
    })?;
    let (authority, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(a, p)| (a, format!("/{p}")));
    let host_port = if authority.contains(':') { authority.to_owned() } else { format!("{authority}:80") };
    let addr = host_port.to_socket_addrs()?.next().ok_or_else(|| anyhow::anyhow!("cannot resolve {authority}"))?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\nUser-Agent: truce/{}\r\n\r\n{body}",
        body.len(),
        env!("CARGO_PKG_VERSION")
    );
    stream.write_all(request.as_bytes())?;
    let mut head = [0u8; 64];
    let n = stream.read(&mut head)?;
    let status_line = String::from_utf8_lossy(&head[..n]);
    let code: u16 = status_line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&code) {
        anyhow::bail!("the webhook answered {:?}", status_line.lines().next().unwrap_or(""));
    }
    Ok(())
}
