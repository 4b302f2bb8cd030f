//! The scenario as `name=value` pairs: in share links (after the manifest), in the saved
//! state and in the worker's jobs. Written and read by the view's one builder
//! (`pullpolicy_view::share`, whose documentation lists the names), which the CLI's and
//! the web component's links use too.

use pullpolicy::Options;
pub use pullpolicy_view::share::{read_params as read, read_query, version};

/// Appends `&name=value` for every non-default setting.
pub fn write(options: &Options, out: &mut String) {
    pullpolicy_view::share::write_params(options, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_write_nothing_and_settings_read_back() {
        let mut out = String::new();
        write(&Options::default(), &mut out);
        assert_eq!(out, "");
        let mut o = Options::default();
        o.scenario.allowlist = vec!["a b,c".into()];
        o.scenario.registry = pullpolicy::Registry::NotFound;
        write(&o, &mut out);
        assert_eq!(read_query(out.trim_start_matches('&')), o);
    }
}
