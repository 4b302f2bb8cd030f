//! The playground's state and every change to it: a [`Reducible`] driven by
//! [`Action`]s. Pure apart from reading the clock, so it is tested natively.

use crate::engine::{Job, Rendered};
use crate::lines::{self, LineIndex};
use pullpolicy::{ImageOverride, Options};
use pullpolicy_view::model::PolicyKey;
use std::fmt;
use std::rc::Rc;
use yew::Reducible;

/// How often, at most, a result of a text changed since is drawn (see [`State::apply`]).
pub const STALE_EVERY_MS: f64 = 1000.0;

/// An `Rc` compared by address: props holding a 1 MB text or a large report compare
/// in O(1), and "changed" means "replaced".
pub struct Shared<T: ?Sized>(pub Rc<T>);

impl<T: ?Sized> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Shared<T>
    where
        T: Sized,
    {
        Shared(Rc::new(value))
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Shared(..)")
    }
}

/// The disclosures ("Why, and how to fix it", FAQ answers, …) the user opened or
/// closed, by region id: rendered markup (here or in the worker) keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Disclosures(Rc<Vec<(String, bool)>>);

impl Disclosures {
    /// Whether the region was left open (`None`: never toggled).
    pub fn is_open(&self, region: &str) -> Option<bool> {
        self.0.iter().find(|(r, _)| r == region).map(|(_, o)| *o)
    }

    /// These, with `region` open or closed.
    pub fn with(&self, region: &str, open: bool) -> Disclosures {
        let mut all = Rc::clone(&self.0);
        let list = Rc::make_mut(&mut all);
        match list.iter_mut().find(|(r, _)| r == region) {
            Some(x) => x.1 = open,
            None => list.push((region.to_owned(), open)),
        }
        Disclosures(all)
    }

    /// Every choice, in the order made.
    pub fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.0.iter().map(|(r, o)| (r.as_str(), *o))
    }
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The name saved and set as `data-theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme named `name`.
    pub fn from_name(name: &str) -> Option<Theme> {
        [Theme::System, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.as_str() == name)
    }

    /// The next theme of the toggle.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

/// The header's pop-up panels (one open at a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// The examples list.
    Examples,
    /// The share panel (link, length, warning).
    Share,
    /// The keyboard shortcut legend.
    Shortcuts,
    /// The Markdown export (shown after "Copy as Markdown").
    Markdown,
}

/// How a notice looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done.
    Success,
    /// Worth a look.
    Warning,
    /// Something failed.
    Error,
}

/// A short status message (copied, link too long, link damaged, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How it looks.
    pub tone: Tone,
    /// The message.
    pub text: String,
    /// Technical details the user can copy.
    pub details: Option<String>,
    /// Offer "Undo" (go back to the text before the last example).
    pub undo: bool,
}

impl Notice {
    /// A notice without details.
    pub fn new(tone: Tone, text: impl Into<String>) -> Notice {
        Notice {
            tone,
            text: text.into(),
            details: None,
            undo: false,
        }
    }

    /// With details the user can copy.
    pub fn details(mut self, details: impl Into<String>) -> Notice {
        self.details = Some(details.into());
        self
    }
}

/// Where the editor's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Example `i` of [`crate::examples::EXAMPLES`].
    Example(usize),
    /// A share link.
    Link,
    /// The previous visit.
    Saved,
    /// The user (typing, pasting).
    Typed,
}

/// The result of the last analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Analysis {
    /// Not analysed yet.
    Pending,
    /// What the page shows (see [`crate::engine`]).
    Ready(Shared<Rendered>),
    /// The analysis crashed (the page during the last visit, or the worker); waiting
    /// for the user to ask again (Explain) rather than crashing in a loop.
    Crashed {
        /// What the crash said.
        details: String,
    },
}

/// A request to select a range in the editor (the editor acts on a new `seq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jump {
    /// Increases with every request.
    pub seq: u64,
    /// Start, as a textarea offset.
    pub from: u32,
    /// End, as a textarea offset.
    pub to: u32,
}

/// The FAQ entry to open and scroll to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaqFocus {
    /// Increases with every request.
    pub seq: u64,
    /// The entry's id.
    pub id: &'static str,
}

/// Everything the playground shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The manifest, byte for byte (CRLF kept).
    pub text: Shared<String>,
    /// Its lines.
    pub lines: Shared<LineIndex>,
    /// Bumps at every change of the text.
    pub revision: u64,
    /// Bumps when the text is replaced from outside the editor (example, link, …),
    /// telling the editor to take the new value.
    pub loaded: u64,
    /// Where the text came from.
    pub source: Source,
    /// The Kubernetes version and scenario.
    pub options: Options,
    /// The last analysis.
    pub analysis: Analysis,
    /// Bumps whenever the page needs a new analysis (the id of the next [`Job`]).
    pub ask: u64,
    /// Whether that analysis should run at once (false after typing: debounced).
    pub ask_now: bool,
    /// The id of the job whose result is shown.
    pub applied: u64,
    /// Milliseconds the last analysis took (the debounce grows with it).
    pub cost_ms: f64,
    /// When the shown result was drawn ([`crate::browser::now`]).
    pub shown_at: f64,
    /// The theme choice.
    pub theme: Theme,
    /// The open pop-up panel.
    pub menu: Option<Menu>,
    /// The status message.
    pub notice: Option<Notice>,
    /// The last editor selection request.
    pub jump: Option<Jump>,
    /// The last FAQ request.
    pub faq: Option<FaqFocus>,
    /// The last share link made (full URL).
    pub link: Option<String>,
    /// The last Markdown export.
    pub markdown: Option<Rc<str>>,
    /// The text and options before the last example was loaded ("Undo").
    pub previous: Option<(Shared<String>, Options)>,
    /// Show only entries with this effective policy.
    pub filter: Option<PolicyKey>,
    /// The disclosures the user opened or closed.
    pub open: Disclosures,
    /// Show every card, not only the first ones.
    pub show_all: bool,
    /// The last text shown without syntax errors: its verdicts stay, greyed, while the
    /// text has one, whichever engine (page or worker) explains each.
    pub good: Option<Shared<String>>,
    /// Counter for `seq` fields.
    seq: u64,
}

impl Default for State {
    fn default() -> Self {
        State::new(String::new(), Options::default(), Source::Typed)
    }
}

/// Every change to [`State`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The textarea's new value (line breaks normalised to `\n` by the browser).
    Edit(String),
    /// Replace the text (and maybe the scenario), then analyse at once.
    Load {
        /// The new text.
        text: String,
        /// The new options, when the source carries some.
        options: Option<Options>,
        /// Where it comes from.
        source: Source,
    },
    /// Analyse now (Ctrl+Enter, Explain, after a crash).
    Analyse,
    /// An analysis finished, at `at_ms` (milliseconds, [`crate::browser::now`]).
    Analysed(Shared<Rendered>, f64),
    /// The analysis crashed (in the worker).
    Crashed(String),
    /// New options; analyse at once.
    SetOptions(Options),
    /// Set (or, with no field set, remove) the override for one image.
    SetOverride(ImageOverride),
    /// Choose a theme.
    SetTheme(Theme),
    /// Open a panel, or close the open one (`None`).
    Menu(Option<Menu>),
    /// Open a panel, or close it if it is open.
    ToggleMenu(Menu),
    /// Show a status message.
    Notify(Notice),
    /// Hide the status message.
    Dismiss,
    /// Select a range in the editor, given as 0-based lines and UTF-16 columns (of
    /// the analysed text, which are those of the text in the editor unless lines
    /// were added or removed since).
    JumpTo {
        /// Start: line, column.
        from: (usize, u32),
        /// End: line, column.
        to: (usize, u32),
    },
    /// Open a FAQ entry.
    OpenFaq(&'static str),
    /// A share link was made.
    LinkMade(String),
    /// A Markdown export was made.
    MarkdownMade(Rc<str>),
    /// Go back to the text and options from before the last example.
    Restore,
    /// Filter the cards by effective policy (`None`: show all).
    Filter(Option<PolicyKey>),
    /// A disclosure was opened or closed (in the page already: nothing is redrawn).
    Disclose {
        /// Its region's id.
        region: String,
        /// Open.
        open: bool,
    },
    /// Show every card.
    ShowAll,
}

impl State {
    /// A state holding `text`, not analysed yet.
    pub fn new(text: String, options: Options, source: Source) -> State {
        let lines = Shared::new(LineIndex::new(&text));
        State {
            text: Shared::new(text),
            lines,
            revision: 0,
            loaded: 0,
            source,
            options,
            analysis: Analysis::Pending,
            ask: 0,
            ask_now: true,
            applied: 0,
            cost_ms: 0.0,
            shown_at: f64::NEG_INFINITY,
            theme: Theme::System,
            menu: None,
            notice: None,
            jump: None,
            faq: None,
            link: None,
            markdown: None,
            previous: None,
            filter: None,
            open: Disclosures::default(),
            show_all: false,
            good: None,
            seq: 0,
        }
    }

    /// The shown analysis, if any.
    pub fn rendered(&self) -> Option<&Shared<Rendered>> {
        match &self.analysis {
            Analysis::Ready(r) => Some(r),
            _ => None,
        }
    }

    /// The next analysis to run.
    pub fn job(&self) -> Job {
        Job {
            id: self.ask,
            text: self.text.0.clone(),
            options: self.options.clone(),
            filter: self.filter,
            show_all: self.show_all,
            good: self.good.as_ref().map(|g| g.0.clone()),
            open: self.open.clone(),
        }
    }

    /// Whether an analysis is due or running.
    pub fn busy(&self) -> bool {
        self.applied != self.ask
    }

    /// How long to wait after a keystroke before analysing: about 100 ms, more when
    /// the last analysis was slow (so typing in a huge manifest stays fluid).
    pub fn debounce_ms(&self) -> u32 {
        (self.cost_ms * 3.0).clamp(100.0, 1500.0) as u32
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn set_text(&mut self, text: String) {
        self.lines = Shared::new(LineIndex::new(&text));
        self.text = Shared::new(text);
        self.revision += 1;
    }

    /// Asks for an analysis: at once, or (after typing) debounced.
    fn ask(&mut self, now: bool) {
        self.ask += 1;
        self.ask_now = now;
    }

    /// Shows a finished analysis, arrived at `now` (ms). Dropped: results of jobs older
    /// than the shown one, and results of a text that has changed since (a newer job
    /// is asked for) while the verdicts on screen are less than [`STALE_EVERY_MS`] old.
    /// Drawing a large result costs the page 100 ms or more, and while someone types,
    /// a result of an older text only delays their next keystroke; the newer job's
    /// result always follows, and while typing goes on, verdicts still catch up about
    /// once a second.
    pub fn apply(&mut self, r: Shared<Rendered>, now: f64) -> bool {
        if r.id < self.applied || r.id > self.ask {
            return false;
        }
        if r.id < self.ask && now - self.shown_at < STALE_EVERY_MS {
            return false;
        }
        self.applied = r.id;
        self.shown_at = now;
        if r.clean && r.id == self.ask {
            self.good = Some(self.text.clone());
        }
        self.cost_ms = f64::from(r.cost_ms);
        self.analysis = Analysis::Ready(r);
        true
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(value) => {
                let merged = lines::merge_edit(&s.text, value);
                if merged == *s.text {
                    return self;
                }
                s.set_text(merged);
                s.source = Source::Typed;
                s.link = None;
                s.ask(false);
            }
            Action::Load {
                text,
                options,
                source,
            } => {
                if matches!(source, Source::Example(_)) && s.source != source {
                    s.previous = Some((s.text.clone(), s.options.clone()));
                }
                s.set_text(text);
                s.loaded += 1;
                s.source = source;
                if let Some(o) = options {
                    s.options = o;
                }
                s.link = None;
                s.menu = None;
                s.ask(true);
            }
            Action::Analyse => s.ask(true),
            Action::Analysed(r, now) => {
                if !s.apply(r, now) {
                    return self;
                }
            }
            Action::Crashed(details) => {
                s.applied = s.ask;
                s.analysis = Analysis::Crashed { details };
            }
            Action::SetOptions(options) => {
                if options == s.options {
                    return self;
                }
                s.options = options;
                s.link = None;
                if s.source == Source::Link {
                    // The link no longer describes what is shown: from now on the
                    // manifest is the user's, and is saved.
                    s.source = Source::Typed;
                }
                if !matches!(s.analysis, Analysis::Crashed { .. }) {
                    s.ask(true);
                }
            }
            Action::SetOverride(o) => {
                let mut options = s.options.clone();
                let overrides = &mut options.scenario.overrides;
                overrides.retain(|x| x.image != o.image);
                if o.node_image.is_some() || o.registry.is_some() || o.credentials.is_some() {
                    overrides.push(o);
                }
                return Rc::new(s).reduce(Action::SetOptions(options));
            }
            Action::SetTheme(theme) => s.theme = theme,
            Action::Menu(menu) => {
                if s.menu == menu {
                    return self;
                }
                s.menu = menu;
            }
            Action::ToggleMenu(menu) => {
                s.menu = if s.menu == Some(menu) {
                    None
                } else {
                    Some(menu)
                };
            }
            Action::Notify(notice) => s.notice = Some(notice),
            Action::Dismiss => {
                if s.notice.is_none() {
                    return self;
                }
                s.notice = None;
            }
            Action::JumpTo { from, to } => {
                let seq = s.next_seq();
                let from = s.lines.display_at(from.0, from.1);
                let to = s.lines.display_at(to.0, to.1);
                s.jump = Some(Jump {
                    seq,
                    from,
                    to: to.max(from),
                });
            }
            Action::OpenFaq(id) => {
                let seq = s.next_seq();
                s.faq = Some(FaqFocus { seq, id });
                s.open = s.open.with(&format!("faq-{id}-c"), true);
            }
            Action::LinkMade(link) => s.link = Some(link),
            Action::MarkdownMade(md) => s.markdown = Some(md),
            Action::Filter(f) => {
                s.filter = f;
                s.ask(true);
            }
            Action::ShowAll => {
                s.show_all = true;
                s.ask(true);
            }
            Action::Disclose { region, open } => {
                if s.open.is_open(&region) == Some(open) {
                    return self;
                }
                s.open = s.open.with(&region, open);
            }
            Action::Restore => {
                let Some((text, options)) = s.previous.take() else {
                    return self;
                };
                s.set_text((*text).clone());
                s.loaded += 1;
                s.options = options;
                s.source = Source::Typed;
                s.notice = None;
                s.ask(true);
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::NodeImage;

    fn reduce(s: State, a: Action) -> State {
        (*Rc::new(s).reduce(a)).clone()
    }

    thread_local!(static ANALYSER: std::cell::RefCell<crate::engine::Analyser> = Default::default());

    /// Runs `job` on this test's analyser.
    fn run(job: &Job) -> Rendered {
        ANALYSER.with(|a| a.borrow_mut().run(job))
    }

    /// Forgets the last analysis.
    fn forget() {
        ANALYSER.with(|a| *a.borrow_mut() = Default::default());
    }

    /// Runs the due analysis, as the page's effect does.
    fn analyse(s: State) -> State {
        let r = run(&s.job());
        reduce(s, Action::Analysed(Shared::new(r), 0.0))
    }

    fn cards(s: &State) -> String {
        let v = s.rendered().unwrap().verdicts.as_str();
        v.match_indices("data-effective-policy=\"")
            .map(|(i, m)| &v[i + m.len()..i + m.len() + 3])
            .collect::<Vec<_>>()
            .join(" ")
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx\n";

    #[test]
    fn the_last_text_without_syntax_errors_is_remembered() {
        forget();
        let load = |text: &str| Action::Load {
            text: text.into(),
            options: None,
            source: Source::Typed,
        };
        let s = analyse(reduce(State::default(), load(POD)));
        assert_eq!(s.good.as_ref().map(|g| g.as_str()), Some(POD));
        let s = analyse(reduce(s, load("kind: [\n")));
        assert_eq!(s.good.as_ref().map(|g| g.as_str()), Some(POD), "kept");
        assert_eq!(
            s.job().good.as_deref().map(String::as_str),
            Some(POD),
            "sent"
        );
        // A result for an older job than the one asked for is not the text's (shown,
        // the verdicts on screen being a second old, but not remembered as good).
        let mut s = reduce(s, load("kind: Pod\n"));
        let old = run(&s.job());
        let id = old.id;
        s.ask += 1;
        let s = reduce(s, Action::Analysed(Shared::new(old), STALE_EVERY_MS));
        assert_eq!(s.applied, id);
        assert_eq!(s.good.as_ref().map(|g| g.as_str()), Some(POD));
    }

    #[test]
    fn results_of_a_changed_text_are_drawn_at_most_once_a_second() {
        forget();
        let edit = |s: State, image: &str| reduce(s, Action::Edit(POD.replace("nginx", image)));
        let load = Action::Load {
            text: POD.into(),
            options: None,
            source: Source::Typed,
        };
        let s = reduce(State::default(), load);
        let first = run(&s.job());
        let s = reduce(s, Action::Analysed(Shared::new(first), 5000.0));
        assert_eq!(s.shown_at, 5000.0);
        // Typing on while the result of the text before lands: not drawn 0.9 s after
        // the last verdicts, drawn 1 s after.
        let s = edit(s, "redis");
        let stale = run(&s.job());
        let s = edit(s, "redis:7");
        let shown = s.applied;
        let s = reduce(s, Action::Analysed(Shared::new(stale.clone()), 5900.0));
        assert_eq!((s.applied, s.shown_at), (shown, 5000.0), "dropped");
        let s = reduce(s, Action::Analysed(Shared::new(stale.clone()), 6000.0));
        assert_eq!((s.applied, s.shown_at), (stale.id, 6000.0), "drawn");
        // The text's own result is always drawn, however recent the last verdicts.
        let current = run(&s.job());
        let s = reduce(s, Action::Analysed(Shared::new(current.clone()), 6001.0));
        assert_eq!(s.applied, current.id);
        assert_eq!(cards(&s), "IfN");
    }

    #[test]
    fn load_asks_at_once_and_edit_asks_debounced() {
        forget();
        let s = reduce(
            State::default(),
            Action::Load {
                text: POD.into(),
                options: None,
                source: Source::Example(0),
            },
        );
        assert!(s.busy() && s.ask_now);
        let s = analyse(s);
        assert!(!s.busy());
        assert_eq!(cards(&s), "Alw");
        let s = reduce(s, Action::Edit(POD.replace("nginx", "nginx:1.27")));
        assert!(s.busy() && !s.ask_now);
        assert_eq!(s.source, Source::Typed);
        let s = analyse(s);
        assert_eq!(cards(&s), "IfN");
    }

    #[test]
    fn an_edit_above_a_card_leaves_its_markup_and_its_jump_finds_the_node() {
        forget();
        let s = analyse(reduce(
            State::default(),
            Action::Load {
                text: POD.into(),
                options: None,
                source: Source::Typed,
            },
        ));
        let before = s.rendered().unwrap().verdicts.clone();
        let before = before.as_str();
        // "nginx", line 7 (0-based 6), columns 11 to 16.
        assert!(before.contains("data-from=\"6:11\" data-to=\"6:16\""));
        // Typing on the first line moves every offset after it, not a line or a column
        // of the lines below: the verdicts' markup is the same, so nothing is redrawn.
        let s = analyse(reduce(s, Action::Edit(POD.replace("v1", "v1 # edited"))));
        assert_eq!(s.rendered().unwrap().verdicts.as_str(), before);
        let s = reduce(
            s,
            Action::JumpTo {
                from: (6, 11),
                to: (6, 16),
            },
        );
        let jump = s.jump.unwrap();
        let text = s.text.replace("\r\n", "\n");
        assert_eq!(&text[jump.from as usize..jump.to as usize], "nginx");
    }

    #[test]
    fn results_of_older_jobs_are_dropped() {
        let s = reduce(
            State::default(),
            Action::Load {
                text: POD.into(),
                options: None,
                source: Source::Typed,
            },
        );
        let old = run(&s.job());
        let s = reduce(s, Action::Edit(POD.replace("nginx", "redis")));
        let s = analyse(s);
        let applied = s.applied;
        let s = reduce(s, Action::Analysed(Shared::new(old), 0.0));
        assert_eq!(s.applied, applied);
    }

    #[test]
    fn crlf_survives_editing() {
        let crlf = POD.replace('\n', "\r\n");
        let s = reduce(
            State::default(),
            Action::Load {
                text: crlf.clone(),
                options: None,
                source: Source::Link,
            },
        );
        let s = reduce(s, Action::Edit(POD.replace("nginx", "nginx:1")));
        assert_eq!(*s.text, crlf.replace("nginx", "nginx:1"));
    }

    #[test]
    fn overrides_are_set_and_removed() {
        let s = reduce(
            State::default(),
            Action::Load {
                text: POD.into(),
                options: None,
                source: Source::Typed,
            },
        );
        let o = ImageOverride {
            image: "nginx".into(),
            node_image: Some(NodeImage::Present),
            ..Default::default()
        };
        let s = reduce(s, Action::SetOverride(o));
        assert_eq!(s.options.scenario.overrides.len(), 1);
        let s = reduce(
            s,
            Action::SetOverride(ImageOverride {
                image: "nginx".into(),
                ..Default::default()
            }),
        );
        assert!(s.options.scenario.overrides.is_empty());
    }

    #[test]
    fn a_crash_waits_for_the_user() {
        let s = reduce(State::default(), Action::Crashed("boom".into()));
        assert!(!s.busy());
        let s = reduce(
            s,
            Action::SetOptions(Options {
                scenario: pullpolicy::Scenario {
                    always_pull_images: true,
                    ..Default::default()
                },
                ..Default::default()
            }),
        );
        assert!(
            !s.busy(),
            "a scenario change does not re-run a crashed analysis"
        );
        let s = reduce(s, Action::Analyse);
        assert!(s.busy());
    }

    #[test]
    fn disclosures_are_state_and_reach_the_job() {
        let s = reduce(
            State::default(),
            Action::Disclose {
                region: "f-0-0-0-more-c".into(),
                open: true,
            },
        );
        assert_eq!(s.open.is_open("f-0-0-0-more-c"), Some(true));
        assert_eq!(s.job().open.is_open("f-0-0-0-more-c"), Some(true));
        let s = reduce(
            s,
            Action::Disclose {
                region: "f-0-0-0-more-c".into(),
                open: false,
            },
        );
        assert_eq!(s.open.is_open("f-0-0-0-more-c"), Some(false));
        assert_eq!(s.open.iter().count(), 1);
    }

    #[test]
    fn debounce_grows_with_cost() {
        let mut s = State::default();
        assert_eq!(s.debounce_ms(), 100);
        s.cost_ms = 200.0;
        assert_eq!(s.debounce_ms(), 600);
    }
}
