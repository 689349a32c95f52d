//! THE component table: every control-plane component and the kubelet, with
//! the ports they use and how their health is probed. Manifests (probes,
//! flags), preflight port checks, `health` and upgrade order all read this.
//! Every kubeadm port number is written here once, as a named [`Port`].

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "HTTP",
            Scheme::Https => "HTTPS",
        }
    }
}

/// A port of the component table. Each port is a named constant below, so a
/// typo in a port's name does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Port {
    pub name: &'static str,
    pub number: u16,
}

/// etcd's client port (`--listen-client-urls`).
pub const ETCD_CLIENT: Port = Port {
    name: "client",
    number: 2379,
};
/// etcd's peer port (`--listen-peer-urls`).
pub const ETCD_PEER: Port = Port {
    name: "peer",
    number: 2380,
};
/// etcd's plain-HTTP metrics and health port (`--listen-metrics-urls`).
pub const ETCD_METRICS: Port = Port {
    name: "metrics",
    number: 2381,
};
/// kube-apiserver's secure port (`localAPIEndpoint.bindPort` defaults to it).
pub const APISERVER_HTTPS: Port = Port {
    name: "https",
    number: 6443,
};
/// kube-controller-manager's secure port.
pub const CONTROLLER_MANAGER_HTTPS: Port = Port {
    name: "https",
    number: 10257,
};
/// kube-scheduler's secure port.
pub const SCHEDULER_HTTPS: Port = Port {
    name: "https",
    number: 10259,
};
/// The kubelet's API port.
pub const KUBELET_HTTPS: Port = Port {
    name: "https",
    number: 10250,
};
/// The kubelet's plain-HTTP healthz port (`healthzPort`).
pub const KUBELET_HEALTHZ: Port = Port {
    name: "healthz",
    number: 10248,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    pub name: &'static str,
    /// Static pod manifest file name under /etc/kubernetes/manifests, if any.
    pub manifest: Option<&'static str>,
    /// Ports it listens on; preflight checks they are free.
    pub ports: &'static [Port],
    /// The port its health endpoints are served on (one of `ports`).
    pub health: Port,
    pub health_scheme: Scheme,
    /// Liveness path (kubeadm's probe), and readiness path if different.
    pub livez: &'static str,
    pub readyz: Option<&'static str>,
    /// Upgrade order: lower goes first.
    pub upgrade_order: u8,
    /// kubeadm's resource requests for the static pod (cpu, memory).
    pub requests: (&'static str, Option<&'static str>),
}

impl Component {
    pub fn health_port(&self) -> u16 {
        self.health.number
    }
}

/// etcd's manifest file name, as a macro so [`crate::paths::ETCD_MANIFEST`]
/// is a constant built from it.
macro_rules! etcd_manifest_file {
    () => {
        "etcd.yaml"
    };
}
pub(crate) use etcd_manifest_file;

pub const ETCD: Component = Component {
    name: "etcd",
    manifest: Some(etcd_manifest_file!()),
    ports: &[ETCD_CLIENT, ETCD_PEER, ETCD_METRICS],
    health: ETCD_METRICS,
    health_scheme: Scheme::Http,
    livez: "/livez",
    readyz: Some("/readyz"),
    upgrade_order: 0,
    requests: ("100m", Some("100Mi")),
};

pub const KUBE_APISERVER: Component = Component {
    name: "kube-apiserver",
    manifest: Some("kube-apiserver.yaml"),
    ports: &[APISERVER_HTTPS],
    health: APISERVER_HTTPS,
    health_scheme: Scheme::Https,
    livez: "/livez",
    readyz: Some("/readyz"),
    upgrade_order: 1,
    requests: ("250m", None),
};

pub const KUBE_CONTROLLER_MANAGER: Component = Component {
    name: "kube-controller-manager",
    manifest: Some("kube-controller-manager.yaml"),
    ports: &[CONTROLLER_MANAGER_HTTPS],
    health: CONTROLLER_MANAGER_HTTPS,
    health_scheme: Scheme::Https,
    livez: "/healthz",
    readyz: None,
    upgrade_order: 2,
    requests: ("200m", None),
};

pub const KUBE_SCHEDULER: Component = Component {
    name: "kube-scheduler",
    manifest: Some("kube-scheduler.yaml"),
    ports: &[SCHEDULER_HTTPS],
    health: SCHEDULER_HTTPS,
    health_scheme: Scheme::Https,
    livez: "/livez",
    readyz: Some("/readyz"),
    upgrade_order: 3,
    requests: ("100m", None),
};

pub const KUBELET: Component = Component {
    name: "kubelet",
    manifest: None,
    ports: &[KUBELET_HTTPS, KUBELET_HEALTHZ],
    health: KUBELET_HEALTHZ,
    health_scheme: Scheme::Http,
    livez: "/healthz",
    readyz: None,
    upgrade_order: 4,
    requests: ("", None),
};

/// Every component, in upgrade order.
pub const ALL: &[Component] = &[
    ETCD,
    KUBE_APISERVER,
    KUBE_CONTROLLER_MANAGER,
    KUBE_SCHEDULER,
    KUBELET,
];

/// The control-plane components that run as static pods.
pub fn static_pods() -> impl Iterator<Item = &'static Component> {
    ALL.iter().filter(|c| c.manifest.is_some())
}

pub fn find(name: &str) -> Option<&'static Component> {
    ALL.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_port_number_and_manifest_name_is_written_once_in_src() {
        use crate::paths::source_scan;
        for c in ALL {
            for p in c.ports {
                let found = source_scan::number(p.number.into());
                assert_eq!(
                    found,
                    vec![("src/components.rs".to_string(), 1)],
                    "port {} of {} must be written only in its named constant; use components::{{PORT}}",
                    p.number,
                    c.name
                );
            }
            if c.manifest == ETCD.manifest {
                continue; // spelled in the etcd_manifest_file! macro, checked below
            }
            if let Some(m) = c.manifest {
                assert_eq!(
                    source_scan::quoted(m),
                    vec![("src/components.rs".to_string(), 1)],
                    "{m}"
                );
            }
        }
        assert_eq!(
            source_scan::quoted(etcd_manifest_file!()),
            vec![("src/components.rs".to_string(), 1)]
        );
    }

    #[test]
    fn upgrade_order_is_the_table_order_and_ports_are_unique() {
        let mut ports = std::collections::HashSet::new();
        for w in ALL.windows(2) {
            assert!(w[0].upgrade_order < w[1].upgrade_order);
        }
        for c in ALL {
            assert!(c.ports.contains(&c.health), "{}", c.name);
            for p in c.ports {
                assert!(ports.insert(p.number), "port {} twice", p.number);
            }
        }
    }
}
