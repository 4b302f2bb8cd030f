//! The footer: version, source, and the privacy promise.

/// The footer's markup: fixed at build time, so no render builds or keeps it. The
/// version is the workspace's, which the core's [`pullpolicy::version`] also reports.
pub const FOOTER: &str = concat!(
    "<footer class=\"bottom\"><p>pullpolicy ",
    env!("CARGO_PKG_VERSION"),
    " · <a rel=\"noopener noreferrer\" href=\"",
    env!("CARGO_PKG_REPOSITORY"),
    "\">Source</a> · <span class=\"privacy\">Runs entirely in your browser; nothing you paste leaves this page.</span></p></footer>"
);

#[cfg(test)]
mod tests {
    #[test]
    fn names_the_core_version_and_needs_no_escaping() {
        assert!(super::FOOTER.contains(&format!("pullpolicy {} ·", pullpolicy::version())));
        let repository = env!("CARGO_PKG_REPOSITORY");
        let mut escaped = String::new();
        pullpolicy_view::html::escape_into(repository, &mut escaped);
        assert_eq!(escaped, repository);
    }
}
