//! The per-host progress lines (indicatif), in one place so they can move
//! behind the Printer's progress API.

use super::Progress;
use std::time::Duration;

pub struct Bars {
    bars: Vec<indicatif::ProgressBar>,
}

impl Bars {
    /// One spinner line per host label, in order.
    pub fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> Bars {
        let multi = indicatif::MultiProgress::new();
        let style = indicatif::ProgressStyle::with_template("{spinner} {prefix:<24} {msg}")
            .expect("template");
        Bars {
            bars: labels
                .into_iter()
                .map(|l| {
                    let b = multi.add(indicatif::ProgressBar::new_spinner());
                    b.set_style(style.clone());
                    b.set_prefix(l.to_string());
                    b.enable_steady_tick(Duration::from_millis(120));
                    b
                })
                .collect(),
        }
    }
}

impl Bars {
    /// Lines made elsewhere (e.g. by the Printer), one per host, in order.
    pub fn from_bars(bars: Vec<indicatif::ProgressBar>) -> Bars {
        Bars { bars }
    }
}

impl Progress for Bars {
    fn step(&self, host: usize, msg: &str) {
        if let Some(b) = self.bars.get(host) {
            b.set_message(msg.to_string());
        }
    }
    fn done(&self, host: usize, msg: &str) {
        if let Some(b) = self.bars.get(host) {
            b.finish_with_message(msg.to_string());
        }
    }
}
