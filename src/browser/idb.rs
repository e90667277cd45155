//! The raw layer over the browser's IndexedDB: one database of this page,
//! two object stores with string keys, reads and all-or-nothing writes as
//! futures. What is kept there, and when, is decided in
//! [`crate::remember::last_check`].
//!
//! Written on web-sys and js-sys, which the page already uses, rather than
//! a wrapper crate (`rexie`, `idb`, `indexed_db_futures`): the page needs
//! five operations, and each wrapper brings its own futures glue and error
//! types for the same calls.
//!
//! IndexedDB keeps what it is given by structured clone, so a seller's
//! `File` goes in as it is (the browser copies its bytes into its own
//! storage) and comes back as a `File` that reads like the original.
//! Failures are sorted into the [`StorageError`]s `localStorage` uses:
//! full (`QuotaExceededError`, thrown or as the reason a transaction
//! aborted), unavailable (blocked, or no IndexedDB), or anything else.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbFactory, IdbObjectStore, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

use super::storage::StorageError;

/// The database's name. Nothing else of the origin uses it.
pub const DB_NAME: &str = "vtr-check";

/// Its schema version; a later schema adds stores in the upgrade.
pub const DB_VERSION: u32 = 1;

/// The seller's files, by key, each as the `File` it was added as.
pub const FILES: &str = "files";

/// What describes the kept check (JSON text), by key.
pub const CHECK: &str = "check";

const STORES: [&str; 2] = [FILES, CHECK];

/// How many changes of one write are made in one go (see [`Db::write`]).
const BATCH: usize = 32;

/// A change inside one write: all of a [`Db::write`]'s changes are made, or
/// none.
pub enum Change<'a> {
    Put {
        store: &'a str,
        key: &'a str,
        value: &'a JsValue,
    },
    Delete {
        store: &'a str,
        key: &'a str,
    },
    Clear {
        store: &'a str,
    },
}

/// The error a browser call threw or a request failed with.
pub fn error_of(e: &JsValue) -> StorageError {
    if let Some(d) = e.dyn_ref::<DomException>() {
        return StorageError::from_js_name(&d.name(), &d.message());
    }
    let field = |f: &str| {
        Reflect::get(e, &f.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let name = field("name");
    if name.is_empty() {
        StorageError::Other(e.as_string().unwrap_or_else(|| format!("{e:?}")))
    } else {
        StorageError::from_js_name(&name, &field("message"))
    }
}

fn factory() -> Result<IdbFactory, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.indexed_db() {
        Ok(Some(f)) => Ok(f),
        Ok(None) => Err(StorageError::Unavailable),
        Err(e) => Err(unavailable_unless_full(error_of(&e))),
    }
}

/// Opening storage fails for one reason a seller can act on (it is full)
/// and many they cannot; all the others mean "not available here".
fn unavailable_unless_full(e: StorageError) -> StorageError {
    match e {
        StorageError::Full => StorageError::Full,
        _ => StorageError::Unavailable,
    }
}

/// Resolves with the request's result once it succeeds. The handlers are
/// set at once, not when the future is first polled, so a request whose
/// answer comes before it is awaited is not missed.
fn done(req: &IdbRequest) -> impl std::future::Future<Output = Result<JsValue, StorageError>> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let r = req.clone();
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let fail = Closure::once_into_js(move |ev: JsValue| {
            let why = r.error().ok().flatten().map(JsValue::from).unwrap_or(ev);
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    let answer = JsFuture::from(promise);
    async move { answer.await.map_err(|e| error_of(&e)) }
}

/// Resolves once the transaction is committed; rejects with why it was
/// aborted (`QuotaExceededError` when the data did not fit). Set up at
/// once, like [`done`].
fn committed(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), StorageError>> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let fail = Closure::once_into_js(move |ev: JsValue| {
            let why = t.error().map(JsValue::from).unwrap_or(ev);
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onabort(Some(fail.unchecked_ref()));
    });
    let answer = JsFuture::from(promise);
    async move { answer.await.map(|_| ()).map_err(|e| error_of(&e)) }
}

/// Whether this page's database exists, without creating it: a seller who
/// never kept a check has nothing of the page's in IndexedDB. Browsers
/// without `indexedDB.databases()` answer yes, and the open that follows
/// creates an empty one.
pub async fn exists() -> Result<bool, StorageError> {
    let f = factory()?;
    let Ok(list) = Reflect::get(&f, &"databases".into()) else {
        return Ok(true);
    };
    let Some(list) = list.dyn_ref::<Function>() else {
        return Ok(true);
    };
    let promise = list
        .call0(&f)
        .map_err(|e| unavailable_unless_full(error_of(&e)))?;
    let found = JsFuture::from(Promise::from(promise))
        .await
        .map_err(|e| unavailable_unless_full(error_of(&e)))?;
    Ok(Array::from(&found).iter().any(|d| {
        Reflect::get(&d, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == DB_NAME)
    }))
}

/// An open connection to the page's database.
pub struct Db(IdbDatabase);

/// Opens (and, the first time, creates) the page's database.
pub async fn open() -> Result<Db, StorageError> {
    let f = factory()?;
    let req = f
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(|e| unavailable_unless_full(error_of(&e)))?;
    let r = req.clone();
    let upgrade = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        let Ok(db) = r.result().and_then(|d| d.dyn_into::<IdbDatabase>()) else {
            return;
        };
        let names = db.object_store_names();
        for store in STORES {
            if !names.contains(store) {
                let _ = db.create_object_store(store);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = done(&req).await.map_err(unavailable_unless_full);
    req.set_onupgradeneeded(None);
    drop(upgrade);
    let db: IdbDatabase = db?.dyn_into().map_err(|_| StorageError::Unavailable)?;
    // Another tab's "Forget everything" deletes the database: close so it
    // need not wait for this tab.
    let d = db.clone();
    let on_version = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| d.close());
    db.set_onversionchange(Some(on_version.as_ref().unchecked_ref()));
    on_version.forget();
    Ok(Db(db))
}

/// Deletes the page's database and all it holds. Connections of other
/// tabs close themselves (see [`open`]).
pub async fn delete_database() -> Result<(), StorageError> {
    let req = factory()?
        .delete_database(DB_NAME)
        .map_err(|e| error_of(&e))?;
    done(&req).await.map(|_| ())
}

/// `navigator.storage.estimate()`: bytes this origin uses and may use.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let answer = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let number = |f: &str| Reflect::get(&answer, &f.into()).ok()?.as_f64();
    Some((number("usage")?, number("quota")?))
}

impl Db {
    fn store(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StorageError> {
        let names = Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        self.0
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(|e| error_of(&e))
    }

    fn object_store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StorageError> {
        tx.object_store(name).map_err(|e| error_of(&e))
    }

    /// The values under `keys` in `store`, in that order (`undefined`
    /// where a key holds nothing), read in one transaction.
    pub async fn get_all(&self, store: &str, keys: &[&str]) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.store(&[store], IdbTransactionMode::Readonly)?;
        let s = Self::object_store(&tx, store)?;
        let mut requests = Vec::with_capacity(keys.len());
        for k in keys {
            requests.push(s.get(&JsValue::from_str(k)).map_err(|e| error_of(&e))?);
        }
        let mut out = Vec::with_capacity(requests.len());
        for r in &requests {
            out.push(done(r).await?);
        }
        Ok(out)
    }

    /// The value under `key` in `store` (`undefined` when none).
    pub async fn get(&self, store: &str, key: &str) -> Result<JsValue, StorageError> {
        let mut v = self.get_all(store, &[key]).await?;
        Ok(v.pop().unwrap_or(JsValue::UNDEFINED))
    }

    /// Every key in `store`.
    pub async fn keys(&self, store: &str) -> Result<Vec<String>, StorageError> {
        let tx = self.store(&[store], IdbTransactionMode::Readonly)?;
        let req = Self::object_store(&tx, store)?
            .get_all_keys()
            .map_err(|e| error_of(&e))?;
        let keys = done(&req).await?;
        Ok(Array::from(&keys)
            .iter()
            .filter_map(|k| k.as_string())
            .collect())
    }

    /// Makes every change in one transaction, and resolves once it is on
    /// disk: all of them, or (on any failure) none.
    pub async fn write(&self, changes: &[Change<'_>]) -> Result<(), StorageError> {
        let mut stores: Vec<&str> = Vec::new();
        for c in changes {
            let (Change::Put { store, .. }
            | Change::Delete { store, .. }
            | Change::Clear { store }) = c;
            if !stores.contains(store) {
                stores.push(store);
            }
        }
        if stores.is_empty() {
            return Ok(());
        }
        let tx = self.store(&stores, IdbTransactionMode::Readwrite)?;
        let finished = committed(&tx);
        let mut last_request: Option<IdbRequest> = None;
        for (i, c) in changes.iter().enumerate() {
            let batch_done = last_request.as_ref().filter(|_| i > 0 && i % BATCH == 0);
            if let Some(last) = batch_done {
                // Each `put` of a `File` takes the main thread a fraction of
                // a millisecond; a thousand in a row froze the page for
                // 190 ms. The next batch waits for the last request's
                // answer, a task of its own, so the page is answered
                // between batches. Requests made while the transaction
                // answers one keep it open, so the write stays one whole.
                if let Err(e) = done(last).await {
                    let _ = tx.abort();
                    return Err(e);
                }
            }
            let made = match c {
                Change::Put { store, key, value } => {
                    Self::object_store(&tx, store)?.put_with_key(value, &JsValue::from_str(key))
                }
                Change::Delete { store, key } => {
                    Self::object_store(&tx, store)?.delete(&JsValue::from_str(key))
                }
                Change::Clear { store } => Self::object_store(&tx, store)?.clear(),
            };
            match made {
                Ok(r) => last_request = Some(r),
                Err(e) => {
                    // A change refused at once (a full quota can be thrown
                    // here): undo the others.
                    let _ = tx.abort();
                    return Err(error_of(&e));
                }
            }
        }
        finished.await
    }

    /// Closes the connection.
    pub fn close(&self) {
        self.0.close();
    }
}
