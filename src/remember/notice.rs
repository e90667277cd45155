//! Something about storage the seller should know, shown once in the page
//! (by [`crate::load::storage_notice::StorageNotice`]).

use std::cell::RefCell;

use leptos::prelude::*;

use crate::browser::storage::StorageError;

/// What the seller reads about storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A save failed for lack of space.
    Full,
    /// A save failed because storage is blocked or broken.
    Unavailable,
    /// Saved data could not be read and was replaced by the defaults.
    Reset,
}

impl Notice {
    /// The English text, to translate with [`crate::i18n::tr`].
    pub fn text(self) -> &'static str {
        match self {
            Notice::Full => "Your browser's storage is full; settings won't be remembered.",
            Notice::Unavailable => {
                "This browser does not let the page save anything; settings won't be remembered."
            }
            Notice::Reset => {
                "Saved settings from an earlier visit could not be read, so the defaults are used."
            }
        }
    }

    /// The notice for a failed save.
    pub fn of(e: &StorageError) -> Notice {
        match e {
            StorageError::Full => Notice::Full,
            StorageError::Unavailable | StorageError::Other(_) => Notice::Unavailable,
        }
    }
}

thread_local! {
    // The page runs on one thread; a global signal lets any save report a
    // problem without every caller passing a handle around.
    static NOTICE: ArcRwSignal<Option<Notice>> = ArcRwSignal::new(None);
    static SHOWN: RefCell<Vec<Notice>> = const { RefCell::new(Vec::new()) };
}

/// The notice to show, if any (reactive).
pub fn notice() -> Option<Notice> {
    NOTICE.with(|n| n.get())
}

/// Raises `notice`, at most once per visit per kind so a storage that stays
/// full does not keep nagging after the seller closed the message.
pub fn raise(notice: Notice) {
    let first = SHOWN.with(|s| {
        let mut s = s.borrow_mut();
        let first = !s.contains(&notice);
        if first {
            s.push(notice);
        }
        first
    });
    if first {
        NOTICE.with(|n| n.set(Some(notice)));
    }
}

/// Raises the notice for a failed save; a success says nothing.
pub fn raise_on_error(result: Result<(), StorageError>) {
    if let Err(e) = result {
        raise(Notice::of(&e));
    }
}

/// Hides the notice.
pub fn dismiss() {
    NOTICE.with(|n| n.set(None));
}
