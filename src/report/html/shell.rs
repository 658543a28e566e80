//! The shell every page shares: language, title, the inline style and script, the footer.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use rust_i18n::t;

use crate::lang::Lang;
use crate::summary::Provenance;

/// The page's style: CJK fonts that exist on Windows, macOS and Linux, and A4 printing.
const CSS: &str = include_str!("report.css");
/// Table sorting and the map's year switches.
const JS: &str = include_str!("report.js");

/// A whole page around `body`; `status` is the `data-status` word of its `<body>`. The
/// footer names the tool and, with `provenance`, the command line and every input read
/// with its SHA-256.
pub(crate) fn page(
    title: &str,
    status: &str,
    body: Markup,
    provenance: Option<&Provenance>,
) -> String {
    let lang = match crate::lang::current() {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body data-status=(status) {
                main { (body) }
                footer {
                    (t!("html.footer", version = env!("CARGO_PKG_VERSION")))
                    @if let Some(p) = provenance {
                        p.provenance { (t!("html.provenance_command")) " " code { (p.command.join(" ")) } }
                        ul.provenance {
                            @for f in &p.inputs {
                                li { code { (f.path) } " sha256 " code { (f.sha256) } }
                            }
                        }
                    }
                }
                script { (PreEscaped(JS)) }
            }
        }
    }
    .into_string()
}
