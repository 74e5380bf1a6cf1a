//! The places stage of truce: a gazetteer built from GeoNames, toponyms
//! found and resolved in the text, and each event put on the map.
//!
//! Written for truce rather than taken from a crate: the geocoding crates
//! on crates.io resolve coordinates to names (`reverse_geocoder`) or call
//! web services; none ships alternate names with populations or does
//! toponym resolution in context.

pub mod gazetteer;

pub use gazetteer::{Feature, Gazetteer, GazetteerError, Place, name_key};
pub mod eval;
pub mod locate;
pub mod parts;
pub mod toponyms;
pub mod variants;

pub use toponyms::Resources;

use truce_core::Document;

/// Fills `doc.toponyms` and puts the events on the map.
pub fn annotate(doc: &mut Document, resources: &Resources) {
    let Some(gazetteer) = resources.gazetteer() else { return };
    doc.toponyms = toponyms::find(doc, resources);
    locate::locate_events(doc, gazetteer);
}
