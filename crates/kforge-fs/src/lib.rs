//! The durable-file primitives every kforge crate builds on, in one place:
//! crash-safe replacement of a file ([`write_atomic`]), making a rename
//! durable ([`fsync_dir`]), and the `flock` locks that keep two runs of one
//! job apart ([`lock`]), and a file moved aside that goes back unless kept
//! ([`MovedAside`]). A lock held elsewhere is the typed [`Locked`]
//! error, which kforge maps to exit status 4.

mod atomic;
pub mod lock;
mod moved_aside;

pub use atomic::{fsync_dir, write_atomic};
pub use moved_aside::MovedAside;

use std::fmt;

/// Another process holds the lock we need (kforge: exit 4).
#[derive(Debug)]
pub struct Locked(pub String);

impl fmt::Display for Locked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Locked {}
