//! The test bed itself: nodes reachable over SSH, each with its own
//! /etc/kubernetes, and nothing written to the machine's real paths.

mod support;

use support::testbed::Testbed;

#[test]
fn nodes_are_separate_machines_over_ssh() {
    let tb = Testbed::up(&[Some("v1.35.0"), None]);
    for n in &tb.nodes {
        let out = tb.ssh(n, "hostname; echo hello > /etc/kubernetes/marker; command -v kubelet || echo no-kubelet").ok();
        assert!(out.starts_with(&n.name), "{out}");
        assert_eq!(
            std::fs::read_to_string(n.etc_kubernetes().join("marker")).unwrap(),
            "hello\n"
        );
    }
    assert!(tb
        .ssh(&tb.nodes[0], "kubelet --version")
        .ok()
        .contains("v1.35.0"));
    assert!(tb
        .ssh(&tb.nodes[1], "command -v kubelet || echo none")
        .ok()
        .contains("none"));
    assert!(!std::path::Path::new("/etc/kubernetes/marker").exists());
}
