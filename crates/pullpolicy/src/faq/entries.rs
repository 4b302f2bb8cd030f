//! The FAQ entries themselves (data only; see the parent module for the rules).
//!
//! Every statement follows the project spec `kubernetes-pull-semantics.md`
//! (section numbers in the comments). Versions refer to Kubernetes releases.

use super::FaqEntry;

// Links: kubernetes.io pages and anchors that exist (the images page anchors
// were checked against the source of `content/en/docs/concepts/containers/images.md`;
// the "Default image pull policy" heading carries the explicit anchor
// `imagepullpolicy-defaulting`).
const IMAGE_NAMES: &str = "https://kubernetes.io/docs/concepts/containers/images/#image-names";
const PULL_POLICY: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy";
const DEFAULTING: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting";
const REQUIRED_PULL: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#required-image-pull";
const BACKOFF: &str = "https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff";
const SERIAL_PULLS: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#serial-and-parallel-image-pulls";
const PRE_PULLED: &str = "https://kubernetes.io/docs/concepts/containers/images/#pre-pulled-images";
const CREDENTIAL_VERIFICATION: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#ensureimagepullcredentialverification";
const ALWAYS_PULL_IMAGES: &str = "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages";
const DEPLOYMENTS: &str = "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/";
const POD_API: &str =
    "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/";
const WAITING_STATE: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-state-waiting";
const IMAGE_VOLUMES: &str =
    "https://kubernetes.io/docs/tasks/configure-pod-container/image-volumes/";
const KUBELET_CONFIG: &str =
    "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/";
const API_CONCEPTS: &str = "https://kubernetes.io/docs/reference/using-api/api-concepts/";

/// Builds [`ENTRIES`] and [`ANSWERS`] from one list, so that each answer stays written
/// under its question. The answers are a table of their own so that a program that
/// lists the questions without showing the answers (the playground's first load) does
/// not link them.
macro_rules! entries {
    ($({
        id: $id:literal,
        question: $question:literal,
        answer: [$($paragraph:literal),+ $(,)?],
        links: $links:expr,
        from_article: $from_article:literal $(,)?
    }),+ $(,)?) => {
        /// All entries, in display order: the four questions of the seed article first.
        pub(super) static ENTRIES: &[FaqEntry] = &[$(FaqEntry {
            id: $id,
            question: $question,
            links: $links,
            from_article: $from_article,
        }),+];

        /// Each entry's answer, by id, in the same order.
        pub(super) static ANSWERS: &[(&str, &[&str])] = &[$(($id, &[$($paragraph),+])),+];
    };
}

// All entries, in display order: the four questions of the seed article first.
entries! {
    // ----- The four questions from the seed article (corrected answers) -----
    // Article myths corrected: "Always never uses the local cache" (§4.5),
    // "IfNotPresent ... matching your specific tag" without per-node scope (§4.9),
    // "Never" as always working (§4.7, §6.4).
    {
        id: "what-is-imagepullpolicy",
        question: "What is an ImagePullPolicy?",
        answer: [
            "`imagePullPolicy` is a field of each container in a Pod or Pod template. It tells the kubelet whether to ask the container runtime to pull the container's image before starting that container. It is not a separate configuration file or an image label, and it does not decide which registries or images are allowed.",
            "`Always`: every time the kubelet starts the container, it asks the runtime to pull. The pull resolves the image name to a digest with a small manifest request. If an image with that digest is already on the node it is reused, and layers already present are not downloaded again. The registry must be reachable at that moment: there is no fallback to the cached copy.",
            "`IfNotPresent`: the kubelet asks the runtime whether this node already has an image for this exact reference (for example `nginx:1.25`) and pulls only if it does not. The check is per node and per reference string; it does not ask the registry whether the tag now points to different content, so different nodes can hold different content for the same tag.",
            "`Never`: the kubelet never pulls. If the image is on the node the container starts; otherwise the container fails with `ErrImageNeverPull`. Images can disappear through image garbage collection, and since Kubernetes 1.35 (kubelet credential verification, KEP-2535, on by default) a Pod without credentials for a private image that the kubelet pulled earlier fails the same way.",
            "If you leave the field out, the API server fills it in when the object is created: `Always` when the image has no tag or the tag `latest`, `IfNotPresent` otherwise.",
        ],
        links: &[PULL_POLICY, DEFAULTING],
        from_article: true,
    },
    // Article: "When a pod is created or updated, the ImagePullPolicy ... is used".
    // Corrected: defaulting at creation (§1), kubelet applies it on every container
    // start (§4.1, §4.3), running containers are not re-pulled (§4.5).
    {
        id: "how-does-it-work",
        question: "How does ImagePullPolicy work in Kubernetes?",
        answer: [
            "Two components are involved. The API server fills in a default when the field is empty on creation (`Always` for no tag or the tag `latest`, `IfNotPresent` otherwise) and validates the value: only `Always`, `IfNotPresent` and `Never` are accepted, with exactly that capitalisation.",
            "The kubelet applies the policy on the node each time it starts a container: the first start, every restart after the container exits or crashes, and the restart caused by changing the container's `image`. Running containers are never re-pulled in place; a pull only happens when a container is started or restarted.",
            "Before anything else the kubelet parses the image name and adds `:latest` when there is neither tag nor digest; a name that does not parse fails with `InvalidImageName`. With `IfNotPresent` or `Never` it then asks the runtime whether that reference is present on this node. With `Always` current kubelets skip that check and always ask the runtime to pull.",
            "The container runtime does the actual pull. The kubelet never pulls several images in parallel for one Pod, and by default it pulls one image at a time per node (`serializeImagePulls`). With `serializeImagePulls: false` it pulls in parallel, up to `maxParallelImagePulls` at once (GA since Kubernetes 1.35; unset means no limit). A failed pull shows as `ErrImagePull` and then `ImagePullBackOff` while the kubelet waits before retrying.",
        ],
        links: &[PULL_POLICY, DEFAULTING, SERIAL_PULLS],
        from_article: true,
    },
    // Article answer is right in substance; made precise (§1.1, §1.3, §1.6, §5).
    {
        id: "different-policies-per-container",
        question: "Can I specify different ImagePullPolicy values for different containers in the same pod?",
        answer: [
            "Yes. The field belongs to each container, including init containers and ephemeral containers, so one Pod can mix `Always`, `IfNotPresent` and `Never`.",
            "Defaults are per container too: an empty field is filled from that container's own image. A Pod with `app:latest` and `sidecar:1.4` and no explicit policies gets `Always` for the first container and `IfNotPresent` for the second.",
            "Image volumes have their own `pullPolicy` field, independent of the containers that mount them.",
            "One exception: a cluster that enables the `AlwaysPullImages` admission controller sets every container of a Pod to `Always` when the Pod is created, whatever the manifest says. Ephemeral containers added later, as `kubectl debug` does, are not changed by it.",
        ],
        links: &[PULL_POLICY, ALWAYS_PULL_IMAGES],
        from_article: true,
    },
    // Article: "Yes, simply modify your configuration files and push a new config".
    // Corrected: immutable on Pods (§2.4), template change rolls out (§2.5),
    // default set once at creation (§1.5).
    {
        id: "change-after-creation",
        question: "Can I change the ImagePullPolicy after a pod or deployment has been created?",
        answer: [
            "For a Pod, no. `imagePullPolicy` cannot be updated on an existing Pod: the API server rejects the change with an error that starts with `spec: Forbidden: pod updates may not change fields other than` followed by the few fields that may change. To use another policy, delete the Pod and create it again.",
            "For a Deployment, StatefulSet, DaemonSet or similar workload, yes: the field is part of the Pod template, which you can edit. Changing the template starts a rollout, so the existing Pods are replaced by new Pods that carry the new policy, following the workload's update strategy. The existing Pods are not modified in place.",
            "The default is decided once, when the object is created. If you later change only the image, for example from `app:1.2` to `app:latest`, the stored policy stays `IfNotPresent`: edits that leave the field alone, such as `kubectl set image`, `kubectl edit` or `kubectl apply` of a manifest without the field, keep the stored value. If the policy should follow the new tag, set it explicitly in the same change.",
        ],
        links: &[DEFAULTING, DEPLOYMENTS, POD_API],
        from_article: true,
    },
    // ----- Further questions -----
    // §4.5, §4.6, §7.
    {
        id: "always-redownload",
        question: "Does Always re-download the image?",
        answer: [
            "No. With `Always` the kubelet asks the runtime to pull every time it starts the container, but the pull first resolves the tag to a digest with a small manifest request. If an image with that digest is already on the node it is used as it is; otherwise only the layers that are missing are downloaded.",
            "What `Always` does cost: the registry is in the path of every container start, including restarts; private images need valid credentials at that moment; and every pull counts against the kubelet's pull rate limit (`registryPullQPS`, default 5 per second with a burst of 10).",
            "You see `Pulling` and `Pulled` events on every start with `Always`. They do not by themselves mean that layers were downloaded.",
            "How much is fetched in the end depends on the container runtime's caching; the Kubernetes documentation describes `Always` as efficient as long as the registry is reliably accessible.",
        ],
        links: &[PULL_POLICY, KUBELET_CONFIG],
        from_article: false,
    },
    // §4.5, §4.7, §6.4.
    {
        id: "registry-down",
        question: "What happens when the registry is down?",
        answer: [
            "Containers that are already running keep running: the kubelet only pulls when a container starts or restarts. What happens to a start depends on the policy.",
            "`Always`: the pull fails, and the kubelet does not fall back to a cached copy even if the image is on the node. The container waits with `ErrImagePull` and then `ImagePullBackOff` until the registry answers again. This also applies when a running container crashes and is restarted during the outage.",
            "`IfNotPresent`: nodes that already have the image under that reference start the container from their cache. Nodes that do not (new nodes, or nodes where image garbage collection removed it) fail as with `Always`. Since Kubernetes 1.35 the kubelet also pulls again when a Pod's credentials do not match those recorded for a private image the kubelet pulled, and that pull fails during an outage.",
            "`Never`: the registry is not involved; only the presence of the image on the node matters.",
            "The waiting reason is usually `ErrImagePull` with the runtime's error text, for example a refused connection while resolving the manifest. Relying on the cache (`IfNotPresent` with fixed tags or digests, or pre-pulled images) reduces the dependence on the registry, at the price of not picking up a tag that was moved.",
        ],
        links: &[PULL_POLICY, BACKOFF],
        from_article: false,
    },
    // §1.1, §1.2, §1.5, §7.
    {
        id: "why-default-always",
        question: "Why did my image default to Always?",
        answer: [
            "Because the `imagePullPolicy` field was empty when the object was created and the image's tag is `latest`: either written out (`nginx:latest`) or implied because there is no tag and no digest (`nginx`, `registry.example.com/team/app`). In that case the API server sets `Always`; for any other tag, or a digest without the `latest` tag, it sets `IfNotPresent`.",
            "The comparison is exact: only the lowercase tag `latest` counts, and it still counts when a digest follows it (`app:latest@sha256:…`).",
            "For built-in workloads the default is set on the Pod template when the Deployment, StatefulSet, Job or other object is created, and the Pods copy it. A later change of the image does not re-evaluate it.",
            "If you want `IfNotPresent`, set it explicitly or use a specific tag. If you rely on `latest` to pick up new builds, `Always` is what makes each start fetch the current tag. The Kubernetes documentation advises against `latest` in production because the running version is harder to track and to roll back.",
        ],
        links: &[DEFAULTING, REQUIRED_PULL],
        from_article: false,
    },
    // §1.2 (tag latest + digest => Always, inference from code), §7.
    {
        id: "digest-default",
        question: "How does a digest change the default?",
        answer: [
            "The default depends only on the tag. A digest matters because an image with a digest and no tag has no implied `latest`: `app@sha256:…` defaults to `IfNotPresent`, and so does `app:1.4@sha256:…`.",
            "`app:latest@sha256:…` still defaults to `Always`, because its tag is `latest`; the digest does not override that. This follows from the defaulting code; the documentation's short rule that a digest means `IfNotPresent` does not mention this case.",
            "When an image has both a tag and a digest, only the digest is used for pulling. A digest names fixed content, so `IfNotPresent` with a digest runs the same image on every node. With `Always` the kubelet still asks the runtime to pull on every start, which keeps the registry in the path although the content cannot change.",
        ],
        links: &[DEFAULTING, IMAGE_NAMES],
        from_article: false,
    },
    // §2.4, §2.5.
    {
        id: "change-running-pod",
        question: "Can I change the policy of a running Pod?",
        answer: [
            "No. `imagePullPolicy` is immutable on Pods. An update that changes it is rejected with an error that starts with `spec: Forbidden: pod updates may not change fields other than` and lists the fields that may change.",
            "What you can change on a running Pod is a container's `image`, plus a few fields such as tolerations and `activeDeadlineSeconds`. Changing the image restarts that container, and the kubelet pulls according to the Pod's existing, unchanged policy.",
            "To change the policy, change the object that creates the Pod: editing the Pod template of a Deployment, StatefulSet or DaemonSet rolls out new Pods. A standalone Pod has to be deleted and created again.",
            "Ephemeral containers get their policy when they are added and cannot be changed afterwards either.",
        ],
        links: &[POD_API, DEPLOYMENTS],
        from_article: false,
    },
    // §4.3 steps 2 and 4, §4.7, §6.4.
    {
        id: "err-image-never-pull",
        question: "What does ErrImageNeverPull mean?",
        answer: [
            "The container's policy is `Never` and the kubelet could not use the image on this node, so it did not start the container. The event reads, for example, `Container image \"app:1.4\" is not present with pull policy of Never`.",
            "Usually the image is not on this node under that reference: it was loaded onto another node only, it was built or tagged under a different name or tag, or image garbage collection removed it while no container was using it. `Never` does not protect an image from garbage collection.",
            "Since Kubernetes 1.35, with kubelet credential verification on by default (KEP-2535, feature gate `KubeletEnsureSecretPulledImages`), the same error also appears when the image is present but was pulled by the kubelet with credentials this Pod does not have. The message is deliberately identical, so that it does not reveal an image the Pod may not access.",
            "Possible fixes: make the image available on every node the Pod can be scheduled to, restrict the Pod to nodes that have it, or use `IfNotPresent` if the node is allowed to pull.",
        ],
        links: &[PULL_POLICY, PRE_PULLED, CREDENTIAL_VERIFICATION],
        from_article: false,
    },
    // §5, §6.
    {
        id: "always-pull-images",
        question: "What is AlwaysPullImages?",
        answer: [
            "An admission controller of the API server, not enabled by default. When enabled, it sets `imagePullPolicy` to `Always` on every init, regular and ephemeral container of each Pod that is created or updated, and rejects any container left with another policy. Current versions do the same for the `pullPolicy` of image volumes.",
            "It exists for multi-tenant clusters. Without it, once a private image is on a node, any Pod scheduled there that names the image can use it with `IfNotPresent` or `Never`, without credentials. With it, every container start pulls, so valid credentials are required.",
            "It acts on Pods only: Deployments and other templates keep the policy you wrote, and the Pods created from them get `Always`. Pod updates that add no new image are left alone, and ephemeral containers added later through the `pods/ephemeralcontainers` subresource, as `kubectl debug` does, are not changed.",
            "The cost is that every container start depends on the registry being reachable. Since Kubernetes 1.35 the kubelet's image pull credential verification (KEP-2535) addresses the same problem on the node, without a registry round trip when a Pod presents credentials that already pulled the image.",
        ],
        links: &[ALWAYS_PULL_IMAGES, REQUIRED_PULL, CREDENTIAL_VERIFICATION],
        from_article: false,
    },
    // §5, §6, §8.
    {
        id: "cached-private-images",
        question: "Can other namespaces use my cached private image?",
        answer: [
            "Historically, yes. Once a node had the image, any Pod on that node, from any namespace, could use it with `IfNotPresent` or `Never` just by naming it, without credentials. That is still the behaviour when kubelet credential verification is off.",
            "Since Kubernetes 1.35 the kubelet verifies credentials by default (KEP-2535, feature gate `KubeletEnsureSecretPulledImages`, beta; alpha and off by default in 1.33 and 1.34). For images it pulled, it records the credentials used. A Pod may use the cached image if one of its pull secrets matches a recorded one (same credentials, or the same Secret), or if it uses the same service account through a credential provider. Otherwise `IfNotPresent` pulls again with the Pod's own credentials, and `Never` fails with `ErrImageNeverPull`.",
            "Pull secrets are namespaced, so a Pod in another namespace passes the check only with its own Secret holding the same credentials.",
            "Images the kubelet pulled without credentials or with node-level credentials stay usable by every Pod on the node. Under the default `imagePullCredentialsVerificationPolicy`, `NeverVerifyPreloadedImages`, images put on the node outside the kubelet (pre-pulled) are not verified either; `AlwaysVerify` covers them too. When the feature is first enabled, images already on the node count as pre-pulled.",
            "The older, cluster-wide alternative is the `AlwaysPullImages` admission controller, which makes every container start pull from the registry.",
        ],
        links: &[
            CREDENTIAL_VERIFICATION,
            PRE_PULLED,
            ALWAYS_PULL_IMAGES,
            KUBELET_CONFIG,
        ],
        from_article: false,
    },
    // §1.1 rule 2, §1.2, §3.4.
    {
        id: "latest-case",
        question: "Is `:LATEST` the same as `:latest`?",
        answer: [
            "No. Tags are case-sensitive, and the defaulting rule compares the tag byte for byte with `latest`. `nginx:LATEST` and `nginx:Latest` default to `IfNotPresent`, not `Always`.",
            "For the registry they are different tags as well: `LATEST` exists only if someone pushed an image under that exact name.",
            "Repository names follow a different rule: they must be lowercase. `Nginx:latest` is not a valid reference; the API server accepts it, but the kubelet reports `InvalidImageName`.",
        ],
        links: &[DEFAULTING, IMAGE_NAMES],
        from_article: false,
    },
    // §2.2, §2.3, §4.3 step 1.
    {
        id: "invalid-image-name",
        question: "Why did the API server accept an invalid image name?",
        answer: [
            "Because the API server does not check the syntax of image references. For containers it only rejects an empty `image` and, for Pods, an image with leading or trailing whitespace. Names such as `Nginx`, `nginx:` or `ko://example.com/app` are stored as written.",
            "The syntax is checked on the node. Before any pull, the kubelet parses the name to add the default tag. If that fails it records an `InspectFailed` event such as `Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase`, and the container waits with reason `InvalidImageName`. This happens with every pull policy; no pull is attempted.",
            "Because no tag can be read from such a name, it also defaults to `IfNotPresent`. The fix is to correct the image string: on a Pod the `image` field can be updated in place, on a workload edit the Pod template.",
        ],
        links: &[IMAGE_NAMES, WAITING_STATE],
        from_article: false,
    },
    // §4.9, §7.
    {
        id: "mutable-tags-diverge",
        question: "Why do different nodes run different code for the same tag?",
        answer: [
            "Because with `IfNotPresent` each node decides on its own, by looking for the reference in its own image store. If the tag was moved in the registry (a new build pushed as `app:1.4` or `app:stable`), nodes that pulled it earlier keep the old content, and nodes that pull it later (new nodes, nodes that never ran it, or nodes where garbage collection removed it) get the new content.",
            "Nothing reports this: the Pod spec is identical everywhere and each node behaves as documented. The result can be a mix of Pods running old and new code, even within one Deployment.",
            "`Always` makes each container start resolve the tag at that moment, so newly started containers get the current content, but Pods started at different times can still differ. Pinning by digest (`app@sha256:…`), or giving every build a new tag that is never moved, makes every node run the same image. Some third-party admission controllers rewrite tags to digests when Pods are created.",
        ],
        links: &[PULL_POLICY, IMAGE_NAMES],
        from_article: false,
    },
    // §4.3 step 6, §4.4, §7.
    {
        id: "image-pull-backoff",
        question: "What is ImagePullBackOff and how long does it wait?",
        answer: [
            "`ImagePullBackOff` is the waiting reason of a container whose image pull failed recently: the kubelet is waiting before it tries again. The failed attempt itself usually shows as `ErrImagePull`.",
            "The delay starts at 10 seconds and doubles after each further failure (10, 20, 40, 80, 160 seconds) up to a compiled-in limit of 300 seconds (5 minutes). After 600 seconds without a failure the back-off is forgotten, and the next failure starts again at 10 seconds.",
            "The back-off is kept per Pod and per image string. While it lasts the kubelet does not contact the registry; it records `Back-off pulling image \"app:1.4\"`, and since Kubernetes 1.32 the message also carries the previous error. A new Pod, for example after deleting the old one, starts without back-off.",
            "Common causes are a wrong name or tag, missing or wrong pull credentials, an unreachable registry, and the kubelet's own pull rate limit (`pull QPS exceeded`).",
        ],
        links: &[BACKOFF, WAITING_STATE],
        from_article: false,
    },
    // §1.6, §2.1, §4.1, §5, §9.
    {
        id: "image-volumes",
        question: "Do image volumes have a pull policy?",
        answer: [
            "Yes. An image volume (KEP-4639, `volumes[].image`) has its own `reference` and `pullPolicy`. An empty `pullPolicy` is defaulted like a container's: `Always` for no tag or the tag `latest`, `IfNotPresent` otherwise. Values are validated the same way, at `spec.volumes[i].image.pullPolicy`.",
            "It depends on the version. The `ImageVolume` feature gate is alpha in 1.31 and 1.32, beta but off by default in 1.33 and 1.34, and on by default from 1.35; KEP-4639 lists it as stable in 1.36. The defaulting only happens when the gate is enabled on the API server, and the container runtime has to support image volumes too.",
            "The policy applies per Pod, not per container: the kubelet checks the image, and pulls it if needed, before the Pod's containers start, and the volume keeps that content; to pick up a moved tag, the Pod has to be replaced by a new one (KEP-4639 suggests restarting or evicting it). Up to Kubernetes 1.36 the kubelet repeats that check at every sync of the Pod, so the volume's `Pulled` events keep coming while the Pod runs (and with `Always` each repeat asks the registry); from 1.37 it repeats the check only when it has to start a container.",
            "The `AlwaysPullImages` admission controller also sets image volumes to `Always` in current versions.",
        ],
        links: &[IMAGE_VOLUMES],
        from_article: false,
    },
    // §2.1; field-name handling kept general on purpose.
    {
        id: "field-typos",
        question: "Does a typo in imagePullPolicy matter?",
        answer: [
            "Yes, in two different ways. A misspelled value, such as `always` or `IfNotExists`, is always rejected by the API server, because values are case-sensitive. The error reads `spec.containers[0].imagePullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"`.",
            "A misspelled field name, such as `imagePullpolicy`, or `pullPolicy` on a container, is an unknown field. With strict field validation, which `kubectl apply` uses by default in current versions, the request fails with an unknown-field error.",
            "Clients that do not ask for strict validation have the unknown field dropped, at most with a warning. The container then has no policy, and the API server applies the default for its image, which may not be the policy you meant.",
        ],
        links: &[API_CONCEPTS, PULL_POLICY],
        from_article: false,
    },
    // ----- Pull failures (issue #18), from the spec `pull-failures.md` -----
    // PF §2.1 (reason table), §4.1 (back-off constants), §1.3.3 (kubelet events).
    {
        id: "errimagepull-vs-imagepullbackoff",
        question: "What is the difference between ErrImagePull and ImagePullBackOff?",
        answer: [
            "They are one failure seen at two moments. `ErrImagePull` is the waiting reason right after a pull attempt failed: the runtime returned an error, the waiting message is that error, and the kubelet records the events `Failed to pull image \"app:1.4\": ...` and `Error: ErrImagePull`.",
            "`ImagePullBackOff` is the reason on the pod syncs that follow while the back-off for that pod and image lasts (10 seconds, doubling after each failure up to 300 seconds); the kubelet does not contact the registry then. Up to Kubernetes 1.31 its message is only `Back-off pulling image \"app:1.4\"`; from 1.32 it also carries the previous reason and error.",
            "So the cause is in the `Failed to pull image` event, or from 1.32 in the back-off message: `pullpolicy diagnose` reads `kubectl describe pod` output, the pod's YAML or its events and names it. Other reasons mean other things: `ErrImageNeverPull` (policy `Never` and the image is not on the node), `InvalidImageName` (the reference does not parse), `RegistryUnavailable` and `SignatureValidationFailed` (runtime errors with those prefixes, mostly from CRI-O).",
        ],
        links: &[BACKOFF, WAITING_STATE],
        from_article: false,
    },
    // PF C5 (rate limiting, its policy angle; Docker's pulls.md quoted there), PS §4.5.
    {
        id: "rate-limits-and-always",
        question: "Why does imagePullPolicy Always run into registry rate limits?",
        answer: [
            "With `Always` the kubelet asks the registry at every container start, even when the node already holds the image, and images without a tag or with the tag `latest` default to `Always`. With `IfNotPresent` an image already on the node costs no registry request at all.",
            "Docker Hub counts manifest GET requests (its documentation: using GET emulates a real pull and counts towards the limit, using HEAD does not). containerd resolves a tag with a HEAD request and does not fetch a manifest it already has, so `Always` on an unchanged cached tag should cost no quota there (an inference from the code, not measured; for CRI-O it is not verified). A tag that moved costs a GET on every node that pulls it.",
            "The failure reads `429 Too Many Requests` with `toomanyrequests: You have reached your pull rate limit`. Anonymous pulls from one address (a NAT gateway, CI runners) share one limit. Fixes: authenticate the pulls (`imagePullSecrets` with a registry account), use a mirror or pull-through cache, pin images by digest and use `IfNotPresent`, or pre-pull the images.",
        ],
        links: &[PULL_POLICY, DEFAULTING, BACKOFF],
        from_article: false,
    },
    // PF C2, C3, C16 (texts, FailedToRetrieveImagePullSecret, credential providers).
    {
        id: "private-registry-pull-secrets",
        question: "Why does a private image fail to pull, and what do imagePullSecrets change?",
        answer: [
            "A registry that needs credentials answers a pull without them with an authorization error: containerd says `pull access denied, repository does not exist or may require authorization`, or `failed to fetch anonymous token: ... 401 Unauthorized`. Docker Hub gives the first answer for a repository that does not exist too, so check the spelling first.",
            "The kubelet sends the credentials of the pod's `imagePullSecrets` (and its service account's) whose registry host and path match the image, and those of credential-provider plugins. A secret that is missing, mistyped or in another namespace gives the pod the Warning `FailedToRetrieveImagePullSecret`: `Unable to retrieve some image pull secrets (name); attempting to pull the image may not succeed.` A failing credential-provider plugin shows only in the kubelet's log; the pull then goes out without credentials and fails as above.",
            "Credentials that were sent and refused (an expired token or password, a node identity without pull rights) give `failed to fetch oauth token: ... 401 Unauthorized` instead: renew the secret or grant the rights. Whether an image already on the node may be used without the secret depends on the version; see the question on cached private images.",
        ],
        links: &[PULL_POLICY, CREDENTIAL_VERIFICATION],
        from_article: false,
    },
    // PF §5.3, §5.4 (presence per node, status.images cap), C11, PS §4.9.
    {
        id: "one-node-works",
        question: "Why does the image pull on one node and fail on another?",
        answer: [
            "Each node has its own image store. With `IfNotPresent` or `Never`, a node that already holds the image starts the container without asking the registry, while a node without it must pull and meets whatever fails there: missing credentials, a rate limit, a network rule, or an image without a variant for the node's platform (`no match for platform in manifest`). With `Never` a node without the image gives `ErrImageNeverPull`.",
            "A tag on a node is whatever it meant when that node pulled it, so two nodes can also run different images under one tag.",
            "`kubectl get nodes -o yaml` shows each node's images in `status.images` (by default only the 50 largest, so a small image may be missing from the list) and its platform in `nodeInfo.architecture`. Paste the nodes with the pod's evidence into `pullpolicy diagnose` to see, per node, whether the image is there.",
        ],
        links: &[PULL_POLICY, PRE_PULLED],
        from_article: false,
    },
}
