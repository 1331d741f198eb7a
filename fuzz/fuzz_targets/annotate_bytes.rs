//! Arbitrary bytes as one document: must annotate without panic, and every span written
//! must tell the truth about the text (see `claimtag_fuzz::checks::annotate_bytes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    claimtag_fuzz::checks::annotate_bytes(data);
});
