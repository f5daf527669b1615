// A reader that goes away (`marginalia check | head -1`) is not an error of
// ours: end at once, without a stack trace, as a tool killed by SIGPIPE does.
// (Node ignores SIGPIPE, so without this a write fails with EPIPE and the
// error event, unhandled, prints a trace.)

/** 128 + SIGPIPE: the status a shell shows for a writer whose reader closed. */
export const CLOSED_PIPE_STATUS = 141;

const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ECONNRESET']);

export function endQuietlyOnClosedPipes(exit: (code: number) => void = (code) => process.exit(code)): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (CLOSED.has(error.code ?? '')) exit(CLOSED_PIPE_STATUS);
    else throw error;
  });
  // Nowhere left to say anything: the status tells.
  process.stderr.on('error', () => exit(CLOSED_PIPE_STATUS));
}
