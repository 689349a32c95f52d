//! `upgrade apply`.

/// `--certificate-renewal=auto` renews what expires within this many days.
pub const AUTO_RENEW_DAYS: i64 = 180;
