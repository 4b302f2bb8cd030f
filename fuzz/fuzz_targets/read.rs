//! `pullpolicy::read` alone on arbitrary bytes: never panics or hangs, every node
//! and error lies within the text, in order, and every document's tree answers its
//! queries (pairs with merges, JSON) without running away.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullpolicy::read::{Item, JsonStreams, ReadOptions, kubectl_text, read};

fuzz_target!(|data: &[u8]| {
    let (text, _) = kubectl_text(data);
    for json in [
        JsonStreams::JsonOnly,
        JsonStreams::Fallback133,
        JsonStreams::Fallback,
    ] {
        let options = ReadOptions {
            json,
            sigs_yaml_v1_3: false,
        };
        let mut last_start = 0;
        for item in read(&text, options) {
            match item {
                Item::Stop(e) => assert!(e.at <= text.len(), "{e:?}"),
                Item::Document(d) => {
                    assert!(d.span.0 <= d.span.1 && d.span.1 <= text.len());
                    assert!(d.span.0 >= last_start, "documents in order");
                    last_start = d.span.0;
                    if let Some(e) = &d.error {
                        assert!(e.at <= text.len(), "{e:?}");
                    }
                    let Some(doc) = &d.doc else { continue };
                    for id in doc.ids() {
                        let n = doc.node(id);
                        assert!(
                            n.props <= n.start && n.start <= n.end && n.end <= text.len(),
                            "{n:?}"
                        );
                        assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
                        if let Some(pairs) = doc.pairs(id) {
                            for (k, _) in pairs.take(10_000) {
                                let _ = doc.key_text(k);
                            }
                        }
                    }
                    if d.error.is_none() {
                        let _ = doc.json(doc.root());
                    }
                }
            }
        }
    }
});
