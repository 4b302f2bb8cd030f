//! FAQ and guidance: short, source-checked answers about `imagePullPolicy`.
//!
//! The same entries are shown by the web app, the CLI and blog embeds, and
//! findings link to them by [`FaqEntry::id`], so ids are stable.
//!
//! Every answer follows the project spec `kubernetes-pull-semantics.md`
//! (Kubernetes v1.37 baseline, `kubernetes-1.37.md`; version differences are named in
//! the text, and the tests below check them against [`crate::versions`]).
//! The first four entries answer the FAQ questions of the seed article
//! "A Beginner's Guide to Unlocking the Power of ImagePullPolicy", whose own
//! answers repeat several myths (spec §8); the answers here correct them.
//!
//! Format rules, checked by the tests below: an answer is a list of plain
//! paragraphs that may contain `inline code` in backticks and nothing else
//! (no HTML, no markdown links); links are kubernetes.io documentation pages.

mod entries;

/// One FAQ entry. It serializes as `{ id, question, answer, links, fromArticle }`.
#[derive(Debug, Clone, Copy)]
pub struct FaqEntry {
    /// Stable kebab-case identifier, e.g. `always-redownload`; findings link to it.
    pub id: &'static str,
    /// The question, ending in `?`.
    pub question: &'static str,
    /// kubernetes.io links only (`https://kubernetes.io/...`), e.g. <https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy>.
    pub links: &'static [&'static str],
    /// True for the four questions that come from the seed article.
    pub from_article: bool,
}

impl FaqEntry {
    /// The answer as paragraphs; a paragraph may contain `inline code` in backticks and
    /// nothing else (no HTML, no markdown links).
    ///
    /// A method, not a field, because the answers are a table of their own: the
    /// playground's first load lists the questions and links only, and gets the
    /// answers from a module loaded after its first verdict.
    pub fn answer(&self) -> &'static [&'static str] {
        entries::ANSWERS
            .iter()
            .find(|(id, _)| *id == self.id)
            .map_or(&[], |(_, answer)| answer)
    }
}

impl serde::Serialize for FaqEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("FaqEntry", 5)?;
        s.serialize_field("id", self.id)?;
        s.serialize_field("question", self.question)?;
        s.serialize_field("answer", self.answer())?;
        s.serialize_field("links", self.links)?;
        s.serialize_field("fromArticle", &self.from_article)?;
        s.end()
    }
}

/// All FAQ entries, in display order (the four article questions first).
pub fn entries() -> &'static [FaqEntry] {
    entries::ENTRIES
}

/// The entry with this id, if any.
pub fn entry(id: &str) -> Option<&'static FaqEntry> {
    entries::ENTRIES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The ids other modules may reference, in display order.
    const IDS: &[&str] = &[
        "what-is-imagepullpolicy",
        "how-does-it-work",
        "different-policies-per-container",
        "change-after-creation",
        "always-redownload",
        "registry-down",
        "why-default-always",
        "digest-default",
        "change-running-pod",
        "err-image-never-pull",
        "always-pull-images",
        "cached-private-images",
        "latest-case",
        "invalid-image-name",
        "mutable-tags-diverge",
        "image-pull-backoff",
        "image-volumes",
        "field-typos",
        "errimagepull-vs-imagepullbackoff",
        "rate-limits-and-always",
        "private-registry-pull-secrets",
        "one-node-works",
    ];

    /// The seed article's FAQ questions, verbatim from its front matter.
    const ARTICLE: &[(&str, &str)] = &[
        ("what-is-imagepullpolicy", "What is an ImagePullPolicy?"),
        (
            "how-does-it-work",
            "How does ImagePullPolicy work in Kubernetes?",
        ),
        (
            "different-policies-per-container",
            "Can I specify different ImagePullPolicy values for different containers in the same pod?",
        ),
        (
            "change-after-creation",
            "Can I change the ImagePullPolicy after a pod or deployment has been created?",
        ),
    ];

    /// kubernetes.io pages the entries may link to (anchors checked separately).
    const KNOWN_PAGES: &[&str] = &[
        "https://kubernetes.io/docs/concepts/containers/images/",
        "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/",
        "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/",
        "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/",
        "https://kubernetes.io/docs/tasks/configure-pod-container/image-volumes/",
        "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/",
        "https://kubernetes.io/docs/reference/using-api/api-concepts/",
    ];

    /// Anchors known to exist on those pages.
    const KNOWN_ANCHORS: &[&str] = &[
        "image-names",
        "image-pull-policy",
        "imagepullpolicy-defaulting",
        "required-image-pull",
        "imagepullbackoff",
        "serial-and-parallel-image-pulls",
        "pre-pulled-images",
        "ensureimagepullcredentialverification",
        "alwayspullimages",
        "container-state-waiting",
    ];

    fn text(id: &str) -> String {
        entry(id)
            .unwrap_or_else(|| panic!("missing entry {id}"))
            .answer()
            .join("\n\n")
    }

    fn is_kebab(s: &str) -> bool {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    #[test]
    fn ids_are_exactly_the_published_ones_in_order() {
        let ids: Vec<&str> = entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, IDS);
    }

    #[test]
    fn ids_are_unique_kebab_case_and_found_by_entry() {
        let mut seen = HashSet::new();
        for e in entries() {
            assert!(is_kebab(e.id), "not kebab-case: {}", e.id);
            assert!(seen.insert(e.id), "duplicate id {}", e.id);
            let found = entry(e.id).expect("entry() finds every id");
            assert!(std::ptr::eq(found, e));
        }
        assert!(entry("no-such-entry").is_none());
        assert!(entry("").is_none());
    }

    #[test]
    fn answers_are_the_entries_in_the_same_order() {
        let ids: Vec<&str> = entries().iter().map(|e| e.id).collect();
        let answered: Vec<&str> = entries::ANSWERS.iter().map(|(id, _)| *id).collect();
        assert_eq!(answered, ids);
        assert_eq!(entry("field-typos").map(|e| e.answer().len()), Some(3));
    }

    #[test]
    fn every_entry_is_well_formed() {
        for e in entries() {
            assert!(
                e.question.ends_with('?'),
                "{}: question must end in ?",
                e.id
            );
            assert!(!e.answer().is_empty(), "{}: no answer", e.id);
            assert!(!e.links.is_empty(), "{}: no link", e.id);
            for p in e.answer() {
                assert!(!p.trim().is_empty(), "{}: empty paragraph", e.id);
                assert_eq!(p.trim(), *p, "{}: paragraph has outer whitespace", e.id);
                assert!(!p.contains('\n'), "{}: paragraph spans lines", e.id);
                assert_eq!(
                    p.matches('`').count() % 2,
                    0,
                    "{}: unbalanced backticks in {p:?}",
                    e.id
                );
                for bad in ["<", ">", "](", "**", "http://", "https://", "```"] {
                    assert!(!p.contains(bad), "{}: {bad:?} in {p:?}", e.id);
                }
            }
        }
    }

    #[test]
    fn links_are_known_kubernetes_io_pages() {
        for e in entries() {
            let mut seen = HashSet::new();
            for link in e.links {
                assert!(
                    link.starts_with("https://kubernetes.io/"),
                    "{}: {link}",
                    e.id
                );
                assert!(seen.insert(link), "{}: duplicate link {link}", e.id);
                let (page, anchor) = match link.split_once('#') {
                    Some((page, anchor)) => (page, Some(anchor)),
                    None => (*link, None),
                };
                assert!(KNOWN_PAGES.contains(&page), "{}: unknown page {page}", e.id);
                if let Some(anchor) = anchor {
                    assert!(
                        KNOWN_ANCHORS.contains(&anchor),
                        "{}: unknown anchor {anchor}",
                        e.id
                    );
                }
            }
        }
    }

    #[test]
    fn article_questions_are_marked_and_verbatim() {
        for (id, question) in ARTICLE {
            let e = entry(id).unwrap();
            assert!(e.from_article, "{id} must be from_article");
            assert_eq!(e.question, *question);
        }
        let marked = entries().iter().filter(|e| e.from_article).count();
        assert_eq!(marked, ARTICLE.len());
        // The article questions come first.
        for (e, (id, _)) in entries().iter().zip(ARTICLE) {
            assert_eq!(e.id, *id);
        }
    }

    #[test]
    fn serializes_with_camel_case_fields() {
        let json = serde_json::to_value(entry("always-redownload").unwrap()).unwrap();
        assert_eq!(json["id"], "always-redownload");
        assert_eq!(json["fromArticle"], false);
        assert!(json["answer"].as_array().is_some_and(|a| !a.is_empty()));
        assert!(json["links"].as_array().is_some_and(|a| !a.is_empty()));
        assert!(json.get("from_article").is_none());
    }

    // ----- Content guards against the article's myths (spec §8) -----

    #[test]
    fn what_is_does_not_repeat_the_cache_myths() {
        let t = text("what-is-imagepullpolicy");
        assert!(!t.contains("never uses the local cache"));
        // Always reuses the cache after a manifest request.
        assert!(t.contains("manifest") && t.contains("layers already present"));
        // IfNotPresent is per node and per reference string.
        assert!(t.contains("per node and per reference string"));
        // Never can fail: GC and, since 1.35, KEP-2535.
        assert!(t.contains("garbage collection"));
        assert!(t.contains("1.35") && t.contains("KEP-2535"));
        assert!(t.contains("`ErrImageNeverPull`"));
    }

    #[test]
    fn how_does_it_work_names_both_components() {
        let t = text("how-does-it-work");
        assert!(t.contains("API server") && t.contains("kubelet"));
        assert!(t.contains("restart"));
        assert!(t.contains("never re-pulled in place"));
    }

    #[test]
    fn per_container_answer_covers_all_container_kinds() {
        let t = text("different-policies-per-container");
        assert!(t.starts_with("Yes."));
        assert!(t.contains("init containers") && t.contains("ephemeral containers"));
        assert!(t.contains("`AlwaysPullImages`"));
    }

    #[test]
    fn change_after_creation_is_not_simply_yes() {
        let t = text("change-after-creation");
        assert!(!t.contains("simply"));
        assert!(t.starts_with("For a Pod, no."));
        assert!(t.contains("spec: Forbidden: pod updates may not change fields other than"));
        assert!(t.contains("rollout"));
        assert!(t.contains("decided once"));
    }

    #[test]
    fn always_does_not_redownload_but_needs_the_registry() {
        let t = text("always-redownload");
        assert!(t.starts_with("No."));
        assert!(t.contains("manifest request") && t.contains("layers"));
        assert!(t.contains("registry"));
    }

    #[test]
    fn registry_down_has_no_fallback_for_always() {
        let t = text("registry-down");
        assert!(t.contains("does not fall back"));
        assert!(t.contains("`ErrImagePull`") && t.contains("`ImagePullBackOff`"));
        assert!(t.contains("already running keep running"));
    }

    #[test]
    fn default_always_covers_no_tag_and_latest() {
        let t = text("why-default-always");
        assert!(t.contains("no tag") && t.contains("`nginx:latest`"));
        assert!(t.contains("`IfNotPresent`"));
    }

    #[test]
    fn digest_with_latest_tag_still_defaults_to_always() {
        let t = text("digest-default");
        assert!(t.contains(":latest@sha256:"));
        assert!(t.contains("still defaults to `Always`"));
        assert!(t.contains("`app@sha256:…` defaults to `IfNotPresent`"));
    }

    #[test]
    fn running_pod_policy_is_forbidden() {
        let t = text("change-running-pod");
        assert!(t.starts_with("No."));
        assert!(t.contains("Forbidden"));
        assert!(t.contains("pod updates may not change fields other than"));
    }

    #[test]
    fn never_pull_mentions_gc_and_credentials() {
        let t = text("err-image-never-pull");
        assert!(t.contains("is not present with pull policy of Never"));
        assert!(t.contains("garbage collection"));
        assert!(t.contains("KubeletEnsureSecretPulledImages"));
    }

    #[test]
    fn always_pull_images_names_its_gaps() {
        let t = text("always-pull-images");
        assert!(t.contains("not enabled by default"));
        assert!(t.contains("pods/ephemeralcontainers"));
        assert!(t.contains("Pods only"));
    }

    #[test]
    fn cached_private_images_covers_kep_2535() {
        let t = text("cached-private-images");
        assert!(t.contains("KubeletEnsureSecretPulledImages"));
        assert!(t.contains("NeverVerifyPreloadedImages") && t.contains("AlwaysVerify"));
        assert!(t.contains("1.35"));
    }

    #[test]
    fn latest_is_case_sensitive() {
        let t = text("latest-case");
        assert!(t.starts_with("No."));
        assert!(t.contains("case-sensitive"));
        assert!(t.contains("`nginx:LATEST`") && t.contains("`IfNotPresent`"));
    }

    #[test]
    fn invalid_names_fail_on_the_node() {
        let t = text("invalid-image-name");
        assert!(t.contains("does not check the syntax"));
        assert!(t.contains("`InvalidImageName`"));
        assert!(t.contains("Failed to apply default image tag"));
    }

    #[test]
    fn mutable_tags_diverge_per_node() {
        let t = text("mutable-tags-diverge");
        assert!(t.contains("each node decides on its own"));
        assert!(t.contains("digest"));
    }

    #[test]
    fn backoff_numbers_match_the_kubelet() {
        let t = text("image-pull-backoff");
        assert!(t.contains("10 seconds"));
        assert!(t.contains("300 seconds"));
        assert!(t.contains("600 seconds"));
    }

    #[test]
    fn image_volumes_are_gated_by_version() {
        let t = text("image-volumes");
        assert!(t.contains("KEP-4639") && t.contains("`ImageVolume`"));
        assert!(t.contains("1.31") && t.contains("1.35"));
        assert!(t.contains("per Pod"));
    }

    /// The releases the answers name are the version table's.
    #[test]
    fn versions_named_match_the_version_table() {
        use crate::versions::{Change, FeatureGate, Stage};
        let iv = FeatureGate::ImageVolume;
        let t = text("image-volumes");
        let stable = iv
            .history()
            .iter()
            .find(|(_, g)| g.stage == Stage::Stable)
            .map(|(v, _)| v.to_string());
        let on = iv.on_by_default_since().map(|v| v.to_string());
        assert!(t.contains(&format!("alpha in {}", iv.first())), "{t}");
        assert!(t.contains(&format!("on by default from {}", on.unwrap_or_default())));
        assert!(t.contains(&format!("stable in {}", stable.unwrap_or_default())));
        let sync = Change::ImageVolumesEnsuredOnlyAtContainerStart.since();
        assert!(t.contains(&format!("from {sync} it repeats the check only when")));
        assert!(t.contains(&format!(
            "Up to Kubernetes {}",
            sync.previous().map(|v| v.to_string()).unwrap_or_default()
        )));
        let kep = FeatureGate::KubeletEnsureSecretPulledImages;
        let on = kep
            .on_by_default_since()
            .map(|v| v.to_string())
            .unwrap_or_default();
        for id in [
            "what-is-imagepullpolicy",
            "cached-private-images",
            "err-image-never-pull",
        ] {
            assert!(text(id).contains(&format!("Kubernetes {on}")), "{id}");
        }
        let last_off = kep
            .on_by_default_since()
            .and_then(|v| v.previous())
            .map(|v| v.to_string())
            .unwrap_or_default();
        assert!(text("cached-private-images").contains(&format!(
            "alpha and off by default in {} and {last_off}",
            kep.first()
        )));
        // spec §9 correction: maxParallelImagePulls is GA in 1.35, not beta.
        let t = text("how-does-it-work");
        assert!(t.contains("`maxParallelImagePulls`") && t.contains("GA since Kubernetes 1.35"));
        assert!(!t.contains("beta since"));
    }

    #[test]
    fn typos_are_rejected_or_dropped() {
        let t = text("field-typos");
        assert!(t.contains("Unsupported value"));
        assert!(t.contains("unknown field"));
        assert!(t.contains("default"));
    }

    #[test]
    fn tone_is_neutral() {
        for e in entries() {
            let t = e.answer().join(" ");
            for phrase in ["always use ", "never use ", "simply", "best practice"] {
                assert!(
                    !t.to_lowercase().contains(phrase),
                    "{}: avoid blanket advice {phrase:?}",
                    e.id
                );
            }
        }
    }
}
