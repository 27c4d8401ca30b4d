#![no_main]
//! The CSV reader on any bytes.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read_all(data, eventc::read::InputKind::Csv));
