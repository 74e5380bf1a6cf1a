//! Parts of areas and points off a place: `northern Syria`, `the
//! south-east of Ukraine`, `Syria's north-west`, `15 km south of Tovuz`.
//!
//! Reports place much of what happens in a part of a country or province
//! rather than at a town, and events there belong in that part, not at
//! the country's middle. A part is put in the area's box (the 5th to 95th
//! percentile of the latitudes and longitudes of its towns, so that a far
//! island or exclave does not stretch it), a third of the way from the
//! box's middle toward the side named: the middle of that side's third.
//! A distance and a direction from a place move the place's point that far.

use crate::gazetteer::{Feature, Gazetteer};
use foldhash::{HashMap, HashMapExt};

/// The box an area's towns fill, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// Southern edge (latitude).
    pub south: f64,
    /// Northern edge (latitude).
    pub north: f64,
    /// Western edge (longitude).
    pub west: f64,
    /// Eastern edge (longitude).
    pub east: f64,
}

/// A compass direction as steps north and east (each -1, 0 or 1); the
/// centre is (0, 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 north, -1 south, 0 neither.
    pub north: i8,
    /// 1 east, -1 west, 0 neither.
    pub east: i8,
}

/// The direction a word names: `north`, `northern`, `North-Eastern`,
/// `southwest`, `central`, `centre`.
pub fn heading(word: &str) -> Option<Heading> {
    let lower = word.to_lowercase().replace(['-', '‐', '–'], "");
    let stem = lower.strip_suffix("ern").unwrap_or(&lower);
    let (north, east) = match stem {
        "north" => (1, 0),
        "south" => (-1, 0),
        "east" => (0, 1),
        "west" => (0, -1),
        "northeast" => (1, 1),
        "northwest" => (1, -1),
        "southeast" => (-1, 1),
        "southwest" => (-1, -1),
        "central" | "centre" | "center" => (0, 0),
        _ => return None,
    };
    Some(Heading { north, east })
}

/// The boxes of every country (`(cc, "")`) and first-level division
/// (`(cc, admin1)`) from the towns the gazetteer holds; areas with fewer
/// than three towns have none.
pub fn extents(gazetteer: &Gazetteer) -> HashMap<(String, String), Extent> {
    let mut points: HashMap<(String, String), (Vec<f64>, Vec<f64>)> = HashMap::new();
    for place in gazetteer.places().filter(|p| !p.feature.is_area() && !p.country.is_empty()) {
        for key in [(place.country.to_owned(), String::new()), (place.country.to_owned(), place.admin1.to_owned())] {
            let (lats, lons) = points.entry(key).or_default();
            lats.push(place.lat);
            lons.push(place.lon);
        }
    }
    points
        .into_iter()
        .filter(|(_, (lats, _))| lats.len() >= 3)
        .map(|(key, (mut lats, mut lons))| {
            lats.sort_by(f64::total_cmp);
            lons.sort_by(f64::total_cmp);
            let at = |values: &[f64], share: f64| values[((values.len() - 1) as f64 * share).round() as usize];
            let extent =
                Extent { south: at(&lats, 0.05), north: at(&lats, 0.95), west: at(&lons, 0.05), east: at(&lons, 0.95) };
            (key, extent)
        })
        .collect()
}

/// The point of the `heading` part of the country or first-level
/// division at `index`, when the gazetteer knows its box.
pub fn part_point(gazetteer: &Gazetteer, index: usize, heading: Heading) -> Option<(f64, f64)> {
    let place = gazetteer.place(index);
    let admin1 = match place.feature {
        Feature::Country => "",
        Feature::Admin1 => place.admin1,
        _ => return None,
    };
    let extent = gazetteer.extent(place.country, admin1)?;
    let middle = ((extent.south + extent.north) / 2.0, (extent.west + extent.east) / 2.0);
    let lat = middle.0 + f64::from(heading.north) * (extent.north - extent.south) / 3.0;
    let lon = middle.1 + f64::from(heading.east) * (extent.east - extent.west) / 3.0;
    Some((lat, lon))
}

/// The point `km` kilometres from `(lat, lon)` toward `heading` (on a
/// sphere of the Earth's mean radius; diagonals at 45 degrees).
pub fn offset(lat: f64, lon: f64, km: f64, heading: Heading) -> (f64, f64) {
    let (north, east) = (f64::from(heading.north), f64::from(heading.east));
    let norm = (north * north + east * east).sqrt();
    if norm == 0.0 {
        return (lat, lon);
    }
    let degrees = km / 111.195;
    let lat2 = (lat + degrees * north / norm).clamp(-90.0, 90.0);
    let lon2 = lon + degrees * east / norm / lat.to_radians().cos().max(0.01);
    (lat2, (lon2 + 540.0).rem_euclid(360.0) - 180.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_words_in_their_spellings() {
        assert_eq!(heading("northern"), Some(Heading { north: 1, east: 0 }));
        assert_eq!(heading("North-Eastern"), Some(Heading { north: 1, east: 1 }));
        assert_eq!(heading("southwest"), Some(Heading { north: -1, east: -1 }));
        assert_eq!(heading("centre"), Some(Heading { north: 0, east: 0 }));
        assert_eq!(heading("northerly"), None);
        assert_eq!(heading("Western"), Some(Heading { north: 0, east: -1 }));
    }

    #[test]
    fn an_offset_moves_the_point_that_far() {
        let (lat, lon) = offset(40.0, 45.0, 111.195, Heading { north: -1, east: 0 });
        assert!((lat - 39.0).abs() < 1e-9 && (lon - 45.0).abs() < 1e-9);
        let (lat, lon) = offset(60.0, 10.0, 55.6, Heading { north: 0, east: 1 });
        assert!((lat - 60.0).abs() < 1e-9 && (lon - 11.0).abs() < 0.01, "{lon}");
        assert_eq!(offset(10.0, 179.9, 111.195, Heading { north: 0, east: 1 }).1.round(), -179.0);
    }
}
