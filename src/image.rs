//! Container image references, parsed in this one place:
//! `[registry[:port]/]path/name[:tag][@digest]`. A registry port is not a
//! tag, and a digest (`@sha256:…`) is its own part, never split at its `:`.

use std::fmt;

/// An image reference's parts, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Registry, path and name: `registry.k8s.io/kube-apiserver`,
    /// `mirror:5000/etcd`.
    pub repository: &'a str,
    /// `v1.32.0`; `None` when the reference has no tag.
    pub tag: Option<&'a str>,
    /// `sha256:…` (without the `@`); `None` when not pinned by digest.
    pub digest: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    pub fn parse(image: &'a str) -> ImageRef<'a> {
        let (name, digest) = match image.split_once('@') {
            Some((n, d)) => (n, Some(d)),
            None => (image, None),
        };
        let last = name.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (repository, tag) = match name[last..].rfind(':') {
            Some(i) => (&name[..last + i], Some(&name[last + i + 1..])),
            None => (name, None),
        };
        ImageRef {
            repository,
            tag,
            digest,
        }
    }

    /// The name without registry and path: `kube-apiserver`.
    pub fn name(&self) -> &'a str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(self.repository)
    }
}

impl fmt::Display for ImageRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.repository)?;
        if let Some(t) = self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_every_shape() {
        let cases = [
            ("etcd", "etcd", None, None),
            ("etcd:3.5.0-0", "etcd", Some("3.5.0-0"), None),
            ("reg:5000/etcd", "reg:5000/etcd", None, None),
            (
                "reg:5000/etcd:3.5.0-0",
                "reg:5000/etcd",
                Some("3.5.0-0"),
                None,
            ),
            (
                "registry.k8s.io/kube-apiserver:v1.32.0",
                "registry.k8s.io/kube-apiserver",
                Some("v1.32.0"),
                None,
            ),
            (
                "reg:5000/etcd@sha256:0123abcd",
                "reg:5000/etcd",
                None,
                Some("sha256:0123abcd"),
            ),
            (
                "registry.k8s.io/etcd:3.5.16-0@sha256:0123abcd",
                "registry.k8s.io/etcd",
                Some("3.5.16-0"),
                Some("sha256:0123abcd"),
            ),
        ];
        for (text, repository, tag, digest) in cases {
            let r = ImageRef::parse(text);
            assert_eq!(
                r,
                ImageRef {
                    repository,
                    tag,
                    digest
                },
                "{text}"
            );
            assert_eq!(r.to_string(), text, "round trip");
        }
        assert_eq!(ImageRef::parse("reg:5000/a/etcd@sha256:ab").name(), "etcd");
        assert_eq!(ImageRef::parse("etcd:3.5").name(), "etcd");
    }
}
