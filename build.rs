//! rust-i18n embeds `locales/*.toml` at compile time but does not tell cargo about them:
//! without this, an edited sentence would not reach the binary until some `.rs` changed.

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=build.rs");
}
