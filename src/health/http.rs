//! HTTP(S) health endpoints of the API server, controller manager,
//! scheduler and kubelet, at the addresses their manifests and the kubelet
//! config give.

use super::{Check, Settings, Status};
use crate::components::{self, Scheme};
use crate::node::read_string;
use crate::staticpod::Pod;
use std::path::Path;
use std::time::Duration;

/// How to treat the server's certificate.
pub enum Tls {
    /// Verify against this CA (PEM).
    Verify(Vec<u8>),
    /// Skip verification, as the kubelet's probes do (the controller manager
    /// and scheduler serve self-signed certificates).
    Insecure,
}

/// GET `url`; Ok((status code, body)) or Err(one-line reason).
pub fn get(url: &str, tls: &Tls, timeout: Duration) -> Result<(u16, String), String> {
    let tls_config = match tls {
        Tls::Verify(pem) => {
            let cert = ureq::tls::Certificate::from_pem(pem)
                .map_err(|e| format!("CA certificate: {e}"))?;
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::new_with_certs(&[cert]))
                .build()
        }
        Tls::Insecure => ureq::tls::TlsConfig::builder()
            .disable_verification(true)
            .build(),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls_config)
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .into();
    let mut resp = agent.get(url).call().map_err(|e| e.to_string())?;
    let code = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    Ok((code, body))
}

/// The URL a probe of the pod's container targets.
fn probe_url(pod: &Pod, probe: &str) -> Option<(String, Scheme)> {
    let p = pod.http_probe(probe)?;
    let host = p.host.as_deref().unwrap_or("127.0.0.1");
    let s = if p.scheme == Scheme::Https {
        "https"
    } else {
        "http"
    };
    Some((
        format!("{s}://{}{}", crate::values::host_port(host, p.port), p.path),
        p.scheme,
    ))
}

/// A probe check's name: the last segment of the path it queries
/// (`/healthz` → `healthz`), else the probe's kind.
fn check_name(url: &str, probe: &str) -> String {
    let path = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map(|(_, p)| p.split('?').next().unwrap_or(""))
        .unwrap_or("");
    match path.rsplit('/').next().filter(|s| !s.is_empty()) {
        Some(seg) => seg.to_string(),
        None if probe == "readinessProbe" => "readiness".into(),
        None => "liveness".into(),
    }
}

/// `[-]etcd failed: reason withheld` lines of a verbose /readyz.
pub fn failed_subchecks(body: &str) -> Vec<String> {
    body.lines()
        .filter_map(|l| l.trim().strip_prefix("[-]"))
        .map(|l| l.split_whitespace().next().unwrap_or(l).to_string())
        .collect()
}

fn hint_for(component: &str) -> String {
    let manifest = format!("{}/{component}.yaml", crate::paths::MANIFESTS_DIR);
    format!(
        "is the kubelet running (systemctl status kubelet) and is {manifest} valid? \
         look at the container's logs: crictl ps -a --name {component}; crictl logs <id>"
    )
}

/// Manifest present and parseable, then its liveness and readiness probes.
pub fn static_pod_checks(s: &Settings, target: &str, component: &str) -> Vec<Check> {
    let mut out = Vec::new();
    let pod = match crate::staticpod::read(s.node, component) {
        Ok(p) => {
            out.push(Check::new(
                target,
                "manifest",
                Status::Ok,
                "present and valid",
            ));
            p
        }
        Err(e) => {
            out.push(Check::read_failed(target, "manifest", &e).hint(format!(
                "re-create it: kforge init phase control-plane {}",
                target
            )));
            return out;
        }
    };
    let ca = read_string(s.node, &s.pki.cert_path(crate::pki::table::CA.base))
        .ok()
        .flatten();
    for probe in ["livenessProbe", "readinessProbe"] {
        let Some((mut url, scheme)) = probe_url(&pod, probe) else {
            continue;
        };
        // Named by what it queries (the controller manager's liveness probe
        // is /healthz, not /livez).
        let name = check_name(&url, probe);
        // The API server names its failing sub-checks when asked.
        if probe == "readinessProbe" && component == components::KUBE_APISERVER.name {
            url.push_str("?verbose");
        }
        let tls = match (scheme, component == components::KUBE_APISERVER.name, &ca) {
            (Scheme::Https, true, Some(pem)) => Tls::Verify(pem.clone().into_bytes()),
            _ => Tls::Insecure,
        };
        let check = match get(&url, &tls, s.timeout) {
            Ok((200, _)) => Check::new(target, name, Status::Ok, format!("{url}: 200")),
            Ok((code, body)) => {
                let failed = failed_subchecks(&body);
                let msg = if failed.is_empty() {
                    format!(
                        "{url}: HTTP {code}: {}",
                        body.lines().next().unwrap_or("").trim()
                    )
                } else {
                    format!("{url}: HTTP {code}; failing: {}", failed.join(", "))
                };
                Check::new(target, name, Status::Fail, msg).hint(
                    if failed.iter().any(|f| f.contains("etcd")) {
                        "the API server cannot reach etcd: run kforge health --only etcd"
                            .to_string()
                    } else {
                        hint_for(component)
                    },
                )
            }
            Err(e) => Check::new(target, name, Status::Fail, format!("{url}: {e}"))
                .hint(hint_for(component)),
        };
        out.push(check);
    }
    out
}

/// The kubelet's healthz (address from /var/lib/kubelet/config.yaml) and its service.
pub fn kubelet_checks(s: &Settings) -> Vec<Check> {
    let mut out = Vec::new();
    let cfg_path = Path::new(crate::paths::KUBELET_CONFIG);
    let cfg: Option<serde_json::Value> = match read_string(s.node, cfg_path) {
        Ok(text) => text.and_then(|t| serde_yaml_ng::from_str(&t).ok()),
        Err(e) if super::permission_denied(&e) => {
            out.push(Check::read_failed("kubelet", "config", &e));
            return out;
        }
        Err(_) => None,
    };
    let Some(cfg) = cfg else {
        out.push(
            Check::new(
                "kubelet",
                "config",
                Status::Fail,
                format!(
                    "{}: missing or invalid",
                    s.node.real_path(cfg_path).display()
                ),
            )
            .hint("re-create it: kforge init phase kubelet-start"),
        );
        return out;
    };
    let (host, port) = match crate::kubelet::healthz_address(&cfg) {
        Ok(a) => a,
        Err(e) => {
            out.push(Check::new(
                "kubelet",
                "config",
                Status::Fail,
                format!("{}: {e}", s.node.real_path(cfg_path).display()),
            ));
            return out;
        }
    };
    let url = format!(
        "http://{}{}",
        crate::values::host_port(&host, port),
        components::KUBELET.livez
    );
    out.push(match get(&url, &Tls::Insecure, s.timeout) {
        Ok((200, _)) => Check::new("kubelet", "healthz", Status::Ok, format!("{url}: 200")),
        Ok((code, body)) => Check::new(
            "kubelet",
            "healthz",
            Status::Fail,
            format!("{url}: HTTP {code}: {}", body.trim()),
        )
        .hint("journalctl -u kubelet -n 50"),
        Err(e) => Check::new("kubelet", "healthz", Status::Fail, format!("{url}: {e}"))
            .hint("is the kubelet running? systemctl status kubelet; journalctl -u kubelet -n 50"),
    });
    let service = if s.node.root().is_some() {
        Check::new(
            "kubelet",
            "service",
            Status::Skipped,
            "--root is set: not this machine's kubelet",
        )
    } else if crate::preflight::find_binary(s.node, "systemctl").is_none() {
        Check::new(
            "kubelet",
            "service",
            Status::Skipped,
            "no systemd (systemctl not found)",
        )
    } else {
        match s.node.run(&["systemctl", "is-active", "kubelet"]) {
            Ok(o) if o.success() => Check::new(
                "kubelet",
                "service",
                Status::Ok,
                "kubelet.service is active",
            ),
            Ok(o) => Check::new(
                "kubelet",
                "service",
                Status::Fail,
                format!("kubelet.service is {}", o.stdout.trim()),
            )
            .hint("systemctl start kubelet; journalctl -u kubelet -n 50"),
            Err(e) => Check::new(
                "kubelet",
                "service",
                Status::Warn,
                format!("systemctl failed: {e:#}"),
            ),
        }
    };
    out.push(service);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn regression_controller_manager_livez_check_queries_healthz() {
        assert_eq!(
            super::check_name("https://127.0.0.1:10257/healthz", "livenessProbe"),
            "healthz"
        );
        assert_eq!(
            super::check_name("https://[::1]:6443/readyz?verbose", "readinessProbe"),
            "readyz"
        );
        assert_eq!(
            super::check_name("http://127.0.0.1:1/", "livenessProbe"),
            "liveness"
        );
    }
}
