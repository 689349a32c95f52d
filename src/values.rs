//! Typed values typed by people: durations, ports, `host[:port]`, counts.
//!
//! A leaf module (it imports nothing from this crate) so that the command
//! line, config-file loading and the domain code all parse a value the same
//! way. Every parser checks its arithmetic and its allowed range, and its
//! error names the accepted form and the range, so a bad value is one clear
//! line and exit 2, never an overflow panic or a silently substituted
//! default. Durations are shown in one format everywhere ([`format_duration`]:
//! `7d`, `36h`, `1h30m`, `500ms`), the same format the help texts use.
//!
//! The parsers are clap value parsers (`value_parser = values::…`); clap then
//! prefixes the error with the flag: `invalid value '0s' for '--keep-within
//! <DURATION>': …`.

use std::ffi::OsStr;

/// The units accepted in durations, for help and error texts.
pub const DURATION_UNITS: &str = "ms, s, m, h or d";

const NANOS_PER_MS: i128 = 1_000_000;
const NANOS_PER_S: i128 = 1_000_000_000;

/// Parses a duration: one or more `<number><unit>` parts, units ms, s, m, h
/// and d (`90s`, `15m`, `36h`, `7d`, `1.5h`, and Go's `8760h0m0s` as
/// kubeadm writes them). No sign, no bare number. Any value that does not
/// fit a signed 64-bit count of nanoseconds is refused, not wrapped.
pub fn parse_duration(s: &str) -> Result<time::Duration, String> {
    let bad = || {
        format!(
            "invalid duration {s:?}: expected a number and a unit ({DURATION_UNITS}), e.g. 90s, 15m, 36h, 7d"
        )
    };
    let too_big = || format!("duration {s:?} is too large");
    let text = s.trim();
    if text.is_empty() {
        return Err(bad());
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut total: i128 = 0;
    while i < bytes.len() {
        // number: digits, optionally '.' digits
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let int_part = &text[start..i];
        let mut frac_part = "";
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            let fs = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            frac_part = &text[fs..i];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(bad());
        }
        let ustart = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let unit: i128 = match &text[ustart..i] {
            "ms" => NANOS_PER_MS,
            "s" => NANOS_PER_S,
            "m" => 60 * NANOS_PER_S,
            "h" => 3600 * NANOS_PER_S,
            "d" => 86_400 * NANOS_PER_S,
            _ => return Err(bad()),
        };
        // More than 30 integer digits cannot fit whatever the unit.
        if int_part.len() > 30 {
            return Err(too_big());
        }
        let whole: i128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| too_big())?
        };
        let mut part = whole.checked_mul(unit).ok_or_else(too_big)?;
        // Fraction: at most 18 digits matter at nanosecond resolution of a day.
        let mut scale = unit;
        for d in frac_part.bytes().take(18) {
            scale /= 10;
            part = part
                .checked_add(i128::from(d - b'0') * scale)
                .ok_or_else(too_big)?;
        }
        total = total.checked_add(part).ok_or_else(too_big)?;
        if total > i128::from(i64::MAX) {
            return Err(too_big());
        }
    }
    let nanos = i64::try_from(total).map_err(|_| too_big())?;
    Ok(time::Duration::nanoseconds(nanos))
}

/// The one display format for durations: largest units first, zero parts
/// left out (`365d`, `1d12h`, `1h30m`, `500ms`, `0s`).
pub fn format_duration(d: time::Duration) -> String {
    let mut out = String::new();
    if d.is_negative() {
        out.push('-');
    }
    let total_ms = d.whole_milliseconds().unsigned_abs();
    if total_ms == 0 {
        out.push_str("0s");
        return out;
    }
    let ms = total_ms % 1000;
    let secs = total_ms / 1000;
    for (n, unit) in [
        (secs / 86_400, "d"),
        (secs / 3600 % 24, "h"),
        (secs / 60 % 60, "m"),
        (secs % 60, "s"),
        (ms, "ms"),
    ] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    out
}

/// A duration parser with an inclusive allowed range: each flag and config
/// field states its own (`DurationRange::new(Duration::SECOND, Duration::days(1))`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationRange {
    pub min: time::Duration,
    pub max: time::Duration,
}

impl DurationRange {
    pub const fn new(min: time::Duration, max: time::Duration) -> Self {
        DurationRange { min, max }
    }

    /// `between 1s and 100d`, for help and errors.
    pub fn describe(&self) -> String {
        format!(
            "between {} and {}",
            format_duration(self.min),
            format_duration(self.max)
        )
    }

    pub fn parse(&self, s: &str) -> Result<time::Duration, String> {
        let range = || format!("must be {}", self.describe());
        let d = parse_duration(s).map_err(|e| {
            if e.contains("too large") {
                format!("{e}: {}", range())
            } else {
                e
            }
        })?;
        self.check(d).map_err(|_| {
            format!(
                "duration {} is out of range: {}",
                format_duration(d),
                range()
            )
        })
    }

    /// Checks an already-typed duration against the range.
    pub fn check(&self, d: time::Duration) -> Result<time::Duration, String> {
        if d < self.min || d > self.max {
            return Err(format!("must be {}", self.describe()));
        }
        Ok(d)
    }
}

impl clap::builder::TypedValueParser for DurationRange {
    type Value = time::Duration;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let me = *self;
        (move |s: &str| me.parse(s)).parse_ref(cmd, arg, value)
    }
}

/// Converts a checked `time::Duration` to `std::time::Duration` (negative
/// becomes zero).
pub fn to_std(d: time::Duration) -> std::time::Duration {
    std::time::Duration::try_from(d).unwrap_or_default()
}

/// A TCP port: 1 to 65535 (0 means "any port" to the kernel, never what a
/// user means here).
pub fn parse_port(s: &str) -> Result<u16, String> {
    let s = s.trim();
    let bad = || format!("invalid port {s:?}: must be a number between 1 and 65535");
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match s.parse::<u32>() {
        Ok(n) => port_from_u64(u64::from(n)).map_err(|_| bad()),
        Err(_) => Err(bad()),
    }
}

/// A port number read from a file (a manifest's `containerPort`, the
/// kubelet's `healthzPort`): in range or an error, never truncated.
pub fn port_from_u64(n: u64) -> Result<u16, String> {
    match u16::try_from(n) {
        Ok(p) if p != 0 => Ok(p),
        _ => Err(format!(
            "port {n} is out of range: must be between 1 and 65535"
        )),
    }
}

/// `host:port`, bracketing IPv6 hosts.
pub fn host_port(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Splits `host[:port]` (IPv6 in brackets: `[fd00::1]:6443`; a bare IPv6
/// address without a port is accepted too). A port that is present must be
/// 1 to 65535; it is never dropped in favour of a default.
pub fn split_host_port(s: &str) -> Result<(String, Option<u16>), String> {
    let bad_port = |p: &str| {
        format!("{s:?}: invalid port {p:?} (expected host[:port], port between 1 and 65535)")
    };
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let Some((h, after)) = rest.split_once(']') else {
            return Err(format!("{s:?}: missing ']' after the IPv6 address"));
        };
        if h.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!("{s:?}: {h:?} in brackets is not an IPv6 address"));
        }
        match after {
            "" => (h, None),
            _ => match after.strip_prefix(':') {
                Some(p) => (h, Some(parse_port(p).map_err(|_| bad_port(p))?)),
                None => return Err(format!("{s:?}: unexpected {after:?} after ']'")),
            },
        }
    } else if s.matches(':').count() == 1 {
        let (h, p) = s.split_once(':').expect("one colon");
        (h, Some(parse_port(p).map_err(|_| bad_port(p))?))
    } else if s.contains(':') {
        // Several colons without brackets: only a bare IPv6 address.
        if s.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!(
                "{s:?}: not an IPv6 address (write an IPv6 address with a port as [addr]:port)"
            ));
        }
        (s, None)
    } else {
        (s, None)
    };
    if host.is_empty() {
        return Err(format!("{s:?}: the host is empty (expected host[:port])"));
    }
    Ok((host.to_string(), port))
}

/// `host[:port]` joined with `port` when it has none.
pub fn with_default_port(s: &str, port: u16) -> Result<String, String> {
    let (h, p) = split_host_port(s)?;
    Ok(host_port(&h, p.unwrap_or(port)))
}

/// Clap parser for a `HOST[:PORT]` flag: checks the form, keeps the text.
pub fn parse_host_port_arg(s: &str) -> Result<String, String> {
    split_host_port(s)?;
    Ok(s.to_string())
}

/// Clap parser for a client endpoint: `http[s]://host[:port]` or
/// `host:port` (as etcdctl takes them). The port, when given, is checked;
/// a path, user or query is refused. Keeps the text.
pub fn parse_endpoint_url(s: &str) -> Result<String, String> {
    let hostport = match s.split_once("://") {
        Some((scheme, rest)) => {
            if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
                return Err(format!("{s:?}: the scheme must be http or https"));
            }
            rest.strip_suffix('/').unwrap_or(rest)
        }
        None => s,
    };
    if hostport.contains(['/', '?', '#', '@']) {
        return Err(format!(
            "{s:?}: expected scheme://host:port, without path, user or query"
        ));
    }
    if hostport.is_empty() || hostport.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(format!("{s:?}: expected scheme://host:port"));
    }
    split_host_port(hostport)?;
    Ok(s.to_string())
}

/// A byte size: a whole number of bytes, or with a unit (`64MiB`, `1.5GiB`,
/// `500MB`, `10k`): binary `KiB`/`MiB`/`GiB`/`TiB` (also `K`, `M`, `G`, `T`),
/// decimal `kB`/`MB`/`GB`/`TB`, `B` for bytes (`--min-reclaim`).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let bad = || {
        format!("invalid size {s:?}: expected bytes or a number with a unit (64MiB, 1GiB, 500MB)")
    };
    let n: f64 = num.parse().map_err(|_| bad())?;
    let mult: f64 = match unit.trim() {
        "" | "B" | "b" => 1.0,
        "K" | "k" | "Ki" | "KiB" => 1024.0,
        "M" | "Mi" | "MiB" => 1024.0 * 1024.0,
        "G" | "Gi" | "GiB" => 1024.0 * 1024.0 * 1024.0,
        "T" | "Ti" | "TiB" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "kB" | "KB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "TB" => 1e12,
        _ => return Err(bad()),
    };
    let v = n * mult;
    if !v.is_finite() || v < 0.0 || v > u64::MAX as f64 {
        return Err(bad());
    }
    Ok(v.round() as u64)
}

/// A word from a table (phase, preflight check, certificate name), taken
/// as typed and checked later by the code that owns the table (with its own
/// message), but offered to shell completion: the candidates come from that
/// table, so the completion scripts list exactly what the code knows.
#[derive(Clone)]
pub struct Candidates(pub fn() -> Vec<String>);

impl clap::builder::TypedValueParser for Candidates {
    type Value = String;
    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }
    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// A count with an inclusive allowed range (`--keep`, `--concurrency`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountRange {
    pub min: usize,
    pub max: usize,
}

impl CountRange {
    pub const fn new(min: usize, max: usize) -> Self {
        CountRange { min, max }
    }

    pub fn parse(&self, s: &str) -> Result<usize, String> {
        let s = s.trim();
        let range = format!(
            "must be a whole number between {} and {}",
            self.min, self.max
        );
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("invalid number {s:?}: {range}"));
        }
        match s.parse::<usize>() {
            Ok(n) if (self.min..=self.max).contains(&n) => Ok(n),
            _ => Err(format!("{s} is out of range: {range}")),
        }
    }
}

impl clap::builder::TypedValueParser for CountRange {
    type Value = usize;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let me = *self;
        (move |s: &str| me.parse(s)).parse_ref(cmd, arg, value)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn sizes_take_binary_and_decimal_units() {
        assert_eq!(parse_size("0"), Ok(0));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("500MB"), Ok(500_000_000));
        assert_eq!(parse_size("10k"), Ok(10240));
        for bad in ["", "MiB", "-1", "1 parsec", "1.2.3M"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
    use super::*;
    use time::Duration;

    #[test]
    fn durations_in_every_documented_form() {
        assert_eq!(parse_duration("8760h0m0s").unwrap(), Duration::days(365));
        assert_eq!(parse_duration("90m").unwrap(), Duration::minutes(90));
        assert_eq!(parse_duration("7d").unwrap(), Duration::days(7));
        assert_eq!(parse_duration("36h").unwrap(), Duration::hours(36));
        assert_eq!(parse_duration("1.5h").unwrap(), Duration::minutes(90));
        assert_eq!(
            parse_duration("500ms").unwrap(),
            Duration::milliseconds(500)
        );
        assert_eq!(parse_duration("1m30s").unwrap(), Duration::seconds(90));
        for bad in [
            "", "forever", "10", "-1s", "s", "1x", "1.2.3s", "1s 2m", "+1s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn regression_duration_near_the_integer_limit_is_an_error_not_a_panic() {
        for huge in [
            "9223372036854775807s",
            "999999999999999999999d",
            "300000000000000000h",
            "99999999999999999h",
            "106752d",
            "9999999999999999999999999999999999999999999999s",
            "1.99999999999999999999999999999999h",
        ] {
            let r = parse_duration(huge);
            if huge.starts_with("1.") {
                assert!(r.is_ok(), "{huge}: {r:?}");
            } else {
                assert!(r.unwrap_err().contains("too large"), "{huge}");
            }
        }
        let r = DurationRange::new(Duration::SECOND, Duration::days(100));
        let e = r.parse("9223372036854775807s").unwrap_err();
        assert!(e.contains("between 1s and 100d"), "{e}");
    }

    #[test]
    fn range_errors_use_the_display_format() {
        let r = DurationRange::new(Duration::SECOND, Duration::days(36500));
        assert_eq!(
            r.parse("0s").unwrap_err(),
            "duration 0s is out of range: must be between 1s and 36500d"
        );
        assert!(r.parse("8760h0m0s").is_ok());
        let e = r.parse("0").unwrap_err();
        assert!(e.contains("e.g. 90s, 15m, 36h, 7d"), "{e}");
        assert!(!e.contains("8760h0m0s"), "{e}");
    }

    #[test]
    fn display_format() {
        assert_eq!(format_duration(Duration::days(365)), "365d");
        assert_eq!(format_duration(Duration::hours(36)), "1d12h");
        assert_eq!(format_duration(Duration::minutes(90)), "1h30m");
        assert_eq!(format_duration(Duration::milliseconds(500)), "500ms");
        assert_eq!(format_duration(Duration::ZERO), "0s");
        // Display output parses back to the same value.
        for d in [
            Duration::days(3650),
            Duration::seconds(3723),
            Duration::milliseconds(1500),
        ] {
            assert_eq!(parse_duration(&format_duration(d)).unwrap(), d);
        }
    }

    #[test]
    fn ports() {
        assert_eq!(parse_port("6443"), Ok(6443));
        assert_eq!(parse_port("65535"), Ok(65535));
        for bad in ["0", "65536", "-1", "abc", "", "99999999999999999999", "+1"] {
            assert!(parse_port(bad).is_err(), "{bad:?} accepted");
        }
        assert!(port_from_u64(70000).is_err());
        assert!(port_from_u64(0).is_err());
        assert_eq!(port_from_u64(10257), Ok(10257));
    }

    #[test]
    fn host_port_handling() {
        assert_eq!(
            split_host_port("lb.example:6443"),
            Ok(("lb.example".into(), Some(6443)))
        );
        assert_eq!(
            split_host_port("lb.example"),
            Ok(("lb.example".into(), None))
        );
        assert_eq!(
            split_host_port("[fd00::1]:443"),
            Ok(("fd00::1".into(), Some(443)))
        );
        assert_eq!(split_host_port("[fd00::1]"), Ok(("fd00::1".into(), None)));
        assert_eq!(split_host_port("fd00::1"), Ok(("fd00::1".into(), None)));
        assert_eq!(host_port("fd00::1", 6443), "[fd00::1]:6443");
        assert_eq!(with_default_port("lb", 6443), Ok("lb:6443".into()));
    }

    #[test]
    fn regression_split_host_port_drops_a_bad_port() {
        for bad in [
            "lb:99999",
            "lb:abc",
            "lb:0",
            "10.0.0.1:70000",
            "lb:",
            ":6443",
            "[fd00::1]:0",
            "[fd00::1]x",
            "[fd00::1",
            "[lb]:6443",
            "fd00::zz",
        ] {
            assert!(split_host_port(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn endpoint_urls() {
        for ok in [
            "https://127.0.0.1:2379",
            "http://[::1]:2379/",
            "127.0.0.1:2379",
            "etcd-1",
        ] {
            assert!(parse_endpoint_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://127.0.0.1:99999",
            "https://[::1",
            "http://:0",
            "",
            "ftp://a:1",
            "https://a:1/x",
            "https://u@a:1",
            "not a url",
            "https://a b:1",
        ] {
            assert!(parse_endpoint_url(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn counts() {
        let r = CountRange::new(1, 100);
        assert_eq!(r.parse("1"), Ok(1));
        for bad in ["0", "-1", "101", "x", "99999999999999999999999"] {
            let e = r.parse(bad).unwrap_err();
            assert!(e.contains("between 1 and 100"), "{e}");
        }
    }
}
