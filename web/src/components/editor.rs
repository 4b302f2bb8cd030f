//! The editor: a native `<textarea>` (so it stays accessible, with the browser's own
//! undo, IME and spell-off behaviour) under which a highlighted copy of the visible
//! lines is drawn, with line numbers and finding markers in a gutter.
//!
//! Only the lines on screen (plus a margin) are highlighted, so a 1 MB manifest types
//! as fast as a short one. Lines never wrap (`wrap="off"`), so line *n* is always
//! `n × line height` down and the overlay can follow the textarea's scroll exactly.

use crate::actions::Click;
use crate::app::Dispatch;
use crate::highlight;
use crate::lines::{LineIndex, byte_of_col16};
use crate::markup::{Html as Markup, Shown, html};
use crate::state::{Action, Jump, Shared};
use pullpolicy::Severity;
use pullpolicy_view::wording::severity_icon;
use std::rc::Rc;
use yew::prelude::*;

/// The status bar after an explanation: `Explained in 12 ms` (after a diagnosis:
/// [`pullpolicy_view::diagnosis::DIAGNOSED_IN`]).
const EXPLAINED_IN: &str = "Explained in ";

/// Line height in CSS pixels (the stylesheet's `--lh`).
pub const LINE_HEIGHT: i32 = 20;
/// The textarea's top padding in CSS pixels (the stylesheet's `--pad`).
pub const PAD: i32 = 8;
/// Lines drawn above and below the visible ones, so fast scrolling shows no gaps.
const MARGIN: usize = 12;

/// A finding (or syntax error) placed in the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// 0-based line.
    pub line: usize,
    /// First UTF-16 column underlined on that line.
    pub col_from: u32,
    /// Past the last UTF-16 column underlined on that line.
    pub col_to: u32,
    /// Textarea offset of the start.
    pub from: u32,
    /// Textarea offset of the end.
    pub to: u32,
    /// How much it matters.
    pub severity: Severity,
    /// The finding's rule id.
    pub rule: Rc<str>,
    /// One line.
    pub message: Rc<str>,
    /// The DOM id of the finding in the results.
    pub target: String,
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq, Debug)]
pub struct EditorProps {
    /// The manifest.
    pub text: Shared<String>,
    /// Its lines.
    pub lines: Shared<LineIndex>,
    /// Bumps when the text comes from elsewhere (the textarea must take it).
    pub loaded: u64,
    /// Findings to mark, sorted by line.
    pub markers: Shared<Vec<Marker>>,
    /// The last selection request.
    pub jump: Option<Jump>,
    /// The text's size in bytes.
    pub bytes: usize,
    /// How long the last analysis took.
    pub cost_ms: u32,
    /// The last analysis was a diagnosis of evidence (issue #18), not an explanation.
    #[prop_or_default]
    pub diagnosed: bool,
    /// An analysis is pending (typing).
    pub busy: bool,
    /// The text cannot be edited (embedded with `?embed=readonly`).
    #[prop_or_default]
    pub readonly: bool,
    /// Where edits go.
    pub dispatch: Dispatch,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    top: i32,
    left: i32,
    height: i32,
}

/// The manifest editor.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let dispatch = props.dispatch.clone();
    let area = use_node_ref();
    let view = use_state(|| View {
        top: 0,
        left: 0,
        height: 900,
    });
    let caret = use_state(|| 0u32);
    let escaped = use_mut_ref(|| false);

    // Text from outside (an example, a link, the saved state): give it to the textarea.
    {
        let area = area.clone();
        let text = props.text.clone();
        let view = view.clone();
        use_effect_with(props.loaded, move |_| {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                a.set_value(&crate::lines::normalize_breaks(&text));
                a.set_scroll_top(0);
                a.set_scroll_left(0);
                view.set(View {
                    top: 0,
                    left: 0,
                    height: a.client_height(),
                });
            }
        });
    }
    // "Show in editor": select the range and bring its line into view.
    {
        let area = area.clone();
        let lines = props.lines.clone();
        let view = view.clone();
        let caret = caret.clone();
        use_effect_with(props.jump, move |jump| {
            if let (Some(j), Some(a)) = (jump, area.cast::<web_sys::HtmlTextAreaElement>()) {
                let _ = a.focus();
                let _ = a.set_selection_range(j.from, j.to);
                let (line, _) = lines.locate_display(j.from);
                let height = a.client_height();
                let top = (line as i32 * LINE_HEIGHT - height / 3).max(0);
                a.set_scroll_top(top);
                view.set(View {
                    top: a.scroll_top(),
                    left: a.scroll_left(),
                    height,
                });
                caret.set(j.from);
            }
        });
    }
    let read_caret = {
        let area = area.clone();
        let caret = caret.clone();
        move || {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                let at = a.selection_end().ok().flatten().unwrap_or(0);
                if at != *caret {
                    caret.set(at);
                }
            }
        }
    };
    let oninput = {
        let area = area.clone();
        let dispatch = dispatch.clone();
        let read_caret = read_caret.clone();
        Callback::from(move |_: InputEvent| {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                dispatch.dispatch(Action::Edit(a.value()));
            }
            read_caret();
        })
    };
    let onscroll = {
        let area = area.clone();
        let view = view.clone();
        Callback::from(move |_: Event| {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                let v = View {
                    top: a.scroll_top(),
                    left: a.scroll_left(),
                    height: a.client_height(),
                };
                if v != *view {
                    view.set(v);
                }
            }
        })
    };
    let onkeydown = {
        let area = area.clone();
        let escaped = escaped.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Escape" {
                *escaped.borrow_mut() = true;
                return;
            }
            if key == "Tab" && !e.ctrl_key() && !e.alt_key() && !e.meta_key() {
                if std::mem::take(&mut *escaped.borrow_mut()) {
                    return; // Esc, then Tab: let focus leave the editor.
                }
                e.prevent_default();
                if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                    indent(&a, e.shift_key());
                }
                return;
            }
            if !matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
                *escaped.borrow_mut() = false;
            }
        })
    };
    let caret_key = {
        let read_caret = read_caret.clone();
        Callback::from(move |_: KeyboardEvent| read_caret())
    };
    let caret_mouse = Callback::from(move |_: MouseEvent| read_caret());
    // A file dropped on the editor opens like "Open file…"; dragged text is left to
    // the textarea.
    let ondragover = Callback::from(|e: DragEvent| {
        #[cfg(target_arch = "wasm32")]
        if crate::open::dropped_files(&e).is_some() {
            e.prevent_default();
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = e;
    });
    let ondrop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            #[cfg(target_arch = "wasm32")]
            if let Some(file) = crate::open::dropped_files(&e).and_then(|f| f.get(0)) {
                e.prevent_default();
                crate::open::open(file, dispatch.clone());
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (&e, &dispatch);
        })
    };
    // The drawn window.
    let text = &*props.text;
    let lines = &*props.lines;
    let count = lines.len();
    let first_visible = ((view.top - PAD).max(0) / LINE_HEIGHT) as usize;
    let first = first_visible.saturating_sub(MARGIN).min(count);
    // The height is read only when the textarea scrolls (reading it forces a layout);
    // drawing for at least 1,600 px covers a window resized in between.
    let last = ((view.top + view.height.max(600)).max(0) / LINE_HEIGHT) as usize + 1 + MARGIN;
    let last = last.min(count);
    // Which drawn lines are block-scalar content: read from just above the window, so
    // a keystroke costs the lines on screen, not the whole text.
    let blocks = highlight::block_scalar_window(|i| lines.line(text, i), first, last);
    let markers = &*props.markers;
    let window_start = markers.partition_point(|m| m.line < first);
    let window_end = markers.partition_point(|m| m.line < last);
    let in_window = &markers[window_start..window_end];
    let (caret_line, caret_col) = lines.locate_display(*caret);

    let digits = count.to_string().len().max(2);
    let shift = first as i32 * LINE_HEIGHT - view.top;
    // The highlighted lines and the line numbers, each one string: re-parsing a
    // screenful of lines costs the browser far less than a VDOM node per line costs
    // the bundle.
    let mut code = Markup::new();
    code.raw("<div class=\"hl\" aria-hidden=\"true\" style=\"transform:translate(")
        .num(-view.left)
        .raw("px,")
        .num(shift)
        .raw("px)\">");
    let mut nums = Markup::new();
    nums.raw("<div class=\"nums\" aria-hidden=\"true\" style=\"transform:translateY(")
        .num(shift)
        .raw("px)\">");
    for i in first..last {
        let marks: Vec<(u32, u32, Severity)> = in_window
            .iter()
            .filter(|m| m.line == i)
            .map(|m| (m.col_from, m.col_to, m.severity))
            .collect();
        code.raw("<div class=\"ln\">");
        render_line(
            &mut code,
            lines.line(text, i),
            blocks.get(i - first).copied().unwrap_or(false),
            &marks,
        );
        code.raw("</div>");
        nums.raw(if i == caret_line {
            "<div class=\"num cur\">"
        } else {
            "<div class=\"num\">"
        })
        .num(i + 1)
        .raw("</div>");
    }

    // One gutter marker per line, showing the most severe finding; its message shows
    // on hover and focus (and is its accessible name).
    code.raw("</div>");
    nums.raw("</div>");
    let mut gutter = Markup::new();
    gutter
        .raw("<div class=\"marks\" style=\"transform:translateY(")
        .num(-view.top)
        .raw("px)\">");
    let mut i = 0;
    while i < in_window.len() {
        let line = in_window[i].line;
        let mut j = i;
        while j < in_window.len() && in_window[j].line == line {
            j += 1;
        }
        let group = &in_window[i..j];
        let worst = group
            .iter()
            .map(|m| m.severity)
            .max()
            .unwrap_or(Severity::Info);
        let mut label = format!("Line {}: ", line + 1);
        for (k, m) in group.iter().enumerate() {
            if k > 0 {
                label.push_str("; ");
            }
            label.push_str(m.severity.as_str());
            label.push_str(": ");
            label.push_str(&m.message);
        }
        gutter.raw("<button type=\"button\"");
        Click::Mark(group[0].target.clone()).write(&mut gutter);
        gutter
            .attr2("class", "mark sev-", worst.as_str())
            .raw(" style=\"top:")
            .num(line as i32 * LINE_HEIGHT + PAD)
            .raw("px\"")
            .attr("aria-label", &label)
            .raw(">")
            .text(severity_icon(worst))
            .raw("<span class=\"tip\" aria-hidden=\"true\">");
        for m in group {
            gutter
                .raw("<span")
                .attr2("class", "tip-row sev-", m.severity.as_str())
                .raw("><strong>")
                .text(m.severity.as_str())
                .raw("</strong> ")
                .text(&m.message)
                .raw(" <span class=\"rule\">")
                .text(&m.rule)
                .raw("</span></span>");
        }
        gutter.raw("</span></button>");
        i = j;
    }
    gutter.raw("</div>");

    // The status bar: caret position and the finding under it.
    let here: Vec<&Marker> = markers
        .iter()
        .skip(markers.partition_point(|m| m.line < caret_line))
        .take_while(|m| m.line == caret_line)
        .collect();
    let under = here
        .iter()
        .find(|m| m.col_from <= caret_col && caret_col <= m.col_to)
        .or_else(|| here.first());
    let mut head = Markup::new();
    head.raw("<div class=\"pane-head\"><h2 id=\"editor-title\">Manifest</h2><span class=\"meta\">")
        .text(&crate::app::group(count))
        .raw(" lines · ")
        .text(&size(props.bytes))
        .raw("</span><span class=\"meta status-text\">");
    if props.busy {
        head.raw("Explaining…");
    } else {
        head.raw(if props.diagnosed {
            pullpolicy_view::diagnosis::DIAGNOSED_IN
        } else {
            EXPLAINED_IN
        })
        .num(props.cost_ms.max(1))
        .raw(" ms");
    }
    head.raw("</span><button type=\"button\" class=\"btn primary\"");
    Click::Explain.write(&mut head);
    head.raw(" title=\"Ctrl+Enter or ⌘+Enter\">Explain</button></div>");
    let mut foot = Markup::new();
    foot.raw("<div class=\"statusbar\" id=\"editor-status\"><span class=\"pos\">Ln ")
        .num(caret_line + 1)
        .raw(", Col ")
        .num(caret_col + 1)
        .raw("</span>");
    if let Some(m) = under {
        foot.raw("<span")
            .attr2("class", "here sev-", m.severity.as_str())
            .raw(">")
            .text(severity_icon(m.severity))
            .raw(" ")
            .text(&m.message)
            .raw("</span>");
    }
    foot.raw("</div><p id=\"editor-help\" class=\"help\">YAML or JSON, one or more documents. <kbd>Tab</kbd> indents; <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor. Explains as you type. Drop a file here to open it.</p>");

    html! {
        <section class="pane editor-pane" aria-labelledby="editor-title" {ondragover} {ondrop}>
            { html(&Shown::from(head.finish())) }
            <div class="editor" style={DIGITS[digits.min(DIGITS.len() - 1)]}>
                <div class="gutter">{ html(&Shown::from(nums.finish())) }{ html(&Shown::from(gutter.finish())) }</div>
                // A form of its own: Chromium's autofill, on every caret move and
                // edit in a text field outside any form, reads every other form
                // control on the page (the cards' selects: about 10 ms a keystroke).
                <form class="code">
                    { html(&Shown::from(code.finish())) }
                    <textarea
                        ref={area}
                        id="manifest"
                        class="input"
                        aria-labelledby="editor-title"
                        aria-describedby="editor-help"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        readonly={props.readonly}
                        {oninput}
                        {onscroll}
                        {onkeydown}
                        onkeyup={caret_key}
                        onclick={caret_mouse}
                    />
                </form>
            </div>
            { html(&Shown::from(foot.finish())) }
        </section>
    }
}

/// The gutter's width, by the number of digits of the last line number.
const DIGITS: [&str; 9] = [
    "--digits:2",
    "--digits:2",
    "--digits:2",
    "--digits:3",
    "--digits:4",
    "--digits:5",
    "--digits:6",
    "--digits:7",
    "--digits:8",
];

/// `12.3 KB` (integer arithmetic: no float formatting in the bundle).
fn size(bytes: usize) -> String {
    let (unit, div) = match bytes {
        0..1_000 => return format!("{bytes} B"),
        1_000..1_000_000 => ("KB", 1_000),
        _ => ("MB", 1_000_000),
    };
    format!("{}.{} {unit}", bytes / div, bytes % div * 10 / div)
}

/// One highlighted line, with findings underlined.
fn render_line(h: &mut Markup, line: &str, in_block: bool, marks: &[(u32, u32, Severity)]) {
    let tokens = highlight::tokenize(line, in_block);
    let unders: Vec<(usize, usize, Severity)> = marks
        .iter()
        .map(|&(a, b, s)| (byte_of_col16(line, a), byte_of_col16(line, b), s))
        .collect();
    let mut cuts = Vec::with_capacity(tokens.len() * 2 + unders.len() * 2 + 2);
    cuts.push(0);
    cuts.push(line.len());
    for t in &tokens {
        cuts.extend([t.start, t.end]);
    }
    for u in &unders {
        cuts.extend([u.0, u.1]);
    }
    cuts.retain(|&c| c <= line.len() && line.is_char_boundary(c));
    for i in 1..cuts.len() {
        let mut j = i;
        while j > 0 && cuts[j - 1] > cuts[j] {
            cuts.swap(j - 1, j);
            j -= 1;
        }
    }
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let kind = tokens
            .iter()
            .find(|t| t.start <= a && b <= t.end)
            .map(|t| t.kind.class());
        let sev = unders
            .iter()
            .filter(|u| u.0 <= a && b <= u.1)
            .map(|u| u.2)
            .max();
        let piece = &line[a..b];
        if kind.is_none() && sev.is_none() {
            h.text(piece);
            continue;
        }
        h.raw("<span class=\"");
        if let Some(k) = kind {
            h.raw(k).raw(" ");
        }
        if let Some(s) = sev {
            h.raw("u-").raw(s.as_str());
        }
        h.raw("\">").text(piece).raw("</span>");
    }
    // A finding at the very end of a line (a missing value) gets a visible mark.
    if let Some(s) = unders
        .iter()
        .filter(|u| u.0 >= line.len())
        .map(|u| u.2)
        .max()
    {
        h.raw("<span class=\"eol u-")
            .raw(s.as_str())
            .raw("\"> </span>");
    }
}

/// Tab / Shift+Tab: indent or outdent the selected lines by two spaces; without a
/// selection, Tab inserts two spaces. Edits go through the browser's editing
/// commands so that undo works.
fn indent(area: &web_sys::HtmlTextAreaElement, outdent: bool) {
    let value = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    if start == end && !outdent {
        browser_insert(area, "  ");
        return;
    }
    let (s, e) = (byte_at(&value, start), byte_at(&value, end));
    let line_start = value[..s].rfind('\n').map_or(0, |i| i + 1);
    // A selection ending at the start of a line does not include that line.
    let e = if e > s && value[..e].ends_with('\n') {
        e - 1
    } else {
        e
    };
    let line_end = value[e..].find('\n').map_or(value.len(), |i| e + i);
    let block = &value[line_start..line_end];
    let new_block: String = block
        .split('\n')
        .map(|l| {
            if outdent {
                let n = l.len() - l.trim_start_matches(' ').len();
                l[n.min(2)..].to_owned()
            } else if l.is_empty() {
                String::new()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    if new_block == block {
        return;
    }
    let from16 = utf16_len(&value[..line_start]);
    let _ = area.set_selection_range(from16, from16 + utf16_len(block));
    browser_insert(area, &new_block);
    let _ = area.set_selection_range(from16, from16 + utf16_len(&new_block));
}

fn browser_insert(area: &web_sys::HtmlTextAreaElement, text: &str) {
    #[cfg(target_arch = "wasm32")]
    crate::browser::insert_text(area, text);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (area, text);
}

fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.encode_utf16().count() as u32
    }
}

/// The byte index of UTF-16 offset `at` in `s`.
fn byte_at(s: &str, at: u32) -> usize {
    if s.is_ascii() {
        return (at as usize).min(s.len());
    }
    let mut units = 0u32;
    for (i, c) in s.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    s.len()
}
