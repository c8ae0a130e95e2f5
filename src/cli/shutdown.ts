/**
 * Ctrl-C and SIGTERM for the long-running subcommands: the first signal closes (in-flight requests and
 * streams are ended, cassettes flushed) and exits; if closing takes longer than `graceMs` the process
 * exits anyway, so a supervisor's stop never waits on a stuck client; a second signal exits at once.
 */
/** Returns `stop(code)`, for a subcommand that decides to stop itself (then exits with `code`). */
export function exitOnSignal(close: () => Promise<void>, graceMs = 1500): (code?: number) => void {
  let stopping = false;
  const stop = (code = 0) => {
    if (stopping) {
      process.stderr.write('openai-mock: second signal, exiting now\n');
      process.exit(130);
    }
    stopping = true;
    setTimeout(() => {
      process.stderr.write(`openai-mock: closing took longer than ${graceMs} ms, exiting\n`);
      process.exit(1);
    }, graceMs).unref();
    close().then(
      () => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`openai-mock: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  return stop;
}
