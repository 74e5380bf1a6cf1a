//! Geoparsing evaluation: gold articles in the XML forms of TR-News / LGL
//! (`<toponym>` with `<start>`, `<end>`, `<gaztag geonameid>`, `<lat>`,
//! `<lon>`, `<country>`) and GeoVirus / WikToR (`<location>` with
//! `<start>`, `<end>`, `<lat>`, `<lon>`), scored as the geoparsing
//! literature does (Gritta et al., "What's missing in geographical parsing?",
//! 2018): accuracy within 161 km (100 miles), the area under the curve of
//! log errors, mean error in km, and country accuracy.

use crate::gazetteer::{Feature, Gazetteer};
use foldhash::{HashMap, HashMapExt};
use quick_xml::events::Event as Xml;

/// Half the Earth's circumference, the largest possible error, in km.
pub const MAX_ERROR_KM: f64 = 20_039.0;

/// One gold toponym.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldToponym {
    /// The words (`phrase` or `name`).
    pub text: String,
    /// Character offsets in the article text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id, when the gold gives one.
    pub geonameid: Option<u64>,
    /// GeoNames id of its country, when the gold gives one.
    pub country_geonameid: Option<u64>,
}

/// One gold article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldArticle {
    /// Its id or source, for messages.
    pub id: String,
    /// The text the offsets index.
    pub text: String,
    /// Its toponyms with coordinates.
    pub toponyms: Vec<GoldToponym>,
}

/// Reads a gold file; the error names the byte position of malformed XML.
pub fn read_gold(xml: &str) -> Result<Vec<GoldArticle>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut articles = Vec::new();
    let mut article: Option<GoldArticle> = None;
    let mut in_text = false;
    // Fields of the toponym being read: first occurrence of each tag wins
    // (a TR-News `<phrase>` comes before its gazetteer `<name>`).
    let mut fields: Option<HashMap<String, String>> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut leaf = String::new();
    loop {
        let event =
            reader.read_event().map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Xml::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let geonameid = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"geonameid")
                    .and_then(|a| String::from_utf8_lossy(&a.value).parse::<u64>().ok());
                match name.as_str() {
                    "article" => {
                        let id = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == b"docid")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_else(|| format!("article {}", articles.len() + 1));
                        article = Some(GoldArticle { id, ..Default::default() });
                    }
                    "text" if fields.is_none() => in_text = true,
                    "toponym" | "location" => fields = Some(HashMap::new()),
                    "gaztag" | "country" => {
                        if let (Some(f), Some(id)) = (fields.as_mut(), geonameid) {
                            f.entry(format!("{name}_id")).or_insert(id.to_string());
                        }
                    }
                    _ => {}
                }
                stack.push(name);
                leaf.clear();
            }
            Xml::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match name.as_str() {
                    "text" if in_text => in_text = false,
                    "toponym" | "location" => {
                        if let (Some(f), Some(a)) = (fields.take(), article.as_mut())
                            && let Some(t) = gold_toponym(&f)
                        {
                            a.toponyms.push(t);
                        }
                    }
                    "article" => articles.extend(article.take()),
                    _ => {
                        if let Some(f) = fields.as_mut() {
                            f.entry(name).or_insert_with(|| leaf.trim().to_owned());
                        }
                    }
                }
                leaf.clear();
            }
            Xml::Text(t) => {
                let text = t.decode().map_err(|e| e.to_string())?;
                let text = quick_xml::escape::unescape(&text).map_err(|e| e.to_string())?;
                if in_text {
                    if let Some(a) = article.as_mut() {
                        a.text.push_str(&text);
                    }
                } else {
                    leaf.push_str(&text);
                }
            }
            Xml::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let resolved = match name.as_str() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    _ => r.resolve_char_ref().ok().flatten().map(String::from).unwrap_or_default(),
                };
                if in_text {
                    if let Some(a) = article.as_mut() {
                        a.text.push_str(&resolved);
                    }
                } else {
                    leaf.push_str(&resolved);
                }
            }
            Xml::CData(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                if in_text {
                    if let Some(a) = article.as_mut() {
                        a.text.push_str(&text);
                    }
                } else {
                    leaf.push_str(&text);
                }
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    if articles.is_empty() {
        return Err("no <article> with a <text> found".into());
    }
    for article in &mut articles {
        realign(article);
    }
    Ok(articles)
}

/// Some gold files' offsets drift from their text (the text was re-indented
/// after the offsets were counted, or counted one off): a toponym whose
/// offsets do not cover its own words moves to the nearest place where they
/// are written. Toponyms whose words are nowhere in the text stay as given.
fn realign(article: &mut GoldArticle) {
    let chars: Vec<char> = article.text.chars().collect();
    for t in &mut article.toponyms {
        let phrase: Vec<char> = t.text.chars().collect();
        if phrase.is_empty() || chars.get(t.start..t.end) == Some(&phrase[..]) {
            continue;
        }
        let nearest = (0..chars.len().saturating_sub(phrase.len() - 1))
            .filter(|&at| chars[at..at + phrase.len()] == phrase[..])
            .min_by_key(|&at| at.abs_diff(t.start));
        if let Some(at) = nearest {
            t.start = at;
            t.end = at + phrase.len();
        }
    }
}

fn gold_toponym(f: &HashMap<String, String>) -> Option<GoldToponym> {
    let number = |k: &str| f.get(k).and_then(|v| v.parse::<f64>().ok());
    let (lat, lon) = (number("lat")?, number("lon")?);
    let (start, end) = (number("start")? as usize, number("end")? as usize);
    if end <= start || !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    Some(GoldToponym {
        text: f.get("phrase").or_else(|| f.get("name")).cloned().unwrap_or_default(),
        start,
        end,
        lat,
        lon,
        geonameid: f.get("gaztag_id").and_then(|v| v.parse().ok()),
        country_geonameid: f.get("country_id").and_then(|v| v.parse().ok()),
    })
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// The figures of a run.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Scores {
    /// Gold toponyms scored.
    pub n: usize,
    /// Share resolved within 161 km of the gold point.
    pub acc161: f64,
    /// Share resolved to the gold point's country.
    pub country_acc: f64,
    /// Area under the curve of log errors (0 best, 1 worst).
    pub auc: f64,
    /// Mean error in km.
    pub mean_km: f64,
    /// Median error in km.
    pub median_km: f64,
    /// Toponyms the system found that overlap a gold one, over all it found.
    pub recognition_precision: f64,
    /// Gold toponyms the system found, over all gold.
    pub recognition_recall: f64,
    /// Their harmonic mean.
    pub recognition_f1: f64,
    /// Share of all gold toponyms both found and resolved within 161 km.
    pub end_to_end_acc161: f64,
    /// Articles read.
    pub articles: usize,
}

/// One system toponym, in character offsets of the article text.
#[derive(Clone, Debug)]
pub struct SystemToponym {
    /// Start, in characters.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO alpha-3 country code.
    pub country: Option<String>,
}

/// What the system made of one article: the toponyms it found on its own,
/// and its resolution of each gold span (in context), or `None` where it
/// has no place of that name.
pub struct SystemArticle {
    /// Found by recognition.
    pub found: Vec<SystemToponym>,
    /// One per gold toponym, in order.
    pub resolved: Vec<Option<SystemToponym>>,
}

/// Reverse geocoding for gold points without a country: the country of
/// the nearest town, on a one-degree grid.
pub struct CountryFinder<'a> {
    gazetteer: &'a Gazetteer,
    grid: HashMap<(i32, i32), Vec<usize>>,
    by_geonameid: HashMap<u64, usize>,
}

impl<'a> CountryFinder<'a> {
    /// Indexes the gazetteer's towns.
    pub fn new(gazetteer: &'a Gazetteer) -> CountryFinder<'a> {
        let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        let mut by_geonameid = HashMap::new();
        for (i, p) in gazetteer.places().enumerate() {
            if !p.feature.is_area() {
                grid.entry((p.lat.floor() as i32, p.lon.floor() as i32)).or_default().push(i);
            }
            if p.feature == Feature::Country
                && let Some(id) = p.geonameid
            {
                by_geonameid.insert(id, i);
            }
        }
        CountryFinder { gazetteer, grid, by_geonameid }
    }

    /// The alpha-3 code of the gold toponym's country.
    pub fn country_of(&self, gold: &GoldToponym) -> Option<String> {
        if let Some(&i) = gold.country_geonameid.and_then(|id| self.by_geonameid.get(&id)) {
            return Some(self.gazetteer.place(i).code.to_owned());
        }
        if let Some(&i) = gold.geonameid.and_then(|id| self.by_geonameid.get(&id)) {
            return Some(self.gazetteer.place(i).code.to_owned());
        }
        let (la, lo) = (gold.lat.floor() as i32, gold.lon.floor() as i32);
        for radius in 0..4 {
            let mut best: Option<(f64, usize)> = None;
            for dla in -radius..=radius {
                for dlo in -radius..=radius {
                    for &i in self.grid.get(&(la + dla, lo + dlo)).into_iter().flatten() {
                        let p = self.gazetteer.place(i);
                        let d = distance_km(gold.lat, gold.lon, p.lat, p.lon);
                        if best.is_none_or(|b| d < b.0) {
                            best = Some((d, i));
                        }
                    }
                }
            }
            if let Some((_, i)) = best {
                let cc = &self.gazetteer.place(i).country;
                return self.gazetteer.country(cc).map(|c| self.gazetteer.place(c).code.to_owned());
            }
        }
        None
    }
}

/// Scores system output against gold, article by article.
pub fn score(gold: &[GoldArticle], system: &[SystemArticle], countries: &CountryFinder) -> Scores {
    let mut errors = Vec::new();
    let (mut country_right, mut found_total, mut found_matched, mut gold_found, mut end_to_end) = (0, 0, 0, 0, 0);
    for (g, s) in gold.iter().zip(system) {
        found_total += s.found.len();
        found_matched +=
            s.found.iter().filter(|f| g.toponyms.iter().any(|t| f.start < t.end && t.start < f.end)).count();
        for (t, resolved) in g.toponyms.iter().zip(&s.resolved) {
            let found = s.found.iter().find(|f| f.start < t.end && t.start < f.end);
            if found.is_some() {
                gold_found += 1;
            }
            let error = resolved.as_ref().map_or(MAX_ERROR_KM, |r| distance_km(r.lat, r.lon, t.lat, t.lon));
            if let Some(f) = found
                && distance_km(f.lat, f.lon, t.lat, t.lon) <= 161.0
            {
                end_to_end += 1;
            }
            let gold_country = countries.country_of(t);
            if gold_country.is_some() && resolved.as_ref().and_then(|r| r.country.to_owned()) == gold_country {
                country_right += 1;
            }
            errors.push(error);
        }
    }
    let n = errors.len();
    let share = |k: usize, of: usize| if of == 0 { 0.0 } else { k as f64 / of as f64 };
    errors.sort_by(f64::total_cmp);
    let precision = share(found_matched, found_total);
    let recall = share(gold_found, n);
    Scores {
        n,
        acc161: share(errors.iter().filter(|&&e| e <= 161.0).count(), n),
        country_acc: share(country_right, n),
        // The mean of ln(1 + error) / ln(1 + max): the area under the
        // normalized log-error curve over gold toponyms.
        auc: if n == 0 {
            0.0
        } else {
            errors.iter().map(|e| (1.0 + e).ln() / (1.0 + MAX_ERROR_KM).ln()).sum::<f64>() / n as f64
        },
        mean_km: if n == 0 { 0.0 } else { errors.iter().sum::<f64>() / n as f64 },
        median_km: errors.get(n / 2).copied().unwrap_or(0.0),
        recognition_precision: precision,
        recognition_recall: recall,
        recognition_f1: if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) },
        end_to_end_acc161: share(end_to_end, n),
        articles: gold.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_gold_forms() {
        let tr = r#"<articles><article docid="7"><title>t</title><text><![CDATA[Shelling hit Tovuz, Azerbaijan.]]></text>
            <toponyms><toponym><phrase>Tovuz</phrase><start>13</start><end>18</end>
            <gaztag geonameid="585170"><name>Tovuz</name><lat>40.99</lat><lon>45.63</lon>
            <country geonameid="587116">Azerbaijan</country></gaztag></toponym></toponyms></article></articles>"#;
        let a = read_gold(tr).unwrap();
        assert_eq!(a[0].id, "7");
        assert_eq!(a[0].text, "Shelling hit Tovuz, Azerbaijan.");
        let t = &a[0].toponyms[0];
        assert_eq!(
            (t.text.as_str(), t.start, t.end, t.geonameid, t.country_geonameid),
            ("Tovuz", 13, 18, Some(585170), Some(587116))
        );
        let gv = "<articles><article><source>x</source><text>Shelling hit Barda &amp; Tartar.</text><locations>\
            <location><name>Barda</name><start>13</start><end>18</end><lat>40.37</lat><lon>47.13</lon></location>\
            </locations></article></articles>";
        let a = read_gold(gv).unwrap();
        assert_eq!(a[0].text, "Shelling hit Barda & Tartar.");
        assert_eq!(a[0].toponyms[0].lat, 40.37);
        assert!(read_gold("<articles><article><text>open").is_err());
        assert!(read_gold("<nothing/>").is_err());
    }

    #[test]
    fn distances_are_great_circles() {
        // Baku to Yerevan, about 460 km.
        let d = distance_km(40.4093, 49.8671, 40.1792, 44.4991);
        assert!((d - 455.0).abs() < 15.0, "{d}");
        assert!((distance_km(0.0, 0.0, 0.0, 180.0) - MAX_ERROR_KM).abs() < 30.0);
    }
}
