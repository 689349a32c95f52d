//! The per-host progress lines: bars made by the Printer, driven by the engine.

use super::Progress;

pub struct Bars {
    bars: Vec<indicatif::ProgressBar>,
}

impl Bars {
    /// One line per host, in the engine's order (from the Printer, which
    /// owns the draw target and draws only on a TTY).
    pub fn new(bars: Vec<indicatif::ProgressBar>) -> Bars {
        Bars { bars }
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
