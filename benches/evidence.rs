//! Quote search on a document of news size: index build time, memory held by the index, and
//! `find_quote` calls per second.
//!
//! cargo bench --bench evidence
//!
//! The document is the bundled article eight times, about 47 KB, so every quote occurs once per
//! copy (the search still scans the whole document to count them).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use eventc::normalize::evidence::{find_quote, Document};

/// Counts live heap bytes, so the memory a `Document` holds is measured rather than estimated.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const ARTICLE: &str = include_str!("../raw/documents/000_a24c5228d2048ced.txt");
const CALLS: usize = 100_000;

fn main() {
    let text = [ARTICLE; 8].join("\n\n");

    let before = LIVE.load(Ordering::Relaxed);
    let doc = Document::new(&text);
    let held = LIVE.load(Ordering::Relaxed) - before;
    let index = held - text.len();
    println!(
        "document: {} bytes, {} chars; Document holds {held} bytes: text + {index} bytes of index = {:.2} index bytes per document byte",
        text.len(),
        text.chars().count(),
        index as f64 / text.len() as f64
    );

    let mut best = f64::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        black_box(Document::new(black_box(&text)));
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "Document::new: {:.3} ms (best of 20), {:.0} MB/s",
        best * 1e3,
        text.len() as f64 / best / 1e6
    );

    let quotes = quotes(ARTICLE, 500);
    let shouted: Vec<String> = quotes.iter().map(|q| q.to_uppercase()).collect();
    for (what, quotes) in [
        ("exact case", &quotes),
        ("case mismatch (upper-cased quotes)", &shouted),
    ] {
        let t = Instant::now();
        let mut found = 0usize;
        for i in 0..CALLS {
            if let Ok(m) = find_quote(&doc, &quotes[i % quotes.len()], None) {
                found += 1;
                black_box(m);
            }
        }
        let el = t.elapsed().as_secs_f64();
        println!(
            "find_quote, {what}: {CALLS} calls in {:.0} ms = {:.1} µs per call ({found} found)",
            el * 1e3,
            el * 1e6 / CALLS as f64
        );
    }
}

/// Passages of 60 to 200 characters that start and end at word boundaries, picked by a fixed
/// pseudo-random sequence.
fn quotes(text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut seed: u64 = 42;
    let mut next = |bound: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % bound
    };
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let len = 60 + next(141);
        let mut start = next(chars.len() - len);
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let mut end = start + len;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        let q: String = chars[start..end].iter().collect();
        if !q.trim().is_empty() {
            out.push(q);
        }
    }
    out
}
