//! Interned text: each distinct carrier, status, category... stored once per
//! segment, so a package holds a number instead of a copy.

use hashbrown::HashTable;
use xxhash_rust::xxh3::xxh3_64;

/// An interned string. `Sym::EMPTY` is the empty string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

impl Sym {
    /// The empty string, interned in every [`Interner`].
    pub const EMPTY: Sym = Sym(0);

    /// Whether this is the empty string.
    pub fn is_empty(self) -> bool {
        self == Sym::EMPTY
    }

    /// The symbol as an index into per-string tables.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Stores each distinct low-cardinality text once.
#[derive(Clone, Debug)]
pub struct Interner {
    strings: Vec<Box<str>>,
    table: HashTable<u32>,
}

impl Default for Interner {
    fn default() -> Self {
        let mut i = Interner {
            strings: Vec::new(),
            table: HashTable::new(),
        };
        i.intern("");
        i
    }
}

impl Interner {
    /// The symbol of `text`, adding it on first sight.
    pub fn intern(&mut self, text: &str) -> Sym {
        let hash = xxh3_64(text.as_bytes());
        let strings = &self.strings;
        if let Some(&i) = self.table.find(hash, |&i| &*strings[i as usize] == text) {
            return Sym(i);
        }
        let i = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.strings.push(Box::from(text));
        let strings = &self.strings;
        self.table
            .insert_unique(hash, i, |&j| xxh3_64(strings[j as usize].as_bytes()));
        Sym(i)
    }

    /// The text of `sym`; empty for a symbol of another interner.
    pub fn get(&self, sym: Sym) -> &str {
        self.strings.get(sym.index()).map_or("", |s| s)
    }

    /// How many strings are interned, the empty one included.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Whether only the empty string is interned.
    pub fn is_empty(&self) -> bool {
        self.strings.len() <= 1
    }

    /// Every string, in symbol order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.strings.iter().map(|s| &**s)
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.strings.iter().map(|s| s.len() + 16).sum::<usize>() + self.table.capacity() * 5
    }
}

/// Interned tuples of symbols: the text fields of a package (carrier,
/// status, category...) are one number, since a file has a few hundred
/// combinations of them at most.
#[derive(Clone, Debug)]
pub struct Tuples<const N: usize> {
    rows: Vec<[Sym; N]>,
    table: HashTable<u32>,
}

impl<const N: usize> Default for Tuples<N> {
    fn default() -> Self {
        let mut t = Tuples {
            rows: Vec::new(),
            table: HashTable::new(),
        };
        t.intern(&[Sym::EMPTY; N]);
        t
    }
}

fn tuple_hash<const N: usize>(t: &[Sym; N]) -> u64 {
    let mut bytes = [0u8; 64];
    let mut len = 0;
    for s in t {
        if len + 4 > bytes.len() {
            break;
        }
        bytes[len..len + 4].copy_from_slice(&s.0.to_le_bytes());
        len += 4;
    }
    xxh3_64(&bytes[..len])
}

impl<const N: usize> Tuples<N> {
    /// The id of `tuple`, adding it on first sight. Id 0 is all empty.
    pub fn intern(&mut self, tuple: &[Sym; N]) -> u32 {
        let hash = tuple_hash(tuple);
        let rows = &self.rows;
        if let Some(&i) = self.table.find(hash, |&i| rows[i as usize] == *tuple) {
            return i;
        }
        let i = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.rows.push(*tuple);
        let rows = &self.rows;
        self.table
            .insert_unique(hash, i, |&j| tuple_hash(&rows[j as usize]));
        i
    }

    /// The tuple of `id`; all empty for an unknown id.
    pub fn get(&self, id: u32) -> [Sym; N] {
        self.rows
            .get(id as usize)
            .copied()
            .unwrap_or([Sym::EMPTY; N])
    }

    /// How many distinct tuples there are.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.rows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_tuples_are_stored_once() {
        let mut i = Interner::default();
        assert_eq!(i.intern(""), Sym::EMPTY);
        let a = i.intern("UPS");
        assert_eq!(i.intern("UPS"), a);
        assert_ne!(i.intern("USPS"), a);
        assert_eq!(i.get(a), "UPS");
        assert_eq!(i.len(), 3);
        let mut t = Tuples::<3>::default();
        assert_eq!(t.intern(&[Sym::EMPTY; 3]), 0);
        let x = t.intern(&[a, Sym::EMPTY, a]);
        assert_eq!(t.intern(&[a, Sym::EMPTY, a]), x);
        assert_eq!(t.get(x), [a, Sym::EMPTY, a]);
        for n in 0..10_000 {
            i.intern(&n.to_string());
        }
        let s = i.intern("9999");
        assert_eq!(i.get(s), "9999");
        assert_eq!(i.len(), 3 + 10_000);
    }
}
