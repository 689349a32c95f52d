//! Facts about this machine that defaults depend on: hostname and the
//! address of the default-route interface (what kubeadm advertises when
//! `--apiserver-advertise-address` is not given). Read only after the
//! command line and config file parsed cleanly.

use anyhow::{bail, Context, Result};
use std::ffi::CStr;
use std::net::{IpAddr, Ipv4Addr};

/// Where the kernel keeps the host name (what `hostname` prints).
const HOSTNAME_FILE: &str = "/proc/sys/kernel/hostname";

/// The one rule from a host name to the node name kubeadm defaults to
/// (`strings.ToLower(strings.TrimSpace(hostname))`).
pub fn node_name_of(hostname: &str) -> String {
    hostname.trim().to_ascii_lowercase()
}

/// This machine's default node name ([`node_name_of`] its host name).
pub fn hostname() -> Result<String> {
    Ok(node_name_of(&fs_err::read_to_string(HOSTNAME_FILE)?))
}

/// A remote node's default node name: its kernel's host name read over
/// SFTP, else what `hostname` prints there; [`node_name_of`] either.
pub fn hostname_of(node: &dyn crate::node::Node) -> Result<String> {
    let raw = match crate::node::read_string(node, std::path::Path::new(HOSTNAME_FILE))? {
        Some(h) if !h.trim().is_empty() => h,
        _ => node.run(&["hostname"])?.stdout,
    };
    Ok(node_name_of(&raw))
}

/// The IPv4 address of the interface that carries the default route.
pub fn default_route_address() -> Result<IpAddr> {
    let routes = fs_err::read_to_string("/proc/net/route")?;
    let iface = routes
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() > 2 && f[1] == "00000000").then(|| f[0].to_string())
        })
        .next();
    let Some(iface) = iface else {
        bail!(
            "cannot choose an advertise address: this machine has no default route; \
             pass --apiserver-advertise-address"
        );
    };
    interface_ipv4(&iface)?.map(IpAddr::V4).with_context(|| {
        format!("default-route interface {iface} has no IPv4 address; pass --apiserver-advertise-address")
    })
}

fn interface_ipv4(name: &str) -> Result<Option<Ipv4Addr>> {
    let mut addrs: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills a linked list we free below with freeifaddrs.
    if unsafe { libc::getifaddrs(&mut addrs) } != 0 {
        return Err(std::io::Error::last_os_error()).context("listing network interfaces");
    }
    let mut found = None;
    let mut cur = addrs;
    while !cur.is_null() {
        // SAFETY: cur is a valid node of the list returned by getifaddrs.
        let ifa = unsafe { &*cur };
        if !ifa.ifa_addr.is_null() && !ifa.ifa_name.is_null() {
            // SAFETY: ifa_name is a NUL-terminated string owned by the list.
            let ifname = unsafe { CStr::from_ptr(ifa.ifa_name) }.to_string_lossy();
            // SAFETY: ifa_addr is non-null; family tells us its real type.
            let family = unsafe { (*ifa.ifa_addr).sa_family } as i32;
            if ifname == name && family == libc::AF_INET {
                // SAFETY: AF_INET addresses are sockaddr_in.
                let sin = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_in) };
                found = Some(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)));
                break;
            }
        }
        cur = ifa.ifa_next;
    }
    // SAFETY: addrs came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(addrs) };
    Ok(found)
}
