//! Backups of etcd: taking a snapshot and naming it ([`save`], [`naming`]),
//! what proves where it came from ([`record`], [`signing`], [`vouch`]),
//! keeping the right ones ([`retention`], [`catalog`]), copies off the
//! node ([`offsite`]), proving one restores ([`drill`]), and what a cron
//! job's monitoring reads ([`metrics`]). The bytes on disk are
//! `etcd_format`'s; the connection to etcd is [`crate::etcd`]'s.

pub mod catalog;
pub mod drill;
pub mod metrics;
pub mod naming;
pub mod offsite;
pub mod record;
pub mod retention;
pub mod save;
pub mod signing;
pub mod vouch;
