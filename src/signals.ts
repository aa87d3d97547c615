/** Resolves when the process is asked to stop: Ctrl+C (SIGINT) or a service manager's SIGTERM. */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
