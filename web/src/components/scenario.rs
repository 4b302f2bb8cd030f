//! The scenario panel: node, registry, credentials, cluster and kubelet settings.
//! Every change re-explains at once (see [`crate::components::on_change`]).

use super::card::select;
use super::verdicts::RenderCx;
use crate::actions::{Click, Setting};
use crate::markup::{Html, SafeHtml};
use crate::state::Disclosures;
use pullpolicy::{CredentialVerification, Credentials, KubeVersion, NodeImage, Options, Registry};

/// The label of a node state.
pub fn node_label(n: NodeImage) -> &'static str {
    match n {
        NodeImage::Absent => "absent: not on the node",
        NodeImage::Present => "present: pulled earlier, still current",
        NodeImage::Stale => "stale: pulled earlier, the tag has moved since",
        NodeImage::Preloaded => "preloaded: put there outside the kubelet",
    }
}

/// The label of a registry state.
pub fn registry_label(r: Registry) -> &'static str {
    match r {
        Registry::Reachable => "reachable: serves the image",
        Registry::Unreachable => "unreachable: network or outage",
        Registry::NotFound => "not found: no such tag or digest",
    }
}

/// The label of a credentials state.
pub fn credentials_label(c: Credentials) -> &'static str {
    match c {
        Credentials::Public => "public image: none needed",
        Credentials::Valid => "private: the pull secret works",
        Credentials::Missing => "private: no working pull secret",
    }
}

/// The scenario panel's markup (`open`: the disclosures the user opened or closed).
pub fn render(o: &Options, open: &Disclosures) -> SafeHtml {
    let s = &o.scenario;
    let lines = crate::lines::LineIndex::default();
    let cx = RenderCx {
        lines: &lines,
        open,
        options: o,
    };
    let mut h = Html::new();
    h.raw("<div class=\"pane-head\"><h2 id=\"scenario-title\">Scenario</h2><span class=\"meta\">what the node, registry and cluster are like</span>");
    if *o != Options::default() {
        h.raw("<button type=\"button\" class=\"btn small\" id=\"reset-scenario\"");
        Click::ResetScenario.write(&mut h);
        h.raw(">Reset</button>");
    }
    h.raw("</div><div class=\"fields\">");
    let versions: Vec<String> = KubeVersion::all().map(|v| v.to_string()).collect();
    let current = o.kubernetes_version.to_string();
    select(
        &mut h,
        "sc-k8s",
        "Kubernetes",
        Setting::K8s,
        None,
        versions.iter().map(|v| (v.as_str(), v.as_str())),
        Some(&current),
        false,
    );
    select(
        &mut h,
        "sc-node",
        "Node image",
        Setting::Node,
        None,
        NodeImage::ALL.iter().map(|v| (v.as_str(), node_label(*v))),
        Some(s.node_image.as_str()),
        false,
    );
    select(
        &mut h,
        "sc-registry",
        "Registry",
        Setting::Registry,
        None,
        Registry::ALL
            .iter()
            .map(|v| (v.as_str(), registry_label(*v))),
        Some(s.registry.as_str()),
        false,
    );
    select(
        &mut h,
        "sc-credentials",
        "Credentials",
        Setting::Credentials,
        None,
        Credentials::ALL
            .iter()
            .map(|v| (v.as_str(), credentials_label(*v))),
        Some(s.credentials.as_str()),
        false,
    );
    h.raw("<div class=\"field check\"><input id=\"sc-api\" type=\"checkbox\"");
    Setting::Api.write(&mut h);
    if s.always_pull_images {
        h.raw(" checked");
    }
    h.raw("><label for=\"sc-api\">AlwaysPullImages admission plugin</label></div></div>");
    let advanced = s.ensure_secret_pulled_images.is_some()
        || s.credential_verification != CredentialVerification::default()
        || !s.allowlist.is_empty();
    super::card::disclosure(
        &mut h,
        &cx,
        "sc-advanced",
        "advanced",
        "Kubelet credential checks (KEP-2535)",
        advanced,
    );
    h.raw("<div class=\"fields\">");
    let (exists, on) = o.kubernetes_version.ensure_secret_pulled_images();
    let default_label = if !exists {
        format!(
            "not in {} (added in {})",
            o.kubernetes_version,
            pullpolicy::versions::FeatureGate::KubeletEnsureSecretPulledImages.first()
        )
    } else {
        format!(
            "{} default: {}",
            o.kubernetes_version,
            if on { "on" } else { "off" }
        )
    };
    let ensure = match s.ensure_secret_pulled_images {
        None => "default",
        Some(true) => "on",
        Some(false) => "off",
    };
    select(
        &mut h,
        "sc-ensure",
        "KubeletEnsureSecretPulledImages",
        Setting::Ensure,
        None,
        [
            ("default", default_label.as_str()),
            ("on", "on"),
            ("off", "off"),
        ]
        .into_iter(),
        Some(ensure),
        false,
    );
    select(
        &mut h,
        "sc-verify",
        "imagePullCredentialsVerificationPolicy",
        Setting::Verify,
        None,
        CredentialVerification::ALL
            .iter()
            .map(|v| (v.as_str(), v.as_str())),
        Some(s.credential_verification.as_str()),
        false,
    );
    h.raw("<div class=\"field wide\"><label for=\"sc-allowlist\">preloadedImagesVerificationAllowlist (comma-separated)</label><input id=\"sc-allowlist\" class=\"mono\" type=\"text\"");
    Setting::Allowlist.write(&mut h);
    h.raw(" placeholder=\"registry.k8s.io/pause, example.com/base/*\"")
        .attr("value", &s.allowlist.join(", "))
        .raw("></div></div>");
    super::card::disclosure_end(&mut h);
    if !s.overrides.is_empty() {
        h.raw("<div class=\"overrides\"><h3>Per-image overrides</h3><ul>");
        for ov in &s.overrides {
            let parts: Vec<String> = [
                ov.node_image.map(|n| format!("node {}", n.as_str())),
                ov.registry.map(|r| format!("registry {}", r.as_str())),
                ov.credentials
                    .map(|c| format!("credentials {}", c.as_str())),
            ]
            .into_iter()
            .flatten()
            .collect();
            h.raw("<li>")
                .el("code", "", &ov.image)
                .raw(": ")
                .text(&parts.join(", "))
                .raw(" <button type=\"button\" class=\"btn small\"");
            Click::RmOverride(ov.image.clone()).write(&mut h);
            h.attr(
                "aria-label",
                &format!("Remove the override for {}", ov.image),
            )
            .raw(">Remove</button></li>");
        }
        h.raw("</ul></div>");
    }
    h.finish()
}
