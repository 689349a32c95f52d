//! THE certificate table: one row per certificate kubeadm creates under the
//! certificates directory. `init phase certs <name>`, `certs check-expiration`,
//! `certs renew` and control-plane `join` all read these rows; nothing else
//! knows a certificate's name, subject or usages.

/// Extended key usages kubeadm sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    ServerAuth,
    ClientAuth,
}

/// Where a certificate's subject common name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommonName {
    Fixed(&'static str),
    /// The node's name (etcd server and peer certificates).
    NodeName,
}

/// Which subject alternative names a certificate carries (see [`super::SanContext`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SanRule {
    None,
    /// node name, kubernetes, kubernetes.default, kubernetes.default.svc,
    /// kubernetes.default.svc.<dnsDomain>, the `kubernetes` Service IP of
    /// the first service subnet, the advertise address, the control-plane endpoint's
    /// host and `apiServer.certSANs`.
    ApiServer,
    /// node name, localhost, the advertise address, 127.0.0.1, ::1 and
    /// `etcd.local.serverCertSANs`.
    EtcdServer,
    /// As `EtcdServer`, with `etcd.local.peerCertSANs`.
    EtcdPeer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CertSpec {
    /// Name used by `init phase certs <name>` and `certs renew <name>`.
    pub name: &'static str,
    /// File base name under the certificates directory (`.crt`/`.key` added).
    pub base: &'static str,
    /// Base name of the signing CA; `None` for a self-signed CA.
    pub ca: Option<&'static str>,
    pub cn: CommonName,
    pub organizations: &'static [&'static str],
    pub sans: SanRule,
    pub usages: &'static [Usage],
    /// Only with local (stacked) etcd.
    pub etcd_local_only: bool,
    /// Static pods that load this certificate (restarted after a renewal).
    pub used_by: &'static [&'static str],
    pub help: &'static str,
}

impl CertSpec {
    pub fn is_ca(&self) -> bool {
        self.ca.is_none()
    }

    /// The subject CN when it does not depend on the node.
    pub fn fixed_cn(&self) -> Option<&'static str> {
        match self.cn {
            Fixed(cn) => Some(cn),
            NodeName => None,
        }
    }

    /// `<dir>/<base>.crt`.
    pub fn cert_path(&self, dir: &Path) -> PathBuf {
        cert_file(dir, self.base)
    }

    /// `<dir>/<base>.key`.
    pub fn key_path(&self, dir: &Path) -> PathBuf {
        key_file(dir, self.base)
    }
}

/// The certificate file of base name `base` under `dir`.
pub fn cert_file(dir: &Path, base: &str) -> PathBuf {
    dir.join(format!("{base}.crt"))
}

/// The private key file of base name `base` under `dir`.
pub fn key_file(dir: &Path, base: &str) -> PathBuf {
    dir.join(format!("{base}.key"))
}

use crate::components;
use std::path::{Path, PathBuf};
use CommonName::*;
use Usage::*;

pub const CA: CertSpec = CertSpec {
    name: "ca",
    base: "ca",
    ca: None,
    cn: Fixed("kubernetes"),
    organizations: &[],
    sans: SanRule::None,
    usages: &[],
    used_by: &[],
    etcd_local_only: false,
    help: "self-signed Kubernetes CA that signs the other Kubernetes certificates",
};

pub const APISERVER: CertSpec = CertSpec {
    name: "apiserver",
    base: "apiserver",
    ca: Some(CA.base),
    cn: Fixed("kube-apiserver"),
    organizations: &[],
    sans: SanRule::ApiServer,
    usages: &[ServerAuth],
    used_by: &[components::KUBE_APISERVER.name],
    etcd_local_only: false,
    help: "certificate for serving the Kubernetes API",
};

pub const APISERVER_KUBELET_CLIENT: CertSpec = CertSpec {
    name: "apiserver-kubelet-client",
    base: "apiserver-kubelet-client",
    ca: Some(CA.base),
    cn: Fixed("kube-apiserver-kubelet-client"),
    organizations: &["kubeadm:cluster-admins"],
    sans: SanRule::None,
    usages: &[ClientAuth],
    used_by: &[components::KUBE_APISERVER.name],
    etcd_local_only: false,
    help: "certificate the API server uses to connect to kubelets",
};

pub const FRONT_PROXY_CA: CertSpec = CertSpec {
    name: "front-proxy-ca",
    base: "front-proxy-ca",
    ca: None,
    cn: Fixed("front-proxy-ca"),
    organizations: &[],
    sans: SanRule::None,
    usages: &[],
    used_by: &[],
    etcd_local_only: false,
    help: "self-signed CA for the front proxy (API aggregation)",
};

pub const FRONT_PROXY_CLIENT: CertSpec = CertSpec {
    name: "front-proxy-client",
    base: "front-proxy-client",
    ca: Some(FRONT_PROXY_CA.base),
    cn: Fixed("front-proxy-client"),
    organizations: &[],
    sans: SanRule::None,
    usages: &[ClientAuth],
    used_by: &[components::KUBE_APISERVER.name],
    etcd_local_only: false,
    help: "certificate the front proxy client uses",
};

pub const ETCD_CA: CertSpec = CertSpec {
    name: "etcd-ca",
    base: "etcd/ca",
    ca: None,
    cn: Fixed("etcd-ca"),
    organizations: &[],
    sans: SanRule::None,
    usages: &[],
    used_by: &[],
    etcd_local_only: true,
    help: "self-signed CA that signs the etcd certificates",
};

pub const ETCD_SERVER: CertSpec = CertSpec {
    name: "etcd-server",
    base: "etcd/server",
    ca: Some(ETCD_CA.base),
    cn: NodeName,
    organizations: &[],
    sans: SanRule::EtcdServer,
    usages: &[ServerAuth, ClientAuth],
    used_by: &[components::ETCD.name],
    etcd_local_only: true,
    help: "certificate etcd serves clients with",
};

pub const ETCD_PEER: CertSpec = CertSpec {
    name: "etcd-peer",
    base: "etcd/peer",
    ca: Some(ETCD_CA.base),
    cn: NodeName,
    organizations: &[],
    sans: SanRule::EtcdPeer,
    usages: &[ServerAuth, ClientAuth],
    used_by: &[components::ETCD.name],
    etcd_local_only: true,
    help: "certificate etcd members use to talk to each other",
};

pub const ETCD_HEALTHCHECK_CLIENT: CertSpec = CertSpec {
    name: "etcd-healthcheck-client",
    base: "etcd/healthcheck-client",
    ca: Some(ETCD_CA.base),
    cn: Fixed("kube-etcd-healthcheck-client"),
    organizations: &[],
    sans: SanRule::None,
    usages: &[ClientAuth],
    used_by: &[],
    etcd_local_only: true,
    help: "client certificate for liveness probes and health checks of etcd",
};

pub const APISERVER_ETCD_CLIENT: CertSpec = CertSpec {
    name: "apiserver-etcd-client",
    base: "apiserver-etcd-client",
    ca: Some(ETCD_CA.base),
    cn: Fixed("kube-apiserver-etcd-client"),
    organizations: &[],
    sans: SanRule::None,
    usages: &[ClientAuth],
    used_by: &[components::KUBE_APISERVER.name],
    etcd_local_only: true,
    help: "certificate the API server uses to access etcd",
};

/// Every row, CAs before the certificates they sign.
pub const CERTS: &[CertSpec] = &[
    CA,
    APISERVER,
    APISERVER_KUBELET_CLIENT,
    FRONT_PROXY_CA,
    FRONT_PROXY_CLIENT,
    ETCD_CA,
    ETCD_SERVER,
    ETCD_PEER,
    ETCD_HEALTHCHECK_CLIENT,
    APISERVER_ETCD_CLIENT,
];

/// The service-account signing key pair (not a certificate).
pub const SA_KEY: &str = "sa.key";
pub const SA_PUB: &str = "sa.pub";
pub const SA_NAME: &str = "sa";

/// Looks a row up by phase name or by file base name.
pub fn find(name: &str) -> Option<&'static CertSpec> {
    CERTS.iter().find(|c| c.name == name || c.base == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_leaf_names_a_ca_in_the_table_listed_before_it() {
        for (i, c) in CERTS.iter().enumerate() {
            if let Some(ca) = c.ca {
                let pos = CERTS.iter().position(|x| x.base == ca).expect(ca);
                assert!(pos < i, "{} is listed before its CA", c.name);
                assert!(CERTS[pos].is_ca());
            }
        }
    }

    #[test]
    fn file_names_are_written_only_in_the_table() {
        use crate::paths::source_scan;
        for c in CERTS {
            let mut found = source_scan::quoted(c.base);
            // `health --only apiserver` names a health target, not this file.
            if crate::health::TARGETS.contains(&c.base) {
                found.retain(|(f, _)| f != "src/health/mod.rs");
            }
            // The stand-in API server's `default/kubernetes` Service carries the
            // real server's label `component: apiserver`, not this file.
            found.retain(|(f, _)| f != "crates/kforge-dev/src/apiserver/mod.rs");
            // The row itself: its base, and its name and CN where they are the same word.
            let want = 1 + usize::from(c.base == c.name) + usize::from(c.cn == Fixed(c.base));
            assert_eq!(
                found,
                vec![("src/pki/table.rs".to_string(), want)],
                "{}: use pki::table::{{ROW}}.base (or cert_path/key_path) instead of the literal",
                c.base
            );
            for ext in ["crt", "key"] {
                let f = format!("{}.{ext}", c.base);
                assert_eq!(source_scan::quoted(&f), vec![], "{f} spelled out");
            }
        }
        for f in [SA_KEY, SA_PUB] {
            assert_eq!(
                source_scan::quoted(f),
                vec![("src/pki/table.rs".to_string(), 1)],
                "{f}"
            );
        }
    }

    #[test]
    fn names_and_bases_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in CERTS {
            assert!(seen.insert(c.name), "{}", c.name);
            assert!(c.base == c.name || seen.insert(c.base), "{}", c.base);
        }
    }
}
