//! Arbitrary bytes as a JSONL shard (options from the first two bytes): one record per
//! non-blank line, whatever the buffer size, and every document annotated cleanly (see
//! `claimtag_fuzz::checks::jsonl_input`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    claimtag_fuzz::checks::jsonl_input(data);
});
