//! The guard against CSV injection: a text cell a spreadsheet would run as a formula is
//! written with a leading `'`. [`escape_cell`] does it to one cell; [`EscapeText`] to every
//! text field of a row serialized with serde, numbers untouched.

use std::borrow::Cow;

use serde::ser::{self, Serialize, Serializer};

/// The characters that make a spreadsheet read a cell as a formula (CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell from the user's data as written to CSV: a cell a spreadsheet would run as a
/// formula gets a leading `'`, so `=HYPERLINK(..)` shows as text. A plain number (`-1`,
/// `+2.5`) stays as it is. A cell whose run of leading `'` stands before such a character
/// (`'=x`) gets one more, so that the reader, which strips one `'` only there
/// ([`crate::input::records::unescape_cell`]), gives back exactly what was written.
pub fn escape_cell(s: &str) -> Cow<'_, str> {
    let risky = s.starts_with(FORMULA_START) && !s.parse::<f64>().is_ok_and(f64::is_finite);
    let quoted = s.starts_with('\'') && s.trim_start_matches('\'').starts_with(FORMULA_START);
    if risky || quoted {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A value serialized with every string in it passed through [`escape_cell`], and every
/// number, boolean and field name as it is. A number is never escaped, not even `-inf`,
/// which [`escape_cell`] would take for text: a figure is ours, not the user's.
pub(crate) struct EscapeText<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for EscapeText<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Escaping(s))
    }
}

/// The serializer behind [`EscapeText`]: strings escaped, the fields of a struct (a CSV
/// row) each through [`EscapeText`] again; everything else handed on unchanged.
struct Escaping<S>(S);

/// The fields of a struct, each escaped.
struct EscapingStruct<S>(S);

impl<S: ser::SerializeStruct> ser::SerializeStruct for EscapingStruct<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, &EscapeText(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

/// Methods that hand a value of one plain type on to the inner serializer.
macro_rules! hand_on {
    ($($name:ident($t:ty)),* $(,)?) => {
        $(fn $name(self, v: $t) -> Result<S::Ok, S::Error> {
            self.0.$name(v)
        })*
    };
}

impl<S: Serializer> Serializer for Escaping<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = EscapingStruct<S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    hand_on!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(&escape_cell(v))
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&EscapeText(v))
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &EscapeText(v))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &EscapeText(v))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<S::SerializeSeq, S::Error> {
        self.0.serialize_seq(len)
    }
    fn serialize_tuple(self, len: usize) -> Result<S::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<S::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<S::SerializeTupleVariant, S::Error> {
        self.0.serialize_tuple_variant(name, index, variant, len)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<S::SerializeMap, S::Error> {
        self.0.serialize_map(len)
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(EscapingStruct)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<S::SerializeStructVariant, S::Error> {
        self.0.serialize_struct_variant(name, index, variant, len)
    }
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_escaped_and_numbers_are_not() {
        assert_eq!(escape_cell("=1+1"), "'=1+1");
        assert_eq!(escape_cell("-1"), "-1");
        assert_eq!(escape_cell("'=x"), "''=x");
        assert_eq!(escape_cell("甲"), "甲");
    }

    #[derive(serde::Serialize)]
    struct Row {
        text: String,
        none: Option<String>,
        some: Option<String>,
        number: f64,
    }

    #[test]
    fn a_row_escapes_its_texts_and_keeps_its_numbers() {
        let row = Row {
            text: "=A1".into(),
            none: None,
            some: Some("@x".into()),
            number: f64::NEG_INFINITY,
        };
        let v = serde_json::to_value(EscapeText(&row)).unwrap();
        assert_eq!(v["text"], "'=A1");
        assert_eq!(v["none"], serde_json::Value::Null);
        assert_eq!(v["some"], "'@x");
        let mut w = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        w.serialize(EscapeText(&row)).unwrap();
        let line = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(line, "'=A1,,'@x,-inf\n");
    }
}
