use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A host whose steps log into a shared list.
struct Ctx {
    host: usize,
    log: Arc<Mutex<Vec<String>>>,
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

impl Context for Ctx {}

struct S {
    name: &'static str,
    fail_on: Option<usize>,
    done_on: Option<usize>,
    undo: bool,
}

impl Step<Ctx> for S {
    fn name(&self) -> &'static str {
        self.name
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let now = c.running.fetch_add(1, Ordering::SeqCst) + 1;
        c.peak.fetch_max(now, Ordering::SeqCst);
        std::thread::yield_now();
        c.running.fetch_sub(1, Ordering::SeqCst);
        c.log
            .lock()
            .unwrap()
            .push(format!("{} run {}", c.host, self.name));
        if self.fail_on == Some(c.host) {
            anyhow::bail!("{} broke\nsecond line", self.name);
        }
        Ok(if self.done_on == Some(c.host) {
            Flow::Done
        } else {
            Flow::Next
        })
    }
    fn undo(&self, c: &mut Ctx) -> Option<Result<()>> {
        if !self.undo {
            return None;
        }
        c.log
            .lock()
            .unwrap()
            .push(format!("{} undo {}", c.host, self.name));
        Some(if self.name == "b" {
            Err(anyhow::anyhow!("could not undo b"))
        } else {
            Ok(())
        })
    }
}

fn plans(n: usize, first: usize, steps: &[Arc<dyn Step<Ctx>>], shared: &Ctx) -> Vec<HostPlan<Ctx>> {
    (first..first + n)
        .map(|host| HostPlan {
            label: format!("h{host}"),
            ctx: Ctx {
                host,
                log: shared.log.clone(),
                running: shared.running.clone(),
                peak: shared.peak.clone(),
            },
            steps: steps.to_vec(),
        })
        .collect()
}

fn shared() -> Ctx {
    Ctx {
        host: 0,
        log: Default::default(),
        running: Default::default(),
        peak: Default::default(),
    }
}

#[test]
fn steps_in_order_undo_in_reverse_and_failures_stay_isolated() {
    let sh = shared();
    let steps: Vec<Arc<dyn Step<Ctx>>> = vec![
        Arc::new(S {
            name: "a",
            fail_on: None,
            done_on: Some(2),
            undo: true,
        }),
        Arc::new(S {
            name: "b",
            fail_on: None,
            done_on: None,
            undo: true,
        }),
        Arc::new(S {
            name: "c",
            fail_on: Some(1),
            done_on: None,
            undo: false,
        }),
    ];
    let runs = run(
        vec![Wave {
            name: "all",
            hosts: plans(3, 0, &steps, &sh),
            concurrency: 2,
            on_failure: OnFailure::Continue,
        }],
        None,
        None,
    )
    .unwrap();
    let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["h0", "h1", "h2"]);
    assert_eq!(runs[0].report.outcome, HostOutcome::Completed);
    assert_eq!(runs[1].report.outcome, HostOutcome::Failed);
    assert_eq!(
        runs[1].report.error.as_deref(),
        Some("c broke; second line")
    );
    assert_eq!(runs[1].report.rollback_errors, ["b: could not undo b"]);
    assert_eq!(runs[2].report.outcome, HostOutcome::Done);
    let log = sh.log.lock().unwrap().clone();
    let h1: Vec<&String> = log.iter().filter(|l| l.starts_with("1 ")).collect();
    assert_eq!(
        h1,
        ["1 run a", "1 run b", "1 run c", "1 undo b", "1 undo a"]
    );
    assert_eq!(log.iter().filter(|l| l.starts_with("2 ")).count(), 1);
    let outcomes: Vec<StepOutcome> = runs[1].report.steps.iter().map(|s| s.outcome).collect();
    assert_eq!(
        outcomes,
        [
            StepOutcome::Ran,
            StepOutcome::Ran,
            StepOutcome::Failed,
            StepOutcome::UndoFailed,
            StepOutcome::Undone
        ]
    );
}

#[test]
fn concurrency_is_bounded_and_stop_skips_the_rest() {
    let sh = shared();
    let ok: Vec<Arc<dyn Step<Ctx>>> = vec![Arc::new(S {
        name: "a",
        fail_on: None,
        done_on: None,
        undo: false,
    })];
    let runs = run(
        vec![Wave {
            name: "wide",
            hosts: plans(12, 0, &ok, &sh),
            concurrency: 3,
            on_failure: OnFailure::Stop,
        }],
        None,
        None,
    )
    .unwrap();
    assert!(runs
        .iter()
        .all(|r| r.report.outcome == HostOutcome::Completed));
    assert!(sh.peak.load(Ordering::SeqCst) <= 3);

    // One at a time: host 1 fails, hosts 2.. and the next wave never start.
    let failing: Vec<Arc<dyn Step<Ctx>>> = vec![Arc::new(S {
        name: "a",
        fail_on: Some(1),
        done_on: None,
        undo: false,
    })];
    let runs = run(
        vec![
            Wave {
                name: "serial",
                hosts: plans(3, 0, &failing, &sh),
                concurrency: 1,
                on_failure: OnFailure::Stop,
            },
            Wave {
                name: "later",
                hosts: plans(2, 3, &ok, &sh),
                concurrency: 5,
                on_failure: OnFailure::Continue,
            },
        ],
        None,
        None,
    )
    .unwrap();
    let outcomes: Vec<HostOutcome> = runs.iter().map(|r| r.report.outcome).collect();
    use HostOutcome::*;
    assert_eq!(outcomes, [Completed, Failed, NotRun, NotRun, NotRun]);
    assert_eq!(runs[4].wave, "later");
}

#[test]
fn a_journal_hears_every_step() {
    #[derive(Default)]
    struct J(Mutex<Vec<(String, String, Event)>>);
    impl Journal for J {
        fn record(&self, host: &str, step: &str, event: Event) {
            self.0
                .lock()
                .unwrap()
                .push((host.into(), step.into(), event));
        }
    }
    let sh = shared();
    let steps: Vec<Arc<dyn Step<Ctx>>> = vec![
        Arc::new(S {
            name: "a",
            fail_on: None,
            done_on: None,
            undo: true,
        }),
        Arc::new(S {
            name: "c",
            fail_on: Some(0),
            done_on: None,
            undo: false,
        }),
    ];
    let j = Arc::new(J::default());
    run(
        vec![Wave {
            name: "w",
            hosts: plans(1, 0, &steps, &sh),
            concurrency: 1,
            on_failure: OnFailure::Continue,
        }],
        None,
        Some(j.clone()),
    )
    .unwrap();
    let events: Vec<(String, Event)> =
        j.0.lock()
            .unwrap()
            .iter()
            .map(|(_, s, e)| (s.clone(), *e))
            .collect();
    use Event::*;
    assert_eq!(
        events,
        [
            ("a".into(), Started),
            ("a".into(), Finished),
            ("c".into(), Started),
            ("c".into(), Failed),
            ("a".into(), Undone)
        ]
    );
}
