//! Which program runs a static pod's image: the `--image-binary IMAGE=PATH`
//! map, the built-in stand-ins for control-plane images, and the
//! `--unhealthy COMPONENT[:VERSION]` failure injection.

use kforge::components;
use kforge::image::ImageRef;
use std::path::{Path, PathBuf};

/// One `--image-binary IMAGE=PATH`: an exact image reference, or a prefix
/// ending in `*` (`registry.k8s.io/etcd:3.5.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBinary {
    pub image: String,
    pub binary: PathBuf,
}

/// clap value parser for `IMAGE=PATH`.
pub fn parse_image_binary(s: &str) -> Result<ImageBinary, String> {
    let bad = || {
        format!(
            "invalid image mapping {s:?}: expected IMAGE=PATH, e.g. registry.k8s.io/etcd:3.5.16-0=/usr/local/bin/etcd"
        )
    };
    let (image, binary) = s.split_once('=').ok_or_else(bad)?;
    let (image, binary) = (image.trim(), binary.trim());
    if image.is_empty() || binary.is_empty() || image.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    if image.find('*').is_some_and(|i| i != image.len() - 1) {
        return Err(format!(
            "invalid image pattern {image:?}: only a trailing * is allowed (e.g. registry.k8s.io/etcd:3.5.*)"
        ));
    }
    Ok(ImageBinary {
        image: image.to_string(),
        binary: PathBuf::from(binary),
    })
}

/// The image map: an exact reference wins over patterns, the longest pattern
/// over shorter ones.
#[derive(Debug, Clone, Default)]
pub struct ImageMap(pub Vec<ImageBinary>);

impl ImageMap {
    pub fn binary_for(&self, image: &str) -> Option<&Path> {
        if let Some(m) = self.0.iter().find(|m| m.image == image) {
            return Some(&m.binary);
        }
        self.0
            .iter()
            .filter_map(|m| {
                let prefix = m.image.strip_suffix('*')?;
                image.starts_with(prefix).then_some((prefix.len(), m))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, m)| m.binary.as_path())
    }
}

/// The image's tag (`latest` without one, as a container runtime reads it).
pub fn image_tag(image: &str) -> &str {
    ImageRef::parse(image).tag.unwrap_or("latest")
}

/// The image's name without registry and tag (`kube-apiserver`).
pub fn image_name(image: &str) -> &str {
    ImageRef::parse(image).name()
}

/// The control-plane components kforge has a built-in stand-in for: every
/// static pod of the component table except etcd (a real binary).
pub fn stand_in_components() -> impl Iterator<Item = &'static components::Component> {
    components::static_pods().filter(|c| c.name != components::ETCD.name)
}

/// The component a built-in stand-in serves for this image, if any.
pub fn stand_in_for(image: &str) -> Option<&'static components::Component> {
    let name = image_name(image);
    stand_in_components().find(|c| c.name == name)
}

/// `--unhealthy COMPONENT[:VERSION]`: the stand-in for COMPONENT (at
/// VERSION, a tag or a tag prefix such as `v1.32`) never becomes healthy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhealthy {
    pub component: String,
    pub version: Option<String>,
}

/// clap value parser for `COMPONENT[:VERSION]`.
pub fn parse_unhealthy(s: &str) -> Result<Unhealthy, String> {
    let (component, version) = match s.split_once(':') {
        Some((c, v)) => (c.trim(), Some(v.trim())),
        None => (s.trim(), None),
    };
    if stand_in_components().all(|c| c.name != component) {
        let names: Vec<&str> = stand_in_components().map(|c| c.name).collect();
        return Err(format!(
            "invalid --unhealthy {s:?}: COMPONENT must be one of {} (optionally :VERSION, e.g. kube-apiserver:v1.32.0)",
            names.join(", ")
        ));
    }
    if version.is_some_and(str::is_empty) {
        return Err(format!(
            "invalid --unhealthy {s:?}: empty VERSION after ':'"
        ));
    }
    Ok(Unhealthy {
        component: component.to_string(),
        version: version.map(str::to_string),
    })
}

impl Unhealthy {
    /// Whether this injection applies to `image` (a stand-in's image).
    pub fn matches(&self, image: &str) -> bool {
        if image_name(image) != self.component {
            return false;
        }
        let tag = image_tag(image);
        match &self.version {
            None => true,
            Some(v) => {
                tag == v
                    || tag
                        .strip_prefix(v.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_images_win_over_the_longest_pattern() {
        let map = ImageMap(
            [
                "registry.k8s.io/etcd:*=/a",
                "registry.k8s.io/etcd:3.5.*=/b",
                "registry.k8s.io/etcd:3.5.16-0=/c",
            ]
            .iter()
            .map(|s| parse_image_binary(s).unwrap())
            .collect(),
        );
        assert_eq!(
            map.binary_for("registry.k8s.io/etcd:3.5.16-0"),
            Some(Path::new("/c"))
        );
        assert_eq!(
            map.binary_for("registry.k8s.io/etcd:3.5.15-0"),
            Some(Path::new("/b"))
        );
        assert_eq!(
            map.binary_for("registry.k8s.io/etcd:3.6.4-0"),
            Some(Path::new("/a"))
        );
        assert_eq!(map.binary_for("example.com/etcd:3.5.15-0"), None);
    }

    #[test]
    fn bad_mappings_are_one_line_errors() {
        for bad in ["", "x", "=/a", "img=", "a*b=/x", "a b=/x"] {
            let e = parse_image_binary(bad).unwrap_err();
            assert!(!e.contains('\n'), "{e}");
        }
    }

    #[test]
    fn image_names_and_tags() {
        assert_eq!(
            image_tag("registry.k8s.io/kube-apiserver:v1.32.0"),
            "v1.32.0"
        );
        assert_eq!(image_tag("localhost:5000/etcd"), "latest");
        assert_eq!(
            image_tag("localhost:5000/etcd:3.5.1-0@sha256:00"),
            "3.5.1-0"
        );
        assert_eq!(
            image_name("localhost:5000/x/etcd:3.5.0-0@sha256:00"),
            "etcd"
        );
        assert_eq!(
            stand_in_for("registry.k8s.io/kube-scheduler:v1.31.0").map(|c| c.name),
            Some("kube-scheduler")
        );
        assert!(stand_in_for("registry.k8s.io/etcd:3.5.15-0").is_none());
    }

    #[test]
    fn unhealthy_matches_component_and_version_prefix() {
        let u = parse_unhealthy("kube-apiserver:v1.32").unwrap();
        assert!(u.matches("registry.k8s.io/kube-apiserver:v1.32.0"));
        assert!(!u.matches("registry.k8s.io/kube-apiserver:v1.31.0"));
        assert!(!u.matches("registry.k8s.io/kube-apiserver:v1.320.0"));
        assert!(!u.matches("registry.k8s.io/kube-scheduler:v1.32.0"));
        let any = parse_unhealthy("kube-scheduler").unwrap();
        assert!(any.matches("registry.k8s.io/kube-scheduler:v1.35.1"));
        assert!(parse_unhealthy("etcd:3.5.0").is_err());
        assert!(parse_unhealthy("kube-apiserver:").is_err());
    }
}
