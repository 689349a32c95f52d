//! kubeadm's probe settings (the same for every component since 1.31).

use crate::components::Scheme;
use serde_json::{json, Map, Value};

pub const PROBE_PORT_NAME: &str = "probe-port";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeKind {
    Liveness,
    Readiness,
    Startup,
}

impl ProbeKind {
    /// (initialDelaySeconds, timeoutSeconds, failureThreshold, periodSeconds).
    /// Startup allows 24 x 10 s: kubeadm's 4-minute control-plane health timeout.
    fn timings(self) -> (u32, u32, u32, u32) {
        match self {
            ProbeKind::Liveness => (10, 15, 8, 10),
            ProbeKind::Readiness => (0, 15, 3, 1),
            ProbeKind::Startup => (10, 15, 24, 10),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Probe {
    pub kind: ProbeKind,
    pub host: String,
    pub path: String,
    pub port: u16,
    pub scheme: Scheme,
}

impl Probe {
    pub fn new(kind: ProbeKind, host: &str, path: &str, port: u16, scheme: Scheme) -> Self {
        Probe {
            kind,
            host: host.to_string(),
            path: path.to_string(),
            port,
            scheme,
        }
    }

    /// The probe as a Kubernetes object; zero values omitted as Go omits them.
    pub fn to_json(&self, named_port: bool) -> Value {
        let (delay, timeout, failures, period) = self.kind.timings();
        let mut get = Map::new();
        if !self.host.is_empty() {
            get.insert("host".into(), self.host.clone().into());
        }
        get.insert("path".into(), self.path.clone().into());
        get.insert(
            "port".into(),
            if named_port {
                PROBE_PORT_NAME.into()
            } else {
                self.port.into()
            },
        );
        get.insert("scheme".into(), self.scheme.as_str().into());
        let mut p = Map::new();
        p.insert("failureThreshold".into(), failures.into());
        p.insert("httpGet".into(), Value::Object(get));
        if delay > 0 {
            p.insert("initialDelaySeconds".into(), delay.into());
        }
        p.insert("periodSeconds".into(), period.into());
        p.insert("timeoutSeconds".into(), timeout.into());
        json!(p)
    }
}

/// Splits `scheme://host:port` (IPv6 hosts in brackets).
pub fn split_url(url: &str) -> Option<(Scheme, String, u16)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = match scheme {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        _ => return None,
    };
    let hostport = rest.split('/').next()?;
    let (host, port) = crate::values::split_host_port(hostport).ok()?;
    Some((scheme, host, port?))
}
