//! STAND-INS for what the machines kforge is tested and demonstrated on
//! lack: a kubelet that runs static pods as plain processes ([`kubelet`]),
//! the control-plane components' health endpoints and a small in-memory
//! Kubernetes API ([`standin`], [`apiserver`]), and the Node registration a
//! kubelet does ([`register`]). They are the `kforge-dev` binary, used by
//! the demo and the tests; the product binary `kforge` contains none of
//! this (`cargo tree -p kforge` does not list this crate).

pub mod apiserver;
pub mod images;
pub mod kubelet;
pub mod register;
pub mod standin;
