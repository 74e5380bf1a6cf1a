//! `truce export`: the record's events in the forms the field's tools read —
//! JSON lines (truce's own event contract), GDELT 2.0 event columns,
//! ACLED-style CSV, GeoJSON and HXL-tagged CSV.
//!
//! The GDELT form and the `happenings` form group the events of many
//! reports of one act (`truce_comply::cluster`): GDELT's table has a row per
//! happening with its mention, source and article counts; the other forms
//! have a row per coded event.

use crate::Outcome;
use crate::cli::{ExportArgs, ExportFormat};
use anyhow::Context;
use std::io::Write;
use truce_core::{Document, Event, EventActor};

/// CAMEO → ACLED-style types (data/export/acled.tsv).
const ACLED_TYPES: &str = include_str!("../../../../data/export/acled.tsv");

/// GDELT 2.0 event table columns, in order.
const GDELT_COLUMNS: &[&str] = &[
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// ACLED-style columns (`iso3` where ACLED has a numeric `iso`).
const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso3",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// HXL: column names, then their hashtags.
const HXL_COLUMNS: &[(&str, &str)] = &[
    ("event_id", "#event+id"),
    ("date", "#date+occurred"),
    ("cameo", "#event+code+cameo"),
    ("plover", "#event+type+plover"),
    ("modality", "#status+modality"),
    ("source_name", "#group+name+first"),
    ("source_code", "#group+code+first"),
    ("target_name", "#group+name+second"),
    ("target_code", "#group+code+second"),
    ("location", "#loc+name"),
    ("admin1", "#adm1+name"),
    ("country", "#country+code"),
    ("latitude", "#geo+lat"),
    ("longitude", "#geo+lon"),
    ("outlet", "#meta+source"),
    ("url", "#meta+url"),
    ("evidence", "#description"),
];

pub fn run(args: &ExportArgs) -> anyhow::Result<Outcome> {
    let (store, _) = args.db.open()?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        _ => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let comply = crate::cli::ComplyArgs { outlets: args.outlets.clone(), rules: Vec::new() };
    let engine = super::compliance::Engine::load(&comply)?;
    let filters = Filters {
        from: args.from.clone(),
        to: args.to.clone(),
        modality: args.modality.clone(),
        cameo: args.cameo.clone(),
    };
    let n = write(&store, &filters, args.format, &engine.outlets, out)?;
    eprintln!("{n} events matched the filters");
    Ok(Outcome::Success)
}

/// Which events an export takes; empty filters take all.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// On or after this day.
    pub from: Option<String>,
    /// On or before this day.
    pub to: Option<String>,
    /// Of one of these modalities.
    pub modality: Vec<String>,
    /// With a CAMEO code starting with one of these.
    pub cameo: Vec<String>,
}

/// Writes the record's events (as analysts corrected them) in `format`
/// and returns how many matched the filters.
pub fn write(
    store: &truce_store::Store,
    filters: &Filters,
    format: ExportFormat,
    outlets: &truce_comply::Outlets,
    out: Box<dyn Write + '_>,
) -> anyhow::Result<usize> {
    let acled = AcledTypes::load();
    let reviews = store.current_reviews()?;
    // Happenings: which event opens each, and its counts.
    let grouped = matches!(format, ExportFormat::Gdelt | ExportFormat::Happenings);
    let happenings =
        if grouped { truce_comply::cluster(&super::compliance::observations(store)?, outlets) } else { Vec::new() };
    let opening: std::collections::HashMap<&str, &truce_comply::Happening> =
        happenings.iter().map(|h| (h.events[0].as_str(), h)).collect();
    let now = jiff::Timestamp::now();
    let added = jiff::tz::TimeZone::UTC.to_datetime(now).strftime("%Y%m%d%H%M%S").to_string();
    // Every kept event of every stored report, in date order.
    let each = |f: &mut dyn FnMut(&Event, &Document, usize) -> anyhow::Result<()>| -> anyhow::Result<usize> {
        let mut n = 0;
        for id in store.document_ids()? {
            let Some(doc) = store.get(&id)? else { continue };
            for e in &doc.events {
                let corrected;
                let e = match crate::record::effect(reviews.get(&e.id)) {
                    crate::record::Effect::Rejected => continue,
                    crate::record::Effect::AsCoded => e,
                    crate::record::Effect::Corrected(c) => {
                        let mut copy = e.clone();
                        crate::record::correct_event(&mut copy, &c, &crate::record::cameo_facts);
                        corrected = copy;
                        &corrected
                    }
                };
                if keep(e, filters) {
                    n += 1;
                    f(e, &doc, n)?;
                }
            }
        }
        Ok(n)
    };
    let n = match format {
        ExportFormat::Jsonl => {
            let mut out = out;
            let n = each(&mut |e, _, _| Ok(writeln!(out, "{}", serde_json::to_string(e)?)?))?;
            out.flush()?;
            n
        }
        ExportFormat::Geojson => {
            let mut out = out;
            out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
            let mut first_feature = true;
            let n = each(&mut |e, doc, _| {
                if let Some(feature) = geojson(e, doc) {
                    if !first_feature {
                        out.write_all(b",\n")?;
                    }
                    first_feature = false;
                    out.write_all(feature.to_string().as_bytes())?;
                }
                Ok(())
            })?;
            out.write_all(b"\n]}\n")?;
            out.flush()?;
            n
        }
        ExportFormat::Gdelt => {
            // (With a header of GDELT's column names, which GDELT's own
            // files leave out.)
            let mut w = csv::WriterBuilder::new().delimiter(b'\t').has_headers(false).from_writer(out);
            w.write_record(GDELT_COLUMNS)?;
            let mut row = 0usize;
            let n = each(&mut |e, doc, _| {
                // One row per happening, at its first event.
                if let Some(h) = opening.get(e.id.as_str()) {
                    row += 1;
                    w.write_record(gdelt(e, doc, row, &added, h))?;
                }
                Ok(())
            })?;
            w.flush()?;
            n
        }
        ExportFormat::Acled => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ACLED_COLUMNS)?;
            let n = each(&mut |e, doc, n| {
                if let Some(row) = acled_row(e, doc, n, &acled, now.as_second()) {
                    w.write_record(row)?;
                }
                Ok(())
            })?;
            w.flush()?;
            n
        }
        ExportFormat::Happenings => {
            let mut out = out;
            let wanted: std::collections::HashSet<String> = {
                let mut ids = std::collections::HashSet::new();
                each(&mut |e, _, _| {
                    ids.insert(e.id.clone());
                    Ok(())
                })?;
                ids
            };
            let mut n = 0;
            for h in happenings.iter().filter(|h| wanted.contains(&h.events[0])) {
                n += 1;
                writeln!(out, "{}", serde_json::to_string(h)?)?;
            }
            out.flush()?;
            n
        }
        ExportFormat::Hxl => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(HXL_COLUMNS.iter().map(|(c, _)| *c))?;
            w.write_record(HXL_COLUMNS.iter().map(|(_, h)| *h))?;
            let n = each(&mut |e, doc, _| Ok(w.write_record(hxl(e, doc))?))?;
            w.flush()?;
            n
        }
    };
    Ok(n)
}

/// Whether an event passes the filters.
fn keep(e: &Event, args: &Filters) -> bool {
    let day = e.date.as_deref().unwrap_or("");
    let from = args.from.as_deref().is_none_or(|f| day >= f);
    let to = args.to.as_deref().is_none_or(|t| !day.is_empty() && &day[..day.len().min(10)] <= t);
    let modality = args.modality.is_empty() || args.modality.contains(&e.modality);
    let code = args.cameo.is_empty() || args.cameo.iter().any(|c| e.cameo.starts_with(c.as_str()));
    from && to && modality && code
}

fn first(actors: &[EventActor]) -> Option<&EventActor> {
    actors.first()
}

fn name(a: &EventActor) -> String {
    a.name.clone().unwrap_or_else(|| a.text.clone())
}

/// `2020-11-10` → (`20201110`, `202011`, `2020`, fraction of the year).
fn day_fields(date: &str) -> (String, String, String, String) {
    let digits: String = date.chars().take(10).filter(char::is_ascii_digit).collect();
    let Ok(d) = date.get(..10).unwrap_or("").parse::<jiff::civil::Date>() else {
        return (
            digits.clone(),
            digits.get(..6).unwrap_or("").to_owned(),
            digits.get(..4).unwrap_or("").to_owned(),
            String::new(),
        );
    };
    let fraction = f64::from(d.year()) + f64::from(d.day_of_year() - 1) / 365.0;
    (d.strftime("%Y%m%d").to_string(), d.strftime("%Y%m").to_string(), d.year().to_string(), format!("{fraction:.4}"))
}

/// The sector codes of an actor code after its country (`RUSMILGOV` →
/// MIL, GOV).
fn types(code: &str) -> Vec<String> {
    code.get(3..).unwrap_or("").as_bytes().chunks(3).map(|c| String::from_utf8_lossy(c).into_owned()).collect()
}

fn gdelt(e: &Event, doc: &Document, n: usize, added: &str, h: &truce_comply::Happening) -> Vec<String> {
    let date = e.date.clone().or_else(|| doc.source.date.clone()).unwrap_or_default();
    let (day, month, year, fraction) = day_fields(&date);
    let actor = |a: Option<&EventActor>| -> Vec<String> {
        let Some(a) = a else { return vec![String::new(); 10] };
        let code = a.code.clone().unwrap_or_default();
        let t = types(&code);
        let organisation = code.starts_with("IGO") || code.starts_with("NGO");
        vec![
            code.clone(),
            name(a).to_uppercase(),
            if organisation { String::new() } else { a.country.clone().unwrap_or_default() },
            if organisation { code.get(3..6).unwrap_or("").to_owned() } else { String::new() },
            String::new(),
            String::new(),
            String::new(),
            t.first().cloned().filter(|_| !organisation).unwrap_or_default(),
            t.get(1).cloned().unwrap_or_default(),
            t.get(2).cloned().unwrap_or_default(),
        ]
    };
    let mut row = vec![n.to_string(), day, month, year, fraction];
    row.extend(actor(first(&e.source)));
    row.extend(actor(first(&e.target)));
    row.push(if e.sentence < 3 { "1" } else { "0" }.into());
    row.push(e.cameo.clone());
    row.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_owned());
    row.push(e.cameo_root.clone());
    row.push(e.quad_class.to_string());
    row.push(format!("{:.1}", e.goldstein));
    row.extend([h.num_mentions, h.independent_sources, h.num_articles].map(|c| c.to_string()));
    row.push("0".into());
    // Actor geography is not resolved separately: type 0, empty.
    for _ in 0..2 {
        row.push("0".into());
        row.extend(std::iter::repeat_n(String::new(), 7));
    }
    match &e.location {
        Some(l) if l.lat.is_some() => {
            let kind = match l.precision.as_str() {
                "country" => "1",
                "point" => "4",
                _ => "5",
            };
            row.push(kind.into());
            row.push(l.name.clone().unwrap_or_else(|| l.text.clone()));
            row.push(l.country.clone().unwrap_or_default());
            row.push(String::new());
            row.push(String::new());
            row.push(l.lat.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(l.lon.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(l.geonameid.map(|g| g.to_string()).unwrap_or_default());
        }
        _ => {
            row.push("0".into());
            row.extend(std::iter::repeat_n(String::new(), 7));
        }
    }
    row.push(added.to_owned());
    row.push(doc.source.url.clone().unwrap_or_else(|| doc.source.input.clone()));
    row
}

/// ACLED's actor categories (`inter` codes): 1 state forces, 2 rebel
/// groups, 3 political militias, 4 identity militias, 5 rioters, 6
/// protesters, 7 civilians, 8 external/other forces.
fn inter(a: Option<&EventActor>) -> u8 {
    let Some(code) = a.and_then(|a| a.code.as_deref()) else { return 0 };
    if code.starts_with("IGO") || code.starts_with("NGO") {
        return 8;
    }
    let t = types(code);
    let has = |s: &str| t.iter().any(|x| x == s);
    if has("REB") || has("INS") || has("SEP") {
        2
    } else if has("UAF") || has("RAD") {
        3
    } else if has("CVL") || has("REF") || has("MED") || has("HLH") || has("EDU") {
        7
    } else if has("OPP") || has("LAB") || has("PTY") {
        6
    } else {
        1
    }
}

struct AcledTypes(Vec<(String, [String; 3])>);

impl AcledTypes {
    fn load() -> AcledTypes {
        let rows = ACLED_TYPES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.len() == 4).then(|| (f[0].to_owned(), [f[1].to_owned(), f[2].to_owned(), f[3].to_owned()]))
            })
            .collect();
        AcledTypes(rows)
    }

    /// The types of the longest matching code prefix.
    fn of(&self, cameo: &str) -> Option<&[String; 3]> {
        self.0.iter().filter(|(p, _)| cameo.starts_with(p.as_str())).max_by_key(|(p, _)| p.len()).map(|(_, t)| t)
    }
}

fn acled_row(e: &Event, doc: &Document, n: usize, types: &AcledTypes, now: i64) -> Option<Vec<String>> {
    let [disorder, event_type, sub] = types.of(&e.cameo)?;
    let date = e.date.clone().or_else(|| doc.source.date.clone()).unwrap_or_default();
    let time_precision = match e.date_precision.as_deref() {
        Some("day") => "1",
        Some("week") => "2",
        _ => "3",
    };
    let actor = |a: Option<&EventActor>| {
        a.map(|a| format!("{} ({})", name(a), a.code.as_deref().unwrap_or("?"))).unwrap_or_default()
    };
    let (i1, i2) = (inter(first(&e.source)), inter(first(&e.target)));
    let interaction = if i2 == 0 { format!("{i1}0") } else { format!("{}{}", i1.min(i2), i1.max(i2)) };
    let civilian = if i2 == 7 && disorder == "Political violence" { "Civilian targeting" } else { "" };
    let l = e.location.as_ref();
    let iso3 = l.and_then(|l| l.country.clone()).unwrap_or_default();
    let geo_precision = match l.map(|l| l.precision.as_str()) {
        Some("point") => "1",
        Some("district") => "2",
        _ => "3",
    };
    Some(vec![
        format!("{}{n}", if iso3.is_empty() { "XXX" } else { &iso3 }),
        date.get(..10).unwrap_or(&date).to_owned(),
        date.get(..4).unwrap_or("").to_owned(),
        time_precision.into(),
        disorder.clone(),
        event_type.clone(),
        sub.clone(),
        actor(first(&e.source)),
        e.source.iter().skip(1).map(name).collect::<Vec<_>>().join("; "),
        i1.to_string(),
        actor(first(&e.target)),
        e.target.iter().skip(1).map(name).collect::<Vec<_>>().join("; "),
        i2.to_string(),
        interaction,
        civilian.into(),
        iso3.clone(),
        iso3,
        l.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        l.and_then(|l| l.name.clone()).unwrap_or_default(),
        l.and_then(|l| l.lat).map(|v| format!("{v:.4}")).unwrap_or_default(),
        l.and_then(|l| l.lon).map(|v| format!("{v:.4}")).unwrap_or_default(),
        geo_precision.into(),
        doc.source.outlet.clone().unwrap_or_default(),
        e.evidence.text.clone(),
        String::new(),
        format!("modality={}; cameo={}", e.modality, e.cameo),
        now.to_string(),
    ])
}

fn hxl(e: &Event, doc: &Document) -> Vec<String> {
    let a = |list: &[EventActor], code: bool| {
        list.iter()
            .map(|x| if code { x.code.clone().unwrap_or_default() } else { name(x) })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let l = e.location.as_ref();
    vec![
        e.id.clone(),
        e.date.clone().unwrap_or_default(),
        e.cameo.clone(),
        e.plover.clone().unwrap_or_default(),
        e.modality.clone(),
        a(&e.source, false),
        a(&e.source, true),
        a(&e.target, false),
        a(&e.target, true),
        l.and_then(|l| l.name.clone()).unwrap_or_default(),
        l.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        l.and_then(|l| l.country.clone()).unwrap_or_default(),
        l.and_then(|l| l.lat).map(|v| format!("{v:.4}")).unwrap_or_default(),
        l.and_then(|l| l.lon).map(|v| format!("{v:.4}")).unwrap_or_default(),
        doc.source.outlet.clone().unwrap_or_default(),
        doc.source.url.clone().unwrap_or_default(),
        e.evidence.text.clone(),
    ]
}

/// A GeoJSON feature, for an event with coordinates.
fn geojson(e: &Event, doc: &Document) -> Option<serde_json::Value> {
    let l = e.location.as_ref()?;
    let (lat, lon) = (l.lat?, l.lon?);
    let codes = |list: &[EventActor]| list.iter().filter_map(|a| a.code.clone()).collect::<Vec<_>>();
    Some(serde_json::json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": {
            "id": e.id, "doc": e.doc, "date": e.date, "cameo": e.cameo, "plover": e.plover,
            "quad_class": e.quad_class, "goldstein": e.goldstein, "modality": e.modality,
            "source": codes(&e.source), "target": codes(&e.target),
            "place": l.name, "admin1": l.admin1, "country": l.country, "precision": l.precision, "geonameid": l.geonameid,
            "outlet": doc.source.outlet, "url": doc.source.url, "evidence": e.evidence.text,
        }
    }))
}
