//! The kforge binary: parse, run, map the outcome to an exit status.

use kforge::exit::ExitStatus;
use std::process::ExitCode;

fn main() -> ExitCode {
    kforge::runtime::install_crypto_provider();
    let cli = kforge::cli::parse();
    init_logging(cli.global.verbose, cli.global.quiet);
    match kforge::cli::run(cli) {
        Ok(status) => status.into(),
        Err(err) if kforge::exit::is_stdout_closed(&err) => ExitStatus::Success.into(),
        Err(err) => {
            // One line: the outermost context (naming the file or host)
            // first, then each cause after ": ".
            eprintln!("error: {}", kforge::exit::one_line(&err));
            ExitStatus::for_error(&err).into()
        }
    }
}

fn init_logging(verbose: u8, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    // -q hides progress and status lines, never warnings or errors.
    let level = match (quiet, verbose) {
        (true, _) => "warn",
        (_, 0) => "warn",
        (_, 1) => "info",
        (_, 2) => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_env(kforge::paths::env::LOG)
        .unwrap_or_else(|_| EnvFilter::new(format!("kforge={level}")));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(kforge::output::Printer::stderr_color())
        .with_target(false)
        .without_time()
        .init();
}
