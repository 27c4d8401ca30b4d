#![no_main]
//! The quote matcher: a document and a quote split at the first NUL byte. A match never
//! panics, and its span is the document's own text.

use eventc::normalize::evidence::{find_quote, Document};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (doc, quote) = text.split_once('\0').unwrap_or((text, text));
    let occurrence = quote.len() % 4;
    let document = Document::new(doc);
    for occ in [None, Some(occurrence)] {
        if let Ok(m) = find_quote(&document, quote, occ) {
            let span: String = doc.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(span, m.text);
        }
    }
});
