//! Compiled tables kept in memory, keyed by period, query and the plan's change counter.
//!
//! The table is read constantly (dashboard, table view, other systems) and changes rarely. A read
//! costs one small query for the counter; the table is compiled again only when the counter moved,
//! and the ETag is known before anything is compiled, so If-None-Match is answered with 304 at
//! once. The counter is read before compiling, so an entry can only be newer than its key, never
//! older: a read after an acknowledged write always sees the write.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;

/// Most entries kept (a period × its filter combinations in use); the oldest goes first.
const CAPACITY: usize = 256;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    period_id: i64,
    query: String,
}

#[derive(Default)]
struct Entries {
    map: HashMap<Key, (i64, Bytes)>,
    order: VecDeque<Key>,
}

#[derive(Default, Clone)]
pub struct TableCache {
    entries: Arc<Mutex<Entries>>,
}

impl TableCache {
    /// The cached body of `period_id` for `query`, if it was compiled at `version`.
    pub fn get(&self, period_id: i64, query: &str, version: i64) -> Option<Bytes> {
        let entries = self.entries.lock().expect("cache lock");
        let key = Key { period_id, query: query.to_owned() };
        entries.map.get(&key).filter(|(v, _)| *v == version).map(|(_, body)| body.clone())
    }

    pub fn put(&self, period_id: i64, query: &str, version: i64, body: Bytes) {
        let mut entries = self.entries.lock().expect("cache lock");
        let key = Key { period_id, query: query.to_owned() };
        if entries.map.insert(key.clone(), (version, body)).is_none() {
            entries.order.push_back(key);
            if entries.order.len() > CAPACITY {
                if let Some(oldest) = entries.order.pop_front() {
                    entries.map.remove(&oldest);
                }
            }
        }
    }
}

/// The ETag of a table: its period, query and counter identify its content exactly.
pub fn etag(period_id: i64, query: &str, version: i64) -> String {
    let key = format!("{period_id}\n{query}\n{version}");
    crate::http_cache::etag(format_args!("t{}", crate::http_cache::digest_hex(key.as_bytes(), 12)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_serves_only_its_own_version() {
        let cache = TableCache::default();
        cache.put(1, "", 5, Bytes::from_static(b"v5"));
        assert_eq!(cache.get(1, "", 5).as_deref(), Some(&b"v5"[..]));
        assert_eq!(cache.get(1, "", 6), None);
        assert_eq!(cache.get(1, "department_id=3", 5), None);
        assert_ne!(etag(1, "", 5), etag(1, "", 6));
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = TableCache::default();
        for i in 0..(CAPACITY as i64 + 10) {
            cache.put(i, "", 1, Bytes::new());
        }
        assert_eq!(cache.get(0, "", 1), None);
        assert!(cache.get(CAPACITY as i64 + 9, "", 1).is_some());
    }
}
