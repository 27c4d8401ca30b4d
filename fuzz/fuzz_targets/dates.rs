#![no_main]
//! The date grammar on any text, with and without a document date, in both languages: a value
//! or an issue, never a panic, and a value always inside the bounds.

use eventc::normalize::dates::{normalize, parse_partial_iso, Bounds, DateContext, Lang};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (reference, lang) in [
        (None, None),
        (parse_partial_iso("2020-02-16"), Some(Lang::Fr)),
        (parse_partial_iso("2020-02"), Some(Lang::En)),
    ] {
        let ctx = DateContext {
            reference,
            lang,
            ..DateContext::default()
        };
        if let Ok(got) = normalize(text, &ctx) {
            let b = Bounds::DEFAULT;
            assert!(got.span.start >= b.first && got.span.end <= b.last, "{text:?}");
            assert!(got.span.start <= got.span.end, "{text:?}");
        }
    }
});
