//! The page's markup-rendered controls, typed: every click ([`Click`], the `data-act`
//! verbs) and every setting ([`Setting`], the `data-set` names), each with one table
//! mapping it to and from its `data-*` attribute values. Markup writes them with
//! [`Click::write`] and [`Setting::write`]; the delegated listeners read them back with
//! [`Click::read`] and [`Setting::from_attr`], and [`Setting::apply`] says what a change
//! does, natively testable.

use crate::state::Menu;
use pullpolicy::faq::FaqEntry;
use pullpolicy::{
    CredentialVerification, Credentials, ImageOverride, NodeImage, Options, Registry,
};
use pullpolicy_view::html::Html;
use pullpolicy_view::model::PolicyKey;

/// The verbs of `data-act`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// Select a range in the editor.
    Jump,
    /// Open an FAQ entry.
    Faq,
    /// Filter the cards by effective policy.
    Filter,
    /// Show every card.
    ShowAll,
    /// Switch the theme.
    Theme,
    /// Open a header menu.
    Menu,
    /// Skip to the verdicts.
    Skip,
    /// Explain now.
    Explain,
    /// Open a file.
    Open,
    /// Go from an editor marker to its finding.
    Mark,
    /// Open or close a disclosure.
    Toggle,
    /// Dismiss the notice.
    Dismiss,
    /// Undo loading an example.
    Undo,
    /// Reset the scenario.
    ResetScenario,
    /// Remove a per-image override.
    RmOverride,
    /// Load an example.
    Example,
    /// Copy details.
    Copy,
}

/// Every verb and its `data-act` value.
const VERBS: [(Verb, &str); 17] = [
    (Verb::Jump, "jump"),
    (Verb::Faq, "faq"),
    (Verb::Filter, "filter"),
    (Verb::ShowAll, "showall"),
    (Verb::Theme, "theme"),
    (Verb::Menu, "menu"),
    (Verb::Skip, "skip"),
    (Verb::Explain, "explain"),
    (Verb::Open, "open"),
    (Verb::Mark, "mark"),
    (Verb::Toggle, "toggle"),
    (Verb::Dismiss, "dismiss"),
    (Verb::Undo, "undo"),
    (Verb::ResetScenario, "reset-scenario"),
    (Verb::RmOverride, "rm-override"),
    (Verb::Example, "example"),
    (Verb::Copy, "copy"),
];

impl Verb {
    /// The `data-act` value ([`VERBS`] lists the verbs in their order).
    pub fn attr(self) -> &'static str {
        VERBS[self as usize].1
    }

    /// The verb of a `data-act` value.
    pub fn from_attr(value: &str) -> Option<Verb> {
        VERBS.iter().find(|(_, a)| *a == value).map(|(v, _)| *v)
    }
}

/// The header menus and their `data-menu` values (the ids of their buttons).
const MENUS: [(Menu, &str); 4] = [
    (Menu::Examples, "examples-button"),
    (Menu::Share, "share-button"),
    (Menu::Markdown, "markdown-button"),
    (Menu::Shortcuts, "shortcuts-button"),
];

/// The id of the button that opens `menu` (its `data-menu` value; focus goes back to it
/// on Esc).
pub fn menu_id(menu: Menu) -> &'static str {
    MENUS
        .iter()
        .find(|(m, _)| *m == menu)
        .map_or("", |(_, a)| a)
}

/// A click on a markup-rendered control, with what it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Click {
    /// Select from `from` to `to` (0-based line, UTF-16 column of the analysed text).
    Jump {
        /// Start.
        from: (usize, u32),
        /// End.
        to: (usize, u32),
    },
    /// Open an FAQ entry (`data-id`).
    Faq(&'static str),
    /// Show only one effective policy (`data-policy`; empty: all).
    Filter(Option<PolicyKey>),
    /// Show every card.
    ShowAll,
    /// Switch the theme.
    Theme,
    /// Open a header menu (`data-menu`).
    Menu(Menu),
    /// Skip to the verdicts.
    Skip,
    /// Explain now.
    Explain,
    /// "Open file…".
    Open,
    /// Focus an element (`data-target`: a finding's id).
    Mark(String),
    /// Open or close the region `region` (`aria-controls`); `open`: what it becomes.
    Toggle {
        /// The region's id.
        region: String,
        /// Open after the click.
        open: bool,
    },
    /// Dismiss the notice.
    Dismiss,
    /// Undo.
    Undo,
    /// Reset the scenario.
    ResetScenario,
    /// Remove the override of an image (`data-image`).
    RmOverride(String),
    /// Load example `i` (`data-i`).
    Example(usize),
    /// Copy the text of a textarea (`data-src`).
    Copy(String),
}

impl Click {
    /// Its verb.
    pub fn verb(&self) -> Verb {
        match self {
            Click::Jump { .. } => Verb::Jump,
            Click::Faq(_) => Verb::Faq,
            Click::Filter(_) => Verb::Filter,
            Click::ShowAll => Verb::ShowAll,
            Click::Theme => Verb::Theme,
            Click::Menu(_) => Verb::Menu,
            Click::Skip => Verb::Skip,
            Click::Explain => Verb::Explain,
            Click::Open => Verb::Open,
            Click::Mark(_) => Verb::Mark,
            Click::Toggle { .. } => Verb::Toggle,
            Click::Dismiss => Verb::Dismiss,
            Click::Undo => Verb::Undo,
            Click::ResetScenario => Verb::ResetScenario,
            Click::RmOverride(_) => Verb::RmOverride,
            Click::Example(_) => Verb::Example,
            Click::Copy(_) => Verb::Copy,
        }
    }

    /// An FAQ entry's click.
    pub fn faq(entry: &FaqEntry) -> Click {
        Click::Faq(pullpolicy::faq::entry(entry.id).map_or("", |e| e.id))
    }

    /// Writes ` data-act="…"` and the attributes it reads.
    pub fn write(&self, h: &mut Html) {
        h.attr("data-act", self.verb().attr());
        match self {
            Click::Jump { from, to } => {
                h.raw(" data-from=\"")
                    .num(from.0)
                    .raw(":")
                    .num(from.1)
                    .raw("\" data-to=\"")
                    .num(to.0)
                    .raw(":")
                    .num(to.1)
                    .raw("\"");
            }
            Click::Faq(id) => {
                h.attr("data-id", id);
            }
            Click::Filter(p) => {
                h.attr("data-policy", p.map_or("", PolicyKey::as_str));
            }
            Click::Menu(m) => {
                h.attr("data-menu", menu_id(*m));
            }
            Click::Mark(target) => {
                h.attr("data-target", target);
            }
            Click::Toggle { region, open } => {
                // What the button shows now: the opposite of what a click makes it.
                h.attr("aria-controls", region)
                    .attr("aria-expanded", if *open { "false" } else { "true" });
            }
            Click::RmOverride(image) => {
                h.attr("data-image", image);
            }
            Click::Example(i) => {
                h.raw(" data-i=\"").num(*i).raw("\"");
            }
            Click::Copy(src) => {
                h.attr("data-src", src);
            }
            Click::ShowAll
            | Click::Theme
            | Click::Skip
            | Click::Explain
            | Click::Open
            | Click::Dismiss
            | Click::Undo
            | Click::ResetScenario => {}
        }
    }

    /// The click an element's attributes describe (`get` reads one), if any.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Option<Click> {
        let verb = Verb::from_attr(&get("data-act")?)?;
        let at = |name: &str| {
            let value = get(name)?;
            let (line, col) = value.split_once(':')?;
            Some((line.parse().ok()?, col.parse().ok()?))
        };
        Some(match verb {
            Verb::Jump => Click::Jump {
                from: at("data-from")?,
                to: at("data-to")?,
            },
            Verb::Faq => Click::Faq(pullpolicy::faq::entry(&get("data-id")?)?.id),
            Verb::Filter => {
                let p = get("data-policy").unwrap_or_default();
                Click::Filter(PolicyKey::from_name(&p))
            }
            Verb::ShowAll => Click::ShowAll,
            Verb::Theme => Click::Theme,
            Verb::Menu => {
                let id = get("data-menu")?;
                Click::Menu(MENUS.iter().find(|(_, a)| *a == id)?.0)
            }
            Verb::Skip => Click::Skip,
            Verb::Explain => Click::Explain,
            Verb::Open => Click::Open,
            Verb::Mark => Click::Mark(get("data-target")?),
            Verb::Toggle => Click::Toggle {
                region: get("aria-controls")?,
                open: get("aria-expanded").as_deref() != Some("true"),
            },
            Verb::Dismiss => Click::Dismiss,
            Verb::Undo => Click::Undo,
            Verb::ResetScenario => Click::ResetScenario,
            Verb::RmOverride => Click::RmOverride(get("data-image")?),
            Verb::Example => Click::Example(get("data-i")?.parse().ok()?),
            Verb::Copy => Click::Copy(get("data-src")?),
        })
    }
}

/// The names of `data-set`: the form controls of the scenario panel, the cards'
/// per-image overrides, and the hidden file input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The file input of "Open file…".
    Open,
    /// The Kubernetes version.
    K8s,
    /// The node's image.
    Node,
    /// The registry.
    Registry,
    /// Credentials.
    Credentials,
    /// The AlwaysPullImages admission plugin.
    Api,
    /// The credential verification policy.
    Verify,
    /// KubeletEnsureSecretPulledImages.
    Ensure,
    /// The preloaded images' allowlist.
    Allowlist,
    /// One image's node state (`data-image`).
    OvNode,
    /// One image's registry.
    OvRegistry,
    /// One image's credentials.
    OvCredentials,
}

/// Every setting and its `data-set` value.
const SETTINGS: [(Setting, &str); 12] = [
    (Setting::Open, "open"),
    (Setting::K8s, "k8s"),
    (Setting::Node, "node"),
    (Setting::Registry, "registry"),
    (Setting::Credentials, "credentials"),
    (Setting::Api, "api"),
    (Setting::Verify, "verify"),
    (Setting::Ensure, "ensure"),
    (Setting::Allowlist, "allowlist"),
    (Setting::OvNode, "ov-node"),
    (Setting::OvRegistry, "ov-registry"),
    (Setting::OvCredentials, "ov-credentials"),
];

/// What a changed setting does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New options.
    Options(Options),
    /// A new override for one image (no field set: removed).
    Override(ImageOverride),
}

impl Setting {
    /// The `data-set` value ([`SETTINGS`] lists the settings in their order).
    pub fn attr(self) -> &'static str {
        SETTINGS[self as usize].1
    }

    /// The setting of a `data-set` value.
    pub fn from_attr(value: &str) -> Option<Setting> {
        SETTINGS.iter().find(|(_, a)| *a == value).map(|(s, _)| *s)
    }

    /// Writes ` data-set="…"`.
    pub fn write(self, h: &mut Html) {
        h.attr("data-set", self.attr());
    }

    /// What the control's new `value` (`checked` for a checkbox) makes of `options`;
    /// `image` is the override's image. `None`: nothing changes ([`Setting::Open`] is the
    /// file input, handled by the page).
    pub fn apply(
        self,
        options: &Options,
        value: &str,
        checked: bool,
        image: Option<&str>,
    ) -> Option<Change> {
        let mut o = options.clone();
        let s = &mut o.scenario;
        if matches!(
            self,
            Setting::OvNode | Setting::OvRegistry | Setting::OvCredentials
        ) {
            let image = image?.to_owned();
            let mut ov = s
                .overrides
                .iter()
                .find(|x| x.image == image)
                .cloned()
                .unwrap_or(ImageOverride {
                    image,
                    ..ImageOverride::default()
                });
            match self {
                Setting::OvNode => ov.node_image = NodeImage::from_name(value),
                Setting::OvRegistry => ov.registry = Registry::from_name(value),
                _ => ov.credentials = Credentials::from_name(value),
            }
            return Some(Change::Override(ov));
        }
        match self {
            Setting::Open | Setting::OvNode | Setting::OvRegistry | Setting::OvCredentials => {
                return None;
            }
            Setting::K8s => {
                o.kubernetes_version =
                    pullpolicy_view::share::version(value).unwrap_or(o.kubernetes_version)
            }
            Setting::Node => s.node_image = NodeImage::from_name(value).unwrap_or(s.node_image),
            Setting::Registry => s.registry = Registry::from_name(value).unwrap_or(s.registry),
            Setting::Credentials => {
                s.credentials = Credentials::from_name(value).unwrap_or(s.credentials)
            }
            Setting::Api => s.always_pull_images = checked,
            Setting::Verify => {
                s.credential_verification =
                    CredentialVerification::from_name(value).unwrap_or(s.credential_verification)
            }
            Setting::Ensure => {
                s.ensure_secret_pulled_images = match value {
                    "on" => Some(true),
                    "off" => Some(false),
                    _ => None,
                }
            }
            Setting::Allowlist => {
                s.allowlist = value
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
        }
        Some(Change::Options(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributes `write` puts on an element, as the listener reads them.
    fn attributes(click: &Click) -> Vec<(String, String)> {
        let mut h = Html::new();
        h.raw("<b");
        click.write(&mut h);
        let markup = h.finish().into_string();
        let mut out = Vec::new();
        let mut rest = markup.trim_start_matches("<b");
        while let Some((name, after)) = rest.trim_start().split_once("=\"") {
            let (value, after) = after.split_once('"').expect("quoted");
            let value = value
                .replace("&#x1F;", "\u{1f}")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            out.push((name.to_owned(), value));
            rest = after;
        }
        out
    }

    #[test]
    fn every_verb_has_one_attribute_value() {
        for (i, (verb, _)) in VERBS.iter().enumerate() {
            assert_eq!(
                *verb as usize, i,
                "{verb:?}: the table is in the enum's order"
            );
        }
        for (i, (setting, _)) in SETTINGS.iter().enumerate() {
            assert_eq!(
                *setting as usize, i,
                "{setting:?}: the table is in the enum's order"
            );
        }
        for (verb, attr) in VERBS {
            assert_eq!(verb.attr(), attr);
            assert_eq!(Verb::from_attr(attr), Some(verb));
        }
        assert_eq!(Verb::from_attr("nothing"), None);
        for (setting, attr) in SETTINGS {
            assert_eq!(setting.attr(), attr);
            assert_eq!(Setting::from_attr(attr), Some(setting));
        }
    }

    #[test]
    fn clicks_read_back_what_markup_writes() {
        let clicks = [
            Click::Jump {
                from: (6, 11),
                to: (6, 16),
            },
            Click::Faq("registry-down"),
            Click::Filter(Some(PolicyKey::Invalid)),
            Click::Filter(None),
            Click::ShowAll,
            Click::Theme,
            Click::Menu(Menu::Markdown),
            Click::Skip,
            Click::Explain,
            Click::Open,
            Click::Mark("f-0-1-2".into()),
            Click::Toggle {
                region: "faq-x-c".into(),
                open: true,
            },
            Click::Toggle {
                region: "a\"b".into(),
                open: false,
            },
            Click::Dismiss,
            Click::Undo,
            Click::ResetScenario,
            Click::RmOverride("\"><img src=x onerror=alert(1)>\u{1f}".into()),
            Click::Example(3),
            Click::Copy("notice-details".into()),
        ];
        for click in clicks {
            let attrs = attributes(&click);
            let get = |name: &str| {
                attrs
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            assert_eq!(Click::read(get), Some(click.clone()), "{attrs:?}");
        }
        // Unknown FAQ ids and verbs are no click.
        assert_eq!(
            Click::read(|n| match n {
                "data-act" => Some("faq".into()),
                _ => Some("no-such-entry".into()),
            }),
            None
        );
        assert_eq!(Click::read(|_| Some("launch".into())), None);
    }

    #[test]
    fn settings_change_the_options() {
        let o = Options::default();
        let Some(Change::Options(n)) = Setting::Registry.apply(&o, "unreachable", false, None)
        else {
            panic!("options")
        };
        assert_eq!(n.scenario.registry, Registry::Unreachable);
        let Some(Change::Options(n)) = Setting::Api.apply(&o, "", true, None) else {
            panic!("options")
        };
        assert!(n.scenario.always_pull_images);
        let Some(Change::Options(n)) = Setting::Allowlist.apply(&o, "a, b\nc,,", false, None)
        else {
            panic!("options")
        };
        assert_eq!(n.scenario.allowlist, ["a", "b", "c"]);
        let Some(Change::Options(n)) = Setting::K8s.apply(&o, "1.30", false, None) else {
            panic!("options")
        };
        assert_eq!(n.kubernetes_version.minor(), 30);
        assert_eq!(
            Setting::OvNode.apply(&o, "present", false, Some("nginx")),
            Some(Change::Override(ImageOverride {
                image: "nginx".into(),
                node_image: Some(NodeImage::Present),
                ..ImageOverride::default()
            }))
        );
        assert_eq!(Setting::OvNode.apply(&o, "present", false, None), None);
        assert_eq!(Setting::Open.apply(&o, "", false, None), None);
    }
}
