//! kforge: kubeadm and etcdctl/etcdutl jobs in one binary.
//!
//! The binary (`main.rs`) only parses arguments and maps errors to exit
//! codes; everything else is this library: a [`spec::ClusterSpec`] read from
//! kubeadm-style config and flags, declarative tables ([`components`],
//! [`pki::table`], [`kubeconfig`], [`versions`]), plans of named phases
//! ([`phases`]) run on a [`node::Node`], and reports rendered by [`output`].

pub mod apiclient;
pub mod backup;
pub mod certs;
pub mod cli;
pub mod components;
pub mod etcd;
pub mod exit;
pub mod health;
pub mod image;
pub mod install;
pub mod interrupt;
pub mod join;
pub mod kubeadm_style;
pub mod kubeconfig;
pub mod kubelet;
mod layers;
pub mod manifests;
pub mod node;
pub mod objects;
pub mod output;
pub mod paths;
pub mod phases;
pub mod pki;
pub mod preflight;
pub mod process;
pub mod recover_space;
pub mod remote;
pub mod reset;
pub mod restore_apply;
pub mod rollout;
pub mod runtime;
pub mod spec;
pub mod staticpod;
pub mod token;
pub mod upgrade;
pub mod values;
pub mod versions;
pub mod wait;
