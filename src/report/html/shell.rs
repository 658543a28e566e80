//! The shell every page shares: language, title, the inline style and script, the footer.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use rust_i18n::t;

use crate::lang::Lang;

/// The page's style: CJK fonts that exist on Windows, macOS and Linux, and A4 printing.
const CSS: &str = include_str!("report.css");
/// Table sorting and the map's year switches.
const JS: &str = include_str!("report.js");

/// A whole page around `body`; `status` is the `data-status` word of its `<body>`.
pub(crate) fn page(title: &str, status: &str, body: Markup) -> String {
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
                footer { (t!("html.footer", version = env!("CARGO_PKG_VERSION"))) }
                script { (PreEscaped(JS)) }
            }
        }
    }
    .into_string()
}
