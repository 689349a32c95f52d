//! [`make`](super::make) on inventories built by hand: the hops, every
//! blocker and warning it raises, the skew rules it applies and each row of
//! the version table it reads. Every test states the exact hops and
//! findings expected, so a changed rule shows up as a failure.
#![cfg(test)]

use super::super::inventory::{CertExpiry, EtcdInventory, Inventory, NodeInventory, StaticPod};
use super::super::probe::{MemberState, Observed};
use super::*;
use crate::health::{Check, Status};

fn pod(c: &components::Component, version: &str) -> StaticPod {
    StaticPod {
        component: c.name,
        image: Some(format!("registry.k8s.io/{}:{version}", c.name)),
        version: Some(version.to_string()),
        observed: None,
        problem: None,
    }
}

/// A control plane whose API server runs `api` and controller-manager and
/// scheduler `rest`; no kubelet, no etcd.
fn cp_mixed(name: &str, api: &str, rest: &str) -> NodeInventory {
    NodeInventory {
        node: name.into(),
        role: Role::ControlPlane,
        etcd_member: None,
        static_pods: vec![
            pod(&components::KUBE_APISERVER, api),
            pod(&components::KUBE_CONTROLLER_MANAGER, rest),
            pod(&components::KUBE_SCHEDULER, rest),
        ],
        kubelet: None,
        kubelet_problem: None,
        certificates: vec![],
        disk: None,
    }
}

fn cp(name: &str, version: &str) -> NodeInventory {
    cp_mixed(name, version, version)
}

/// The node also runs etcd member `name` from image tag `tag` (as the
/// inventory records it: the version without the build suffix).
fn with_etcd(mut n: NodeInventory, tag: &str) -> NodeInventory {
    let v: EtcdVersion = tag.parse().unwrap();
    n.etcd_member = Some(n.node.clone());
    n.static_pods.push(StaticPod {
        component: components::ETCD.name,
        image: Some(format!("registry.k8s.io/etcd:{tag}")),
        version: Some(v.to_string()),
        observed: None,
        problem: None,
    });
    n
}

fn with_kubelet(mut n: NodeInventory, v: &str) -> NodeInventory {
    n.kubelet = Some(v.into());
    n
}

fn worker(name: &str, kubelet: &str) -> NodeInventory {
    NodeInventory {
        node: name.into(),
        role: Role::Worker,
        etcd_member: None,
        static_pods: vec![],
        kubelet: Some(kubelet.into()),
        kubelet_problem: None,
        certificates: vec![],
        disk: None,
    }
}

/// Member `name` (ID: the name's bytes, so IDs differ) at server `server`,
/// `leader` naming the member that leads.
fn member(name: &str, server: &str, leader: &str) -> MemberState {
    let id = |n: &str| n.bytes().fold(0u64, |a, b| a * 256 + u64::from(b));
    let v: EtcdVersion = server.parse().unwrap();
    MemberState {
        name: name.into(),
        id: crate::etcd::ops::fmt_id(id(name)),
        client_url: format!("https://{name}:2379"),
        server: Some(v.to_string()),
        cluster: Some(format!("{}.{}.0", v.major, v.minor)),
        is_learner: false,
        is_leader: name == leader,
        leader: Some(crate::etcd::ops::fmt_id(id(leader))),
        raft_index: 100,
        applied_index: 100,
        problem: None,
    }
}

fn etcd(members: Vec<MemberState>) -> Option<EtcdInventory> {
    Some(EtcdInventory {
        members,
        alarms: vec![],
        problem: None,
    })
}

fn inv(nodes: Vec<NodeInventory>, etcd: Option<EtcdInventory>) -> Inventory {
    Inventory {
        nodes,
        etcd,
        health: vec![],
        unreachable: vec![],
    }
}

fn to(target: &str) -> Request {
    Request {
        target: Some(versions::Target::parse(target).unwrap()),
        ..Default::default()
    }
}

fn kv(s: &str) -> KubeVersion {
    s.parse().unwrap()
}

fn hops(p: &Plan) -> Vec<String> {
    p.hops.iter().map(|h| h.version.to_string()).collect()
}

fn found(f: &[Finding]) -> Vec<(&str, &str)> {
    f.iter()
        .map(|b| (b.what.as_str(), b.reason.as_str()))
        .collect()
}

fn steps(p: &Plan) -> Vec<(&str, &str, &str, Option<&str>, &str)> {
    p.steps
        .iter()
        .map(|s| {
            (
                s.phase,
                s.node.as_str(),
                s.component,
                s.from.as_deref(),
                s.to.as_str(),
            )
        })
        .collect()
}

// Hops.

#[test]
fn hops_go_one_minor_at_a_time_each_with_its_etcd_and_command() {
    let p = make(inv(vec![cp("cp1", "v1.31.0")], None), &[], &to("v1.33"));
    assert_eq!(hops(&p), ["v1.32.0", "v1.33.0"]);
    let tags: Vec<_> = p.hops.iter().map(|h| h.etcd_image_tag.as_deref()).collect();
    assert_eq!(tags, [Some("3.5.16-0"), Some("3.5.21-0")]);
    let cmds: Vec<_> = p.hops.iter().map(|h| h.command.as_str()).collect();
    // No worker: only the last hop counts as the workers' one.
    assert_eq!(
        cmds,
        [
            "kforge upgrade apply v1.32.0 --skip-workers",
            "kforge upgrade apply v1.33.0"
        ]
    );
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
    assert_eq!(p.target, Some(kv("v1.33.0")));
    assert_eq!(p.current, Some(kv("v1.31.0")));
}

#[test]
fn stable_walks_every_later_row_of_the_table() {
    let first = versions::RELEASES[0].version;
    let p = make(
        inv(vec![cp("cp1", &first.to_string())], None),
        &[],
        &to("stable"),
    );
    let want: Vec<String> = versions::RELEASES[1..]
        .iter()
        .map(|r| r.version.to_string())
        .collect();
    assert_eq!(hops(&p), want);
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

#[test]
fn a_newer_patch_seen_running_is_reached_first() {
    // cp2 runs v1.31.2: cp1 catches up within its minor before the minor hop.
    let p = make(
        inv(vec![cp("cp1", "v1.31.0"), cp("cp2", "v1.31.2")], None),
        &[],
        &to("v1.32"),
    );
    assert_eq!(hops(&p), ["v1.31.2", "v1.32.0"]);
    assert_eq!(p.current, Some(kv("v1.31.0")));
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

#[test]
fn no_target_means_the_next_minor_and_at_the_newest_nothing() {
    let p = make(
        inv(vec![cp("cp1", "v1.31.0")], None),
        &[],
        &Request::default(),
    );
    assert_eq!(p.target, Some(kv("v1.32.0")));
    assert_eq!(hops(&p), ["v1.32.0"]);
    let newest = versions::newest().version;
    let p = make(
        inv(vec![cp("cp1", &newest.to_string())], None),
        &[],
        &Request::default(),
    );
    assert_eq!(p.target, Some(newest));
    assert!(p.hops.is_empty() && p.steps.is_empty(), "{:?}", p.hops);
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

#[test]
fn a_downgrade_is_one_blocker_and_no_hops() {
    let p = make(inv(vec![cp("cp1", "v1.32.0")], None), &[], &to("v1.31.0"));
    assert!(p.hops.is_empty(), "{:?}", p.hops);
    assert_eq!(
        found(&p.blockers),
        [(
            "target v1.31.0",
            "v1.31.0 is older than the running control plane v1.32.0; downgrades are not supported (restore a snapshot instead)"
        )]
    );
    assert_eq!(p.blockers[0].fix, "choose a newer version");
}

#[test]
fn apply_refuses_to_skip_a_minor_and_keeps_only_the_first_hop() {
    let req = Request {
        apply: true,
        ..to("v1.33")
    };
    let p = make(inv(vec![cp("cp1", "v1.31.0")], None), &[], &req);
    assert_eq!(hops(&p), ["v1.32.0"]);
    assert_eq!(
        found(&p.blockers),
        [(
            "target v1.33.0",
            "v1.31.0 -> v1.33.0 skips a minor version: the control plane moves one minor at a time (next: v1.32)"
        )]
    );
    assert_eq!(
        p.blockers[0].fix,
        "upgrade one minor at a time: kforge upgrade plan v1.33.0 lists the hops"
    );
    // One minor is fine.
    let req = Request {
        apply: true,
        ..to("v1.32")
    };
    let p = make(inv(vec![cp("cp1", "v1.31.0")], None), &[], &req);
    assert_eq!(hops(&p), ["v1.32.0"]);
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

#[test]
fn api_servers_at_two_minors_must_finish_the_upgrade_first() {
    // cp2's API server is at v1.32, its controller-manager and scheduler
    // still at v1.31 (within the skew): an interrupted hop.
    let nodes = vec![cp("cp1", "v1.31.0"), cp_mixed("cp2", "v1.32.0", "v1.31.0")];
    let p = make(inv(nodes.clone(), None), &[], &to("v1.33"));
    assert_eq!(
        found(&p.blockers),
        [(
            "control plane",
            "API servers run v1.31.0 and v1.32.0: an upgrade is half done"
        )]
    );
    assert_eq!(
        p.blockers[0].fix,
        "finish it first: kforge upgrade apply v1.32.0"
    );
    // Finishing it (the newer API server's minor) is not blocked.
    let p = make(inv(nodes, None), &[], &to("v1.32"));
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
    assert_eq!(hops(&p), ["v1.32.0"]);
}

// The state now: blockers and warnings.

#[test]
fn no_api_server_is_one_blocker_and_no_plan() {
    let p = make(inv(vec![worker("w1", "v1.31.0")], None), &[], &to("v1.32"));
    assert_eq!(p.current, None);
    assert_eq!(p.target, Some(kv("v1.32.0")));
    assert!(p.hops.is_empty());
    assert_eq!(
        found(&p.blockers),
        [(
            "kube-apiserver",
            "no API server version found on any control plane"
        )]
    );
}

#[test]
fn unreachable_hosts_bad_manifests_and_unhealthy_components_block() {
    let mut n = cp("cp1", "v1.31.0");
    n.static_pods[1].observed = Some(Observed {
        healthy: false,
        version: None,
        cluster_version: None,
        problem: Some("https://127.0.0.1:10257/healthz: connection refused".into()),
    });
    n.static_pods[2].problem = Some("image \"k8s/sched:latest\" does not name a version".into());
    n.static_pods[2].version = None;
    // Healthy but reporting another version than its image: a warning only.
    n.static_pods[0].observed = Some(Observed {
        healthy: true,
        version: Some("v1.31.1".into()),
        cluster_version: None,
        problem: None,
    });
    let mut i = inv(vec![n], None);
    i.unreachable = vec![("10.0.0.9".into(), "connection refused".into())];
    let p = make(i, &[], &to("v1.32"));
    assert_eq!(
        found(&p.blockers),
        [
            ("host 10.0.0.9", "unreachable: connection refused"),
            (
                "kube-controller-manager on cp1",
                "not healthy: https://127.0.0.1:10257/healthz: connection refused"
            ),
            (
                "kube-scheduler on cp1",
                "image \"k8s/sched:latest\" does not name a version"
            ),
        ]
    );
    assert_eq!(
        p.blockers[1].fix,
        "fix it before upgrading (kforge health --only controller-manager)"
    );
    assert_eq!(
        found(&p.warnings),
        [(
            "kube-apiserver on cp1",
            "its image says v1.31.0 but it reports v1.31.1"
        )]
    );
}

#[test]
fn skew_violations_now_block() {
    // controller-manager newer than the API server; a kubelet newer than
    // it; a worker's kubelet more than three minors behind.
    let n = with_kubelet(cp_mixed("cp1", "v1.31.0", "v1.31.0"), "v1.32.0");
    let mut n2 = cp("cp2", "v1.31.0");
    n2.static_pods[1] = pod(&components::KUBE_CONTROLLER_MANAGER, "v1.32.0");
    let p = make(
        inv(vec![n, n2, worker("w1", "v1.27.3")], None),
        &[],
        &to("v1.32"),
    );
    assert_eq!(
        found(&p.blockers),
        [
            (
                "kubelet on cp1",
                "skew violation now: kubelet v1.32.0 is newer than the API server v1.31.0; it may never be newer than any API server"
            ),
            (
                "kube-controller-manager on cp2",
                "skew violation now: kube-controller-manager v1.32.0 is newer than the API server v1.31.0; it may never be newer than any API server"
            ),
            (
                "kubelet on w1",
                "skew violation now: kubelet v1.27.3 is more than 3 minor version(s) older than the API server v1.31.0"
            ),
        ]
    );
    // Three minors behind is inside the window.
    let p = make(
        inv(vec![cp("cp1", "v1.31.0"), worker("w1", "v1.28.0")], None),
        &[],
        &to("v1.32"),
    );
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

#[test]
fn unknown_kubelets_expiring_certificates_and_node_health_warn() {
    let mut n = cp("cp1", "v1.31.0");
    n.kubelet_problem = Some("kubelet: not found".into());
    n.certificates = vec![
        CertExpiry {
            name: "apiserver".into(),
            not_after: "2027-01-01T00:00:00Z".into(),
            days_left: 10,
        },
        CertExpiry {
            name: "front-proxy-client".into(),
            not_after: "2027-03-01T00:00:00Z".into(),
            days_left: 40,
        },
    ];
    let mut i = inv(vec![n], None);
    i.health = vec![
        Check::new("kubelet", "config", Status::Warn, "no kubelet config"),
        Check::new("etcd", "members", Status::Fail, "ignored here"),
    ];
    let req = Request {
        renew_within_days: Some(30),
        ..to("v1.32")
    };
    let p = make(i, &[], &req);
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
    assert_eq!(
        found(&p.warnings),
        [
            ("kubelet on cp1", "version unknown: kubelet: not found"),
            ("certificate apiserver on cp1", "expires in 10 day(s)"),
            ("health kubelet config", "no kubelet config"),
        ]
    );
}

#[test]
fn every_etcd_problem_is_its_own_blocker() {
    let nodes = vec![
        with_etcd(cp("cp1", "v1.32.0"), "3.5.16-0"),
        with_etcd(cp("cp2", "v1.32.0"), "3.5.16-0"),
        with_etcd(cp("cp3", "v1.32.0"), "3.5.16-0"),
    ];
    let mut learner = member("cp2", "3.5.16", "cp1");
    learner.is_learner = true;
    let mut down = member("cp3", "3.5.16", "cp1");
    down.problem = Some("https://cp3:2379: connection refused".into());
    let mut e = etcd(vec![
        member("cp1", "3.5.16", "cp1"),
        learner,
        down,
        member("cp4", "3.5.16", "cp1"),
    ])
    .unwrap();
    e.alarms = vec!["NOSPACE on member cp1".into()];
    e.problem = Some("alarms unknown".into());
    let p = make(inv(nodes, Some(e)), &[], &to("v1.33"));
    assert_eq!(
        found(&p.blockers),
        [
            ("etcd", "alarms unknown"),
            ("etcd member cp2", "is a learner"),
            (
                "etcd member cp3",
                "unhealthy: https://cp3:2379: connection refused"
            ),
            ("etcd member cp4", "runs on no node given to this command"),
            ("etcd alarms", "NOSPACE on member cp1"),
        ]
    );
}

// etcd's rules.

/// Three stacked members at `tag`, cp1 leading.
fn three(version: &str, tag: &str) -> Inventory {
    let server = tag.parse::<EtcdVersion>().unwrap().to_string();
    inv(
        ["cp1", "cp2", "cp3"]
            .iter()
            .map(|n| with_etcd(cp(n, version), tag))
            .collect(),
        etcd(
            ["cp1", "cp2", "cp3"]
                .iter()
                .map(|n| member(n, &server, "cp1"))
                .collect(),
        ),
    )
}

#[test]
fn etcd_3_5_below_the_minimum_patch_may_not_move_to_3_6() {
    let p = make(three("v1.33.0", "3.5.21-0"), &[], &to("v1.34"));
    assert_eq!(hops(&p), ["v1.34.0"]);
    assert_eq!(
        found(&p.blockers),
        [(
            "etcd",
            "etcd 3.5.21 -> 3.6.4: every member must run 3.5.32 or newer first (etcd's current v3.6 upgrade guide (etcd-io/website content/en/docs/v3.6/upgrades/upgrade_3_6.md))"
        )]
    );
}

#[test]
fn an_etcd_minor_change_goes_followers_first_and_names_the_point_of_no_return() {
    let p = make(three("v1.33.0", "3.5.32-0"), &[], &to("v1.34"));
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
    let e = p.etcd.as_ref().expect("etcd changes");
    assert_eq!(e.to.to_string(), "3.6.4");
    assert_eq!(e.image_tag, "3.6.4-0");
    assert!(e.minor_change);
    assert_eq!(e.order, ["cp2", "cp3", "cp1"]);
    assert!(
        p.point_of_no_return.starts_with(
            "etcd's cluster version moves to 3.6 once the last member (cp1) runs 3.6.4;"
        ),
        "{}",
        p.point_of_no_return
    );
    let s = steps(&p);
    assert_eq!(
        s[..3],
        [
            ("etcd", "cp2", "etcd", Some("3.5.32"), "3.6.4"),
            ("etcd", "cp3", "etcd", Some("3.5.32"), "3.6.4"),
            ("etcd", "cp1", "etcd", Some("3.5.32"), "3.6.4"),
        ]
    );
    // Then each API server, then controller-manager and scheduler.
    let phases: Vec<_> = s[3..].iter().map(|s| (s.0, s.1, s.2)).collect();
    assert_eq!(
        phases,
        [
            ("kube-apiserver", "cp1", "kube-apiserver"),
            ("kube-apiserver", "cp2", "kube-apiserver"),
            ("kube-apiserver", "cp3", "kube-apiserver"),
            (
                "controller-manager-scheduler",
                "cp1",
                "kube-controller-manager"
            ),
            ("controller-manager-scheduler", "cp1", "kube-scheduler"),
            (
                "controller-manager-scheduler",
                "cp2",
                "kube-controller-manager"
            ),
            ("controller-manager-scheduler", "cp2", "kube-scheduler"),
            (
                "controller-manager-scheduler",
                "cp3",
                "kube-controller-manager"
            ),
            ("controller-manager-scheduler", "cp3", "kube-scheduler"),
        ]
    );
}

#[test]
fn etcd_skipping_a_minor_or_not_at_its_newest_patch_is_refused() {
    let p = make(three("v1.33.0", "3.4.30-0"), &[], &to("v1.34"));
    assert_eq!(
        found(&p.blockers),
        [(
            "etcd",
            "etcd 3.4.30 -> 3.6.4 skips a minor: etcd upgrades one minor at a time (first to 3.5.x)"
        )]
    );
    // 3.6.4 -> 3.7.0: the table knows 3.6.8, which comes first.
    let p = make(three("v1.36.0", "3.6.4-0"), &[], &to("v1.37"));
    assert_eq!(
        found(&p.blockers),
        [(
            "etcd",
            "etcd 3.6.4 -> 3.7.0: reach the newest patch of 3.6 first (3.6.8)"
        )]
    );
}

#[test]
fn a_newer_etcd_image_is_kept_with_a_warning() {
    let p = make(three("v1.31.0", "3.5.21-0"), &[], &to("v1.32"));
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
    assert!(p.etcd.is_none());
    assert_eq!(
        found(&p.warnings),
        [(
            "etcd image",
            "etcd already runs a newer image than 3.5.16; it is kept (etcd is never downgraded)"
        )]
    );
    assert!(p.steps.iter().all(|s| s.phase != "etcd"), "{:?}", p.steps);
}

#[test]
fn a_pinned_etcd_tag_needs_the_flag_and_a_bad_tag_is_refused() {
    let req = Request {
        pinned_etcd_tag: Some("3.5.15-0".into()),
        ..to("v1.32")
    };
    let p = make(three("v1.31.0", "3.5.15-0"), &[], &req);
    assert_eq!(
        found(&p.blockers),
        [(
            "etcd image",
            "the cluster configuration pins etcd's image tag to 3.5.15-0; kforge does not silently skip a pinned image"
        )]
    );
    assert_eq!(
        p.blockers[0].fix,
        "give --etcd-image-tag 3.5.15-0 to keep it, or --etcd-image-tag 3.5.16-0 for v1.32.0's default"
    );
    // Given the flag, the pinned tag is kept: nothing for etcd to do.
    let req = Request {
        etcd_image_tag: Some("3.5.15-0".into()),
        ..req
    };
    let p = make(three("v1.31.0", "3.5.15-0"), &[], &req);
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
    assert_eq!(p.hops[0].etcd_image_tag.as_deref(), Some("3.5.15-0"));
    assert!(p.etcd.is_none());
    let req = Request {
        etcd_image_tag: Some("latest".into()),
        ..to("v1.32")
    };
    let p = make(three("v1.31.0", "3.5.15-0"), &[], &req);
    assert_eq!(
        found(&p.blockers),
        [(
            "etcd image",
            "invalid etcd version \"latest\" (expected e.g. 3.5.16 or 3.5.16-0)"
        )]
    );
}

// Workers and the kubelet window.

#[test]
fn workers_wait_for_the_last_hop_while_the_kubelet_window_allows() {
    let at = |w: &str| {
        make(
            inv(
                vec![
                    with_kubelet(cp("cp1", "v1.31.0"), "v1.31.0"),
                    worker("w1", w),
                ],
                None,
            ),
            &[],
            &to("v1.33"),
        )
    };
    let workers = |p: &Plan| p.hops.iter().map(|h| h.workers).collect::<Vec<_>>();
    // v1.30 is three minors behind v1.33: it may wait.
    assert_eq!(workers(&at("v1.30.0")), [false, true]);
    // v1.29 would be four behind v1.33: upgraded in the first hop already.
    let p = at("v1.29.0");
    assert_eq!(workers(&p), [true, true]);
    assert_eq!(p.hops[0].command, "kforge upgrade apply v1.32.0");
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

#[test]
fn a_hop_upgrades_the_api_servers_then_the_rest_then_every_kubelet() {
    let p = make(
        inv(
            vec![
                with_kubelet(cp("cp1", "v1.31.0"), "v1.31.0"),
                worker("w1", "v1.31.0"),
                worker("w2", "v1.32.0"),
            ],
            None,
        ),
        &[],
        &to("v1.32"),
    );
    assert!(
        p.blockers.iter().all(|b| b.what == "kubelet on w2"),
        "{:?}",
        p.blockers
    );
    assert_eq!(
        steps(&p),
        [
            (
                "kube-apiserver",
                "cp1",
                "kube-apiserver",
                Some("v1.31.0"),
                "v1.32.0"
            ),
            (
                "controller-manager-scheduler",
                "cp1",
                "kube-controller-manager",
                Some("v1.31.0"),
                "v1.32.0"
            ),
            (
                "controller-manager-scheduler",
                "cp1",
                "kube-scheduler",
                Some("v1.31.0"),
                "v1.32.0"
            ),
            (
                "control-plane-kubelets",
                "cp1",
                "kubelet",
                Some("v1.31.0"),
                "v1.32.0"
            ),
            // w2 is at the target already.
            ("workers", "w1", "kubelet", Some("v1.31.0"), "v1.32.0"),
        ]
    );
}

#[test]
fn skip_workers_is_refused_when_it_would_leave_a_kubelet_out_of_the_window() {
    let req = |w: &str| {
        let r = Request {
            apply: true,
            skip_workers: true,
            ..to("v1.32")
        };
        make(
            inv(vec![cp("cp1", "v1.31.0"), worker("w1", w)], None),
            &[],
            &r,
        )
    };
    let p = req("v1.28.0");
    assert_eq!(
        p.hops[0].command,
        "kforge upgrade apply v1.32.0 --skip-workers"
    );
    assert!(!p.hops[0].workers);
    assert_eq!(
        found(&p.blockers),
        [(
            "kubelet on w1",
            "after v1.32.0: kubelet v1.28.0 is more than 3 minor version(s) older than the API server v1.32.0"
        )]
    );
    assert!(p.steps.iter().all(|s| s.phase != "workers"));
    let p = req("v1.29.0");
    assert!(p.blockers.is_empty(), "{:?}", p.blockers);
}

// The version table, row by row.

/// For each row (as the hop's target) after the first (as its source):
/// etcd's image tag from, to, whether the minor changes, and the blocker
/// expected when every member runs the source row's etcd.
const ROWS: &[(u32, &str, &str, bool, Option<&str>)] = &[
    (32, "3.5.15-0", "3.5.16-0", false, None),
    (33, "3.5.16-0", "3.5.21-0", false, None),
    (
        34,
        "3.5.21-0",
        "3.6.4-0",
        true,
        Some("etcd 3.5.21 -> 3.6.4: every member must run 3.5.32 or newer first"),
    ),
    (35, "3.6.4-0", "3.6.6-0", false, None),
    (36, "3.6.6-0", "3.6.8-0", false, None),
    (37, "3.6.8-0", "3.7.0-0", true, None),
];

#[test]
fn each_row_of_the_version_table_is_one_hop_with_its_etcd() {
    // A new row needs its line here.
    assert_eq!(ROWS.len() + 1, versions::RELEASES.len());
    for (w, &(minor, from_tag, to_tag, minor_change, blocker)) in
        versions::RELEASES.windows(2).zip(ROWS)
    {
        let (a, b) = (w[0], w[1]);
        assert_eq!(
            (b.version.minor, a.etcd_image_tag, b.etcd_image_tag),
            (minor, from_tag, to_tag)
        );
        let p = make(
            three(&a.version.to_string(), from_tag),
            &[],
            &to(&format!("v1.{minor}")),
        );
        assert_eq!(hops(&p), [b.version.to_string()], "v1.{minor}");
        assert_eq!(
            p.hops[0].etcd_image_tag.as_deref(),
            Some(to_tag),
            "v1.{minor}"
        );
        assert!(p.hops[0].workers, "v1.{minor}");
        let e = p.etcd.as_ref().expect("etcd's image changes in every row");
        assert_eq!(e.image_tag, to_tag, "v1.{minor}");
        assert_eq!(e.minor_change, minor_change, "v1.{minor}");
        assert_eq!(
            p.point_of_no_return
                .starts_with("etcd's cluster version moves to"),
            minor_change,
            "v1.{minor}: {}",
            p.point_of_no_return
        );
        match blocker {
            None => assert!(p.blockers.is_empty(), "v1.{minor}: {:?}", p.blockers),
            Some(reason) => {
                assert_eq!(p.blockers.len(), 1, "v1.{minor}: {:?}", p.blockers);
                assert_eq!(p.blockers[0].what, "etcd");
                assert!(p.blockers[0].reason.starts_with(reason), "{:?}", p.blockers);
            }
        }
        // Each API server and controller-manager/scheduler moves to the row's version.
        assert_eq!(p.steps.len(), 3 + 3 + 6, "v1.{minor}: {:?}", p.steps);
        assert!(p
            .steps
            .iter()
            .filter(|s| s.component != "etcd")
            .all(|s| s.to == b.version.to_string()));
    }
}
