//! The header: name, examples, share, copy as Markdown, theme, shortcut legend.
//! Menus are disclosure buttons with a panel (`aria-expanded`/`aria-controls`);
//! Esc or a click outside closes them and focus returns to the button.

use crate::actions::{Click, Setting, menu_id};
use crate::examples::EXAMPLES;
use crate::markup::{Html, SafeHtml};
use crate::share;
use crate::state::{Menu, Theme};
use pullpolicy_view::wording::group;

/// The id of the button that opens `menu` (focus goes back to it on Esc).
pub fn trigger_id(menu: Menu) -> &'static str {
    menu_id(menu)
}

/// The header's markup: name, then the menu buttons and their panels.
pub fn render(
    theme: Theme,
    menu: Option<Menu>,
    example: Option<usize>,
    link: Option<&str>,
    markdown: Option<&str>,
) -> SafeHtml {
    let mut h = Html::new();
    h.raw("<header class=\"top\"><div class=\"brand\"><span class=\"logo\" aria-hidden=\"true\">⇣</span><h1 class=\"name\">pullpolicy</h1><span class=\"tagline\">which imagePullPolicy Kubernetes really applies, and what the node does with it</span></div><nav class=\"actions\" aria-label=\"Playground\"><button type=\"button\" id=\"open-button\" class=\"btn\"");
    Click::Open.write(&mut h);
    h.raw(" title=\"Open a YAML or JSON file (or drop it on the editor)\">Open file…</button><input type=\"file\" id=\"open-file\" accept=\".yaml,.yml,.json,text/yaml,application/json\" aria-label=\"Open a YAML or JSON file\" tabindex=\"-1\" hidden");
    Setting::Open.write(&mut h);
    h.raw(">");
    for (m, label) in [
        (Menu::Examples, "Examples"),
        (Menu::Share, "Copy link"),
        (Menu::Markdown, "Copy as Markdown"),
        (Menu::Shortcuts, "Shortcuts"),
    ] {
        let open = menu == Some(m);
        let id = trigger_id(m);
        if m == Menu::Shortcuts {
            let (icon, text) = match theme {
                Theme::System => ("◐", "Theme: system"),
                Theme::Light => ("☀", "Theme: light"),
                Theme::Dark => ("☾", "Theme: dark"),
            };
            h.raw("<button type=\"button\" id=\"theme-button\" class=\"btn\"");
            Click::Theme.write(&mut h);
            h.attr(
                "title",
                &format!("Switch to the {} theme", theme.next().as_str()),
            )
            .raw("><span aria-hidden=\"true\">")
            .raw(icon)
            .raw("</span> ")
            .raw(text)
            .raw("</button>");
        }
        h.raw("<div class=\"menu-wrap\"><button type=\"button\" class=\"btn\"");
        Click::Menu(m).write(&mut h);
        h.attr("id", id)
            .attr2("aria-controls", id, "-panel")
            .attr("aria-expanded", if open { "true" } else { "false" })
            .raw(">")
            .raw(label)
            .raw("</button><div")
            .attr2("id", id, "-panel")
            .attr(
                "class",
                match m {
                    Menu::Examples => "menu examples",
                    Menu::Markdown => "menu panel wide",
                    Menu::Shortcuts => "menu panel right",
                    Menu::Share => "menu panel",
                },
            );
        if !open {
            h.raw(" hidden");
        }
        h.raw(">");
        match m {
            Menu::Examples => examples(&mut h, example),
            Menu::Share => share_panel(&mut h, link),
            Menu::Markdown => {
                if let Some(text) = markdown {
                    h.raw("<label for=\"markdown-text\">Markdown (copied to the clipboard)</label><textarea id=\"markdown-text\" class=\"mono\" readonly rows=\"10\" data-select>")
                        .text(text)
                        .raw("</textarea>");
                }
            }
            Menu::Shortcuts => {
                h.raw("<table class=\"keys\"><caption>Keyboard shortcuts</caption><tbody>\
                    <tr><th scope=\"row\"><kbd>Ctrl</kbd> / <kbd>⌘</kbd> + <kbd>Enter</kbd></th><td>Explain now</td></tr>\
                    <tr><th scope=\"row\"><kbd>Ctrl</kbd> / <kbd>⌘</kbd> + <kbd>S</kbd></th><td>Copy a share link</td></tr>\
                    <tr><th scope=\"row\"><kbd>Tab</kbd> / <kbd>Shift</kbd>+<kbd>Tab</kbd></th><td>In the editor: indent / outdent</td></tr>\
                    <tr><th scope=\"row\"><kbd>Esc</kbd> then <kbd>Tab</kbd></th><td>Leave the editor</td></tr>\
                    <tr><th scope=\"row\"><kbd>Esc</kbd></th><td>Close a menu</td></tr></tbody></table>");
            }
        }
        h.raw("</div></div>");
    }
    h.raw("</nav></header>");
    h.finish()
}

fn examples(h: &mut Html, current: Option<usize>) {
    // The hints come with the library (the deferred module), which a menu opened after
    // the first verdict almost always has.
    let library = crate::library::get();
    h.raw("<ul aria-label=\"Examples\">");
    for (i, e) in EXAMPLES.iter().enumerate() {
        h.raw("<li><button type=\"button\"");
        Click::Example(i).write(h);
        h.raw(" id=\"example-")
            .num(i)
            .raw("\"")
            .attr("data-example", e.id)
            .raw(if current == Some(i) {
                " class=\"example current\" aria-current=\"true\">"
            } else {
                " class=\"example\">"
            })
            .el("span", "example-title", e.title);
        if let Some(hint) = library.as_ref().and_then(|l| l.hint(i)) {
            h.el("span", "example-hint", hint);
        }
        h.raw("</button></li>");
    }
    h.raw("</ul>");
}

fn share_panel(h: &mut Html, link: Option<&str>) {
    let Some(link) = link else { return };
    let long = link.len() > share::WARN_LENGTH;
    h.raw("<label for=\"share-link\">Share link (the manifest is in the part after #, which browsers never send to a server)</label><input id=\"share-link\" class=\"mono\" type=\"text\" readonly data-select")
        .attr("value", link)
        .raw("><p id=\"share-length\"")
        .raw(if long { " class=\"share-length warn\">" } else { " class=\"share-length\">" })
        .text(&group(link.len()))
        .raw(" characters.");
    if long {
        h.raw(" Longer than ")
            .text(&group(share::WARN_LENGTH))
            .raw(": some chat tools, mail clients and browsers cut links this long. Consider sharing a smaller manifest, or the Markdown instead.");
    }
    h.raw("</p>");
}
