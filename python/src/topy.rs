//! Annotations straight into Python objects, through their serde definitions.
//!
//! Going through serde keeps `claimtag::model` the single definition of the output: the
//! dict holds exactly what `serde_json` would write (field order, skipped empty fields,
//! `null`s), so it equals `json.loads` of the CLI's line without writing or parsing one.
//! Parsing the line costs as much as annotating it; building the objects directly is what
//! lets the Python front keep up with the CLI. Field names and enum variants are
//! `&'static str`s, so each is interned once and reused by address.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::ser::{self, Serialize};

/// Interned Python strings for the `&'static str`s serde hands out (field and variant
/// names), keyed by address: a few dozen entries, looked up on every field. And the
/// values of the fields that hold a name from a small set (`rule`, `kind`, ...), keyed by
/// content, so that each item does not allocate its own copy of `attr.indirect`.
#[derive(Default)]
pub struct Keys {
    by_address: HashMap<(usize, usize), Py<PyString>, BuildHasherDefault<AddressHasher>>,
    names: HashMap<Box<str>, Py<PyString>>,
}

/// Fields whose values come from a small set of names.
const NAME_FIELDS: [&str; 4] = ["rule", "kind", "offsets", "schema_version"];

/// The most names kept: a user lexicon cannot grow the cache without bound.
const MAX_NAMES: usize = 4096;

impl Keys {
    fn get<'py>(&mut self, py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
        // Static strings can share a start address when one is a prefix of the other.
        self.by_address
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| PyString::intern(py, name).unbind())
            .bind(py)
            .clone()
    }

    fn name<'py>(&mut self, py: Python<'py>, value: &str) -> Bound<'py, PyString> {
        if let Some(known) = self.names.get(value) {
            return known.bind(py).clone();
        }
        let fresh = PyString::new(py, value);
        if self.names.len() < MAX_NAMES {
            self.names.insert(value.into(), fresh.clone().unbind());
        }
        fresh
    }
}

/// A pointer is already well spread: one multiplication mixes its bits for the table.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A failure while building objects: a Python error (out of memory) or a serde message.
#[derive(Debug)]
pub struct Error(pub PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Error {
        Error(e)
    }
}

/// The Python object `json.loads` would give for `value` serialised by `serde_json`.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    keys: &mut Keys,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value
        .serialize(ToPy {
            py,
            keys,
            name: false,
        })
        .map_err(|e| e.0)
}

struct ToPy<'a, 'py> {
    py: Python<'py>,
    keys: &'a mut Keys,
    /// The value is one of `NAME_FIELDS`: its string is shared.
    name: bool,
}

type Obj<'py> = Bound<'py, PyAny>;

fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, value: T) -> Result<Obj<'py>, Error> {
    value.into_bound_py_any(py).map_err(Error)
}

/// `{variant: value}`: serde_json's externally tagged enums.
fn tagged<'py>(
    py: Python<'py>,
    keys: &mut Keys,
    variant: &'static str,
    value: Obj<'py>,
) -> Result<Obj<'py>, Error> {
    let dict = PyDict::new(py);
    dict.set_item(keys.get(py, variant), value)?;
    Ok(dict.into_any())
}

impl<'a, 'py> ser::Serializer for ToPy<'a, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_i8(self, v: i8) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_i16(self, v: i16) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_i32(self, v: i32) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_i64(self, v: i64) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_i128(self, v: i128) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_u8(self, v: u8) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_u16(self, v: u16) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_u32(self, v: u32) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_u64(self, v: u64) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_u128(self, v: u128) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_f32(self, v: f32) -> Result<Obj<'py>, Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Obj<'py>, Error> {
        // serde_json writes a non-finite float as `null`.
        if v.is_finite() {
            obj(self.py, v)
        } else {
            Ok(self.py.None().into_bound(self.py))
        }
    }
    fn serialize_char(self, v: char) -> Result<Obj<'py>, Error> {
        obj(self.py, v)
    }
    fn serialize_str(self, v: &str) -> Result<Obj<'py>, Error> {
        if self.name {
            return Ok(self.keys.name(self.py, v).into_any());
        }
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Obj<'py>, Error> {
        // serde_json writes bytes as an array of numbers.
        Ok(PyList::new(self.py, v)?.into_any())
    }
    fn serialize_none(self) -> Result<Obj<'py>, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Obj<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Obj<'py>, Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Obj<'py>, Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Obj<'py>, Error> {
        Ok(self.keys.get(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Obj<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Obj<'py>, Error> {
        let inner = value.serialize(ToPy {
            py: self.py,
            keys: &mut *self.keys,
            name: false,
        })?;
        tagged(self.py, self.keys, variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq {
            py: self.py,
            keys: self.keys,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map {
            dict: PyDict::new(self.py),
            py: self.py,
            keys: self.keys,
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'a, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map<'a, 'py>, Error> {
        let mut map = self.serialize_map(Some(len))?;
        map.variant = Some(variant);
        Ok(map)
    }
}

struct Seq<'a, 'py> {
    py: Python<'py>,
    keys: &'a mut Keys,
    items: Vec<Obj<'py>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let item = value.serialize(ToPy {
            py: self.py,
            keys: &mut *self.keys,
            name: false,
        })?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Result<Obj<'py>, Error> {
        let list = PyList::new(self.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => tagged(self.py, self.keys, variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}

struct Map<'a, 'py> {
    dict: Bound<'py, PyDict>,
    py: Python<'py>,
    keys: &'a mut Keys,
    key: Option<Obj<'py>>,
    variant: Option<&'static str>,
}

impl<'py> Map<'_, 'py> {
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<Obj<'py>, Error> {
        self.field_value(value, false)
    }

    fn field_value<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        name: bool,
    ) -> Result<Obj<'py>, Error> {
        value.serialize(ToPy {
            py: self.py,
            keys: &mut *self.keys,
            name,
        })
    }

    fn finish(self) -> Result<Obj<'py>, Error> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => tagged(self.py, self.keys, variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // JSON object keys are strings: serde_json writes a number key as its digits.
        let key = self.value(key)?;
        let key = if key.is_instance_of::<PyString>() {
            key
        } else {
            key.str()?.into_any()
        };
        self.key = Some(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let value = self.value(value)?;
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("map value without a key"))?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let value = self.field_value(value, NAME_FIELDS.contains(&key))?;
        self.dict.set_item(self.keys.get(self.py, key), value)?;
        Ok(())
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let value = self.field_value(value, NAME_FIELDS.contains(&key))?;
        self.dict.set_item(self.keys.get(self.py, key), value)?;
        Ok(())
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.finish()
    }
}
