//! The location, resolved through the gazetteer, and checked against the actors' countries.

use super::actors::ResolvedActor;
use super::Check;
use crate::codebook::event_codes::EventCode;
use crate::codebook::places::Place;

pub(super) fn place<'a>(
    c: &mut Check<'a>,
    code: Option<&EventCode>,
    actors: [&Option<ResolvedActor>; 2],
) -> Option<&'a Place> {
    let text = c.value("location");
    if text.is_empty() {
        return None;
    }
    let places = &c.cb.places;
    let Some(place) = places.resolve(text) else {
        let suggestions = places.suggest(text);
        let message = format!("`{text}` is not in the gazetteer");
        let help = if suggestions.is_empty() {
            "add it to schema/places.csv with its coordinates".to_string()
        } else {
            format!("closest gazetteer names: {}", suggestions.join(", "))
        };
        c.diag("unknown-place", "location", message).help.push(help);
        return None;
    };
    // Verbal acts happen wherever the speaker is (a statement at a conference abroad);
    // only a material event in neither actor's country suggests a mis-resolved place.
    let material = code.is_some_and(|c| c.quad_class() % 2 == 0);
    let countries: Vec<&str> = actors
        .iter()
        .filter_map(|a| a.as_ref().and_then(|a| a.country.as_deref()))
        .collect();
    if material && !countries.is_empty() && !countries.contains(&place.country.as_str()) {
        let message = format!(
            "`{text}` resolves to {} in {}, but the actors are from {}",
            place.name,
            place.country,
            countries.join(" and ")
        );
        c.diag("place-country-mismatch", "location", message);
    }
    Some(place)
}
