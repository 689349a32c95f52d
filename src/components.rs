//! THE component table: every control-plane component and the kubelet, with
//! the ports they use and how their health is probed. Manifests (probes,
//! flags), preflight port checks, `health` and upgrade order all read this.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Port {
    pub name: &'static str,
    pub number: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    pub name: &'static str,
    /// Static pod manifest file name under /etc/kubernetes/manifests, if any.
    pub manifest: Option<&'static str>,
    /// Ports it listens on; preflight checks they are free.
    pub ports: &'static [Port],
    /// The port its health endpoints are served on (index into `ports`).
    pub health_port: usize,
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
    pub fn port(&self, name: &str) -> u16 {
        self.ports
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("component {} has no port {name}", self.name))
            .number
    }
    pub fn health_port(&self) -> u16 {
        self.ports[self.health_port].number
    }
}

pub const ETCD: Component = Component {
    name: "etcd",
    manifest: Some("etcd.yaml"),
    ports: &[
        Port {
            name: "client",
            number: 2379,
        },
        Port {
            name: "peer",
            number: 2380,
        },
        Port {
            name: "metrics",
            number: 2381,
        },
    ],
    health_port: 2,
    health_scheme: Scheme::Http,
    livez: "/livez",
    readyz: Some("/readyz"),
    upgrade_order: 0,
    requests: ("100m", Some("100Mi")),
};

pub const KUBE_APISERVER: Component = Component {
    name: "kube-apiserver",
    manifest: Some("kube-apiserver.yaml"),
    ports: &[Port {
        name: "https",
        number: 6443,
    }],
    health_port: 0,
    health_scheme: Scheme::Https,
    livez: "/livez",
    readyz: Some("/readyz"),
    upgrade_order: 1,
    requests: ("250m", None),
};

pub const KUBE_CONTROLLER_MANAGER: Component = Component {
    name: "kube-controller-manager",
    manifest: Some("kube-controller-manager.yaml"),
    ports: &[Port {
        name: "https",
        number: 10257,
    }],
    health_port: 0,
    health_scheme: Scheme::Https,
    livez: "/healthz",
    readyz: None,
    upgrade_order: 2,
    requests: ("200m", None),
};

pub const KUBE_SCHEDULER: Component = Component {
    name: "kube-scheduler",
    manifest: Some("kube-scheduler.yaml"),
    ports: &[Port {
        name: "https",
        number: 10259,
    }],
    health_port: 0,
    health_scheme: Scheme::Https,
    livez: "/livez",
    readyz: Some("/readyz"),
    upgrade_order: 3,
    requests: ("100m", None),
};

pub const KUBELET: Component = Component {
    name: "kubelet",
    manifest: None,
    ports: &[
        Port {
            name: "https",
            number: 10250,
        },
        Port {
            name: "healthz",
            number: 10248,
        },
    ],
    health_port: 1,
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
    fn upgrade_order_is_the_table_order_and_ports_are_unique() {
        let mut ports = std::collections::HashSet::new();
        for w in ALL.windows(2) {
            assert!(w[0].upgrade_order < w[1].upgrade_order);
        }
        for c in ALL {
            assert!(c.health_port < c.ports.len());
            for p in c.ports {
                assert!(ports.insert(p.number), "port {} twice", p.number);
            }
        }
    }
}
