//! Every fact at the releases on both sides of its change, and the served-kinds data.

use super::*;
use crate::fields::ObjectType;

fn v(minor: u8) -> KubeVersion {
    KubeVersion::new(minor).expect("supported version")
}

/// Asserts that `fact` is false up to `first - 1` and true from `first` on, over every
/// supported release (so at both sides of the change).
fn flips_at(name: &str, fact: impl Fn(KubeVersion) -> bool, first: u8) {
    assert!(
        !fact(v(first - 1)),
        "{name}: already true in 1.{}",
        first - 1
    );
    assert!(fact(v(first)), "{name}: not yet true in 1.{first}");
    for version in KubeVersion::all() {
        assert_eq!(
            fact(version),
            version.minor() >= first,
            "{name} in {version}"
        );
    }
}

#[test]
fn range_and_default() {
    assert_eq!(KubeVersion::OLDEST.to_string(), "1.28");
    assert_eq!(KubeVersion::NEWEST.to_string(), "1.37");
    assert_eq!(KubeVersion::default(), KubeVersion::NEWEST);
    assert_eq!(KubeVersion::all().count(), 10);
    assert_eq!(KubeVersion::supported_range(), "1.28 to 1.37");
    assert_eq!(KubeVersion::new(27), None);
    assert_eq!(KubeVersion::new(38), None);
    assert_eq!(KubeVersion::OLDEST.previous(), None);
    assert_eq!(v(37).previous(), Some(v(36)));
    assert_eq!(KubeVersion::parse("v1.37.1"), Ok(v(37)));
    assert_eq!(
        KubeVersion::parse("1.38"),
        Err("unsupported Kubernetes version \"1.38\": supported versions are 1.28 to 1.37".into())
    );
    assert_eq!(
        serde_json::to_string(&v(37)).ok().as_deref(),
        Some("\"1.37\"")
    );
    assert_eq!(
        serde_json::from_str::<KubeVersion>("\"1.29\"").ok(),
        Some(v(29))
    );
    assert!(serde_json::from_str::<KubeVersion>("\"1.27\"").is_err());
}

#[test]
fn generated_tables_cover_the_supported_releases() {
    assert_eq!(crate::fields::MIN_MINOR, KubeVersion::OLDEST.minor());
    assert_eq!(crate::fields::MAX_MINOR, KubeVersion::NEWEST.minor());
    assert_eq!(served::FIRST_MINOR, KubeVersion::OLDEST.minor());
    assert_eq!(served::LAST_MINOR, KubeVersion::NEWEST.minor());
}

/// The table's own rows: each change flips exactly at its release.
#[test]
fn every_change_flips_at_its_release() {
    for &change in Change::ALL {
        let since = change.since();
        let before = since.previous().expect("no change predates 1.29");
        flips_at(
            &format!("{change:?}"),
            |version| version.has(change),
            since.minor(),
        );
        assert!(!before.has(change) && since.has(change));
    }
    assert!(Change::ALL.windows(2).all(|w| w[0].since() <= w[1].since()));
}

/// The named facts, at the boundaries the sources give (independent of the table's rows).
#[test]
fn named_facts_at_both_sides() {
    type Fact = (&'static str, fn(KubeVersion) -> bool, u8);
    let facts: &[Fact] = &[
        // spec §9: `Image size: N bytes.` around 1.30.
        (
            "image size in Pulled",
            KubeVersion::pulled_event_reports_image_size,
            30,
        ),
        // kubernetes#127918.
        (
            "back-off repeats the error",
            KubeVersion::backoff_message_repeats_error,
            32,
        ),
        // spec §4.3 vs §4.10.
        (
            "Always skips the presence check",
            KubeVersion::always_skips_presence_check,
            33,
        ),
        // reading spec §1: v0.32 JSON only, v0.33 falls back.
        (
            "JSON stream falls back to YAML",
            KubeVersion::json_stream_falls_back_to_yaml,
            33,
        ),
        // How kubectl reads (`read::ReadOptions`): sigs.k8s.io/yaml v1.4.0 from 1.30
        // (apimachinery v0.29 requires v1.3.0), the fixed JSON fallback from 1.34.
        (
            "sigs.k8s.io/yaml v1.4.0",
            |v| !v.read_options().sigs_yaml_v1_3,
            30,
        ),
        (
            "JSON fallback without 1.33's panic",
            |v| v.read_options().json == crate::read::JsonStreams::Fallback,
            34,
        ),
        (
            "JSON fallback at all",
            |v| v.read_options().json != crate::read::JsonStreams::JsonOnly,
            33,
        ),
        // reading spec §6: apimachinery v0.34.0.
        (
            "bad values via json.Marshal",
            KubeVersion::renders_bad_values_with_json_marshal,
            34,
        ),
        // kubernetes#131790 (CHANGELOG-1.34).
        (
            "StatefulSet pod templates validated",
            KubeVersion::validates_statefulset_pod_templates,
            34,
        ),
        // kubernetes#137629.
        (
            "allowlist normalized",
            KubeVersion::allowlist_matches_normalized_names,
            36,
        ),
        // kubernetes#135989.
        (
            "image-volume reference required in templates",
            KubeVersion::image_volume_reference_required_in_templates,
            37,
        ),
        // kubernetes#138655.
        (
            "image volumes only at container start",
            KubeVersion::image_volumes_ensured_only_at_container_start,
            37,
        ),
        // spec §1.6.
        ("image volumes exist", KubeVersion::has_image_volumes, 31),
        (
            "ImageVolume on by default",
            KubeVersion::image_volume_default,
            35,
        ),
        // spec §6.1.
        (
            "KEP-2535 gate exists",
            |v| v.ensure_secret_pulled_images().0,
            33,
        ),
        (
            "KEP-2535 on by default",
            |v| v.ensure_secret_pulled_images().1,
            35,
        ),
        (
            "KEP-2535 default policy",
            |v| {
                v.default_credential_verification()
                    == Some(CredentialVerification::NeverVerifyPreloadedImages)
            },
            33,
        ),
    ];
    for &(name, fact, first) in facts {
        flips_at(name, fact, first);
    }
    assert_eq!(v(32).default_credential_verification(), None);
}

#[test]
fn reference_library_by_release() {
    let rules: Vec<Rules> = KubeVersion::all()
        .map(KubeVersion::reference_rules)
        .collect();
    let mut expected = vec![Rules::DockerDistribution];
    expected.extend([Rules::Legacy; 3]);
    expected.extend([Rules::V0_6; 6]);
    assert_eq!(rules, expected);
    // Both sides of both changes, and 1.37 still v0.6.0 (kubernetes-1.37.md §2.3).
    assert_eq!(v(28).reference_rules(), Rules::DockerDistribution);
    assert_eq!(v(29).reference_rules(), Rules::Legacy);
    assert_eq!(v(31).reference_rules(), Rules::Legacy);
    assert_eq!(v(32).reference_rules(), Rules::V0_6);
    assert_eq!(v(37).reference_rules(), Rules::V0_6);
}

#[test]
fn feature_gate_stages() {
    let state = |stage, default| Some(GateState { stage, default });
    let image_volume: Vec<_> = KubeVersion::all()
        .map(|v| v.gate(FeatureGate::ImageVolume))
        .collect();
    assert_eq!(
        image_volume,
        [
            None,
            None,
            None,
            state(Stage::Alpha, false),
            state(Stage::Alpha, false),
            state(Stage::Beta, false),
            state(Stage::Beta, false),
            state(Stage::Beta, true),
            state(Stage::Stable, true),
            state(Stage::Stable, true),
        ]
    );
    let ensure: Vec<_> = KubeVersion::all()
        .map(|v| v.gate(FeatureGate::KubeletEnsureSecretPulledImages))
        .collect();
    let mut expected = vec![None; 5];
    expected.extend([state(Stage::Alpha, false); 2]);
    // Still beta, on by default, in 1.37 (kubernetes-1.37.md §1): not GA.
    expected.extend([state(Stage::Beta, true); 3]);
    assert_eq!(ensure, expected);
    assert_eq!(FeatureGate::ImageVolume.first(), v(31));
    assert_eq!(FeatureGate::ImageVolume.on_by_default_since(), Some(v(35)));
    assert_eq!(FeatureGate::KubeletEnsureSecretPulledImages.first(), v(33));
    assert_eq!(
        FeatureGate::KubeletEnsureSecretPulledImages.on_by_default_since(),
        Some(v(35))
    );
    for &gate in FeatureGate::ALL {
        let h = gate.history();
        assert!(h.windows(2).all(|w| w[0].0 < w[1].0), "{}", gate.name());
        // Each row holds from its release up to the next row, and not the release before.
        for (i, &(since, row)) in h.iter().enumerate() {
            assert_eq!(since.gate(gate), Some(row));
            assert_ne!(since.previous().and_then(|p| p.gate(gate)), Some(row));
            if let Some(&(next, _)) = h.get(i + 1) {
                assert_eq!(next.previous().and_then(|p| p.gate(gate)), Some(row));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Served group/version/kinds.

#[test]
fn workloads_the_core_reads_are_served_in_every_release() {
    for &ty in ObjectType::ALL {
        let Some((api_version, kind)) = ty.kind() else {
            continue;
        };
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        for release in KubeVersion::all() {
            assert!(
                release.serves(group, version, kind),
                "{api_version} {kind} in {release}"
            );
        }
    }
}

#[test]
fn removed_apis_are_not_served() {
    // kubernetes.io "Deprecated API Migration Guide".
    for (group, version, kind) in [
        ("extensions", "v1beta1", "Deployment"),
        ("extensions", "v1beta1", "DaemonSet"),
        ("extensions", "v1beta1", "Ingress"),
        ("apps", "v1beta1", "Deployment"),
        ("apps", "v1beta2", "StatefulSet"),
        ("batch", "v1beta1", "CronJob"),
        ("policy", "v1beta1", "PodSecurityPolicy"),
        ("policy", "v1beta1", "PodDisruptionBudget"),
        ("autoscaling", "v2beta1", "HorizontalPodAutoscaler"),
        ("autoscaling", "v2beta2", "HorizontalPodAutoscaler"),
        ("networking.k8s.io", "v1beta1", "Ingress"),
        ("flowcontrol.apiserver.k8s.io", "v1beta1", "FlowSchema"),
    ] {
        for release in KubeVersion::all() {
            assert!(
                !release.serves(group, version, kind),
                "{group}/{version} {kind} in {release}"
            );
        }
        assert!(
            !v(28).serves_group_version(group, version),
            "{group}/{version}"
        );
    }
}

#[test]
fn flowcontrol_betas_until_their_removal() {
    let g = "flowcontrol.apiserver.k8s.io";
    // v1beta2: legacy beta, removed in 1.29; v1beta3: legacy beta, removed in 1.32; v1 from 1.29.
    assert!(v(28).serves(g, "v1beta2", "FlowSchema") && !v(29).serves(g, "v1beta2", "FlowSchema"));
    assert!(v(31).serves(g, "v1beta3", "PriorityLevelConfiguration"));
    assert!(!v(32).serves(g, "v1beta3", "PriorityLevelConfiguration"));
    assert!(!v(28).serves(g, "v1", "FlowSchema") && v(29).serves(g, "v1", "FlowSchema"));
    assert!(v(31).serves_group_version(g, "v1beta3") && !v(32).serves_group_version(g, "v1beta3"));
    let versions = |release: KubeVersion| -> Vec<String> {
        release
            .served_versions(g, "FlowSchema")
            .map(|gv| gv.to_string())
            .collect()
    };
    assert_eq!(
        versions(v(28)),
        [format!("{g}/v1beta3"), format!("{g}/v1beta2")]
    );
    assert_eq!(versions(v(29)), [format!("{g}/v1"), format!("{g}/v1beta3")]);
    assert_eq!(versions(v(32)), [format!("{g}/v1")]);
}

#[test]
fn alpha_and_off_by_default_betas_are_not_served() {
    for (group, version, kind, releases) in [
        // Alpha: never by default.
        (
            "admissionregistration.k8s.io",
            "v1alpha1",
            "ValidatingAdmissionPolicy",
            28..=31,
        ),
        (
            "internal.apiserver.k8s.io",
            "v1alpha1",
            "StorageVersion",
            28..=37,
        ),
        ("resource.k8s.io", "v1alpha3", "DeviceTaintRule", 33..=37),
        // Beta since 1.24: off by default (KEP-3136).
        (
            "admissionregistration.k8s.io",
            "v1beta1",
            "ValidatingAdmissionPolicy",
            28..=33,
        ),
        (
            "admissionregistration.k8s.io",
            "v1beta1",
            "MutatingAdmissionPolicy",
            34..=37,
        ),
        (
            "authentication.k8s.io",
            "v1beta1",
            "SelfSubjectReview",
            28..=32,
        ),
        (
            "certificates.k8s.io",
            "v1beta1",
            "ClusterTrustBundle",
            33..=37,
        ),
        ("coordination.k8s.io", "v1beta1", "LeaseCandidate", 33..=37),
        ("networking.k8s.io", "v1beta1", "ServiceCIDR", 31..=36),
        ("resource.k8s.io", "v1beta1", "ResourceClaim", 32..=37),
        ("resource.k8s.io", "v1beta2", "ResourceClaim", 33..=37),
        ("scheduling.k8s.io", "v1beta1", "Workload", 37..=37),
        (
            "storage.k8s.io",
            "v1beta1",
            "VolumeAttributesClass",
            31..=36,
        ),
        (
            "storagemigration.k8s.io",
            "v1beta1",
            "StorageVersionMigration",
            35..=37,
        ),
    ] {
        for minor in releases {
            assert!(
                !v(minor).serves(group, version, kind),
                "{group}/{version} {kind} in 1.{minor}"
            );
        }
    }
}

#[test]
fn ga_apis_from_their_release() {
    for (group, kind, first) in [
        (
            "admissionregistration.k8s.io",
            "ValidatingAdmissionPolicy",
            30,
        ),
        ("networking.k8s.io", "ServiceCIDR", 33),
        ("networking.k8s.io", "IPAddress", 33),
        ("resource.k8s.io", "ResourceClaim", 34),
        ("storage.k8s.io", "VolumeAttributesClass", 34),
        (
            "admissionregistration.k8s.io",
            "MutatingAdmissionPolicy",
            36,
        ),
        // 1.37: ClusterTrustBundle (kubernetes#139437), PodCertificateRequest
        // (kubernetes#139579), DeviceTaintRule (KEP-5055), StorageVersionMigration.
        ("certificates.k8s.io", "ClusterTrustBundle", 37),
        ("certificates.k8s.io", "PodCertificateRequest", 37),
        ("resource.k8s.io", "DeviceTaintRule", 37),
        ("storagemigration.k8s.io", "StorageVersionMigration", 37),
    ] {
        flips_at(
            &format!("{group}/v1 {kind}"),
            |release| release.serves(group, "v1", kind),
            first,
        );
    }
    assert!(!v(36).serves_group_version("storagemigration.k8s.io", "v1"));
    assert!(v(37).serves_group_version("storagemigration.k8s.io", "v1"));
}

#[test]
fn only_what_discovery_maps() {
    let r = KubeVersion::NEWEST;
    // Subresource-only kinds: the discovery REST mapper skips resources with a `/`.
    assert!(!r.serves("policy", "v1", "Eviction"));
    assert!(!r.serves("autoscaling", "v1", "Scale"));
    assert!(!r.serves("authentication.k8s.io", "v1", "TokenRequest"));
    // `bindings` is also a top-level resource.
    assert!(r.serves("", "v1", "Binding"));
    // The REST mapper's own derivations are not in the table.
    assert!(!r.serves("", "v1", "PodList"));
    assert!(!r.serves("", "v1", "List"));
    assert!(!r.serves("apps", "v1", "deployment"));
    // Exact, case-sensitive names.
    assert!(!r.serves("Apps", "v1", "Deployment"));
    assert!(!r.serves("apps", "V1", "Deployment"));
    assert!(!r.serves("", "v1", "Deployment"));
    assert!(!r.serves("example.com", "v1", "Widget"));
    assert!(r.serves_group_version("", "v1") && r.serves_group_version("apps", "v1"));
    assert!(!r.serves_group_version("apps", "v2") && !r.serves_group_version("example.com", "v1"));
}

#[test]
fn where_a_kind_is_served() {
    let r = KubeVersion::NEWEST;
    let names = |it: &mut dyn Iterator<Item = GroupVersion>| -> Vec<String> {
        it.map(|gv| gv.to_string()).collect()
    };
    assert_eq!(
        names(&mut r.served_versions("apps", "Deployment")),
        ["apps/v1"]
    );
    assert_eq!(
        names(&mut r.served_versions("autoscaling", "HorizontalPodAutoscaler")),
        ["autoscaling/v2", "autoscaling/v1"]
    );
    assert_eq!(
        names(&mut r.served_versions("extensions", "Deployment")),
        Vec::<String>::new()
    );
    assert_eq!(names(&mut r.served_as("Deployment")), ["apps/v1"]);
    assert_eq!(names(&mut r.served_as("CronJob")), ["batch/v1"]);
    assert_eq!(names(&mut r.served_as("Pod")), ["v1"]);
    assert_eq!(names(&mut r.served_as("Event")), ["v1", "events.k8s.io/v1"]);
    assert_eq!(names(&mut r.served_as("deployment")), Vec::<String>::new());
    assert_eq!(
        names(&mut v(28).served_as("ValidatingAdmissionPolicy")),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&mut v(30).served_as("ValidatingAdmissionPolicy")),
        ["admissionregistration.k8s.io/v1"]
    );
    let gv = GroupVersion {
        group: "",
        version: "v1",
    };
    assert_eq!(gv.to_string(), "v1");
}

#[test]
fn builtin_groups() {
    for group in [
        "",
        "apps",
        "batch",
        "policy",
        "autoscaling",
        "extensions",
        "networking.k8s.io",
        "rbac.authorization.k8s.io",
        "flowcontrol.apiserver.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        // Registered, never served by default.
        "admission.k8s.io",
        "imagepolicy.k8s.io",
        "internal.apiserver.k8s.io",
    ] {
        assert!(is_builtin_group(group), "{group:?}");
    }
    for group in [
        "example.com",
        "argoproj.io",
        "gateway.networking.k8s.io",
        "snapshot.storage.k8s.io",
        "metrics.k8s.io",
        "Apps",
        "apps ",
        "k8s.io",
    ] {
        assert!(!is_builtin_group(group), "{group:?}");
    }
}

#[test]
fn served_table_is_well_formed() {
    let names = |starts: &[u16]| -> Vec<&'static str> {
        (0..starts.len() - 1)
            .map(|i| name(starts, u8::try_from(i).expect("fits")))
            .collect()
    };
    let (groups, versions, kinds) = (
        names(served::GROUPS),
        names(served::VERSIONS),
        names(served::KINDS),
    );
    assert_eq!(groups.len(), 27);
    assert_eq!(groups[0], "");
    assert!(groups.windows(2).all(|w| w[0] < w[1]));
    assert!(kinds.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(versions, ["v2", "v1", "v1beta3", "v1beta2"]);
    // The tables tile NAMES exactly.
    assert_eq!(served::GROUPS.last(), served::VERSIONS.first());
    assert_eq!(served::VERSIONS.last(), served::KINDS.first());
    assert_eq!(
        served::KINDS.last().map(|&e| usize::from(e)),
        Some(served::NAMES.len())
    );
    assert_eq!(name(served::GROUPS, 200), "");
    assert!(
        served::SERVED
            .windows(2)
            .all(|w| (w[0].0, w[0].1, w[0].2) < (w[1].0, w[1].1, w[1].2))
    );
    let releases = u32::from(KubeVersion::NEWEST.minor() - KubeVersion::OLDEST.minor()) + 1;
    for &(g, version, k, mask) in served::SERVED {
        let group = groups[usize::from(g)];
        let kind = kinds[usize::from(k)];
        let version = versions[usize::from(version)];
        assert!(
            mask != 0 && mask >> releases == 0,
            "{group}/{version} {kind}"
        );
        assert!(!version.contains("alpha"), "{group}/{version}");
        assert!(
            !version.contains("beta") || group == "flowcontrol.apiserver.k8s.io",
            "{group}/{version}"
        );
        // The lookups find every row.
        let first = KubeVersion::all().find(|r| r.serves(group, version, kind));
        assert!(first.is_some(), "{group}/{version} {kind}");
    }
    // Every kind name is used.
    for (i, kind) in kinds.iter().enumerate() {
        assert!(
            served::SERVED.iter().any(|r| usize::from(r.2) == i),
            "{kind}"
        );
    }
}

/// The stages in words, as findings explain them, come from the gate rows (and read as
/// the text written before the table existed).
#[test]
fn gate_stages_in_words() {
    assert_eq!(
        crate::messages::gate_stages(FeatureGate::ImageVolume),
        "alpha in 1.31–1.32, beta but off in 1.33–1.34, on by default from 1.35 and GA in 1.36"
    );
    assert_eq!(
        crate::messages::gate_stages(FeatureGate::KubeletEnsureSecretPulledImages),
        "alpha in 1.33–1.34 and on by default from 1.35"
    );
}

/// The image-volume gate finding words the stages as the gate rows give them.
#[test]
fn image_volume_gate_finding_names_the_gate_rows() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: \"nginx:1.25\"}]\n  volumes: [{name: data, image: {reference: \"registry.example.com/data:v1\"}}]\n";
    let off = FeatureGate::ImageVolume
        .on_by_default_since()
        .and_then(KubeVersion::previous)
        .expect("a release with the gate off");
    let report = crate::explain(
        yaml,
        &crate::Options {
            kubernetes_version: off,
            ..crate::Options::default()
        },
    );
    let finding = report.documents[0].entries[0]
        .findings
        .iter()
        .find(|f| f.rule == "image-volume-gate")
        .expect("the gate finding");
    assert_eq!(
        finding.explanation,
        format!(
            "The gate is {}. With it off, the API server neither defaults nor serves this volume source.",
            crate::messages::gate_stages(FeatureGate::ImageVolume)
        )
    );
}

#[test]
fn nearest_supported_release() {
    // A kubelet read from evidence may be older or newer than the table.
    assert_eq!(KubeVersion::nearest(20), v(28));
    assert_eq!(KubeVersion::nearest(28), v(28));
    assert_eq!(KubeVersion::nearest(33), v(33));
    assert_eq!(KubeVersion::nearest(37), v(37));
    assert_eq!(KubeVersion::nearest(45), v(37));
    assert_eq!(KubeVersion::nearest(u16::MAX), v(37));
    assert_eq!(
        KubeVersion::nearest(20).reference_rules(),
        Rules::DockerDistribution
    );
}
