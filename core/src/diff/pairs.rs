//! Two sorted maps walked side by side (a merge join): each key of either, in key order, with
//! its value on each side. Linear in the two maps, where looking every key of one up in the
//! other is n log n and compares keys (strings) at every level of the tree.

use std::collections::BTreeMap;
use std::iter::Peekable;

/// A key of `from`, of `to`, or of both, with its values.
pub(crate) enum Pair<'a, K, V> {
    From(&'a K, &'a V),
    To(&'a K, &'a V),
    Both(&'a K, &'a V, &'a V),
}

/// The keys of `from` and `to` in order, each once.
pub(crate) fn pairs<'a, K: Ord, V>(from: &'a BTreeMap<K, V>, to: &'a BTreeMap<K, V>) -> Pairs<'a, K, V> {
    Pairs { from: from.iter().peekable(), to: to.iter().peekable() }
}

pub(crate) struct Pairs<'a, K, V> {
    from: Peekable<std::collections::btree_map::Iter<'a, K, V>>,
    to: Peekable<std::collections::btree_map::Iter<'a, K, V>>,
}

impl<'a, K: Ord, V> Iterator for Pairs<'a, K, V> {
    type Item = Pair<'a, K, V>;

    fn next(&mut self) -> Option<Self::Item> {
        let order = match (self.from.peek(), self.to.peek()) {
            (None, None) => return None,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some((a, _)), Some((b, _))) => a.cmp(b),
        };
        match order {
            std::cmp::Ordering::Less => self.from.next().map(|(k, v)| Pair::From(k, v)),
            std::cmp::Ordering::Greater => self.to.next().map(|(k, v)| Pair::To(k, v)),
            std::cmp::Ordering::Equal => match (self.from.next(), self.to.next()) {
                (Some((k, a)), Some((_, b))) => Some(Pair::Both(k, a, b)),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_once_in_order() {
        let from: BTreeMap<u32, char> = [(1, 'a'), (3, 'c'), (4, 'd'), (9, 'i')].into();
        let to: BTreeMap<u32, char> = [(0, 'Z'), (3, 'C'), (5, 'E'), (9, 'I'), (10, 'J')].into();
        let seen: Vec<String> = pairs(&from, &to)
            .map(|p| match p {
                Pair::From(k, v) => format!("-{k}{v}"),
                Pair::To(k, v) => format!("+{k}{v}"),
                Pair::Both(k, a, b) => format!("={k}{a}{b}"),
            })
            .collect();
        assert_eq!(seen, ["+0Z", "-1a", "=3cC", "-4d", "+5E", "=9iI", "+10J"]);
        assert_eq!(pairs(&BTreeMap::<u32, char>::new(), &BTreeMap::new()).count(), 0);
    }
}
