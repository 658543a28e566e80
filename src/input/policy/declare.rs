//! The macro behind the one declaration of every policy key (in `keys.rs`): from each key's
//! field, type, default, kind with its range, and one-line doc it writes the structs, their
//! `Default` and the [`KEYS`](super::KEYS) table, so that none of these can drift apart.

/// Declares the policy: one `[policy]` section whose keys are fields of the policy struct
/// itself, then the other sections, each a struct that the policy holds in a field named
/// after the section. Every key is written once, as
///
/// ```text
/// field: Type = default, Kind { range fields }, "one-line doc";
/// ```
///
/// where `Kind` is a variant of `Kind` without its `slot` (`Text`, `Whole { min: 1, max: 10 }`,
/// `Number { range: Range::Rate }`, ...). The expansion, at the call site (which must have
/// `Key`, `Kind`, `Slot` and `serde::Serialize` in scope):
/// - the structs, fields in declaration order (which is also the order they serialize in),
///   each field documented as `` `section.key`: doc ``; a section field of the policy gets its
///   section struct's doc;
/// - `Default` for the policy and for each section, from the declared defaults;
/// - `KEYS`: one `Key` per key, in declaration order, named `section.key`, with its doc and
///   its kind, whose slot reads and writes the field.
macro_rules! policy_keys {
    (
        $(#[$policy_meta:meta])*
        pub struct $Policy:ident [$top:ident] {
            $(
                $field:ident: $ty:ty = $default:expr,
                    $kind:ident $({ $($karg:ident: $kval:expr),* $(,)? })?,
                    $doc:literal;
            )*
        }
        $(
            $(#[$section_meta:meta])*
            pub struct $Section:ident [$section:ident] {
                $(
                    $sfield:ident: $sty:ty = $sdefault:expr,
                        $skind:ident $({ $($sarg:ident: $sval:expr),* $(,)? })?,
                        $sdoc:literal;
                )*
            }
        )*
    ) => {
        $(#[$policy_meta])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct $Policy {
            $(
                #[doc = concat!("`", stringify!($top), ".", stringify!($field), "`: ", $doc, ".")]
                pub $field: $ty,
            )*
            $(
                $(#[$section_meta])*
                pub $section: $Section,
            )*
        }

        impl Default for $Policy {
            fn default() -> Self {
                $Policy {
                    $($field: $default,)*
                    $($section: $Section::default(),)*
                }
            }
        }

        $(
            $(#[$section_meta])*
            #[derive(Debug, Clone, PartialEq, Serialize)]
            pub struct $Section {
                $(
                    #[doc = concat!(
                        "`", stringify!($section), ".", stringify!($sfield), "`: ", $sdoc, "."
                    )]
                    pub $sfield: $sty,
                )*
            }

            impl Default for $Section {
                fn default() -> Self {
                    $Section {
                        $($sfield: $sdefault,)*
                    }
                }
            }
        )*

        /// Every policy key, in the order of models/baseline.toml and docs/POLICY.md: the
        /// order of the declaration.
        pub static KEYS: &[Key] = &[
            $(
                Key {
                    name: concat!(stringify!($top), ".", stringify!($field)),
                    doc: $doc,
                    kind: policy_keys!(@kind $kind $({ $($karg: $kval),* })?, Slot {
                        get: |p| &p.$field,
                        get_mut: |p| &mut p.$field,
                    }),
                },
            )*
            $($(
                Key {
                    name: concat!(stringify!($section), ".", stringify!($sfield)),
                    doc: $sdoc,
                    kind: policy_keys!(@kind $skind $({ $($sarg: $sval),* })?, Slot {
                        get: |p| &p.$section.$sfield,
                        get_mut: |p| &mut p.$section.$sfield,
                    }),
                },
            )*)*
        ];
    };
    // A kind with a range: its fields, then the slot.
    (@kind $kind:ident { $($arg:ident: $val:expr),* }, $slot:expr) => {
        Kind::$kind { $($arg: $val,)* slot: $slot }
    };
    // A kind without one: the slot alone.
    (@kind $kind:ident, $slot:expr) => {
        Kind::$kind($slot)
    };
}

pub(super) use policy_keys;
