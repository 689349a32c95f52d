//! `kforge config print init-defaults`, from `templates/init-defaults.yaml`
//! and the default constants (so the printed defaults cannot drift).

use super::defaults as d;

const TEMPLATE: &str = include_str!("../../templates/init-defaults.yaml");

pub fn init_defaults() -> String {
    let newest = crate::versions::newest().version;
    [
        ("{token_group}", d::BOOTSTRAP_TOKEN_GROUP.to_string()),
        ("{token_ttl}", d::BOOTSTRAP_TOKEN_TTL.to_string()),
        ("{bind_port}", d::BIND_PORT.to_string()),
        ("{cri_socket}", d::CRI_SOCKET.to_string()),
        ("{cert_dir}", crate::paths::PKI_DIR.to_string()),
        ("{cluster_name}", d::CLUSTER_NAME.to_string()),
        ("{etcd_data_dir}", crate::paths::ETCD_DATA_DIR.to_string()),
        ("{image_repository}", d::IMAGE_REPOSITORY.to_string()),
        ("{kubernetes_version}", newest.to_string()),
        ("{dns_domain}", d::DNS_DOMAIN.to_string()),
        ("{service_subnet}", d::SERVICE_SUBNET.to_string()),
    ]
    .iter()
    .fold(TEMPLATE.to_string(), |t, (k, v)| t.replace(k, v))
}

#[cfg(test)]
mod tests {
    #[test]
    fn defaults_parse_back_strictly() {
        let text = super::init_defaults();
        assert!(
            !text.contains('{') || text.contains("{}"),
            "unreplaced placeholder:\n{text}"
        );
        let f =
            crate::spec::load::parse_config(std::path::Path::new("defaults.yaml"), &text).unwrap();
        assert!(f.init.is_some() && f.cluster.is_some());
    }
}
