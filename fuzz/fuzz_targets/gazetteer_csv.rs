#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tarikh_fuzz::gazetteer_csv(data));
