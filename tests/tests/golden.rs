//! Golden snapshots: every fixture in `tests/fixtures`, explained with the default
//! options and rendered as a readable document (see `pullpolicy_tests::render`).

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "*.{yaml,json}", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let report = pullpolicy::explain(&text, &pullpolicy::Options::default());
        insta::assert_snapshot!(pullpolicy_tests::render(&report));
    });
}
