//! Each thread's search caches for the crate's automata (pattern sets, lean and
//! capture regexes), one slot per automaton.
//!
//! A pool per automaton (the `regex` crate's way) is quick only for the thread that
//! used it first; every other thread took a lock twice per
//! search, 3% of a 10,000-posting run. Numbers are never reused, so a slot never meets
//! another automaton's cache; the slot of a dropped automaton is freed on the dropping
//! thread, and on other threads when they end.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::LocalKey;

/// One thread's caches of one kind, by automaton number.
pub type Slots<C> = RefCell<Vec<Option<C>>>;

/// A number for a new automaton.
pub fn new_id() -> usize {
    static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// Runs `f` with this thread's cache in slot `id`, made by `make` on first use.
pub fn with<C: 'static, R>(
    slots: &'static LocalKey<Slots<C>>,
    id: usize,
    make: impl FnOnce() -> C,
    f: impl FnOnce(&mut C) -> R,
) -> R {
    slots.with(|slots| {
        let mut slots = slots.borrow_mut();
        if slots.len() <= id {
            slots.resize_with(id + 1, || None);
        }
        f(slots[id].get_or_insert_with(make))
    })
}

/// Frees this thread's cache in slot `id`, for an automaton being dropped.
pub fn free<C: 'static>(slots: &'static LocalKey<Slots<C>>, id: usize) {
    let _ = slots.try_with(|slots| {
        if let Ok(mut slots) = slots.try_borrow_mut() {
            if let Some(slot) = slots.get_mut(id) {
                *slot = None;
            }
        }
    });
}
