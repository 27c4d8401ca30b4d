//! The event code, looked up in the CAMEO codebook: never coerced to a nearby code.

use super::Check;
use crate::codebook::event_codes::EventCode;

pub(super) fn event_code<'a>(c: &mut Check<'a>) -> Option<&'a EventCode> {
    let code = c.value("event_code");
    if code.is_empty() {
        return None; // reported as missing-required
    }
    let events = &c.cb.events;
    if let Some(found) = events.get(code) {
        return Some(found);
    }
    let helps = events.suggest(code);
    let message = format!("`{code}` is not a CAMEO event code");
    c.diag("unknown-event-code", "event_code", message)
        .help
        .extend(helps);
    None
}
