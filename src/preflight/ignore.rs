//! THE rule for `--ignore-preflight-errors` (and the config's
//! `nodeRegistration.ignorePreflightErrors`): check names compared without
//! case, `all` for every check. Only errors can be ignored; an ignored error
//! is still reported, as a warning.

use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ignore(BTreeSet<String>);

impl Ignore {
    /// From the names as given (flags, config); blanks are dropped.
    pub fn new<I, S>(names: I) -> Ignore
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Ignore(
            names
                .into_iter()
                .map(|s| s.as_ref().trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    }

    /// Whether a failure of the named check is to be ignored.
    pub fn covers(&self, check: &str) -> bool {
        self.0.contains("all") || self.0.contains(&check.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_without_case_and_all() {
        let i = Ignore::new(["CRI", " port-6443 ", ""]);
        assert!(i.covers("cri") && i.covers("Port-6443"));
        assert!(!i.covers("Swap"));
        assert!(Ignore::new(["ALL"]).covers("anything"));
        assert!(!Ignore::default().covers("CRI"));
    }
}
